"""Looking into packet PDFs the way a reader would: extracted text, embedded fonts, rendered pages.

Everything runs in-process with packages from the lock file (pypdf reads, PDFium renders), so the
tests need no command-line tool on PATH and run the same on Windows (engineering notes §10).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject


def page_texts(pdf: bytes, layout: bool = True, pages: int | None = None) -> list[str]:
    """Each page's text (of the first `pages` pages only, when given: reading a whole packet
    costs about 30 ms a page)."""
    if not layout:
        return list(_plain_reading(pdf)[0][:pages])
    return list(_layout_texts(pdf, pages))


# Text extraction costs about as much as building the packet and several tests read the same
# bytes, so each PDF is read once per mode (keyed by its content, so it cannot go stale).
@lru_cache(maxsize=64)
def _layout_texts(pdf: bytes, pages: int | None) -> tuple[str, ...]:
    reader = PdfReader(io.BytesIO(pdf))
    return tuple(page.extract_text(extraction_mode="layout") for page in reader.pages[:pages])


def squeeze(text: str) -> str:
    """Text without any whitespace, so wrapped cells and lines compare as one string."""
    return re.sub(r"\s+", "", text)


def pdffonts(pdf: bytes) -> list[dict[str, str]]:
    """One row per font object, as poppler's pdffonts lists them: name, type
    (TrueType, CID TrueType, Type 1, …) and emb ("yes" when its descriptor carries the font file)."""
    reader = PdfReader(io.BytesIO(pdf))
    fonts: dict[object, DictionaryObject] = {}
    for page in reader.pages:
        _collect_fonts(page.get("/Resources"), fonts, set())
    return [_font_row(font) for font in fonts.values()]


def _collect_fonts(resources: Any, fonts: dict[object, DictionaryObject], seen: set[object]) -> None:
    """Fonts of a resource dictionary and of the form XObjects it draws, keyed by object so a
    font shared by several pages counts once."""
    resources = _resolved(resources)
    if not isinstance(resources, DictionaryObject):
        return
    for ref in _resolved(resources.get("/Font", DictionaryObject())).values():
        fonts.setdefault(_key(ref), _resolved(ref))
    for ref in _resolved(resources.get("/XObject", DictionaryObject())).values():
        xobject = _resolved(ref)
        if xobject.get("/Subtype") == "/Form" and _key(ref) not in seen:
            seen.add(_key(ref))
            _collect_fonts(xobject.get("/Resources"), fonts, seen)


FONT_TYPES = {"/TrueType": "TrueType", "/Type1": "Type 1", "/MMType1": "Type 1", "/Type3": "Type 3",
              "/CIDFontType2": "CID TrueType", "/CIDFontType0": "CID Type 0"}
# /FontFile holds a Type 1 program, /FontFile2 TrueType, /FontFile3 CFF/OpenType (PDF 32000 §9.9).
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def _font_row(font: DictionaryObject) -> dict[str, str]:
    # A composite (Type0) font keeps its descriptor in its one descendant CID font.
    described = _resolved(font["/DescendantFonts"][0]) if font.get("/Subtype") == "/Type0" else font
    descriptor = _resolved(described.get("/FontDescriptor", DictionaryObject()))
    embedded = any(key in descriptor for key in FONT_FILES)
    return {"name": str(font.get("/BaseFont", "[none]")).lstrip("/"),
            "type": FONT_TYPES.get(str(described.get("/Subtype")), str(described.get("/Subtype"))),
            "emb": "yes" if embedded else "no"}


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _key(ref: Any) -> object:
    return (ref.idnum, ref.generation) if isinstance(ref, IndirectObject) else id(ref)


def render_page(pdf: bytes, page: int, dpi: int) -> Image.Image:
    """One page (1-based) rendered by PDFium, as an RGB image."""
    document = pdfium.PdfDocument(pdf)
    try:
        return document[page - 1].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


@dataclass(frozen=True)
class TextLine:
    page: int
    x: float
    y: float
    size: float
    text: str
    font: str = ""  # the PDF's base font name, e.g. AAAAAA+BIZUDGothic-Bold


def text_lines(pdf: bytes) -> list[TextLine]:
    """Every drawn line of text with its start position and font size, in PDF points."""
    return list(_plain_reading(pdf)[1])


@lru_cache(maxsize=64)
def _plain_reading(pdf: bytes) -> tuple[tuple[str, ...], tuple[TextLine, ...]]:
    """Plain-mode page texts and the drawn lines, from one pass over the pages."""
    reader = PdfReader(io.BytesIO(pdf))
    texts: list[str] = []
    lines: list[TextLine] = []
    for number, page in enumerate(reader.pages, start=1):
        parts: dict[tuple[float, float], list[str]] = {}
        sizes: dict[tuple[float, float], float] = {}
        fonts: dict[tuple[float, float], str] = {}
        texts.append(page.extract_text(extraction_mode="plain", visitor_text=_collector(parts, sizes, fonts)))
        for (x, y), runs in parts.items():
            joined = "".join(runs).replace("\n", "").strip()
            if joined:
                lines.append(TextLine(number, x, y, sizes[(x, y)], joined, fonts[(x, y)]))
    return tuple(texts), tuple(lines)


def _collector(parts: dict[tuple[float, float], list[str]], sizes: dict[tuple[float, float], float],
               fonts: dict[tuple[float, float], str]) -> Callable[..., None]:
    """A pypdf text visitor gathering runs by their start point (a line's runs share it)."""

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        key = (round(x, 1), round(y, 1))
        parts.setdefault(key, []).append(text)
        sizes[key] = size * tm[0] * cm[0]
        # a line's font is that of its first run (a bold ［目安］ tag does not make a line bold)
        fonts.setdefault(key, str(font.get("/BaseFont", "")) if hasattr(font, "get") else "")

    return visit


def consecutive_lines(lines: list[TextLine], leading: float = 16) -> list[tuple[TextLine, TextLine]]:
    """Pairs of lines that follow each other in one paragraph: same page and left edge, the
    second one line lower."""
    by_column: dict[tuple[int, float], list[TextLine]] = {}
    for line in lines:
        by_column.setdefault((line.page, line.x), []).append(line)
    pairs = []
    for column in by_column.values():
        column.sort(key=lambda line: -line.y)
        pairs += [(a, b) for a, b in zip(column, column[1:], strict=False) if 0 < a.y - b.y <= leading]
    return pairs
