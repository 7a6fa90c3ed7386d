"""Golden images: page 1 of each demo's bank packet, the first route-detail page of its
coordinator packet and its one-page summary, rendered by PDFium (pypdfium2) at 50 dpi, must match
the committed PNGs in tests/golden/ within a small pixel tolerance.

The PDFs are built with invariant=1 (always, see desktop/logic/packet/layout.py), so only a change in
what is printed moves a pixel. After an intended change, regenerate deliberately:

    HNAVI_UPDATE_GOLDEN=1 uv run pytest tests/logic/packet/test_packet_golden.py

and look at the new PNGs before committing them. Route data changes (new routes, new wording)
move the route page, so regenerate after merging route work.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.packets import DEMOS, demo_packet
from tests.pdf_tools import page_texts, render_page

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
DPI = 50
# A pixel counts as different when its grey level moves by more than this (anti-aliasing noise
# stays below it); at most this many pixels may differ. Changing one character of the company
# name moves about 100 pixels of page 1, so any change in wording or layout fails the test.
CHANNEL_TOLERANCE = 64
MAX_DIFFERENT_PIXELS = 25
UPDATE = os.environ.get("HNAVI_UPDATE_GOLDEN") == "1"


def route_page(pdf: bytes) -> int:
    """The 1-based number of the page where the route details start."""
    for number, text in enumerate(page_texts(pdf), start=1):
        if "制度ごとの判定" in text and "主な理由：" in text:
            return number
    raise AssertionError("no route page found")


def different_pixels(actual: Image.Image, expected: Image.Image) -> int:
    histogram = ImageChops.difference(actual, expected).histogram()
    return sum(histogram[CHANNEL_TOLERANCE + 1:])


@pytest.mark.parametrize("name", DEMOS)
@pytest.mark.parametrize("which", ["p1", "routes", "summary"])
def test_page_matches_golden_image(name: str, which: str) -> None:
    audience = {"p1": "bank", "routes": "coordinator", "summary": "summary"}[which]
    pdf = demo_packet(name, audience)  # type: ignore[arg-type]
    page = route_page(pdf) if which == "routes" else 1
    # Grey is enough for a packet that must read in black and white, and keeps the PNGs small.
    actual = render_page(pdf, page, DPI).convert("L")
    path = GOLDEN / f"{name}-{which}.png"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        actual.save(path, optimize=True)
    assert path.exists(), f"{path.name} missing: run with HNAVI_UPDATE_GOLDEN=1 to create it"
    with Image.open(path) as stored:
        expected = stored.convert("L")
    assert actual.size == expected.size, (actual.size, expected.size)
    different = different_pixels(actual, expected)
    assert different <= MAX_DIFFERENT_PIXELS, f"{path.name}: {different} pixels differ"
