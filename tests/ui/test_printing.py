"""Printing renders the packet's pages in-process at ≥ 300 dpi onto A4, for the chosen range
(offscreen: a PDF printer stands in for the real one)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.logic.case.demo import demo_cases
from desktop.logic.packet.build import write_packet
from desktop.logic.rules.evaluation import evaluate
from desktop.ui.printing import page_count, print_pdf, new_printer


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print") / "packet.pdf"
    write_packet(evaluate(demo_cases()["healthy"]), path)
    return path


def test_a_page_range_prints_crisp_a4_pages(qapp, packet: Path, tmp_path: Path) -> None:
    printer = new_printer("交渉資料")
    out = tmp_path / "printed.pdf"
    printer.setOutputFormat(printer.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert print_pdf(packet, printer, 2, 3) == 2
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(595.3, abs=1)  # A4 portrait
        assert float(page.mediabox.height) == pytest.approx(841.9, abs=1)
        [image] = page.images
        # The page image carries at least 300 dpi across the A4 width (8.27 in).
        assert image.image.width >= 300 * 8.27 - 1


def test_the_range_is_clipped_to_the_document(qapp, packet: Path, tmp_path: Path) -> None:
    printer = new_printer("交渉資料")
    printer.setOutputFormat(printer.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "p.pdf"))
    total = page_count(packet)
    assert print_pdf(packet, printer, total, total + 5) == 1
