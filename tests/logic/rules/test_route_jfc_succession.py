"""日本公庫 事業承継・集約・活性化支援資金（経営者保証免除） (reference §D.10, F-25)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.logic.case.model import Case
from desktop.logic.rules.routes.base import RouteResult
from tests.builders import case
from tests.logic.rules.scheme_builders import cond, run, with_loan, with_situation

D = dt.date
ROUTE = "jfc_succession"


def jfc(c: Case) -> RouteResult:
    return run(ROUTE, c)


def succeeding(refused: bool | None, status: str = "planned") -> Case:
    return with_situation(case(), "succession", status=status, banks_refused_without_guarantee=refused)


def test_no_succession_is_not_applicable() -> None:
    r = jfc(case())
    assert r.verdict == "not_applicable"
    assert r.conditions == []


@pytest.mark.parametrize("status", ["planned", "done"])
def test_refused_by_banks_is_at_best_possible(status: str) -> None:
    r = jfc(succeeding(True, status))
    assert r.verdict == "possible"    # 日本公庫 decides the waiver
    assert cond(r, "banks_refused_without_guarantee").status == "declared"
    assert cond(r, "jfc_waiver").status == "lender_decides"
    assert "S003" in cond(r, "jfc_waiver").source


def test_not_asked_yet_needs_input() -> None:
    r = jfc(succeeding(None))
    assert r.verdict == "needs_input"
    assert cond(r, "banks_refused_without_guarantee").figure == "未回答"


def test_banks_not_refusing_is_not_met_with_a_next_step() -> None:
    r = jfc(succeeding(False))
    c = cond(r, "banks_refused_without_guarantee")
    assert c.status == "not_met"
    assert c.gap.startswith("まず取引金融機関に経営者保証の免除等を申し入れる")
    assert r.verdict == "not_eligible"


def test_no_guarantee_fee_but_loan_rates() -> None:
    r = jfc(succeeding(True))
    assert r.fee is None
    terms = "\n".join(r.terms)
    assert "中小企業事業 14億4,000万円" in terms and "国民生活事業 別枠7,200万円" in terms
    assert "設備資金20年以内・運転資金10年以内（据置期間5年以内）" in terms
    assert "中小企業事業：基準利率 2.00%、特別利率 1.60%／1.35%／1.10%" in terms
    assert "国民生活事業：基準利率 2.70%、特別利率 2.30%／2.05%／1.80%" in terms
    assert "2025年10月現在" in terms
    assert any("保証料" in t and "貸付利率" in t for t in r.terms)
    assert any("日本公庫" in n and "要確認" in n for n in r.notes)   # F-25


@pytest.mark.parametrize(("day", "closed"), [(D(2025, 9, 30), True), (D(2025, 10, 1), False)])
def test_terms_held_from_october_2025(day: dt.date, closed: bool) -> None:
    r = jfc(succeeding(True).model_copy(update={"application_date": day}))
    assert (r.verdict == "closed") is closed
    if closed:
        assert "要確認" in r.reason


# --- the planned loan against the fund's limits (S003) -------------------------------------------------


def planning(**loan: object) -> Case:
    return with_loan(succeeding(True), **loan)


@pytest.mark.parametrize(("amount", "status", "caution"), [
    (72_000_000, "met", ""),                  # within 国民生活事業's 7,200万円 too
    (72_000_001, "met", "目安"),              # only within 中小企業事業's limit: that reading is taken
    (1_440_000_000, "met", "目安"),
    (1_440_000_001, "not_met", ""),
])
def test_amount_against_the_loan_limits(amount: int, status: str, caution: str) -> None:
    r = jfc(planning(amount_yen=amount))
    c = cond(r, "loan_amount")
    assert (c.status, c.caution) == (status, caution)
    assert c.label == "借入予定額が貸付限度額（中小企業事業 14億4,000万円、国民生活事業 7,200万円）以内であること"
    assert "S003" in c.source
    if status == "not_met":
        assert r.verdict == "not_eligible"
        assert c.gap == "借入予定額を 1円以上減らす"
        assert c.figure == "借入予定額 1,440,000,001円は、中小企業事業の貸付限度額（14億4,000万円）を超えています。"
    else:
        assert r.verdict == "possible"
    reading = "中小企業事業から借りる前提で判定しています。"
    assert (reading in r.reason) is (caution == "目安")


def test_unknown_amount_or_term_needs_input() -> None:
    r = jfc(planning(amount_yen=None))
    assert cond(r, "loan_amount").status == "unknown"
    assert r.verdict == "needs_input"
    assert cond(jfc(planning(term_months=None)), "loan_term").status == "unknown"


@pytest.mark.parametrize(("term", "status", "caution"), [
    (120, "met", ""), (121, "met", "目安"), (240, "met", "目安"), (241, "not_met", ""),
])
def test_term_against_equipment_and_working_capital(term: int, status: str, caution: str) -> None:
    r = jfc(planning(term_months=term))
    c = cond(r, "loan_term")
    assert (c.status, c.caution) == (status, caution)
    assert ("設備資金として借りる前提で判定しています。" in r.reason) is (caution == "目安")
    if status == "not_met":
        assert r.verdict == "not_eligible"
        assert c.gap == "借入期間を 240か月以内にする（運転資金なら120か月以内）"


@pytest.mark.parametrize(("grace", "status"), [(60, "met"), (61, "not_met")])
def test_grace_period_of_five_years(grace: int, status: str) -> None:
    r = jfc(planning(grace_months=grace, term_months=120))
    c = cond(r, "grace_period")
    assert c.status == status
    assert r.verdict == ("possible" if status == "met" else "not_eligible")
    if status == "not_met":
        assert c.gap == "据置期間を 60か月以内にする"
        assert c.figure == "据置期間 61か月は、据置期間の上限（5年）を超えています。"


def test_every_limit_sentence_is_a_whole_sentence() -> None:
    for loan in ({"amount_yen": 100_000_000, "term_months": 180}, {"amount_yen": 2_000_000_000, "term_months": 300,
                                                                 "grace_months": 70}):
        for c in jfc(planning(**loan)).conditions:
            if c.id in ("loan_amount", "loan_term", "grace_period"):
                assert c.figure.endswith("。") and "{" not in c.figure and "None" not in c.figure
