"""Small builders for test cases: a healthy company by default, changed with keyword overrides."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.logic.case.model import (
    Answer,
    BusinessAsset,
    Case,
    Company,
    Declarations,
    Loan,
    Period,
    PlannedLoan,
    Situation,
)
from desktop.logic.rules.checksheet import evaluate_checksheet
from desktop.logic.rules.indicators import compute_indicators
from desktop.logic.rules.routes.base import RouteContext

APP_DATE = dt.date(2026, 11, 24)


def period(year: int, **overrides: Any) -> Period:
    """A healthy March year-end period; override any field."""
    values: dict[str, Any] = dict(
        fiscal_year_end=dt.date(year, 3, 31),
        revenue_yen=500_000_000, operating_profit_yen=30_000_000, ordinary_profit_yen=28_000_000,
        depreciation_yen=10_000_000, interest_dividend_income_yen=500_000, interest_expense_yen=2_000_000,
        total_assets_yen=400_000_000, total_liabilities_yen=250_000_000, net_assets_yen=150_000_000,
        capital_stock_yen=20_000_000, cash_yen=80_000_000, short_term_borrowings_yen=40_000_000,
        long_term_borrowings_yen=120_000_000, bonds_yen=0, receivables_yen=70_000_000,
        inventory_yen=30_000_000, payables_yen=40_000_000, loans_to_representative_yen=0,
        other_receivables_from_representative_yen=0, officer_compensation_yen=12_000_000, dividends_yen=0,
    )
    values.update(overrides)
    return Period(**values)


ALL_YES = ["GL-0.1", "GL-0.2", "GL-0.3", "GL-0.4", "GL-1.2", "GL-1.4", "GL-1.5", "GL-1.6", "GL-2.2",
           "GL-3.1", "GL-3.2", "GL-3.3", "GL-3.4", "GL-3.5", "GL-3.7", "GC-1.1", "GC-1.2", "GC-1.3"]


def case(**overrides: Any) -> Case:
    """A healthy corporation with three closed periods, all self-declarations answered yes."""
    values: dict[str, Any] = dict(
        assessment_date=APP_DATE,
        application_date=APP_DATE,
        company=Company(name="株式会社テスト製作所", is_corporation=True, incorporated_on=dt.date(2005, 4, 1),
                        fiscal_year_end_month=3, employees=40, capital_yen=20_000_000,
                        first_tax_filing_done=True, prefecture="東京都", representative_names=["山田太郎"]),
        situation=Situation(planned_loan=PlannedLoan(lender="みらい銀行", amount_yen=30_000_000, term_months=60,
                                                     grace_months=6)),
        loans=[Loan(lender="みらい銀行", lender_kind="bank", balance_yen=100_000_000, owner_guarantee=True)],
        business_assets=[BusinessAsset(name="本社工場", owner="company")],
        periods=[period(2026), period(2025), period(2024)],
        answers={item: Answer(answer="yes") for item in ALL_YES},
        declarations=Declarations(docs_submitted_2y=True, pledge_continuous=True, wishes_no_guarantee=True),
    )
    values.update(overrides)
    return Case(**values)


def context(c: Case) -> RouteContext:
    indicators = compute_indicators(c)
    return RouteContext(c, indicators, evaluate_checksheet(c, indicators))


def with_p0(c: Case, **overrides: Any) -> Case:
    """The case with its newest period changed."""
    periods = c.sorted_periods()
    periods[0] = periods[0].model_copy(update=overrides)
    return c.model_copy(update={"periods": periods})


def long_text(length: int, *, short_lines: bool = False) -> str:
    """Text of exactly `length` characters: prose, or lines of a few characters (the hardest
    case for a table cell: every line is a row of the cell's height)."""
    unit = "短い行\n" if short_lines else "経営者保証の解除に向けて、毎月の試算表を金融機関に提出します。"
    return (unit * (length // len(unit) + 1))[:length]


def maximal_case(base: Case, *, short_lines: bool = False, every_note: bool = True) -> Case:
    """The case with every free-text field the packet prints at the model's limit and every
    name at its longest (issue 11's stress case). every_note=False fills one governance note
    and one action only (the lengths that used to stop the packet), for a quicker run."""
    from desktop.logic.case.model import MEMO_MAX, NAME_MAX, NOTE_MAX, Action
    from desktop.logic.rules.checksheet import load_checksheet

    c = base.model_copy(deep=True)
    note = long_text(NOTE_MAX, short_lines=short_lines)
    c.company.name = "株" * NAME_MAX
    c.company.industry = "業" * NAME_MAX
    c.company.representative_names = ["山" * NAME_MAX, "川" * NAME_MAX]
    for key in ("counterparty", "branch", "contact_person", "preparer"):
        setattr(c.negotiation, key, "銀" * NAME_MAX)
    c.negotiation.notes = long_text(MEMO_MAX, short_lines=short_lines)
    for loan in c.loans:
        loan.lender = loan.lender[:1] + "貸" * (NAME_MAX - 1)
    c.situation.planned_loan.lender = "予" * NAME_MAX
    items = load_checksheet().items()
    for item in items if every_note else items[:1]:
        c.answers[item.id] = Answer(answer="no", note=note)
    c.negotiation.actions = [Action(item_id=item.id, action=note, owner="担" * NAME_MAX, due=dt.date(2027, 3, 31))
                             for item in (items if every_note else items[:1])]
    return c
