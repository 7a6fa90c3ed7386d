"""交渉の準備: the request to the bank, improvement actions, the explanation request, notes."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QPushButton, QVBoxLayout

from desktop.logic.case.model import MEMO_MAX, Action
from desktop.logic.rules.checksheet import load_checksheet
from desktop.logic.wizard.editing import propose_actions
from desktop.ui.pages.base import CasePage, note
from desktop.ui.widgets import Column, RecordTable, form_row, new_form

REQUESTS = (
    ("release", "既存の借入の経営者保証の解除"),
    ("new_without_guarantee", "新規借入を経営者保証なしで"),
    ("review_amount", "保証金額・範囲の見直し"),
    ("alternative", "代替的な手法（停止条件付・解除条件付保証、ABL、金利の上乗せ等）"),
)
# The item an action improves is chosen by its wording; its id stays in the case file.
ACTION_ITEMS = (("", "（項目を選ばない）"), *((item.id, item.label) for item in load_checksheet().items()))
ACTION_COLUMNS = (
    Column("item_id", "改善する項目", "choice", ACTION_ITEMS, stretch=True),
    Column("action", "改善の内容", "text", stretch=True),
    Column("owner", "担当", "text"),
    Column("due", "期限", "date"),
)


class NegotiationPage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        counterpart = QGroupBox("相手先")
        form = new_form()
        self.lender_field(form, "金融機関", "negotiation.counterparty")
        self.text_field(form, "支店", "negotiation.branch")
        self.text_field(form, "ご担当者", "negotiation.contact_person")
        self.text_field(form, "作成者（顧問・支援者）", "negotiation.preparer")
        counterpart.setLayout(form)
        layout.addWidget(counterpart)

        requests, self.requests = self.choices_group("金融機関へのお願い（複数選べます）", "negotiation.requests",
                                                     REQUESTS)
        layout.addWidget(requests)

        actions = QGroupBox("改善の行動計画")
        box = QVBoxLayout(actions)
        box.addWidget(note("満たしていない項目ごとに、何を・誰が・いつまでに行うかを書きます。"
                           "資料の「改善計画」の表になります。"))
        self.propose = QPushButton("満たしていない項目から行を作る")
        self.propose.clicked.connect(self._propose)
        box.addWidget(self.propose)
        self.actions = RecordTable("行動", ACTION_COLUMNS, Action)
        self.actions.table.setMinimumHeight(320)
        notice = self.table_field(self.actions, "negotiation.actions", "行動計画", "action")
        box.addWidget(self.actions)
        box.addWidget(notice)
        layout.addWidget(actions)

        layout.addWidget(note("資料の最後に「ご説明のお願い」のページが付きます。保証が必要と判断された場合に、"
                              "(a) どの点が不十分か、(b) どう改善すれば解除できるかを、金融機関に記入していただく欄です"
                              "（監督指針 2023年4月の説明義務に沿ったもの）。"))
        notes = QGroupBox("メモ")
        form = new_form()
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)
        form_row(form, "メモ（社内控えにだけ載ります）", self.notes)
        self.notes.textChanged.connect(self._write_notes)
        self.add_loader(self._load_notes)
        notes.setLayout(form)
        layout.addWidget(notes)


    def _load_notes(self, fresh: bool) -> None:
        if self.notes.toPlainText() != self.case.negotiation.notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(self.case.negotiation.notes)
            self.notes.blockSignals(False)

    def _write_notes(self) -> None:
        text = self.notes.toPlainText()
        if len(text) > MEMO_MAX:  # QPlainTextEdit has no maxLength: stop at the model's limit
            self.notes.blockSignals(True)
            self.notes.setPlainText(text[:MEMO_MAX])
            self.notes.moveCursor(QTextCursor.MoveOperation.End)
            self.notes.blockSignals(False)
            text = text[:MEMO_MAX]
        if text != self.case.negotiation.notes:
            self._write("negotiation.notes", text, "「メモ」の入力")

    def _propose(self) -> None:
        assessment = self.session.assessment
        if assessment is None:
            return
        unmet = [(r.id, r.action) for r in assessment.checksheet.unmet()]
        self.edit(lambda c: propose_actions(c, unmet), "満たしていない項目からの行動計画の作成")
        self.actions.set_rows(self.case.negotiation.actions)

