"""事業承継特別保証制度 (reference §D.7, F-1, F-2, F-22)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop.logic.case.model import BusinessAsset, Case, Loan
from desktop.logic.rules.fees import cost_over_loan
from desktop.logic.rules.routes.base import RouteResult
from tests.builders import case, with_p0
from tests.logic.rules.scheme_builders import cond, run, with_company, with_loan, with_situation

D = dt.date
ROUTE = "succession_special"


def succession(c: Case) -> RouteResult:
    return run(ROUTE, c)


def planned(by: dt.date | None = D(2028, 4, 1), *, form: bool = True, **more: object) -> Case:
    return with_situation(case(), "succession", status="planned", planned_by=by, has_cgc_plan_form=form, **more)


def done(on: dt.date | None, app: dt.date = D(2026, 11, 24), **more: object) -> Case:
    c = with_situation(case(), "succession", status="done", done_on=on, **more)
    return c.model_copy(update={"application_date": app})


def _ratio(c: Case, net_debt: int, ebitda: int) -> Case:
    return with_p0(c, short_term_borrowings_yen=0, long_term_borrowings_yen=net_debt + 80_000_000, bonds_yen=0,
                   cash_yen=80_000_000, operating_profit_yen=ebitda - 5_000_000, depreciation_yen=5_000_000)


# --- applicability ------------------------------------------------------------------------------------


def test_no_succession_is_not_applicable() -> None:
    r = succession(case())
    assert r.verdict == "not_applicable"
    assert "事業承継" in r.reason
    assert r.notes == []   # the 特則 and D.8 notes belong only where succession applies


def test_individual_is_not_applicable() -> None:
    assert succession(with_company(planned(), is_corporation=False)).verdict == "not_applicable"


@pytest.mark.parametrize(("day", "closed"), [(D(2020, 3, 31), True), (D(2020, 4, 1), False)])
def test_scheme_start(day: dt.date, closed: bool) -> None:
    assert (succession(done(D(2020, 1, 1), app=day)).verdict == "closed") is closed


# --- route A: planned within 3 years on the CGC form -------------------------------------------------


def test_route_a_is_eligible() -> None:
    r = succession(planned())
    assert r.verdict == "eligible"
    ids = [c.id for c in r.conditions]
    assert ids[:2] == ["succession_plan_form", "succession_planned_within"]
    assert "succession_window" not in ids
    assert cond(r, "repeat_use").status == "waived"
    assert r.terms[0] == "保証限度額 2億8,000万円（うち無担保8,000万円、組合等は4億8,000万円）"


def test_route_a_needs_the_cgc_plan_form() -> None:
    r = succession(planned(form=False))
    c = cond(r, "succession_plan_form")
    assert (c.status, c.gap) == ("not_met", "信用保証協会所定の様式で事業承継計画書を作成する")
    assert r.verdict == "not_eligible"


@pytest.mark.parametrize(("by", "status", "near_edge"), [
    (D(2029, 11, 22), "met", False),
    (D(2029, 11, 23), "met", True),
    (D(2029, 11, 24), "met", True),        # 申込から3年: the anniversary is still inside (民法 143条)
    (D(2029, 11, 25), "not_met", True),
    (D(2029, 11, 26), "not_met", False),
])
def test_route_a_three_years_from_the_application(by: dt.date, status: str, near_edge: bool) -> None:
    r = succession(planned(by))
    c = cond(r, "succession_planned_within")
    assert c.status == status
    assert (c.caution == "要確認") is near_edge
    assert any("承継予定日" in n and "初日を1日目と数える" in n for n in r.notes) is near_edge
    if by == D(2029, 11, 25):
        assert c.gap == "承継予定日を 2029年11月24日 までにする、または申込を 2026年11月25日 以降にする"


@pytest.mark.parametrize("by", [None, D(2026, 11, 23)])
def test_route_a_unknown_or_past_date(by: dt.date | None) -> None:
    r = succession(planned(by))
    assert cond(r, "succession_planned_within").status == "unknown"
    assert r.verdict == "needs_input"


# --- route B: done 2020-01-01〜2025-03-31 and less than 3 years ago ----------------------------------


@pytest.mark.parametrize(("on", "app", "status"), [
    (D(2019, 12, 31), D(2020, 6, 1), "not_met"),
    (D(2020, 1, 1), D(2020, 6, 1), "met"),
    (D(2025, 3, 31), D(2026, 11, 24), "met"),
    (D(2025, 4, 1), D(2026, 11, 24), "not_met"),
])
def test_route_b_succession_window(on: dt.date, app: dt.date, status: str) -> None:
    r = succession(done(on, app))
    c = cond(r, "succession_window")
    assert c.status == status
    assert c.caution == "要確認"     # no extension found (F-2)
    assert "2020年01月01日〜2025年03月31日" in c.label
    assert r.verdict == ("eligible" if status == "met" else "not_eligible")
    if status == "not_met":
        assert "要確認" in c.gap


@pytest.mark.parametrize(("app", "status", "near_edge"), [
    (D(2027, 5, 30), "met", False),
    (D(2027, 5, 31), "met", True),
    (D(2027, 6, 1), "met", True),          # the 3rd anniversary: 3年を経過していない (民法 140条・143条)
    (D(2027, 6, 2), "not_met", True),
    (D(2027, 6, 3), "not_met", False),
])
def test_route_b_three_years_after_the_succession(app: dt.date, status: str, near_edge: bool) -> None:
    r = succession(done(D(2024, 6, 1), app))
    c = cond(r, "succession_within")
    assert c.status == status
    assert (c.caution == "要確認") is near_edge
    note = [n for n in r.notes if "承継日から3年" in n]
    assert bool(note) is near_edge
    if near_edge:
        assert "期限は2027年06月01日" in note[0] and "期限は2027年05月31日" in note[0]
    if status == "not_met":
        assert "2027年06月01日" in c.gap
    if app == D(2027, 6, 1):
        assert c.figure == "承継日 2024年06月01日 から 2年11か月（3年の期限 2027年06月01日。この日までの申込が対象）"


def test_route_b_from_29_february_ends_on_the_last_day_of_february() -> None:
    # 民法 143条: the period counted from 1 March ends the day before 1 March three years on.
    c = cond(succession(done(D(2020, 2, 29), D(2023, 2, 28))), "succession_within")
    assert c.status == "met"
    assert "3年の期限 2023年02月28日" in c.figure
    assert cond(succession(done(D(2020, 2, 29), D(2023, 3, 1))), "succession_within").status == "not_met"


def test_route_b_unknown_dates() -> None:
    r = succession(done(None))
    assert cond(r, "succession_window").status == "unknown"
    assert cond(r, "succession_within").status == "unknown"
    assert r.verdict == "needs_input"
    later = succession(done(D(2027, 1, 1)))
    assert cond(later, "succession_within").status == "unknown"


def test_route_b_note_on_refinancing_pre_succession_loans_only() -> None:
    assert any("承継前からの借入金" in n for n in succession(done(D(2024, 6, 1))).notes)
    assert not any("承継前からの借入金" in n for n in succession(planned()).notes)


# --- financial tests, EBITDA 10 → 15 on 2022-08-31 (F-1) ---------------------------------------------


@pytest.mark.parametrize(("app", "limit", "status", "confidence"), [
    (D(2022, 8, 30), "10", "not_met", "C"),
    (D(2022, 8, 31), "15", "met", "W"),
])
def test_ebitda_limit_by_application_date(app: dt.date, limit: str, status: str, confidence: str) -> None:
    c = cond(succession(_ratio(done(D(2021, 6, 1), app), 120_000_000, 10_000_000)), "ebitda_multiple")
    assert c.figure.startswith("12.00倍")
    assert c.label == f"EBITDA有利子負債倍率が{limit}倍以内であること（直近決算）"
    assert (c.status, c.confidence) == (status, confidence)
    if status == "not_met":
        assert "あと 20,000,000円以上減らす" in c.gap and "あと 2,000,000円以上増やす" in c.gap
    else:
        assert "W24" in c.source


def test_ebitda_exactly_15_and_just_above() -> None:
    assert cond(succession(_ratio(planned(), 150_000_000, 10_000_000)), "ebitda_multiple").status == "met"
    above = succession(_ratio(planned(), 150_000_001, 10_000_000))
    assert cond(above, "ebitda_multiple").status == "not_met"
    assert above.verdict == "not_eligible"


def test_asset_surplus_gap() -> None:
    r = succession(with_p0(planned(), net_assets_yen=-3_200_000))
    assert cond(r, "asset_surplus").gap == "純資産をあと 3,200,001円以上増やす"
    assert r.verdict == "not_eligible"


def test_separation_and_rescheduling() -> None:
    assets = planned().model_copy(update={"business_assets": [BusinessAsset(name="自宅兼事務所", owner="representative")]})
    assert cond(succession(assets), "GL-1.1").status == "not_met"
    resched = planned().model_copy(update={"loans": [Loan(lender="みらい銀行", balance_yen=1, rescheduled=True)]})
    assert cond(succession(resched), "no_rescheduled_loans").status == "not_met"
    no_loans = succession(planned().model_copy(update={"loans": []}))
    assert cond(no_loans, "no_rescheduled_loans").status == "unknown"   # the statements show borrowings
    debt_free = with_p0(planned().model_copy(update={"loans": []}), short_term_borrowings_yen=0,
                        long_term_borrowings_yen=0)
    assert cond(succession(debt_free), "no_rescheduled_loans").status == "met"


# --- repeat use within 3 years of the first guarantee ----------------------------------------------------


@pytest.mark.parametrize(("previous", "status", "near_edge"), [
    (D(2023, 11, 26), "met", False),
    (D(2023, 11, 25), "met", True),
    (D(2023, 11, 24), "met", True),        # 初回の保証から3年以内: the anniversary is inside
    (D(2023, 11, 23), "not_met", True),
    (D(2023, 11, 22), "not_met", False),
    (D(2027, 1, 1), "unknown", False),
])
def test_repeat_use(previous: dt.date, status: str, near_edge: bool) -> None:
    r = succession(planned(previous_special_guarantee_on=previous))
    c = cond(r, "repeat_use")
    assert c.status == status
    assert (c.caution == "要確認") is near_edge
    assert any("初回の保証から3年" in n and "民法" in n for n in r.notes) is near_edge
    if status == "not_met":
        assert f"2026年11月{previous.day}日" in c.gap


# --- terms and fee ---------------------------------------------------------------------------------------


def test_loan_over_the_limit_mentions_the_cooperative_limit() -> None:
    c = cond(succession(with_loan(planned(), amount_yen=280_000_001)), "loan_amount")
    assert c.gap == "借入予定額を 1円以上減らす（組合等は4億8,000万円まで）"


def test_fee_standard_table_with_coordinator_saving() -> None:
    c = planned()
    r = succession(c)
    assert r.fee is not None
    assert (r.fee.rate_min, r.fee.rate_max) == (Decimal("0.45"), Decimal("1.90"))
    loan = c.situation.planned_loan
    saving = cost_over_loan(Decimal("1.90"), loan) - cost_over_loan(Decimal("1.15"), loan)  # type: ignore[operator]
    assert saving == 628_125
    note = next(n for n in r.notes if "経営者保証コーディネーター" in n and "無料" in n)
    assert "0.20%〜1.15%" in note and "約63万円の軽減" in note


def test_fee_coordinator_confirmed_table() -> None:
    r = succession(with_loan(planned(), coordinator_confirmed=True, cgc_rate_class=9))
    assert r.fee is not None
    assert (r.fee.rate_min, r.fee.rate_max, r.fee.rate_exact) == (Decimal("0.20"), Decimal("1.15"), Decimal("0.20"))
    assert any("管理に必要な費用" in n for n in r.notes)


# --- 特則 arguments and the D.8 note ------------------------------------------------------------------------


def test_succession_notes() -> None:
    r = succession(planned(both_guarantee_now=True, former_manager_keeps_control=False))
    assert any("二重徴求" in n and "原則禁止" in n for n in r.notes)
    assert any(n.startswith("現在、前経営者と後継者の双方が保証") for n in r.notes)
    assert any(n.startswith("前経営者は経営権・支配権を持っていません") for n in r.notes)
    assert any("経営承継円滑化法" in n and "要確認" in n for n in r.notes)
    quiet = succession(planned(both_guarantee_now=False, former_manager_keeps_control=True))
    assert not any(n.startswith("現在、前経営者と後継者の双方") for n in quiet.notes)
    assert not any(n.startswith("前経営者は経営権・支配権を持っていません") for n in quiet.notes)
