"""経営者保証ガイドラインに基づく解除・無保証融資 (reference §D.1, §B)."""

from __future__ import annotations

from desktop.logic.rules.routes.base import RouteContext, RouteParams, RouteResult, route_result, rule_in_force
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


def evaluate(ctx: RouteContext) -> RouteResult:
    r = rule()
    found = rule_in_force(r, ctx)
    if isinstance(found, RouteResult):
        return found
    version, params = found
    items = [ctx.item(item_id) for item_id in params.requirement_items]
    conditions = [from_item(item.id, item.label, item,
                            confidence=weakest(item.confidence, "I") if item.id in params.proxy_items else None)
                  for item in items]
    return route_result(
        r, version, conditions,
        terms=["保証料の上乗せなし（3要件を満たせば無保証・解除を検討する対象）"],
        documents=params.documents,
        notes=["要件を満たしても解除が約束されるわけではなく、最終的には金融機関が総合的に判断します。",
               "ガイドライン自体に数値基準はありません。財務の数値は保証協会の制度の基準を目安として使っています。"],
    )
