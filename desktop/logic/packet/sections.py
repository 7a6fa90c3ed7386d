"""The middle sections of the negotiation packet (SPEC §7.3–7.4): the guideline requirements
with the governance check, and the financials. Each is a list of reportlab flowables.

Figures sit in right-aligned table cells, formatted by format_yen / format_ratio only; prose
carries no figures, because CJK wrapping may split a number across lines (engineering §3.2).
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from desktop.logic.case.amounts import Unit, format_ratio, format_yen
from desktop.logic.case.dates import fiscal_period
from desktop.logic.case.model import Period
from desktop.logic.packet.blocks import (
    CHECKS,
    FINANCIALS,
    PacketContext,
    cited,
    ebitda_text,
    heading,
    keep,
    subheading,
)
from desktop.logic.packet.chart import DbopNetAssetsChart
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
    text,
)
from desktop.logic.packet.text import Audience, item_note
from desktop.logic.rules.checksheet import ItemResult
from desktop.logic.rules.data import caution_label
from desktop.logic.rules.indicators import PeriodIndicators


# ---------------------------------------------------------------- guideline requirements and governance check

MODE_NOTES = {"AUTO": "数値で判定", "SEMI": "入力で判定", "SELF": ""}


def checks(ctx: PacketContext) -> list[Flowable]:
    """Every requirement of the guideline and item of the governance check, by topic: status,
    the figure or answer behind it, what is missing and the documents that show it (SPEC §7.3)."""
    sheet = ctx.assessment.checksheet
    story = heading(ctx, CHECKS)
    # the lead stays with the table's first rows (keep): a heading and its lead alone end no page
    story.append(keep(para("経営者保証に関するガイドラインが経営者保証に依存しない融資の目安として挙げる要件と、"
                           "ガバナンス・チェックの項目ごとの状況です。ガイドライン自体に数値基準はないため、財務の項目は"
                           "信用保証協会の制度の基準を目安として用いています。" + text(sheet.data.notice), Styles.note)))
    story.append(keep(Spacer(1, 1.5 * mm)))
    rows: list[list] = [["項目", "結果", "根拠・メモ・不足", "確認資料・出典"]]
    bands: list[int] = []
    for category in sheet.data.categories:
        bands.append(len(rows))
        rows.append([cell(category.label, Styles.cell_bold), "", "", ""])
        for result in sheet.in_category(category):
            rows.append(_check_row(result, ctx.audience))
    story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 33, 13, 26, 28), bands=bands))
    story.append(para(f"「重要」は公式チェックシートで特に重要（◎）とされる項目です。出典：{cited(sheet.data.source)}",
                      Styles.note))
    if ctx.audience == "coordinator":
        story.extend(_coordinator_cross_reference(ctx))
    return story


def _check_row(result: ItemResult, audience: Audience) -> list:
    item = result.item
    label = text(item.label) + caution_tag(caution_label(result.confidence))
    if item.important:
        label = f"<font name='{GOTHIC_BOLD}'>［重要］</font>" + label
    evidence: list[str] = []
    if result.overridden:
        status = cell(f"上書き：{result.status_label}", Styles.cell_bold)
        evidence.append(f"自動判定の根拠：{text(result.figure)}" if result.figure else "")
        evidence.append(f"<font name='{GOTHIC_BOLD}'>上書きの理由：</font>{text(result.note)}")
    else:
        weak = result.status in ("not_met", "partly", "unknown")
        how = MODE_NOTES[item.mode]
        status = para((f"<font name='{GOTHIC_BOLD}'>{result.status_label}</font>" if weak else result.status_label)
                      + (f"<br/><font size='6.5'>{how}</font>" if how else ""), markup=True)
        if result.figure:
            evidence.append(text(result.figure))
        note = item_note(result, audience)
        if note:
            evidence.append("メモ：" + text(note))
        if result.gap:
            evidence.append(f"<font name='{GOTHIC_BOLD}'>不足：</font>" + text(result.gap))
    documents = para(text("、".join(item.evidence) or "—")
                     + f"<br/><font size='6.5' color='#444444'>出典：{text(cited(item.source))}</font>",
                     Styles.cell_small_ink, markup=True)
    return [para(label, markup=True), status, para("<br/>".join(e for e in evidence if e) or "—", markup=True),
            documents]


def _coordinator_cross_reference(ctx: PacketContext) -> list[Flowable]:
    ref = ctx.wording.coordinator
    results = ctx.assessment.checksheet.results
    story = subheading("経営者保証コーディネーターの確認基準との対応")
    story.append(keep(para(ref.notice + caution_tag(caution_label(ref.confidence)) + f"（{text(cited(ref.source))}）",
                           Styles.note, markup=True)))
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
    story = heading(ctx, FINANCIALS)
    ind = assessment.indicators
    periods = ctx.case.sorted_periods()
    if not periods:
        closed = "—" if ind.closed_periods is None else f"{ind.closed_periods}回"
        story.append(keep(para("決算の入力がありません。創業前または最初の決算の前の場合は、創業計画書と資金計画で"
                                "ご説明します。", Styles.body)))
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
    if ctx.audience != "bank":  # a reference the verdicts do not use: left out of the bank's short version
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
