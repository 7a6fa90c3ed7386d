"""Time to build each demo packet (median of alternating runs), against a bare reportlab
document with the same pages and the same font (goal ≤ 2×), and the PDF size. Printed, never
asserted.

The bare document holds each packet page's own text as plain CJK paragraphs, one page each:
the same glyphs to subset and embed, without our tables, chart, running header and page x / y
footer. The ratio is therefore the cost of the packet's layout, not of Japanese text as such.
Both are written the same way (Flate-only streams, no ASCII85 on top): a baseline that paid
for an encoding the packet skips would flatter the ratio. Fonts are registered before timing in
both cases (once per process in the app too).
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from desktop.logic.case.demo import demo_cases
from desktop.logic.data_files import validate_data_files
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.packet.build import build_packet
from desktop.logic.packet.layout import binary_streams
from desktop.logic.packet.styles import GOTHIC, MARGIN_X, register_fonts

RUNS = 9
PLAIN = ParagraphStyle("plain", fontName=GOTHIC, fontSize=8.5, leading=10, wordWrap="CJK")


def bare_document(page_texts: list[str]) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, invariant=1,
                            initialFontName=GOTHIC)
    story: list = []
    for text in page_texts:
        story.append(Paragraph(" ".join(text.split()), PLAIN))
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
        reader = PdfReader(io.BytesIO(pdf))
        texts = [page.extract_text() for page in reader.pages]
        bare = bare_document(texts)
        medians = median_seconds({"packet": lambda: build_packet(assessment),  # noqa: B023 - called right here
                                  "bare": lambda: bare_document(texts)})  # noqa: B023
        packet_s, bare_s = medians["packet"], medians["bare"]
        bare_pages = len(PdfReader(io.BytesIO(bare)).pages)
        print(f"{stem:<11} packet median {packet_s * 1000:6.1f} ms  bare reportlab {bare_s * 1000:6.1f} ms "
              f"({bare_pages} pages)  ratio {packet_s / bare_s:4.2f}× (goal ≤ 2×)  "
              f"{len(reader.pages)} pages, {len(pdf) / 1024:.0f} KB (bare {len(bare) / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
