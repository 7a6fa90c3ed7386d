"""The packet as typeset: embedded fonts, line breaking, nothing running off the page, and every
section present and filled for the shapes of case the packet must cope with."""

from __future__ import annotations

import re

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.logic.packet.build import Audience
from desktop.logic.packet.blocks import section_titles
from desktop.logic.packet.styles import GOTHIC, MARGIN_X, PAGE_WIDTH, register_fonts
from desktop.logic.packet.text import load_packet_text
from tests.packets import DEMOS, LONG_NAME, SHAPES, case_packet, shape_packet
from tests.pdf_tools import consecutive_lines, page_texts, pdffonts, squeeze, text_lines

NO_LINE_STARTS_WITH = "。、」）"
ALL = [("shape", s) for s in SHAPES] + [("demo", d) for d in DEMOS]


def pdf_of(kind: str, name: str) -> bytes:
    return case_packet(f"{kind}-{name}", "bank")


@pytest.mark.parametrize(("kind", "name"), ALL)
def test_every_font_is_an_embedded_biz_ud_truetype_subset(kind: str, name: str) -> None:
    fonts = pdffonts(pdf_of(kind, name))
    assert fonts
    for font in fonts:
        assert font["emb"] == "yes", font
        assert font["type"] == "TrueType" and "+BIZUD" in font["name"], font


@pytest.mark.parametrize(("kind", "name"), ALL)
def test_no_line_starts_with_closing_punctuation(kind: str, name: str) -> None:
    bad = [line for line in text_lines(pdf_of(kind, name)) if line.text.lstrip()[:1] in NO_LINE_STARTS_WITH]
    assert bad == []


@pytest.mark.parametrize(("kind", "name"), ALL)
def test_no_line_ends_with_an_opening_bracket_or_splits_a_figure(kind: str, name: str) -> None:
    # Paragraph lines are at most 13.8 pt apart, table rows at least 15.5 pt.
    pairs = consecutive_lines(text_lines(pdf_of(kind, name)), leading=14.5)
    assert pairs, "the check must see wrapped paragraphs"
    opening = [(a.text, b.text) for a, b in pairs if a.text[-1:] in "「（［"]
    split = [(a.text, b.text) for a, b in pairs if re.search(r"\d,?$", a.text) and
             (re.match(r"[円%倍]", b.text) or re.search(r"[\d,]*,[\d,]*$", a.text) and re.match(r"\d", b.text))]
    assert opening == [] and split == []


@pytest.mark.parametrize(("kind", "name"), ALL)
def test_no_text_runs_past_the_page_margins(kind: str, name: str) -> None:
    register_fonts()
    right = PAGE_WIDTH - MARGIN_X
    for line in text_lines(pdf_of(kind, name)):
        # A closing mark may hang past the line end (ぶら下げ), as kinsoku intends.
        width = stringWidth(line.text.rstrip(NO_LINE_STARTS_WITH), GOTHIC, line.size)
        assert line.x >= MARGIN_X - 1, line
        assert line.x + width <= right + 2, (line, line.x + width)


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("audience", ["bank", "internal"])
def test_every_section_is_present_and_filled(shape: str, audience: Audience) -> None:
    pdf = shape_packet(shape, audience)
    wording = load_packet_text()
    pages = page_texts(pdf, layout=False)
    pages_count = len(pages)
    furniture = [wording.title, wording.disclaimer, "金融機関向け", "社内控え"]
    company = squeeze(SHAPES[shape]().company.name)
    body = ""
    for number, page in enumerate(pages, start=1):
        text = squeeze(page)
        for fixed in furniture:
            text = text.replace(squeeze(fixed), "")
        body += text.replace(company + f"{number}/{pages_count}", "")
    titles = section_titles(audience)
    positions = []
    for number, title in enumerate(titles, start=1):
        marker = f"{number}{title}"
        assert marker in body, marker
        positions.append(body.index(marker))
    assert positions == sorted(positions)
    for start, end, title in zip(positions, positions[1:] + [len(body)], titles, strict=True):
        content = body[start + len(title) + 1:end]
        assert len(content) > 40, (title, content)


def test_stress_case_prints_everything_in_full() -> None:
    pdf = shape_packet("stress")
    layout = page_texts(pdf)
    text = squeeze("".join(page_texts(pdf, layout=False)))
    for i in range(20):
        assert f"取り組み{i:02d}：月次の試算表と資金繰り表を作成し、取引金融機関の担当者へ毎月報告する" in text
    assert "株式会社みちのく第一地方銀行宇都宮中央支店営業第二部御中" in text
    assert "1,234,567,890円" in squeeze("".join(layout))
    for page in layout:
        footer = [line for line in page.splitlines() if line.strip()][-1]
        assert footer.strip().startswith(LONG_NAME), footer


def test_no_periods_case_says_so_instead_of_printing_empty_tables() -> None:
    text = squeeze("".join(page_texts(shape_packet("no-periods"), layout=False)))
    assert "決算の入力がありません。" in text
    assert "既存のお借入れの入力はありません。" not in text  # the builder's case has a loan


def test_startup_with_one_period_shows_that_period_and_its_chart() -> None:
    layout = "".join(page_texts(shape_packet("startup-one-period")))
    assert "2026年03月期" in layout and "減価償却前経常利益と純資産の推移" in layout
    assert "2025年03月期" not in layout


def test_a_typed_onchu_is_not_printed_twice() -> None:
    from desktop.logic.case.demo import demo_cases
    from desktop.logic.packet.text import resolve_addressee

    c = demo_cases()["succession"]
    assert resolve_addressee(c, "bank", "架空信用金庫　御中").name == "架空信用金庫"
    branch = resolve_addressee(c, "bank", "するが銀行 焼津支店")
    assert branch.only_lender and {loan.lender for loan in branch.loans} == {"するが銀行"}
