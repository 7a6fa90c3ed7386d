"""ガバナンス・チェック: the checksheet (SPEC §5). Items the figures decide are shown decided;
changing one needs an answer and a note, and is then printed as an override."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.logic.case.model import NOTE_MAX, BusinessAsset
from desktop.logic.rules.sources import cite
from desktop.logic.rules.checksheet import ChecksheetItem, load_checksheet
from desktop.logic.wizard.editing import override_pending, set_answer
from desktop.logic.wizard.progress import unconfirmed_items
from desktop.logic.rules.data import caution_label
from desktop.ui.pages.base import CasePage, error_banner, note, show_banner
from desktop.ui.widgets import ChoiceCombo, Column, RecordTable, new_form

ANSWERS = (("unknown", "未確認"), ("yes", "はい"), ("partly", "一部"), ("no", "いいえ"))
OVERRIDES = (("unknown", "上書きしない"), ("yes", "はい（上書き）"), ("partly", "一部（上書き）"), ("no", "いいえ（上書き）"))
ASSET_OWNERS = (("company", "会社"), ("representative", "代表者"), ("family", "親族"), ("third_party", "第三者"))
ASSET_COLUMNS = (
    Column("name", "資産（本社・工場・営業車など）", "text", stretch=True),
    Column("owner", "所有者", "choice", ASSET_OWNERS),
    Column("lease_contract", "賃貸借契約あり", "bool"),
    Column("annual_rent_yen", "年間賃料（円）", "yen"),
)


class _ItemRow:
    """The widgets of one checksheet item."""

    def __init__(self, item: ChecksheetItem, grid: QGridLayout, row: int, page: GovernancePage) -> None:
        self.item = item
        decided = item.mode != "SELF"
        mark = "◎ " if item.important else ""
        caution = f"（{caution_label(item.confidence)}）" if caution_label(item.confidence) else ""
        self.label = QLabel(f"{mark}{item.label}{caution}")
        self.label.setWordWrap(True)
        self.label.setToolTip(f"{item.help}\n根拠資料：{'、'.join(item.evidence)}\n出典：{cite(item.source)}")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.answer = ChoiceCombo(f"{item.label} の回答" if not decided else f"{item.label} の上書き",
                                  OVERRIDES if decided else ANSWERS)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_MAX)
        self.note.setAccessibleName(f"{item.label} の{'上書きの理由' if decided else '根拠・メモ'}")
        self.note.setPlaceholderText("上書きの理由（必須）" if decided else "根拠資料・メモ")
        self.label.setBuddy(self.answer)
        grid.addWidget(self.label, row, 0)
        grid.addWidget(self.status, row, 1)
        grid.addWidget(self.answer, row, 2)
        grid.addWidget(self.note, row, 3)
        self.answer.choiceEdited.connect(lambda _v: page.write_answer(self))
        self.note.textEdited.connect(lambda _t: page.write_answer(self))

    def load(self, page: GovernancePage) -> None:
        answer = page.case.answers.get(self.item.id)
        self.answer.set_value(answer.answer if answer else "unknown")
        if self.note.text().strip() != (answer.note.strip() if answer else ""):
            self.note.setText(answer.note if answer else "")


class GovernancePage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        data = load_checksheet()
        layout.addWidget(note(data.notice))
        layout.addWidget(note("◎は特に重要な項目です。「数字で判定」の項目は決算などの入力から自動で決まります。"
                              "変える場合は回答と理由を書いてください（資料に「上書き」と記載されます）。"))
        self.banner = error_banner()
        layout.addWidget(self.banner)

        declarations = QGroupBox("申告")
        form = new_form()
        self.tri_field(form, "過去2年間、金融機関の求めに応じて決算書等を提出している", "declarations.docs_submitted_2y")
        self.tri_field(form, "今後も継続して財務情報を開示することを誓約する", "declarations.pledge_continuous")
        self.tri_field(form, "経営者保証を提供しないことを希望する", "declarations.wishes_no_guarantee")
        self.tri_field(form, "代表者への貸付金等は少額、または事業上必要なものである",
                       "declarations.small_or_business_necessary_receivables")
        declarations.setLayout(form)
        layout.addWidget(declarations)

        assets = QGroupBox("事業用資産（法人と個人の分離）")
        box = QVBoxLayout(assets)
        box.addWidget(note("事業に使う主な資産と所有者。代表者・親族の所有なら賃貸借契約と賃料を入力します。"))
        self.assets = RecordTable("事業用資産", ASSET_COLUMNS, BusinessAsset)
        self.assets.table.setMinimumHeight(180)
        notice = self.table_field(self.assets, "business_assets", "事業用資産", "name")
        box.addWidget(self.assets)
        box.addWidget(notice)
        layout.addWidget(assets)

        # One grid for all topics, so the columns line up down the whole sheet.
        sheet = QGroupBox(data.title)
        grid = QGridLayout(sheet)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 2)
        grid.setVerticalSpacing(6)
        for col, head in enumerate(("項目", "判定", "回答", "根拠・メモ")):
            grid.addWidget(QLabel(f"<b>{head}</b>"), 0, col)
        self.rows: dict[str, _ItemRow] = {}
        row = 1
        for category in data.categories:
            heading = QLabel(f"<b>■ {category.label}</b>")
            heading.setContentsMargins(0, 10, 0, 2)
            grid.addWidget(heading, row, 0, 1, 4)
            row += 1
            for item in category.items:
                self.rows[item.id] = _ItemRow(item, grid, row, self)
                row += 1
        layout.addWidget(sheet)

    def build_fixed(self) -> QWidget:
        """How many items are still 未確認, kept in view while scrolling the sheet."""
        self.unconfirmed = QLabel()
        self.unconfirmed.setWordWrap(True)  # a one-line label would set the window's minimum width
        self.unconfirmed.setContentsMargins(8, 2, 8, 2)
        return self.unconfirmed

    def write_answer(self, row: _ItemRow) -> None:
        self.edit(lambda c: set_answer(c, row.item.id, row.answer.value(), row.note.text()),
                  f"「{row.item.label}」の回答", f"answer:{row.item.id}")

    def load(self, fresh: bool) -> None:
        super().load(fresh)
        for row in self.rows.values():
            row.load(self)
        self.show_results()

    def show_results(self) -> None:
        assessment = self.session.assessment
        show_banner(self.banner, self.session.evaluation_error)
        if assessment is None:
            for row in self.rows.values():
                row.status.setText("判定できていません")  # never another case's results
            return
        unconfirmed = unconfirmed_items(assessment.checksheet)
        self.unconfirmed.setText(f"<b>未確認の項目：{unconfirmed} 件</b>（回答がなく、数字でも決まらない項目）"
                                 if unconfirmed else "<b>未確認の項目はありません。</b>")
        for item_id, row in self.rows.items():
            result = assessment.checksheet.item(item_id)
            if result.decided_by_figures:
                text = f"数字で判定：{result.status_label}"
                if result.interpreted:
                    text += f"（{caution_label('I')}）"
                if override_pending(self.case, item_id):
                    text += "\n⚠ 上書きには理由の記入が必要です（まだ反映されていません）"
            elif result.overridden:
                text = f"上書き：{result.status_label}"
            else:
                text = result.status_label
            if result.figure:
                text += f"\n{result.figure}"
            if result.gap:
                text += f"\n→ {result.gap}"
            row.status.setText(text)
