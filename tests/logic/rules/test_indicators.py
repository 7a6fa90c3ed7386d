import datetime as dt
from fractions import Fraction

from desktop.logic.rules.indicators import (
    closed_period_count,
    compute_indicators,
    ebitda_gap_text,
    ebitda_multiple,
    financial_ratios,
    local_benchmark,
    period_indicators,
    two_consecutive_dbop_losses,
)
from tests.builders import case, period


def test_dbop_and_net_assets() -> None:
    p = period_indicators(period(2026, ordinary_profit_yen=-10_000_000, depreciation_yen=10_000_000))
    assert p.dbop == 0
    assert p.not_insolvent is True


def test_net_assets_exactly_zero_is_not_insolvent_but_not_asset_surplus() -> None:
    p = period_indicators(period(2026, net_assets_yen=0))
    assert p.not_insolvent is True and p.asset_surplus is False


def test_net_assets_falls_back_on_assets_minus_liabilities() -> None:
    p = period_indicators(period(2026, net_assets_yen=None, total_assets_yen=100, total_liabilities_yen=130))
    assert p.net_assets == -30 and p.not_insolvent is False


def test_missing_inputs_are_unknown_not_zero() -> None:
    p = period_indicators(period(2026, ordinary_profit_yen=None, net_assets_yen=None, total_assets_yen=None))
    assert p.dbop is None and p.net_assets is None and p.not_insolvent is None


def test_ebitda_multiple_exact_and_boundaries() -> None:
    # net debt 150, EBITDA 10 → exactly 15
    at_limit = ebitda_multiple(period(2026, short_term_borrowings_yen=150, long_term_borrowings_yen=0, cash_yen=0,
                                      bonds_yen=0, operating_profit_yen=4, depreciation_yen=6))
    assert at_limit.value == 15 and at_limit.passes(Fraction(15)) is True
    above = ebitda_multiple(period(2026, short_term_borrowings_yen=151, long_term_borrowings_yen=0, cash_yen=0,
                                   bonds_yen=0, operating_profit_yen=4, depreciation_yen=6))
    assert above.passes(Fraction(15)) is False
    assert above.debt_reduction_needed(Fraction(15)) == 1
    assert above.ebitda_increase_needed(Fraction(15)) == 1  # 151/15 = 10.07 → 11 − 10
    assert "1円" in ebitda_gap_text(above, Fraction(15))


def test_ebitda_non_positive_fails_and_net_cash_passes() -> None:
    loss = ebitda_multiple(period(2026, operating_profit_yen=-5, depreciation_yen=5))
    assert loss.computable is False and loss.value is None and loss.passes(Fraction(15)) is False
    net_cash = ebitda_multiple(period(2026, cash_yen=10**9))
    assert net_cash.passes(Fraction(15)) is True and net_cash.value is not None and net_cash.value < 0


def test_ebitda_scheme_variant_includes_bonds_lokaben_does_not() -> None:
    p = period(2026, short_term_borrowings_yen=100, long_term_borrowings_yen=0, bonds_yen=50, cash_yen=0,
               operating_profit_yen=10, depreciation_yen=0)
    assert ebitda_multiple(p).value == 15
    assert ebitda_multiple(p, with_bonds=False).value == 10


def test_financial_ratios() -> None:
    r = financial_ratios(period(2026, net_assets_yen=100, total_assets_yen=400, capital_stock_yen=50,
                                operating_profit_yen=30, interest_dividend_income_yen=10, interest_expense_yen=20))
    assert r.equity_ratio == Fraction(1, 4)
    assert r.net_asset_multiple == 2
    assert r.return_on_assets == Fraction(1, 10)
    assert r.interest_coverage == 2
    zero_interest = financial_ratios(period(2026, interest_expense_yen=0, capital_stock_yen=0))
    assert zero_interest.interest_coverage is None and zero_interest.no_interest_expense
    assert zero_interest.net_asset_multiple is None


def test_two_consecutive_losses_needs_both_below_zero() -> None:
    def losses(d0: int | None, d1: int | None) -> bool | None:
        ps = [period_indicators(period(2026, ordinary_profit_yen=d0, depreciation_yen=0)),
              period_indicators(period(2025, ordinary_profit_yen=d1, depreciation_yen=0))]
        return two_consecutive_dbop_losses(ps)

    assert losses(-1, -1) is True
    assert losses(0, -1) is False
    assert losses(-1, 0) is False
    assert losses(None, 5) is False
    assert losses(None, -5) is None
    assert two_consecutive_dbop_losses([]) is None


def test_closed_period_count() -> None:
    c = case(company=case().company.model_copy(update={"incorporated_on": dt.date(2025, 2, 10),
                                                       "fiscal_year_end_month": 1}), periods=[])
    assert closed_period_count(c, dt.date(2026, 1, 30)) == 0
    assert closed_period_count(c, dt.date(2026, 1, 31)) == 1
    assert closed_period_count(c, dt.date(2027, 1, 31)) == 2
    planned = c.model_copy(update={"company": c.company.model_copy(update={"founding_planned": True})})
    assert closed_period_count(planned, dt.date(2027, 1, 31)) == 0
    unknown = c.model_copy(update={"company": c.company.model_copy(update={"incorporated_on": None})})
    assert closed_period_count(unknown, dt.date(2027, 1, 31)) is None


def test_local_benchmark() -> None:
    p0 = period(2026, revenue_yen=120, operating_profit_yen=12, receivables_yen=20, inventory_yen=10, payables_yen=10)
    p1 = period(2025, revenue_yen=100)
    lb = local_benchmark(p0, p1, employees=4)
    assert lb.sales_growth == Fraction(1, 5)
    assert lb.operating_margin == Fraction(1, 10)
    assert lb.labour_productivity == 3
    assert lb.working_capital_months == 2
    assert lb.ebitda_multiple is not None and lb.ebitda_multiple.with_bonds is False
    empty = local_benchmark(None, None, None)
    assert empty.sales_growth is None and empty.equity_ratio is None


def test_periods_are_ordered_newest_first_whatever_the_entry_order() -> None:
    c = case(periods=[period(2024), period(2026), period(2025)])
    assert [p.fiscal_year_end.year for p in compute_indicators(c).periods] == [2026, 2025, 2024]


def test_blank_bonds_or_interest_income_leave_the_tests_unknown() -> None:
    assert ebitda_multiple(period(2026, bonds_yen=None)).passes(Fraction(15)) is None
    assert ebitda_multiple(period(2026, bonds_yen=None), with_bonds=False).known  # ロカベン has no 社債
    blank = financial_ratios(period(2026, interest_dividend_income_yen=None))
    assert blank.return_on_assets is None and blank.interest_coverage is None
