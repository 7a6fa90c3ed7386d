"""The assessment as a Japanese table for a terminal (`hosho-navi evaluate`)."""

from __future__ import annotations

import unicodedata

from desktop.logic.case.amounts import format_ratio, format_yen
from desktop.logic.case.dates import fiscal_period
from desktop.logic.rules.evaluation import Assessment
from desktop.logic.rules.indicators import ebitda_short_text
from desktop.logic.rules.fees import fee_text
from desktop.logic.rules.routes.base import STATUS_LABELS


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def text_table(rows: list[list[str]], right_cols: frozenset[int] = frozenset()) -> list[str]:
    """Rows as aligned console lines, counting full-width characters as two columns."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(cell, widths[i], i in right_cols) for i, cell in enumerate(row)).rstrip()
            for row in rows]


def render(a: Assessment) -> str:
    c = a.case
    lines = [f"{c.company.name or '（会社名未入力）'}　基準日 {c.assessment_date:%Y-%m-%d}　"
             f"申込予定日 {c.application_date:%Y-%m-%d}　ルールデータ {a.rules_checked_on:%Y-%m-%d} 時点", ""]
    ind = a.indicators
    lines.append("■ 財務指標")
    if ind.periods:
        rows = [["", *[fiscal_period(p.fiscal_year_end) for p in ind.periods]],
                ["純資産", *[format_yen(p.net_assets) for p in ind.periods]],
                ["減価償却前経常利益", *[format_yen(p.dbop) for p in ind.periods]],
                ["EBITDA有利子負債倍率", *[ebitda_short_text(p.ebitda) for p in ind.periods]],
                ["自己資本比率", *[format_ratio(p.ratios.equity_ratio, percent=True, digits=1) for p in ind.periods]]]
        lines += ["  " + row for row in text_table(rows, frozenset(range(1, len(rows[0]))))]
    else:
        lines.append("  決算が未入力です。")
    lines += ["", "■ 制度の判定（◎利用できる見込み ○判断次第 ？入力不足 ×要件未充足 —対象外・期間外）"]
    rows = [["", "制度", "判定", "主な理由"]]
    rows += [[r.mark, r.name, r.verdict_label, r.reason] for r in a.routes]
    lines += ["  " + row for row in text_table(rows)]
    for r in a.routes:
        if not r.conditions:
            continue
        lines += ["", f"□ {r.name}　{r.mark} {r.verdict_label}"]
        for cond in r.conditions:
            caution = f"［{cond.caution}］" if cond.caution else ""
            gap = f"　→ {cond.gap}" if cond.gap else ""
            lines.append(f"  [{STATUS_LABELS[cond.status]}] {cond.label}{caution}　{cond.figure}{gap}")
        lines.append(f"  {fee_text(r.fee)}")
    return "\n".join(lines) + "\n"
