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
