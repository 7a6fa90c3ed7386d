"""開始: new, open, recent and demo cases; 基準日 and 申込予定日 (SPEC §2 page 0)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.ui.pages.base import CasePage, note
from desktop.ui.path_check import PathChecker
from desktop.ui.widgets import ChoiceCombo, DateField, form_row, new_form

DEMO_LABELS = {
    "healthy": "財務が健全な会社（解除の相談）",
    "succession": "事業承継を予定している会社",
    "startup": "創業間もない会社",
}


class StartPage(CasePage):
    def build(self, layout: QVBoxLayout) -> None:
        buttons = QHBoxLayout()
        self.new_button = QPushButton("新しいケース(&W)")
        self.open_button = QPushButton("ケースを開く(&O)…")
        self.new_button.clicked.connect(self.controller.new_case)
        self.open_button.clicked.connect(lambda: self.controller.open_case())
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.current = QLabel()
        self.current.setWordWrap(True)
        self.session.dirtyChanged.connect(self._show_current)
        layout.addWidget(self.current)

        dates = QGroupBox("日付")
        form = new_form()
        self.assessment_date = DateField("基準日")
        self.application_date = DateField("申込予定日")
        form_row(form, "基準日", self.assessment_date)
        form_row(form, "申込予定日", self.application_date)
        form.addRow("", note("基準日はこの診断の日付です。申込予定日で、その日に受け付けている制度とその条件が決まります。"))
        self.assessment_date.dateEdited.connect(
            lambda d: self.edit(lambda c: setattr(c, "assessment_date", d), "「基準日」の入力", "assessment_date"))
        self.application_date.dateEdited.connect(
            lambda d: self.edit(lambda c: setattr(c, "application_date", d), "「申込予定日」の入力",
                                "application_date"))
        dates.setLayout(form)
        layout.addWidget(dates)

        recent = QGroupBox("最近のケース")
        box = QVBoxLayout(recent)
        self.recent = QTreeWidget()
        self.recent.setAccessibleName("最近のケース")
        self.recent.setHeaderLabels(["会社", "最終保存", "判定", "ファイル"])
        self.recent.setRootIsDecorated(False)
        self.recent.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.recent.itemActivated.connect(self._open_recent)
        self.path_checker = PathChecker(self)
        self.path_checker.checked.connect(self._path_checked)
        self.open_recent_button = QPushButton("選んだケースを開く")
        self.open_recent_button.clicked.connect(lambda: self._open_recent(self.recent.currentItem()))
        box.addWidget(self.recent)
        box.addWidget(self.open_recent_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(note("判定は ◎利用できる見込み ○金融機関等の判断次第 ？入力不足 ×要件未充足 の件数です。"))
        layout.addWidget(recent)

        demo = QGroupBox("デモケース（操作の練習用）")
        form = new_form()
        self.demo_choice = ChoiceCombo("デモケース", list(DEMO_LABELS.items()))
        self.demo_button = QPushButton("デモケースを開く")
        self.demo_button.clicked.connect(lambda: self.controller.load_demo(self.demo_choice.value()))
        form_row(form, "デモケース", self.demo_choice)
        form.addRow("", self.demo_button)
        demo.setLayout(form)
        layout.addWidget(demo)

    def load(self, fresh: bool) -> None:
        self._show_current()
        if not self.session.has_case:
            return  # dates (today, the fields' default) and recent cases follow just after the first paint
        self.assessment_date.set_value(self.case.assessment_date, keep_invalid=not fresh)
        self.application_date.set_value(self.case.application_date, keep_invalid=not fresh)
        self.recent.clear()
        from desktop.logic.wizard.drafts import load_recent  # reads case files: pydantic, after the first paint

        entries = load_recent(self.session.data_dir)
        for entry in entries:
            item = QTreeWidgetItem([entry.company, f"{entry.saved_at:%Y-%m-%d %H:%M}", entry.summary,
                                    entry.path.name])
            item.setData(0, Qt.ItemDataRole.UserRole, str(entry.path))
            item.setToolTip(3, str(entry.path))
            self.recent.addTopLevelItem(item)
        # Listed at once; a file that turns out to be gone is removed when the check answers.
        self.path_checker.check([entry.path for entry in entries])

    def _show_current(self, _dirty: bool = False) -> None:
        path, saved_at = self.session.path, self.session.saved_at
        # Before the first case is made (just after the first paint): the new case it will be.
        name = self.case.company.name if self.session.has_case else ""
        text = f"編集中のケース：{name or '（会社名未入力）'}　ファイル：{path or 'まだ保存していません'}"
        if path and saved_at:
            text += f"　最終保存：{saved_at:%Y-%m-%d %H:%M}"
        if self.session.dirty:
            text += "（保存していない変更があります）"
        self.current.setText(text)

    def _path_checked(self, path: str, answer: object) -> None:
        for index in range(self.recent.topLevelItemCount()):
            item = self.recent.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) != path:
                continue
            if answer is False:
                self.recent.takeTopLevelItem(index)
            elif answer is None:
                item.setToolTip(3, f"{path}\n応答がありません（ネットワーク上の場所に接続できない可能性があります）")
                item.setForeground(3, self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            else:
                item.setToolTip(3, path)
                item.setData(3, Qt.ItemDataRole.ForegroundRole, None)
            return

    def _open_recent(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.controller.open_case(Path(item.data(0, Qt.ItemDataRole.UserRole)))
