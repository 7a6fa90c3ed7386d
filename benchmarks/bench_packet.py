"""Time to build each demo packet (median of alternating runs), against bare reportlab documents
of the same text (goal ≤ 2×), and the PDF size. Printed, never asserted.

    uv run python benchmarks/bench_packet.py

Two bare documents, each holding each packet page's own text as plain CJK paragraphs, one page
each, without our tables, chart, running header and page x / y footer:
- same fonts: each page's text drawn in the packet's Gothic, Gothic Bold and Mincho is one
  paragraph in that font, so the same glyphs of the same three faces are subset and embedded
  (its file is within a few per cent of the packet's). The ratio to it is the cost of the
  packet's layout alone: the goal's measure.
- one font: all of it in Gothic. It embeds about half the font data of the packet, so its
  ratio also counts the packet's typefaces as layout; printed beside for comparison.
Both are written the same way as the packet (Flate-only streams, no ASCII85 on top): a baseline
that paid for an encoding the packet skips would flatter the ratio. Fonts are registered before
timing in all cases (once per process in the app too).
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from desktop.logic.case.demo import demo_cases
from desktop.logic.data_files import validate_data_files
from desktop.logic.packet.build import build_packet
from desktop.logic.packet.layout import binary_streams
from desktop.logic.packet.styles import GOTHIC, GOTHIC_BOLD, MARGIN_X, MINCHO, register_fonts
from desktop.logic.rules.evaluation import evaluate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' PDF reader (PDFium)
from tests.pdf_tools import text_lines  # noqa: E402

RUNS = 9
PLAIN = ParagraphStyle("plain", fontName=GOTHIC, fontSize=8.5, leading=10, wordWrap="CJK")
STYLES = {font: ParagraphStyle(f"plain {font}", parent=PLAIN, fontName=font) for font in (GOTHIC, GOTHIC_BOLD, MINCHO)}

# A page's text in each face: {registered font name: text}, one dict a page.
PageText = dict[str, str]


def page_texts_by_font(pdf: bytes) -> list[PageText]:
    pages: dict[int, dict[str, list[str]]] = {}
    for line in text_lines(pdf):
        # PDF base fonts: BIZUDGothic-Regular, BIZUDGothic-Bold, BIZUDMincho-Regular
        font = MINCHO if line.font.startswith(MINCHO) else GOTHIC_BOLD if line.font == GOTHIC_BOLD else GOTHIC
        pages.setdefault(line.page, {}).setdefault(font, []).append(line.text)
    return [{font: " ".join(" ".join(texts).split()) for font, texts in pages[n].items()} for n in sorted(pages)]


def bare_document(pages: list[PageText], *, same_fonts: bool) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, invariant=1,
                            initialFontName=GOTHIC)
    story: list = []
    for page in pages:
        if same_fonts:
            story += [Paragraph(text, STYLES[font]) for font, text in page.items()]
        else:
            story.append(Paragraph(" ".join(page.values()), PLAIN))
        story.append(PageBreak())
    with binary_streams():
        doc.build(story[:-1])
    return buffer.getvalue()


def median_seconds(builds: dict[str, Callable[[], bytes]]) -> dict[str, float]:
    """Median time of each build, run alternately so that a load spike on a shared machine falls
    on both sides rather than on one of them."""
    timings: dict[str, list[float]] = {name: [] for name in builds}
    for _ in range(RUNS):
        for name, build in builds.items():
            start = time.perf_counter()
            build()
            timings[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in timings.items()}


def main() -> None:
    validate_data_files()
    register_fonts()
    start = time.perf_counter()
    build_packet(evaluate(demo_cases()["healthy"]))  # first build: imports and font parsing
    print(f"first packet in a fresh process (imports + fonts): {(time.perf_counter() - start) * 1000:.0f} ms")
    for stem, case in demo_cases().items():
        assessment = evaluate(case)
        pdf = build_packet(assessment)
        pages = page_texts_by_font(pdf)
        same, one = bare_document(pages, same_fonts=True), bare_document(pages, same_fonts=False)
        medians = median_seconds({"packet": lambda: build_packet(assessment),  # noqa: B023 - called right here
                                  "same": lambda: bare_document(pages, same_fonts=True),  # noqa: B023
                                  "one": lambda: bare_document(pages, same_fonts=False)})  # noqa: B023
        packet_s, same_s, one_s = medians["packet"], medians["same"], medians["one"]
        print(f"{stem:<11} packet {packet_s * 1000:5.1f} ms, {len(pages)} pages, {len(pdf) / 1024:.0f} KB | "
              f"bare, same fonts {same_s * 1000:5.1f} ms ({len(same) / 1024:.0f} KB): {packet_s / same_s:4.2f}× "
              f"(goal ≤ 2×) | bare, one font {one_s * 1000:5.1f} ms ({len(one) / 1024:.0f} KB): "
              f"{packet_s / one_s:4.2f}×")


if __name__ == "__main__":
    main()
