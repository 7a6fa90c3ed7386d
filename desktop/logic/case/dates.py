"""Calendar arithmetic and dates as Japanese forms write them: 2026年11月24日, 4年7か月, 2027年03月期."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

# The one range of dates a case may hold (model validators and date widgets use it).
# From 明治元年 (the oldest era 和暦 input names) to 2100: every rule shifts a date by at most
# 50 years (loan terms ≤ 600 months) or steps day by day from it, so arithmetic stays far
# inside Python's years 1…9999 — dates near 9999 made the evaluator fail with 「year out of range」.
MIN_DATE = dt.date(1868, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day n months later; a missing day (31st, 29 Feb) becomes the month's last day."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """The n-th anniversary; for 29 February it is 1 March, the first day the years are complete."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def earliest_start(target: dt.date, shift: Callable[[dt.date, int], dt.date], n: int) -> dt.date:
    """The first day d with shift(d, n) ≥ target: when to apply so that a window reaches a date."""
    day = shift(target, -n)
    while shift(day, n) < target:  # a clamped month end can fall short
        day += dt.timedelta(days=1)
    while shift(day - dt.timedelta(days=1), n) >= target:
        day -= dt.timedelta(days=1)
    return day


def jdate(day: dt.date) -> str:
    return f"{day:%Y年%m月%d日}"


def fiscal_period(year_end: dt.date) -> str:
    """A fiscal period named by its year-end month: 「2026年03月期」."""
    return f"{year_end:%Y年%m月期}"


def elapsed(start: dt.date, end: dt.date) -> str:
    """Whole years and months from start to end, e.g. 「4年7か月」."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return f"{months // 12}年{months % 12}か月"


def format_months(months: int, *, with_count: bool = False) -> str:
    """A term as schemes print it: 「10年」 or 「18か月」; with_count adds the months: 「10年（120か月）」."""
    if months % 12:
        return f"{months}か月"
    return f"{months // 12}年" + (f"（{months}か月）" if with_count else "")
