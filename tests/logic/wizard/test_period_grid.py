"""Pasting 決算書 figures from a spreadsheet, and the balance-sheet check, without Qt."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.logic.case.amounts import AmountError, Unit, parse_yen
from desktop.logic.case.model import Case
from desktop.logic.wizard import period_grid
from desktop.logic.wizard.editing import PERIOD_FIELDS
from tests.builders import period

# The ways a 決算書 in Excel writes a figure, and what it means in 千円.
EXCEL_CELLS = [
    ("1,234", 1_234_000), ("▲1,234", -1_234_000), ("△500", -500_000), ("-500", -500_000),
    ("(1,234)", -1_234_000), ("１，２３４", 1_234_000), ("2,000千円", 2_000_000), ("3百万円", 3_000_000),
    ("-", 0), ("－", 0), ("¥1,234", 1_234_000), (" 1,234 ", 1_234_000), ("", None),
]


@pytest.mark.parametrize(("text", "yen"), EXCEL_CELLS)
def test_a_cell_reads_as_the_same_text_typed(text: str, yen: int | None) -> None:
    assert period_grid.read_cell(text, Unit.THOUSAND) == yen


def test_a_pasted_row_in_one_field_is_named_as_several_cells_not_a_comma_error() -> None:
    with pytest.raises(AmountError, match="複数のセル"):
        parse_yen("386,000\t371,000", Unit.THOUSAND)


def test_excel_rows_with_a_trailing_line_break_and_quoted_cells_split_into_cells() -> None:
    assert period_grid.split_cells("1,000\t2,000\r\n3,000\t4,000\r\n") == [["1,000", "2,000"], ["3,000", "4,000"]]
    assert period_grid.split_cells('"売上\n高"\t1,000\n') == [["売上\n高", "1,000"]]
    assert period_grid.split_cells("") == []
    assert period_grid.is_block("1,000\t2,000") and period_grid.is_block("1\n2\n")
    assert not period_grid.is_block("1,000\r\n")  # one copied cell


def test_headings_and_label_columns_are_left_out_so_figures_land_in_order() -> None:
    text = "\t2024年3月期\t2025年3月期\r\n売上高\t392,000\t371,000\r\n営業利益\t▲12,500\tabc\r\n"
    block = period_grid.read_block(text, Unit.THOUSAND)
    assert (block.skipped_rows, block.skipped_columns) == (1, 1)
    assert [(c.row, c.column, c.value) for c in block.figures] == [
        (0, 0, 392_000_000), (0, 1, 371_000_000), (1, 0, -12_500_000)]
    [problem] = block.problems
    assert (problem.row, problem.column, problem.text) == (1, 1, "abc")
    assert "金額として読み取れません" in problem.problem


def test_a_block_of_nothing_readable_pastes_nothing_and_says_so() -> None:
    plan = period_grid.plan_paste("abc\tdef\n", Unit.THOUSAND, 0, "revenue_yen")
    assert plan.values == ()
    assert "0個の数字を貼り付けました" in plan.report()


AMOUNT_STYLES = [
    lambda v: f"{v:,}",
    lambda v: f"▲{-v:,}" if v < 0 else f"{v:,}",
    lambda v: f"△{-v}" if v < 0 else str(v),
    lambda v: f"({-v:,})" if v < 0 else f"{v:,}",
    lambda v: (f"-{-v:,}" if v < 0 else f"{v:,}").translate(str.maketrans("0123456789,-", "０１２３４５６７８９，－")),
]


@given(st.lists(st.lists(st.tuples(st.integers(-10**9, 10**9), st.sampled_from(range(len(AMOUNT_STYLES)))),
                         min_size=3, max_size=3), min_size=1, max_size=len(PERIOD_FIELDS)))
def test_any_block_of_excel_figures_reads_back_cell_for_cell(rows: list[list[tuple[int, int]]]) -> None:
    text = "".join("\t".join(AMOUNT_STYLES[style](v) for v, style in row) + "\r\n" for row in rows)
    block = period_grid.read_block(text, Unit.THOUSAND)
    assert block.problems == ()
    assert [[c.value for c in block.cells if c.row == r] for r in range(len(rows))] == [
        [v * 1000 for v, _style in row] for row in rows]


def test_a_row_pasted_on_the_oldest_column_fills_oldest_to_newest() -> None:
    plan = period_grid.plan_paste("300\t200\t100\t999\n", Unit.THOUSAND, 2, "revenue_yen")
    assert plan.values == ((2, "revenue_yen", 300_000), (1, "revenue_yen", 200_000), (0, "revenue_yen", 100_000))
    assert plan.outside == 1 and "はみ出した1個" in plan.report()


def test_a_column_pasted_goes_down_the_figures_and_refuses_a_minus_where_none_is_allowed() -> None:
    plan = period_grid.plan_paste("1,000\n▲50\n▲30\n", Unit.THOUSAND, 0, "revenue_yen")
    assert plan.values == ((0, "revenue_yen", 1_000_000), (0, "operating_profit_yen", -50_000),
                           (0, "ordinary_profit_yen", -30_000))
    assert plan.problems == ()
    plan = period_grid.plan_paste("▲1,000\n▲50\n", Unit.THOUSAND, 0, "revenue_yen")
    assert plan.values == ((0, "operating_profit_yen", -50_000),)
    assert plan.problems == ("「▲1,000」（売上高・直近期）この項目にマイナスは入力できません。",)
    assert "元の値のまま" in plan.report()


def test_applying_a_paste_creates_the_periods_it_needs() -> None:
    c = Case.new(dt.date(2026, 11, 24))
    plan = period_grid.plan_paste("300\t200\t100\n", Unit.THOUSAND, 2, "revenue_yen")
    period_grid.apply_paste(c, plan)
    assert [p.revenue_yen for p in c.periods] == [100_000, 200_000, 300_000]
    assert [p.fiscal_year_end.year for p in c.periods] == [2026, 2025, 2024]


def test_balance_gap_is_reported_beyond_the_rounding_of_a_statement_in_thousands() -> None:
    p = period(2026, total_assets_yen=400_000_000, total_liabilities_yen=250_000_000, net_assets_yen=150_000_000)
    assert period_grid.balance_gap(p) == 0
    assert period_grid.balance_warning(p, "直近期", Unit.THOUSAND) == ""
    rounded = p.model_copy(update={"net_assets_yen": 149_999_000})
    assert period_grid.balance_warning(rounded, "直近期", Unit.THOUSAND) == ""
    wrong = p.model_copy(update={"net_assets_yen": 140_000_000})
    assert period_grid.balance_gap(wrong) == 10_000_000
    assert period_grid.balance_warning(wrong, "直近期", Unit.THOUSAND) == (
        "直近期：資産合計（400,000千円）と負債合計＋純資産（390,000千円）が一致しません（差 10,000千円）。"
        "決算書の数字を確かめてください（このままでも先に進めます）。")
    assert period_grid.balance_gap(p.model_copy(update={"net_assets_yen": None})) is None
