"""Assembling the packet: the cover, the sections in SPEC §7 order, the page furniture."""

from __future__ import annotations

from reportlab.platypus import Flowable

from desktop.logic.rules.evaluation import Assessment
from desktop.logic.packet.build import AUDIENCE_LABELS, Audience
from desktop.logic.packet.bibliography import bibliography_section
from desktop.logic.packet.blocks import PacketContext
from desktop.logic.packet.layout import PageFurniture, render
from desktop.logic.packet.plan import documents_and_contacts, explanation_request, improvement, internal_memo
from desktop.logic.packet.route_details import routes_section
from desktop.logic.packet.sections import cover, financials, governance, guideline_requirements, summary
from desktop.logic.packet.styles import register_fonts
from desktop.logic.packet.text import load_packet_text, resolve_addressee


def render_packet(assessment: Assessment, audience: Audience, addressee: str | None) -> bytes:
    register_fonts()
    wording = load_packet_text()
    ctx = PacketContext(assessment, audience, resolve_addressee(assessment.case, audience, addressee), wording)
    story: list[Flowable] = []
    for section in (cover, summary, guideline_requirements, financials, governance, routes_section, improvement,
                    explanation_request, documents_and_contacts):
        story.extend(section(ctx))
    if audience == "internal":
        story.extend(internal_memo(ctx))
    story.extend(bibliography_section(ctx))
    furniture = PageFurniture(title=wording.title, company=ctx.company,
                              audience_label=AUDIENCE_LABELS[audience], disclaimer=wording.disclaimer)
    return render(story, furniture, author=assessment.case.negotiation.preparer or ctx.company,
                  subject=f"{wording.title}（{AUDIENCE_LABELS[audience]}）")
