"""Section 5 of the packet: each release route in detail — conditions with figures, gaps and
sources, the guarantee fee (概算), terms, documents and caveats (SPEC §7.6).

Written over Assessment.routes generically: a route added to the registry appears here with
no change to this module.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from desktop.logic.case.amounts import format_rate, format_yen
from desktop.logic.case.model import Case
from desktop.logic.rules.fees import rate_text
from desktop.logic.packet.blocks import (
    ROUTES,
    PacketContext,
    heading,
    joined,
    status_cell,
)
from desktop.logic.packet.styles import (
    BAND_FILL,
    FRAME_WIDTH,
    GOTHIC_BOLD,
    INK,
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
from desktop.logic.packet.text import REPAYMENT_LABELS, detailed_routes, preference_label
from desktop.logic.rules.routes.base import RouteResult
from desktop.logic.rules.routes.wording import change
from desktop.logic.rules.sources import cite


def routes_section(ctx: PacketContext) -> list[Flowable]:
    story = heading(ROUTES)
    shown = detailed_routes(ctx.assessment, ctx.audience)
    for route in shown:
        story.extend(route_detail(ctx, route))
    skipped = [r for r in ctx.assessment.routes if r not in shown]
    if skipped:
        names = "、".join(f"{r.mark} {r.name}（{r.verdict_label}）" for r in skipped)
        story.append(para(f"次の制度は対象外または受付期間外のため、詳細を省略しています：{names}", Styles.note))
    if not ctx.assessment.routes:
        story.append(para("判定した制度はありません。", Styles.body))
    return story


def route_detail(ctx: PacketContext, route: RouteResult) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(45 * mm), _route_head(ctx, route), Spacer(1, 1.5 * mm)]
    reason = para(f"<font name='{GOTHIC_BOLD}'>主な理由：</font>{text(route.reason)}"
                  f"<font size='7'>　出典：{text(cite(route.source))}</font>", Styles.body, markup=True)
    story += [reason, Spacer(1, 1.5 * mm)]
    if route.conditions:
        rows: list[list] = [["要件", "状況", "数値・回答", "不足（あと何が必要か）", "出典"]]
        previous = ""
        for cond in route.conditions:
            # A citation repeated from the row above prints as 同上, as tables in Japanese documents do.
            cited = cite(cond.source)
            rows.append([para(text(cond.label) + caution_tag(cond.caution), markup=True), status_cell(cond.status),
                         cond.figure or "—", change(cond) or "—",
                         cell("同上" if cited == previous else cited, Styles.cell_small)])
            previous = cited
        story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 30, 10, 23, 23, 14)))
    facts = _facts(ctx.case, route)
    if facts:
        story.append(Spacer(1, 1.5 * mm))
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
    head = Table([[para(route.mark, Styles.mark), para(title + "<br/>" + verdict, markup=True)]],
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
            facts.append(("保証料の概算", text(format_yen(fee.yen_estimate))
                          + (f"<br/><font size='7'>{text(basis)}</font>" if basis else "")))
        if fee.surcharge_rate is not None:
            extra = f"年{format_rate(fee.surcharge_rate)}"
            if fee.surcharge_yen is not None:
                extra += f"（お借入れ期間の合計 {format_yen(fee.surcharge_yen)}）"
            facts.append(("保証を付けない場合の上乗せ", text(extra)))
        if fee.note:
            facts.append(("保証料の備考", text(fee.note)))
        if fee.source:
            facts.append(("保証料の出典", text(cite(fee.source))))
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
