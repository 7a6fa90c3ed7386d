"""事業者選択型経営者保証非提供制度 (§D.3) and the 促進特別保証（国補助） (§D.4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from desktop.logic.case.model import Answer, Case, Company, Declarations
from desktop.logic.rules.evaluation import evaluate as evaluate_case
from desktop.logic.rules.fees import cost_over_loan
from desktop.logic.rules.routes.base import Condition, RouteResult
from desktop.logic.rules.routes.selection import evaluate, evaluate_subsidized
from tests.builders import case, context, period, with_p0

ROUTES = [evaluate, evaluate_subsidized]


def cond(result: RouteResult, cid: str) -> Condition:
    return next(c for c in result.conditions if c.id == cid)


def ids(result: RouteResult) -> list[str]:
    return [c.id for c in result.conditions]


def with_loan(c: Case, **planned: Any) -> Case:
    loan = c.situation.planned_loan.model_copy(update=planned)
    return c.model_copy(update={"situation": c.situation.model_copy(update={"planned_loan": loan})})


def declaring(**changes: Any) -> Case:
    values: dict[str, Any] = dict(docs_submitted_2y=True, pledge_continuous=True, wishes_no_guarantee=True)
    values.update(changes)
    return case(declarations=Declarations(**values))


def dbops(c: Case, p0: int, p1: int) -> Case:
    """減価償却前経常利益 of P0 and P1 (減価償却費 stays 10,000,000円)."""
    periods = c.sorted_periods()
    periods[0] = periods[0].model_copy(update={"ordinary_profit_yen": p0 - 10_000_000})
    periods[1] = periods[1].model_copy(update={"ordinary_profit_yen": p1 - 10_000_000})
    return c.model_copy(update={"periods": periods})


def founded(on: dt.date, periods: list[int]) -> Case:
    company = Company(name="株式会社スタート", is_corporation=True, incorporated_on=on, fiscal_year_end_month=3)
    return case(company=company, periods=[period(y) for y in periods])


def on(c: Case, day: dt.date) -> Case:
    return c.model_copy(update={"application_date": day})


# --- both routes share requirements ①〜⑤ -----------------------------------------------------

@pytest.mark.parametrize("route", ROUTES)
def test_healthy_company_eligible_with_the_lower_surcharge(route: Any) -> None:
    result = route(context(case()))
    assert result.verdict == "eligible"
    assert ids(result)[:8] == ["R1", "R2a", "R2b", "R3", "R3a", "R3b", "R4", "R5"]
    assert cond(result, "R3a").part_of == "R3" and cond(result, "R3b").part_of == "R3"
    assert result.fee is not None


@pytest.mark.parametrize("route", ROUTES)
def test_sole_proprietors_are_not_applicable(route: Any) -> None:
    result = route(context(case(company=Company(name="山田商店", is_corporation=False))))
    assert result.verdict == "not_applicable"
    assert "法人" in result.reason


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("field", "cid"), [
    ("docs_submitted_2y", "R1"), ("pledge_continuous", "R4"), ("wishes_no_guarantee", "R5")])
@pytest.mark.parametrize(("value", "status", "verdict"), [
    (True, "declared", "eligible"), (False, "not_met", "not_eligible"), (None, "unknown", "needs_input")])
def test_declared_requirements(route: Any, field: str, cid: str, value: bool | None, status: str,
                               verdict: str) -> None:
    result = route(context(declaring(**{field: value})))
    c = cond(result, cid)
    assert c.status == status
    assert result.verdict == verdict
    assert (c.gap != "") == (status == "not_met")


@pytest.mark.parametrize("route", ROUTES)
def test_r2a_receivables_from_the_representative(route: Any) -> None:
    c = with_p0(declaring(small_or_business_necessary_receivables=False), loans_to_representative_yen=1_200_000,
                other_receivables_from_representative_yen=300_000)
    r2a = cond(route(context(c)), "R2a")
    assert r2a.status == "not_met"
    assert r2a.figure == "代表者への貸付金等 1,500,000円"
    assert r2a.gap.startswith("代表者への貸付金等 1,500,000円を返済・精算して解消する")


@pytest.mark.parametrize("route", ROUTES)
def test_r2a_unanswered_small_or_necessary_asks_instead_of_failing(route: Any) -> None:
    c = with_p0(declaring(small_or_business_necessary_receivables=None), loans_to_representative_yen=100_000)
    result = route(context(c))
    r2a = cond(result, "R2a")
    assert r2a.status == "unknown" and r2a.gap == ""
    assert r2a.figure.startswith("代表者への貸付金等 100,000円。少額のもの、または事業の実施に必要なものかどうかを回答")
    assert result.verdict == "needs_input"


@pytest.mark.parametrize("route", ROUTES)
def test_r2a_small_or_business_necessary_receivables_are_declared(route: Any) -> None:
    c = with_p0(declaring(small_or_business_necessary_receivables=True), loans_to_representative_yen=100_000)
    result = route(context(c))
    assert cond(result, "R2a").status == "declared"
    assert cond(result, "R2a").figure == "代表者への貸付金等 100,000円（少額・事業上必要なものと申告）"
    assert result.verdict == "eligible"


@pytest.mark.parametrize("route", ROUTES)
def test_r2a_unknown_without_the_figure(route: Any) -> None:
    c = with_p0(case(), loans_to_representative_yen=None)
    assert cond(route(context(c)), "R2a").status == "unknown"


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("answer", "status"), [("yes", "declared"), ("no", "not_met"), ("partly", "not_met"),
                                                (None, "unknown")])
def test_r2b_remuneration_follows_the_checksheet_answer(route: Any, answer: str | None, status: str) -> None:
    c = case()
    answers = {k: v for k, v in c.answers.items() if k != "GL-1.4"}
    if answer is not None:
        answers["GL-1.4"] = Answer(answer=answer)  # type: ignore[arg-type]
    result = route(context(c.model_copy(update={"answers": answers})))
    assert cond(result, "R2b").status == status


# F-15: 事業者選択型 needs EITHER half of ③; both halves lower the surcharge to 0.25 %.
@pytest.mark.parametrize(("net_assets", "p0", "p1", "r3a", "r3b", "r3", "surcharge"), [
    (1, 1, 1, "met", "met", "met", "0.25"),
    (1, -1, -1, "met", "not_met", "met", "0.45"),
    (-1, 1, 1, "not_met", "met", "met", "0.45"),
    (-1, -1, -1, "not_met", "not_met", "not_met", "0.45"),
])
def test_r3_either_half_suffices(net_assets: int, p0: int, p1: int, r3a: str, r3b: str, r3: str,
                                 surcharge: str) -> None:
    c = with_p0(dbops(case(), p0, p1), net_assets_yen=net_assets)
    result = evaluate(context(c))
    assert (cond(result, "R3a").status, cond(result, "R3b").status, cond(result, "R3").status) == (r3a, r3b, r3)
    assert result.verdict == ("eligible" if r3 == "met" else "not_eligible")
    assert result.fee is not None and result.fee.surcharge_rate == Decimal(surcharge)


def test_r3_boundaries_zero_net_assets_and_zero_dbop() -> None:
    result = evaluate(context(with_p0(dbops(case(), 0, -1), net_assets_yen=0)))
    assert cond(result, "R3a").status == "met"
    assert cond(result, "R3b").status == "met"
    assert result.fee is not None and result.fee.surcharge_rate == Decimal("0.25")


def test_r3_not_met_lists_both_gaps() -> None:
    c = with_p0(dbops(case(), -400_000, -1), net_assets_yen=-3_200_000)
    r3 = cond(evaluate(context(c)), "R3")
    assert r3.gap == ("純資産をあと 3,200,000円以上増やす または "
                      "次の決算で減価償却前経常利益を0円以上にする（直近期 ▲400,000円 から 400,000円以上の改善）")


def test_r3_unknown_halves() -> None:
    c = with_p0(case(), net_assets_yen=None, total_assets_yen=None)
    result = evaluate(context(c))
    assert cond(result, "R3a").status == "unknown"
    assert cond(result, "R3").status == "met"  # R3b alone suffices
    assert result.verdict == "eligible"
    # ...but the surcharge cannot be settled: the fee is estimated on the higher rate.
    assert "＋0.25% 又は ＋0.45%" in result.terms[0]
    assert result.fee is not None and result.fee.surcharge_rate == Decimal("0.45")
    assert "高い方（0.45%）" in result.fee.note
    # P0 unknown with a P1 loss leaves R3b open too (a P1 profit alone would settle it).
    both_unknown = with_p0(dbops(case(), 1, -1), net_assets_yen=None, total_assets_yen=None,
                           ordinary_profit_yen=None)
    result = evaluate(context(both_unknown))
    assert cond(result, "R3b").status == "unknown"
    assert cond(result, "R3").status == "unknown"
    assert result.verdict == "needs_input"


# --- exceptions for young companies (S003 (*)) -------------------------------------------------

def test_no_closed_period_waives_r1_to_r3_with_the_higher_surcharge() -> None:
    c = founded(dt.date(2026, 6, 1), [])
    c = c.model_copy(update={"declarations": Declarations(pledge_continuous=True, wishes_no_guarantee=True)})
    result = evaluate(context(c))
    assert [(x.id, x.status) for x in result.conditions] == [
        ("R1", "waived"), ("R2a", "waived"), ("R2b", "waived"), ("R3", "waived"),
        ("R4", "declared"), ("R5", "declared")]
    assert "設立後最初の決算が未了のため" in cond(result, "R1").figure
    assert result.verdict == "eligible"
    assert result.fee is not None and result.fee.surcharge_rate == Decimal("0.45")
    assert "設立後2期分の決算がないため" in result.terms[0]


def test_one_closed_period_waives_r3_only_and_keeps_0_45() -> None:
    result = evaluate(context(founded(dt.date(2025, 6, 1), [2026])))
    assert cond(result, "R1").status == "declared"
    assert cond(result, "R2a").status == "met"
    assert cond(result, "R3").status == "waived"
    assert "R3a" not in ids(result)
    assert result.verdict == "eligible"
    assert result.fee is not None and result.fee.surcharge_rate == Decimal("0.45")


def test_two_closed_periods_apply_r3_and_allow_0_25() -> None:
    result = evaluate(context(founded(dt.date(2024, 6, 1), [2026, 2025])))
    assert cond(result, "R3").status == "met"
    assert result.fee is not None and result.fee.surcharge_rate == Decimal("0.25")


def test_unknown_closed_period_count_needs_input() -> None:
    c = case(company=Company(name="株式会社テスト", is_corporation=True), periods=[period(2026)])
    result = evaluate(context(c))
    assert ids(result)[0] == "N"
    assert cond(result, "N").status == "unknown"
    assert cond(result, "R1").status == "declared"  # nothing waived while the count is unknown
    assert cond(result, "R3").status == "met"
    assert result.verdict == "needs_input"
    assert result.fee is not None and result.fee.surcharge_rate == Decimal("0.45")
    assert "未確定" in result.terms[0]


# --- 事業者選択型: window and fee -------------------------------------------------------------

def test_selection_window_opens_on_2024_03_15_and_stays_open() -> None:
    before = evaluate(context(on(case(), dt.date(2024, 3, 14))))
    assert before.verdict == "closed"
    assert "受付開始（2024年03月15日）より前" in before.reason
    assert evaluate(context(on(case(), dt.date(2024, 3, 15)))).verdict == "eligible"
    assert evaluate(context(on(case(), dt.date(2031, 4, 1)))).verdict == "eligible"


def test_selection_fee_exact_with_rate_class() -> None:
    c = with_loan(case(), cgc_rate_class=5)
    loan = c.situation.planned_loan
    fee = evaluate(context(c)).fee
    assert fee is not None
    assert fee.rate_exact == Decimal("1.40")  # 1.15 + 0.25
    assert fee.yen_estimate == cost_over_loan(Decimal("1.40"), loan)
    assert fee.surcharge_yen == cost_over_loan(Decimal("0.25"), loan)
    assert fee.surcharge_yen == 209_375


def test_selection_fee_range_without_rate_class() -> None:
    c = with_p0(case(), net_assets_yen=-1)
    loan = c.situation.planned_loan
    fee = evaluate(context(c)).fee
    assert fee is not None
    assert fee.rate_exact is None
    assert (fee.rate_min, fee.rate_max) == (Decimal("0.90"), Decimal("2.35"))
    assert fee.yen_estimate == cost_over_loan(Decimal("2.35"), loan)
    assert fee.surcharge_yen == cost_over_loan(Decimal("0.45"), loan)


def test_selection_has_no_subsidy_and_points_to_the_no_surcharge_handling_first() -> None:
    result = evaluate(context(case()))
    assert result.terms[0] == "保証料率：通常の保証料率＋0.25%（③の両方を満たすため）"
    assert any("国の保証料補助はありません" in n for n in result.notes)
    assert result.notes[0].startswith("保証料の上乗せのない「経営者保証を不要とする取扱い」")
    assert any("保証料の補助がある場合" in n for n in result.notes)
    assert any("要件確認書兼誓約書" in d for d in result.documents)


# --- 促進特別保証（国補助） ------------------------------------------------------------------

@pytest.mark.parametrize(("day", "subsidy", "borne_both", "borne_other"), [
    (dt.date(2024, 3, 15), "0.15", "0.10", "0.30"),
    (dt.date(2025, 3, 31), "0.15", "0.10", "0.30"),
    (dt.date(2025, 4, 1), "0.10", "0.15", "0.35"),
    (dt.date(2026, 3, 31), "0.10", "0.15", "0.35"),
    (dt.date(2026, 4, 1), "0.05", "0.20", "0.40"),
    (dt.date(2027, 3, 31), "0.05", "0.20", "0.40"),
])
def test_subsidy_by_application_date(day: dt.date, subsidy: str, borne_both: str, borne_other: str) -> None:
    both = evaluate_subsidized(context(on(case(), day)))
    assert both.verdict == "eligible"
    assert both.fee is not None and both.fee.surcharge_rate == Decimal(borne_both)
    assert (f"事業者負担 {borne_both}%（上乗せ 0.25% − 国の補助 {subsidy}%" in both.terms[3])
    one = evaluate_subsidized(context(on(with_p0(case(), net_assets_yen=-1), day)))
    assert one.fee is not None and one.fee.surcharge_rate == Decimal(borne_other)


@pytest.mark.parametrize(("day", "message"), [
    (dt.date(2027, 4, 1), "受付は 2027年03月31日 申込分までです"),
    (dt.date(2024, 3, 14), "受付開始（2024年03月15日）より前"),
])
def test_subsidized_closed_outside_its_window(day: dt.date, message: str) -> None:
    result = evaluate_subsidized(context(on(case(), day)))
    assert result.verdict == "closed"
    assert message in result.reason
    assert result.fee is None


def test_subsidized_fee_exact_and_surcharge_cost() -> None:
    c = on(with_loan(case(), cgc_rate_class=5), dt.date(2026, 4, 1))
    loan = c.situation.planned_loan
    fee = evaluate_subsidized(context(c)).fee
    assert fee is not None
    assert fee.rate_exact == Decimal("1.35")  # 1.15 + 0.25 − 0.05
    assert fee.surcharge_yen == cost_over_loan(Decimal("0.20"), loan)
    assert fee.yen_estimate == cost_over_loan(Decimal("1.35"), loan)


def test_subsidized_fee_range_without_rate_class() -> None:
    fee = evaluate_subsidized(context(on(case(), dt.date(2026, 4, 1)))).fee
    assert fee is not None
    assert (fee.rate_min, fee.rate_max, fee.rate_exact) == (Decimal("0.65"), Decimal("2.10"), None)


def test_subsidized_terms_print_limit_ratio_and_term() -> None:
    result = evaluate_subsidized(context(case()))
    assert result.terms[:3] == [
        "保証限度額：80,000,000円（セーフティネット保証4号・5号は別枠）",
        "保証割合：80%",
        "保証期間：分割返済 10年（120か月）以内（据置 1年（12か月）以内）、一括返済 1年（12か月）以内",
    ]
    assert result.terms[4] == "国の補助 0.05%（保証申込受付日が 2026年04月01日〜2027年03月31日 の分）"
    assert any("要件確認書兼誓約書" in d for d in result.documents)


@pytest.mark.parametrize(("amount", "status", "gap"), [
    (80_000_000, "met", ""),
    (80_000_001, "not_met", "借入予定額を 1円以上減らす"),
    (None, "unknown", ""),
])
def test_subsidized_limit(amount: int | None, status: str, gap: str) -> None:
    result = evaluate_subsidized(context(with_loan(case(), amount_yen=amount)))
    limit = cond(result, "loan_amount")
    assert (limit.status, limit.gap) == (status, gap)
    assert limit.confidence == "W"


@pytest.mark.parametrize(("term", "status", "gap"), [
    (120, "met", ""),
    (121, "not_met", "借入期間を 120か月以内にする"),
    (None, "unknown", ""),
])
def test_subsidized_term(term: int | None, status: str, gap: str) -> None:
    t = cond(evaluate_subsidized(context(with_loan(case(), term_months=term))), "loan_term")
    assert (t.status, t.gap) == (status, gap)


@pytest.mark.parametrize(("grace", "status"), [(12, "met"), (13, "not_met")])
def test_subsidized_grace(grace: int, status: str) -> None:
    result = evaluate_subsidized(context(with_loan(case(), grace_months=grace, term_months=60)))
    assert cond(result, "grace_period").status == status
    assert result.verdict == ("eligible" if status == "met" else "not_eligible")


def test_subsidized_lump_sum_within_one_year_and_no_grace_test() -> None:
    ok = evaluate_subsidized(context(with_loan(case(), repayment="lump_sum", term_months=12, grace_months=0)))
    assert cond(ok, "loan_term").status == "met"
    assert "grace_period" not in ids(ok)
    long = evaluate_subsidized(context(with_loan(case(), repayment="lump_sum", term_months=13, grace_months=0)))
    assert cond(long, "loan_term").status == "not_met"
    assert cond(long, "loan_term").label == "一括返済の借入期間が1年以内であること"


def test_subsidized_exceptions_follow_the_shared_requirements() -> None:
    c = on(founded(dt.date(2025, 6, 1), [2026]), dt.date(2026, 4, 1))
    result = evaluate_subsidized(context(c))
    assert cond(result, "R3").status == "waived"
    assert result.fee is not None and result.fee.surcharge_rate == Decimal("0.40")


def test_subsidized_unknown_surcharge_shows_both_borne_rates() -> None:
    c = with_p0(case(), net_assets_yen=None, total_assets_yen=None)
    result = evaluate_subsidized(context(c))
    assert "事業者負担 0.20% 又は 0.40%" in result.terms[3]


def test_full_evaluation_lists_both_surcharge_routes() -> None:
    verdicts = evaluate_case(case()).verdicts()
    assert verdicts["selection_surcharge"] == "eligible"
    assert verdicts["selection_surcharge_subsidized"] == "eligible"


@pytest.mark.parametrize(("day", "caution"), [(dt.date(2025, 3, 31), ""), (dt.date(2025, 4, 1), "目安"),
                                               (dt.date(2026, 4, 1), "目安")])
def test_derived_business_borne_rate_prints_as_our_reading(day: dt.date, caution: str) -> None:
    from desktop.logic.rules.fees import fee_text
    from desktop.logic.rules.routes import selection
    from tests.builders import case, context

    r = selection.evaluate_subsidized(context(case(application_date=day, assessment_date=day)))
    assert r.fee is not None and r.fee.caution == caution
    assert ("（目安）" in fee_text(r.fee)) == bool(caution)
    assert any(t.startswith("保証料率") and t.endswith("（目安）") for t in r.terms) == bool(caution)
