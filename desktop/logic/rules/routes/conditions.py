"""Condition builders the routes share: from a figure, a declaration or a checksheet item; "all of"
and "any of" combinations; the source/confidence tags of a rule version; and the financial and
lender tests that several schemes state the same way (reference §D, §E).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from desktop.logic.case.amounts import format_yen
from desktop.logic.rules.checksheet import ItemResult
from desktop.logic.case.dates import fiscal_period, jdate
from desktop.logic.rules.indicators import (
    Indicators,
    ebitda_figure,
    ebitda_gap_text,
    net_assets_gap_text,
    no_two_dbop_losses,
)
from desktop.logic.rules.routes.base import (
    STATUS_LABELS,
    Condition,
    ConditionStatus,
    RouteContext,
    RouteParams,
)
from desktop.logic.rules.data import Confidence, RuleVersion, as_fraction_text, weakest

# --- single conditions ----------------------------------------------------------------------


def from_bool(cid: str, label: str, value: bool | None, *, figure: str = "", gap: str = "",
              source: str = "", confidence: Confidence = "C") -> Condition:
    """A condition decided by a figure: True met, False not met, None unknown."""
    status: ConditionStatus = "unknown" if value is None else ("met" if value else "not_met")
    return Condition(cid, label, status, figure=figure, gap=gap if status == "not_met" else "",
                     source=source, confidence=confidence)


def from_declaration(cid: str, label: str, value: bool | None, *, source: str = "",
                     confidence: Confidence = "C", gap: str = "") -> Condition:
    """A condition the owner declares (申告): yes → declared, no → not met, blank → unknown."""
    status: ConditionStatus = "unknown" if value is None else ("declared" if value else "not_met")
    figure = {None: "未回答", True: "はい（申告）", False: "いいえ"}[value]
    return Condition(cid, label, status, figure=figure, gap=gap if status == "not_met" else "",
                     source=source, confidence=confidence)


def from_item(cid: str, label: str, item: ItemResult, *, source: str = "",
              confidence: Confidence | None = None) -> Condition:
    """A condition that rests on a checksheet item's result (by default with its source and confidence)."""
    status: ConditionStatus = {
        "met": "met", "declared": "declared", "partly": "not_met", "not_met": "not_met", "unknown": "unknown",
    }[item.status]
    return Condition(cid, label, status, figure=item.figure or item.status_label,
                     gap=(item.gap or f"「{item.label}」を整える") if status == "not_met" else "",
                     source=source or item.source, confidence=confidence or item.confidence)


def day_count_note(subject: str, period: str, last_day: dt.date, day: dt.date) -> str:
    """A 要確認 note when `day` lies within one day of a period's last day, where the two ways of
    counting disagree: 民法 140条・143条 (the event day not counted — the reading the routes use)
    end the period on `last_day`, counting the event day as day one ends it a day earlier.
    The verdict stays as judged; the note only asks to confirm. Empty when far from the edge."""
    if abs((day - last_day).days) > 1:
        return ""
    earlier = last_day - dt.timedelta(days=1)
    return (f"{subject}（{jdate(day)}）が、{period}の期限の前後1日以内です。民法の期間計算（初日を数えない）"
            f"では期限は{jdate(last_day)}で、この判定はそれに従っています。初日を1日目と数える場合の期限は"
            f"{jdate(earlier)}で、判定が変わることがあります。どちらで数えるか、信用保証協会に確認してください。")


# --- combinations ---------------------------------------------------------------------------

# From worst to best: an "all of" takes the worst part, an "any of" the best.
_STATUS_RANK: tuple[ConditionStatus, ...] = ("not_met", "unknown", "lender_decides", "declared", "met", "waived")


def _combined(cid: str, label: str, parts: list[Condition], status: ConditionStatus, joiner: str,
              gap: str, source: str) -> list[Condition]:
    figure = "、".join(f"{p.id} {STATUS_LABELS[p.status]}" for p in parts)
    if status == "not_met" and not gap:
        gap = joiner.join(p.gap for p in parts if p.gap)
    combined = Condition(cid, label, status, figure=figure, gap=gap if status == "not_met" else "",
                         source=source, confidence=weakest(*(p.confidence for p in parts)))
    return [combined, *(replace(p, part_of=cid) for p in parts)]


def any_of(cid: str, label: str, parts: list[Condition], *, gap: str = "", source: str = "") -> list[Condition]:
    """A condition met when any part is (e.g. 事業者選択型 ③): the combined condition, then its parts."""
    status = max((p.status for p in parts), key=_STATUS_RANK.index)
    return _combined(cid, label, parts, status, " または ", gap, source)


def all_of(cid: str, label: str, parts: list[Condition], *, gap: str = "", source: str = "") -> list[Condition]:
    """A condition met only when every part is (e.g. 金融機関連携型 ②): combined, then its parts."""
    status = min((p.status for p in parts), key=_STATUS_RANK.index)
    return _combined(cid, label, parts, status, "、かつ ", gap, source)


# --- where a condition's source and confidence come from ------------------------------------


@dataclass(frozen=True)
class Tags:
    """Source and confidence of each condition, from the rule version in force: its per-condition
    [versions.sources] and the params' confidence overrides, else the version's own."""

    version: RuleVersion
    overrides: dict[str, Confidence]

    @classmethod
    def of(cls, version: RuleVersion, params: RouteParams) -> Tags:
        return cls(version, params.confidence)

    def source(self, key: str) -> str:
        return self.version.source_of(key)

    def confidence(self, key: str) -> Confidence:
        return self.overrides.get(key, self.version.confidence)


# --- lenders --------------------------------------------------------------------------------


def _lender_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


def same_lender(a: str, b: str) -> bool:
    """Lender names typed twice match when they differ only in width or spacing."""
    return bool(_lender_key(a)) and _lender_key(a) == _lender_key(b)


def lender_named_in(lender: str, addressee: str) -> bool:
    """A loan's lender is meant by an addressee that names it, perhaps with its branch
    (「するが銀行」 in 「するが銀行 焼津支店」), or by a shorter form of its name."""
    a, b = _lender_key(lender), _lender_key(addressee)
    return bool(a and b) and (a in b or b in a)


def no_rescheduled_loans(ctx: RouteContext, tags: Tags) -> Condition:
    """No loan under 返済緩和 (条件変更) at the application date."""
    cid = "no_rescheduled_loans"
    label = "返済緩和（条件変更）中の借入がないこと"
    loans = ctx.case.loans
    rescheduled = [loan.lender or "（金融機関名なし）" for loan in loans if loan.rescheduled]
    status: ConditionStatus
    gap = ""
    if rescheduled:
        status, figure = "not_met", "返済緩和中：" + "、".join(rescheduled)
        gap = f"返済緩和中の借入（{'、'.join(rescheduled)}）を通常の返済条件に戻す"
    elif loans:
        status, figure = "met", f"借入 {len(loans)}件とも返済緩和なし"
    else:
        # An empty list is not an answer unless the statements show no borrowings at all.
        p0 = ctx.case.sorted_periods()[0] if ctx.case.periods else None
        no_debt = p0 is not None and p0.short_term_borrowings_yen == 0 and p0.long_term_borrowings_yen == 0
        status, figure = ("met", "借入なし（直近決算の借入金ゼロ）") if no_debt else ("unknown", "借入の一覧が未入力")
    return Condition(cid, label, status, figure=figure, gap=gap, source=tags.source(cid),
                     confidence=tags.confidence(cid))


# --- the financial tests (reference §E) -----------------------------------------------------


def net_assets_condition(cid: str, label: str, ind: Indicators, *, strictly_positive: bool, source: str,
                         confidence: Confidence = "C") -> Condition:
    """On the latest period: 債務超過でない = 純資産 ≥ 0 (S003; exactly 0 passes, E.3), or with
    strictly_positive 資産超過 = 純資産 > 0 (exactly 0 fails, F-12)."""
    p0 = ind.p0
    if p0 is None:
        return Condition(cid, label, "unknown", figure="直近決算が未入力", source=source, confidence=confidence)
    na = p0.net_assets
    passed = p0.asset_surplus if strictly_positive else p0.not_insolvent
    return from_bool(cid, label, passed, figure=f"純資産 {format_yen(na)}（{fiscal_period(p0.fiscal_year_end)}）",
                     gap=net_assets_gap_text(na, strictly_positive=strictly_positive), source=source,
                     confidence=confidence)


def asset_surplus(ctx: RouteContext, tags: Tags) -> Condition:
    """資産超過 as the scheme routes state it (D.5, D.7)."""
    cid = "asset_surplus"
    return net_assets_condition(cid, "資産超過であること（直近決算の純資産がゼロより大きい）", ctx.indicators,
                                strictly_positive=True, source=tags.source(cid), confidence=tags.confidence(cid))


def no_two_losses_condition(cid: str, label: str, ind: Indicators, *, source: str) -> Condition:
    """直近2期連続で減価償却前経常利益が赤字でない; a single closed period passes as our reading [I]."""
    test = no_two_dbop_losses(ind)
    return from_bool(cid, label, test.passed, figure=test.figure, gap=test.gap, source=source,
                     confidence="I" if test.single_period else "C")


def ebitda_multiple_within(ctx: RouteContext, limit: Decimal, tags: Tags) -> Condition:
    """EBITDA有利子負債倍率 (E.2a) ≤ limit; net cash passes, EBITDA ≤ 0 fails as 算出不能."""
    cid = "ebitda_multiple"
    label = f"EBITDA有利子負債倍率が{as_fraction_text(limit)}倍以内であること（直近決算）"
    p0 = ctx.indicators.p0
    source, confidence = tags.source(cid), tags.confidence(cid)
    if p0 is None:
        return Condition(cid, label, "unknown", figure="直近決算が未入力", source=source, confidence=confidence)
    bound = Fraction(limit)
    return from_bool(cid, label, p0.ebitda.passes(bound), figure=ebitda_figure(p0.ebitda, bound),
                     gap=ebitda_gap_text(p0.ebitda, bound), source=source, confidence=confidence)


def separation(ctx: RouteContext, tags: Tags) -> list[Condition]:
    """法人・個人の分離, judged on the checksheet's asset (GL-1.1) and accounts (GL-1.2) items."""
    conditions = []
    for item_id in ("GL-1.1", "GL-1.2"):
        item = ctx.item(item_id)
        conditions.append(from_item(item.id, item.label, item,
                                    source=f"{tags.source('separation')}／判定：{item.source}",
                                    confidence=weakest(tags.confidence("separation"), item.confidence)))
    return conditions
