"""The packet's last part, 出典一覧: every document the packet's citations name, with its full
title, publisher, date and where to find it (the citations themselves use short names)."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Spacer
from reportlab.lib.units import mm

from desktop.logic.packet.blocks import PacketContext
from desktop.logic.packet.styles import Styles, para, text
from desktop.logic.packet.text import OUT_OF_PLAY
from desktop.logic.rules.sources import Source, bibliography


def cited_notes(ctx: PacketContext) -> list[str]:
    """The source notes behind the packet: routes, conditions, fees, the checksheet and the
    packet's own fixed wording."""
    a, w = ctx.assessment, ctx.wording
    notes = [a.checksheet.data.source, *(r.source for r in a.checksheet.results.values())]
    # Routes out of play print their name and reason only, so their sources are not cited; the
    # bank version prints the pursued routes only.
    printed = [r for r in a.routes if r.verdict not in OUT_OF_PLAY
               and (ctx.audience != "bank" or r.route_id in ctx.case.selected_routes)]
    for route in printed:
        notes += [route.source, *(c.source for c in route.conditions)]
        if route.fee is not None:
            notes.append(route.fee.source)
    notes += [n.source for n in w.notices] + [w.explanation_request.source, w.coordinator.source]
    notes += [d.source for d in w.documents] + [c.source for c in w.contacts]
    return notes


# Tighter than the notes: a list people consult, not read through; it must not cost the bank
# packet a page of its own.
ENTRY = ParagraphStyle("bibliography_entry", parent=Styles.note, fontSize=7, leading=9.5, spaceBefore=0.8)


def _listing_order(source: Source) -> tuple[int, int]:
    kind = {"S": 0, "G": 1}.get(source.id[0], 2)
    digits = "".join(ch for ch in source.id if ch.isdigit())
    return kind, int(digits or 0)


def _entry(source: Source) -> str:
    """One line of the list: the name the citations use, then the title, publisher, date and where."""
    publisher = "" if source.publisher in source.short else f"　{text(source.publisher)}"
    date = f"（{text(source.date)}）" if source.date else ""
    title = "" if f"『{source.title}』" in source.short else f"　『{text(source.title)}』"
    return (f"{text(source.short)}：{title.lstrip('　')}{publisher}{date}"
            f"　入手先：{text(source.where or '—')}")


def bibliography_section(ctx: PacketContext) -> list[Flowable]:
    # Government documents and the guideline first, then the web pages by number; one short
    # paragraph each, so that the list stays within a page or so.
    entries = [para(_entry(s), ENTRY, markup=True)
               for s in sorted(bibliography(cited_notes(ctx)), key=_listing_order)]
    return [CondPageBreak(40 * mm), Spacer(1, 4 * mm), para("出典一覧", Styles.section),
            para("本資料の出典欄に示した資料です（各行の最初が出典欄での表記）。", Styles.note), Spacer(1, 1.5 * mm),
            *entries]
