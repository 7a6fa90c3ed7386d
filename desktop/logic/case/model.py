"""The case file's data model (SPEC §3, format version 1).

Field names are stable: add fields freely (with defaults), never rename without a migration.
Amounts are integer yen; unknown is None, never 0.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from desktop.logic.case.amounts import MAX_YEN
from desktop.logic.case.dates import MAX_DATE, MIN_DATE

FORMAT_VERSION = 1
FILE_SUFFIX = ".hnavi"

# Bounded like the input fields (amounts.MAX_YEN), so no file can carry an absurd figure.
Yen = Annotated[int, Field(gt=-MAX_YEN, lt=MAX_YEN)] | None
NonNegYen = Annotated[int, Field(ge=0, lt=MAX_YEN)] | None
# Dates within the one range the rules can calculate with (dates.MIN_DATE … MAX_DATE).
Day = Annotated[dt.date, Field(ge=MIN_DATE, le=MAX_DATE)]
# Text lengths, far above real use (a note is a line or two, the memo a page) so that no
# earlier file is refused, yet bounded: with the list limits a case stays under
# files.MAX_CASE_BYTES, and the packet test fills every field to these limits.
NAME_MAX = 100
NOTE_MAX = 2000
MEMO_MAX = 10000
ROWS_MAX = 100
HISTORY_MAX = 1000  # one snapshot per assessment day


def _null_as_empty(value: object) -> object:
    return "" if value is None else value


# Free text: SPEC §3 writes unknown as null, so files from other tools or hand edits may carry null
# where we write "". Read null as empty text; the model holds "", so null is never written back.
Text = Annotated[str, BeforeValidator(_null_as_empty)]
Name = Annotated[Text, Field(max_length=NAME_MAX)]
Note = Annotated[Text, Field(max_length=NOTE_MAX)]
Memo = Annotated[Text, Field(max_length=MEMO_MAX)]


class _Model(BaseModel):
    # strict + JSON mode: "12_345" or 12345.0 for an int field are refused (engineering notes §5).
    # hide_input_in_errors: a refused value (a client's figure or name) never reaches a log.
    model_config = ConfigDict(strict=True, extra="forbid", validate_assignment=True, defer_build=True,
                              hide_input_in_errors=True)


GoalId = Literal["release_existing", "new_loan_without_guarantee", "review_guarantee_amount"]
LenderKind = Literal["bank", "shinkin", "cgc_guaranteed", "jfc", "shokochukin", "other"]
Collateral = Literal["none", "real_estate", "receivables", "other"]
AssetOwner = Literal["company", "representative", "family", "third_party"]
AnswerValue = Literal["yes", "partly", "no", "unknown"]
RequestKind = Literal["release", "new_without_guarantee", "review_amount", "alternative"]


class Company(_Model):
    name: Name = ""
    name_kana: Name = ""
    representative_names: Annotated[list[Name], Field(max_length=ROWS_MAX)] = Field(default_factory=list)
    prefecture: Name | None = None
    industry: Name = ""
    is_corporation: bool = True
    # For a company still being founded (founding_planned), the planned incorporation date.
    incorporated_on: Day | None = None
    founding_planned: bool = False
    fiscal_year_end_month: Annotated[int, Field(ge=1, le=12)] | None = None
    employees: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    capital_yen: NonNegYen = None
    first_tax_filing_done: bool | None = None
    # 法人成り: the sole-proprietor business the company continues (start-up age counts from here).
    sole_proprietor_started_on: Day | None = None
    # Founding under a municipality's 認定特定創業支援等事業 (6 months to incorporate, not 2).
    certified_founding_support: bool = False


class Succession(_Model):
    status: Literal["none", "planned", "done"] = "none"
    planned_by: Day | None = None
    done_on: Day | None = None
    has_cgc_plan_form: bool = False
    former_manager_keeps_control: bool | None = None
    both_guarantee_now: bool | None = None
    # Date of the first 事業承継特別保証 loan, if the company used the scheme before (3-year reuse window).
    previous_special_guarantee_on: Day | None = None
    # The company asked its banks to waive the guarantee at succession and bank funding became
    # difficult as a result (日本公庫 事業承継・集約・活性化支援資金, reference §D.10); None = not asked.
    banks_refused_without_guarantee: bool | None = None


class Startup(_Model):
    total_funds_yen: NonNegYen = None
    own_funds_yen: NonNegYen = None
    proper_loan_with_bank: bool = False


class PlannedLoan(_Model):
    lender: Name = ""
    amount_yen: NonNegYen = None
    term_months: Annotated[int, Field(ge=1, le=600)] | None = None
    grace_months: Annotated[int, Field(ge=0, le=120)] = 0
    repayment: Literal["equal_principal", "lump_sum"] = "equal_principal"
    cgc_rate_class: Annotated[int, Field(ge=1, le=9)] | None = None
    coordinator_confirmed: bool = False
    # The lender's own answers; None = not asked yet.
    bank_parallel_proper_loan: bool | None = None
    bank_releases_proper_guarantees: bool | None = None
    offers_real_estate_collateral: bool = False
    uses_receivables_inventory_collateral: bool = False


class Situation(_Model):
    goals: list[GoalId] = Field(default_factory=list)
    succession: Succession = Field(default_factory=Succession)
    startup: Startup = Field(default_factory=Startup)
    planned_loan: PlannedLoan = Field(default_factory=PlannedLoan)


class Loan(_Model):
    lender: Name = ""
    lender_kind: LenderKind = "bank"
    balance_yen: NonNegYen = None
    owner_guarantee: bool = True
    collateral: Collateral = "none"
    rescheduled: bool = False

    @property
    def is_proper(self) -> bool:
        """A lender's own loan, without a 保証協会 guarantee (プロパー融資)."""
        return self.lender_kind in ("bank", "shinkin", "shokochukin")


class BusinessAsset(_Model):
    name: Name = ""
    owner: AssetOwner = "company"
    lease_contract: bool = False
    annual_rent_yen: NonNegYen = None


class Period(_Model):
    fiscal_year_end: Day
    revenue_yen: Yen = None
    operating_profit_yen: Yen = None
    ordinary_profit_yen: Yen = None
    depreciation_yen: NonNegYen = None
    interest_dividend_income_yen: NonNegYen = None
    interest_expense_yen: NonNegYen = None
    total_assets_yen: NonNegYen = None
    total_liabilities_yen: NonNegYen = None
    net_assets_yen: Yen = None
    capital_stock_yen: NonNegYen = None
    cash_yen: NonNegYen = None
    short_term_borrowings_yen: NonNegYen = None
    long_term_borrowings_yen: NonNegYen = None
    bonds_yen: NonNegYen = None
    receivables_yen: NonNegYen = None
    inventory_yen: NonNegYen = None
    payables_yen: NonNegYen = None
    loans_to_representative_yen: NonNegYen = None
    other_receivables_from_representative_yen: NonNegYen = None
    officer_compensation_yen: NonNegYen = None
    dividends_yen: NonNegYen = None


# The figures of one period, in the order the 決算 page lists them, with their labels.
PERIOD_FIELDS: tuple[tuple[str, str], ...] = (
    ("revenue_yen", "売上高"),
    ("operating_profit_yen", "営業利益"),
    ("ordinary_profit_yen", "経常利益"),
    ("depreciation_yen", "減価償却費"),
    ("interest_dividend_income_yen", "受取利息・配当金"),
    ("interest_expense_yen", "支払利息"),
    ("total_assets_yen", "資産合計"),
    ("total_liabilities_yen", "負債合計"),
    ("net_assets_yen", "純資産"),
    ("capital_stock_yen", "資本金"),
    ("cash_yen", "現預金"),
    ("short_term_borrowings_yen", "短期借入金"),
    ("long_term_borrowings_yen", "長期借入金"),
    ("bonds_yen", "社債"),
    ("receivables_yen", "売上債権"),
    ("inventory_yen", "棚卸資産"),
    ("payables_yen", "仕入債務"),
    ("loans_to_representative_yen", "代表者への貸付金"),
    ("other_receivables_from_representative_yen", "代表者への仮払金・未収入金等"),
    ("officer_compensation_yen", "役員報酬"),
    ("dividends_yen", "配当金"),
)
# Figures that may be negative; every other period figure is 0 or more (see Period).
SIGNED_PERIOD_FIELDS = frozenset({"operating_profit_yen", "ordinary_profit_yen", "net_assets_yen"})


class Answer(_Model):
    answer: AnswerValue = "unknown"
    note: Note = ""


class Declarations(_Model):
    docs_submitted_2y: bool | None = None
    pledge_continuous: bool | None = None
    wishes_no_guarantee: bool | None = None
    small_or_business_necessary_receivables: bool | None = None


class Action(_Model):
    item_id: Name = ""
    action: Note = ""
    owner: Name = ""
    due: Day | None = None


class Negotiation(_Model):
    counterparty: Name = ""
    branch: Name = ""
    contact_person: Name = ""
    preparer: Name = ""
    requests: list[RequestKind] = Field(default_factory=list)
    actions: Annotated[list[Action], Field(max_length=ROWS_MAX)] = Field(default_factory=list)
    notes: Memo = ""


class Snapshot(_Model):
    assessment_date: Day
    verdicts: Annotated[dict[Name, Name], Field(max_length=ROWS_MAX)] = Field(default_factory=dict)


class Case(_Model):
    format_version: Literal[1] = FORMAT_VERSION
    assessment_date: Day
    application_date: Day
    company: Company = Field(default_factory=Company)
    situation: Situation = Field(default_factory=Situation)
    loans: Annotated[list[Loan], Field(max_length=ROWS_MAX)] = Field(default_factory=list)
    business_assets: Annotated[list[BusinessAsset], Field(max_length=ROWS_MAX)] = Field(default_factory=list)
    periods: Annotated[list[Period], Field(max_length=3)] = Field(default_factory=list)
    answers: Annotated[dict[Name, Answer], Field(max_length=ROWS_MAX)] = Field(default_factory=dict)
    declarations: Declarations = Field(default_factory=Declarations)
    selected_routes: Annotated[list[Name], Field(max_length=ROWS_MAX)] = Field(default_factory=list)
    negotiation: Negotiation = Field(default_factory=Negotiation)
    history: Annotated[list[Snapshot], Field(max_length=HISTORY_MAX)] = Field(default_factory=list)
    # The adviser's own account assignments for this company's accounting exports (account name →
    # period field, "" = not imported), reused at the next import (accounting/mapping.py).
    account_mapping: dict[str, str] = Field(default_factory=dict)

    @classmethod
    def new(cls, today: dt.date) -> Case:
        """An empty case dated today (both 基準日 and 申込予定日 default to today)."""
        return cls(assessment_date=today, application_date=today)

    def sorted_periods(self) -> list[Period]:
        """Closed periods newest first (P0, P1, P2), whatever order they were entered in."""
        return sorted(self.periods, key=lambda p: p.fiscal_year_end, reverse=True)
