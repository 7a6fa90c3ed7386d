"""日本公庫 事業承継・集約・活性化支援資金（経営者保証免除） (reference §D.10, F-25)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.logic.case.model import Case
from desktop.logic.rules.routes.base import RouteResult
from tests.builders import case
from tests.logic.rules.scheme_builders import cond, run, with_situation

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
