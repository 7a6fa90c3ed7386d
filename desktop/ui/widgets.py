"""Input widgets shared by every page: the yen field, optional dates, record tables.

Money is typed into a QLineEdit with a normalising validator, never a QSpinBox or
QIntValidator: those drop full-width IME digits and stop at 2^31 (engineering notes §2.5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.logic.case.dates import MAX_DATE, MIN_DATE
from desktop.logic.case.amounts import AmountError, Unit, normalize_amount_text, parse_yen
from desktop.logic.wizard.editing import amount_text

ERROR_PREFIX = "⚠ "
ERROR_COLOUR = QColor("#b00020")
# Only a field in error gets a style sheet: an application-wide one slows every widget's polish.
INVALID_STYLE = "QLineEdit { border: 2px solid #b00020; }"


def error_label() -> QLabel:
    """A dark-red message label; the text itself (⚠ …) carries the meaning, not the colour."""
    label = QLabel()
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
    label.setPalette(palette)
    label.hide()
    return label


class AmountValidator(QValidator):
    """Folds full-width digits and ▲/△/− into ASCII as the text is typed or committed by an IME.

    It always answers Acceptable: Invalid would silently drop what was typed, and
    Intermediate would suppress editingFinished/returnPressed. Whether the text is an amount
    is decided by parse_yen and reported in words beside the field.
    """

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:  # type: ignore[override]
        folded = normalize_amount_text(text) if text.strip() else text
        if folded.startswith("-"):
            # Shown the way Japanese statements write a negative; parse_yen reads ▲ as minus.
            folded = "▲" + folded[1:]
        # normalize_amount_text strips spaces at the ends; keep the cursor inside the text.
        return QValidator.State.Acceptable, folded, min(pos, len(folded))


class YenField(QWidget):
    """One amount: the line edit, its unit, and a Japanese error message under it.

    value() is integer yen or None (blank = unknown); valueEdited fires only when the user
    changes the amount to a valid one.
    """

    valueEdited = Signal(object)

    def __init__(self, name: str, *, unit: Unit = Unit.YEN, allow_negative: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unit = unit
        self._allow_negative = allow_negative
        self._value: int | None = None
        # The amount before the current edit: a refused entry puts the case back to it, so a
        # prefix typed on the way (the 1 of 「1,23」) never stays in the case.
        self._committed: int | None = None
        self.edit = QLineEdit(self)
        self.edit.setValidator(AmountValidator(self.edit))
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setAccessibleName(name)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        # Room for 1,000,000,000,000 and a sign; a money field need not span the window.
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("▲0,000,000,000,000") + 24)
        self.unit_label = QLabel(unit.label, self)
        self.error = error_label()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.unit_label)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self._update_hint()
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._reformat)

    def value(self) -> int | None:
        return self._value

    def has_error(self) -> bool:
        return not self.error.isHidden()

    def set_value(self, value: int | None, *, keep_invalid: bool = False) -> None:
        """Show a value from the case (no valueEdited); clears any error unless keep_invalid."""
        if keep_invalid and self.has_error():
            return
        self._value = self._committed = value
        self.edit.setText(amount_text(value, self._unit))
        self.show_error("")

    def set_unit(self, unit: Unit) -> None:
        self._unit = unit
        self.unit_label.setText(unit.label)
        self._update_hint()
        if not self.has_error():
            self.edit.setText(amount_text(self._value, unit))

    def _update_hint(self) -> None:
        sign = "▲や△はマイナス。" if self._allow_negative else ""
        self.edit.setAccessibleDescription(f"単位は{self._unit.label}。{sign}空欄は不明の意味です。")
        self.edit.setPlaceholderText("未入力")

    def _parse(self, text: str) -> int | None:
        value = parse_yen(text, self._unit)
        if value is not None and value < 0 and not self._allow_negative:
            raise AmountError("この項目にマイナスは入力できません。")
        return value

    def _on_edited(self, text: str) -> None:
        try:
            value = self._parse(text)
        except AmountError as exc:
            self.reject(str(exc))
            return
        self.show_error("")
        if value != self._value:
            self._value = value
            self.valueEdited.emit(value)

    def reject(self, message: str) -> None:
        """Say at the field why the entry is not taken, and put the case back to the amount it
        had before this edit."""
        self.show_error(message)
        if self._value != self._committed:
            self._value = self._committed
            self.valueEdited.emit(self._committed)

    def _reformat(self) -> None:
        if not self.has_error():
            self._committed = self._value
            self.edit.setText(amount_text(self._value, self._unit))

    def show_error(self, message: str) -> None:
        self.error.setText(ERROR_PREFIX + message if message else "")
        self.error.setVisible(bool(message))
        self.edit.setProperty("invalid", bool(message))
        self.edit.setStyleSheet(INVALID_STYLE if message else "")
        self.edit.setToolTip(message)


class DateField(QDateEdit):
    """A date with a calendar, within the dates a case may hold (dates.MIN_DATE … MAX_DATE);
    with optional=True, the day before MIN_DATE means 未入力 (None)."""

    _BLANK = QDate(MIN_DATE.year, MIN_DATE.month, MIN_DATE.day).addDays(-1)
    dateEdited = Signal(object)

    def __init__(self, name: str, *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy年MM月dd日")
        self.setAccessibleName(name)
        self.setDateRange(QDate(MIN_DATE.year, MIN_DATE.month, MIN_DATE.day),
                          QDate(MAX_DATE.year, MAX_DATE.month, MAX_DATE.day))
        if optional:
            self.setMinimumDate(self._BLANK)
            self.setSpecialValueText("未入力")
            self.setAccessibleDescription("日付をすべて選んで Delete キーを押すと未入力に戻ります。")
        self.setDate(self._BLANK if optional else QDate.currentDate())
        self.dateChanged.connect(lambda _d: self.dateEdited.emit(self.value()))

    def value(self) -> dt.date | None:
        d = self.date()
        if self._optional and d == self._BLANK:
            return None
        return dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        self.blockSignals(True)
        self.setDate(self._BLANK if value is None else QDate(value.year, value.month, value.day))
        self.blockSignals(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # An optional date is cleared the way any text is: select all, then Delete/Backspace.
        line = self.lineEdit()
        if self._optional and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) \
                and line.hasSelectedText() and line.selectedText() == line.text():
            self.setDate(self._BLANK)
            return
        super().keyPressEvent(event)


class ChoiceCombo(QComboBox):
    """A fixed list of (value, Japanese label); value() gives the stored value."""

    choiceEdited = Signal(object)

    def __init__(self, name: str, choices: Sequence[tuple[Any, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        for value, label in choices:
            self.addItem(label, value)
        self.activated.connect(lambda _i: self.choiceEdited.emit(self.value()))

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        self.blockSignals(True)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)


TRI_STATE: tuple[tuple[bool | None, str], ...] = ((None, "未回答"), (True, "はい"), (False, "いいえ"))


def form_row(form: QFormLayout, label: str, field: QWidget, focus: QWidget | None = None) -> QLabel:
    """Add a labelled row; the label is the buddy of the focusable part, which gives its accessible name."""
    text = QLabel(label)
    text.setWordWrap(True)
    text.setBuddy(focus or field)
    form.addRow(text, field)
    return text


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


def check_box(text: str) -> QCheckBox:
    box = QCheckBox(text)
    box.setAccessibleName(text.replace("&", ""))
    return box


@dataclass(frozen=True)
class Column:
    """One column of a RecordTable: the model field, its header and how it is edited."""

    field: str
    header: str
    kind: Literal["text", "yen", "choice", "bool", "date"]
    choices: tuple[tuple[Any, str], ...] = ()
    allow_negative: bool = False
    stretch: bool = False


class RecordTable(QWidget):
    """Rows of one pydantic model kind (loans, business assets, actions) edited in place.

    Each cell is a real widget with its own accessible name 「<列>（<n>行目）」; every change
    hands the whole list back through `edited`, so the page writes it to the case at once.
    """

    edited = Signal(list)

    def __init__(self, name: str, columns: Sequence[Column], factory: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._columns = list(columns)
        self._factory = factory
        self._rows: list[Any] = []
        self.table = QTableWidget(0, len(self._columns), self)
        self.table.setAccessibleName(name)
        self.table.setHorizontalHeaderLabels([c.header for c in self._columns])
        header = self.table.horizontalHeader()
        for i, column in enumerate(self._columns):
            header.setSectionResizeMode(
                i, QHeaderView.ResizeMode.Stretch if column.stretch else QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(44)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.add_button = QPushButton(f"{name}を追加")
        self.remove_button = QPushButton("選択した行を削除")
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        box.addLayout(buttons)

    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._rows = list(rows)
        self.table.setRowCount(0)
        for index, row in enumerate(self._rows):
            self._append_row(index, row)

    def cell(self, row: int, field: str) -> QWidget:
        column = next(i for i, c in enumerate(self._columns) if c.field == field)
        widget = self.table.cellWidget(row, column)
        assert widget is not None
        return widget

    def _append_row(self, index: int, record: Any) -> None:
        self.table.insertRow(index)
        for col, column in enumerate(self._columns):
            name = f"{self._name} {column.header}（{index + 1}行目）"
            self.table.setCellWidget(index, col, self._editor(index, column, name, getattr(record, column.field)))

    def _editor(self, index: int, column: Column, name: str, value: Any) -> QWidget:
        def write(new: Any) -> None:
            self._set(index, column.field, new)

        if column.kind == "yen":
            yen = YenField(name, allow_negative=column.allow_negative)
            yen.set_value(value)
            yen.valueEdited.connect(write)
            return yen
        if column.kind == "choice":
            combo = ChoiceCombo(name, column.choices)
            combo.set_value(value)
            combo.choiceEdited.connect(write)
            return combo
        if column.kind == "bool":
            box = QCheckBox()
            box.setAccessibleName(name)
            box.setChecked(bool(value))
            box.toggled.connect(write)
            return box
        if column.kind == "date":
            date = DateField(name, optional=True)
            date.set_value(value)
            date.dateEdited.connect(write)
            return date
        line = QLineEdit(value or "")
        line.setAccessibleName(name)
        line.textEdited.connect(write)
        return line

    def _set(self, index: int, field: str, value: Any) -> None:
        record = self._rows[index]
        self._rows[index] = type(record).model_validate({**record.model_dump(), field: value})
        self.edited.emit(self.rows())

    def _add(self) -> None:
        record = self._factory()
        self._rows.append(record)
        self._append_row(len(self._rows) - 1, record)
        self.table.setCurrentCell(len(self._rows) - 1, 0)
        self.cell(len(self._rows) - 1, self._columns[0].field).setFocus()
        self.edited.emit(self.rows())

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        del self._rows[row]
        self.set_rows(self._rows)
        self.edited.emit(self.rows())


class CountField(YenField):
    """A whole number that is not money (employees, months): same IME folding, its own unit."""

    def __init__(self, name: str, suffix: str, parent: QWidget | None = None) -> None:
        self._suffix = suffix
        super().__init__(name, allow_negative=False, parent=parent)
        self.unit_label.setText(suffix)

    def set_unit(self, unit: Unit) -> None:
        raise TypeError("a count has no money unit")

    def _update_hint(self) -> None:
        self.edit.setAccessibleDescription(f"単位は{self._suffix}。空欄は不明の意味です。")
        self.edit.setPlaceholderText("未入力")

    def _parse(self, text: str) -> int | None:
        digits = normalize_amount_text(text).replace(",", "").removesuffix(self._suffix).strip()
        if not digits:
            return None
        if not (digits.isascii() and digits.isdigit()):
            raise AmountError(f"0以上の整数で入力してください（例：12{self._suffix}）。")
        return int(digits)
