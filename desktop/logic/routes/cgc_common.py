"""What the 信用保証協会 routes share (reference §D.2–§D.4): the corporations-only gate, the two
financial tests 「債務超過でない」「直近2期連続で減価償却前経常利益が赤字でない」 with their yen gaps,
the 9-tier fee estimate and the notes every CGC route prints.

The two financial tests are combined differently per route (F-15): AND in 金融機関連携型,
OR in 事業者選択型 — the combining is the route's job, these build the single tests.
"""

from __future__ import annotations

from decimal import Decimal

from desktop.logic.amounts import format_yen
from desktop.logic.fees import FeeEstimate, fee_from_table, fee_tables_on
from desktop.logic.indicators import Indicators
from desktop.logic.routes.base import Condition, RouteContext, RouteResult, from_bool
from desktop.logic.rule_data import RuleFile, RuleVersion

# F-23: local 制度融資 may add fee subsidies the app cannot know about.
LOCAL_SUBSIDY_NOTE = "都道府県・市区町村の制度融資では保証料の補助がある場合があります（この試算には含めていません）。"
CGC_DECIDES_NOTE = "要件を満たしても利用が約束されるわけではなく、最終判断は信用保証協会（と金融機関）が行います。"
FEE_NOTE = "利用する保証制度の料率区分（9区分、責任共有制度）による概算です。実際の料率は保証協会が決めます。"


def not_applicable(file: RuleFile, version: RuleVersion, reason: str) -> RouteResult:
    """The route does not concern this case at all (e.g. a sole proprietor for a corporations-only route)."""
    return RouteResult(route_id=file.id, name=file.name, verdict="not_applicable", conditions=[],
                       reason=reason, source=version.source, rule_checked_on=version.checked_on)


def corporation_gate(file: RuleFile, version: RuleVersion, ctx: RouteContext) -> RouteResult | None:
    """None for a corporation; for a sole proprietor the not-applicable result (S004 「法人の場合」)."""
    if ctx.case.company.is_corporation:
        return None
    return not_applicable(file, version, "法人のみが対象の取扱いです（個人事業主は利用できません）。")


def _period_label(ind: Indicators, index: int) -> str:
    return f"{ind.periods[index].fiscal_year_end:%Y年%m月期}"


def net_assets_condition(cid: str, label: str, ind: Indicators, *, source: str) -> Condition:
    """債務超過でない = 純資産 ≥ 0 on the latest period (S003); exactly 0 passes (E.3)."""
    p0 = ind.p0
    if p0 is None:
        return Condition(cid, label, "unknown", figure="決算が未入力", source=source)
    figure = f"純資産 {format_yen(p0.net_assets)}（{_period_label(ind, 0)}）"
    gap = ""
    if p0.net_assets is not None and p0.net_assets < 0:
        gap = f"純資産をあと {format_yen(-p0.net_assets)}以上増やす（ゼロ以上にする）"
    return from_bool(cid, label, p0.not_insolvent, figure=figure, gap=gap, source=source)


def no_two_losses_condition(cid: str, label: str, ind: Indicators, *, source: str) -> Condition:
    """NOT (DBOP(P0) < 0 AND DBOP(P1) < 0); 0 is not a loss (E.1).

    A company with one closed period cannot have two consecutive losses, so the test passes;
    that reading is ours [I]. With P1 not entered the test passes only if P0 is not a loss.
    """
    shown = "、".join(f"{_period_label(ind, i)} {format_yen(p.dbop)}" for i, p in enumerate(ind.periods[:2]))
    figure = f"減価償却前経常利益 {shown or '—'}"
    p0 = ind.p0
    if ind.two_dbop_losses is None and p0 is not None and p0.dbop is not None:
        if p0.dbop >= 0:
            return Condition(cid, label, "met", figure=figure, source=source)
        if ind.closed_periods == 1:
            return Condition(cid, label, "met", figure=figure + "（決算1期のみ）", source=source, confidence="I")
    value = None if ind.two_dbop_losses is None else not ind.two_dbop_losses
    gap = ""
    if value is False and p0 is not None and p0.dbop is not None:
        # The two periods are closed; what can change is the next one, which becomes P0.
        gap = (f"次の決算で減価償却前経常利益を0円以上にする（直近期 {format_yen(p0.dbop)} から "
               f"{format_yen(-p0.dbop)}以上の改善）")
    return from_bool(cid, label, value, figure=figure, gap=gap, source=source)


def standard_fee(ctx: RouteContext, *, surcharge: Decimal = Decimal(0), note: str = FEE_NOTE) -> FeeEstimate | None:
    """The 9-tier 責任共有 table (+ surcharge) over the planned loan; None if no table is in force."""
    found = fee_tables_on(ctx.app_date)
    if found is None:
        return None
    version, tables = found
    return fee_from_table(tables.standard, ctx.case.situation.planned_loan, surcharge=surcharge,
                          source=version.source, note=note)
