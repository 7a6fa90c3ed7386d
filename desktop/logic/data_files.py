"""Start-up check of every data file the app reads: the rule files, the checksheet, the fee
tables, the packet wording and the accounting-import table. It lives above the layers because it sees all of them; the rules
engine itself never reaches the packet."""

from __future__ import annotations

from desktop.logic.accounting.mapping import load_account_map
from desktop.logic.packet.text import load_packet_text
from desktop.logic.rules.checksheet import load_checksheet
from desktop.logic.rules.fees import load_fee_tables
from desktop.logic.rules.routes import load_all_rules


def validate_data_files() -> None:
    """Load and validate every data file once; raises RuleDataError naming file and key, so a
    bad file stops start-up rather than the first evaluation or print."""
    load_all_rules()
    load_checksheet()
    load_fee_tables()  # every version, not the one valid today: start-up never reads the clock
    load_packet_text()
    load_account_map()
