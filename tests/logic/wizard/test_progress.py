"""The page list's marks: blanks per page, 未確認 on the checksheet (no Qt)."""

from __future__ import annotations

import datetime as dt

from desktop.logic.case.demo import demo_cases
from desktop.logic.case.model import Case, Loan, Period
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.wizard import progress
from desktop.logic.wizard.editing import PERIOD_FIELDS, set_answer

TODAY = dt.date(2026, 11, 24)


def test_a_new_case_has_blanks_on_every_input_page():
    c = Case.new(TODAY)
    marks = progress.page_progress(c, evaluate(c).checksheet)
    assert marks["start"].mark == "✓"
    assert marks["company"].blanks == len(progress.COMPANY_FIELDS) + 1  # + the goals
    assert marks["lenders"].mark == "未入力 1"
    assert marks["financials"].blanks == 1
    assert marks["routes"].mark == "未選択 1"
    assert marks["negotiation"].blanks == 2
    assert marks["governance"].word == "未確認"
    assert "output" not in marks


def test_filling_answers_lowers_the_count_to_done():
    c = Case.new(TODAY)
    assert progress.company_blanks(c) == 9
    c.company.name = "株式会社テスト"
    c.company.representative_names = ["山田太郎"]
    assert progress.company_blanks(c) == 7
    c.loans = [Loan(lender="", balance_yen=None), Loan(lender="あいち銀行", balance_yen=0)]
    assert progress.lender_blanks(c) == 2  # a zero balance is an answer, not a blank
    c.periods = [Period(fiscal_year_end=dt.date(2026, 3, 31), revenue_yen=1)]
    assert progress.financial_blanks(c) == len(PERIOD_FIELDS) - 1
    c.selected_routes = ["R1"]
    c.negotiation.counterparty = "あいち銀行"
    c.negotiation.requests = ["release"]
    marks = progress.page_progress(c, None)
    assert (marks["routes"].mark, marks["negotiation"].mark) == ("✓", "✓")
    assert "governance" not in marks  # no assessment, no count


def test_governance_counts_items_neither_answered_nor_decided_by_figures():
    for c in demo_cases().values():
        checksheet = evaluate(c).checksheet
        unknown = [r for r in checksheet.results.values() if r.status_label == "未確認"]
        assert progress.unconfirmed_items(checksheet) == len(unknown)
    c = demo_cases()["startup"]
    checksheet = evaluate(c).checksheet
    unknown = next(r for r in checksheet.results.values() if r.status == "unknown" and r.item.mode == "SELF")
    set_answer(c, unknown.id, "yes", "")
    assert progress.unconfirmed_items(evaluate(c).checksheet) == progress.unconfirmed_items(checksheet) - 1
