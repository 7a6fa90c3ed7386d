"""What every route rule returns: conditions with status, figure, gap and source; one verdict."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

from desktop.logic.case_model import Case
from desktop.logic.checksheet import ChecksheetResult, ItemResult
from desktop.logic.fees import FeeEstimate
from desktop.logic.indicators import Indicators
from desktop.logic.rule_data import Confidence, P, Rule, RuleVersion

ConditionStatus = Literal["met", "not_met", "unknown", "waived", "declared", "lender_decides"]
Verdict = Literal["eligible", "possible", "needs_input", "not_eligible", "not_applicable", "closed"]

VERDICT_LABELS: dict[Verdict, str] = {
    "eligible": "利用できる見込み",
    "possible": "金融機関・保証協会の判断次第",
    "needs_input": "入力が足りず判定できない",
    "not_eligible": "要件を満たしていない",
    "not_applicable": "対象外",
    "closed": "受付期間外",
}
VERDICT_MARKS: dict[Verdict, str] = {
    "eligible": "◎",
    "possible": "○",
    "needs_input": "？",
    "not_eligible": "×",
    "not_applicable": "—",
    "closed": "—",
}
STATUS_LABELS: dict[ConditionStatus, str] = {
    "met": "充足",
    "not_met": "未充足",
    "unknown": "不明",
    "waived": "適用除外",
    "declared": "申告",
    "lender_decides": "金融機関等が判断",
}


@dataclass(frozen=True)
class Condition:
    id: str
    label: str
    status: ConditionStatus
    figure: str = ""
    gap: str = ""
    source: str = ""
    confidence: Confidence = "C"
    # The id of the combined condition this one is a part of (e.g. R3a of R3); parts are shown
    # for their figures and gaps but only the combined condition counts towards the verdict.
    part_of: str = ""

    @property
    def caution(self) -> str:
        """目安 for our interpretation, 要確認 for unconfirmed facts (SPEC §7)."""
        return {"I": "目安", "U": "要確認"}.get(self.confidence, "")


@dataclass(frozen=True)
class RouteResult:
    route_id: str
    name: str
    verdict: Verdict
    conditions: list[Condition]
    reason: str
    source: str
    fee: FeeEstimate | None = None
    terms: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rule_checked_on: dt.date | None = None

    @property
    def mark(self) -> str:
        return VERDICT_MARKS[self.verdict]

    @property
    def verdict_label(self) -> str:
        return VERDICT_LABELS[self.verdict]


@dataclass(frozen=True)
class RouteContext:
    """Everything a route rule may look at."""

    case: Case
    indicators: Indicators
    checksheet: ChecksheetResult

    @property
    def app_date(self) -> dt.date:
        return self.case.application_date

    def item(self, item_id: str) -> ItemResult:
        return self.checksheet.item(item_id)


def verdict_from(conditions: list[Condition]) -> Verdict:
    """Aggregate condition statuses (SPEC §6): any unmet → not_eligible, any unknown →
    needs_input, any left to the lender → possible, else eligible."""
    statuses = {c.status for c in conditions if not c.part_of}
    if "not_met" in statuses:
        return "not_eligible"
    if "unknown" in statuses:
        return "needs_input"
    if "lender_decides" in statuses:
        return "possible"
    return "eligible"


def reason_from(verdict: Verdict, conditions: list[Condition]) -> str:
    """The key reason in one line: the first condition that decided the verdict."""
    wanted: dict[Verdict, ConditionStatus] = {
        "not_eligible": "not_met", "needs_input": "unknown", "possible": "lender_decides"}
    status = wanted.get(verdict)
    if status is None:
        return "すべての要件を満たす見込みです。"
    first = next(c for c in conditions if c.status == status and not c.part_of)
    suffix = {"not_met": "を満たしていません", "unknown": "が未入力・未確認です",
              "lender_decides": "は金融機関・保証協会の判断です"}[status]
    return f"{first.label}{suffix}。"


def rule_in_force(rule: Rule[P], ctx: RouteContext) -> tuple[RuleVersion, P] | RouteResult:
    """The rule version valid on the application date, or a `closed` result saying why."""
    found = rule.on(ctx.app_date)
    if found is not None:
        return found
    file = rule.file
    first = file.first_day
    if ctx.app_date < first:
        message = f"申込予定日 {ctx.app_date:%Y年%m月%d日} は受付開始（{first:%Y年%m月%d日}）より前です。"
    else:
        ends = [v.valid_to for v in file.versions if v.valid_to is not None and v.valid_to < ctx.app_date]
        last = max(ends) if ends else None
        message = (f"受付は {last:%Y年%m月%d日} 申込分までです（申込予定日 {ctx.app_date:%Y年%m月%d日}）。"
                   if last else "申込予定日に適用できるルールがありません。")
    return RouteResult(route_id=file.id, name=file.name, verdict="closed", conditions=[], reason=message,
                       source=file.versions[-1].source, rule_checked_on=file.checked_on)


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
              confidence: Confidence = "C") -> Condition:
    """A condition that rests on a checksheet item's result."""
    status: ConditionStatus = {
        "met": "met", "declared": "declared", "partly": "not_met", "not_met": "not_met", "unknown": "unknown",
    }[item.status]
    return Condition(cid, label, status, figure=item.figure or item.status_label,
                     gap=(item.gap or f"「{item.label}」を整える") if status == "not_met" else "",
                     source=source or item.source, confidence=confidence)


# From worst to best: an "all of" takes the worst part, an "any of" the best.
_STATUS_RANK: tuple[ConditionStatus, ...] = ("not_met", "unknown", "lender_decides", "declared", "met", "waived")
_CONFIDENCE_RANK: tuple[Confidence, ...] = ("C", "W", "I", "U")


def _combined(cid: str, label: str, parts: list[Condition], status: ConditionStatus, joiner: str,
              gap: str, source: str) -> list[Condition]:
    figure = "、".join(f"{p.id} {STATUS_LABELS[p.status]}" for p in parts)
    if status == "not_met" and not gap:
        gap = joiner.join(p.gap for p in parts if p.gap)
    confidence = max((p.confidence for p in parts), key=_CONFIDENCE_RANK.index)
    combined = Condition(cid, label, status, figure=figure, gap=gap if status == "not_met" else "",
                         source=source, confidence=confidence)
    return [combined, *(replace(p, part_of=cid) for p in parts)]


def any_of(cid: str, label: str, parts: list[Condition], *, gap: str = "", source: str = "") -> list[Condition]:
    """A condition met when any part is (e.g. 事業者選択型 ③): the combined condition, then its parts."""
    status = max((p.status for p in parts), key=_STATUS_RANK.index)
    return _combined(cid, label, parts, status, " または ", gap, source)


def all_of(cid: str, label: str, parts: list[Condition], *, gap: str = "", source: str = "") -> list[Condition]:
    """A condition met only when every part is (e.g. 金融機関連携型 ②): combined, then its parts."""
    status = min((p.status for p in parts), key=_STATUS_RANK.index)
    return _combined(cid, label, parts, status, "、かつ ", gap, source)
