"""日本公庫 事業承継・集約・活性化支援資金 — guarantee waiver (reference §D.10)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from desktop.logic.case.amounts import format_man, format_rate, format_yen
from desktop.logic.case.dates import format_months
from desktop.logic.case.model import PlannedLoan
from desktop.logic.rules.routes.base import (
    Condition,
    ConditionStatus,
    RouteContext,
    RouteParams,
    RouteResult,
    not_applicable,
    reason_from,
    route_result,
    rule_in_force,
    verdict_from,
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


# The planned loan against the fund's limits (S003). The case does not say which JFC unit lends
# (中小企業事業 14億4千万円 / 国民生活事業 別枠7,200万円) nor the use of the money (設備資金 20年 /
# 運転資金 10年), so a loan that fits only the larger limit or the longer term is judged on that
# reading, marked 目安, and the reason says which reading was taken.
# Sentences per condition and state, numbers filled in (kept together for the authored-wording data).
LOAN_TEXTS = {
    "amount": {
        "label": "借入予定額が貸付限度額（{limits}）以内であること",
        "unknown": "借入予定額が未入力のため、貸付限度額に収まるか判定できません。",
        "met": "借入予定額 {amount}は、どちらの事業の貸付限度額にも収まります。",
        "assumed": "借入予定額 {amount}は、{large}の貸付限度額（{large_limit}）に収まりますが、"
                   "{small}の貸付限度額（{small_limit}）を超えます。",
        "not_met": "借入予定額 {amount}は、{large}の貸付限度額（{large_limit}）を超えています。",
        "gap": "借入予定額を {over}以上減らす",
        "reading": "借入予定額が{small}の貸付限度額を超えるため、{large}から借りる前提で判定しています。",
    },
    "term": {
        "label": "借入期間が貸付期間（設備資金{equipment}以内、運転資金{working}以内）に収まること",
        "unknown": "借入期間が未入力のため、貸付期間に収まるか判定できません。",
        "met": "借入期間 {term}か月は、設備資金・運転資金のどちらの貸付期間にも収まります。",
        "assumed": "借入期間 {term}か月は、設備資金の貸付期間（{equipment}以内）に収まりますが、"
                   "運転資金の貸付期間（{working}以内）を超えます。",
        "not_met": "借入期間 {term}か月は、設備資金の貸付期間（{equipment}以内）も超えています。",
        "gap": "借入期間を {equipment_months}か月以内にする（運転資金なら{working_months}か月以内）",
        "reading": "借入期間が運転資金の貸付期間を超えるため、設備資金として借りる前提で判定しています。",
    },
    "grace": {
        "label": "据置期間が{grace_limit}以内であること",
        "met": "据置期間 {grace}か月は、{grace_limit}以内に収まります。",
        "not_met": "据置期間 {grace}か月は、据置期間の上限（{grace_limit}）を超えています。",
        "gap": "据置期間を {grace_months}か月以内にする",
    },
}


# "assumed" = met only on the more generous reading (larger limit, longer term): shown as 目安.
LimitState = Literal["unknown", "met", "assumed", "not_met"]
_STATUS: dict[LimitState, ConditionStatus] = {"unknown": "unknown", "met": "met", "assumed": "met", "not_met": "not_met"}


def _loan_condition(cid: str, texts: dict[str, str], state: LimitState, tags: Tags, **values: object) -> Condition:
    """One limit condition in its state, worded from LOAN_TEXTS."""
    status = _STATUS[state]
    return Condition(cid, texts["label"].format(**values), status, figure=texts[state].format(**values),
                     gap=texts["gap"].format(**values) if status == "not_met" else "",
                     source=tags.source("loan_terms"),
                     confidence="I" if state == "assumed" else tags.confidence("loan_terms"))


def _within(value: int | None, small: int, large: int) -> LimitState:
    """unknown, met (within both limits), assumed (only the larger) or not_met."""
    if value is None:
        return "unknown"
    return "met" if value <= small else "assumed" if value <= large else "not_met"


def loan_limits(loan: PlannedLoan, p: JfcParams, tags: Tags) -> tuple[list[Condition], list[str]]:
    """The planned loan against the limits, term and grace period; and the readings taken."""
    by_limit = sorted(p.divisions, key=lambda d: d.limit_yen)
    small, large = by_limit[0], by_limit[-1]
    amount_state = _within(loan.amount_yen, small.limit_yen, large.limit_yen)
    amount_texts = LOAN_TEXTS["amount"]
    amount = _loan_condition(
        "loan_amount", amount_texts, amount_state, tags,
        limits="、".join(f"{d.name} {format_man(d.limit_yen)}" for d in p.divisions),
        amount=format_yen(loan.amount_yen), small=small.name, small_limit=format_man(small.limit_yen),
        large=large.name, large_limit=format_man(large.limit_yen),
        over=format_yen((loan.amount_yen or 0) - large.limit_yen))
    equipment, working = p.equipment_term_months, p.working_capital_term_months
    term_state = _within(loan.term_months, min(equipment, working), max(equipment, working))
    term_texts = LOAN_TEXTS["term"]
    term = _loan_condition(
        "loan_term", term_texts, term_state, tags, term=loan.term_months,
        equipment=format_months(equipment), working=format_months(working),
        equipment_months=equipment, working_months=working)
    conditions = [amount, term]
    if loan.repayment == "equal_principal":
        grace_ok = loan.grace_months <= p.max_grace_months
        conditions.append(_loan_condition(
            "grace_period", LOAN_TEXTS["grace"], "met" if grace_ok else "not_met", tags, grace=loan.grace_months,
            grace_limit=format_months(p.max_grace_months), grace_months=p.max_grace_months))
    readings = [texts["reading"].format(small=small.name, large=large.name)
                for state, texts in ((amount_state, amount_texts), (term_state, term_texts)) if state == "assumed"]
    return conditions, readings


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
    limits, readings = loan_limits(ctx.case.situation.planned_loan, params, tags)
    conditions += limits
    verdict = verdict_from(conditions)
    return route_result(r, version, conditions, verdict=verdict, reason=reason_from(verdict, conditions) + "".join(readings),
                        terms=terms, documents=params.documents, notes=params.notes)
