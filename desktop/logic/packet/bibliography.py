"""The packet's last part, 出典一覧: every document the packet's citations name, with its full
title, publisher, date and where to find it (the citations themselves use short names)."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer
from reportlab.lib.units import mm

from desktop.logic.packet.blocks import PacketContext
from desktop.logic.packet.styles import FRAME_WIDTH, Styles, cell, fractions_of, grid_table, para, text
from desktop.logic.rules.sources import bibliography


def cited_notes(ctx: PacketContext) -> list[str]:
    """The source notes behind the packet: routes, conditions, fees, the checksheet and the
    packet's own fixed wording."""
    a, w = ctx.assessment, ctx.wording
    notes = [a.checksheet.data.source, *(r.source for r in a.checksheet.results.values())]
    for route in a.routes:
        notes += [route.source, *(c.source for c in route.conditions)]
        if route.fee is not None:
            notes.append(route.fee.source)
    notes += [n.source for n in w.notices] + [w.explanation_request.source, w.coordinator.source]
    notes += [d.source for d in w.documents] + [c.source for c in w.contacts]
    return notes


def bibliography_section(ctx: PacketContext) -> list[Flowable]:
    rows: list[list] = [["本文での表記", "資料名", "発行元・日付", "入手先"]]
    for s in bibliography(cited_notes(ctx)):
        rows.append([para(text(s.short)), para(text(s.title)),
                     para(text(s.publisher + (f"（{s.date}）" if s.date else ""))), cell(s.where or "—", Styles.cell_small)])
    return [CondPageBreak(40 * mm), Spacer(1, 4 * mm), para("出典一覧", Styles.section),
            para("本資料の出典欄に示した資料の一覧です。", Styles.note), Spacer(1, 1.5 * mm),
            grid_table(rows, fractions_of(FRAME_WIDTH, 24, 30, 22, 24))]
