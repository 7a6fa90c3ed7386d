"""「決算書・試算表から読み込む」: the confirmation step between an exported file and the case.

Nothing enters the case here: the dialog only shows what would be imported, lets the adviser
correct figures and assign accounts, and hands back the confirmed values (accounting/mapping.py
applies them in one undoable edit).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.logic.accounting.mapping import IGNORE, LABELS, ImportPreview, build_preview
from desktop.logic.accounting.statements import Statement, read_statement
from desktop.logic.case.amounts import Unit, format_yen
from desktop.logic.case.model import PERIOD_FIELDS, SIGNED_PERIOD_FIELDS, Case
from desktop.ui.widgets import ERROR_PREFIX, ChoiceCombo, DateField, YenField, error_label

UNIT_CHOICES = ((Unit.YEN.value, "円"), (Unit.THOUSAND.value, "千円"), (Unit.MILLION.value, "百万円"))
# An account's assignment: the standard table (None), not imported (IGNORE) or a field.
ASSIGN_CHOICES: tuple[tuple[str | None, str], ...] = (
    (None, "判断待ち（読み込まない）"), (IGNORE, "読み込まない"), *PERIOD_FIELDS)


class ImportDialog(QDialog):
    """Preview of the chosen files for one period. After exec(): period(), values(), assignments()."""

    def __init__(self, paths: list[Path], case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("決算書・試算表から読み込む")
        self.setObjectName("import_dialog")
        self._paths = paths
        self._case = case
        self._assignments = dict(case.account_mapping)
        self._edited: dict[str, int | None] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("読み込むファイル：" + "、".join(p.name for p in paths)))
        form = QFormLayout()
        self.period = DateField("決算日")
        form.addRow("どの期の決算か（決算日）", self.period)
        self.unit = ChoiceCombo("金額の単位", UNIT_CHOICES)
        form.addRow("金額の単位", self.unit)
        layout.addLayout(form)
        self.unit_note = QLabel()
        self.unit_note.setWordWrap(True)
        layout.addWidget(self.unit_note)
        layout.addWidget(QLabel("読み込む数字（確認して、必要なら直してください。「読み込む」を押すまでケースは変わりません）"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["項目", "読み込む金額", "入力済みの金額", "元の科目"])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column, width in enumerate((170, 200, 150)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("読み込む数字")
        layout.addWidget(self.table, 4)
        layout.addWidget(QLabel("判断が必要な科目と、読み込まなかった科目（割り当てはこの会社の次回の読み込みにも使います）"))
        self.accounts = QTableWidget(0, 3)
        self.accounts.setHorizontalHeaderLabels(["科目（ファイル・行）", "金額", "割り当て"])
        self.accounts.verticalHeader().hide()
        self.accounts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accounts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.accounts.setColumnWidth(1, 150)
        self.accounts.setColumnWidth(2, 280)
        self.accounts.setAccessibleName("科目の割り当て")
        layout.addWidget(self.accounts, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("読み込む")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 680)

        self.statements = [read_statement(path) for path in paths]  # StatementError: the caller says so
        stated = {s.unit for s in self.statements if s.unit is not None}
        self.unit.set_value((stated.pop() if len(stated) == 1 else Unit.YEN).value)
        unclear = [s.path.name for s in self.statements if s.unit is None]
        self.unit_note.setText(
            f"{'、'.join(unclear)} には金額の単位が書かれていません。円か千円かを選んでください。" if unclear else "")
        self.unit.setEnabled(bool(unclear))
        self.unit.choiceEdited.connect(lambda _v: self._reread())
        period_end = next((s.period_end for s in self.statements if s.period_end), None)
        self.period.set_value(period_end or (case.sorted_periods()[0].fiscal_year_end if case.periods else None))
        self.period.dateEdited.connect(lambda _d: self._refresh())
        self._refresh()

    # --- what the caller reads after exec() ---
    def chosen_period(self) -> dt.date | None:
        return self.period.value()

    def values(self) -> dict[str, int | None]:
        values: dict[str, int | None] = {k: item.value for k, item in self.preview.fields.items()
                                         if item.value is not None}
        values.update(self._edited)
        return values

    def assignments(self) -> dict[str, str]:
        return dict(self._assignments)

    # --- internals ---
    def _reread(self) -> None:
        unit = Unit(self.unit.value())
        self.statements = [s if s.unit is not None else read_statement(s.path, unit) for s in self.statements]
        self._edited.clear()
        self._refresh()

    def _refresh(self) -> None:
        self.preview: ImportPreview = build_preview(self.statements, self._assignments)
        period_end = self.period.value()
        current = next((p for p in self._case.periods if p.fiscal_year_end == period_end), None)
        self.table.setRowCount(0)
        self._amount_fields: dict[str, YenField] = {}
        for key, label in PERIOD_FIELDS:
            item = self.preview.fields[key]
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(label))
            field = YenField(f"{label}（読み込む金額）", unit=Unit.YEN, allow_negative=key in SIGNED_PERIOD_FIELDS)
            field.set_value(self._edited.get(key, item.value))
            field.valueEdited.connect(lambda value, k=key: self._edited.__setitem__(k, value))
            self.table.setCellWidget(row, 1, field)
            self._amount_fields[key] = field
            now = getattr(current, key) if current else None
            now_item = QTableWidgetItem(format_yen(now, unknown=""))
            now_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 2, now_item)
            sources = "、".join(r.named_where for r in item.rows) or "（該当する科目なし）"
            source_item = QTableWidgetItem(sources)
            source_item.setToolTip(sources)
            self.table.setItem(row, 3, source_item)
        self._fill_accounts()
        lines = [f"注意：{w}" for w in self.preview.warnings] + [f"読めなかった行：{p}" for p in self.preview.problems]
        where = "新しい期として追加します。" if current is None else "入力済みの期の数字を上書きします（空欄の項目はそのまま）。"
        self.notes.setText("\n".join([where, *lines]))

    def _fill_accounts(self) -> None:
        rows = [(entry.row, f"「{LABELS[entry.suggested]}」の可能性") for entry in self.preview.review]
        rows += [(row, "") for row in self.preview.unread]
        assigned = [r for key in self.preview.fields for r in self.preview.fields[key].rows
                    if r.name in self._assignments]
        rows += [(row, "") for row in [*assigned, *self.preview.ignored]]
        self.accounts.setRowCount(0)
        for row, hint in rows:
            index = self.accounts.rowCount()
            self.accounts.insertRow(index)
            text = row.named_where + (f"　{hint}" if hint else "")
            self.accounts.setItem(index, 0, QTableWidgetItem(text))
            amount = QTableWidgetItem(format_yen(row.amount))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.accounts.setItem(index, 1, amount)
            combo = ChoiceCombo(f"{row.name}の割り当て", ASSIGN_CHOICES)
            combo.set_value(self._assignments.get(row.name))
            combo.choiceEdited.connect(lambda value, name=row.name: self._assign(name, value))
            self.accounts.setCellWidget(index, 2, combo)

    def _assign(self, account: str, target: str | None) -> None:
        if target is None:
            self._assignments.pop(account, None)
        else:
            self._assignments[account] = target
        self._refresh()

    def _accept(self) -> None:
        if self.period.value() is None:
            self.error.setText(ERROR_PREFIX + "どの期の決算かを、決算日で指定してください。")
            return
        bad = [LABELS[key] for key, field in self._amount_fields.items() if field.has_error()]
        if bad:
            self.error.setText(ERROR_PREFIX + "読み取れない金額があります：" + "、".join(bad))
            return
        self.accept()
