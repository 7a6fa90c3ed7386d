"""From account rows to the case's period figures: the preview the adviser confirms, and applying it.

Which account feeds which field is data (resources/accounting_map.toml, with its sources); the
adviser's own assignments for a company (Case.account_mapping) come first and are kept in the case
file, so next year's import of the same software's export needs no corrections.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel, ConfigDict, field_validator

from desktop.logic.accounting.statements import AccountRow, Statement
from desktop.logic.case.amounts import Unit, format_yen
from desktop.logic.case.model import PERIOD_FIELDS, SIGNED_PERIOD_FIELDS, Case, Period
from desktop.logic.rules.console_report import text_table
from desktop.logic.rules.data import read_toml, validate_toml

MAP_FILE = "accounting_map.toml"
LABELS = dict(PERIOD_FIELDS)
# An assignment to this value means 「取り込まない」 (the adviser excluded the account).
IGNORE = ""


class FieldRule(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    total: list[str] = []
    parts: list[str] = []
    review: list[str] = []
    total_codes: list[str] = []
    parts_codes: list[str] = []
    review_codes: list[str] = []
    signed: bool = False

    @field_validator("total", "parts", "review")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            re.compile(pattern)
        return patterns


class AccountMap(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    source: str
    checked_on: dt.date
    confidence: str
    fields: dict[str, FieldRule]

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, fields: dict[str, FieldRule]) -> dict[str, FieldRule]:
        unknown = set(fields) - set(LABELS)
        if unknown:
            raise ValueError(f"決算の項目にない名前です: {', '.join(sorted(unknown))}")
        return fields


@cache
def load_account_map() -> AccountMap:
    return validate_toml(MAP_FILE, AccountMap, read_toml(MAP_FILE, "勘定科目の対応表"))


@dataclass
class FieldImport:
    field: str
    value: int | None = None
    rows: list[AccountRow] = field(default_factory=list)
    # Rows of the field's parts that a total row already covers (shown, not added).
    covered: list[AccountRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS[self.field]


@dataclass(frozen=True)
class ReviewRow:
    row: AccountRow
    suggested: str  # the field it may belong to


@dataclass
class ImportPreview:
    fields: dict[str, FieldImport]
    review: list[ReviewRow]
    unread: list[AccountRow]
    ignored: list[AccountRow]  # rows the company's assignments exclude
    warnings: list[str]
    problems: list[str]

    def values(self) -> dict[str, int]:
        return {key: item.value for key, item in self.fields.items() if item.value is not None}


def _role(row: AccountRow, rule: FieldRule, role: str) -> bool:
    codes: list[str] = getattr(rule, f"{role}_codes")
    if row.code and row.code in codes:
        return True
    return any(re.search(pattern, row.name) for pattern in getattr(rule, role))


def build_preview(statements: list[Statement], assignments: dict[str, str] | None = None) -> ImportPreview:
    """What importing these files would put into one period, and every row's fate."""
    rules = load_account_map().fields
    assignments = assignments or {}
    fields = {key: FieldImport(key) for key, _label in PERIOD_FIELDS}
    review: list[ReviewRow] = []
    unread: list[AccountRow] = []
    ignored: list[AccountRow] = []
    rows = [row for statement in statements for row in statement.rows if row.amount is not None]
    totals: dict[str, list[AccountRow]] = {}
    parts: dict[str, list[AccountRow]] = {}
    for row in rows:
        if row.name in assignments:
            target = assignments[row.name]
            if target == IGNORE:
                ignored.append(row)
            else:
                parts.setdefault(target, []).append(row)
            continue
        placed = False
        for key, rule in rules.items():
            if _role(row, rule, "total"):
                totals.setdefault(key, []).append(row)
                placed = True
                break
            if row.kind == "detail" and _role(row, rule, "parts"):
                parts.setdefault(key, []).append(row)
                placed = True
                break
        if placed or row.kind != "detail":
            continue
        suggested = next((key for key, rule in rules.items() if _role(row, rule, "review")), None)
        if suggested:
            review.append(ReviewRow(row, suggested))
        else:
            unread.append(row)
    warnings: list[str] = []
    for key, item in fields.items():
        rule = rules.get(key, FieldRule())
        own = [r for r in parts.get(key, []) if r.name in assignments]
        if key in totals:
            first = totals[key][0]
            item.rows = [first, *own]
            item.covered = [r for r in parts.get(key, []) if r.name not in assignments]
            item.value = _signed(first, rule) + sum(r.amount or 0 for r in own)
            others = {r.amount for r in totals[key][1:]}
            if others - {first.amount}:
                warnings.append(f"「{item.label}」の行が複数あり金額が異なります。最初の行"
                                f"（{first.where}）を使いました。")
        elif key in parts:
            item.rows = parts[key]
            item.value = sum(_signed(r, rule) for r in parts[key])
    warnings += _cross_checks(fields, rows)
    problems = [p for statement in statements for p in statement.problems]
    return ImportPreview(fields, review, unread, ignored, warnings, problems)


def _signed(row: AccountRow, rule: FieldRule) -> int:
    amount = row.amount or 0
    return -amount if rule.signed and "損失" in row.name and amount > 0 else amount


def _cross_checks(fields: dict[str, FieldImport], rows: list[AccountRow]) -> list[str]:
    warnings = []
    assets, liabilities, net = (fields[k].value for k in ("total_assets_yen", "total_liabilities_yen",
                                                           "net_assets_yen"))
    if None not in (assets, liabilities, net) and assets != liabilities + net:  # type: ignore[operator]
        warnings.append(f"資産合計（{format_yen(assets, Unit.YEN)}）が負債合計と純資産の和"
                        f"（{format_yen(liabilities + net, Unit.YEN)}）と一致しません。"  # type: ignore[operator]
                        "読み込んだ行を確認してください。")
    depreciation = fields["depreciation_yen"].rows
    if any("製造原価" in r.name for r in rows) and len(depreciation) < 2:
        warnings.append("製造原価の減価償却費が含まれていない可能性があります。製造原価報告書も読み込むか、"
                        "減価償却費を確認してください。")
    return warnings


def apply_import(case: Case, period_end: dt.date, values: dict[str, int | None],
                 assignments: dict[str, str]) -> str:
    """Put confirmed figures into the period ending period_end (created if new) and keep the
    company's assignments. Fields not in values keep what the case had. Returns a sentence for
    the adviser. Raises ValueError with a Japanese message when the period cannot be added."""
    period = next((p for p in case.periods if p.fiscal_year_end == period_end), None)
    if period is None:
        if len(case.periods) >= 3:
            raise ValueError("決算は3期まで入力できます。先に古い期を削除してから読み込んでください。")
        period = Period(fiscal_year_end=period_end)
        case.periods = sorted([*case.periods, period], key=lambda p: p.fiscal_year_end, reverse=True)
        period = next(p for p in case.periods if p.fiscal_year_end == period_end)
    for key, value in values.items():
        if value is not None and value < 0 and key not in SIGNED_PERIOD_FIELDS:
            raise ValueError(f"「{LABELS[key]}」はマイナスにできません（{format_yen(value, Unit.YEN)}）。")
    for key, value in values.items():
        if value is not None:
            setattr(period, key, value)
    case.account_mapping = {**case.account_mapping, **assignments}
    return f"{period_end:%Y年%m月%d日}期の決算に {sum(v is not None for v in values.values())} 項目を読み込みました。"


def preview_lines(preview: ImportPreview, current: Period | None) -> list[str]:
    """The preview as plain text (the CLI prints it; the wizard shows the same facts in a table)."""
    table = [["項目", "読み込む金額", "入力済みの金額", "元の科目"]]
    for key, item in preview.fields.items():
        if item.value is None and not item.rows:
            continue
        now = getattr(current, key) if current else None
        accounts = "、".join(r.named_where for r in item.rows)
        table.append([item.label, format_yen(item.value), format_yen(now), accounts])
    lines = text_table(table, frozenset({1, 2}))
    missing = [item.label for item in preview.fields.values() if item.value is None]
    if missing:
        lines.append("読み込めなかった項目（手入力してください）：" + "、".join(missing))
    for entry in preview.review:
        lines.append(f"要判断：{entry.row.name} {format_yen(entry.row.amount)}（{entry.row.where}）"
                     f"は「{LABELS[entry.suggested]}」に当たる可能性があります。含める場合は割り当ててください。")
    if preview.unread:
        lines.append("取り込まなかった科目：" + "、".join(
            f"{r.name} {format_yen(r.amount)}" for r in preview.unread))
    lines += [f"注意：{w}" for w in preview.warnings]
    lines += [f"読めなかった行：{p}" for p in preview.problems]
    return lines
