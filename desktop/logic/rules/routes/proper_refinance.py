"""プロパー融資借換特別保証制度 (reference §D.5)."""

from __future__ import annotations

from decimal import Decimal

from desktop.logic.case.amounts import format_yen
from desktop.logic.rules.fees import RATE_CLASS_NOTE, standard_fee
from desktop.logic.rules.routes.base import (
    Condition,
    ConditionStatus,
    RouteContext,
    RouteParams,
    RouteResult,
    corporation_gate,
    not_applicable,
    route_result,
    rule_in_force,
)
from desktop.logic.rules.routes.conditions import (
    Tags,
    asset_surplus,
    ebitda_multiple_within,
    no_rescheduled_loans,
    same_lender,
    separation,
)
from desktop.logic.rules.routes.loan_terms import LoanTerms, loan_fit, terms_lines
from desktop.logic.rules.data import Rule, load_rule

ROUTE_ID = "proper_refinance"


class ProperRefinanceParams(RouteParams):
    ebitda_limit: Decimal
    terms: LoanTerms


def rule() -> Rule[ProperRefinanceParams]:
    return load_rule(ROUTE_ID, ProperRefinanceParams)


def _guaranteed_proper_loan(ctx: RouteContext, tags: Tags) -> Condition | None:
    """The applying bank's own loans carrying the owner's guarantee; None when there are none."""
    cid = "guaranteed_proper_loan"
    label = "申込金融機関に経営者保証付きのプロパー融資があること"
    lender = ctx.case.situation.planned_loan.lender.strip()
    # A repaid loan (balance 0) leaves nothing to refinance.
    guaranteed = [loan for loan in ctx.case.loans if loan.is_proper and loan.owner_guarantee and loan.balance_yen != 0]
    if not lender:
        if not guaranteed:
            return None
        names = "、".join(dict.fromkeys(loan.lender or "（名称なし）" for loan in guaranteed))
        return Condition(cid, label, "unknown", figure=f"申込金融機関が未入力（保証付きプロパー融資：{names}）",
                         source=tags.source(cid), confidence=tags.confidence(cid))
    at_bank = [loan for loan in guaranteed if same_lender(loan.lender, lender)]
    if not at_bank:
        return None
    balances = [loan.balance_yen for loan in at_bank]
    total = "残高一部未入力" if None in balances else f"残高 {format_yen(sum(b for b in balances if b))}"
    return Condition(cid, label, "met", figure=f"{lender}：{len(at_bank)}件（{total}）",
                     source=tags.source(cid), confidence=tags.confidence(cid))


# What to ask the applying bank while an answer that decides the verdict is missing (issue 13: an
# unanswered bank question is 「入力が足りない」 with the question, as in 金融機関連携型).
ASK_BANK = {
    (None, None): "金融機関に未確認です。申込金融機関に、(a) 経営者保証・保全なしのプロパー融資を同時に実行するか、"
                  "(b) 既存プロパー融資の経営者保証を解除するかを確認してください。",
    (False, None): "(a) の同時実行には応じないとの回答です。(b) 既存プロパー融資の経営者保証を解除するかを、"
                   "申込金融機関に確認してください。",
    (None, False): "(b) の保証解除には応じないとの回答です。(a) 経営者保証・保全なしのプロパー融資を同時に実行するかを、"
                   "申込金融機関に確認してください。",
}


def _bank_commitment(ctx: RouteContext, tags: Tags) -> Condition:
    """(a) a new proper loan without guarantee and 保全, or (b) release of its proper-loan guarantees."""
    cid = "bank_commitment"
    label = ("申込金融機関が、経営者保証・保全なしのプロパー融資を同時に実行するか、"
             "既存プロパー融資の経営者保証を解除すること")
    loan = ctx.case.situation.planned_loan
    answers = (loan.bank_parallel_proper_loan, loan.bank_releases_proper_guarantees)
    gap = ""
    status: ConditionStatus
    if True in answers:
        status = "declared"
        figure = "金融機関が応じる見込み（申告）：" + "、".join(
            text for text, yes in (("(a) 保証なしプロパー融資の同時実行", answers[0]),
                                   ("(b) 既存プロパー融資の保証解除", answers[1])) if yes)
    elif answers == (False, False):
        status, figure = "not_met", "金融機関は (a)(b) のいずれにも応じない回答"
        gap = "申込金融機関に (a) 経営者保証・保全なしのプロパー融資の同時実行、または (b) 既存プロパー融資の保証解除を改めて相談する"
    else:
        status, figure = "unknown", ASK_BANK[answers]
    return Condition(cid, label, status, figure=figure, gap=gap, source=tags.source(cid),
                     confidence=tags.confidence(cid))


def evaluate(ctx: RouteContext) -> RouteResult:
    r = rule()
    found = rule_in_force(r, ctx)
    if isinstance(found, RouteResult):
        return found
    version, params = found
    tags = Tags.of(version, params)
    terms = terms_lines(params.terms)
    gate = corporation_gate(r, version, ctx, terms=terms)
    if gate is not None:
        return gate
    proper = _guaranteed_proper_loan(ctx, tags)
    if proper is None:
        lender = ctx.case.situation.planned_loan.lender.strip()
        where = f"申込金融機関（{lender}）" if lender else "取引金融機関"
        return not_applicable(r, version, f"{where}に経営者保証付きのプロパー融資がないため、借換の対象がありません。",
                              terms=terms)
    loan = ctx.case.situation.planned_loan
    conditions = [
        proper,
        asset_surplus(ctx, tags),
        ebitda_multiple_within(ctx, params.ebitda_limit, tags),
        *separation(ctx, tags),
        no_rescheduled_loans(ctx, tags),
        _bank_commitment(ctx, tags),
        *loan_fit(loan, params.terms, tags),
    ]
    fee = standard_fee(ctx.app_date, loan, source_note=tags.source("fee"), note=RATE_CLASS_NOTE)
    return route_result(r, version, conditions, fee=fee, terms=terms, documents=params.documents,
                        notes=params.notes)
