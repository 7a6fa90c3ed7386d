"""Financial indicators computed from the closed periods (SPEC §4, reference §E).

Exact arithmetic only: integers and Fraction. A missing input gives None (unknown), never 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from desktop.logic.case.amounts import format_ratio, format_yen
from desktop.logic.case.model import Case, Period
from desktop.logic.case.dates import fiscal_period


def _sum(*values: int | None) -> int | None:
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def _ratio(numerator: int | None, denominator: int | None) -> Fraction | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return Fraction(numerator, denominator)


def net_assets(p: Period) -> int | None:
    """純資産: the B/S figure if entered, else 資産合計 − 負債合計."""
    if p.net_assets_yen is not None:
        return p.net_assets_yen
    if p.total_assets_yen is None or p.total_liabilities_yen is None:
        return None
    return p.total_assets_yen - p.total_liabilities_yen


def dbop(p: Period) -> int | None:
    """減価償却前経常利益 = 経常利益 + 減価償却費 (E.1, [I]); 0 is not a loss."""
    return _sum(p.ordinary_profit_yen, p.depreciation_yen)


@dataclass(frozen=True)
class EbitdaMultiple:
    """EBITDA有利子負債倍率 with its parts, so a gap can be stated in yen."""

    net_debt: int | None
    ebitda: int | None
    with_bonds: bool

    @property
    def known(self) -> bool:
        return self.net_debt is not None and self.ebitda is not None

    @property
    def computable(self) -> bool:
        """False when EBITDA ≤ 0: the multiple is 算出不能 and the test fails (E.2)."""
        return self.known and self.ebitda is not None and self.ebitda > 0

    @property
    def value(self) -> Fraction | None:
        if not self.computable:
            return None
        assert self.net_debt is not None and self.ebitda is not None
        return Fraction(self.net_debt, self.ebitda)

    def passes(self, limit: Fraction) -> bool | None:
        """≤ limit; net cash passes; EBITDA ≤ 0 fails; unknown inputs give None."""
        if not self.known:
            return None
        if not self.computable:
            return False
        assert self.net_debt is not None and self.ebitda is not None
        return self.net_debt <= 0 or Fraction(self.net_debt, self.ebitda) <= limit

    def debt_reduction_needed(self, limit: Fraction) -> int | None:
        """Yen of net debt to repay (or cash to add) to reach the limit with today's EBITDA."""
        if not self.computable or self.passes(limit):
            return None
        assert self.net_debt is not None and self.ebitda is not None
        return _ceil(self.net_debt - limit * self.ebitda)

    def ebitda_increase_needed(self, limit: Fraction) -> int | None:
        """Yen of 営業利益＋減価償却費 to add to reach the limit with today's net debt."""
        if not self.known or self.passes(limit):
            return None
        assert self.net_debt is not None and self.ebitda is not None
        target = Fraction(self.net_debt) / limit
        return _ceil(target - self.ebitda)


def ebitda_short_text(m: EbitdaMultiple) -> str:
    """The multiple for a table cell: 3.15倍, 実質無借金, 算出不能 or —."""
    if not m.known:
        return "—"
    if not m.computable:
        return "算出不能"
    if m.net_debt is not None and m.net_debt <= 0:
        return "実質無借金"
    return format_ratio(m.value, unit="倍")


def ebitda_figure(m: EbitdaMultiple, limit: Fraction | None = None) -> str:
    """The multiple with the parts it comes from, or why there is none."""
    if not m.known or m.net_debt is None or m.ebitda is None:
        return "未入力（借入金・現預金・営業利益・減価償却費のいずれか）"
    if not m.computable:
        return f"算出不能（EBITDA＝営業利益＋減価償却費 {format_yen(m.ebitda)} がゼロ以下）"
    if m.net_debt <= 0:
        return f"実質無借金（ネット有利子負債 {format_yen(m.net_debt)}）"
    return (f"{format_ratio(m.value, unit='倍', against=limit)}（ネット有利子負債 {format_yen(m.net_debt)} ÷ "
            f"EBITDA {format_yen(m.ebitda)}）")


def ebitda_gap_text(m: EbitdaMultiple, limit: Fraction) -> str:
    """What would reach the limit, in yen: less net debt, or more EBITDA (either suffices)."""
    if m.passes(limit) is not False or m.ebitda is None or m.net_debt is None:
        return ""
    increase = m.ebitda_increase_needed(limit) or 0
    if not m.computable:
        # The multiple only exists once EBITDA is positive.
        return f"EBITDA（営業利益＋減価償却費）をあと {format_yen(max(increase, -m.ebitda + 1))}以上増やす"
    return (f"ネット有利子負債（借入金・社債−現預金）をあと {format_yen(m.debt_reduction_needed(limit))}以上減らす、"
            f"または EBITDA（営業利益＋減価償却費）をあと {format_yen(increase)}以上増やす")


def _ceil(x: Fraction) -> int:
    return -((-x.numerator) // x.denominator)


def ebitda_multiple(p: Period, *, with_bonds: bool = True) -> EbitdaMultiple:
    """E.2a (scheme test, 社債 included) or, with with_bonds=False, E.2c (ロカベン)."""
    debts = [p.short_term_borrowings_yen, p.long_term_borrowings_yen]
    if with_bonds:
        # Unknown is never 0 (SPEC §3): a blank 社債 line leaves the scheme multiple unknown.
        debts.append(p.bonds_yen)
    borrowings = _sum(*debts)
    net_debt = None if borrowings is None or p.cash_yen is None else borrowings - p.cash_yen
    return EbitdaMultiple(net_debt=net_debt, ebitda=_sum(p.operating_profit_yen, p.depreciation_yen),
                          with_bonds=with_bonds)


@dataclass(frozen=True)
class FinancialRatios:
    """The four ratios of 財務要件型 (E.4), from one period."""

    net_assets: int | None
    equity_ratio: Fraction | None
    net_asset_multiple: Fraction | None
    return_on_assets: Fraction | None
    interest_coverage: Fraction | None
    no_interest_expense: bool
    # The parts, so a route can state a gap in yen (net assets or profit still needed).
    total_assets: int | None = None
    business_profit: int | None = None
    capital_stock: int | None = None
    interest_expense: int | None = None


def financial_ratios(p: Period) -> FinancialRatios:
    na = net_assets(p)
    total_assets = p.total_assets_yen
    if total_assets is None and na is not None and p.total_liabilities_yen is not None:
        total_assets = na + p.total_liabilities_yen
    business_profit = _sum(p.operating_profit_yen, p.interest_dividend_income_yen)
    return FinancialRatios(
        net_assets=na,
        equity_ratio=_ratio(na, total_assets),
        net_asset_multiple=_ratio(na, p.capital_stock_yen),
        return_on_assets=_ratio(business_profit, total_assets),
        interest_coverage=_ratio(business_profit, p.interest_expense_yen),
        no_interest_expense=p.interest_expense_yen == 0,
        total_assets=total_assets,
        business_profit=business_profit,
        capital_stock=p.capital_stock_yen,
        interest_expense=p.interest_expense_yen,
    )


@dataclass(frozen=True)
class LocalBenchmark:
    """ロカベン six indicators (E.5): display only, never a pass/fail."""

    sales_growth: Fraction | None
    operating_margin: Fraction | None
    labour_productivity: Fraction | None
    ebitda_multiple: EbitdaMultiple | None
    working_capital_months: Fraction | None
    equity_ratio: Fraction | None


def local_benchmark(p0: Period | None, p1: Period | None, employees: int | None) -> LocalBenchmark:
    if p0 is None:
        return LocalBenchmark(None, None, None, None, None, None)
    growth = None
    if p1 is not None and p0.revenue_yen is not None and p1.revenue_yen:
        growth = Fraction(p0.revenue_yen, p1.revenue_yen) - 1
    working_capital = _sum(p0.receivables_yen, p0.inventory_yen)
    if working_capital is not None and p0.payables_yen is not None:
        working_capital -= p0.payables_yen
    else:
        working_capital = None
    monthly_sales = None if not p0.revenue_yen else Fraction(p0.revenue_yen, 12)
    return LocalBenchmark(
        sales_growth=growth,
        operating_margin=_ratio(p0.operating_profit_yen, p0.revenue_yen),
        labour_productivity=_ratio(p0.operating_profit_yen, employees),
        ebitda_multiple=ebitda_multiple(p0, with_bonds=False),
        working_capital_months=None if working_capital is None or monthly_sales is None
        else working_capital / monthly_sales,
        equity_ratio=financial_ratios(p0).equity_ratio,
    )


@dataclass(frozen=True)
class PeriodIndicators:
    fiscal_year_end: dt.date
    dbop: int | None
    net_assets: int | None
    ebitda: EbitdaMultiple
    ratios: FinancialRatios
    representative_receivables: int | None

    @property
    def not_insolvent(self) -> bool | None:
        """債務超過でない: 純資産 ≥ 0 (S003)."""
        return None if self.net_assets is None else self.net_assets >= 0

    @property
    def asset_surplus(self) -> bool | None:
        """資産超過: 純資産 > 0 ([I], F-12)."""
        return None if self.net_assets is None else self.net_assets > 0


def period_indicators(p: Period) -> PeriodIndicators:
    return PeriodIndicators(
        fiscal_year_end=p.fiscal_year_end,
        dbop=dbop(p),
        net_assets=net_assets(p),
        ebitda=ebitda_multiple(p),
        ratios=financial_ratios(p),
        representative_receivables=_sum(p.loans_to_representative_yen,
                                        p.other_receivables_from_representative_yen),
    )


def two_consecutive_dbop_losses(periods: list[PeriodIndicators]) -> bool | None:
    """直近2期の減価償却前経常利益が連続して赤字 (both < 0). Needs P0 and P1."""
    if len(periods) < 2:
        return None
    d0, d1 = periods[0].dbop, periods[1].dbop
    if d0 is not None and d0 >= 0 or d1 is not None and d1 >= 0:
        return False
    if d0 is None or d1 is None:
        return None
    return True


def closed_period_count(case: Case, on: dt.date) -> int | None:
    """設立後の決算終了回数 at a date: from the incorporation date and the year-end month.

    The entered periods are a floor (a company can have closed more periods than were typed in).
    """
    c = case.company
    entered = len(case.periods)
    if c.founding_planned:
        return 0
    if c.incorporated_on is None or c.fiscal_year_end_month is None:
        return entered if entered >= 2 else None
    count = 0
    year = c.incorporated_on.year
    while True:
        end = _month_end(year, c.fiscal_year_end_month)
        if end > on:
            break
        if end > c.incorporated_on:
            count += 1
        year += 1
    return max(count, entered)


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


@dataclass(frozen=True)
class Indicators:
    periods: list[PeriodIndicators]
    local_benchmark: LocalBenchmark
    closed_periods: int | None
    two_dbop_losses: bool | None

    @property
    def p0(self) -> PeriodIndicators | None:
        return self.periods[0] if self.periods else None


def compute_indicators(case: Case) -> Indicators:
    ordered = case.sorted_periods()
    periods = [period_indicators(p) for p in ordered]
    return Indicators(
        periods=periods,
        local_benchmark=local_benchmark(ordered[0] if ordered else None,
                                        ordered[1] if len(ordered) > 1 else None,
                                        case.company.employees),
        closed_periods=closed_period_count(case, case.application_date),
        two_dbop_losses=two_consecutive_dbop_losses(periods),
    )


def net_assets_gap_text(net_assets: int | None, *, strictly_positive: bool) -> str:
    """The yen that would reach 純資産 ≥ 0 (債務超過でない) or, strictly, > 0 (資産超過, F-12)."""
    if net_assets is None:
        return ""
    needed = -net_assets + (1 if strictly_positive else 0)
    return f"純資産をあと {format_yen(needed)}以上増やす" if needed > 0 else ""


@dataclass(frozen=True)
class NoTwoLosses:
    """「直近2期連続で減価償却前経常利益が赤字でない」 decided once for the checksheet and the routes."""

    passed: bool | None
    # Passed only because a single period is closed: it cannot hold two losses. Our reading [I].
    single_period: bool
    figure: str
    gap: str


def no_two_dbop_losses(ind: Indicators) -> NoTwoLosses:
    """NOT (DBOP(P0) < 0 AND DBOP(P1) < 0); 0 is not a loss (E.1).

    With P1 not entered the test passes if P0 is not a loss, or if the company has closed only
    one period; otherwise it stays open.
    """
    shown = "、".join(f"{fiscal_period(p.fiscal_year_end)} {format_yen(p.dbop)}" for p in ind.periods[:2])
    figure = f"減価償却前経常利益 {shown or '—'}"
    p0 = ind.p0
    if ind.two_dbop_losses is None and p0 is not None and p0.dbop is not None:
        if p0.dbop >= 0:
            return NoTwoLosses(True, False, figure, "")
        if ind.closed_periods == 1:
            return NoTwoLosses(True, True, figure + "（決算1期のみ）", "")
    passed = None if ind.two_dbop_losses is None else not ind.two_dbop_losses
    gap = ""
    if passed is False and p0 is not None and p0.dbop is not None:
        # The two periods are closed; what can change is the next one, which becomes P0.
        gap = (f"次の決算で減価償却前経常利益を0円以上にする（直近期 {format_yen(p0.dbop)} から "
               f"{format_yen(-p0.dbop)}以上の改善）")
    return NoTwoLosses(passed, False, figure, gap)
