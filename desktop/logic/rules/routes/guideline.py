"""経営者保証ガイドラインに基づく解除・無保証融資 (reference §D.1, §B)."""

from __future__ import annotations

from dataclasses import replace

from desktop.logic.rules.checksheet import ItemResult
from desktop.logic.rules.routes.base import (
    Condition,
    RouteContext,
    RouteParams,
    RouteResult,
    reason_from,
    route_result,
    rule_in_force,
    verdict_from,
)
from desktop.logic.rules.routes.conditions import from_item
from desktop.logic.rules.data import Rule, load_rule, weakest

ROUTE_ID = "guideline_release"


class GuidelineParams(RouteParams):
    # Checksheet items that stand for the guideline's requirements, in packet order.
    requirement_items: list[str]
    # Items whose numeric test stands in for a requirement without thresholds: shown as 目安.
    proxy_items: list[str] = []


def rule() -> Rule[GuidelineParams]:
    return load_rule(ROUTE_ID, GuidelineParams)


# The guideline sets no numeric thresholds and the lender judges comprehensively (S004 総合的に判断):
# a financial proxy borrowed from the CGC schemes that fails lowers the verdict to 「判断次第」 with
# the weak point listed, never to ×; × stays for the guideline's hard facts.
PROXY_FIGURE = "{figure}（保証協会の制度の基準に届きません）"
PROXY_REASON = ("財務の数値が、保証協会の制度の基準（目安）に届いていません（{points}）。"
                "ガイドラインに数値基準はなく、金融機関が総合的に判断します。")


def _proxy(item: ItemResult) -> Condition:
    """A proxy item as a condition shown as 目安: a miss is left to the lender, with its gap kept."""
    condition = from_item(item.id, item.label, item, confidence=weakest(item.confidence, "I"))
    if condition.status != "not_met":
        return condition
    return replace(condition, status="lender_decides", figure=PROXY_FIGURE.format(figure=condition.figure))


def evaluate(ctx: RouteContext) -> RouteResult:
    r = rule()
    found = rule_in_force(r, ctx)
    if isinstance(found, RouteResult):
        return found
    version, params = found
    items = [ctx.item(item_id) for item_id in params.requirement_items]
    conditions = [_proxy(item) if item.id in params.proxy_items else from_item(item.id, item.label, item)
                  for item in items]
    weak = [item for item, c in zip(items, conditions) if item.id in params.proxy_items and c.status == "lender_decides"]
    verdict = verdict_from(conditions)
    reason = reason_from(verdict, conditions)
    if verdict == "possible" and weak:
        reason = PROXY_REASON.format(points="、".join(item.figure for item in weak))
    return route_result(
        r, version, conditions, verdict=verdict, reason=reason,
        terms=["保証料の上乗せなし（3要件を満たせば無保証・解除を検討する対象）"],
        documents=params.documents,
        notes=["要件を満たしても解除が約束されるわけではなく、最終的には金融機関が総合的に判断します。",
               "ガイドライン自体に数値基準はありません。財務の数値は保証協会の制度の基準を目安として使っています。"],
    )
