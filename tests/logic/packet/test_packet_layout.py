"""The packet as typeset: embedded fonts, line breaking, nothing running off the page, and every
section present and filled for the shapes of case the packet must cope with."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.logic.case.model import Action, Case, Company, Loan, Negotiation, Succession
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.packet.build import Audience, build_packet
from desktop.logic.packet.blocks import section_titles
from desktop.logic.packet.styles import GOTHIC, MARGIN_X, PAGE_WIDTH, register_fonts
from desktop.logic.packet.text import load_packet_text
from tests import builders
from tests.packets import DEMOS, demo_packet
from tests.pdf_tools import consecutive_lines, page_texts, pdffonts, squeeze, text_lines

LONG_NAME = "株式会社北関東総合建設工業ホールディングス技術研究開発センター浜松町第二事業本部"  # 40 characters
NO_LINE_STARTS_WITH = "。、」）"


def stress_case() -> Case:
    """Every list at its realistic maximum: a 40-character name, 3 lenders, 3 periods, 20 actions."""
    assert len(LONG_NAME) == 40
    base = builders.case()
    lenders = ["株式会社みちのく第一地方銀行", "北関東信用金庫", "日本政策金融公庫"]
    actions = [Action(item_id="GL-3.3" if i % 2 else "GL-1.6",
                      action=f"取り組み{i:02d}：月次の試算表と資金繰り表を作成し、取引金融機関の担当者へ毎月報告する",
                      owner="経理部長・顧問税理士", due=dt.date(2027, 1 + i % 12, 28)) for i in range(20)]
    return base.model_copy(update={
        "company": base.company.model_copy(update={"name": LONG_NAME,
                                                   "representative_names": ["山田 太郎", "山田 花子"]}),
        "loans": [Loan(lender=name, lender_kind=kind, balance_yen=balance, collateral="real_estate")
                  for name, kind, balance in zip(lenders, ["bank", "shinkin", "jfc"],
                                                 [1_234_567_890, 98_765_432, 5_000_000], strict=True)],
        "negotiation": Negotiation(counterparty=lenders[0], branch="宇都宮中央支店営業第二部", actions=actions,
                                   contact_person="法人営業第三課 課長代理 佐々木様"),
    })


def startup_one_period() -> Case:
    base = builders.case(periods=[builders.period(2026)])
    company = base.company.model_copy(update={"incorporated_on": dt.date(2025, 2, 1)})
    return base.model_copy(update={"company": company})


def succession_case() -> Case:
    base = builders.case()
    situation = base.situation.model_copy(update={
        "succession": Succession(status="planned", planned_by=dt.date(2028, 4, 1), has_cgc_plan_form=True)})
    return base.model_copy(update={"situation": situation})


SHAPES = {
    "no-periods": lambda: builders.case(periods=[], company=Company(name="株式会社創業準備", founding_planned=True)),
    "three-periods": builders.case,
    "startup-one-period": startup_one_period,
    "succession": succession_case,
    "stress": stress_case,
}


@cache
def built(shape: str, audience: Audience = "bank") -> bytes:
    return build_packet(evaluate(SHAPES[shape]()), audience)


ALL = [("shape", s) for s in SHAPES] + [("demo", d) for d in DEMOS]


def pdf_of(kind: str, name: str) -> bytes:
    return built(name) if kind == "shape" else demo_packet(name)


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
    pdf = built(shape, audience)
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
    pdf = built("stress")
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
    text = squeeze("".join(page_texts(built("no-periods"), layout=False)))
    assert "決算の入力がありません。" in text
    assert "既存のお借入れの入力はありません。" not in text  # the builder's case has a loan


def test_startup_with_one_period_shows_that_period_and_its_chart() -> None:
    layout = "".join(page_texts(built("startup-one-period")))
    assert "2026年03月期" in layout and "減価償却前経常利益と純資産の推移" in layout
    assert "2025年03月期" not in layout


def test_a_typed_onchu_is_not_printed_twice() -> None:
    from desktop.logic.case.demo import demo_cases
    from desktop.logic.packet.text import resolve_addressee

    c = demo_cases()["succession"]
    assert resolve_addressee(c, "bank", "架空信用金庫　御中").name == "架空信用金庫"
    branch = resolve_addressee(c, "bank", "するが銀行 焼津支店")
    assert branch.only_lender and {loan.lender for loan in branch.loans} == {"するが銀行"}
