"""The 決算 grid's checks without Qt: figures pasted from a spreadsheet, and whether a period's
balance sheet adds up.

A block copied from Excel arrives as text: rows end in a line break, cells are separated by
tabs, and a cell holding a line break is quoted. Figures are read with parse_yen, so a pasted
cell is read exactly as the same text typed into the field would be.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from desktop.logic.case.amounts import AmountError, Unit, format_yen, normalize_amount_text, parse_yen
from desktop.logic.case.model import Case, Period
from desktop.logic.wizard.editing import (
    PERIOD_COLUMN_LABELS,
    PERIOD_FIELDS,
    SCREEN_PERIOD_ORDER,
    SIGNED_PERIOD_FIELDS,
    set_period_value,
)

# Excel's accounting format shows a zero as a lone dash, and a currency format prefixes ¥.
_ZERO_DASH = "-"
_CURRENCY = "¥\\"


@dataclass(frozen=True)
class PastedCell:
    """One cell of a pasted block: where it goes (offsets from the block's first figure), what
    it said, and its amount in yen (None = blank) or why it could not be read."""

    row: int
    column: int
    text: str
    value: int | None
    problem: str = ""


@dataclass(frozen=True)
class PastedBlock:
    cells: tuple[PastedCell, ...]
    skipped_rows: int = 0  # leading heading rows (period names, dates) left out
    skipped_columns: int = 0  # leading label columns (売上高 …) left out

    @property
    def figures(self) -> tuple[PastedCell, ...]:
        return tuple(c for c in self.cells if not c.problem)

    @property
    def problems(self) -> tuple[PastedCell, ...]:
        return tuple(c for c in self.cells if c.problem)


def is_block(text: str) -> bool:
    """Whether clipboard text holds more than one cell (one copied cell ends in a line break)."""
    return "\t" in text or "\n" in text.rstrip("\r\n") or "\r" in text.rstrip("\r\n")


def split_cells(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text, as Excel and LibreOffice put them on the clipboard."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    if not text:
        return []
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t")]


def read_cell(text: str, unit: Unit) -> int | None:
    """An amount from one pasted cell; raises AmountError with a Japanese message."""
    folded = normalize_amount_text(text).replace(" ", "")
    if folded == _ZERO_DASH:
        return 0
    return parse_yen(folded.lstrip(_CURRENCY), unit)


def read_block(text: str, unit: Unit) -> PastedBlock:
    """Read a pasted block: leading rows and columns holding no amount at all are headings and
    labels (「売上高」「2025年3月期」) and are left out, so a block copied with them lands on the
    figures; every other cell is a figure, a blank, or a problem to report."""
    rows = split_cells(text)
    width = max((len(r) for r in rows), default=0)
    grid = [r + [""] * (width - len(r)) for r in rows]
    readable = [[_readable(cell, unit) for cell in row] for row in grid]
    first_row = next((i for i, row in enumerate(readable) if any(row)), len(grid))
    first_col = next((j for j in range(width) if any(row[j] for row in readable)), width)
    cells = []
    for i, row in enumerate(grid[first_row:]):
        for j, cell in enumerate(row[first_col:]):
            try:
                value = read_cell(cell, unit)
            except AmountError as exc:
                cells.append(PastedCell(i, j, cell, None, str(exc)))
            else:
                cells.append(PastedCell(i, j, cell, value))
    return PastedBlock(tuple(cells), first_row if first_row < len(grid) else 0,
                       first_col if first_col < width else 0)


def _readable(cell: str, unit: Unit) -> bool:
    if not cell.strip():
        return False
    try:
        read_cell(cell, unit)
    except AmountError:
        return False
    return True


def balance_gap(period: Period) -> int | None:
    """資産合計 − (負債合計 + 純資産) in yen; None while any of the three is blank."""
    figures = (period.total_assets_yen, period.total_liabilities_yen, period.net_assets_yen)
    if any(v is None for v in figures):
        return None
    assets, liabilities, net_assets = figures
    return assets - (liabilities + net_assets)


def balance_warning(period: Period, period_label: str, unit: Unit) -> str:
    """A sentence for the adviser when the balance sheet does not add up; '' when it does.

    A statement printed in 千円 rounds each total on its own, so a gap of one unit is the
    rounding, not a typing error, and is not reported.
    """
    gap = balance_gap(period)
    if gap is None or abs(gap) <= unit.factor:
        return ""
    assert period.total_liabilities_yen is not None and period.net_assets_yen is not None
    right = period.total_liabilities_yen + period.net_assets_yen
    return (f"{period_label}：資産合計（{format_yen(period.total_assets_yen, unit)}）と"
            f"負債合計＋純資産（{format_yen(right, unit)}）が一致しません（差 {format_yen(abs(gap), unit)}）。"
            "決算書の数字を確かめてください（このままでも先に進めます）。")


@dataclass(frozen=True)
class PastePlan:
    """What a paste into the 決算 grid will write, and what it will not, in the adviser's words."""

    values: tuple[tuple[int, str, int | None], ...]  # (period index, field, yen or None)
    problems: tuple[str, ...]
    outside: int  # non-blank cells beyond the grid's last row or column
    skipped_headings: bool

    def report(self) -> str:
        """One paragraph for the grid's message area."""
        filled = sum(1 for _i, _f, v in self.values if v is not None)
        cleared = len(self.values) - filled
        parts = [f"{filled}個の数字を貼り付けました" + (f"（空欄{cleared}個は未入力にしました）" if cleared else "") + "。"]
        if self.skipped_headings:
            parts.append("見出しの行・項目名の列は読み飛ばしました。")
        if self.outside:
            parts.append(f"表からはみ出した{self.outside}個は貼り付けていません。")
        if self.problems:
            parts.append("次のセルは読み取れなかったため、元の値のままです：" + "　".join(self.problems))
        return "".join(parts)


def plan_paste(text: str, unit: Unit, period_index: int, field: str) -> PastePlan:
    """Lay a pasted block onto the grid from the cell (period_index, field): its rows go down the
    figures in PERIOD_FIELDS order, its columns rightwards in SCREEN_PERIOD_ORDER."""
    block = read_block(text, unit)
    rows = [f for f, _label in PERIOD_FIELDS]
    labels = dict(PERIOD_FIELDS)
    first_row, first_column = rows.index(field), SCREEN_PERIOD_ORDER.index(period_index)
    values: list[tuple[int, str, int | None]] = []
    problems: list[str] = []
    outside = 0
    for cell in block.cells:
        row, column = first_row + cell.row, first_column + cell.column
        if row >= len(rows) or column >= len(SCREEN_PERIOD_ORDER):
            outside += bool(cell.text.strip())
            continue
        index, name = SCREEN_PERIOD_ORDER[column], rows[row]
        problem = cell.problem
        if not problem and cell.value is not None and cell.value < 0 and name not in SIGNED_PERIOD_FIELDS:
            problem = "この項目にマイナスは入力できません。"
        if problem:
            problems.append(f"「{cell.text.strip()}」（{labels[name]}・{PERIOD_COLUMN_LABELS[index]}）{problem}")
        else:
            values.append((index, name, cell.value))
    return PastePlan(tuple(values), tuple(problems), outside,
                     bool(block.skipped_rows or block.skipped_columns))


def apply_paste(case: Case, plan: PastePlan) -> None:
    """Write a planned paste into the case (one edit, so one undo)."""
    for index, field, value in plan.values:
        set_period_value(case, index, field, value)
