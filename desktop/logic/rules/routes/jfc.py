"""日本公庫 事業承継・集約・活性化支援資金 — guarantee waiver (reference §D.10)."""

from __future__ import annotations

from decimal import Decimal

from desktop.logic.case.amounts import format_man, format_rate
from desktop.logic.case.dates import format_months
from desktop.logic.rules.routes.base import (
    Condition,
    RouteContext,
    RouteParams,
    RouteResult,
    not_applicable,
    route_result,
    rule_in_force,
)
from desktop.logic.rules.routes.conditions import Tags, from_declaration
from desktop.logic.rules.data import Params, Rule, load_rule

ROUTE_ID = "jfc_succession"


class Division(Params):
    name: str
    limit_yen: int
    separate_quota: bool
    base_rate_percent: Decimal


class JfcParams(RouteParams):
    rates_note: str
    equipment_term_months: int
    working_capital_term_months: int
    max_grace_months: int
    special_rate_reductions_percent: list[Decimal]
    divisions: list[Division]


def rule() -> Rule[JfcParams]:
    return load_rule(ROUTE_ID, JfcParams)


def _terms(p: JfcParams) -> list[str]:
    """Limits, terms and the loan rates (no guarantee fee: a direct JFC loan)."""
    limits = "／".join(f"{d.name} {'別枠' if d.separate_quota else ''}{format_man(d.limit_yen)}" for d in p.divisions)
    cuts = "／".join(format_rate(cut) for cut in p.special_rate_reductions_percent)
    numbers = "①②③④⑤"[: len(p.special_rate_reductions_percent)]
    lines = [
        f"貸付限度額 {limits}",
        f"貸付期間 設備資金{format_months(p.equipment_term_months)}以内・運転資金"
        f"{format_months(p.working_capital_term_months)}以内（据置期間{format_months(p.max_grace_months)}以内）",
        f"貸付利率 基準利率または特別利率{numbers}（基準利率から {cuts} を差し引いた率）",
    ]
    for d in p.divisions:
        special = "／".join(format_rate(d.base_rate_percent - cut) for cut in p.special_rate_reductions_percent)
        lines.append(f"{d.name}：基準利率 {format_rate(d.base_rate_percent)}、特別利率 {special}"
                     f"（{p.rates_note}）")
    lines.append("信用保証料：なし（保証協会の保証を使わない公庫の直接貸付。代わりに上記の貸付利率がかかります）")
    return lines


def evaluate(ctx: RouteContext) -> RouteResult:
    r = rule()
    found = rule_in_force(r, ctx, before_start=(
        "申込予定日 {app} は、このアプリが持つ公庫の制度データ（{first} 以降の条件）より前です。"
        "当時の条件は日本公庫に要確認です。"))
    if isinstance(found, RouteResult):
        return found
    version, params = found
    tags = Tags.of(version, params)
    terms = _terms(params)
    succession = ctx.case.situation.succession
    if succession.status == "none":
        return not_applicable(r, version, "事業承継の予定・実施がないため対象外です。", terms=terms)
    cid = "banks_refused_without_guarantee"
    conditions: list[Condition] = [
        from_declaration(
            cid, "事業承継に際して取引金融機関に経営者保証の免除等を申し入れ、それを契機に取引金融機関からの資金調達が困難になっていること",
            succession.banks_refused_without_guarantee, source=tags.source(cid), confidence=tags.confidence(cid),
            gap="まず取引金融機関に経営者保証の免除等を申し入れる（応じてもらえず資金調達が難しくなった場合にこの資金の対象になります）"),
        Condition("jfc_waiver", "日本公庫が貸付けに際して経営者保証を免除すること", "lender_decides",
                  figure="公庫が審査で判断", source=tags.source("jfc_waiver"), confidence=tags.confidence("jfc_waiver")),
    ]
    return route_result(r, version, conditions, terms=terms, documents=params.documents, notes=params.notes)
