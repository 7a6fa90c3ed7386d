"""Start-up check of every data file the app reads: the rule files, the checksheet, the fee
tables, the packet wording and the accounting-import table. It lives above the layers because it sees all of them; the rules
engine itself never reaches the packet."""

from __future__ import annotations

from desktop.logic.accounting.mapping import load_account_map
from desktop.logic.packet.text import load_packet_text
from desktop.logic.rules.checksheet import load_checksheet
from desktop.logic.rules.fees import load_fee_tables
from desktop.logic.rules.routes import load_all_rules
from desktop.logic.rules.sources import bibliography


def validate_data_files() -> None:
    """Load and validate every data file once; raises RuleDataError naming file and key, so a
    bad file stops start-up rather than the first evaluation or print."""
    load_all_rules()
    sheet = load_checksheet()
    load_fee_tables()  # every version, not the one valid today: start-up never reads the clock
    wording = load_packet_text()
    load_account_map()
    # Every document the checksheet and the packet wording cite must be in sources.toml.
    bibliography([sheet.source, *(i.source for i in sheet.items()), *(n.source for n in wording.notices),
                  wording.explanation_request.source, wording.coordinator.source,
                  *(d.source for d in wording.documents), *(c.source for c in wording.contacts)])
