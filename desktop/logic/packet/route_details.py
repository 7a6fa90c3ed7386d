"""Section 2 of the packet: the routes. The bank reads the routes the owner does not pursue as
one table row each (SPEC §7.2); the coordinator and the 社内控え read a table of every route and
then each in detail — conditions with figures, gaps and sources, the guarantee fee (概算),
terms, documents and caveats.

Written over Assessment.routes generically: a route added to the registry appears here with
no change to this module.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from desktop.logic.case.amounts import format_rate, format_yen
from desktop.logic.case.model import Case
from desktop.logic.rules.fees import approx_yen, cost_text, rate_text
from desktop.logic.packet.blocks import (
    OTHER_ROUTES,
    ROUTES,
    PacketContext,
    cited,
    heading,
    joined,
    keep,
    status_cell,
)
from desktop.logic.packet.front import LEGEND, reason_cell, route_name_cell, routes_table
from desktop.logic.packet.styles import (
    BAND_FILL,
    FRAME_WIDTH,
    GOTHIC_BOLD,
    INK,
    MeasuredTable,
    RULE,
    Styles,
    caution_tag,
    cell,
    fractions_of,
    grid_table,
    para,
    table_style,
    text,
)
from desktop.logic.packet.text import REPAYMENT_LABELS, VERDICT_RANK, detailed_routes, preference_label, pursued_routes
from desktop.logic.rules.routes.wording import change
from desktop.logic.rules.routes.base import RouteResult


def other_routes(ctx: PacketContext) -> list[Flowable]:
    """Bank: every route not presented on page 1, one row each with its main reason."""
    story = heading(ctx, OTHER_ROUTES)
    pursued = pursued_routes(ctx.assessment)
    # the closest to usable first (a stable sort keeps the registry's order within a verdict)
    others = sorted((r for r in ctx.assessment.routes if r not in pursued), key=lambda r: VERDICT_RANK[r.verdict])
    if not others:
        story.append(para("1ページの制度のほかに判定した制度はありません。", Styles.body))
        return story
    story += [keep(para("1ページの制度のほかに判定した制度と、その主な理由です。", Styles.body)),
              keep(Spacer(1, 1.5 * mm))]
    rows: list[list] = [["判定", "制度", "主な理由"]]
    for route in others:
        rows.append([para(route.mark, Styles.mark), route_name_cell(ctx, route), reason_cell(route)])
    story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 8, 40, 52)))
    story.append(para(LEGEND, Styles.note))
    return story


def routes_section(ctx: PacketContext) -> list[Flowable]:
    """Coordinator and 社内控え: a table of every route, then each in detail."""
    story = heading(ctx, ROUTES)
    story.append(routes_table(ctx, ctx.assessment.routes))
    story.append(para(LEGEND, Styles.note))
    story.append(Spacer(1, 4 * mm))
    shown = detailed_routes(ctx.assessment, ctx.audience)
    for route in shown:
        story.extend(route_detail(ctx, route))
    skipped = [r for r in ctx.assessment.routes if r not in shown]
    if skipped:
        story.append(para("対象外・受付期間外の制度は、上の表にだけ記載しています。", Styles.note))
    if not ctx.assessment.routes:
        story.append(para("判定した制度はありません。", Styles.body))
    return story


def route_detail(ctx: PacketContext, route: RouteResult) -> list[Flowable]:
    story: list[Flowable] = [_route_head(ctx, route), keep(Spacer(1, 1.5 * mm))]
    reason = para(f"<font name='{GOTHIC_BOLD}'>主な理由：</font>{text(route.reason)}"
                  f"<font size='7'>　出典：{text(cited(route.source))}</font>", Styles.body, markup=True)
    story += [keep(reason), keep(Spacer(1, 1.5 * mm))]
    if route.conditions:
        rows: list[list] = [["要件", "状況", "数値・回答", "不足（あと何が必要か）", "出典"]]
        for cond in route.conditions:
            rows.append([para(text(cond.label) + caution_tag(cond.caution), markup=True), status_cell(cond.status),
                         cond.figure or "—", change(cond) or "—", cell(cited(cond.source), Styles.cell_small)])
        story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 30, 10, 23, 23, 14)))
    facts = _facts(ctx.case, route)
    if facts:
        story.append(keep(Spacer(1, 1.5 * mm)) if not route.conditions else Spacer(1, 1.5 * mm))
        story.append(grid_table([[cell(k, Styles.cell_bold), para(v, markup=True)] for k, v in facts],
                                [34 * mm, FRAME_WIDTH - 34 * mm], header_rows=0,
                                extra=[("BACKGROUND", (0, 0), (0, -1), BAND_FILL)]))
    story.append(Spacer(1, 6 * mm))
    return story


def _route_head(ctx: PacketContext, route: RouteResult) -> Table:
    preference = preference_label(ctx.case, route.route_id)
    title = f"<font name='{GOTHIC_BOLD}' size='10.5'>{text(route.name)}</font>"
    verdict = f"判定：{text(route.verdict_label)}" + (f"　<font name='{GOTHIC_BOLD}'>【{preference}】</font>"
                                                    if preference else "")
    head = MeasuredTable([[para(route.mark, Styles.mark), para(title + "<br/>" + verdict, markup=True)]],
                         colWidths=[12 * mm, FRAME_WIDTH - 12 * mm], hAlign="LEFT")
    head.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 0.8, INK), ("LINEAFTER", (0, 0), (0, 0), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), BAND_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    head.keepWithNext = True
    return head


def _facts(case: Case, route: RouteResult) -> list[tuple[str, str]]:
    """Label → markup rows under the conditions: fee, terms, documents, caveats."""
    facts: list[tuple[str, str]] = []
    fee = route.fee
    if fee is not None:
        facts.append(("保証料率（年）", text(rate_text(fee)) + caution_tag(fee.caution)))
        if fee.yen_estimate is not None:
            basis = _loan_basis(case)
            facts.append(("保証料の概算", text(cost_text(fee))
                          + (f"<br/><font size='7'>{text(basis)}</font>" if basis else "")))
        if fee.surcharge_rate is not None:
            extra = f"年{format_rate(fee.surcharge_rate)}"
            if fee.surcharge_yen is not None:
                extra += f"（お借入れ期間の合計 {approx_yen(fee.surcharge_yen)}）"
            facts.append(("保証を付けない場合の上乗せ", text(extra)))
        if fee.note:
            facts.append(("保証料の備考", text(fee.note)))
        if fee.source:
            facts.append(("保証料の出典", text(cited(fee.source))))
    if route.terms:
        facts.append(("主な条件", joined(["・" + text(t) for t in route.terms])))
    if route.documents:
        facts.append(("必要な資料", joined(["□ " + text(d) for d in route.documents])))
    if route.notes:
        facts.append(("留意点", joined(["・" + text(n) for n in route.notes])))
    return facts


def _loan_basis(case: Case) -> str:
    loan = case.situation.planned_loan
    if loan.amount_yen is None or loan.term_months is None:
        return ""
    grace = f"・据置{loan.grace_months}か月" if loan.grace_months else ""
    return (f"お借入れ予定 {format_yen(loan.amount_yen)}・{loan.term_months}か月{grace}・"
            f"{REPAYMENT_LABELS[loan.repayment]}返済の予定残高から計算した概算")
