"""The PDF helpers the packet tests rely on tell an embedded font from a missing one and render
what is drawn where it is drawn."""

from __future__ import annotations

import io

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from desktop.logic.packet.styles import GOTHIC, register_fonts
from tests.pdf_tools import pdffonts, render_page


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
