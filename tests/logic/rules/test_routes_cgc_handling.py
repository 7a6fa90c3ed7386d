"""信用保証協会「経営者保証を不要とする取扱い」: 金融機関連携型・財務要件型・担保充足型 (reference §D.2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from desktop.logic.case.model import Answer, Case, Company, Loan, PlannedLoan, Situation
from desktop.logic.rules.fees import cost_over_loan
from desktop.logic.rules.routes import ROUTES
from desktop.logic.rules.routes.base import Condition, RouteResult
from desktop.logic.rules.routes.cgc_handling import (
    FinancialParams,
    evaluate_bank_linked,
    evaluate_collateral,
    evaluate_financial,
)
from tests.builders import case, context, period, with_p0


def cond(result: RouteResult, cid: str) -> Condition:
    return next(c for c in result.conditions if c.id == cid)


def with_answer(c: Case, item_id: str, answer: str) -> Case:
    answers = {k: v for k, v in c.answers.items() if k != item_id}
    if answer != "missing":
        answers[item_id] = Answer(answer=answer)  # type: ignore[arg-type]
    return c.model_copy(update={"answers": answers})


def with_loan(c: Case, **planned: Any) -> Case:
    loan = c.situation.planned_loan.model_copy(update=planned)
    return c.model_copy(update={"situation": c.situation.model_copy(update={"planned_loan": loan})})


FREE_LOAN = Loan(lender="みらい銀行", lender_kind="bank", balance_yen=50_000_000, owner_guarantee=False,
                 collateral="none")


def bank_ready(**overrides: Any) -> Case:
    """A healthy company whose bank already lends to it without guarantee or collateral."""
    values: dict[str, Any] = {"loans": [FREE_LOAN]}
    values.update(overrides)
    return case(**values)


def losses(c: Case, p0_dbop: int, p1_dbop: int) -> Case:
    """Set 減価償却前経常利益 of P0 and P1 through 経常利益 (減価償却費 stays 10,000,000円)."""
    periods = c.sorted_periods()
    periods[0] = periods[0].model_copy(update={"ordinary_profit_yen": p0_dbop - 10_000_000})
    periods[1] = periods[1].model_copy(update={"ordinary_profit_yen": p1_dbop - 10_000_000})
    return c.model_copy(update={"periods": periods})


# --- registry -------------------------------------------------------------------------------

def test_registry_lists_the_routes_in_spec_order() -> None:
    assert list(ROUTES)[:6] == ["guideline_release", "cgc_bank_linked", "cgc_financial", "cgc_collateral",
                                "selection_surcharge", "selection_surcharge_subsidized"]


@pytest.mark.parametrize("evaluate", [evaluate_bank_linked, evaluate_financial, evaluate_collateral])
def test_sole_proprietors_are_outside_every_d2_type(evaluate: Any) -> None:
    c = case(company=Company(name="山田商店", is_corporation=False), loans=[FREE_LOAN])
    result = evaluate(context(c))
    assert result.verdict == "not_applicable"
    assert "法人" in result.reason
    assert result.conditions == []


# --- 金融機関連携型 -------------------------------------------------------------------------

def test_bank_linked_at_best_possible_because_the_bank_confirms_separation() -> None:
    result = evaluate_bank_linked(context(bank_ready()))
    assert result.verdict == "possible"
    assert cond(result, "A").status == "met"
    assert cond(result, "A1").status == "met"
    assert cond(result, "A1").figure == "みらい銀行 プロパー融資 残高 50,000,000円（経営者保証なし・無担保）"
    assert cond(result, "B").status == "met"
    for cid in ("C1", "C2", "C3"):
        assert cond(result, cid).status == "lender_decides"
        assert "申込金融機関の確認が必要" in cond(result, cid).figure
    assert "金融機関が確認" in result.reason
    assert result.fee is not None and result.fee.surcharge_rate is None


def test_bank_linked_a1_not_met_when_the_bank_loans_carry_a_guarantee() -> None:
    result = evaluate_bank_linked(context(case()))
    a1 = cond(result, "A1")
    assert a1.status == "not_met"
    assert a1.figure == "みらい銀行のプロパー融資 1件はいずれも経営者保証または担保あり"
    assert "経営者保証なし・無担保のプロパー融資を受ける" in a1.gap
    assert a1.part_of == "A"


@pytest.mark.parametrize("loan", [
    Loan(lender="ひかり信金", lender_kind="shinkin", balance_yen=10_000_000, owner_guarantee=False),
    Loan(lender="みらい銀行", lender_kind="cgc_guaranteed", balance_yen=10_000_000, owner_guarantee=False),
    Loan(lender="みらい銀行", lender_kind="bank", balance_yen=10_000_000, owner_guarantee=False,
         collateral="real_estate"),
    Loan(lender="みらい銀行", lender_kind="bank", balance_yen=0, owner_guarantee=False),
], ids=["other-bank", "cgc-guaranteed", "secured", "repaid"])
def test_bank_linked_a1_counts_only_an_unsecured_guarantee_free_proper_loan_at_the_applying_bank(loan: Loan) -> None:
    result = evaluate_bank_linked(context(case(loans=[loan])))
    assert cond(result, "A1").status == "not_met"


def test_bank_linked_a1_unknown_without_the_applying_bank() -> None:
    c = with_loan(bank_ready(), lender="")
    result = evaluate_bank_linked(context(c))
    assert cond(result, "A1").status == "unknown"
    assert cond(result, "A1").figure == "申込金融機関が未入力"


@pytest.mark.parametrize(("answer", "a2", "a", "verdict"), [
    (True, "met", "met", "possible"),
    (False, "not_met", "not_met", "not_eligible"),
    (None, "unknown", "unknown", "needs_input"),
])
def test_bank_linked_a2_parallel_loan_answer_decides_when_a1_fails(
        answer: bool | None, a2: str, a: str, verdict: str) -> None:
    result = evaluate_bank_linked(context(with_loan(case(), bank_parallel_proper_loan=answer)))
    assert cond(result, "A1").status == "not_met"
    assert cond(result, "A2").status == a2
    assert cond(result, "A").status == a
    assert result.verdict == verdict
    if answer is None:
        assert "申込金融機関に確認してください" in cond(result, "A2").figure


def test_bank_linked_a_not_met_states_one_gap_for_both_ways() -> None:
    result = evaluate_bank_linked(context(with_loan(case(), bank_parallel_proper_loan=False)))
    assert cond(result, "A").gap == "申込金融機関から、経営者保証なし・無担保のプロパー融資を受ける（既存の融資、または同時の実行）"
    assert result.reason.startswith("① 申込金融機関に")


# F-15: 金融機関連携型 needs BOTH 債務超過でない AND not two DBOP losses.
@pytest.mark.parametrize(("net_assets", "dbops", "b1", "b2", "b", "verdict"), [
    (1, (1, 1), "met", "met", "met", "possible"),
    (1, (-1, -1), "met", "not_met", "not_met", "not_eligible"),
    (-1, (1, 1), "not_met", "met", "not_met", "not_eligible"),
    (-1, (-1, -1), "not_met", "not_met", "not_met", "not_eligible"),
])
def test_bank_linked_b_requires_both_financial_halves(
        net_assets: int, dbops: tuple[int, int], b1: str, b2: str, b: str, verdict: str) -> None:
    c = with_p0(losses(bank_ready(), *dbops), net_assets_yen=net_assets)
    result = evaluate_bank_linked(context(c))
    assert (cond(result, "B1").status, cond(result, "B2").status, cond(result, "B").status) == (b1, b2, b)
    assert result.verdict == verdict


def test_bank_linked_net_assets_exactly_zero_is_not_insolvent() -> None:
    result = evaluate_bank_linked(context(with_p0(bank_ready(), net_assets_yen=0)))
    assert cond(result, "B1").status == "met"
    assert cond(result, "B1").figure == "純資産 0円（2026年03月期）"


def test_bank_linked_dbop_exactly_zero_is_not_a_loss() -> None:
    result = evaluate_bank_linked(context(losses(bank_ready(), 0, -5_000_000)))
    assert cond(result, "B2").status == "met"


def test_bank_linked_net_assets_gap_in_yen() -> None:
    result = evaluate_bank_linked(context(with_p0(bank_ready(), net_assets_yen=-3_200_000)))
    b1 = cond(result, "B1")
    assert b1.figure == "純資産 ▲3,200,000円（2026年03月期）"
    assert b1.gap == "純資産をあと 3,200,000円以上増やす"
    assert cond(result, "B").gap == b1.gap


def test_bank_linked_two_losses_gap_is_the_improvement_to_reach_zero() -> None:
    result = evaluate_bank_linked(context(losses(bank_ready(), -1_500_000, -2_000_000)))
    b2 = cond(result, "B2")
    assert b2.figure == "減価償却前経常利益 2026年03月期 ▲1,500,000円、2025年03月期 ▲2,000,000円"
    assert b2.gap == "次の決算で減価償却前経常利益を0円以上にする（直近期 ▲1,500,000円 から 1,500,000円以上の改善）"


def test_bank_linked_b_unknown_without_figures() -> None:
    c = with_p0(bank_ready(), net_assets_yen=None, total_assets_yen=None)
    result = evaluate_bank_linked(context(c))
    assert cond(result, "B1").status == "unknown"
    assert cond(result, "B").status == "unknown"
    assert result.verdict == "needs_input"


def test_bank_linked_b2_unknown_when_the_loss_period_stands_alone_and_the_count_is_unknown() -> None:
    company = Company(name="株式会社テスト", is_corporation=True)
    c = bank_ready(company=company, periods=[period(2026, ordinary_profit_yen=-20_000_000)])
    result = evaluate_bank_linked(context(c))
    assert cond(result, "B2").status == "unknown"


def test_bank_linked_b2_met_with_a_single_closed_period_is_our_reading() -> None:
    company = Company(name="株式会社テスト", is_corporation=True, incorporated_on=dt.date(2025, 6, 1),
                      fiscal_year_end_month=3)
    c = bank_ready(company=company, periods=[period(2026, ordinary_profit_yen=-20_000_000)])
    result = evaluate_bank_linked(context(c))
    b2 = cond(result, "B2")
    assert b2.status == "met"
    assert b2.confidence == "I" and b2.caution == "目安"


@pytest.mark.parametrize(("item", "cid"), [("GL-1.2", "C1"), ("GL-1.4", "C2"), ("GL-3.3", "C3")])
def test_bank_linked_c_not_met_when_the_self_check_says_no(item: str, cid: str) -> None:
    result = evaluate_bank_linked(context(with_answer(bank_ready(), item, "no")))
    c = cond(result, cid)
    assert c.status == "not_met"
    assert c.gap.startswith("「") and c.gap.endswith("」を整える")
    assert result.verdict == "not_eligible"


@pytest.mark.parametrize(("item", "cid"), [("GL-1.2", "C1"), ("GL-1.4", "C2"), ("GL-3.1", "C3")])
def test_bank_linked_c_unknown_when_the_self_check_is_unanswered(item: str, cid: str) -> None:
    result = evaluate_bank_linked(context(with_answer(bank_ready(), item, "missing")))
    assert cond(result, cid).status == "unknown"
    assert result.verdict == "needs_input"


@pytest.mark.parametrize(("small_or_necessary", "status"), [(False, "not_met"), (None, "unknown"),
                                                             (True, "lender_decides")])
def test_bank_linked_c2_with_loans_to_the_representative(small_or_necessary: bool | None, status: str) -> None:
    c = with_p0(bank_ready(), loans_to_representative_yen=2_000_000)
    c = c.model_copy(update={"declarations": c.declarations.model_copy(
        update={"small_or_business_necessary_receivables": small_or_necessary})})
    assert cond(evaluate_bank_linked(context(c)), "C2").status == status


# --- 財務要件型 -----------------------------------------------------------------------------

def fin(c: Case | None = None, *, na: int, ta: int, capital: int | None = 20_000_000, op: int = 30_000_000,
        income: int = 0, interest: int | None = 2_000_000) -> RouteResult:
    c = with_p0(c or case(), net_assets_yen=na, total_assets_yen=ta, total_liabilities_yen=ta - na,
                capital_stock_yen=capital, operating_profit_yen=op, interest_dividend_income_yen=income,
                interest_expense_yen=interest)
    return evaluate_financial(context(c))


def test_financial_healthy_company_eligible_in_tier_1() -> None:
    result = evaluate_financial(context(case()))
    assert result.verdict == "eligible"
    assert cond(result, "T").figure == "純資産 150,000,000円 → 基準1（50,000,000円以上300,000,000円未満）"
    assert cond(result, "S1").figure == "自己資本比率 37.50%"
    assert cond(result, "S2").figure == "純資産倍率 7.50倍"
    assert cond(result, "F1").status == "not_met"
    assert cond(result, "F2").status == "met"
    assert cond(result, "F").status == "met"
    assert result.fee is not None and result.fee.surcharge_rate is None


@pytest.mark.parametrize(("na", "tier"), [
    (50_000_000, "基準1"), (299_999_999, "基準1"), (300_000_000, "基準2"), (499_999_999, "基準2"),
    (500_000_000, "基準3"), (2_000_000_000, "基準3"),
])
def test_financial_tier_edges(na: int, tier: str) -> None:
    result = fin(na=na, ta=na * 2, capital=1, op=na, interest=1)
    assert cond(result, "T").status == "met"
    assert f"→ {tier}（" in cond(result, "T").figure
    assert cond(result, "S").label.endswith(f"（{tier}）")
    assert result.verdict == "eligible"


def test_financial_below_50m_net_assets_not_eligible_with_yen_gap() -> None:
    result = fin(na=49_999_999, ta=100_000_000)
    t = cond(result, "T")
    assert t.status == "not_met"
    assert t.gap == "純資産をあと 1円以上増やす（50,000,000円以上で基準1）"
    # The ratios are still shown against 基準1 so every gap is visible.
    assert cond(result, "S").label.endswith("（基準1）")
    assert result.verdict == "not_eligible"


def test_financial_tier_thresholds_differ_by_tier() -> None:
    # 純資産倍率 1.5 passes 基準2 (≥ 1.5) though it would fail 基準1 (≥ 2.0).
    result = fin(na=300_000_000, ta=2_000_000_000, capital=200_000_000)
    assert cond(result, "S1").status == "not_met"  # 15 % < 20 %
    assert cond(result, "S2").status == "met"
    assert cond(result, "S2").label == "純資産倍率 1.5倍以上"
    # 基準3: 自己資本比率 15 % suffices.
    result = fin(na=500_000_000, ta=3_333_333_334, capital=500_000_000)
    assert cond(result, "S1").status == "not_met"  # just under 15 %
    result = fin(na=500_000_000, ta=3_333_333_333, capital=500_000_000)
    assert cond(result, "S1").status == "met"


def test_financial_equity_ratio_exactly_20_percent_passes() -> None:
    result = fin(na=100_000_000, ta=500_000_000, capital=100_000_000)
    assert cond(result, "S1").status == "met"
    assert cond(result, "S1").figure == "自己資本比率 20.00%"


def test_financial_equity_ratio_gap_accounts_for_assets_growing_with_net_assets() -> None:
    result = fin(na=99_999_999, ta=500_000_000, capital=100_000_000)
    s1 = cond(result, "S1")
    assert s1.status == "not_met"
    # (99,999,999 + 2) / (500,000,000 + 2) ≥ 20 %, with + 1 it is not.
    assert s1.gap == "純資産をあと 2円以上増やす"


def test_financial_net_asset_multiple_exactly_2_passes_and_gap_below() -> None:
    assert cond(fin(na=100_000_000, ta=1_000_000_000, capital=50_000_000), "S2").status == "met"
    s2 = cond(fin(na=99_000_000, ta=1_000_000_000, capital=50_000_000), "S2")
    assert s2.status == "not_met"
    assert s2.gap == "純資産をあと 1,000,000円以上増やす"


def test_financial_stock_gap_is_the_nearer_threshold() -> None:
    # 自己資本比率 needs (0.2 × 1,000,000,000 − 90,000,000) ÷ 0.8 = 137,500,000円; 純資産倍率 needs 10,000,000円.
    result = fin(na=90_000_000, ta=1_000_000_000, capital=50_000_000)
    assert cond(result, "S1").gap == "純資産をあと 137,500,000円以上増やす"
    assert cond(result, "S").status == "not_met"
    assert cond(result, "S").gap == "純資産をあと 10,000,000円以上増やす（近い方：純資産倍率 2.0倍以上）"
    assert result.verdict == "not_eligible"


def test_financial_zero_capital_falls_back_on_equity_ratio() -> None:
    result = fin(na=100_000_000, ta=400_000_000, capital=0)
    s2 = cond(result, "S2")
    assert s2.status == "not_met"
    assert s2.figure == "算出不能（資本金 0円）：自己資本比率で判定"
    assert s2.confidence == "I"
    assert cond(result, "S").status == "met"
    result = fin(na=100_000_000, ta=600_000_000, capital=0)
    assert cond(result, "S").status == "not_met"
    assert cond(result, "S").gap.startswith("純資産をあと 25,000,000円以上増やす")


def test_financial_roa_exactly_10_percent_passes_and_gap_below() -> None:
    result = fin(na=100_000_000, ta=300_000_000, op=29_000_000, income=1_000_000, interest=100_000_000)
    assert cond(result, "F1").status == "met"
    assert cond(result, "F1").figure == "使用総資本事業利益率 10.00%"
    f1 = cond(fin(na=100_000_000, ta=300_000_000, op=28_999_999, income=1_000_000, interest=100_000_000), "F1")
    assert f1.status == "not_met"
    assert f1.gap == "事業利益（営業利益＋受取利息・配当金）をあと 1円以上増やす"


def test_financial_icr_exactly_2_passes_and_gap_below() -> None:
    result = fin(na=100_000_000, ta=1_000_000_000, op=10_000_000, interest=5_000_000)
    assert cond(result, "F2").status == "met"
    assert cond(result, "F2").figure == "ICR 2.00倍"
    f2 = cond(fin(na=100_000_000, ta=1_000_000_000, op=9_000_000, interest=5_000_000), "F2")
    assert f2.status == "not_met"
    assert f2.gap == "事業利益（営業利益＋受取利息・配当金）をあと 1,000,000円以上増やす"


def test_financial_flow_gap_is_the_nearer_threshold() -> None:
    # ROA needs 10 % × 1,000,000,000 − 9,000,000 = 91,000,000円; ICR needs 2 × 5,000,000 − 9,000,000 = 1,000,000円.
    result = fin(na=100_000_000, ta=1_000_000_000, op=9_000_000, interest=5_000_000)
    f = cond(result, "F")
    assert f.status == "not_met"
    assert f.gap == ("事業利益（営業利益＋受取利息・配当金）をあと 1,000,000円以上増やす"
                     "（近い方：インタレスト・カバレッジ・レシオ 2.0倍以上）")


def test_financial_no_interest_expense_counts_as_icr_met() -> None:
    result = fin(na=100_000_000, ta=1_000_000_000, op=1_000_000, interest=0)
    f2 = cond(result, "F2")
    assert f2.status == "met"
    assert f2.figure == "支払利息 0円（充足とみなす）"
    assert f2.confidence == "I"
    assert cond(result, "F").status == "met"


def test_financial_unknown_without_the_latest_period() -> None:
    result = evaluate_financial(context(case(periods=[])))
    assert [c.status for c in result.conditions if not c.part_of] == ["unknown", "unknown", "unknown"]
    assert result.verdict == "needs_input"


def test_financial_unknown_ratio_parts() -> None:
    c = with_p0(case(), total_assets_yen=None, total_liabilities_yen=None, interest_expense_yen=None,
                capital_stock_yen=None)
    result = evaluate_financial(context(c))
    assert cond(result, "T").status == "met"
    for cid in ("S1", "S2", "F1", "F2", "S", "F"):
        assert cond(result, cid).status == "unknown", cid


def test_financial_tiers_must_ascend() -> None:
    tier = dict(equity_ratio_percent="20", net_asset_multiple="2.0", return_on_assets_percent="10",
                interest_coverage="2.0")
    with pytest.raises(ValidationError):
        FinancialParams.model_validate({"documents": [], "notes": [], "tiers": [
            {"name": "b", "min_net_assets_yen": 300, **tier}, {"name": "a", "min_net_assets_yen": 100, **tier}]})


# --- 担保充足型 -----------------------------------------------------------------------------

def test_collateral_offered_is_left_to_the_cgc() -> None:
    c = case(situation=Situation(planned_loan=PlannedLoan(lender="みらい銀行", offers_real_estate_collateral=True)))
    result = evaluate_collateral(context(c))
    assert result.verdict == "possible"
    assert cond(result, "RE").status == "lender_decides"
    assert "評価は保証協会" in cond(result, "RE").figure


def test_collateral_not_offered_states_the_gap_even_with_secured_loans() -> None:
    c = case(loans=[Loan(lender="みらい銀行", balance_yen=1, collateral="real_estate")])
    result = evaluate_collateral(context(c))
    assert result.verdict == "not_eligible"
    assert cond(result, "RE").status == "not_met"
    assert cond(result, "RE").gap == "法人又は経営者が所有する不動産を担保として提供する（十分かどうかは保証協会が判断）"


# --- fees and texts shared by the three types -----------------------------------------------

def test_d2_fee_without_surcharge_exact_with_rate_class() -> None:
    c = with_loan(bank_ready(), cgc_rate_class=9)
    fee = evaluate_financial(context(c)).fee
    assert fee is not None
    assert fee.rate_exact == Decimal("0.45")
    assert (fee.rate_min, fee.rate_max) == (Decimal("0.45"), Decimal("1.90"))
    assert fee.yen_estimate == cost_over_loan(Decimal("0.45"), c.situation.planned_loan)
    assert fee.surcharge_yen is None


def test_d2_fee_range_when_rate_class_unknown() -> None:
    c = bank_ready()
    fee = evaluate_bank_linked(context(c)).fee
    assert fee is not None
    assert fee.rate_exact is None
    assert fee.yen_estimate == cost_over_loan(Decimal("1.90"), c.situation.planned_loan)


def test_d2_results_carry_terms_documents_and_notes() -> None:
    result = evaluate_bank_linked(context(bank_ready()))
    assert result.terms[0].startswith("保証料の上乗せなし")
    assert any("プロパー融資の契約内容" in d for d in result.documents)
    assert any("保証料の補助がある場合" in n for n in result.notes)
    assert any("最終判断は信用保証協会" in n for n in result.notes)
    assert result.rule_checked_on == dt.date(2026, 11, 24)


@pytest.mark.parametrize(("incorporated", "verdict"), [
    (dt.date(2026, 4, 1), "not_eligible"),   # March year-end: the first period closes 2027-03-31
    (dt.date(2026, 3, 30), "needs_input"),   # one period closed (2026-03-31) but not entered
])
def test_financial_before_the_first_year_end_is_not_met_until_then(incorporated: dt.date, verdict: str) -> None:
    c = case(periods=[])
    c = c.model_copy(update={"company": c.company.model_copy(update={"incorporated_on": incorporated})})
    result = evaluate_financial(context(c))
    assert result.verdict == verdict
    if verdict == "not_eligible":
        [only] = result.conditions
        assert only.status == "not_met"
        assert only.gap == "決算期の到来後に、その決算書の数値で再判定する"
    else:
        assert cond(result, "T").status == "unknown"
