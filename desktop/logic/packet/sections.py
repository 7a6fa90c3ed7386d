"""The sections of the negotiation packet (SPEC §7), each a list of reportlab flowables.

Figures sit in right-aligned table cells, formatted by format_yen / format_ratio only; prose
carries no figures, because CJK wrapping may split a number across lines (engineering §3.2).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from desktop.logic.case.amounts import Unit, format_ratio, format_yen
from desktop.logic.case.model import Loan, Period
from desktop.logic.rules.checksheet import ItemResult
from desktop.logic.rules.sources import cite
from desktop.logic.case.dates import fiscal_period, jdate
from desktop.logic.rules.evaluation import Assessment
from desktop.logic.rules.fees import fee_lines
from desktop.logic.rules.indicators import PeriodIndicators
from desktop.logic.packet.build import AUDIENCE_LABELS
from desktop.logic.packet.blocks import (
    FINANCIALS,
    GOVERNANCE,
    GUIDELINE,
    ROUTES,
    SUMMARY,
    PacketContext,
    ebitda_text,
    heading,
    route_caution,
    section_number,
    section_titles,
    status_cell,
    subheading,
)
from desktop.logic.packet.chart import DbopNetAssetsChart
from desktop.logic.packet.styles import (
    BAND_FILL,
    FRAME_WIDTH,
    GOTHIC_BOLD,
    INK,
    Styles,
    caution_tag,
    cell,
    fractions_of,
    grid_table,
    para,
    text,
)
from desktop.logic.packet.text import (
    REPAYMENT_LABELS,
    Addressee,
    Audience,
    item_note,
    preference_label,
    request_paragraph,
)
from desktop.logic.rules.routes.base import Condition
from desktop.logic.rules.routes.conditions import from_item
from desktop.logic.rules.data import caution_label

# ---------------------------------------------------------------- cover

def cover(ctx: PacketContext) -> list[Flowable]:
    case, wording = ctx.case, ctx.wording
    story: list[Flowable] = []
    story.append(para(f"基準日　{jdate(case.assessment_date)}", Styles.cell_right))
    story.append(Spacer(1, 4 * mm))
    if ctx.audience == "internal":
        story.append(para("社内控え（社外に提出しないでください）", Styles.addressee))
    else:
        story.append(para(f"{ctx.addressee.name}　御中", Styles.addressee))
        if ctx.addressee.contact:
            story.append(para(f"ご担当　{ctx.addressee.contact}", Styles.body))
    story.append(Spacer(1, 16 * mm))
    story.append(para(wording.title, Styles.title))
    story.append(Spacer(1, 2 * mm))
    story.append(para(f"（{AUDIENCE_LABELS[ctx.audience]}）", Styles.subtitle))
    story.append(Spacer(1, 12 * mm))
    story.append(para(ctx.company, Styles.company))
    if ctx.representatives:
        story.append(para(f"代表者　{ctx.representatives}", Styles.subtitle))
    story.append(Spacer(1, 10 * mm))
    facts = [
        ("所在地（都道府県）", case.company.prefecture or "—"),
        ("業種", case.company.industry or "—"),
        ("基準日", jdate(case.assessment_date)),
        ("申込予定日", jdate(case.application_date)),
        ("作成者", case.negotiation.preparer.strip() or ctx.company),
        ("判定に用いたルールデータの確認日", jdate(ctx.assessment.rules_checked_on)),
    ]
    widths = [62 * mm, 82 * mm]
    facts_table = grid_table([[cell(k, Styles.cell_bold), v] for k, v in facts], widths, header_rows=0,
                             extra=[("BACKGROUND", (0, 0), (0, -1), BAND_FILL)])
    facts_table.hAlign = "CENTER"
    story.append(facts_table)
    story.append(Spacer(1, 8 * mm))
    contents = [[cell(f"{i}", Styles.cell_center), t] for i, t in enumerate(section_titles(ctx.audience), 1)]
    toc = grid_table([["", "目次"]] + contents, [10 * mm, 134 * mm])
    toc.hAlign = "CENTER"
    story.append(toc)
    story.append(Spacer(1, 6 * mm))
    story.append(_legend())
    story.append(Spacer(1, 4 * mm))
    notices = [f"・{text(n.text)}{caution_tag(caution_label(n.confidence))}<font size='6.5'>（{text(cite(n.source))}）</font>"
               for n in wording.notices]
    box = grid_table([[para("<br/>".join(notices), Styles.note, markup=True)]], [FRAME_WIDTH], header_rows=0)
    story.append(box)
    story.append(PageBreak())
    return story


def _legend() -> Table:
    marks = [("◎", "利用できる見込み"), ("○", "金融機関・保証協会の判断次第"), ("？", "入力が足りず判定できない"),
             ("×", "要件を満たしていない"), ("—", "対象外・受付期間外")]
    legend = "　".join(f"<font name='{GOTHIC_BOLD}'>{m}</font> {label}" for m, label in marks)
    cautions = ("<font name='{b}'>［目安］</font> 当社の解釈による項目　"
                "<font name='{b}'>［要確認］</font> 公的な資料で確認できていない事実による項目").format(b=GOTHIC_BOLD)
    return grid_table([[para("記号", Styles.cell_bold), para(legend + "<br/>" + cautions, markup=True)]],
                      [14 * mm, FRAME_WIDTH - 14 * mm], header_rows=0,
                      extra=[("BACKGROUND", (0, 0), (0, 0), BAND_FILL)])


# ---------------------------------------------------------------- 1 summary

LENDER_KINDS = {"bank": "銀行", "shinkin": "信金・信組", "cgc_guaranteed": "保証協会付き", "jfc": "日本公庫",
                "shokochukin": "商工中金", "other": "その他"}
COLLATERAL = {"none": "なし", "real_estate": "不動産", "receivables": "売掛金等", "other": "その他"}


def summary(ctx: PacketContext) -> list[Flowable]:
    case = ctx.case
    story = heading(SUMMARY)
    story.append(para(request_paragraph(case, ctx.audience), Styles.prose))
    story.extend(subheading("対象のお借入れ"))
    story.extend(_loans_table(ctx.addressee))
    story.extend(_planned_loan(ctx))
    story.extend(subheading("制度ごとの判定"))
    story.append(_route_table(ctx.assessment))
    story.append(para("判定は申込予定日時点のルールデータによる自己診断です。制度の詳細は"
                      f"{section_number(ROUTES)}章をご覧ください。", Styles.note))
    story.extend(subheading("主要な数値（直近の決算期）"))
    story.append(_key_figures(ctx.assessment))
    return story


def _loans_table(addressee: Addressee) -> list[Flowable]:
    loans: list[Loan] = addressee.loans
    story: list[Flowable] = []
    if loans:
        rows: list[list] = [["金融機関", "種類", "残高", "経営者保証", "担保", "返済緩和"]]
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
        story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 30, 14, 20, 12, 12, 12)))
        if addressee.only_lender:
            story.append(para(f"{addressee.name}からのお借入れのみを記載しています。", Styles.note))
    else:
        story.append(para("既存のお借入れの入力はありません。", Styles.body))
    return story


def _planned_loan(ctx: PacketContext) -> list[Flowable]:
    loan = ctx.case.situation.planned_loan
    if loan.amount_yen is None:
        return []
    term = "—" if loan.term_months is None else f"{loan.term_months}か月"
    rows = [["新規のお借入れ（予定）", "金額", "期間", "据置", "返済方法"],
            [loan.lender or "（未定）", cell(format_yen(loan.amount_yen), Styles.cell_right),
             cell(term, Styles.cell_right), cell(f"{loan.grace_months}か月", Styles.cell_right),
             cell(REPAYMENT_LABELS[loan.repayment], Styles.cell_center)]]
    return [Spacer(1, 2 * mm), grid_table(rows, fractions_of(FRAME_WIDTH, 36, 20, 14, 14, 16))]


def _route_table(assessment: Assessment) -> Table:
    case = assessment.case
    rows: list[list] = [["判定", "制度", "保証料（年率・概算）", "主な理由"]]
    for route in assessment.routes:
        name = f"<font name='{GOTHIC_BOLD}'>{text(route.name)}</font><br/>{text(route.verdict_label)}"
        preference = preference_label(case, route.route_id)
        if preference:
            name += f"　<font name='{GOTHIC_BOLD}'>【{preference}】</font>"
        fee = "<br/>".join(text(line) for line in fee_lines(route.fee)) or "—"
        reason = text(route.reason) + caution_tag(route_caution(route))
        rows.append([para(route.mark, Styles.mark), para(name, markup=True), para(fee, Styles.cell_right, markup=True),
                     para(reason, markup=True)])
    return grid_table(rows, fractions_of(FRAME_WIDTH, 9, 40, 21, 40))


def _key_figures(assessment: Assessment) -> Flowable:
    ind = assessment.indicators
    p0 = ind.p0
    if p0 is None:
        closed = "—" if ind.closed_periods is None else f"{ind.closed_periods}回"
        return grid_table([[para("決算の入力がありません（決算期の到来回数：" + closed + "）。")]], [FRAME_WIDTH],
                          header_rows=0)
    p1 = ind.periods[1] if len(ind.periods) > 1 else None
    rows = [
        ["項目", fiscal_period(p0.fiscal_year_end), "項目", fiscal_period(p0.fiscal_year_end)],
        ["純資産", cell(format_yen(p0.net_assets), Styles.cell_right),
         "EBITDA有利子負債倍率", cell(ebitda_text(p0.ebitda), Styles.cell_right)],
        ["減価償却前経常利益", cell(format_yen(p0.dbop), Styles.cell_right),
         "代表者への貸付金等", cell(format_yen(p0.representative_receivables), Styles.cell_right)],
        ["同 前期" + (f"（{fiscal_period(p1.fiscal_year_end)}）" if p1 else ""),
         cell(format_yen(p1.dbop) if p1 else "—", Styles.cell_right),
         "自己資本比率", cell(format_ratio(p0.ratios.equity_ratio, percent=True, digits=1), Styles.cell_right)],
    ]
    return grid_table(rows, fractions_of(FRAME_WIDTH, 28, 22, 28, 22))


# ---------------------------------------------------------------- 2 guideline requirements

def guideline_requirements(ctx: PacketContext) -> list[Flowable]:
    assessment = ctx.assessment
    story = heading(GUIDELINE)
    story.append(para("ガイドラインが経営者保証に依存しない融資の目安として挙げる要件ごとの状況です。"
                      "ガイドライン自体に数値基準はないため、財務の項目は信用保証協会の制度の基準を目安として用いています。",
                      Styles.body))
    story.append(Spacer(1, 2 * mm))
    conditions = _guideline_conditions(assessment)
    results = assessment.checksheet.results
    rows: list[list] = [["要件", "状況", "根拠（数値・回答・確認資料）", "出典"]]
    bands: list[int] = []
    current = None
    for cond in conditions:
        result = results.get(cond.id)
        category = _category_label(assessment, cond.id)
        if category and category != current:
            bands.append(len(rows))
            rows.append([cell(category, Styles.cell_bold), "", "", ""])
            current = category
        label = text(cond.label) + caution_tag(cond.caution)
        evidence = [text(cond.figure)] if cond.figure else []
        if result is not None:
            note = item_note(result, ctx.audience)
            if note:
                evidence.append("メモ：" + text(note))
            if result.item.evidence:
                evidence.append(f"<font size='7'>確認資料：{text('、'.join(result.item.evidence))}</font>")
        rows.append([para(label, markup=True), status_cell(cond.status),
                     para("<br/>".join(evidence) or "—", markup=True), para(cite(cond.source), Styles.cell_small)])
    extra = [("SPAN", (0, r), (-1, r)) for r in bands] + [("BACKGROUND", (0, r), (-1, r), BAND_FILL) for r in bands]
    story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 36, 11, 37, 16), extra=extra))
    if ctx.audience == "coordinator":
        story.extend(_coordinator_cross_reference(ctx))
    return story


def _guideline_conditions(assessment: Assessment) -> list[Condition]:
    """The guideline route's conditions; without that route, every GL item of the checksheet."""
    route = next((r for r in assessment.routes if r.route_id == "guideline_release" and r.conditions), None)
    if route is not None:
        return route.conditions
    return [from_item(r.id, r.label, r) for r in assessment.checksheet.results.values() if r.id.startswith("GL-")]


def _category_label(assessment: Assessment, item_id: str) -> str:
    for category in assessment.checksheet.data.categories:
        if any(item.id == item_id for item in category.items):
            return category.label
    return ""


def _coordinator_cross_reference(ctx: PacketContext) -> list[Flowable]:
    ref = ctx.wording.coordinator
    results = ctx.assessment.checksheet.results
    story = subheading("経営者保証コーディネーターの確認基準との対応")
    story.append(para(ref.notice + caution_tag(caution_label(ref.confidence)) + f"（{text(cite(ref.source))}）",
                      Styles.note, markup=True))
    rows: list[list] = [["ガイドラインの要件", "確認の基準", "主な確認資料", "充足・申告の項目"]]
    for crit in ref.criteria:
        found = [results[i] for i in crit.items if i in results]
        ok = sum(1 for r in found if r.status in ("met", "declared"))
        rows.append([cell(crit.requirement, Styles.cell_bold), crit.criterion, crit.judged_on,
                     cell(f"{ok} / {len(found)}", Styles.cell_center)])
    story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 22, 40, 22, 16)))
    return story


# ---------------------------------------------------------------- 3 financials

_STATEMENT_ROWS: list[tuple[str, str]] = [
    ("売上高", "revenue_yen"), ("営業利益", "operating_profit_yen"), ("経常利益", "ordinary_profit_yen"),
    ("減価償却費", "depreciation_yen"), ("減価償却前経常利益", "=dbop"),
    ("総資産", "total_assets_yen"), ("負債合計", "total_liabilities_yen"), ("純資産", "=net_assets"),
    ("資本金", "capital_stock_yen"), ("現預金", "cash_yen"), ("短期借入金", "short_term_borrowings_yen"),
    ("長期借入金", "long_term_borrowings_yen"), ("社債", "bonds_yen"), ("売上債権", "receivables_yen"),
    ("棚卸資産", "inventory_yen"), ("仕入債務", "payables_yen"),
    ("代表者への貸付金等", "=representative_receivables"), ("役員報酬", "officer_compensation_yen"),
    ("配当金", "dividends_yen"),
]


def _figure(period: Period, ind: PeriodIndicators, key: str) -> int | None:
    if key.startswith("="):
        return getattr(ind, key[1:])
    return getattr(period, key)


def financials(ctx: PacketContext) -> list[Flowable]:
    assessment = ctx.assessment
    story = heading(FINANCIALS)
    ind = assessment.indicators
    periods = ctx.case.sorted_periods()
    if not periods:
        closed = "—" if ind.closed_periods is None else f"{ind.closed_periods}回"
        story.append(para("決算の入力がありません。創業前または最初の決算の前の場合は、創業計画書と資金計画で"
                           "ご説明します。", Styles.body))
        story.append(grid_table([["項目", "内容"], ["決算期の到来回数", cell(closed, Styles.cell_right)]],
                                [60 * mm, 40 * mm]))
        return story
    oldest_first = list(reversed(list(zip(periods, ind.periods, strict=True))))
    n = len(oldest_first)
    head = ["（単位：千円）"] + [fiscal_period(p.fiscal_year_end) for p, _ in oldest_first]
    rows: list[list] = [head]
    bold_rows = []
    for label, key in _STATEMENT_ROWS:
        computed = key.startswith("=")
        if computed:
            bold_rows.append(len(rows))
        style = Styles.cell_right_bold if computed else Styles.cell_right
        rows.append([cell(label, Styles.cell_bold if computed else Styles.cell)] +
                    [cell(format_yen(_figure(p, pi, key), Unit.THOUSAND, suffix=False), style)
                     for p, pi in oldest_first])
    label_w = 52 * mm
    widths = [label_w] + [min(38 * mm, (FRAME_WIDTH - label_w) / n)] * n
    extra = [("BACKGROUND", (0, r), (-1, r), BAND_FILL) for r in bold_rows]
    story.append(grid_table(rows, widths, extra=extra))
    story.append(para("減価償却前経常利益＝経常利益＋減価償却費" + caution_tag("目安") +
                      "。純資産が未入力の期は、総資産−負債合計で計算しています。", Styles.note, markup=True))
    story.extend(subheading("指標"))
    story.append(_indicator_table(oldest_first, widths))
    story.append(para("EBITDA有利子負債倍率＝（短期借入金＋長期借入金＋社債−現預金）÷（営業利益＋減価償却費）。"
                      "財務要件型の4指標は信用保証協会の制度で使われる算式です。", Styles.note))
    story.append(_local_benchmark(ctx))
    chart_block = [*subheading("減価償却前経常利益と純資産の推移"),
                   DbopNetAssetsChart(ind.periods, FRAME_WIDTH)]
    story.append(KeepTogether(chart_block))
    return story


def _indicator_table(oldest_first: list[tuple[Period, PeriodIndicators]], widths: list[float]) -> Table:
    def pct(value) -> str:
        return format_ratio(value, percent=True, digits=1)

    def times(value) -> str:
        return format_ratio(value, unit="倍", digits=2)

    def icr(pi: PeriodIndicators) -> str:
        return "支払利息なし" if pi.ratios.no_interest_expense else times(pi.ratios.interest_coverage)

    lines = [
        ("EBITDA有利子負債倍率", lambda pi: ebitda_text(pi.ebitda)),
        ("自己資本比率", lambda pi: pct(pi.ratios.equity_ratio)),
        ("純資産倍率（純資産÷資本金）", lambda pi: times(pi.ratios.net_asset_multiple)),
        ("使用総資本事業利益率", lambda pi: pct(pi.ratios.return_on_assets)),
        ("インタレスト・カバレッジ・レシオ", icr),
    ]
    rows: list[list] = [["指標"] + [fiscal_period(p.fiscal_year_end) for p, _ in oldest_first]]
    for label, value in lines:
        rows.append([label] + [cell(value(pi), Styles.cell_right) for _, pi in oldest_first])
    return grid_table(rows, widths)


def _local_benchmark(ctx: PacketContext) -> Flowable:
    lb = ctx.assessment.indicators.local_benchmark
    lines = [
        ("売上高増加率", format_ratio(lb.sales_growth, percent=True, digits=1)),
        ("営業利益率", format_ratio(lb.operating_margin, percent=True, digits=1)),
        ("労働生産性（営業利益÷従業員数）",
         "—" if lb.labour_productivity is None else format_yen(int(lb.labour_productivity))),
        ("EBITDA有利子負債倍率（社債を除く）", ebitda_text(lb.ebitda_multiple)),
        ("営業運転資本回転期間", format_ratio(lb.working_capital_months, digits=1, unit="か月")),
        ("自己資本比率", format_ratio(lb.equity_ratio, percent=True, digits=1)),
    ]
    rows: list[list] = [["ローカルベンチマーク（直近期・参考）", "値", "ローカルベンチマーク（続き）", "値"]]
    for left, right in zip(lines[:3], lines[3:], strict=True):
        rows.append([left[0], cell(left[1], Styles.cell_right), right[0], cell(right[1], Styles.cell_right)])
    table = grid_table(rows, fractions_of(FRAME_WIDTH, 34, 16, 34, 16))
    note = para("ローカルベンチマークの指標は参考として示すもので、判定には使っていません。", Styles.note)
    return KeepTogether([*subheading("ローカルベンチマーク（参考）"), table, note])


# ---------------------------------------------------------------- 4 governance checksheet

MODE_LABELS = {"AUTO": "数値で判定", "SEMI": "入力で判定", "SELF": "申告"}


def governance(ctx: PacketContext) -> list[Flowable]:
    sheet = ctx.assessment.checksheet
    story = heading(GOVERNANCE)
    story.append(grid_table([[para(sheet.data.notice, Styles.body)]], [FRAME_WIDTH], header_rows=0,
                            extra=[("BOX", (0, 0), (-1, -1), 1, INK)]))
    story.append(Spacer(1, 3 * mm))
    rows: list[list] = [["項目", "判定の方法", "結果", "根拠・メモ"]]
    bands: list[int] = []
    for category in sheet.data.categories:
        bands.append(len(rows))
        rows.append([cell(category.label, Styles.cell_bold), "", "", ""])
        for result in sheet.in_category(category):
            rows.append(_checksheet_row(result, ctx.audience))
    extra = [("SPAN", (0, r), (-1, r)) for r in bands] + [("BACKGROUND", (0, r), (-1, r), BAND_FILL) for r in bands]
    story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 40, 12, 13, 35), extra=extra))
    story.append(para(f"「重要」は公式チェックシートで特に重要（◎）とされる項目です。出典：{cite(sheet.data.source)}",
                      Styles.note))
    return story


def _checksheet_row(result: ItemResult, audience: Audience) -> list:
    item = result.item
    label = text(item.label) + caution_tag(caution_label(result.confidence))
    if item.important:
        label = f"<font name='{GOTHIC_BOLD}'>［重要］</font>" + label
    label += f"<br/><font size='6.5'>{text(cite(item.source))}</font>"
    evidence: list[str] = []
    if result.overridden:
        status = cell(f"上書き：{result.status_label}", Styles.cell_bold)
        evidence.append(f"自動判定の根拠：{text(result.figure)}" if result.figure else "")
        evidence.append(f"<font name='{GOTHIC_BOLD}'>上書きの理由：</font>{text(result.note)}")
    else:
        weak = result.status in ("not_met", "partly", "unknown")
        status = cell(result.status_label, Styles.cell_bold if weak else Styles.cell)
        if result.figure:
            evidence.append(text(result.figure))
        note = item_note(result, audience)
        if note:
            evidence.append("メモ：" + text(note))
        if result.gap:
            evidence.append("不足：" + text(result.gap))
    return [para(label, markup=True), cell(MODE_LABELS[item.mode], Styles.cell_center), status,
            para("<br/>".join(e for e in evidence if e) or "—", markup=True)]
