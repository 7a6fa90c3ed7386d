"""プロパー融資借換特別保証制度 (reference §D.5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop.logic.case.model import BusinessAsset, Case, Loan, PlannedLoan
from desktop.logic.rules.fees import cost_over_loan
from desktop.logic.rules.routes.base import RouteResult
from tests.builders import case, with_p0
from tests.logic.rules.scheme_builders import cond, run, with_answer, with_company, with_loan, without_answer

D = dt.date
ROUTE = "proper_refinance"


def refinance(c: Case) -> RouteResult:
    return run(ROUTE, c)


def test_healthy_company_needs_the_banks_answer() -> None:
    r = refinance(case())
    assert r.verdict == "needs_input"
    statuses = {c.id: c.status for c in r.conditions}
    assert statuses == {
        "guaranteed_proper_loan": "met", "asset_surplus": "met", "ebitda_multiple": "met", "GL-1.1": "met",
        "GL-1.2": "declared", "no_rescheduled_loans": "met", "bank_commitment": "unknown",
        "loan_amount": "met", "loan_term": "met", "grace_period": "met",
    }
    assert "未入力・未確認" in r.reason
    assert cond(r, "guaranteed_proper_loan").figure == "みらい銀行：1件（残高 100,000,000円）"
    assert r.documents and r.notes
    assert r.terms[0] == "保証限度額 2億8,000万円（うち無担保8,000万円、組合等は4億8,000万円）"
    assert r.terms[1] == "保証割合 80%（責任共有制度）"
    assert r.terms[2] == "保証期間 10年以内（据置期間1年以内）、一括返済は1年以内"


# --- window ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "closed"), [
    (D(2024, 3, 14), True), (D(2024, 3, 15), False), (D(2027, 3, 31), False), (D(2027, 4, 1), True),
])
def test_application_window(day: dt.date, closed: bool) -> None:
    r = refinance(case(application_date=day))
    assert (r.verdict == "closed") is closed
    if closed:
        assert r.conditions == []
        assert ("2024年03月15日" if day.year == 2024 else "2027年03月31日") in r.reason


# --- applicability -------------------------------------------------------------------------------


def test_individual_is_not_applicable() -> None:
    r = refinance(with_company(case(), is_corporation=False))
    assert r.verdict == "not_applicable"
    assert "法人のみ" in r.reason


@pytest.mark.parametrize("loan", [
    Loan(lender="ほかの銀行", lender_kind="bank", balance_yen=100_000_000, owner_guarantee=True),
    Loan(lender="みらい銀行", lender_kind="bank", balance_yen=100_000_000, owner_guarantee=False),
    Loan(lender="みらい銀行", lender_kind="cgc_guaranteed", balance_yen=100_000_000, owner_guarantee=True),
    Loan(lender="みらい銀行", lender_kind="jfc", balance_yen=100_000_000, owner_guarantee=True),
    Loan(lender="みらい銀行", lender_kind="bank", balance_yen=0, owner_guarantee=True),  # repaid: nothing to refinance
])
def test_no_guaranteed_proper_loan_at_the_applying_bank_is_not_applicable(loan: Loan) -> None:
    r = refinance(case(loans=[loan]))
    assert r.verdict == "not_applicable"
    assert "みらい銀行" in r.reason


def test_lender_names_match_across_width_and_spaces() -> None:
    c = case(loans=[Loan(lender="みらい　銀行", lender_kind="shinkin", balance_yen=5_000_000)])
    assert cond(refinance(c), "guaranteed_proper_loan").status == "met"


def test_unknown_applying_bank_with_guaranteed_proper_loans_needs_input() -> None:
    r = refinance(with_loan(case(), lender=""))
    assert r.verdict == "needs_input"
    assert cond(r, "guaranteed_proper_loan").status == "unknown"
    assert "みらい銀行" in cond(r, "guaranteed_proper_loan").figure


def test_unknown_applying_bank_without_guaranteed_proper_loans_is_not_applicable() -> None:
    c = with_loan(case(loans=[Loan(lender="x", owner_guarantee=False)]), lender="")
    assert refinance(c).verdict == "not_applicable"


# --- 資産超過 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("na", "status", "gap"), [
    (-3_200_000, "not_met", "純資産をあと 3,200,001円以上増やす"),
    (0, "not_met", "純資産をあと 1円以上増やす"),       # NA exactly 0 is not 資産超過
    (1, "met", ""),
])
def test_asset_surplus(na: int, status: str, gap: str) -> None:
    r = refinance(with_p0(case(), net_assets_yen=na))
    c = cond(r, "asset_surplus")
    assert (c.status, c.gap) == (status, gap)
    assert c.figure == f"純資産 {na:,}円（2026年03月期）".replace("-", "▲")
    assert c.caution == "目安"   # NA > 0 is our reading of 資産超過 (F-12)
    assert r.verdict == ("not_eligible" if status == "not_met" else "needs_input")   # the bank is not asked yet


def test_asset_surplus_unknown() -> None:
    r = refinance(with_p0(case(), net_assets_yen=None, total_assets_yen=None))
    assert cond(r, "asset_surplus").status == "unknown"
    assert r.verdict == "needs_input"


def test_no_periods_make_the_financial_tests_unknown() -> None:
    r = refinance(case(periods=[]))
    assert cond(r, "asset_surplus").figure == "直近決算が未入力"
    assert cond(r, "ebitda_multiple").status == "unknown"


# --- EBITDA有利子負債倍率 ------------------------------------------------------------------------


def _ebitda(c: Case, net_debt: int, ebitda: int) -> Case:
    return with_p0(c, short_term_borrowings_yen=0, long_term_borrowings_yen=net_debt + 80_000_000, bonds_yen=0,
                   cash_yen=80_000_000, operating_profit_yen=ebitda - 5_000_000, depreciation_yen=5_000_000)


def test_ebitda_multiple_over_the_limit_gives_both_gaps() -> None:
    c = cond(refinance(_ebitda(case(), 184_000_000, 10_000_000)), "ebitda_multiple")
    assert c.status == "not_met"
    assert c.label == "EBITDA有利子負債倍率が15倍以内であること（直近決算）"
    assert c.figure.startswith("18.40倍")
    assert "ネット有利子負債（借入金・社債−現預金）をあと 34,000,000円以上減らす" in c.gap
    assert "EBITDA（営業利益＋減価償却費）をあと 2,266,667円以上増やす" in c.gap
    assert c.confidence == "W"
    assert "W31" in c.source


def test_ebitda_multiple_exactly_at_and_just_above_the_limit() -> None:
    at = cond(refinance(_ebitda(case(), 150_000_000, 10_000_000)), "ebitda_multiple")
    assert (at.status, at.figure[:6]) == ("met", "15.00倍")
    above = cond(refinance(_ebitda(case(), 150_000_001, 10_000_000)), "ebitda_multiple")
    assert above.status == "not_met"
    assert "あと 1円以上減らす" in above.gap and "あと 1円以上増やす" in above.gap


def test_ebitda_zero_or_negative_is_not_computable_and_fails() -> None:
    c = cond(refinance(_ebitda(case(), 80_000_000, 0)), "ebitda_multiple")
    assert c.status == "not_met"
    assert c.figure.startswith("算出不能")
    # 80,000,000 ÷ 15 = 5,333,333.3… → EBITDA must rise by 5,333,334円.
    assert c.gap == "EBITDA（営業利益＋減価償却費）をあと 5,333,334円以上増やす"


def test_negative_ebitda_with_net_cash_only_needs_a_positive_ebitda() -> None:
    c = cond(refinance(_ebitda(case(), -10_000_000, -2_000_000)), "ebitda_multiple")
    assert c.status == "not_met"
    assert c.gap == "EBITDA（営業利益＋減価償却費）をあと 2,000,001円以上増やす"


def test_net_cash_passes() -> None:
    c = cond(refinance(_ebitda(case(), -1, 10_000_000)), "ebitda_multiple")
    assert c.status == "met"
    assert c.figure.startswith("実質無借金")


def test_ebitda_unknown_when_cash_missing() -> None:
    c = cond(refinance(with_p0(case(), cash_yen=None)), "ebitda_multiple")
    assert c.status == "unknown"


# --- 法人・個人の分離 ----------------------------------------------------------------------------


def test_separation_assets_not_met() -> None:
    c = case(business_assets=[BusinessAsset(name="社長名義の倉庫", owner="representative")])
    r = refinance(c)
    item = cond(r, "GL-1.1")
    assert item.status == "not_met"
    assert "社長名義の倉庫" in item.figure
    assert item.gap
    assert r.verdict == "not_eligible"


def test_separation_accounts_not_met_partly_and_unknown() -> None:
    assert cond(refinance(with_answer(case(), "GL-1.2", "no")), "GL-1.2").status == "not_met"
    assert cond(refinance(with_answer(case(), "GL-1.2", "partly")), "GL-1.2").status == "not_met"
    r = refinance(without_answer(case(), "GL-1.2"))
    assert cond(r, "GL-1.2").status == "unknown"
    assert r.verdict == "needs_input"


# --- 返済緩和 -------------------------------------------------------------------------------------


def test_rescheduled_loan_fails() -> None:
    c = case(loans=[Loan(lender="みらい銀行", balance_yen=100_000_000),
                    Loan(lender="さくら信金", lender_kind="shinkin", balance_yen=10_000_000, rescheduled=True)])
    r = refinance(c)
    x = cond(r, "no_rescheduled_loans")
    assert x.status == "not_met"
    assert "さくら信金" in x.figure and "さくら信金" in x.gap
    assert r.verdict == "not_eligible"


# --- the bank's condition (a)/(b) ------------------------------------------------------------


@pytest.mark.parametrize(("parallel", "releases", "status", "verdict"), [
    (True, None, "declared", "eligible"),
    (None, True, "declared", "eligible"),
    (False, True, "declared", "eligible"),
    (None, None, "unknown", "needs_input"),      # an unanswered bank question: ask it (as 金融機関連携型)
    (False, None, "unknown", "needs_input"),
    (None, False, "unknown", "needs_input"),
    (False, False, "not_met", "not_eligible"),
])
def test_bank_commitment(parallel: bool | None, releases: bool | None, status: str, verdict: str) -> None:
    r = refinance(with_loan(case(), bank_parallel_proper_loan=parallel, bank_releases_proper_guarantees=releases))
    c = cond(r, "bank_commitment")
    assert c.status == status
    assert r.verdict == verdict
    assert bool(c.gap) is (status == "not_met")
    if status == "unknown":
        assert "申込金融機関に" in c.figure and c.figure.endswith("確認してください。")
        # Only the questions still open are asked.
        assert ("(a) 経営者保証・保全なし" in c.figure) is (parallel is None)
        assert ("(b) 既存プロパー融資" in c.figure) is (releases is None)


# --- the planned loan against the terms ------------------------------------------------------------


def test_loan_over_the_limit() -> None:
    c = cond(refinance(with_loan(case(), amount_yen=300_000_000)), "loan_amount")
    assert c.status == "not_met"
    assert c.gap == "借入予定額を 20,000,000円以上減らす（組合等は4億8,000万円まで）"


def test_loan_term_and_grace_limits() -> None:
    assert cond(refinance(with_loan(case(), term_months=120)), "loan_term").status == "met"
    long = cond(refinance(with_loan(case(), term_months=121)), "loan_term")
    assert (long.status, long.gap) == ("not_met", "借入期間を 120か月以内にする")
    lump = cond(refinance(with_loan(case(), repayment="lump_sum", term_months=13)), "loan_term")
    assert (lump.status, lump.gap) == ("not_met", "借入期間を 12か月以内にする")
    grace = cond(refinance(with_loan(case(), grace_months=13)), "grace_period")
    assert (grace.status, grace.gap) == ("not_met", "据置期間を 12か月以内にする")


def test_loan_amount_unknown() -> None:
    r = refinance(with_loan(case(), amount_yen=None))
    assert cond(r, "loan_amount").status == "unknown"
    assert r.verdict == "needs_input"


# --- fee --------------------------------------------------------------------------------------------


def test_fee_from_the_standard_table() -> None:
    r = refinance(case())
    assert r.fee is not None
    assert (r.fee.rate_min, r.fee.rate_max, r.fee.rate_exact) == (Decimal("0.45"), Decimal("1.90"), None)
    # Class unknown: the 概算 uses the highest rate.
    assert r.fee.yen_estimate == cost_over_loan(Decimal("1.90"), r_loan(case()))
    known = refinance(with_loan(case(), cgc_rate_class=9, amount_yen=12_000_000, repayment="lump_sum",
                                term_months=12))
    assert known.fee is not None and known.fee.rate_exact == Decimal("0.45")
    assert known.fee.yen_estimate == 54_000   # 12,000,000円 × 0.45% × 1年


def r_loan(c: Case) -> PlannedLoan:
    return c.situation.planned_loan
