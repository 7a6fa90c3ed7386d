"""Page 1 of the packet: the case on one page (SPEC §7.1) — who asks whom for what, the routes
the owner pursues with their verdict and cost, the key figures against their thresholds, and
what the company commits to. Readable in two minutes; the rest of the packet supports it."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from desktop.logic.case.amounts import format_yen
from desktop.logic.case.dates import fiscal_period, jdate
from desktop.logic.case.model import Loan
from desktop.logic.packet.blocks import (
    CASE,
    PacketContext,
    ebitda_text,
    heading,
    route_caution,
    subheading,
)
from desktop.logic.packet.build import AUDIENCE_LABELS
from desktop.logic.packet.styles import (
    BAND_FILL,
    FRAME_WIDTH,
    GOTHIC_BOLD,
    Styles,
    caution_tag,
    cell,
    fractions_of,
    grid_table,
    para,
    table_style,
    text,
)
from desktop.logic.packet.text import REPAYMENT_LABELS, Addressee, preference_label, pursued_routes, request_paragraph
from desktop.logic.rules.data import caution_label
from desktop.logic.rules.evaluation import Assessment
from desktop.logic.rules.fees import fee_lines
from desktop.logic.rules.indicators import PeriodIndicators
from desktop.logic.rules.routes.base import RouteResult

LENDER_KINDS = {"bank": "銀行", "shinkin": "信金・信組", "cgc_guaranteed": "保証協会付き", "jfc": "日本公庫",
                "shokochukin": "商工中金", "other": "その他"}
COLLATERAL = {"none": "なし", "real_estate": "不動産", "receivables": "売掛金等", "other": "その他"}
LEGEND = ("◎ 利用できる見込み　○ 金融機関・保証協会の判断次第　？ 入力が足りず判定できない　"
          "× 要件を満たしていない　— 対象外・受付期間外。［目安］は当社の解釈による項目、"
          "［要確認］は公的な資料で確認できていない事実による項目です。")


def case_page(ctx: PacketContext) -> list[Flowable]:
    story = _letterhead(ctx)
    story += heading(ctx, CASE)
    story.append(para(request_paragraph(ctx.case, ctx.audience), Styles.prose_small))
    story.append(Spacer(1, 1.5 * mm))
    story += loans_block(ctx)
    story += subheading("進めたい制度と保証料の概算")
    story.append(pursued_table(ctx))
    story.append(para(LEGEND, Styles.note))
    story += subheading("主要な数値と基準")
    story.append(key_figures(ctx.assessment))
    story += subheading("継続的な情報開示のお約束")
    story.append(para(ctx.wording.commitment.text, Styles.prose_small))
    signature = text(ctx.company) + (f"　代表者　{text(ctx.representatives)}" if ctx.representatives else "")
    story.append(para(signature, Styles.cell_right, markup=True))
    return story


def _letterhead(ctx: PacketContext) -> list[Flowable]:
    """Date, addressee, title, company and the case's dates in a few lines (no cover page)."""
    case = ctx.case
    if ctx.audience == "internal":
        to = para("社内控え（社外に提出しないでください）", Styles.addressee)
    else:
        contact = f"<br/><font size='9'>ご担当　{text(ctx.addressee.contact)}</font>" if ctx.addressee.contact else ""
        to = para(f"{text(ctx.addressee.name)}　御中{contact}", Styles.addressee, markup=True)
    dated = para(f"基準日　{jdate(case.assessment_date)}", Styles.cell_right)
    top = Table([[to, dated]], colWidths=fractions_of(FRAME_WIDTH, 70, 30), hAlign="LEFT")
    top.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    title = f"{text(ctx.wording.title)}<font size='11'>（{AUDIENCE_LABELS[ctx.audience]}）</font>"
    company = text(ctx.company) + (f"<font size='10'>　代表者　{text(ctx.representatives)}</font>"
                                   if ctx.representatives else "")
    facts = [("所在地・業種", "・".join(v for v in (case.company.prefecture, case.company.industry) if v) or "—"),
             ("申込予定日", jdate(case.application_date)),
             ("作成者", case.negotiation.preparer.strip() or ctx.company),
             ("ルールデータの確認日", jdate(ctx.assessment.rules_checked_on))]
    rows = [[cell(facts[i][0], Styles.cell_bold), facts[i][1], cell(facts[i + 1][0], Styles.cell_bold), facts[i + 1][1]]
            for i in (0, 2)]
    shade = [("BACKGROUND", (0, 0), (0, -1), BAND_FILL), ("BACKGROUND", (2, 0), (2, -1), BAND_FILL)]
    return [top, Spacer(1, 2 * mm), para(title, Styles.title_line, markup=True),
            para(company, Styles.company_line, markup=True), Spacer(1, 1.5 * mm),
            grid_table(rows, fractions_of(FRAME_WIDTH, 17, 33, 20, 30), header_rows=0, extra=shade)]


def loans_block(ctx: PacketContext) -> list[Flowable]:
    """The loans the request is about, and the new loan if one is planned."""
    addressee: Addressee = ctx.addressee
    loans: list[Loan] = addressee.loans
    story: list[Flowable] = []
    if loans:
        rows: list[list] = [["お借入れ先", "種類", "残高", "経営者保証", "担保", "返済緩和"]]
        for loan in loans:
            rows.append([loan.lender or "（未入力）", LENDER_KINDS[loan.lender_kind],
                         cell(format_yen(loan.balance_yen), Styles.cell_right),
                         cell("あり" if loan.owner_guarantee else "なし", Styles.cell_center),
                         cell(COLLATERAL[loan.collateral], Styles.cell_center),
                         cell("あり" if loan.rescheduled else "なし", Styles.cell_center)])
        if len(loans) > 1:
            known = [loan.balance_yen for loan in loans]
            total = None if any(v is None for v in known) else sum(v for v in known if v is not None)
            rows.append([cell("合計", Styles.cell_bold), "", cell(format_yen(total), Styles.cell_right_bold), "", "",
                         ""])
        story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 32, 14, 20, 12, 10, 12)))
        if addressee.only_lender:
            story.append(para(f"{addressee.name}からのお借入れのみを記載しています。", Styles.note))
    else:
        story.append(para("既存のお借入れの入力はありません。", Styles.body))
    loan = ctx.case.situation.planned_loan
    if loan.amount_yen is not None:
        term = "—" if loan.term_months is None else f"{loan.term_months}か月"
        rows = [["新規のお借入れ（予定）", "金額", "期間", "据置", "返済方法"],
                [loan.lender or "（未定）", cell(format_yen(loan.amount_yen), Styles.cell_right),
                 cell(term, Styles.cell_right), cell(f"{loan.grace_months}か月", Styles.cell_right),
                 cell(REPAYMENT_LABELS[loan.repayment], Styles.cell_center)]]
        story += [Spacer(1, 1.5 * mm), grid_table(rows, fractions_of(FRAME_WIDTH, 46, 20, 12, 10, 12))]
    return story


def route_name_cell(ctx: PacketContext, route: RouteResult) -> Flowable:
    """Name, verdict and preference of a route, as one table cell."""
    name = f"<font name='{GOTHIC_BOLD}'>{text(route.name)}</font><br/>{text(route.verdict_label)}"
    preference = preference_label(ctx.case, route.route_id)
    if preference:
        name += f"　<font name='{GOTHIC_BOLD}'>【{preference}】</font>"
    return para(name, markup=True)


def fee_cell(route: RouteResult) -> Flowable:
    return para("<br/>".join(text(line) for line in fee_lines(route.fee)) or "—", Styles.cell_right, markup=True)


def reason_cell(route: RouteResult) -> Flowable:
    return para(text(route.reason) + caution_tag(route_caution(route)), markup=True)


def pursued_table(ctx: PacketContext) -> Flowable:
    routes = pursued_routes(ctx.assessment)
    if not routes:
        return para("進めたい制度はまだ選ばれておらず、利用できる見込みの制度もありません。"
                    "制度ごとの判定は次の章をご覧ください。", Styles.body)
    return routes_table(ctx, routes)


def routes_table(ctx: PacketContext, routes: list[RouteResult]) -> Flowable:
    """Mark, name with verdict, fee and main reason of each route, one row each."""
    rows: list[list] = [["判定", "制度", "保証料（年率）・概算", "主な理由"]]
    for route in routes:
        rows.append([para(route.mark, Styles.mark), route_name_cell(ctx, route), fee_cell(route), reason_cell(route)])
    return grid_table(rows, fractions_of(FRAME_WIDTH, 6, 35, 28, 31))


# Key figures and the checksheet rule that holds each against its threshold (SPEC §7.1).
KEY_FIGURES: list[tuple[str, str, Callable[[PeriodIndicators], str]]] = [
    ("純資産", "not_insolvent", lambda pi: format_yen(pi.net_assets)),
    ("減価償却前経常利益", "no_two_dbop_losses", lambda pi: format_yen(pi.dbop)),
    ("EBITDA有利子負債倍率", "ebitda_multiple_within", lambda pi: ebitda_text(pi.ebitda)),
    ("代表者への貸付金等", "no_representative_receivables", lambda pi: format_yen(pi.representative_receivables)),
]


def key_figures(assessment: Assessment) -> Flowable:
    """Up to three periods, oldest first, each figure beside the requirement it is held
    against (the checksheet item's own words) and the result for the latest period."""
    ind = assessment.indicators
    if ind.p0 is None:
        closed = "—" if ind.closed_periods is None else f"{ind.closed_periods}回"
        return grid_table([[para(f"決算の入力がありません（決算期の到来回数：{closed}）。"
                                 "創業計画書と資金計画でご説明します。")]], [FRAME_WIDTH], header_rows=0)
    periods = list(zip(assessment.case.sorted_periods(), ind.periods, strict=True))[:3][::-1]
    by_rule = {r.item.auto_rule: r for r in assessment.checksheet.results.values() if r.item.auto_rule}
    rows: list[list] = [["項目", "基準（ガイドラインの要件の目安）",
                         *[fiscal_period(p.fiscal_year_end) for p, _ in periods], "直近期"]]
    for label, rule, value in KEY_FIGURES:
        result = by_rule.get(rule)
        requirement = text(result.label) + caution_tag(caution_label(result.confidence)) if result else "—"
        status = result.status_label if result else "—"
        rows.append([cell(label, Styles.cell_bold), para(requirement, Styles.cell_small_ink, markup=True),
                     *[cell(value(pi), Styles.cell_right) for _, pi in periods],
                     cell(status, Styles.cell_center_bold if result and result.status == "not_met" else Styles.cell_center)])
    n = len(periods)
    widths = [34 * mm, 52 * mm] + [(FRAME_WIDTH - 34 * mm - 52 * mm - 14 * mm) / n] * n + [14 * mm]
    return grid_table(rows, widths)
