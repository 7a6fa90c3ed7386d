"""Where the adviser stands: for each wizard page, how many of its answers are still blank
(the side list shows 「未入力 3」 or ✓), without Qt.

Blank means unknown (None or empty), never a value the adviser chose; the count is a guide,
not a rule: routes decide for themselves what they need.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.logic.case.model import Case
from desktop.logic.rules.checksheet import ChecksheetResult
from desktop.logic.wizard.editing import PERIOD_FIELDS

# Company answers every case needs (the rest depend on the situation and may stay blank).
COMPANY_FIELDS = ("name", "representative_names", "prefecture", "industry", "incorporated_on",
                  "fiscal_year_end_month", "employees", "capital_yen")


@dataclass(frozen=True)
class PageProgress:
    """blanks: answers still missing; word: what they are called (未入力, or 未確認 on the checksheet)."""

    blanks: int
    word: str = "未入力"

    @property
    def mark(self) -> str:
        return f"{self.word} {self.blanks}" if self.blanks else "✓"


def _blank(value: object) -> bool:
    return value is None or value == "" or value == []


def company_blanks(case: Case) -> int:
    missing = sum(_blank(getattr(case.company, name)) for name in COMPANY_FIELDS)
    return missing + _blank(case.situation.goals)


def lender_blanks(case: Case) -> int:
    if not case.loans:
        return 1
    return sum(_blank(loan.lender) + _blank(loan.balance_yen) for loan in case.loans)


def financial_blanks(case: Case) -> int:
    """Figures left blank in the periods entered; no period at all counts as one blank."""
    if not case.periods:
        return 1
    return sum(_blank(getattr(period, field)) for period in case.periods for field, _label in PERIOD_FIELDS)


def unconfirmed_items(checksheet: ChecksheetResult) -> int:
    """Checksheet items neither answered nor decided by the figures (shown as 未確認)."""
    return sum(result.status == "unknown" for result in checksheet.results.values())


def negotiation_blanks(case: Case) -> int:
    return _blank(case.negotiation.counterparty) + _blank(case.negotiation.requests)


def page_progress(case: Case, checksheet: ChecksheetResult | None) -> dict[str, PageProgress]:
    """The mark of every page that has answers to give, by page key (pages without any,
    such as 出力, are left out). checksheet: the latest assessment's, or None if there is none."""
    progress = {
        "start": PageProgress(0),
        "company": PageProgress(company_blanks(case)),
        "lenders": PageProgress(lender_blanks(case)),
        "financials": PageProgress(financial_blanks(case)),
        "routes": PageProgress(int(not case.selected_routes), "未選択"),
        "negotiation": PageProgress(negotiation_blanks(case)),
    }
    if checksheet is not None:
        progress["governance"] = PageProgress(unconfirmed_items(checksheet), "未確認")
    return progress
