"""The PDF helpers the packet tests rely on tell an embedded font from a missing one, read a line
drawn in several runs as one and a table's cells apart, and render what is drawn where it is drawn."""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from desktop.logic.packet.styles import GOTHIC, GOTHIC_BOLD, register_fonts
from tests.pdf_tools import page_texts, pdffonts, render_page, text_lines


def one_page(draw: object) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(200, 100), invariant=1)
    draw(page)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_pdffonts_tells_embedded_from_referenced_fonts() -> None:
    register_fonts()
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))

    def draw(page: canvas.Canvas) -> None:
        for y, font in ((10, "Helvetica"), (40, "HeiseiKakuGo-W5"), (70, GOTHIC)):
            page.setFont(font, 10)
            page.drawString(10, y, "保証 abc")

    fonts = {row["name"]: (row["type"], row["emb"]) for row in pdffonts(one_page(draw))}
    assert fonts["Helvetica"] == ("Type 1", "no")
    assert fonts["HeiseiKakuGo-W5"] == ("CID Type 0", "no")
    assert fonts["AAAAAA+BIZUDGothic-Regular"] == ("TrueType", "yes")


def test_render_page_draws_at_the_requested_resolution() -> None:
    def draw(page: canvas.Canvas) -> None:
        page.rect(0, 50, 100, 50, stroke=0, fill=1)  # the top-left quarter, in black

    image = render_page(one_page(draw), 1, 144)
    assert image.mode == "RGB" and image.size == (400, 200)
    assert image.getpixel((100, 50)) == (0, 0, 0)
    assert image.getpixel((300, 150)) == (255, 255, 255)


def test_text_lines_join_the_runs_of_a_line_and_keep_cells_apart() -> None:
    register_fonts()

    def draw(page: canvas.Canvas) -> None:
        line = page.beginText(10, 60)
        line.setFont(GOTHIC, 8)
        line.textOut("所在地")
        line.textOut("\u3000")  # a run of a space alone
        line.setFont(GOTHIC_BOLD, 12)
        line.textOut("静岡県")
        page.drawText(line)
        page.setFont(GOTHIC, 8)
        page.drawString(120, 60, "次のセル")  # same baseline, further right
        page.drawString(10, 20, "二行目")

    pdf = one_page(draw)
    assert [(line.text, line.x, line.y, line.size, line.font) for line in text_lines(pdf)] == [
        ("所在地 静岡県", 10, 60, 12, "BIZUDGothic-Regular"),
        ("次のセル", 120, 60, 8, "BIZUDGothic-Regular"),
        ("二行目", 10, 20, 8, "BIZUDGothic-Regular")]
    assert page_texts(pdf, layout=False) == ["所在地 静岡県\n次のセル\n二行目"]
    rows = page_texts(pdf)[0].splitlines()
    assert rows[0].startswith("所在地 静岡県 ") and rows[0].endswith(" 次のセル") and rows[1] == "二行目"
