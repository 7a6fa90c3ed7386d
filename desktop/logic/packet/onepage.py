"""The owner's one-page summary (「一枚もの」, SPEC §7): where the company stands, the best routes
and their cost, and the three improvements worth most, with their gaps. One A4 page whatever the
case: every list on it is capped."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.logic.case.dates import jdate
from desktop.logic.packet.blocks import PacketContext, subheading
from desktop.logic.packet.front import LEGEND, key_figures, routes_table
from desktop.logic.packet.styles import FRAME_WIDTH, GOTHIC_BOLD, Styles, cell, fractions_of, grid_table, para, text
from desktop.logic.packet.text import VERDICT_RANK, best_routes, planned_actions, routes_held_back, top_improvements
from desktop.logic.rules.evaluation import Assessment
from desktop.logic.rules.routes.base import VERDICT_LABELS, Verdict

def owner_summary(ctx: PacketContext) -> list[Flowable]:
    case, assessment = ctx.case, ctx.assessment
    story: list[Flowable] = [
        para("経営者保証の解除に向けた現状（一枚もの）", Styles.title_line),
        para(text(ctx.company) + (f"<font size='10'>　代表者　{text(ctx.representatives)}</font>"
                                  if ctx.representatives else ""), Styles.company_line, markup=True),
        para(f"基準日　{jdate(case.assessment_date)}　申込予定日　{jdate(case.application_date)}", Styles.body),
        Spacer(1, 2 * mm),
    ]
    story += subheading("いまの状況")
    story.append(para(standing(assessment), Styles.prose_small))
    story.append(Spacer(1, 1.5 * mm))
    story.append(key_figures(assessment))
    story += subheading("有望な制度と保証料の概算")
    story += _best_routes(ctx)
    story += subheading("効果の大きい改善（3つ）")
    story.append(_improvements(ctx))
    story.append(Spacer(1, 2 * mm))
    story.append(para("数値の基準・各制度の条件・資料の一覧は、交渉資料（金融機関向け・社内控え）に詳しく記載しています。",
                      Styles.note))
    return story


def standing(assessment: Assessment) -> str:
    """Where the company stands, in two sentences: the routes by verdict, the check by result."""
    counts: dict[Verdict, int] = {}
    for route in assessment.routes:
        counts[route.verdict] = counts.get(route.verdict, 0) + 1
    verdicts = "、".join(f"{VERDICT_LABELS[v]}が{n}" for v, n in sorted(counts.items(), key=lambda kv: VERDICT_RANK[kv[0]]))
    results = list(assessment.checksheet.results.values())
    done = sum(1 for r in results if r.status in ("met", "declared"))
    open_items = len(assessment.checksheet.unmet())
    return (f"判定した{len(assessment.routes)}の制度のうち、{verdicts}です。"
            f"ガバナンス・チェックの{len(results)}項目のうち{done}項目は満たしており（申告を含む）、"
            f"{open_items}項目が未充足・一部・未確認です。")


def _best_routes(ctx: PacketContext) -> list[Flowable]:
    routes = best_routes(ctx.assessment)
    if not routes:
        return [para("いま利用できる見込みの制度はありません。下の改善に取り組むと、使える制度が増えます。", Styles.body)]
    return [routes_table(ctx, routes), para(LEGEND, Styles.note)]


def _improvements(ctx: PacketContext) -> Flowable:
    assessment = ctx.assessment
    items = top_improvements(assessment)
    if not items:
        return para("未充足・未確認の項目はありません。いまの状態を保ち、決算書などの開示を続けてください。", Styles.body)
    rows: list[list] = [["項目", "いまの状態", "不足・次の一歩", "前に進む制度"]]
    for result in items:
        helped = [r.name for r in routes_held_back(assessment, result.id)]
        steps = [text(result.gap)] if result.gap else []
        steps += ["予定：" + text(_shortened(a)) for a in planned_actions(ctx.case, result.id)[:1]]
        rows.append([para(f"<font name='{GOTHIC_BOLD}'>{text(result.label)}</font>", markup=True),
                     cell(result.status_label, Styles.cell_center_bold),
                     para("<br/>".join(steps) or "取り組みを決めて、改善計画に書き入れてください。", markup=True),
                     para("、".join(helped[:4]) + ("ほか" if len(helped) > 4 else "") or "—", Styles.cell_small_ink)])
    return grid_table(rows, fractions_of(FRAME_WIDTH, 32, 11, 33, 24))


ACTION_CHARS = 45  # the first planned action, as typed, may run long; the page must stay one page


def _shortened(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= ACTION_CHARS else flat[:ACTION_CHARS - 1] + "…"
