"""reportlab's paragraph parsing and CJK line breaking, with the same results but without
their per-paragraph and per-character cost.

The packet's paragraphs are plain text or carry only <font>, <b> and <br/> tags and entities.
For them, reportlab's markup parser (an html.parser per paragraph) yields fragments that differ
from one paragraph to the next only in their text: those are copied from one parsed per style
and tags (markup_frags).

Paragraph.breakLinesCJK measures every character through pdfmetrics.stringWidth and, for text
in several fragments (any markup), wraps each character in a str subclass and compares the
fragments of neighbouring characters one by one. Line breaking is most of the packet's layout
time, and the packet breaks many paragraphs more than once (the kinsoku mending in
packet_styles._Paragraph). This module measures each character once per face and size, and
runs reportlab's own algorithm (paragraph.cjkFragSplit / textsplit.dumbSplit, reportlab 5.1)
over plain arrays. The lines — characters, widths, spare space, fragments — are the same; only
the cases reportlab handles specially (bullets, images, endDots) go to reportlab itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TypeVar
from unicodedata import category

from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.textsplit import ALL_CANNOT_START, dumbSplit
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import FragLine, ParaLines, cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser, known_entities
from reportlab.rl_config import _FUZZ

# (face, size) → character → width: the face's metrics, never a document's content.
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}
_METRICS: dict[tuple[str, float], tuple[float, float]] = {}
_Bag = TypeVar("_Bag")


def _ascent_descent(font: str, size: float) -> tuple[float, float]:
    known = _METRICS.get((font, size))
    if known is None:
        known = _METRICS[font, size] = getAscentDescent(font, size)
    return known


def char_widths(value: str, font: str, size: float) -> list[float]:
    """stringWidth of each character, as reportlab measures them one by one."""
    table = _WIDTHS.setdefault((font, size), {})
    try:
        return list(map(table.__getitem__, value))
    except KeyError:
        for char in set(value) - table.keys():
            table[char] = stringWidth(char, font, size)
        return list(map(table.__getitem__, value))


# (style, open tags, self-closing tag) → the fragment ParaParser makes there (styles are module
# constants; the tags come from the packet's code, user text is escaped, so these stay few).
_TEMPLATES: dict[tuple[int, tuple[str, ...], str], tuple[object, object | None]] = {}
# Only tags whose fragments carry nothing but font, size, colour and line breaks: their
# fragments differ from one paragraph to the next only in their text.
_SIMPLE_TAGS = {"font", "b", "br"}
# Text that reportlab's whitespace cleaning (cleanBlockQuotedText) would change: any white space
# but single ASCII spaces between other characters (U+200B counts: it strips it at the ends).
_UNCLEAN = re.compile("[^\\S ]|\u200b|  |^ | $")
_TOKEN = re.compile(r"<(/?)([a-zA-Z]+)((?:\s+[a-zA-Z]+='[^'<>&]*')*)\s*(/?)>|&([a-zA-Z]+);|[<&]")


def _template(style: object, stack: tuple[str, ...], leaf: str = "") -> object | None:
    """The one fragment the parser makes for text (or for a self-closing `leaf` tag) inside the
    open tags `stack`, cached; None when it makes anything else."""
    key = (id(style), stack, leaf)
    known = _TEMPLATES.get(key)
    if known is None or known[0] is not style:
        closing = "".join(f"</{_TOKEN.match(tag).group(2)}>" for tag in reversed(stack))  # type: ignore[union-attr]
        parser = ParaParser()
        parser.caseSensitive = 1  # as Paragraph sets it
        _, frags, _ = parser.parse("".join(stack) + (leaf or "x") + closing, style)
        known = _TEMPLATES[key] = (style, frags[0] if frags and len(frags) == 1 else None)
    return known[1]


def markup_frags(markup: str, style: object) -> tuple[str, list[object]] | None:
    """(cleaned text, fragments) exactly as Paragraph's parser would give them, for plain text
    and for markup made only of <font>, <b>, <br/> and entities; None for anything else (the
    parser handles it).

    reportlab feeds every paragraph to an html.parser and copies a fragment at each tag; here
    each piece of text gets a copy of the cached fragment for its tags. Like the parser, the
    text is split at every tag and entity, and the paragraph's fragments share one (empty)
    link list and one underline list.
    """
    if getattr(style, "textTransform", None) or getattr(style, "bulletText", None):
        return None
    cleaned = markup if not _UNCLEAN.search(markup) else cleanBlockQuotedText(markup)
    if not cleaned or cleaned.startswith("<para"):
        return None
    pieces: list[tuple[tuple[str, ...], str, str]] = []  # (open tags, text, self-closing tag)
    stack: tuple[str, ...] = ()
    at = 0
    for token in _TOKEN.finditer(cleaned):
        if token.start() > at:
            pieces.append((stack, cleaned[at:token.start()], ""))
        at = token.end()
        closing, tag, _, self_closing, entity = token.groups()
        if entity is not None:
            if entity not in known_entities:
                return None
            pieces.append((stack, known_entities[entity], ""))
        elif tag is None or tag.lower() not in _SIMPLE_TAGS or (tag.lower() == "br") != bool(self_closing) \
                or closing and self_closing:
            return None  # a stray < or &, another tag, <br> without its slash, </x/>
        elif self_closing:
            pieces.append((stack, "", token.group(0)))
        elif not closing:
            stack = (*stack, token.group(0))
        elif stack and _TOKEN.match(stack[-1]).group(2).lower() == tag.lower():  # type: ignore[union-attr]
            stack = stack[:-1]
        else:
            return None
    if stack:
        return None
    if at < len(cleaned):
        pieces.append((stack, cleaned[at:], ""))
    link: list[object] = []
    lines: list[object] = []
    frags: list[object] = []
    for tags, value, leaf in pieces:
        template = _template(style, tags, leaf)
        if template is None:
            return None
        frags.append(_copied(template, text=value, link=link, us_lines=lines) if not leaf
                     else _copied(template, link=link, us_lines=lines))
    return cleaned, frags


def supported(paragraph: object) -> bool:
    """False for what only reportlab's own breakLinesCJK handles: bullets, dot leaders,
    inline images, an empty paragraph, the second half of a split one."""
    frags = paragraph.frags  # type: ignore[attr-defined]
    special = paragraph.bulletText or paragraph.style.endDots  # type: ignore[attr-defined]
    return bool(frags) and not special and not getattr(paragraph, "_splitpara", 0) \
        and not any(hasattr(f, "cbDefn") for f in frags)


class LineBreaker:
    """Breaks one paragraph's fragments at any list of line widths (measured once)."""

    def __init__(self, frags: Sequence[object]) -> None:
        self.frags = frags
        self.single = len(frags) == 1
        if self.single:
            frag = frags[0]
            text = getattr(frag, "text", None)
            self.text = text if text is not None else "".join(getattr(frag, "words", []))
            self.widths = char_widths(self.text, frag.fontName, frag.fontSize)  # type: ignore[attr-defined]
            return
        chars: list[str] = []
        widths: list[float] = []
        breaks: list[bool] = []
        # (first character, fragment, its size, ascent, descent), one per fragment
        runs: list[tuple[int, object, float, float, float]] = []
        for frag in frags:
            text = frag.text  # type: ignore[attr-defined]
            size = frag.fontSize  # type: ignore[attr-defined]
            runs.append((len(chars), frag, size, *_ascent_descent(frag.fontName, size)))  # type: ignore[attr-defined]
            line_break = hasattr(frag, "lineBreak")
            if text:
                chars.extend(text)
                breaks.extend([line_break] * len(text))
                widths.extend(char_widths(text, frag.fontName, frag.fontSize))  # type: ignore[attr-defined]
            else:
                chars.append("")
                breaks.append(line_break)
                widths.append(stringWidth("", frag.fontName, frag.fontSize))  # type: ignore[attr-defined]
        self.chars, self.char_widths, self.breaks, self.runs = chars, widths, breaks, runs
        self.run_starts = [run[0] for run in runs]

    def __call__(self, max_widths: list[float]) -> object:
        if self.single:
            frag = self.frags[0]
            lines = dumbSplit(self.text, self.widths, max_widths)
            return _copied(frag, kind=0, lines=[(space, [line]) for space, line in lines],
                          ascent=frag.fontSize, descent=-0.2 * frag.fontSize)  # type: ignore[attr-defined]
        return self._frag_split(max_widths)

    def _frag_split(self, max_widths: list[float]) -> ParaLines:
        """paragraph.cjkFragSplit over the arrays."""
        chars, widths, breaks = self.chars, self.char_widths, self.breaks
        lines: list[FragLine] = []
        i = width_used = start = 0
        max_width = max_widths[0]
        count = len(chars)
        while i < count:
            u = chars[i]
            w = widths[i]
            line_break = breaks[i]
            i += 1
            width_used += w
            if (width_used > max_width + _FUZZ and width_used > 0) or line_break:
                extra = max_width - width_used
                if not line_break:
                    if ord(u) < 0x3000:
                        # a non-Asian run: step back to a space or to Kanji, as reportlab does
                        for j in range((i - 1), (start + i) >> 1, -1):
                            uj = chars[j]
                            if uj and category(uj) == "Zs" or ord(uj) >= 0x3000:
                                k = j + 1
                                if k < i:
                                    j = k + 1
                                    extra += sum(widths[jj] for jj in range(j, i))
                                    w = widths[k]
                                    u = chars[k]
                                    i = j
                                    break
                    if u not in ALL_CANNOT_START and i > start + 1:
                        i -= 1
                        extra += w
                lines.append(self._line(start, i, max_width, width_used, extra, line_break))
                max_width = max_widths[len(lines)] if len(lines) < len(max_widths) else max_widths[-1]
                start = i
                width_used = 0
        if width_used > 0:
            lines.append(self._line(start, count, max_width, width_used, max_width - width_used, False))
        return ParaLines(kind=1, lines=lines)

    def _line(self, start: int, end: int, max_width: float, width_used: float, extra: float,
              line_break: bool) -> FragLine:
        """paragraph.makeCJKParaLine: the line's characters grouped into runs of like fragments.
        reportlab compares the fragments of neighbouring characters one by one; the characters
        of one fragment are neighbours here, so each fragment's part of the line is taken whole."""
        runs = self.runs
        words: list[object] = []
        parts: list[str] = []
        current: object = None
        max_size = max_ascent = min_descent = 0
        r = bisect_right(self.run_starts, start) - 1
        at = start
        while at < end:
            first, frag, size, ascent, descent = runs[r]
            stop = runs[r + 1][0] if r + 1 < len(runs) else len(self.chars)
            stop = min(stop, end)
            max_size = max(max_size, size)
            max_ascent = max(max_ascent, ascent)
            min_descent = min(min_descent, descent)
            if current is None or not sameFrag(current, frag):
                if current is not None:
                    words.append(_with_text(current, parts))
                parts = []
                current = frag
            parts.append((frag.text or "")[at - first:stop - first])  # type: ignore[attr-defined]
            at = stop
            r += 1
        if current is not None:
            words.append(_with_text(current, parts))
        return FragLine(kind=1, extraSpace=extra, wordCount=1, words=words, fontSize=max_size, ascent=max_ascent,
                        descent=min_descent, maxWidth=max_width, currentWidth=width_used, lineBreak=line_break)


def _with_text(frag: object, run: list[str]) -> object:
    return _copied(frag, text="".join(run))


def _copied(bag: _Bag, **changes: object) -> _Bag:
    """bag.clone(**changes) for reportlab's ABag (a fragment or its lines), which passes the
    attributes through the constructor one by one; the same attributes, copied at once."""
    new = object.__new__(bag.__class__)
    new.__dict__ = {**bag.__dict__, **changes}
    return new
