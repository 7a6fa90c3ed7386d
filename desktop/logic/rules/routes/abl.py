"""流動資産担保融資保証（ABL保証） (reference §D.9)."""

from __future__ import annotations

from decimal import Decimal

from desktop.logic.case.amounts import format_yen
from desktop.logic.rules.fees import flat_fee
from desktop.logic.rules.routes.base import (
    Condition,
    ConditionStatus,
    RouteContext,
    RouteParams,
    RouteResult,
    route_result,
    rule_in_force,
)
from desktop.logic.rules.routes.conditions import Tags
from desktop.logic.rules.routes.loan_terms import LoanTerms, loan_amount_condition, terms_lines
from desktop.logic.rules.data import Rule, load_rule

ROUTE_ID = "abl"


class AblParams(RouteParams):
    flat_rate_percent: Decimal
    terms: LoanTerms


def rule() -> Rule[AblParams]:
    return load_rule(ROUTE_ID, AblParams)


def _current_assets(ctx: RouteContext, tags: Tags) -> Condition:
    """Receivables (and, for a corporation, inventory) in the last closed period to pledge."""
    cid = "current_assets"
    corporation = ctx.case.company.is_corporation
    label = ("担保にできる売掛債権・棚卸資産があること（直近決算）" if corporation
             else "担保にできる売掛債権があること（直近決算。個人事業主は棚卸資産を担保にできません）")
    periods = ctx.case.sorted_periods()
    p0 = periods[0] if periods else None
    src, conf = tags.source(cid), tags.confidence(cid)
    if p0 is None:
        return Condition(cid, label, "unknown", figure="直近決算が未入力", source=src, confidence=conf)
    parts = [("売掛債権", p0.receivables_yen)] + ([("棚卸資産", p0.inventory_yen)] if corporation else [])
    figure = "＋".join(f"{name} {format_yen(value)}" for name, value in parts)
    known = sum(value for _, value in parts if value is not None)
    status: ConditionStatus
    if known > 0:
        status = "met"
    elif any(value is None for _, value in parts):
        status = "unknown"
    else:
        status = "not_met"
    gap = "担保にできる売掛債権" + ("・棚卸資産" if corporation else "") + "がないため、ABL保証は使えません"
    return Condition(cid, label, status, figure=figure, gap=gap if status == "not_met" else "",
                     source=src, confidence=conf)


def _collateral(ctx: RouteContext, tags: Tags) -> Condition:
    """The loan must be secured by the receivables/inventory; their value is the CGC's and bank's call."""
    cid = "collateral"
    label = "売掛債権・棚卸資産を担保とする融資であること"
    uses = ctx.case.situation.planned_loan.uses_receivables_inventory_collateral
    return Condition(cid, label, "lender_decides" if uses else "not_met",
                     figure="流動資産を担保にする予定（担保価値は保証協会・金融機関が判断）" if uses else "流動資産を担保にする予定なし",
                     gap="" if uses else "売掛債権・棚卸資産を担保とする融資（ABL）として申し込む",
                     source=tags.source(cid), confidence=tags.confidence(cid))


def evaluate(ctx: RouteContext) -> RouteResult:
    r = rule()
    found = rule_in_force(r, ctx, before_start=(
        # S001: before 2024-04 a corporation's guarantee was allowed where needed (必要に応じて徴求する
        # ことが認められており) and taken in 99.3 % of cases — allowed, not required.
        "申込予定日 {app} は、ABL保証で経営者保証を求めない扱いになった {first} より前です"
        "（それ以前は、法人の場合、必要に応じて経営者保証を求めることが認められていました）。"))
    if isinstance(found, RouteResult):
        return found
    version, params = found
    tags = Tags.of(version, params)
    loan = ctx.case.situation.planned_loan
    # A revolving line: the 概算 is one year with the whole amount drawn, not the planned schedule.
    one_year = loan.model_copy(update={"term_months": params.terms.max_term_months, "repayment": "lump_sum"})
    fee = flat_fee(params.flat_rate_percent, one_year, source=tags.source("fee"),
                   note="保証料率は1つのWeb情報源（W）による値です。概算は融資額を1年間満額利用した場合です。")
    conditions = [_current_assets(ctx, tags), _collateral(ctx, tags), loan_amount_condition(loan, params.terms, tags)]
    return route_result(r, version, conditions, fee=fee, terms=terms_lines(params.terms),
                        documents=params.documents, notes=params.notes)
