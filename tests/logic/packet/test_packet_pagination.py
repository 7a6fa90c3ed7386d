"""Pagination a reader trusts, checked on every page of every demo and shape case for every
audience, from the text positions in the PDF: no heading, category row or table header is the
last line of a page, and no page but the last is less than a quarter full."""

from __future__ import annotations

import re
from functools import cache

import pytest

from desktop.logic.packet.build import AUDIENCE_LABELS, Audience
from desktop.logic.packet.styles import MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT
from tests.packets import CASES, case_packet
from tests.pdf_tools import TextLine, text_lines

FRAME_TOP = PAGE_HEIGHT - MARGIN_TOP
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
BODY_SIZE = 10.2   # prose is 10 pt; section and subsection headings and route titles are larger
MARKS = set("◎○？×—□")  # verdict marks and tick boxes are set large in body rows
FIGURE = re.compile(r"^▲?[\d,.]+(円|倍|%|か月)?$")


@cache
def lines_of(name: str, audience: Audience) -> dict[int, list[TextLine]]:
    pages: dict[int, list[TextLine]] = {}
    for line in text_lines(case_packet(name, audience)):
        if MARGIN_BOTTOM - 2 < line.y < FRAME_TOP:  # the body, without running header and footer
            pages.setdefault(line.page, []).append(line)
    return pages


UNDER_A_HEADING = 40  # pt: a table header and two rows, or three lines of text
ROW_WINDOW = 10  # pt above the lowest line: the last table row's other cells, centred beside it


def last_row(lines: list[TextLine]) -> list[TextLine]:
    lowest = min(line.y for line in lines)
    return [line for line in lines if line.y - lowest < ROW_WINDOW]


def ends_badly(row: list[TextLine]) -> bool:
    """A heading (larger type), or a row set wholly in bold without a figure: a table header or
    a category row. (A bold row of figures — a total, a computed line — may end a page.)"""
    if any(line.size > BODY_SIZE and line.text not in MARKS for line in row):
        return True
    return all("Bold" in line.font for line in row) and not any(FIGURE.match(line.text) for line in row)


@pytest.mark.parametrize("audience", list(AUDIENCE_LABELS))
@pytest.mark.parametrize("name", CASES)
def test_no_page_ends_with_a_heading_or_table_header_and_none_is_nearly_empty(name: str, audience: Audience) -> None:
    pages = lines_of(name, audience)
    numbers = sorted(pages)
    assert numbers == list(range(1, len(numbers) + 1)), "a page without body text"
    for number in numbers:
        lines = pages[number]
        row = last_row(lines)
        assert not ends_badly(row), (number, [line.text for line in row])
        if number != numbers[-1]:
            # what a heading introduces starts under it: a heading and a line or two end no page
            low = min(line.y for line in lines)
            headings = [line for line in lines if line.size > BODY_SIZE and line.text not in MARKS]
            assert all(h.y - low >= UNDER_A_HEADING for h in headings), (number, [h.text for h in headings])
        if number != numbers[-1]:
            filled = (FRAME_TOP - min(line.y for line in lines)) / FRAME_HEIGHT
            assert filled >= 0.25, (number, f"{filled:.0%} full")


def test_the_check_sees_a_heading_at_the_foot_of_a_page() -> None:
    row = [TextLine(3, 51.0, 70.0, 13.5, "4決算の状況", "AAAAAA+BIZUDGothic-Bold")]
    header = [TextLine(3, 51.0, 70.0, 8.5, "項目", "AAAAAA+BIZUDGothic-Bold"),
              TextLine(3, 200.0, 70.0, 8.5, "結果", "AAAAAA+BIZUDGothic-Bold")]
    cells = [TextLine(3, 51.0, 70.0, 8.5, "合計", "AAAAAA+BIZUDGothic-Bold"),
             TextLine(3, 200.0, 70.0, 8.5, "74,000,000円", "AAAAAA+BIZUDGothic-Bold")]
    dated = [TextLine(3, 51.0, 70.0, 8.5, "（単位：千円）", "AAAAAA+BIZUDGothic-Bold"),
             TextLine(3, 200.0, 70.0, 8.5, "2026年03月期", "AAAAAA+BIZUDGothic-Bold")]
    assert ends_badly(dated)
    assert ends_badly(row) and ends_badly(header) and not ends_badly(cells)
