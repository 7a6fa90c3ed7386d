"""Fonts, paragraph styles and table helpers of the negotiation packet (reportlab).

Only the packet modules import this; the GUI start-up never pays for reportlab (engineering §8).
Fonts are the BIZ UD faces shipped in resources/fonts (SIL OFL), registered once per process
from bytes through the one resource resolver, so the PDF is the same on every machine and never
falls back to reportlab's non-embedded CID fonts (engineering §3.1).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import ALL_CANNOT_START, CANNOT_END_LINE, CANNOT_START_LINE
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from desktop.logic.packet.wrap import LineBreaker, markup_frags, supported
from desktop.paths import resource_path

GOTHIC = "BIZUDGothic"
GOTHIC_BOLD = "BIZUDGothic-Bold"
MINCHO = "BIZUDMincho"
_FONT_FILES = {
    GOTHIC: "fonts/BIZUDGothic-Regular.ttf",
    GOTHIC_BOLD: "fonts/BIZUDGothic-Bold.ttf",
    MINCHO: "fonts/BIZUDMincho-Regular.ttf",
}
_font_lock = threading.Lock()
_fonts_ready = False


def register_fonts() -> None:
    """Register the three faces and their bold pairing once per process (thread-safe)."""
    global _fonts_ready
    with _font_lock:
        if _fonts_ready:
            return
        for name, relative in _FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, BytesIO(resource_path(relative).read_bytes())))
        # BIZ UD Mincho has no bold face; <b> in Mincho prose switches to Gothic Bold.
        pdfmetrics.registerFontFamily(GOTHIC, normal=GOTHIC, bold=GOTHIC_BOLD, italic=GOTHIC, boldItalic=GOTHIC_BOLD)
        pdfmetrics.registerFontFamily(MINCHO, normal=MINCHO, bold=GOTHIC_BOLD, italic=MINCHO, boldItalic=GOTHIC_BOLD)
        _fonts_ready = True


PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

# Black, greys and white only: the packet must print in black and white without losing meaning.
INK = colors.black
GREY_TEXT = colors.HexColor("#444444")
RULE = colors.HexColor("#555555")
HEADER_FILL = colors.HexColor("#E4E4E4")
BAND_FILL = colors.HexColor("#F2F2F2")


def _style(name: str, font: str = GOTHIC, size: float = 8.5, leading: float | None = None,
           align: int = TA_LEFT, **extra: object) -> ParagraphStyle:
    values: dict[str, object] = {"textColor": INK, **extra}
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.38,
                          alignment=align, wordWrap="CJK", **values)


class Styles:
    """The packet's paragraph styles; every one wraps with wordWrap='CJK'."""

    prose_small = _style("prose_small", MINCHO, 9, 13.8)
    body = _style("body", GOTHIC, 9, 13.5)
    note = _style("note", GOTHIC, 7.5, 11, textColor=GREY_TEXT, spaceBefore=1.5)
    cell = _style("cell")
    cell_bold = _style("cell_bold", GOTHIC_BOLD)
    cell_right = _style("cell_right", align=TA_RIGHT)
    cell_right_bold = _style("cell_right_bold", GOTHIC_BOLD, align=TA_RIGHT)
    cell_center = _style("cell_center", align=TA_CENTER)
    cell_small = _style("cell_small", size=7.5, textColor=GREY_TEXT)
    cell_small_ink = _style("cell_small_ink", size=7.5)
    cell_center_bold = _style("cell_center_bold", GOTHIC_BOLD, align=TA_CENTER)
    head = _style("head", GOTHIC_BOLD, 8.5, align=TA_CENTER)
    mark = _style("mark", GOTHIC_BOLD, 13, 15, align=TA_CENTER)
    section = _style("section", GOTHIC_BOLD, 13.5, 18, keepWithNext=1, spaceBefore=4, spaceAfter=2)
    subsection = _style("subsection", GOTHIC_BOLD, 10.5, 14, spaceBefore=5, spaceAfter=2.5, keepWithNext=1)
    title_line = _style("title_line", GOTHIC_BOLD, 15, 21)
    company_line = _style("company_line", GOTHIC_BOLD, 13, 19)
    addressee = _style("addressee", GOTHIC_BOLD, 13, 19)


def text(value: str) -> str:
    """Escape user text for Paragraph markup and keep its line breaks."""
    return escape(value).replace("\n", "<br/>")


# Kinsoku: never at the start of a line (strong set) / never at the end of one; only 、。 may
# hang past the line end (ぶら下げ).
CANNOT_START = CANNOT_START_LINE[0]
CANNOT_END = CANNOT_END_LINE[0]
HANGABLE = "、。，．"
NUMBER_CHARS = "0123456789,.▲"
UNITS = "円%％倍"
_MAX_REBREAKS = 40


def _line_runs(kind: int, line: object, frag: object) -> tuple[list[tuple[str, str, float]], float]:
    """(text, font, size) runs of one broken line and its spare width, for either of
    reportlab's line shapes (one frag: [space, [text]]; several: FragLine)."""
    if kind == 0:
        space, words = line  # type: ignore[misc]
        return [("".join(words), frag.fontName, frag.fontSize)], space  # type: ignore[attr-defined]
    return [(w.text, w.fontName, w.fontSize) for w in line.words], line.extraSpace  # type: ignore[attr-defined]


def _spare(kind: int, line: object) -> float:
    """A broken line's spare width (negative when a mark hangs past the edge)."""
    return line[0] if kind == 0 else line.extraSpace  # type: ignore[index, attr-defined]


def _prefix_width(runs: list[tuple[str, str, float]], chars: int) -> float:
    width = 0.0
    for value, font, size in runs:
        width += stringWidth(value[:chars], font, size)
        chars -= len(value)
        if chars <= 0:
            break
    return width


def splits_figure(line: str, following: str) -> bool:
    """True when a break falls inside a figure such as 3,200,000円 or between it and its unit
    (a break between 「S004」 and 「2.(1)」 is fine: that was a space)."""
    head = line[len(line.rstrip(NUMBER_CHARS)):]
    tail = following[:len(following) - len(following.lstrip(NUMBER_CHARS))]
    if not head:
        return False
    return following[:1] in UNITS or "," in head + tail and bool(tail)


def _line_fault(line: str, following: str, space: float) -> int | None:
    """How many characters to keep on a line that breaks a rule, else None."""
    last = line[-1:]
    if not last:
        return None
    if space < -0.01 and last not in HANGABLE:
        # reportlab hung a 」）ー or small kana past the edge: move it down with the character before
        return len(line.rstrip(ALL_CANNOT_START)) - 1
    if not following:
        return None
    if following[0] in CANNOT_START:
        return len(line.rstrip(CANNOT_START)) - 1
    if last in CANNOT_END:
        return len(line.rstrip(CANNOT_END))
    if splits_figure(line, following):
        return len(line.rstrip(NUMBER_CHARS))
    opened = line.rfind("［")
    if opened > line.rfind("］") and "］" in following[:4]:
        return opened  # a ［目安］ / ［要確認］ tag stays on one line
    return None


def _first_break_fault(texts: list[str], spaces: list[float]) -> tuple[int, int] | None:
    """(line, characters to keep on it) for the first line that breaks a rule and can be
    mended; a line that cannot give anything up (one long figure, say) is left as it is."""
    for n, line in enumerate(texts):
        keep = _line_fault(line, texts[n + 1] if n + 1 < len(texts) else "", spaces[n])
        if keep is not None and keep >= 1:
            return n, keep
    return None


class _Paragraph(Paragraph):
    """A Paragraph with the Japanese line-break rules reportlab's CJK wrap leaves out, which
    breaks its lines once per width.

    reportlab hangs any closing mark, 「ー」 or small kana past the line end, lets a second
    closing mark (「）、」) start the next line, lets 「「（」 end a line, and splits figures such
    as 3,200,000円 (engineering §3.2). After its breaking, such a line is shortened so that its
    last ordinary character moves to the next line together with the marks (追い出し), and a
    figure or a ［目安］ tag moves down whole; only 、。 hang.
    A table wraps every cell to measure its row, again to draw it, and again at each page it
    spans; line breaking only depends on the width, so the result is reused. Parsing markup
    and breaking lines go through packet_wrap, which gives reportlab's own results faster.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def _setup(self, text: str, style: ParagraphStyle, bulletText: object, frags: object,  # noqa: N803
               cleaner: object) -> None:
        known = markup_frags(text, style) if frags is None and not bulletText else None
        if known is not None:
            text, frags = known
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        # split() drops blPara when the paragraph moves on to the next frame: break again then.
        if self._wrapped is None or self._wrapped[0] != availWidth or not hasattr(self, "blPara"):
            self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return self._wrapped[1]

    def breakLinesCJK(self, maxWidths: list[float]) -> object:  # noqa: N802, N803 - reportlab's names
        widths = list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        later = widths[-1]
        if not supported(self):
            result = super().breakLinesCJK(widths)
            if getattr(self, "_splitpara", 0):
                return result  # the second half of a split paragraph keeps the lines already broken
            breaker = super().breakLinesCJK
        else:
            self.height = 0
            breaker = LineBreaker(self.frags)
            result = breaker(widths)
        for _ in range(_MAX_REBREAKS):
            if len(result.lines) == 1 and _spare(result.kind, result.lines[0]) >= -0.01:
                return result  # one line that does not hang past the edge: nothing to mend
            lines = [_line_runs(result.kind, line, result) for line in result.lines]
            texts = ["".join(run[0] for run in runs) for runs, _ in lines]
            fault = _first_break_fault(texts, [space for _, space in lines])
            if fault is None:
                return result
            line, keep = fault
            # Lines above stay as fixed; this one is shortened; the rest re-flow at full width
            # (reportlab uses the last width for every further line).
            widths = [*widths[:line], *[later] * (line - len(widths)), _prefix_width(lines[line][0], keep) + 0.01,
                      later]
            result = breaker(widths)
        return result


def para(value: str, style: ParagraphStyle = Styles.cell, *, markup: bool = False) -> Paragraph:
    """A Paragraph from plain text (escaped) or, with markup=True, from trusted markup."""
    return _Paragraph(value if markup else text(value), style)


def caution_tag(label: str) -> str:
    """An inline 目安 / 要確認 tag, boxed in brackets so it survives black-and-white printing."""
    return f" <font name='{GOTHIC_BOLD}'>［{escape(label)}］</font>" if label else ""


@dataclass(frozen=True)
class PlainCell:
    """Plain text for a table cell in a given style (see grid_table)."""

    value: str
    style: ParagraphStyle


def cell(value: str, style: ParagraphStyle = Styles.cell) -> PlainCell:
    return PlainCell(value, style)


Cell = str | PlainCell | Flowable
_ALIGN = {TA_LEFT: "LEFT", TA_CENTER: "CENTER", TA_RIGHT: "RIGHT"}
PADDING_X = 3.5


def table_style(commands: Sequence[tuple]) -> TableStyle:
    """A TableStyle whose cell font is ours: Table otherwise selects its default Helvetica,
    which would put a non-embedded font into the PDF even though every cell is a Paragraph."""
    return TableStyle([("FONT", (0, 0), (-1, -1), GOTHIC, 8.5), *commands])


# A row taller than this may have to be split across pages (grid_table's splitInRow). There
# every cell is a Paragraph: reportlab's in-row split pads a plain-string cell to the middle of
# the old row and then finds the rest of the row too short to split again (LayoutError).
SPLIT_ROW_HEIGHT = 200.0
MIN_SPLIT = 100.0


class MeasuredTable(Table):
    """A table that measures its rows once per width.

    The start of a table is measured for the heading above it (layout.StartsTogether), then
    the frame measures it, and again when it splits it at a page end: reportlab recomputes
    every row each time. Without a cell spanning rows, reportlab measures every row whatever
    the height offered, so the result depends on the width alone and is kept. (A table with a
    row to split inside, _RunOnTable, is measured afresh: splitting cells changes them.)"""

    _measured_width: float | None = None

    def _calc(self, availWidth: float, availHeight: float) -> None:  # noqa: N803 - reportlab's names
        if availWidth == self._measured_width:
            return
        super()._calc(availWidth, availHeight)
        spans = getattr(self, "_spanRanges", {}).values()
        if self._hmax == len(self._cellvalues) and not any(span and span[1] != span[3] for span in spans):
            self._measured_width = availWidth


class _RunOnTable(Table):
    """A table with a tall row (a long note): such a row is split where the page ends and runs
    on over the next pages, instead of the packet stopping with a LayoutError (a row taller
    than a page). Ordinary rows still move to the next page whole; a tall row is split only
    where at least MIN_SPLIT points of it fit, so no page ends with a sliver of it."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        self._calc(availWidth, availHeight)
        fitting = self._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans=1)
        heights = self._rowHeights
        tall = fitting < len(heights) and heights[fitting] > SPLIT_ROW_HEIGHT
        if tall and availHeight - sum(heights[:fitting]) >= MIN_SPLIT:
            return self._splitRows(availHeight, doInRowSplit=1) or self._splitRows(availHeight)
        # Otherwise between rows; if nothing fits, the frame moves the table to a new page.
        return self._splitRows(availHeight)


def _one_line(item: PlainCell, width: float) -> bool:
    style = item.style
    return "\n" not in item.value and stringWidth(item.value, style.fontName, style.fontSize) <= width - 2 * PADDING_X


def _style_plain_cells(plain: list[tuple[int, ParagraphStyle]], row: int, commands: list[tuple]) -> None:
    """Table commands that draw a row's one-line plain cells, (column, style), in their styles;
    neighbouring cells in one style share them (each command is a cost when the table is built)."""
    for _, run in groupby(enumerate(plain), key=lambda n_cell: (n_cell[1][0] - n_cell[0], id(n_cell[1][1]))):
        cells = [cell for _, cell in run]
        style = cells[0][1]
        where = ((cells[0][0], row), (cells[-1][0], row))
        commands.append(("FONT", *where, style.fontName, style.fontSize, style.leading))
        if style.alignment != TA_LEFT:
            commands.append(("ALIGN", *where, _ALIGN[style.alignment]))
        if style.textColor != INK:
            commands.append(("TEXTCOLOR", *where, style.textColor))


def _row_cells(row: Sequence[Cell], widths: Sequence[float], r: int, default: ParagraphStyle,
               commands: list[tuple]) -> tuple[list[Cell], bool]:
    """A row's cells, and whether the row is tall (see SPLIT_ROW_HEIGHT): text that wraps
    becomes a Paragraph; one-line text stays plain unless the row is tall."""
    cells: list[Cell] = []
    for col, item in enumerate(row):
        if isinstance(item, str) and item:
            item = PlainCell(item, default)
        if isinstance(item, PlainCell) and not _one_line(item, widths[col]):
            item = para(item.value, item.style)
        cells.append(item)
    tall = any(isinstance(item, Flowable) and
               item.wrap(widths[col] - 2 * PADDING_X, PAGE_HEIGHT)[1] > SPLIT_ROW_HEIGHT
               for col, item in enumerate(cells))
    if tall:
        return [para(item.value, item.style) if isinstance(item, PlainCell) else item for item in cells], True
    # one line of plain text is drawn as it is (cheap to lay out), styled by table commands
    _style_plain_cells([(col, item.style) for col, item in enumerate(cells) if isinstance(item, PlainCell)], r,
                       commands)
    return [item.value if isinstance(item, PlainCell) else item for item in cells], False


def grid_table(rows: Sequence[Sequence[Cell]], widths: Sequence[float], *, header_rows: int = 1,
               extra: Sequence[tuple] = (), ruled: bool = True,
               heights: Sequence[float | None] | None = None, bands: Sequence[int] = ()) -> Table:
    """A ruled table whose header repeats on every page it spans (repeatRows).

    A `str` cell is plain text in the cell style (the header style in header rows); `cell()`
    gives plain text another style. Plain text that fits on one line is drawn as it is; longer
    text becomes a Paragraph, so no text is ever clipped: the cell grows downwards instead of
    running over its neighbour, and a row taller than a page splits across pages. ruled=False
    leaves the rules to `extra` (for rows that continue the item above them). `bands` are
    category rows: one cell across the table, shaded, never the last row of a page (NOSPLIT
    with the row under it, unless that row is tall: it starts under the band and runs on).
    """
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE) if ruled else ("BOX", (0, 0), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING_X),
    ]
    data: list[list[Cell]] = []
    tall_rows: set[int] = set()
    for r, row in enumerate(rows):
        cells, tall = _row_cells(row, widths, r, Styles.head if r < header_rows else Styles.cell, commands)
        data.append(cells)
        if tall:  # its label starts with its text, not in the middle of a run of pages
            commands.append(("VALIGN", (0, r), (-1, r), "TOP"))
            tall_rows.add(r)
    any_tall = bool(tall_rows)
    # splitInRow=1 lets _RunOnTable split a row; reportlab passes it on to the split parts.
    table = (_RunOnTable if any_tall else MeasuredTable)(data, colWidths=list(widths),
                                                         rowHeights=list(heights) if heights else None,
                                                         repeatRows=header_rows, hAlign="LEFT",
                                                         splitInRow=int(any_tall))
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    for r in bands:
        commands += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), BAND_FILL)]
        if r + 1 not in tall_rows:
            commands.append(("NOSPLIT", (0, r), (-1, min(r + 1, len(rows) - 1))))
    commands.extend(extra)
    table.setStyle(table_style(commands))
    table.keep_rows = frozenset(bands)  # read by layout.start_height
    return table


def fractions_of(total: float, *parts: float) -> list[float]:
    """Column widths as fractions of a total width (the parts need not sum to 1)."""
    scale = sum(parts)
    return [total * p / scale for p in parts]
