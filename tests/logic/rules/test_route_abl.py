"""流動資産担保融資保証（ABL保証） (reference §D.9, F-10)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop.logic.case.model import Case
from desktop.logic.rules.routes.base import RouteResult
from tests.builders import case, with_p0
from tests.logic.rules.scheme_builders import cond, run, with_company, with_loan

D = dt.date
ROUTE = "abl"


def abl(c: Case) -> RouteResult:
    return run(ROUTE, c)


def pledging(c: Case | None = None) -> Case:
    return with_loan(c or case(), uses_receivables_inventory_collateral=True)


def test_pledging_receivables_and_inventory_is_left_to_the_cgc_and_bank() -> None:
    r = abl(pledging())
    assert r.verdict == "possible"
    assets = cond(r, "current_assets")
    assert (assets.status, assets.figure) == ("met", "売掛債権 70,000,000円＋棚卸資産 30,000,000円")
    assert cond(r, "collateral").status == "lender_decides"
    assert r.terms == ["保証限度額 2億円（融資額は2億5,000万円まで）", "保証割合 80%（責任共有制度）",
                       "保証期間 1年（極度方式・更新可）"]
    assert any("要確認" in n and "法人代表者を除き不要" in n for n in r.notes)   # F-10: stale CGC pages


@pytest.mark.parametrize(("day", "closed"), [(D(2024, 3, 31), True), (D(2024, 4, 1), False)])
def test_guarantor_free_only_from_april_2024(day: dt.date, closed: bool) -> None:
    r = abl(pledging().model_copy(update={"application_date": day}))
    assert (r.verdict == "closed") is closed
    if closed:
        assert "2024年04月01日" in r.reason
        # S001: the guarantee was allowed where needed before, not required.
        assert "必要に応じて経営者保証を求めることが認められていました" in r.reason
        assert "経営者保証が必要でした" not in r.reason


def test_not_pledging_current_assets_is_not_met_with_a_gap() -> None:
    r = abl(case())
    c = cond(r, "collateral")
    assert (c.status, c.gap) == ("not_met", "売掛債権・棚卸資産を担保とする融資（ABL）として申し込む")
    assert r.verdict == "not_eligible"


@pytest.mark.parametrize(("receivables", "inventory", "status"), [
    (0, 0, "not_met"),
    (None, 5_000_000, "met"),
    (1, 0, "met"),
    (None, 0, "unknown"),
    (0, None, "unknown"),
])
def test_current_assets_of_a_corporation(receivables: int | None, inventory: int | None, status: str) -> None:
    r = abl(pledging(with_p0(case(), receivables_yen=receivables, inventory_yen=inventory)))
    c = cond(r, "current_assets")
    assert c.status == status
    assert bool(c.gap) is (status == "not_met")
    assert r.verdict == {"met": "possible", "unknown": "needs_input", "not_met": "not_eligible"}[status]


def test_inventory_counts_only_for_corporations() -> None:
    sole = with_company(pledging(with_p0(case(), receivables_yen=0, inventory_yen=30_000_000)), is_corporation=False)
    c = cond(abl(sole), "current_assets")
    assert c.status == "not_met"
    assert c.figure == "売掛債権 0円"
    assert "棚卸資産を担保にできません" in c.label


def test_no_periods_is_unknown() -> None:
    assert cond(abl(pledging(case(periods=[]))), "current_assets").status == "unknown"


def test_flat_fee_for_one_year_fully_drawn() -> None:
    r = abl(pledging())
    assert r.fee is not None
    assert (r.fee.rate_min, r.fee.rate_max, r.fee.rate_exact) == (Decimal("0.68"), Decimal("0.68"), Decimal("0.68"))
    assert r.fee.yen_estimate == 204_000      # 30,000,000円 × 0.68% × 1年
    assert "W" in r.fee.note


@pytest.mark.parametrize(("amount", "status"), [(250_000_000, "met"), (250_000_001, "not_met"), (None, "unknown")])
def test_planned_loan_within_the_abl_loan_limit(amount: int | None, status: str) -> None:
    r = abl(with_loan(pledging(), amount_yen=amount))
    limit = cond(r, "loan_amount")
    assert limit.status == status and "2億5,000万円" in limit.label
    if status == "not_met":
        assert r.verdict == "not_eligible" and "1円以上減らす" in limit.gap
