"""Typed dates: every 西暦 and 和暦 form people write, era boundaries, and the bounds."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.logic.case.dates import MAX_DATE, MIN_DATE, DateError, date_text, era_of, parse_date, wareki

FULL_WIDTH = str.maketrans("0123456789/.-RHST", "０１２３４５６７８９／．－ＲＨＳＴ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026/3/31", dt.date(2026, 3, 31)),
        ("2026-03-31", dt.date(2026, 3, 31)),
        ("2026.3.31", dt.date(2026, 3, 31)),
        ("20260331", dt.date(2026, 3, 31)),
        ("2026年3月31日", dt.date(2026, 3, 31)),
        ("R8.3.31", dt.date(2026, 3, 31)),
        ("r8/3/31", dt.date(2026, 3, 31)),
        ("令8/3/31", dt.date(2026, 3, 31)),
        ("令和8年3月31日", dt.date(2026, 3, 31)),
        ("H30.4.1", dt.date(2018, 4, 1)),
        ("平成30年4月1日", dt.date(2018, 4, 1)),
        ("昭和60年4月1日", dt.date(1985, 4, 1)),
        ("S60.4.1", dt.date(1985, 4, 1)),
        ("大正15年12月24日", dt.date(1926, 12, 24)),
        ("T1.7.30", dt.date(1912, 7, 30)),
        ("明治45年7月29日", dt.date(1912, 7, 29)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("令和1年5月1日", dt.date(2019, 5, 1)),
        ("H元.1.8", dt.date(1989, 1, 8)),
        ("２０２６／３／３１", dt.date(2026, 3, 31)),
        ("Ｒ８．３．３１", dt.date(2026, 3, 31)),
        ("令和８年３月３１日", dt.date(2026, 3, 31)),
        ("㍻30年4月1日", dt.date(2018, 4, 1)),
        (" 2026 / 3 / 31 ", dt.date(2026, 3, 31)),
        # Era boundaries; an old era name in its last year after the change (pre-printed forms)
        # is read as the same calendar day.
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        ("平成31年5月1日", dt.date(2019, 5, 1)),
        ("昭和64年1月7日", dt.date(1989, 1, 7)),
        ("昭和64年1月8日", dt.date(1989, 1, 8)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("", None),
        ("　", None),
        (None, None),
    ],
)
def test_reads_what_people_type(text: str | None, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("令和元年4月30日", "令和は2019年5月1日からです"),
        ("平成元年1月7日", "平成は1989年1月8日からです"),
        ("平成32年1月1日", "平成は31年（2019年）4月30日までです"),
        ("昭和65年1月1日", "昭和は64年（1989年）1月7日までです"),
        ("平成0年1月1日", "元年（1年）から"),
        ("2026/2/30", "2026年2月30日という日はありません"),
        ("2026/13/1", "という日はありません"),
        ("R8.2.30", "令和8年2月30日という日はありません"),
        ("1899/12/31", "1900年から2100年までの日付"),
        ("21010101", "1900年から2100年までの日付"),
        ("abc", "日付として読み取れません"),
        ("26/3/31", "日付として読み取れません"),
        ("2026/3-31", "日付として読み取れません"),
        ("未入力1985/4/1", "日付として読み取れません"),
        ("X8.3.31", "日付として読み取れません"),
    ],
)
def test_refuses_with_japanese_message(text: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(text)


def test_wareki_names_the_era_and_gannen() -> None:
    assert wareki(dt.date(2026, 3, 31)) == "令和8年3月31日"
    assert wareki(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert wareki(dt.date(2019, 4, 30)) == "平成31年4月30日"
    assert wareki(dt.date(1989, 1, 7)) == "昭和64年1月7日"
    assert wareki(dt.date(1989, 1, 8)) == "平成元年1月8日"
    assert wareki(dt.date(1926, 12, 24)) == "大正15年12月24日"
    assert wareki(MIN_DATE) == "明治33年1月1日"


def test_bounds_are_readable_dates() -> None:
    assert parse_date(date_text(MIN_DATE)) == MIN_DATE
    assert parse_date(date_text(MAX_DATE)) == MAX_DATE


ERA_EDGES = (dt.date(1926, 1, 1), dt.date(1926, 12, 24), dt.date(1926, 12, 25), dt.date(1989, 1, 7),
             dt.date(1989, 1, 8), dt.date(2019, 4, 30), dt.date(2019, 5, 1), dt.date(2100, 12, 31))


def edges(test):
    """Every era's first and last day are always among the examples."""
    for day in ERA_EDGES:
        test = example(day)(test)
    return settings(max_examples=500)(test)


dates = st.dates(min_value=dt.date(1926, 1, 1), max_value=dt.date(2100, 12, 31))


def japanese_forms(day: dt.date) -> list[str]:
    era = era_of(day)
    year = day.year - era.start.year + 1
    forms = []
    for y in {str(year), "元" if year == 1 else str(year)}:
        forms += [f"{era.name}{y}年{day.month}月{day.day}日", f"{era.name[0]}{y}/{day.month}/{day.day}",
                  f"{era.letter}{y}.{day.month:02d}.{day.day:02d}", f"{era.letter.lower()}{y}-{day.month}-{day.day}"]
    return forms


def western_forms(day: dt.date) -> list[str]:
    return [f"{day.year}/{day.month}/{day.day}", f"{day:%Y-%m-%d}", f"{day.year}.{day.month}.{day.day}",
            f"{day:%Y%m%d}", f"{day.year}年{day.month}月{day.day}日", date_text(day)]


@edges
@given(dates)
def test_every_date_round_trips_through_each_wareki_form(day: dt.date) -> None:
    assert parse_date(wareki(day)) == day
    for text in japanese_forms(day):
        assert parse_date(text) == day, text
        assert parse_date(text.translate(FULL_WIDTH)) == day, text


@edges
@given(dates)
def test_every_date_round_trips_through_each_western_form(day: dt.date) -> None:
    for text in western_forms(day):
        assert parse_date(text) == day, text
        wide = text.translate(FULL_WIDTH)
        assert unicodedata.normalize("NFKC", wide) == text
        assert parse_date(wide) == day, wide


@given(st.text(max_size=20))
def test_any_text_is_a_date_none_or_a_message(text: str) -> None:
    try:
        day = parse_date(text)
    except DateError as exc:
        assert str(exc)
    else:
        assert day is None or MIN_DATE <= day <= MAX_DATE


def test_every_day_1926_to_2100_round_trips_through_the_formatters() -> None:
    day, step = dt.date(1926, 1, 1), dt.timedelta(days=1)
    while day <= dt.date(2100, 12, 31):
        assert parse_date(wareki(day)) == day and parse_date(date_text(day)) == day, day
        day += step
