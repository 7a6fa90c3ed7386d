"""事業者選択型経営者保証非提供制度 (reference §D.3) and its national-subsidy version, the
促進特別保証 (§D.4): no guarantor in exchange for a fee surcharge.

Both rest on the same 省令 requirements ①〜⑤ and the same surcharge (S003, S004 2.), assessed once
here; the subsidised version adds its limit, term and the State's share of the surcharge by
application date (F-6, F-7).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from desktop.logic.case.amounts import format_yen
from desktop.logic.case.dates import format_months, jdate
from desktop.logic.rules.checksheet import RECEIVABLES_QUESTION
from desktop.logic.rules.fees import standard_fee
from desktop.logic.rules.routes.base import (
    Condition,
    RouteContext,
    RouteParams,
    RouteResult,
    corporation_gate,
    route_result,
    rule_in_force,
)
from desktop.logic.rules.routes.cgc_handling import CGC_DECIDES_NOTE, FEE_NOTE, LOCAL_SUBSIDY_NOTE
from desktop.logic.rules.routes.conditions import (
    Tags,
    any_of,
    from_bool,
    from_declaration,
    from_item,
    net_assets_condition,
    no_two_losses_condition,
)
from desktop.logic.rules.routes.loan_terms import LoanTerms, loan_fit
from desktop.logic.rules.data import Confidence, P, Params, Rule, RuleVersion, caution_label, load_rule

SELECTION_ID = "selection_surcharge"
SUBSIDIZED_ID = "selection_surcharge_subsidized"

# S003 (*4): the no-surcharge handling stays available and is tried first (§D.14).
NO_SURCHARGE_FIRST_NOTE = ("保証料の上乗せのない「経営者保証を不要とする取扱い」（金融機関連携型・財務要件型・担保充足型）"
                           "を先に検討してください（既存の取扱いは引き続き利用できます）。")


class SelectionParams(RouteParams):
    surcharge_both_percent: Decimal
    surcharge_other_percent: Decimal


class SubsidizedParams(Params):
    # The documents are those of 事業者選択型 (selection_surcharge.toml), stated once there.
    subsidy_percent: Decimal
    terms: LoanTerms
    notes: list[str]
    confidence: dict[str, Confidence] = {}


def rule() -> Rule[SelectionParams]:
    return load_rule(SELECTION_ID, SelectionParams)


def subsidized_rule() -> Rule[SubsidizedParams]:
    return load_rule(SUBSIDIZED_ID, SubsidizedParams)


@dataclass(frozen=True)
class Eligibility:
    """Requirements ①〜⑤ with the surcharge they lead to."""

    conditions: list[Condition]
    # None while the inputs do not settle 0.25 % against 0.45 %.
    surcharge: Decimal | None
    surcharge_basis: str


def _waived(cid: str, label: str, why: str) -> Condition:
    return Condition(cid, label, "waived", figure=f"{why}ため適用されません", source="S003 省令要件（*）")


def _representative_receivables(ctx: RouteContext) -> Condition:
    """② first half: no loans or other claims on the representative in P0 (S003 (*2)(*3), F-17)."""
    label = "② 直近の決算で代表者への貸付金等（仮払金・未収入金等を含む）がない"
    source = "S003 ②（*2）（*3）、S004 2.(2)"
    p0 = ctx.indicators.p0
    amount = None if p0 is None else p0.representative_receivables
    if amount is None:
        return Condition("R2a", label, "unknown", figure="代表者への貸付金・仮払金等が未入力", source=source)
    figure = f"代表者への貸付金等 {format_yen(amount)}"
    exempt = ctx.case.declarations.small_or_business_necessary_receivables
    if amount > 0 and exempt:
        # Small or business-necessary claims are excluded (S003 (*3)); the owner says so.
        return Condition("R2a", label, "declared", figure=figure + "（少額・事業上必要なものと申告）", source=source)
    if amount > 0 and exempt is None:
        return Condition("R2a", label, "unknown", figure=f"{figure}。{RECEIVABLES_QUESTION}", source=source)
    return from_bool("R2a", label, amount == 0, figure=figure, source=source,
                     gap=f"代表者への貸付金等 {format_yen(amount)}を返済・精算して解消する"
                         "（少額・事業上必要なものは除かれます）")


def _financial(ctx: RouteContext) -> list[Condition]:
    """③: either half suffices (F-15); both together lower the surcharge."""
    ind = ctx.indicators
    return any_of("R3", "③ 直近の決算で債務超過でない、又は直近2期連続で減価償却前経常利益が赤字でない（いずれか一方で可）", [
        net_assets_condition("R3a", "直近の決算で債務超過でない（純資産がゼロ以上）", ind, strictly_positive=False,
                             source="S003 ③、S004 2.(3)①"),
        no_two_losses_condition("R3b", "直近2期連続で減価償却前経常利益が赤字でない", ind, source="S003 ③、S004 2.(3)②"),
    ], source="S003 ③、S004 2.(3)")


def assess(ctx: RouteContext, params: SelectionParams) -> Eligibility:
    """The 省令 requirements with the exceptions for young companies (S003 (*)), and the surcharge."""
    closed = ctx.indicators.closed_periods
    conditions: list[Condition] = []
    if closed is None:
        conditions.append(Condition("N", "設立後の決算終了回数（適用除外の判定に必要）", "unknown",
                                    figure="設立日・決算月が未入力（決算の入力が2期未満）", source="S003 省令要件（*）"))
    docs_label = "① 過去2年間、申込金融機関の求めに応じて決算書等を提出している"
    pay_label = "② 代表者への役員報酬・賞与・配当等が社会通念上相当な額を超えない"
    if closed == 0:
        why = "設立後最初の決算が未了の"
        conditions += [_waived("R1", docs_label, why),
                       _waived("R2a", "② 直近の決算で代表者への貸付金等がない", why),
                       _waived("R2b", pay_label, why)]
    else:
        conditions += [
            from_declaration("R1", docs_label, ctx.case.declarations.docs_submitted_2y,
                             source="S003 ①（*1）、S004 2.(1)",
                             gap="金融機関の求めに応じて決算書・試算表等を提出する（過去2年間の実績が必要）"),
            _representative_receivables(ctx),
            from_item("R2b", pay_label, ctx.item("GL-1.4"), source="S003 ②、S004 2.(2)"),
        ]
    if closed is not None and closed < 2:
        conditions.append(_waived("R3", "③ 債務超過でない、又は直近2期連続で減価償却前経常利益が赤字でない",
                                  "設立後2期分の決算が未了の"))
    else:
        conditions += _financial(ctx)
    conditions += [
        from_declaration("R4", "④ ①②を継続して満たすことを誓約する書面を提出する", ctx.case.declarations.pledge_continuous,
                         source="S003 ④、S004 2.(4)", gap="①②を継続して満たすことを誓約する（要件確認書兼誓約書）"),
        from_declaration("R5", "⑤ 保証料率の引上げを条件に、経営者保証を提供しないことを希望する",
                         ctx.case.declarations.wishes_no_guarantee, source="S003 ⑤、S004 2.(5)",
                         gap="保証料の上乗せを受け入れて経営者保証なしを希望するか、上乗せのない取扱いを検討する"),
    ]
    surcharge, basis = _surcharge(params, closed, conditions)
    return Eligibility(conditions, surcharge, basis)


def _surcharge(params: SelectionParams, closed: int | None, conditions: list[Condition]) -> tuple[Decimal | None, str]:
    """0.25 % with n_closed ≥ 2 and both halves of ③; 0.45 % with only one, or fewer than 2 periods."""
    if closed is not None and closed < 2:
        return params.surcharge_other_percent, "設立後2期分の決算がないため"
    halves = {c.status for c in conditions if c.part_of == "R3"}
    if halves == {"not_met"}:
        return params.surcharge_other_percent, "③を満たしていないため（参考）"
    if "not_met" in halves:
        return params.surcharge_other_percent, "③の一方のみを満たすため"
    if closed is not None and halves == {"met"}:
        return params.surcharge_both_percent, "③の両方を満たすため"
    return None, "③の判定に必要な入力が足りないため未確定"


def _fee_note(elig: Eligibility, fallback: Decimal) -> str:
    if elig.surcharge is None:
        return f"{FEE_NOTE} 上乗せが確定しないため、高い方（{fallback}%）で概算しています。"
    return FEE_NOTE


def _result(ctx: RouteContext, rule: Rule[P], version: RuleVersion, elig: Eligibility,
            extra: list[Condition], surcharge: Decimal, terms: list[str], documents: list[str],
            notes: list[str], fee_confidence: Confidence = "C") -> RouteResult:
    fee = standard_fee(ctx.app_date, ctx.case.situation.planned_loan, surcharge=surcharge,
                       note=_fee_note(elig, surcharge))
    if fee is not None:
        fee = replace(fee, confidence=fee_confidence)
    return route_result(rule, version, elig.conditions + extra, fee=fee, terms=terms, documents=documents,
                        notes=[NO_SURCHARGE_FIRST_NOTE, *notes, CGC_DECIDES_NOTE, LOCAL_SUBSIDY_NOTE])


def evaluate(ctx: RouteContext) -> RouteResult:
    """事業者選択型 (D.3): open-ended from 2024-03-15."""
    r = rule()
    found = rule_in_force(r, ctx)
    if isinstance(found, RouteResult):
        return found
    version, params = found
    gate = corporation_gate(r, version, ctx)
    if gate is not None:
        return gate
    elig = assess(ctx, params)
    surcharge = elig.surcharge if elig.surcharge is not None else params.surcharge_other_percent
    shown = f"＋{elig.surcharge}%" if elig.surcharge is not None else \
        f"＋{params.surcharge_both_percent}% 又は ＋{params.surcharge_other_percent}%"
    terms = [
        f"保証料率：通常の保証料率{shown}（{elig.surcharge_basis}）",
        "保証限度額・保証割合・保証期間：組み合わせる保証制度によります",
    ]
    return _result(ctx, r, version, elig, [], surcharge, terms, params.documents, params.notes)


# --- 促進特別保証（国補助） (D.4) ----------------------------------------------------------

def _window(version: RuleVersion) -> str:
    return f"{jdate(version.valid_from)}〜{'' if version.valid_to is None else jdate(version.valid_to)}"


def evaluate_subsidized(ctx: RouteContext) -> RouteResult:
    """促進特別保証 (D.4): applications 2024-03-15〜2027-03-31, subsidy fixed by the application date."""
    r = subsidized_rule()
    found = rule_in_force(r, ctx)
    if isinstance(found, RouteResult):
        return found
    version, params = found
    base = rule_in_force(rule(), ctx)
    if isinstance(base, RouteResult):
        return base
    _, base_params = base
    gate = corporation_gate(r, version, ctx)
    if gate is not None:
        return gate
    elig = assess(ctx, base_params)
    subsidy = params.subsidy_percent
    surcharge = elig.surcharge if elig.surcharge is not None else base_params.surcharge_other_percent
    borne = max(surcharge - subsidy, Decimal(0))
    if elig.surcharge is None:
        rate_line = (f"保証料率：通常の保証料率＋事業者負担 {base_params.surcharge_both_percent - subsidy}% 又は "
                     f"{base_params.surcharge_other_percent - subsidy}%（上乗せ {base_params.surcharge_both_percent}% 又は "
                     f"{base_params.surcharge_other_percent}% − 国の補助 {subsidy}%、{elig.surcharge_basis}）")
    else:
        rate_line = (f"保証料率：通常の保証料率＋事業者負担 {borne}%（上乗せ {surcharge}% − 国の補助 {subsidy}%、"
                     f"{elig.surcharge_basis}）")
    tags = Tags(version, params.confidence)
    # The business-borne part (surcharge − subsidy) is derived [I] where no source prints it (F-7).
    fee_confidence = tags.confidence("fee")
    if caution_label(fee_confidence):
        rate_line += f"（{caution_label(fee_confidence)}）"
    t = params.terms
    assert t.max_grace_months is not None and t.max_lump_sum_months is not None  # both in the rule file
    terms = [
        f"保証限度額：{format_yen(t.limit_yen)}（セーフティネット保証4号・5号は別枠）",
        f"保証割合：{t.guarantee_ratio_percent}%",
        f"保証期間：分割返済 {format_months(t.max_term_months, with_count=True)}以内"
        f"（据置 {format_months(t.max_grace_months, with_count=True)}以内）、"
        f"一括返済 {format_months(t.max_lump_sum_months, with_count=True)}以内",
        rate_line,
        f"国の補助 {subsidy}%（保証申込受付日が {_window(version)} の分）",
        "無担保・保証人なし",
    ]
    extra = loan_fit(ctx.case.situation.planned_loan, t, tags)
    return _result(ctx, r, version, elig, extra, borne, terms, base_params.documents, params.notes, fee_confidence)
