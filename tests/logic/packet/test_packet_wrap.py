"""packet_wrap must give exactly reportlab's own results: the same PDF bytes with and without it.

This guards the reportlab pin: on an upgrade, a change in reportlab's line breaking shows here.
"""

import pytest
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from desktop.logic.packet import styles as packet_styles
from desktop.logic.packet.build import build_packet
from desktop.logic.packet.styles import GOTHIC_BOLD, Styles, cell, grid_table, register_fonts
from desktop.logic.packet.wrap import markup_frags
from tests.packets import DEMOS, demo_assessment, demo_packet


@pytest.mark.parametrize("name", DEMOS)
def test_fast_line_breaking_changes_no_byte(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    fast = demo_packet(name, "internal")
    slow_calls = []
    original = packet_styles.Paragraph.breakLinesCJK
    monkeypatch.setattr(packet_styles.Paragraph, "breakLinesCJK",
                        lambda self, widths: slow_calls.append(1) or original(self, widths))
    monkeypatch.setattr(packet_styles, "supported", lambda paragraph: False)
    monkeypatch.setattr(packet_styles, "markup_frags", lambda text, style: None)
    assert build_packet(demo_assessment(name), "internal") == fast
    assert len(slow_calls) > 100  # reportlab's own breaking really ran


def parsed(markup: str, style: object) -> list[dict]:
    parser = ParaParser()
    parser.caseSensitive = 1
    _, frags, _ = parser.parse(cleanBlockQuotedText(markup), style)
    return [frag.__dict__ for frag in frags]


@pytest.mark.parametrize("markup", [
    "決算書の写し",
    "  改行\nと 空白  の　ある文 ",
    "Q&amp;A と &lt;注&gt;",
    f"<font name='{GOTHIC_BOLD}'>［重要］</font>代表者への貸付金<font name='{GOTHIC_BOLD}'>［目安］</font>",
    "未充足<br/><font size='6.5'>数値で判定</font>",
    "決算書<br/><font size='6.5' color='#444444'>出典：<b>同上</b> &amp; 別表</font><br/>",
    f"<font name='{GOTHIC_BOLD}' size='10.5'>見出し<font size='7'>（注）</font></font>終わり",
])
@pytest.mark.parametrize("style", [Styles.cell, Styles.cell_small_ink, Styles.prose_small])
def test_markup_gives_the_parsers_fragments(markup: str, style: object) -> None:
    register_fonts()
    text, frags = markup_frags(markup, style)
    assert text == cleanBlockQuotedText(markup)
    assert [frag.__dict__ for frag in frags] == parsed(markup, style)
    # one link list and one underline list for the paragraph, as the parser gives it
    assert len({id(frag.link) for frag in frags}) == len({id(frag.us_lines) for frag in frags}) == 1


@pytest.mark.parametrize("markup", [
    "", "a < b", "Q&A", "&unknown;", "<i>斜体</i>", "<br>", "<font size='7'>閉じない", "閉じすぎ</font>",
    "<font size='7'><b>交差</font></b>", "<para>段落</para>", '<font size="7">二重引用符</font>', "</br/>",
])
def test_other_markup_is_left_to_the_parser(markup: str) -> None:
    register_fonts()
    assert markup_frags(markup, Styles.cell) is None


@pytest.mark.parametrize("markup", [
    "そのまま", "一つの 空白", "二つの  空白", " 前", "後 ", "改行\nあり", "タブ\tあり", "全角　空白", "\xa0ＮＢＳＰ",
    "\u200b幅なし\u200b", "中の\u200b幅なし", "\n", " ", "a\xa0\u200bb",
])
def test_whitespace_is_cleaned_as_reportlab_cleans_it(markup: str) -> None:
    register_fonts()
    known = markup_frags(markup, Styles.cell)
    assert (known[0] if known else "") == cleanBlockQuotedText(markup)


def sample_table() -> object:
    rows = [["項目", "内容"], ["短い", "一行"], ["長い", "折り返す文章。" * 12], [cell("区分", Styles.cell_bold), ""]]
    return grid_table(rows, [60.0, 140.0], bands=[3])


def measured(table: object) -> tuple:
    return table._rowHeights, table._rowpositions, table._colpositions, table._width, table._height  # noqa: SLF001


def test_a_table_measured_again_has_the_rows_a_fresh_one_has() -> None:
    register_fonts()
    table = sample_table()
    table.wrap(200, 700)  # the whole frame, for the heading above it
    table.wrap(200, 30)  # a page end: kept, as reportlab would measure the same rows again
    at_page_end = sample_table()
    at_page_end.wrap(200, 30)
    whole = sample_table()
    whole.wrap(200, 700)
    assert measured(table) == measured(at_page_end) == measured(whole)
    assert len(table.split(200, 40)) == 2  # and it splits as a fresh table would
