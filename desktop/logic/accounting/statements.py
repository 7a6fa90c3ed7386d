"""Reading 試算表 / 決算書 exports (CSV or TSV) into account rows, whatever the software.

Layouts (../shared/domain/accounting-import.md §1): vendor reports with title lines, then a header
row naming the account and amount columns; and the e-Tax 財務諸表 CSV (HOT010 Ver3.0), whose rows
are 科目名, 金額, 行区分, 階層, 勘定科目コード. Both are found by content, never by position.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from desktop.logic.case.amounts import AmountError, Unit, parse_yen
from desktop.logic.case.dates import DateError, parse_date
from desktop.logic.case.files import read_bounded

# A real 試算表 is a few hundred lines; anything much larger is not one (and must not be read whole).
MAX_FILE_BYTES = 2 * 1024 * 1024
_HEADER_SEARCH_LINES = 30

RowKind = Literal["detail", "subtotal", "title"]


class StatementError(Exception):
    """A file that cannot be read as a statement; the message names the file (and line)."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        where = f"{Path(path).name}（{line}行目）" if line else Path(path).name
        super().__init__(f"{where}：{message}")
        self.path = Path(path)
        self.line = line


@dataclass(frozen=True)
class AccountRow:
    file: str
    line: int
    name: str           # as printed (NFKC-folded, spaces removed)
    amount: int | None  # yen, after the unit is applied; None for a title row
    kind: RowKind
    code: str | None = None  # e-Tax 勘定科目コード

    @property
    def where(self) -> str:
        """「BS.csv 12行目」: where the adviser finds the row in the file."""
        return f"{self.file} {self.line}行目"

    @property
    def named_where(self) -> str:
        """「売掛金（BS.csv 12行目）」"""
        return f"{self.name}（{self.where}）"


@dataclass(frozen=True)
class Statement:
    path: Path
    rows: list[AccountRow]
    # The unit the file states (e-Tax files are always yen); None when it says nothing.
    unit: Unit | None
    layout: Literal["etax", "table"]
    problems: list[str]  # lines with an amount we could not read, as sentences
    period_end: dt.date | None = None  # e-Tax 事業年度（至）


_NAME_HEADERS = ("勘定科目名", "勘定科目", "科目名", "表示科目", "科目")
# Amount columns, best first; within a rank the last column wins (multi-column reports put the
# current figure last, e.g. 前期 / 当期).
_AMOUNT_HEADER_RANKS: tuple[tuple[str, ...], ...] = (
    ("期末残高", "当期末残高", "当期残高"),
    ("残高",),
    ("当期", "当期金額"),
    ("金額",),
)
_NOT_CURRENT = re.compile(r"前|期首|繰越|構成比|比率|%")
_SUBTOTAL = re.compile(r"(合計|小計|総計|計)$|^【.*】$|^\[.*\]$|の部$")
_ETAX_CODE = re.compile(r"^\d{2}[A-Z]\d{6}(-\d+)?$")
_NO_AMOUNT = frozenset({"-", "―", "ー", "‐", "*"})
_ETAX_ROW_KINDS = {"1": "detail", "T": "title", "2": "title"}


def fold(text: str) -> str:
    """An account name or header as compared: NFKC, no spaces of any width, no quotes."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).strip('"')


def read_statement(path: Path | str, unit: Unit | None = None) -> Statement:
    """Read one exported file. unit: the adviser's answer when the file does not say (yen is
    assumed for reading only until then; the preview asks)."""
    path = Path(path)
    text = _decode(path)
    lines = _split(text)
    if not lines:
        raise StatementError(path, "中身が空です。")
    if _is_etax(lines):
        return _read_etax(path, lines)
    return _read_table(path, lines, unit)


def parse_period_end(text: str) -> dt.date | None:
    """事業年度（至） as a file states it, 西暦 or 和暦; None when it is not a readable date."""
    try:
        return parse_date(text)
    except DateError:
        return None


def _decode(path: Path) -> str:
    data = read_bounded(path, MAX_FILE_BYTES, error=StatementError,
                        usual=f"試算表・決算書の CSV は通常 {MAX_FILE_BYTES // 1024 // 1024} MB 未満です")
    if data.startswith(b"%PDF"):
        raise StatementError(path, "PDFファイルです。会計ソフトから CSV 形式で書き出したファイルを選んでください。")
    if data[:4] == b"PK\x03\x04":
        raise StatementError(path, "Excel などの圧縮形式のファイルです。CSV 形式で保存し直してから選んでください。")
    if b"\x00" in data:
        raise StatementError(path, "文字のファイル（CSV）ではありません。")
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StatementError(path, "文字コードを判別できません（UTF-8 または Shift_JIS の CSV を選んでください）。")


def _split(text: str) -> list[list[str]]:
    sample = "\n".join(text.splitlines()[:_HEADER_SEARCH_LINES])
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return [[cell.strip() for cell in row] for row in rows]


def _is_etax(lines: list[list[str]]) -> bool:
    head = [row for row in lines[:10] if row]
    if head and head[0][0] == "A" and len(head[0]) > 1 and head[0][1] in ("BS", "PL", "SC", "SS", "NT"):
        return True
    coded = [row for row in lines if len(row) >= 5 and _ETAX_CODE.match(row[4])]
    return len(coded) >= max(3, len([r for r in lines if any(r)]) // 2)


def _read_etax(path: Path, lines: list[list[str]]) -> Statement:
    rows: list[AccountRow] = []
    problems: list[str] = []
    period_end = None
    for number, cells in enumerate(lines, start=1):
        if not cells or not any(cells):
            continue
        if cells[0] == "C2" and len(cells) > 1:
            period_end = parse_period_end(cells[1])
            continue
        if len(cells) < 5 or not _ETAX_CODE.match(cells[4]):
            continue
        kind = _ETAX_ROW_KINDS.get(cells[2], "detail")
        name = fold(cells[0])
        amount = None
        if kind == "detail":
            amount, problem = _amount(cells[1], Unit.YEN, name, number)
            if problem:
                problems.append(problem)
                continue
            if amount is None:
                continue
            if _SUBTOTAL.search(name):
                kind = "subtotal"
        rows.append(AccountRow(path.name, number, name, amount, kind, cells[4]))
    if not any(row.amount is not None for row in rows):
        raise StatementError(path, "e-Tax の財務諸表 CSV の形ですが、金額の行がありません。")
    return Statement(path, rows, Unit.YEN, "etax", problems, period_end)


def _read_table(path: Path, lines: list[list[str]], unit: Unit | None) -> Statement:
    header_at, name_col, amount_col = _find_header(path, lines)
    stated = _stated_unit(lines[:header_at + 1])
    applied = stated or unit or Unit.YEN
    rows: list[AccountRow] = []
    problems: list[str] = []
    for number, cells in enumerate(lines[header_at + 1:], start=header_at + 2):
        if len(cells) <= max(name_col, amount_col):
            continue
        name = fold(cells[name_col])
        if not name:
            continue
        amount, problem = _amount(cells[amount_col], applied, name, number)
        if problem:
            problems.append(problem)
            continue
        if amount is None:
            rows.append(AccountRow(path.name, number, name, None, "title"))
            continue
        kind: RowKind = "subtotal" if _SUBTOTAL.search(name) else "detail"
        rows.append(AccountRow(path.name, number, name, amount, kind))
    if not any(row.amount is not None for row in rows):
        raise StatementError(path, "見出し行の下に金額の行がありません。", header_at + 1)
    return Statement(path, rows, stated, "table", problems)


def _find_header(path: Path, lines: list[list[str]]) -> tuple[int, int, int]:
    for index, cells in enumerate(lines[:_HEADER_SEARCH_LINES]):
        folded = [fold(cell) for cell in cells]
        name_col = next((i for i, cell in enumerate(folded) if cell in _NAME_HEADERS), None)
        if name_col is None:
            continue
        for rank in _AMOUNT_HEADER_RANKS:
            matches = [i for i, cell in enumerate(folded)
                       if i != name_col and any(h in cell for h in rank) and not _NOT_CURRENT.search(cell)]
            if matches:
                return index, name_col, matches[-1]
    raise StatementError(path, "見出し行（「勘定科目」と「期末残高」「金額」などの列名）が見つかりません。"
                               "会計ソフトの試算表・決算書を CSV で書き出したファイルか確認してください。")


def _stated_unit(lines: list[list[str]]) -> Unit | None:
    text = fold(" ".join(" ".join(row) for row in lines))
    if "千円" in text:
        return Unit.THOUSAND
    if "百万円" in text:
        return Unit.MILLION
    if re.search(r"単位[:：]?円|\(円\)", text):
        return Unit.YEN
    return None


def _amount(cell: str, unit: Unit, name: str, line: int) -> tuple[int | None, str | None]:
    """The cell's amount in yen, or a sentence saying why it could not be read."""
    if fold(cell) in _NO_AMOUNT:
        return None, None
    try:
        return parse_yen(cell, unit), None
    except AmountError:
        return None, f"{line}行目「{name}」の金額「{cell}」を読み取れませんでした。"
