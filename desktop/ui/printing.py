"""Printing the packet from the app itself: its pages rendered in-process (PDFium) at the printer's
resolution and painted through Qt's print support, so printing works without a PDF viewer that
knows a 'print' verb (Edge, Windows' default, has none)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

# Text stays crisp from 300 dpi; above 400 a page's bitmap (A4: 3,307 × 4,677 px at 400 dpi) only
# costs memory, the printer smooths the rest.
MIN_DPI, MAX_DPI = 300, 400


class PrintError(Exception):
    """Printing could not start or finish; the message is for the user."""


def _open(pdf: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as exc:
        raise PrintError("印刷用の交渉資料（PDF）を読み込めませんでした。") from exc


def page_count(pdf: Path) -> int:
    document = _open(pdf)
    try:
        return len(document)
    finally:
        document.close()


def new_printer(document_name: str) -> QPrinter:
    """An A4 portrait printer set up for the packet (the print dialog may change the printer)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(document_name)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    # The packet's own margins are part of each page image.
    printer.setFullPage(True)
    return printer


def print_pdf(pdf: Path, printer: QPrinter, first: int = 1, last: int | None = None) -> int:
    """Print pages first..last (1-based, inclusive) of the PDF; returns how many were printed."""
    document = _open(pdf)
    painter = QPainter()
    try:
        last = min(last or len(document), len(document))
        dpi = max(MIN_DPI, min(printer.resolution(), MAX_DPI))
        if not painter.begin(printer):
            raise PrintError("プリンターを開けませんでした。")
        target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
        for number in range(first, last + 1):
            if number > first:
                printer.newPage()
            page = document[number - 1]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, may_draw_forms=False)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB888 if bitmap.n_channels == 3 else QImage.Format.Format_RGBA8888)
            painter.drawImage(target, image)
            page.close()
        return last - first + 1
    finally:
        if painter.isActive():
            painter.end()
        document.close()
