"""Calendar arithmetic and dates as Japanese forms write them: 2026年11月24日, 4年7か月, 2027年03月期,
and typed dates in 西暦 or 和暦 (2026/3/31, 20260331, R8.3.31, 令和8年3月31日, full-width digits)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# The one range of dates the app accepts, typed, in a date field or read from a file (the
# model's validators): a company founded in the Meiji era still fits, a typo such as 20026 or
# 1026 does not. Every rule shifts a date by at most 50 years (loan terms ≤ 600 months) or
# steps day by day from it, so date arithmetic stays far inside Python's years 1…9999 (dates
# near 9999, which the old date fields allowed, failed with 「year out of range」).
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


class DateError(ValueError):
    """A typed date the app cannot take; the message is Japanese, for the person typing."""


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    start: dt.date

    @property
    def short(self) -> str:
        return self.name[0]


# Newest first. Each era starts on the day after its predecessor's last day.
ERAS = (
    Era("令和", "R", dt.date(2019, 5, 1)),
    Era("平成", "H", dt.date(1989, 1, 8)),
    Era("昭和", "S", dt.date(1926, 12, 25)),
    Era("大正", "T", dt.date(1912, 7, 30)),
    Era("明治", "M", dt.date(1868, 1, 25)),
)
_ERA_BY_KEY = {key: era for era in ERAS for key in (era.name, era.short, era.letter)}
_ERA_KEYS = "|".join(sorted(_ERA_BY_KEY, key=len, reverse=True))
# After NFKC: 2026/3/31, 2026-3-31, 2026.3.31, 2026年3月31日 (one kind of separator per date).
_WESTERN = re.compile(r"(\d{4})(?:([/.-])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日?)")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_JAPANESE = re.compile(rf"({_ERA_KEYS})(\d{{1,2}}|元)(?:([/.-])(\d{{1,2}})\3(\d{{1,2}})|年(\d{{1,2}})月(\d{{1,2}})日?)",
                       re.IGNORECASE)
EXAMPLES = "2026/3/31、20260331、令和8年3月31日、R8.3.31"


def parse_date(text: str | None) -> dt.date | None:
    """A date as people type it, in 西暦 or 和暦; blank is None (unknown). Raises DateError.

    A date in an era's last year after the era ended (平成31年5月1日) is read as the same calendar
    day (令和元年5月1日): forms printed before an era change carried on with the old name. A date
    before an era began (令和元年4月30日) or a year the era never reached (平成32年) is refused.
    """
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    if not folded:
        return None
    if match := _JAPANESE.fullmatch(folded):
        era = _ERA_BY_KEY.get(match[1]) or _ERA_BY_KEY[match[1].upper()]
        era_year = 1 if match[2] == "元" else int(match[2])
        month, day = (match[4], match[5]) if match[3] else (match[6], match[7])
        return _era_date(era, era_year, int(month), int(day))
    if match := _WESTERN.fullmatch(folded):
        month, day = (match[3], match[4]) if match[2] else (match[5], match[6])
        return _checked(int(match[1]), int(month), int(day))
    if match := _COMPACT.fullmatch(folded):
        return _checked(int(match[1]), int(match[2]), int(match[3]))
    raise DateError(f"日付として読み取れません。{EXAMPLES} のように入力してください。")


def _era_date(era: Era, era_year: int, month: int, day: int) -> dt.date:
    label = f"{era.name}{_era_year_text(era_year)}年{month}月{day}日"
    if era_year < 1:
        raise DateError(f"{label}はありません。{era.name}は元年（1年）からです。")
    year = era.start.year + era_year - 1
    index = ERAS.index(era)
    end = ERAS[index - 1].start - dt.timedelta(days=1) if index else None
    if end is not None and year > end.year:
        raise DateError(f"{label}はありません。{era.name}は{_era_year_text(end.year - era.start.year + 1)}年"
                        f"（{end.year}年）{end.month}月{end.day}日までです。")
    found = _checked(year, month, day, label)
    if found < era.start:
        raise DateError(f"{label}はありません。{era.name}は{era.start.year}年{era.start.month}月"
                        f"{era.start.day}日からです。")
    return found


def _checked(year: int, month: int, day: int, label: str = "") -> dt.date:
    try:
        found = dt.date(year, month, day)
    except ValueError:
        raise DateError(f"{label or f'{year}年{month}月{day}日'}という日はありません。") from None
    if not MIN_DATE <= found <= MAX_DATE:
        raise DateError(f"{MIN_DATE.year}年から{MAX_DATE.year}年までの日付を入力してください。")
    return found


def era_of(day: dt.date) -> Era:
    return next(era for era in ERAS if day >= era.start)


def _era_year_text(era_year: int) -> str:
    return "元" if era_year == 1 else str(era_year)


def wareki(day: dt.date) -> str:
    """The 和暦 of a date: 「令和8年3月31日」, 「令和元年5月1日」."""
    era = era_of(day)
    return f"{era.name}{_era_year_text(day.year - era.start.year + 1)}年{day.month}月{day.day}日"


def date_text(day: dt.date | None) -> str:
    """How a date field shows a date: 「2026/03/31」 (read back by parse_date); blank for unknown."""
    return "" if day is None else f"{day.year}/{day.month:02d}/{day.day:02d}"


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


def period_last_day(start: dt.date, years: int) -> dt.date:
    """The last day of an n-year period that runs from an event on `start`, counted as 民法 140条・143条
    do: the event day itself is not counted (初日不算入), and the period ends at the end of the day
    before the day that corresponds to the first counted day. For most dates that is the n-th
    anniversary itself; from 28 February of a leap year it is the last day of February."""
    return add_years(start + dt.timedelta(days=1), years) - dt.timedelta(days=1)


def civil_elapsed(start: dt.date, end: dt.date) -> str:
    """Whole years and months from an event on `start` to `end`, not counting the event day
    (民法 140条), so that the last day of an n-year period still reads as less than n years."""
    return elapsed(start + dt.timedelta(days=1), end)


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
