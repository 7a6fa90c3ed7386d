"""スタートアップ創出促進保証制度 (reference §D.6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop.logic.case.model import Case, Company
from desktop.logic.rules.fees import cost_over_loan
from desktop.logic.rules.routes.base import RouteResult
from tests.builders import APP_DATE, case
from tests.logic.rules.scheme_builders import cond, run, with_company, with_loan, with_situation

D = dt.date
ROUTE = "startup_promotion"


def startup(c: Case) -> RouteResult:
    return run(ROUTE, c)


def young(incorporated: dt.date = D(2023, 4, 1), **company: object) -> Case:
    """A corporation founded on `incorporated`, first tax filing done, applying on 2026-11-24."""
    values: dict[str, object] = dict(name="株式会社スタート", is_corporation=True, incorporated_on=incorporated,
                                     fiscal_year_end_month=3, first_tax_filing_done=True)
    values.update(company)
    return case(company=Company(**values))  # type: ignore[arg-type]


def founder(planned: dt.date | None, *, certified: bool = False) -> Case:
    """An individual about to incorporate, with own funds of exactly 1/10."""
    c = case(company=Company(name="（設立予定）", is_corporation=False, founding_planned=True, incorporated_on=planned,
                             certified_founding_support=certified), periods=[])
    return with_situation(c, "startup", total_funds_yen=10_000_000, own_funds_yen=1_000_000)


def test_young_corporation_is_eligible() -> None:
    r = startup(young())
    assert r.verdict == "eligible"
    assert cond(r, "years_since_founding").figure == ("設立日 2023年04月01日 から 3年7か月"
                                                       "（5年の期限 2028年04月01日。この日までの申込が対象）")
    assert cond(r, "own_funds").status == "waived"
    assert r.terms == ["保証限度額 3,500万円", "保証割合 100%",
                       "保証期間 10年以内（据置期間1年以内、プロパー融資がある場合は3年以内）"]
    assert r.documents[0] == "創業計画書"


@pytest.mark.parametrize(("day", "closed"), [(D(2023, 3, 14), True), (D(2023, 3, 15), False)])
def test_start_date(day: dt.date, closed: bool) -> None:
    r = startup(young(D(2023, 1, 10)).model_copy(update={"application_date": day}))
    assert (r.verdict == "closed") is closed


def test_no_end_date_is_flagged_unconfirmed() -> None:
    r = startup(young(D(2031, 1, 1)).model_copy(update={"application_date": D(2035, 1, 1)}))
    assert r.verdict != "closed"
    assert any("受付終了日" in n and "要確認" in n for n in r.notes)


# --- who may apply -----------------------------------------------------------------------------


def test_sole_proprietor_staying_so_is_not_applicable() -> None:
    r = startup(with_company(young(), is_corporation=False))
    assert r.verdict == "not_applicable"
    assert "個人事業主" in r.reason


@pytest.mark.parametrize(("incorporated", "verdict", "near_edge"), [
    (D(2021, 11, 22), "not_applicable", False),
    (D(2021, 11, 23), "not_applicable", True),   # the day after the 5th anniversary
    (D(2021, 11, 24), "eligible", True),         # the 5th anniversary: still 5年未満 (民法 140条・143条)
    (D(2021, 11, 25), "eligible", True),
    (D(2021, 11, 26), "eligible", False),
])
def test_five_years_since_incorporation(incorporated: dt.date, verdict: str, near_edge: bool) -> None:
    r = startup(young(incorporated))
    assert r.verdict == verdict
    c = cond(r, "years_since_founding")
    assert c.status == ("met" if verdict == "eligible" else "not_met")
    assert (c.caution == "要確認") is near_edge
    said = r.reason if verdict == "not_applicable" else "".join(r.notes)
    assert ("民法の期間計算" in said and "初日を1日目と数える" in said) is near_edge
    if verdict == "not_applicable":
        assert "5年未満" in r.reason and f"5年の期限 {incorporated.year + 5}年11月{incorporated.day}日" in r.reason


def test_anniversary_reading_names_both_last_days() -> None:
    r = startup(young(D(2021, 11, 24)))
    note = next(n for n in r.notes if "民法" in n)
    assert "期限は2026年11月24日" in note and "期限は2026年11月23日" in note
    assert cond(r, "years_since_founding").figure.startswith("設立日 2021年11月24日 から 4年11か月")


def test_hojinnari_counts_from_the_sole_proprietor_start() -> None:
    out = startup(young(D(2025, 1, 1), sole_proprietor_started_on=D(2021, 11, 23)))
    assert out.verdict == "not_applicable"
    ok = startup(young(D(2025, 1, 1), sole_proprietor_started_on=D(2021, 11, 24)))
    assert ok.verdict == "eligible"
    assert cond(ok, "years_since_founding").figure.startswith("個人での創業日 2021年11月24日")


def test_unknown_incorporation_date_needs_input() -> None:
    r = startup(young(incorporated=None))  # type: ignore[arg-type]
    assert cond(r, "years_since_founding").status == "unknown"
    assert r.verdict == "needs_input"


# --- founders: incorporation within 2 (6) months ----------------------------------------------------


@pytest.mark.parametrize(("planned", "certified", "status"), [
    (D(2027, 1, 24), False, "met"),        # exactly 2 months after 2026-11-24
    (D(2027, 1, 25), False, "not_met"),
    (D(2027, 5, 24), True, "met"),         # exactly 6 months with 認定特定創業支援等事業
    (D(2027, 5, 25), True, "not_met"),
    (APP_DATE, False, "met"),
])
def test_incorporation_window(planned: dt.date, certified: bool, status: str) -> None:
    r = startup(founder(planned, certified=certified))
    c = cond(r, "incorporation_planned")
    assert c.status == status
    assert r.verdict == ("eligible" if status == "met" else "not_eligible")
    assert "years_since_founding" not in {x.id for x in r.conditions}


def test_incorporation_gap_names_the_deadline_and_the_certified_option() -> None:
    c = cond(startup(founder(D(2027, 3, 1))), "incorporation_planned")
    assert c.gap == ("設立予定日を 2027年01月24日 までにする、または申込を 2027年01月01日 以降にする"
                     "（認定特定創業支援等事業を利用すれば 6か月以内まで可）")


def test_incorporation_window_at_a_month_end() -> None:
    c = founder(D(2027, 2, 28)).model_copy(update={"application_date": D(2026, 12, 31)})
    assert cond(startup(c), "incorporation_planned").status == "met"
    c = founder(D(2027, 3, 1)).model_copy(update={"application_date": D(2026, 12, 31)})
    assert cond(startup(c), "incorporation_planned").status == "not_met"


@pytest.mark.parametrize("planned", [None, D(2026, 11, 23)])
def test_unknown_or_past_planned_date_needs_input(planned: dt.date | None) -> None:
    r = startup(founder(planned))
    assert cond(r, "incorporation_planned").status == "unknown"
    assert r.verdict == "needs_input"


# --- own funds ≥ 1/10 -----------------------------------------------------------------------------


@pytest.mark.parametrize(("own", "total", "status", "gap"), [
    (1_000_000, 10_000_000, "met", ""),                               # exactly 1/10
    (999_999, 10_000_000, "not_met", "自己資金をあと 1円以上増やす（創業資金総額が同じ場合）"),
    (1_000_000, 10_000_001, "not_met", "自己資金をあと 1円以上増やす（創業資金総額が同じ場合）"),
    (500_000, 10_000_000, "not_met", "自己資金をあと 500,000円以上増やす（創業資金総額が同じ場合）"),
])
def test_own_funds_share(own: int, total: int, status: str, gap: str) -> None:
    c = with_situation(founder(D(2027, 1, 1)), "startup", own_funds_yen=own, total_funds_yen=total)
    x = cond(startup(c), "own_funds")
    assert (x.status, x.gap) == (status, gap)
    assert x.label.startswith("自己資金が創業資金総額の1/10以上")


@pytest.mark.parametrize("filed", [False, None])
def test_own_funds_required_until_the_first_tax_filing(filed: bool | None) -> None:
    # Founded 2026-01-05, March year-end: one closed period, so a blank filing status stays open.
    c = young(D(2026, 1, 5), first_tax_filing_done=filed).model_copy(update={"periods": case().periods[:1]})
    r = startup(c)
    assert cond(r, "own_funds").status == "unknown"
    assert r.verdict == "needs_input"
    funded = with_situation(c, "startup", own_funds_yen=2_000_000, total_funds_yen=10_000_000)
    assert cond(startup(funded), "own_funds").status == "met"


def test_two_closed_periods_settle_a_blank_filing_status() -> None:
    c = young(first_tax_filing_done=None)
    assert cond(startup(c), "own_funds").status == "waived"


# --- the loan: 3,500万円, 10 years, grace 1 (3) years ----------------------------------------------


@pytest.mark.parametrize(("amount", "status"), [(35_000_000, "met"), (35_000_001, "not_met"), (None, "unknown")])
def test_loan_limit(amount: int | None, status: str) -> None:
    c = cond(startup(with_loan(young(), amount_yen=amount)), "loan_amount")
    assert c.status == status
    if status == "not_met":
        assert c.gap == "借入予定額を 1円以上減らす"


def test_loan_term_limit() -> None:
    assert cond(startup(with_loan(young(), term_months=120)), "loan_term").status == "met"
    assert cond(startup(with_loan(young(), term_months=121)), "loan_term").status == "not_met"


def test_grace_extends_to_three_years_with_a_proper_loan() -> None:
    plain = cond(startup(with_loan(young(), term_months=120, grace_months=13)), "grace_period")
    assert plain.status == "not_met"
    assert plain.gap == "据置期間を 12か月以内にする（申込金融機関のプロパー融資を併用すれば 36か月以内まで可）"
    with_proper = with_situation(with_loan(young(), term_months=120, grace_months=36), "startup",
                                 proper_loan_with_bank=True)
    assert cond(startup(with_proper), "grace_period").status == "met"
    too_long = with_situation(with_loan(young(), term_months=120, grace_months=37), "startup",
                              proper_loan_with_bank=True)
    assert cond(startup(too_long), "grace_period").gap == "据置期間を 36か月以内にする"


# --- fee and notes -------------------------------------------------------------------------------


def test_fee_shows_the_surcharge_and_examples_only() -> None:
    c = young()
    r = startup(c)
    assert r.fee is not None
    assert r.fee.surcharge_rate == Decimal("0.20")
    assert r.fee.surcharge_yen == cost_over_loan(Decimal("0.20"), c.situation.planned_loan)
    assert r.fee.surcharge_yen == 167_500   # 30,000,000円, 6 months' grace then 54 instalments
    assert (r.fee.rate_min, r.fee.rate_max) == (Decimal("1.00"), Decimal("1.20"))
    assert r.fee.rate_exact is None and r.fee.yen_estimate is None   # the CGC's base rate is not known
    assert "例" in r.fee.note and "0.80%＋0.20%＝1.00%" in r.fee.note and "[W]" in r.fee.note.replace("［", "[").replace("］", "]")


def test_governance_reminders_from_the_incorporation_date_are_estimates() -> None:
    note = next(n for n in startup(young(D(2023, 4, 1))).notes if "ガバナンス" in n)
    # Year 3 ends the day before the 3rd anniversary, which is already the first day of year 4.
    assert "設立3年目（2025年04月01日〜2026年03月31日）" in note
    assert "設立5年目（2027年04月01日〜2028年03月31日）" in note
    assert "目安" in note and "頃" not in note
    planned = next(n for n in startup(founder(D(2027, 1, 10))).notes if "ガバナンス" in n)
    assert "設立3年目（2029年01月10日〜2030年01月09日）" in planned
