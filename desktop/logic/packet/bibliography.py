"""The packet's last part, 出典一覧: every document the packet's citations name, with its full
title, publisher, date and where to find it (the citations themselves use short names)."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer
from reportlab.lib.units import mm

from desktop.logic.packet.blocks import PacketContext
from desktop.logic.packet.styles import FRAME_WIDTH, Styles, cell, fractions_of, grid_table, para, text
from desktop.logic.packet.text import OUT_OF_PLAY
from desktop.logic.rules.sources import Source, bibliography


def cited_notes(ctx: PacketContext) -> list[str]:
    """The source notes behind the packet: routes, conditions, fees, the checksheet and the
    packet's own fixed wording."""
    a, w = ctx.assessment, ctx.wording
    notes = [a.checksheet.data.source, *(r.source for r in a.checksheet.results.values())]
    # Routes out of play print their name and reason only, so their sources are not cited.
    for route in (r for r in a.routes if r.verdict not in OUT_OF_PLAY):
        notes += [route.source, *(c.source for c in route.conditions)]
        if route.fee is not None:
            notes.append(route.fee.source)
    notes += [n.source for n in w.notices] + [w.explanation_request.source, w.coordinator.source]
    notes += [d.source for d in w.documents] + [c.source for c in w.contacts]
    return notes


def _listing_order(source: Source) -> tuple[int, int]:
    kind = {"S": 0, "G": 1}.get(source.id[0], 2)
    digits = "".join(ch for ch in source.id if ch.isdigit())
    return kind, int(digits or 0)


def bibliography_section(ctx: PacketContext) -> list[Flowable]:
    rows: list[list] = [["本文での表記", "資料名", "発行元・日付", "入手先"]]
    # Government documents and the guideline first, then the web pages by number.
    for s in sorted(bibliography(cited_notes(ctx)), key=_listing_order):
        rows.append([para(s.short, Styles.cell_small), para(s.title, Styles.cell_small),
                     para(text(s.publisher) + (f"<br/>{text(s.date)}" if s.date else ""), Styles.cell_small, markup=True),
                     cell(s.where or "—", Styles.cell_small)])
    return [CondPageBreak(40 * mm), Spacer(1, 4 * mm), para("出典一覧", Styles.section),
            para("本資料の出典欄に示した資料の一覧です。", Styles.note), Spacer(1, 1.5 * mm),
            grid_table(rows, fractions_of(FRAME_WIDTH, 24, 30, 22, 24))]
