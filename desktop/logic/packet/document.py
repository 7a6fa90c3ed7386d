"""Assembling the packet: the sections in SPEC §7 order for each audience, the page furniture."""

from __future__ import annotations

from reportlab.platypus import Flowable

from desktop.logic.packet.blocks import PacketContext
from desktop.logic.packet.build import AUDIENCE_LABELS, Audience
from desktop.logic.packet.front import case_page
from desktop.logic.packet.layout import PageFurniture, keep_starts_together, render
from desktop.logic.packet.onepage import owner_summary
from desktop.logic.packet.plan import documents_and_contacts, explanation_request, improvement, internal_memo
from desktop.logic.packet.route_details import other_routes, routes_section
from desktop.logic.packet.sections import checks, financials
from desktop.logic.packet.styles import register_fonts
from desktop.logic.packet.text import load_packet_text, resolve_addressee
from desktop.logic.rules.evaluation import Assessment


def render_packet(assessment: Assessment, audience: Audience, addressee: str | None) -> bytes:
    register_fonts()
    wording = load_packet_text()
    ctx = PacketContext(assessment, audience, resolve_addressee(assessment.case, audience, addressee), wording)
    story: list[Flowable] = []
    if audience == "summary":
        story = owner_summary(ctx)
    else:
        routes = other_routes if audience == "bank" else routes_section
        for section in (case_page, routes, checks, financials, improvement, explanation_request,
                        documents_and_contacts):
            story.extend(section(ctx))
        if audience == "internal":
            story.extend(internal_memo(ctx))
    furniture = PageFurniture(title=wording.title, company=ctx.company,
                              audience_label=AUDIENCE_LABELS[audience], disclaimer=wording.disclaimer)
    return render(keep_starts_together(story), furniture, author=assessment.case.negotiation.preparer or ctx.company,
                  subject=f"{wording.title}（{AUDIENCE_LABELS[audience]}）")
