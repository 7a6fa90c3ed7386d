"""Looking into packet PDFs the way a reader would: extracted text, embedded fonts, rendered pages.

Everything runs in-process with packages from the lock file (PDFium reads the text and renders,
pypdf lists the fonts), so the tests need no command-line tool on PATH and run the same on Windows
(engineering notes §10).
"""

from __future__ import annotations

import ctypes
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject


def page_texts(pdf: bytes, layout: bool = True, pages: int | None = None) -> list[str]:
    """Each page's text (of the first `pages` pages only, when given).

    Layout mode reads a page as the eye does: top to bottom, the lines on one baseline left to
    right, each indented by its distance from the leftmost text, so a table row reads as one line.
    Plain mode gives the lines in the order they are drawn, so a cell's wrapped lines follow one
    another."""
    return [page.layout if layout else page.plain for page in _reading(pdf, pages)]


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
    size: float  # the largest type on the line, so a width measured with it is never too short
    text: str
    font: str = ""  # the base font of the line's first run, without the subset tag: BIZUDGothic-Bold


def text_lines(pdf: bytes) -> list[TextLine]:
    """Every drawn line of text with its start position and font size, in PDF points."""
    return [line for page in _reading(pdf, None) for line in page.lines]


@dataclass(frozen=True)
class _Page:
    lines: tuple[TextLine, ...]  # in drawing order
    plain: str
    layout: str


# Several tests read the same bytes, so each PDF is read once (keyed by its content, so the
# reading cannot go stale). PDFium reads a packet in about a tenth of the time pypdf took.
@lru_cache(maxsize=64)
def _reading(pdf: bytes, pages: int | None) -> tuple[_Page, ...]:
    document = pdfium.PdfDocument(pdf)
    try:
        read = []
        for number in range(1, len(document) + 1)[:pages]:
            lines = _page_lines(document[number - 1], number)
            read.append(_Page(tuple(lines), "\n".join(line.text for line in lines), _layout(lines)))
        return tuple(read)
    finally:
        document.close()


@dataclass(frozen=True)
class _Run:
    """The text of one text object (one show-text operator), as drawn."""

    x: float
    y: float
    end: float  # where its last character's advance ends
    size: float
    text: str  # empty for a run of spaces
    obj: int  # the text object's handle, valid while its page is open


def _page_lines(page: pdfium.PdfPage, number: int) -> list[TextLine]:
    """The page's runs joined into lines: a run that starts on the same baseline exactly where
    the one drawn before it ends goes on with that line (as reportlab draws a line of mixed fonts);
    anything else starts a new line, such as the next table cell."""
    groups: list[list[_Run]] = []
    for run in _runs(page):
        last = groups[-1][-1] if groups else None
        if last is not None and abs(run.y - last.y) < 0.01 and _follows(last, run):
            groups[-1].append(run)
        else:
            groups.append([run])
    lines = []
    for runs in groups:
        text = "".join(run.text or " " for run in runs).strip()
        if text:
            first = runs[0]
            lines.append(TextLine(number, first.x, first.y, max(run.size for run in runs), text, _font(first.obj)))
    return lines


def _follows(before: _Run, run: _Run) -> bool:
    if before.text:
        return abs(run.x - before.end) < 0.05
    # A run of spaces alone has no characters on PDFium's text page, so its advance is not known:
    # it is half an em a space (one em for a full-width one).
    steps = (run.x - before.x) / (before.size / 2)
    return 0.5 < steps < 4.5 and abs(steps - round(steps)) * before.size / 2 < 0.05


# The calls made for every character and text object, declared on plain pointers: ctypes checks
# pypdfium2's typed handles on each call, which took most of the reading time.
_VOID = ctypes.c_void_p
_object_of_char = ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.CFUNCTYPE(_VOID, _VOID, ctypes.c_int))
_object_at = ctypes.cast(pdfium_c.FPDFPage_GetObject, ctypes.CFUNCTYPE(_VOID, _VOID, ctypes.c_int))
_object_type = ctypes.cast(pdfium_c.FPDFPageObj_GetType, ctypes.CFUNCTYPE(ctypes.c_int, _VOID))
_object_matrix = ctypes.cast(pdfium_c.FPDFPageObj_GetMatrix,
                             ctypes.CFUNCTYPE(ctypes.c_int, _VOID, ctypes.POINTER(pdfium_c.FS_MATRIX)))
_object_font_size = ctypes.cast(pdfium_c.FPDFTextObj_GetFontSize,
                                ctypes.CFUNCTYPE(ctypes.c_int, _VOID, ctypes.POINTER(ctypes.c_float)))
_char_box = ctypes.cast(pdfium_c.FPDFText_GetLooseCharBox,
                        ctypes.CFUNCTYPE(ctypes.c_int, _VOID, ctypes.c_int, ctypes.POINTER(pdfium_c.FS_RECTF)))
_object_font = ctypes.cast(pdfium_c.FPDFTextObj_GetFont, ctypes.CFUNCTYPE(_VOID, _VOID))
_base_font_name = ctypes.cast(pdfium_c.FPDFFont_GetBaseFontName,
                              ctypes.CFUNCTYPE(ctypes.c_size_t, _VOID, ctypes.c_char_p, ctypes.c_size_t))


def _runs(page: pdfium.PdfPage) -> list[_Run]:
    """The page's text objects in drawing order, each with its characters from PDFium's text page
    (PDFium's own reading order moves runs along a line, so it only says which object a character
    belongs to)."""
    textpage = page.get_textpage()
    text = _characters(textpage)
    handle = ctypes.cast(textpage.raw, _VOID)
    spans: dict[int, list[tuple[int, int]]] = {}  # object -> its stretches of characters
    start = 0
    for owner, chars in groupby(_object_of_char(handle, index) for index in range(len(text))):
        end = start + sum(1 for _ in chars)
        if owner is not None:  # (None: a space or line break PDFium inserted between objects)
            spans.setdefault(owner, []).append((start, end))
        start = end
    runs = []
    matrix, box, size = pdfium_c.FS_MATRIX(), pdfium_c.FS_RECTF(), ctypes.c_float()
    page_handle = ctypes.cast(page.raw, _VOID)
    for position in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = _object_at(page_handle, position)
        stretches = spans.get(obj)
        if stretches is None and _object_type(obj) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        _object_matrix(obj, matrix)
        _object_font_size(obj, size)
        if stretches:
            # the loose box spans the last character's advance, not just its ink
            _char_box(handle, stretches[-1][1] - 1, box)
            runs.append(_Run(matrix.e, matrix.f, box.right, size.value, "".join(text[a:b] for a, b in stretches), obj))
        else:
            runs.append(_Run(matrix.e, matrix.f, matrix.e, size.value, "", obj))
    return runs


# PDFium reports a hyphen that ends a line as a soft one (U+FFFE); the page shows a hyphen.
_SOFT_HYPHEN = str.maketrans({0xFFFE: "-"})


def _characters(textpage: pdfium.PdfTextPage) -> str:
    """The text page's characters, one per index (one call for the page, not one a character)."""
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    buffer = (ctypes.c_ushort * (2 * count + 1))()  # room for surrogate pairs
    written = pdfium_c.FPDFText_GetText(textpage.raw, 0, count, buffer)
    if written != count + 1:  # (the packet fonts have no character beyond the BMP)
        raise ValueError(f"{written - 1} UTF-16 units for {count} characters: indices would not match")
    return "".join(map(chr, buffer[:count])).translate(_SOFT_HYPHEN)


def _font(obj: int) -> str:
    name = ctypes.create_string_buffer(128)
    _base_font_name(_object_font(obj), name, len(name))
    return name.value.decode()


COLUMN = 5.0  # pt of page width per character of indentation


def _layout(lines: list[TextLine]) -> str:
    """The lines as rows, top to bottom; in a row, left to right, each placed at its column.

    A row takes the lines below its first one by less than their type size (a cell's text
    centred beside a two-line cell) unless one starts where a line of the row starts, which is
    how pypdf's layout mode told rows apart."""
    if not lines:
        return ""
    left = min(line.x for line in lines)
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda line: -line.y):
        row = rows[-1] if rows else []
        if row and row[0].y - line.y < min(row[0].size, line.size) and all(
                round(other.x) != round(line.x) for other in row):
            row.append(line)
        else:
            rows.append([line])
    out = []
    for row in rows:
        text = ""
        for line in sorted(row, key=lambda line: line.x):
            column = round((line.x - left) / COLUMN)
            text += " " * max(column - len(text), 1 if text else 0) + line.text
        out.append(text)
    return "\n".join(out)


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
