"""Building blocks shared by the packet's sections: the context they read, headings, status
cells and the few display formats that are specific to the packet (fee lines, EBITDA倍率)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.logic.case.amounts import format_ratio
from desktop.logic.case.model import Case
from desktop.logic.rules.evaluation import Assessment
from desktop.logic.rules.indicators import EbitdaMultiple
from desktop.logic.packet.styles import (
    FRAME_WIDTH,
    HEADER_FILL,
    INK,
    MeasuredTable,
    PlainCell,
    Styles,
    cell,
    para,
    table_style,
)
from desktop.logic.packet.text import Addressee, Audience, PacketText
from desktop.logic.rules.sources import cite
from desktop.logic.rules.routes.base import STATUS_LABELS, ConditionStatus, RouteResult


@dataclass(frozen=True)
class PacketContext:
    assessment: Assessment
    audience: Audience
    addressee: Addressee
    wording: PacketText

    @property
    def case(self) -> Case:
        return self.assessment.case

    @property
    def company(self) -> str:
        return self.case.company.name.strip() or "（会社名未入力）"

    @property
    def representatives(self) -> str:
        return "・".join(n.strip() for n in self.case.company.representative_names if n.strip())


CASE = "ご相談の要旨"
ROUTES = "制度ごとの判定"
OTHER_ROUTES = "そのほかの制度の判定"
CHECKS = "ガイドラインの要件とガバナンス・チェック"
FINANCIALS = "決算の状況"
PLAN = "改善計画"
EXPLANATION = "ご説明のお願い"
DOCUMENTS = "ご用意する資料とご相談先"
INTERNAL = "社内メモ"


def section_titles(audience: Audience) -> list[str]:
    """The numbered sections in order: the bank reads the routes it is not asked about as one
    table (SPEC §7.2); the coordinator and the 社内控え read every route in detail."""
    routes = OTHER_ROUTES if audience == "bank" else ROUTES
    titles = [CASE, routes, CHECKS, FINANCIALS, PLAN, EXPLANATION, DOCUMENTS]
    return titles + ([INTERNAL] if audience == "internal" else [])


def heading(ctx: PacketContext, title: str) -> list[Flowable]:
    """A numbered section heading with a rule under it, kept with the start of what follows."""
    number = section_titles(ctx.audience).index(title) + 1
    table = MeasuredTable([[para(f"{number}", Styles.section), para(title, Styles.section)]],
                          colWidths=[10 * mm, FRAME_WIDTH - 10 * mm], hAlign="LEFT")
    table.setStyle(table_style([
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
        ("BACKGROUND", (0, 0), (0, 0), HEADER_FILL),
        ("ALIGN", (0, 0), (0, 0), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    table.keepWithNext = True
    table.spaceBefore = 4 * mm  # dropped at the top of a page
    return [table, keep(Spacer(1, 2.5 * mm))]


def subheading(title: str) -> list[Flowable]:
    """A subsection title, kept with the start of what follows (see keep_starts_together)."""
    return [para(title, Styles.subsection)]


def keep(flowable: Flowable) -> Flowable:
    """Mark a flowable to stay on the page of the start of the next one."""
    flowable.keepWithNext = True
    return flowable


def cited(source: str) -> str:
    """How a source is printed in the packet: every source goes through here, and reads as the
    documents' names (「信用保証協会 説明書 §1」), never the rule data's tags (S004)."""
    return cite(source)


def status_cell(status: ConditionStatus) -> PlainCell:
    """A condition's status; the ones that need action are set in bold."""
    return cell(STATUS_LABELS[status], Styles.cell_bold if status in ("not_met", "unknown") else Styles.cell)


def route_caution(route: RouteResult) -> str:
    """The strongest caution among the facts a verdict rests on (要確認 over 目安)."""
    labels = {c.caution for c in route.conditions}
    return "要確認" if "要確認" in labels else ("目安" if "目安" in labels else "")


def ebitda_text(multiple: EbitdaMultiple | None) -> str:
    if multiple is None or not multiple.known:
        return "—"
    if not multiple.computable:
        return "算出不能（EBITDAがゼロ以下）"
    if multiple.net_debt is not None and multiple.net_debt <= 0:
        return "実質無借金"
    return format_ratio(multiple.value, unit="倍", digits=1)


def joined(lines: Sequence[str], sep: str = "<br/>") -> str:
    return sep.join(line for line in lines if line)
