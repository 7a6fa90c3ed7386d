"""Page furniture of the negotiation packet: A4 frame, running header, and the footer with
company, page x / y and the self-assessment disclaimer on every page (SPEC §7)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Table

from desktop.logic.packet.styles import (
    GOTHIC,
    GREY_TEXT,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
)


# A table that starts right under a heading brings this many body rows with it (a heading over a
# single row at the foot of a page reads as a mistake); a paragraph brings two lines.
ROWS_UNDER_A_HEADING = 3
LINES_UNDER_A_HEADING = 2


def start_height(flowable: Flowable | None, canvas: Canvas, width: float, frame_height: float) -> float:
    """The height of the part of a flowable that must share a page with a heading above it:
    a table's header and first rows (a category row counts with the row under it), a
    paragraph's first lines, anything else whole."""
    if flowable is None:
        return 0.0
    _, height = flowable.wrapOn(canvas, width, frame_height)
    if isinstance(flowable, Table):
        heights = flowable._rowHeights  # noqa: SLF001 - reportlab keeps the row heights only here
        rows = min(len(heights), flowable.repeatRows + ROWS_UNDER_A_HEADING)
        while rows < len(heights) and rows - 1 in getattr(flowable, "keep_rows", ()):
            rows += 1
        return float(sum(heights[:rows]))
    if isinstance(flowable, Paragraph):
        return min(height, LINES_UNDER_A_HEADING * flowable.style.leading)
    if isinstance(flowable, KeepTogether):
        # its wrap answers an impossible height to make the frame split it; _H is its content's
        return min(flowable._H, frame_height)  # noqa: SLF001
    return height


class StartsTogether(CondPageBreak):
    """A conditional page break sized at layout time: the headings it stands for and the start
    of what follows them either fit on this page or all move to the next one. (reportlab's own
    keepWithNext keeps the whole next flowable, which moves a long table and leaves a gap.)"""

    def __init__(self, run: list[Flowable], following: Flowable | None) -> None:
        super().__init__(0)
        self.run, self.following = run, following

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        frame = self._doctemplateAttr("frame")
        frame_height = frame._aH if frame else availHeight  # noqa: SLF001 - the frame's full height
        needed = sum(f.wrapOn(self.canv, availWidth, frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                     for f in self.run) + start_height(self.following, self.canv, availWidth, frame_height)
        # never more than a fresh page holds: a start taller than a page breaks once, not forever
        self.height = min(needed, frame_height - 1)
        return super().wrap(availWidth, availHeight)


def keep_starts_together(story: list[Flowable]) -> list[Flowable]:
    """The story with every run of keep-with-next flowables (headings) preceded by a
    StartsTogether for the run and the start of the flowable after it."""
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        if not story[i].getKeepWithNext():
            out.append(story[i])
            i += 1
            continue
        j = i
        while j < len(story) and story[j].getKeepWithNext():
            j += 1
        run = story[i:j]
        out.append(StartsTogether(run, story[j] if j < len(story) else None))
        for flowable in run:
            # handled here: reportlab's keepWithNext would keep the whole next flowable
            flowable.keepWithNext = False
        out.extend(run)
        i = j
    return out


@dataclass(frozen=True)
class PageFurniture:
    title: str
    company: str
    audience_label: str
    disclaimer: str


def _fitted(canvas: Canvas, value: str, width: float, size: float, minimum: float = 5.0) -> float:
    """The largest font size ≤ size at which the text fits the width (never clip a long name)."""
    natural = stringWidth(value, GOTHIC, size)
    if natural <= width:
        return size
    return max(minimum, size * width / natural)


def _draw_furniture(canvas: Canvas, info: PageFurniture, page: int, pages: int) -> None:
    canvas.saveState()
    right = PAGE_WIDTH - MARGIN_X
    width = right - MARGIN_X
    if page > 1:
        top = PAGE_HEIGHT - MARGIN_TOP + 6 * mm
        canvas.setFillColor(GREY_TEXT)
        label = info.audience_label
        label_size = 7.5
        label_width = stringWidth(label, GOTHIC, label_size)
        canvas.setFont(GOTHIC, label_size)
        canvas.drawRightString(right, top, label)
        title = f"{info.title}　{info.company}"
        size = _fitted(canvas, title, width - label_width - 8 * mm, 7.5)
        canvas.setFont(GOTHIC, size)
        canvas.drawString(MARGIN_X, top, title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_X, top - 2.2 * mm, right, top - 2.2 * mm)
    base = 9 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN_X, base + 8.5 * mm, right, base + 8.5 * mm)
    canvas.setFillColor(INK)
    size = _fitted(canvas, info.disclaimer, width, 7.2)
    canvas.setFont(GOTHIC, size)
    canvas.drawCentredString(PAGE_WIDTH / 2, base + 4.3 * mm, info.disclaimer)
    number = f"{page} / {pages}"
    canvas.setFont(GOTHIC, 8)
    canvas.drawRightString(right, base, number)
    number_width = stringWidth(number, GOTHIC, 8)
    size = _fitted(canvas, info.company, width - number_width - 10 * mm, 8)
    canvas.setFont(GOTHIC, size)
    canvas.drawString(MARGIN_X, base, info.company)
    canvas.restoreState()


def _canvas_class(info: PageFurniture) -> type[Canvas]:
    """A canvas that holds its pages back until the end, so each footer can say 'x / y'."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                _draw_furniture(self, info, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


# reportlab keeps process-wide state (rl_config, the font registry): one packet at a time.
_render_lock = threading.Lock()


@contextmanager
def binary_streams() -> Iterator[None]:
    """Binary (Flate-only) streams for the document built inside: ASCII85 on top makes the
    embedded font subsets a quarter larger and costs a sixth of the build time. reportlab reads
    this process-wide setting when it writes the file, so it is set for one build at a time."""
    with _render_lock:
        a85, rl_config.useA85 = rl_config.useA85, 0
        try:
            yield
        finally:
            rl_config.useA85 = a85


def render(story: list[Flowable], info: PageFurniture, *, author: str, subject: str) -> bytes:
    """Lay the story out on A4 pages and return the PDF bytes.

    invariant=1 always: the same case gives byte-identical PDFs (no creation timestamp or
    random document id), which makes the golden-image tests and diffs of packets meaningful.
    """
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=info.title, author=author,
        subject=subject, creator="経営者保証 解除ナビ", invariant=1, lang="ja-JP",
        initialFontName=GOTHIC,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    with binary_streams():
        doc.build(story, canvasmaker=_canvas_class(info))
    return buffer.getvalue()
