"""Looking into packet PDFs the way a reader would: extracted text, embedded fonts, rendered pages.

pdffonts and pdftoppm come from poppler-utils, which CI installs (.ci/run); the tests that use
them are real tests, never skipped.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pypdf import PdfReader


def page_texts(pdf: bytes, layout: bool = True) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    mode = "layout" if layout else "plain"
    return [page.extract_text(extraction_mode=mode) for page in reader.pages]


def squeeze(text: str) -> str:
    """Text without any whitespace, so wrapped cells and lines compare as one string."""
    return re.sub(r"\s+", "", text)


def pdffonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts rows as dicts (name, type, emb)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "packet.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type (1–2 words), encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "type": " ".join(parts[1:-6])})
    return rows


def render_page(pdf: bytes, page: int, dpi: int) -> Image.Image:
    """One page (1-based) rendered by pdftoppm, as an RGB image."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "packet.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", "-singlefile",
                        str(path), str(Path(folder) / "page")], check=True)
        with Image.open(Path(folder) / "page.png") as image:
            return image.convert("RGB")


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
    reader = PdfReader(io.BytesIO(pdf))
    lines: list[TextLine] = []
    for number, page in enumerate(reader.pages, start=1):
        parts: dict[tuple[float, float], list[str]] = {}
        sizes: dict[tuple[float, float], float] = {}
        fonts: dict[tuple[float, float], str] = {}
        page.extract_text(visitor_text=_collector(parts, sizes, fonts))
        for (x, y), texts in parts.items():
            joined = "".join(texts).replace("\n", "").strip()
            if joined:
                lines.append(TextLine(number, x, y, sizes[(x, y)], joined, fonts[(x, y)]))
    return lines


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
