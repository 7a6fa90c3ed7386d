"""Sections 5–7 of the packet and the 社内メモ: the improvement plan, the 「ご説明のお願い」 sheet
for the bank to fill in, the documents checklist, where to ask and the notices (SPEC §7.5–7.7,
reference §B.6, §G). The company's commitment stands on page 1."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.logic.case.dates import jdate
from desktop.logic.packet.blocks import (
    DOCUMENTS,
    EXPLANATION,
    INTERNAL,
    PLAN,
    PacketContext,
    cited,
    heading,
    joined,
    keep,
    subheading,
)
from desktop.logic.packet.styles import (
    BAND_FILL,
    FRAME_WIDTH,
    INK,
    RULE,
    Styles,
    caution_tag,
    cell,
    fractions_of,
    grid_table,
    para,
    text,
)
from desktop.logic.packet.text import (
    documents_for,
    improvement_plan,
    visible_note,
)
from desktop.logic.rules.routes.base import VERDICT_MARKS
from desktop.logic.rules.data import caution_label


def improvement(ctx: PacketContext) -> list[Flowable]:
    story = heading(ctx, PLAN)
    plan = improvement_plan(ctx.assessment)
    if plan:
        story += [keep(para("未充足・未確認の項目と、その改善の取り組みです。", Styles.body)), keep(Spacer(1, 2 * mm))]
        rows: list[list] = [["項目", "現状", "改善の取り組み", "担当", "目標時期"]]
        starts: list[int] = []
        for row in plan:
            starts.append(len(rows))
            planned = row.actions or [("（取り組みを検討中）", "", None)]
            for i, (action, owner, due) in enumerate(planned):
                first = i == 0
                current = joined([text(row.status), text(row.gap)]) if first else ""
                rows.append([row.label if first else "", para(current, markup=True) if current else "",
                             action, owner or "—", cell(jdate(due) if due else "—", Styles.cell_right)])
        # Rows that continue an item share its label cells: rule those only where an item starts.
        rules: list[tuple] = [("INNERGRID", (0, 0), (-1, 0), 0.4, RULE), ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
                              ("LINEABOVE", (2, 1), (-1, -1), 0.4, RULE)]
        rules += [("LINEABOVE", (0, r), (1, r), 0.4, RULE) for r in starts]
        story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 26, 20, 29, 11, 14), extra=rules, ruled=False))
    else:
        story.append(para("未充足・未確認の項目はありません。現在の状態を維持し、引き続き情報を開示します。",
                          Styles.body))
    return story


def explanation_request(ctx: PacketContext) -> list[Flowable]:
    """The sheet the bank fills in: (a) what is insufficient, (b) what would make release
    possible, with date and person — the record the bank keeps anyway (reference §B.6). Kept
    on one page, and short enough to share a page with what comes before it."""
    req = ctx.wording.explanation_request
    story: list[Flowable] = heading(ctx, EXPLANATION)
    block: list[Flowable] = [para(req.lead, Styles.prose_small), Spacer(1, 2.5 * mm)]
    subject = "、".join(dict.fromkeys(loan.lender for loan in ctx.addressee.loans if loan.lender)) or "—"
    block.append(grid_table(
        [[cell("会社名", Styles.cell_bold), ctx.company, cell("対象のお借入れ", Styles.cell_bold), subject]],
        fractions_of(FRAME_WIDTH, 14, 36, 16, 34), header_rows=0,
        extra=[("BACKGROUND", (0, 0), (0, 0), BAND_FILL), ("BACKGROUND", (2, 0), (2, 0), BAND_FILL)]))
    block.append(Spacer(1, 2.5 * mm))
    box_height = 48 * mm
    rows = [[para(req.question_a, Styles.cell_bold)], [""], [para(req.question_b, Styles.cell_bold)], [""]]
    block.append(grid_table(rows, [FRAME_WIDTH], header_rows=0, heights=[None, box_height, None, box_height],
                            extra=[("BACKGROUND", (0, 0), (0, 0), BAND_FILL), ("BACKGROUND", (0, 2), (0, 2), BAND_FILL),
                                   ("BOX", (0, 0), (-1, -1), 1, INK)]))
    block += [Spacer(1, 2.5 * mm), _date_and_person_row(), Spacer(1, 2.5 * mm), para(req.closing, Styles.body),
              para(f"根拠：{cited(req.source)}", Styles.note)]
    return [*story, KeepTogether(block)]


def _date_and_person_row() -> Flowable:
    """ご説明日 ＿年＿月＿日 | ご説明者 ＿＿: blank cells to write in, ruled only around the fields."""
    cells = [cell("ご説明日", Styles.cell_bold), "", cell("年", Styles.cell_center), "",
             cell("月", Styles.cell_center), "", cell("日", Styles.cell_center),
             para("ご説明者<br/>（ご所属・お名前）", Styles.cell_bold, markup=True), ""]
    fixed = [18 * mm, 20 * mm, 7 * mm, 12 * mm, 7 * mm, 12 * mm, 7 * mm, 32 * mm]
    rules = [("BACKGROUND", (0, 0), (0, 0), BAND_FILL), ("BACKGROUND", (7, 0), (7, 0), BAND_FILL),
             ("LINEAFTER", (0, 0), (0, 0), 0.4, RULE), ("LINEBEFORE", (7, 0), (7, 0), 0.4, RULE),
             ("LINEAFTER", (7, 0), (7, 0), 0.4, RULE), ("TOPPADDING", (0, 0), (-1, -1), 9),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 9)]
    return grid_table([cells], [*fixed, FRAME_WIDTH - sum(fixed)], header_rows=0, extra=rules, ruled=False)


def documents_and_contacts(ctx: PacketContext) -> list[Flowable]:
    story = heading(ctx, DOCUMENTS)
    story.extend(subheading("ご用意する資料"))
    rows: list[list] = [["確認", "資料", "確認できること"]]
    for doc in documents_for(ctx.assessment):
        proves = (text(doc.proves) + caution_tag(caution_label(doc.confidence))
                  + f"<br/><font size='6.5' color='#444444'>出典：{text(cited(doc.source))}</font>")
        rows.append([cell("□", Styles.mark), doc.name, para(proves, markup=True)])
    story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 7, 50, 43)))
    if ctx.audience != "bank":
        story.append(para("制度ごとに必要な資料は、2章の各制度の「必要な資料」もご覧ください。", Styles.note))
    prefecture = ctx.case.company.prefecture
    rows = [["相談先", "ご相談できること", "出典"]]
    for contact in ctx.wording.contacts:
        body = contact.body + (f"（{prefecture}）" if contact.prefecture and prefecture else "")
        rows.append([cell(body, Styles.cell_bold),
                     para(text(contact.purpose) + caution_tag(caution_label(contact.confidence)), markup=True),
                     cell(cited(contact.source), Styles.cell_small)])
    story += [*subheading("ご相談先"), grid_table(rows, fractions_of(FRAME_WIDTH, 32, 52, 16))]
    notices = [f"・{text(n.text)}{caution_tag(caution_label(n.confidence))}<font size='6.5'>（{text(cited(n.source))}）</font>"
               for n in ctx.wording.notices]
    story.append(para("<br/>".join(notices), Styles.note, markup=True))
    return story


ANSWER_LABELS = {"yes": "はい", "partly": "一部", "no": "いいえ", "unknown": "未確認"}


def internal_memo(ctx: PacketContext) -> list[Flowable]:
    """社内控え only: the negotiation notes, every answer note and earlier verdicts."""
    case = ctx.case
    neg = case.negotiation
    story = heading(ctx, INTERNAL)
    story.append(keep(para("この章は社内控えにだけ印刷され、金融機関向け・コーディネーター向けには含まれません。",
                           Styles.note)))
    facts = [("交渉先", " ".join(p for p in (neg.counterparty, neg.branch) if p) or "—"),
             ("先方のご担当", neg.contact_person or "—"), ("作成者", neg.preparer or "—"),
             ("メモ", neg.notes.strip() or "—")]
    story.append(grid_table([[cell(k, Styles.cell_bold), v] for k, v in facts],
                            [34 * mm, FRAME_WIDTH - 34 * mm], header_rows=0,
                            extra=[("BACKGROUND", (0, 0), (0, -1), BAND_FILL)]))
    noted = [(item_id, answer) for item_id, answer in case.answers.items() if answer.note.strip()]
    if noted:
        story.extend(subheading("回答のメモ（社内向けの行を含む）"))
        results = ctx.assessment.checksheet.results
        rows: list[list] = [["項目", "回答", "メモ"]]
        for item_id, answer in noted:
            label = results[item_id].label if item_id in results else item_id
            rows.append([label, cell(ANSWER_LABELS[answer.answer], Styles.cell_center),
                         visible_note(answer.note, "internal")])
        story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 40, 10, 50)))
    if case.history:
        story.extend(subheading("これまでの判定"))
        names = {r.route_id: r.name for r in ctx.assessment.routes}
        rows = [["基準日", "判定"]]
        for snap in case.history:
            marks = "　".join(f"{VERDICT_MARKS.get(v, '？')} {names.get(rid, rid)}"  # type: ignore[call-overload]
                             for rid, v in snap.verdicts.items())
            rows.append([jdate(snap.assessment_date), marks or "—"])
        story.append(grid_table(rows, fractions_of(FRAME_WIDTH, 20, 80)))
    return story
