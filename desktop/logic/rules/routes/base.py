"""What every route is made of: the types (Condition, RouteResult, RouteContext, RouteParams), the
verdict aggregation, and the results that need no conditions (closed, not applicable).

Condition builders live in routes/conditions.py, the planned-loan checks in routes/loan_terms.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from desktop.logic.case.model import Case
from desktop.logic.rules.checksheet import ChecksheetResult, ItemResult
from desktop.logic.rules.fees import FeeEstimate
from desktop.logic.rules.indicators import Indicators
from desktop.logic.case.dates import jdate
from desktop.logic.rules.data import Confidence, P, Params, Rule, RuleVersion, caution_label
from desktop.logic.rules.routes import wording
from desktop.logic.rules.sources import readable

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
        return caution_label(self.confidence)


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


class RouteParams(Params):
    """Parameters every route's rule file carries besides its own thresholds."""

    documents: list[str]
    notes: list[str] = []
    # Confidence of single conditions where it differs from the version's own, keyed by
    # condition id (e.g. an [I] reading of a [C] rule, or an [U] window).
    confidence: dict[str, Confidence] = {}


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


# The condition state that decides each verdict (SPEC §6).
_DECIDING: dict[Verdict, ConditionStatus] = {
    "not_eligible": "not_met", "needs_input": "unknown", "possible": "lender_decides"}
ALL_MET = "すべての要件を満たす見込みです。"


def deciding_conditions(verdict: Verdict, conditions: list[Condition]) -> list[Condition]:
    """The counted conditions in the state that decided the verdict, in rule order (first = main)."""
    status = _DECIDING.get(verdict)
    return [c for c in conditions if status is not None and c.status == status and not c.part_of]


def reason_from(verdict: Verdict, conditions: list[Condition]) -> str:
    """The key reason in one sentence: the authored sentence of the first deciding condition."""
    if verdict not in _DECIDING:
        return ALL_MET
    main = deciding_conditions(verdict, conditions)[0]
    # A combined condition decided by a single part: that part's sentence says exactly what is wrong.
    parts = [c for c in conditions if c.part_of == main.id and c.status == main.status]
    return wording.sentence(parts[0] if len(parts) == 1 else main)


def rule_in_force(rule: Rule[P], ctx: RouteContext, *,
                  before_start: str = "") -> tuple[RuleVersion, P] | RouteResult:
    """The rule version valid on the application date, or a `closed` result saying why.

    before_start is a route's own reason for dates before its first version; it may name {app}
    (the application date) and {first} (the first valid day).
    """
    found = rule.on(ctx.app_date)
    if found is not None:
        return found
    file = rule.file
    first, app = file.first_day, ctx.app_date
    if app < first:
        message = (before_start.format(app=jdate(app), first=jdate(first)) if before_start
                   else f"申込予定日 {jdate(app)} は受付開始（{jdate(first)}）より前です。")
    else:
        ends = [v.valid_to for v in file.versions if v.valid_to is not None and v.valid_to < app]
        last = max(ends) if ends else None
        message = (f"受付は {jdate(last)} 申込分までです（申込予定日 {jdate(app)}）。"
                   if last else "申込予定日に適用できるルールがありません。")
    return RouteResult(route_id=file.id, name=file.name, verdict="closed", conditions=[], reason=message,
                       source=file.versions[-1].source, rule_checked_on=file.checked_on)


def route_result(rule: Rule[P], version: RuleVersion, conditions: list[Condition], *,
                 verdict: Verdict | None = None, reason: str = "", fee: FeeEstimate | None = None,
                 terms: list[str] | None = None, documents: list[str] | None = None,
                 notes: list[str] | None = None) -> RouteResult:
    """A route's result; the verdict and reason follow from the conditions unless given."""
    decided = verdict or verdict_from(conditions)
    return RouteResult(
        route_id=rule.file.id, name=rule.file.name, verdict=decided, conditions=conditions,
        reason=reason or reason_from(decided, conditions), source=version.source, fee=fee,
        # Notes and terms are prose that may cite a document by tag; people read its name.
        terms=[readable(t) for t in terms or []], documents=documents or [],
        notes=[readable(n) for n in notes or []],
        rule_checked_on=version.checked_on,
    )


def not_applicable(rule: Rule[P], version: RuleVersion, reason: str, *,
                   conditions: list[Condition] | None = None, terms: list[str] | None = None) -> RouteResult:
    """The situation is outside the route; a deciding condition may be kept so its figure shows."""
    return route_result(rule, version, conditions or [], verdict="not_applicable", reason=reason, terms=terms)


def corporation_gate(rule: Rule[P], version: RuleVersion, ctx: RouteContext, *,
                     terms: list[str] | None = None) -> RouteResult | None:
    """None for a corporation; for a sole proprietor the not-applicable result of a corporations-only
    route (S004 「法人の場合」)."""
    if ctx.case.company.is_corporation:
        return None
    return not_applicable(rule, version, "法人のみが対象です（個人事業主は利用できません）。", terms=terms)
