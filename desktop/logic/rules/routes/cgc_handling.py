"""信用保証協会「経営者保証を不要とする取扱い」(reference §D.2): 金融機関連携型・財務要件型・担保充足型.

Handling rules the CGC applies across its guarantee products, with no fee surcharge, for
corporations only (S004 §1). They are checked before the surcharge routes (S003 (*4), §D.14).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from pydantic import field_validator

from desktop.logic.case.amounts import format_ratio, format_yen
from desktop.logic.case.model import Loan
from desktop.logic.rules.fees import standard_fee
from desktop.logic.rules.indicators import FinancialRatios
from desktop.logic.rules.routes.base import (
    Condition,
    RouteContext,
    RouteParams,
    RouteResult,
    corporation_gate,
    route_result,
    rule_in_force,
)
from desktop.logic.rules.routes.conditions import (
    all_of,
    any_of,
    from_bool,
    net_assets_condition,
    no_two_losses_condition,
    same_lender,
)
from desktop.logic.rules.data import Params, Rule, RuleVersion, load_rule, weakest

BANK_LINKED_ID = "cgc_bank_linked"
FINANCIAL_ID = "cgc_financial"
COLLATERAL_ID = "cgc_collateral"

# Notes every CGC route prints (事業者選択型 too). F-23: local 制度融資 may add fee subsidies.
LOCAL_SUBSIDY_NOTE = "都道府県・市区町村の制度融資では保証料の補助がある場合があります（この試算には含めていません）。"
CGC_DECIDES_NOTE = "要件を満たしても利用が約束されるわけではなく、最終判断は信用保証協会（と金融機関）が行います。"
FEE_NOTE = "利用する保証制度の料率区分（9区分、責任共有制度）による概算です。実際の料率は保証協会が決めます。"

TERMS = [
    "保証料の上乗せなし（利用する保証制度の通常の保証料率）",
    "保証限度額・保証割合・保証期間は、利用する保証制度によります",
]


class BankLinkedParams(RouteParams):
    # Checksheet items standing for the three aspects of 一体性の解消 the bank confirms (③).
    separation_items: list[str]
    money_flow_items: list[str]
    disclosure_items: list[str]


class Tier(Params):
    name: str
    min_net_assets_yen: int
    equity_ratio_percent: Decimal
    net_asset_multiple: Decimal
    return_on_assets_percent: Decimal
    interest_coverage: Decimal


class FinancialParams(RouteParams):
    tiers: list[Tier]

    @field_validator("tiers")
    @classmethod
    def _ascending(cls, tiers: list[Tier]) -> list[Tier]:
        if not tiers:
            raise ValueError("基準が1つもありません")
        minimums = [t.min_net_assets_yen for t in tiers]
        if minimums != sorted(set(minimums)):
            raise ValueError("基準は純資産額の小さい順に、重複なく並べてください")
        return tiers


def bank_linked_rule() -> Rule[BankLinkedParams]:
    return load_rule(BANK_LINKED_ID, BankLinkedParams)


def financial_rule() -> Rule[FinancialParams]:
    return load_rule(FINANCIAL_ID, FinancialParams)


def collateral_rule() -> Rule[RouteParams]:
    return load_rule(COLLATERAL_ID, RouteParams)


H = TypeVar("H", bound=RouteParams)


def _evaluate(ctx: RouteContext, rule: Rule[H],
              conditions_of: Callable[[RouteContext, H, RuleVersion], list[Condition]]) -> RouteResult:
    """The frame the three types share: window, corporations only, verdict, fee, notes."""
    found = rule_in_force(rule, ctx)
    if isinstance(found, RouteResult):
        return found
    version, params = found
    gate = corporation_gate(rule, version, ctx)
    if gate is not None:
        return gate
    fee = standard_fee(ctx.app_date, ctx.case.situation.planned_loan, note=FEE_NOTE)
    return route_result(rule, version, conditions_of(ctx, params, version), fee=fee, terms=TERMS,
                        documents=params.documents, notes=[*params.notes, CGC_DECIDES_NOTE, LOCAL_SUBSIDY_NOTE])


# --- 金融機関連携型 (D.2.1) ---------------------------------------------------------------

def _free_proper_loans(ctx: RouteContext) -> Condition:
    """A1: the applying bank already lends without guarantee, collateral or CGC guarantee."""
    label = "申込金融機関に、保証協会の保証なし・経営者保証なし・無担保のプロパー融資の残高がある"
    source = "S004 §1 金融機関連携型 ①、W7"
    lender = ctx.case.situation.planned_loan.lender.strip()
    if not lender:
        return Condition("A1", label, "unknown", figure="申込金融機関が未入力", source=source)
    own = [loan for loan in ctx.case.loans
           if same_lender(loan.lender, lender) and loan.is_proper and loan.balance_yen != 0]
    free = [loan for loan in own if not loan.owner_guarantee and loan.collateral == "none"]
    gap = f"{lender}から、経営者保証なし・無担保のプロパー融資を受ける（保証付き融資と同時の実行でも可）"
    if free:
        return Condition("A1", label, "met", figure=f"{lender} プロパー融資 残高 {_balance(free)}"
                         "（経営者保証なし・無担保）", source=source)
    figure = (f"{lender}のプロパー融資 {len(own)}件はいずれも経営者保証または担保あり" if own
              else f"{lender}のプロパー融資なし")
    return Condition("A1", label, "not_met", figure=figure, gap=gap, source=source)


def _balance(loans: list[Loan]) -> str:
    balances = [loan.balance_yen for loan in loans]
    known = [b for b in balances if b is not None]
    return format_yen(sum(known)) + ("（一部未入力）" if len(known) < len(balances) else "")


def _parallel_proper_loan(ctx: RouteContext) -> Condition:
    """A2: the bank answers that it will lend that way at the same time."""
    answer = ctx.case.situation.planned_loan.bank_parallel_proper_loan
    figure = {None: "金融機関に未確認です。保証付き融資と同時に、経営者保証なし・無担保のプロパー融資を実行してもらえるかを、"
                    "申込金融機関に確認してください。",
              True: "申込金融機関が同時に実行すると回答",
              False: "申込金融機関は同時に実行しないと回答"}[answer]
    return from_bool("A2", "保証付き融資と同時に、経営者保証なし・無担保のプロパー融資を実行する", answer,
                     figure=figure, gap="保証付き融資と同時に、経営者保証なし・無担保のプロパー融資の実行を相談する",
                     source="S004 §1 金融機関連携型 ①、W7")


def _bank_confirms(ctx: RouteContext, cid: str, label: str, item_ids: list[str]) -> Condition:
    """An aspect of 一体性の解消 that the applying bank confirms (S004 ③): the owner's own answers
    can rule it out or leave it open, but never settle it — at best 金融機関等が判断."""
    items = [ctx.item(i) for i in item_ids]
    figure = "自己点検 " + "、".join(f"{i.id} {i.status_label}" for i in items)
    source = "S004 §1 金融機関連携型 ③、W7"
    confidence = weakest(*(i.confidence for i in items))
    weak = [i for i in items if i.status in ("not_met", "partly")]
    if weak:
        return Condition(cid, label, "not_met", figure=figure, source=source, confidence=confidence,
                         gap="、".join(f"「{i.label}」を整える" for i in weak))
    if any(i.status == "unknown" for i in items):
        return Condition(cid, label, "unknown", figure=figure, source=source, confidence=confidence)
    return Condition(cid, label, "lender_decides", figure=figure + " → 申込金融機関の確認が必要", source=source,
                     confidence=confidence)


def _bank_linked_conditions(ctx: RouteContext, params: BankLinkedParams, version: RuleVersion) -> list[Condition]:
    ind = ctx.indicators
    source_b = "S004 §1 金融機関連携型 ②、W7"
    return [
        *any_of("A", "① 申込金融機関に経営者保証なし・無担保のプロパー融資がある（または同時に実行する）",
                [_free_proper_loans(ctx), _parallel_proper_loan(ctx)],
                gap="申込金融機関から、経営者保証なし・無担保のプロパー融資を受ける（既存の融資、または同時の実行）",
                source="S004 §1 金融機関連携型 ①、W7"),
        # Both halves are required here, unlike 事業者選択型 where either suffices (F-15).
        *all_of("B", "② 直近の決算で債務超過でなく、かつ直近2期連続で減価償却前経常利益が赤字でない", [
            net_assets_condition("B1", "直近の決算で債務超過でない（純資産がゼロ以上）", ind, strictly_positive=False,
                                 source=source_b),
            no_two_losses_condition("B2", "直近2期連続で減価償却前経常利益が赤字でない", ind, source=source_b),
        ], source=source_b),
        _bank_confirms(ctx, "C1", "③ 法人と経営者の資産・経理が明確に分離されている（金融機関が確認）",
                       params.separation_items),
        _bank_confirms(ctx, "C2", "③ 法人と経営者の間の資金のやりとりが社会通念上適切な範囲（金融機関が確認）",
                       params.money_flow_items),
        _bank_confirms(ctx, "C3", "③ 適時適切に財務情報等を提供している（金融機関が確認）",
                       params.disclosure_items),
    ]


def evaluate_bank_linked(ctx: RouteContext) -> RouteResult:
    return _evaluate(ctx, bank_linked_rule(), _bank_linked_conditions)


# --- 財務要件型 (D.2.2) -----------------------------------------------------------------

_NO_FIGURES = FinancialRatios(net_assets=None, equity_ratio=None, net_asset_multiple=None, return_on_assets=None,
                              interest_coverage=None, no_interest_expense=False)


def tier_for(tiers: list[Tier], net_assets: int) -> Tier | None:
    """The tier whose net-assets band holds the amount; None below the lowest."""
    applicable = [t for t in tiers if t.min_net_assets_yen <= net_assets]
    return applicable[-1] if applicable else None


def _band(tiers: list[Tier], tier: Tier) -> str:
    above = [t for t in tiers if t.min_net_assets_yen > tier.min_net_assets_yen]
    upper = f"{format_yen(above[0].min_net_assets_yen)}未満" if above else ""
    return f"{tier.name}（{format_yen(tier.min_net_assets_yen)}以上{upper}）"


def _tier_condition(tiers: list[Tier], ratios: FinancialRatios, source: str) -> Condition:
    lowest = tiers[0]
    label = f"直近の決算の純資産額が{format_yen(lowest.min_net_assets_yen)}以上（基準の区分）"
    na = ratios.net_assets
    if na is None:
        return Condition("T", label, "unknown", figure="純資産 —", source=source)
    tier = tier_for(tiers, na)
    if tier is None:
        return Condition("T", label, "not_met", figure=f"純資産 {format_yen(na)}", source=source,
                         gap=f"純資産をあと {format_yen(lowest.min_net_assets_yen - na)}以上増やす"
                             f"（{format_yen(lowest.min_net_assets_yen)}以上で{lowest.name}）")
    return Condition("T", label, "met", figure=f"純資産 {format_yen(na)} → {_band(tiers, tier)}", source=source)


def _threshold_test(cid: str, label: str, value: Fraction | None, threshold: Fraction, figure: str,
                    needed: int | None, what: str, source: str) -> tuple[Condition, int | None]:
    """value ≥ threshold, exactly; the gap is `needed` yen more of `what`."""
    passed = None if value is None else value >= threshold
    needed = needed if passed is False else None
    gap = f"{what}をあと {format_yen(needed)}以上増やす" if needed is not None else ""
    return from_bool(cid, label, passed, figure=figure, gap=gap, source=source), needed


def _either_with_nearest_gap(cid: str, label: str, tests: list[tuple[Condition, int | None]], what: str,
                             source: str) -> list[Condition]:
    """An 'either' test whose gap is the smaller of the two yen amounts (the nearer threshold)."""
    gaps = [(needed, c.label) for c, needed in tests if needed is not None]
    gap = ""
    if gaps:
        needed, nearer = min(gaps)
        gap = f"{what}をあと {format_yen(needed)}以上増やす（近い方：{nearer}）"
    return any_of(cid, label, [c for c, _ in tests], gap=gap, source=source)


def _stock_test(tier: Tier, r: FinancialRatios, source: str) -> list[Condition]:
    er = Fraction(tier.equity_ratio_percent) / 100
    nam = Fraction(tier.net_asset_multiple)
    er_label = f"自己資本比率 {tier.equity_ratio_percent}%以上"
    nam_label = f"純資産倍率 {tier.net_asset_multiple}倍以上"
    er_needed = None
    if r.net_assets is not None and r.total_assets is not None:
        # Net assets grow with total assets (retained profit, liabilities unchanged): (NA+x)/(TA+x) ≥ er.
        er_needed = math.ceil((er * r.total_assets - r.net_assets) / (1 - er))
    equity = _threshold_test("S1", er_label, r.equity_ratio, er,
                             f"自己資本比率 {format_ratio(r.equity_ratio, percent=True, against=er)}", er_needed,
                             "純資産", source)
    if r.capital_stock == 0:
        # 資本金 0: the multiple cannot be computed, so the stock test rests on 自己資本比率 [I].
        multiple: tuple[Condition, int | None] = (Condition(
            "S2", nam_label, "not_met", figure="算出不能（資本金 0円）：自己資本比率で判定", source=source,
            confidence="I"), None)
    else:
        nam_needed = None
        if r.net_assets is not None and r.capital_stock is not None:
            nam_needed = math.ceil(nam * r.capital_stock - r.net_assets)
        multiple = _threshold_test("S2", nam_label, r.net_asset_multiple, nam,
                                   f"純資産倍率 {format_ratio(r.net_asset_multiple, unit='倍', against=nam)}", nam_needed,
                                   "純資産", source)
    return _either_with_nearest_gap("S", f"ストック要件：{er_label} 又は {nam_label}（{tier.name}）",
                                    [equity, multiple], "純資産", source)


def _flow_test(tier: Tier, r: FinancialRatios, source: str) -> list[Condition]:
    roa = Fraction(tier.return_on_assets_percent) / 100
    icr = Fraction(tier.interest_coverage)
    roa_label = f"使用総資本事業利益率 {tier.return_on_assets_percent}%以上"
    icr_label = f"インタレスト・カバレッジ・レシオ {tier.interest_coverage}倍以上"
    what = "事業利益（営業利益＋受取利息・配当金）"
    roa_needed = None
    if r.business_profit is not None and r.total_assets is not None:
        roa_needed = math.ceil(roa * r.total_assets - r.business_profit)
    on_assets = _threshold_test("F1", roa_label, r.return_on_assets, roa,
                                f"使用総資本事業利益率 {format_ratio(r.return_on_assets, percent=True, against=roa)}",
                                roa_needed, what, source)
    if r.no_interest_expense:
        # No interest to cover: the ratio is undefined but the test is plainly satisfied [I].
        coverage: tuple[Condition, int | None] = (Condition(
            "F2", icr_label, "met", figure="支払利息 0円（充足とみなす）", source=source, confidence="I"), None)
    else:
        icr_needed = None
        if r.business_profit is not None and r.interest_expense is not None:
            icr_needed = math.ceil(icr * r.interest_expense - r.business_profit)
        coverage = _threshold_test("F2", icr_label, r.interest_coverage, icr,
                                   f"ICR {format_ratio(r.interest_coverage, unit='倍', against=icr)}", icr_needed, what, source)
    return _either_with_nearest_gap("F", f"フロー要件：{roa_label} 又は {icr_label}（{tier.name}）",
                                    [on_assets, coverage], what, source)


def _financial_conditions(ctx: RouteContext, params: FinancialParams, version: RuleVersion) -> list[Condition]:
    p0 = ctx.indicators.p0
    ratios = _NO_FIGURES if p0 is None else p0.ratios
    source = version.source
    if ctx.indicators.closed_periods == 0:
        # Before the first year-end no input can give 「直近決算」, so this is ×, not 入力が足りない.
        return [Condition("P0", "直近の決算があること（財務要件は直近決算の数値で判定）", "not_met",
                          figure="設立後、まだ一度も決算期が到来していません",
                          gap="決算期の到来後に、その決算書の数値で再判定する", source=source)]
    # Below the lowest band the ratios are still shown against 基準1, so every gap is visible.
    tier = (tier_for(params.tiers, ratios.net_assets) if ratios.net_assets is not None else None) or params.tiers[0]
    return [
        _tier_condition(params.tiers, ratios, source),
        *_stock_test(tier, ratios, source),
        *_flow_test(tier, ratios, source),
    ]


def evaluate_financial(ctx: RouteContext) -> RouteResult:
    return _evaluate(ctx, financial_rule(), _financial_conditions)


# --- 担保充足型 (D.2.3) -----------------------------------------------------------------

def _collateral_conditions(ctx: RouteContext, params: RouteParams, version: RuleVersion) -> list[Condition]:
    label = "法人又は経営者が所有する不動産を担保提供し、十分な保全が図られる"
    if ctx.case.situation.planned_loan.offers_real_estate_collateral:
        # 「十分な保全」 is the CGC's judgement; offering the property never passes by itself [I].
        return [Condition("RE", label, "lender_decides", figure="不動産担保を提供する予定（評価は保証協会）",
                          source=version.source)]
    return [Condition("RE", label, "not_met", figure="不動産担保の提供予定なし", source=version.source,
                      gap="法人又は経営者が所有する不動産を担保として提供する（十分かどうかは保証協会が判断）")]


def evaluate_collateral(ctx: RouteContext) -> RouteResult:
    return _evaluate(ctx, collateral_rule(), _collateral_conditions)
