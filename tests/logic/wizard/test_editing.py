import datetime as dt

import pytest
from pydantic import ValidationError

from desktop.logic.wizard import editing
from desktop.logic.case.amounts import Unit
from desktop.logic.case.model import Case, Loan
from tests.builders import case


def test_amount_text_keeps_every_yen_in_larger_units():
    assert editing.amount_text(1_234_000, Unit.THOUSAND) == "1,234"
    assert editing.amount_text(1_234_567, Unit.THOUSAND) == "1,234.567"
    assert editing.amount_text(-1_500_000, Unit.MILLION) == "▲1.5"
    assert editing.amount_text(None, Unit.YEN) == ""


def test_default_year_end_uses_fiscal_month_before_assessment_date():
    c = Case.new(dt.date(2026, 11, 24))
    assert editing.default_year_end(c, 0) == dt.date(2026, 3, 31)
    c.company.fiscal_year_end_month = 12
    assert editing.default_year_end(c, 0) == dt.date(2025, 12, 31)
    assert editing.default_year_end(c, 2) == dt.date(2023, 12, 31)
    c.company.fiscal_year_end_month = 2
    assert editing.default_year_end(c, 0) == dt.date(2026, 2, 28)
    assert editing.default_year_end(c, 2) == dt.date(2024, 2, 29)


def test_typing_into_a_later_column_creates_the_columns_before_it():
    c = Case.new(dt.date(2026, 11, 24))
    editing.set_period_value(c, 1, "revenue_yen", 5_000)
    assert [p.fiscal_year_end for p in c.periods] == [dt.date(2026, 3, 31), dt.date(2025, 3, 31)]
    assert c.periods[1].revenue_yen == 5_000
    assert c.periods[0].revenue_yen is None


def test_clearing_a_figure_in_a_missing_column_creates_nothing():
    c = Case.new(dt.date(2026, 11, 24))
    editing.set_period_value(c, 2, "revenue_yen", None)
    assert c.periods == []


def test_period_values_are_validated():
    c = Case.new(dt.date(2026, 11, 24))
    with pytest.raises(ValidationError):
        editing.set_period_value(c, 0, "cash_yen", -1)


def test_remove_and_order_periods():
    c = case()
    editing.remove_period(c, 1)
    assert [p.fiscal_year_end.year for p in c.periods] == [2026, 2024]
    c.periods = list(reversed(c.periods))
    editing.order_periods(c)
    assert [p.fiscal_year_end.year for p in c.periods] == [2026, 2024]


def test_verdict_summary_counts_marks():
    verdicts = {"a": "eligible", "b": "eligible", "c": "not_eligible", "d": "needs_input", "e": "not_applicable"}
    assert editing.verdict_summary(verdicts) == "◎2 ？1 ×1"
    assert editing.verdict_summary({}) == "判定なし"


def test_snapshot_replaces_same_assessment_date():
    c = case()
    editing.record_snapshot(c, {"guideline_release": "eligible"})
    editing.record_snapshot(c, {"guideline_release": "not_eligible"})
    assert len(c.history) == 1
    assert c.history[0].verdicts == {"guideline_release": "not_eligible"}
    c.assessment_date = dt.date(2027, 1, 5)
    editing.record_snapshot(c, {"guideline_release": "eligible"})
    assert [s.assessment_date for s in c.history] == [dt.date(2026, 11, 24), dt.date(2027, 1, 5)]


def test_route_choice_first_choice_goes_first():
    c = case()
    editing.set_route_choice(c, "abl", pursue=True)
    editing.set_route_choice(c, "cgc_financial", pursue=True, first=True)
    assert c.selected_routes == ["cgc_financial", "abl"]
    editing.set_route_choice(c, "abl", pursue=True, first=True)
    assert c.selected_routes == ["abl", "cgc_financial"]
    editing.set_route_choice(c, "abl", pursue=False)
    assert c.selected_routes == ["cgc_financial"]


def test_propose_actions_adds_one_row_per_unmet_item_once():
    c = case()
    unmet = [("GL-1.3", "代表者への貸付金がないこと"), ("GL-3.3", "試算表")]
    assert editing.propose_actions(c, unmet) == 2
    assert editing.propose_actions(c, unmet) == 0
    assert [a.item_id for a in c.negotiation.actions] == ["GL-1.3", "GL-3.3"]


def test_lender_names_lists_each_bank_once_in_the_order_first_named() -> None:
    c = Case.new(dt.date(2026, 11, 24))
    c.loans = [Loan(lender="みなと銀行"), Loan(lender=" "), Loan(lender="あおば信金 "), Loan(lender="みなと銀行")]
    c.situation.planned_loan.lender = "さくら銀行"
    c.negotiation.counterparty = "みなと銀行"
    assert editing.lender_names(c) == ["みなと銀行", "あおば信金", "さくら銀行"]
    assert editing.lender_names(Case.new(dt.date(2026, 11, 24))) == []
