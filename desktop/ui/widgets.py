"""Input widgets shared by every page: the yen field, typed dates, lender names, record tables.

Money is typed into a QLineEdit with a normalising validator, never a QSpinBox or
QIntValidator: those drop full-width IME digits and stop at 2^31 (engineering notes §2.5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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

from desktop.logic.case.amounts import AmountError, Unit, normalize_amount_text, parse_yen
from desktop.logic.case.dates import EXAMPLES, DateError, date_text, parse_date, wareki

ERROR_PREFIX = "⚠ "
# Error red for a light and for a dark colour scheme (Windows 11 dark mode): each ≥ 4.5:1 against
# its window colour, so a message stays readable whichever scheme the laptop uses.
ERROR_ON_LIGHT = "#b00020"
ERROR_ON_DARK = "#ff8a80"


def error_colour(palette: QPalette) -> QColor:
    """The error red that reads on this palette's window colour."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor(ERROR_ON_DARK if dark else ERROR_ON_LIGHT)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1–21)."""
    def luminance(c: QColor) -> float:
        def linear(v: float) -> float:
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def invalid_style(palette: QPalette) -> str:
    # Only a field in error gets a style sheet: an application-wide one slows every widget's polish.
    return f"QLineEdit {{ border: 2px solid {error_colour(palette).name()}; }}"


class ErrorLabel(QLabel):
    """A message label in the error red of the current colour scheme, following a scheme change;
    the text itself (⚠ …) carries the meaning, not the colour."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self._recolour()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()

    def _recolour(self) -> None:
        palette = self.palette()
        wanted = error_colour(palette)
        if palette.color(QPalette.ColorRole.WindowText) != wanted:
            palette.setColor(QPalette.ColorRole.WindowText, wanted)
            self.setPalette(palette)


def error_label() -> QLabel:
    label = ErrorLabel()
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


def _amount_text(value: int | None, unit: Unit) -> str:
    # Imported on use: the editing helpers load the case model (pydantic), which the first
    # page does not wait for (the start page has no amounts).
    from desktop.logic.wizard.editing import amount_text

    return amount_text(value, unit)


class YenField(QWidget):
    """One amount: the line edit, its unit, and a Japanese error message under it (or, in a
    table cell, reported through errorChanged).

    value() is integer yen or None (blank = unknown); valueEdited fires only when the user
    changes the amount to a valid one.
    """

    valueEdited = Signal(object)
    # The message shown (empty when cleared), for a table that shows it under itself.
    errorChanged = Signal(str)

    def __init__(self, name: str, *, unit: Unit = Unit.YEN, allow_negative: bool = True,
                 inline_error: bool = True, parent: QWidget | None = None) -> None:
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
        _lay_out_field(self, self.unit_label, inline_error)
        self._update_hint()
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._reformat)

    def value(self) -> int | None:
        return self._value

    def has_error(self) -> bool:
        return bool(self.error.text())

    def set_value(self, value: int | None, *, keep_invalid: bool = False) -> None:
        """Show a value from the case (no valueEdited); clears any error unless keep_invalid."""
        if keep_invalid and self.has_error():
            return
        self._value = self._committed = value
        self.edit.setText(_amount_text(value, self._unit))
        self.show_error("")

    def set_unit(self, unit: Unit) -> None:
        self._unit = unit
        self.unit_label.setText(unit.label)
        self._update_hint()
        if not self.has_error():
            self.edit.setText(_amount_text(self._value, unit))

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
            self.edit.setText(_amount_text(self._value, self._unit))

    def show_error(self, message: str) -> None:
        _show_field_error(self, message)
        self.edit.setToolTip(message)


class DateField(QWidget):
    """A typed date (西暦 or 和暦, full-width too) with its 和暦 beside it.

    The entry is read when it is finished (Enter or leaving the field), never per keystroke,
    so an IME conversion or a half-typed year never reaches the case. A date that cannot be
    read keeps its text for correction, says why, and leaves the case alone. value() is a
    date or None (blank = unknown); with optional=False a blank entry is refused.
    """

    dateEdited = Signal(object)
    # After every finished entry, taken or not (the 決算 page re-orders its columns then).
    editingFinished = Signal()
    # The message shown (empty when cleared), for a table that shows it under itself.
    errorChanged = Signal(str)

    def __init__(self, name: str, *, optional: bool = False, inline_error: bool = True,
                 era_below: bool = False, parent: QWidget | None = None) -> None:
        """era_below: the 和暦 under the entry, not beside it (a grid column as narrow as a figure)."""
        super().__init__(parent)
        self._optional = optional
        self._value: dt.date | None = None
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(name)
        self.edit.setAccessibleDescription(
            f"例：{EXAMPLES}。" + ("空欄は不明の意味です。" if optional else ""))
        self.edit.setToolTip(f"西暦でも和暦でも入力できます（例：{EXAMPLES}）。")
        self.edit.setPlaceholderText("未入力" if optional else "")
        # Wide enough for 2026/03/31 and for a typed 令和10年12月31日; a date need not span the window.
        metrics = self.edit.fontMetrics()
        self.edit.setMinimumWidth(metrics.horizontalAdvance("0000/00/00") + 24)
        self.edit.setMaximumWidth(metrics.horizontalAdvance("令和10年12月31日") + 24)
        if not inline_error and not era_below:  # a table cell: leave the room to the table's text columns
            self.edit.setMaximumWidth(self.edit.minimumWidth())
        self.era = QLabel(self)
        self.era.setAccessibleName(f"{name}（和暦）")
        self.error = error_label()
        _lay_out_field(self, self.era, inline_error, beside_below=era_below)
        self.edit.editingFinished.connect(self._commit)
        self.edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # Enter on a date that cannot be read stays in the field, with the message, for correction
        # (otherwise the wizard moves on to the next field).
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            try:
                self._read()
            except DateError:
                self._commit()
                return True
        return super().eventFilter(watched, event)

    def value(self) -> dt.date | None:
        return self._value

    def has_error(self) -> bool:
        return bool(self.error.text())

    def set_value(self, value: dt.date | None, *, keep_invalid: bool = False) -> None:
        """Show a date from the case (no dateEdited); clears any error unless keep_invalid."""
        if keep_invalid and self.has_error():
            return
        self._value = value
        self.edit.setText(date_text(value))
        self.era.setText(wareki(value) if value else "")
        self.show_error("")

    def _read(self) -> dt.date | None:
        value = parse_date(self.edit.text())
        if value is None and not self._optional:
            raise DateError("この日付は空にできません。日付を入力してください。")
        return value

    def _commit(self) -> None:
        try:
            value = self._read()
        except DateError as exc:
            self.show_error(str(exc))
        else:
            self.show_error("")
            self.edit.setText(date_text(value))
            self.era.setText(wareki(value) if value else "")
            if value != self._value:
                self._value = value
                self.dateEdited.emit(value)
        self.editingFinished.emit()

    def reject(self, message: str) -> None:
        """The case refused the date: say so and show the date the case still has."""
        self.set_value(self._value)
        self.show_error(message)

    def show_error(self, message: str) -> None:
        _show_field_error(self, message)
        self.edit.setToolTip(message or f"西暦でも和暦でも入力できます（例：{EXAMPLES}）。")
        if message:
            self.era.setText("")


def _lay_out_field(field: YenField | DateField, beside: QLabel, inline_error: bool,
                   beside_below: bool = False) -> None:
    """The edit with its unit or 和暦 beside it (or under it), and the message under them (unless
    a table shows it under itself: a cell has no room)."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field.edit, 1)
    if not beside_below:
        row.addWidget(beside)
    box = QVBoxLayout(field)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addLayout(row)
    if beside_below:
        box.addWidget(beside)
    if inline_error:
        box.addWidget(field.error)
    else:
        field.error.setParent(field)  # kept hidden; owned by the field so it goes with it
    field.setFocusProxy(field.edit)


def _show_field_error(field: YenField | DateField, message: str) -> None:
    """The message under the field (when it has room for one), its red border, and the signal."""
    if not message and not field.has_error():
        return  # already clear: a page load clears every field, and each signal redrew the page's messages
    field.error.setText(ERROR_PREFIX + message if message else "")
    # Outside the layout (a table cell, the 決算 grid) the label has no room and stays hidden.
    field.error.setVisible(bool(message) and field.layout().indexOf(field.error) >= 0)
    field.edit.setProperty("invalid", bool(message))
    field.edit.setStyleSheet(invalid_style(field.edit.palette()) if message else "")
    field.errorChanged.emit(message)


class NameCombo(QComboBox):
    """A name picked from a list or typed as a new one (a lender: 借入先, 交渉先).

    The list is the names the case already has, so a bank typed once is offered everywhere;
    nameEdited carries the stripped text whenever the user changes it.
    """

    nameEdited = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        # Enter must not add the typed text to the list: the list comes from the case.
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(name)
        line = self.lineEdit()
        line.setAccessibleName(name)
        line.setPlaceholderText("一覧から選ぶか、新しく入力")
        self._last = ""
        line.textEdited.connect(self._changed)
        # Inline completion fills the text without textEdited: take it when the entry ends.
        line.editingFinished.connect(lambda: self._changed(self.currentText()))
        self.activated.connect(lambda index: self._changed(self.itemText(index)))

    def set_names(self, names: Sequence[str], current: str) -> None:
        """Offer names and show current (no nameEdited)."""
        self.blockSignals(True)
        self.clear()
        self.addItems(list(names))
        self.setCurrentIndex(-1)
        self.setEditText(current)
        self.lineEdit().setCursorPosition(0)  # a narrow cell shows the start of the name, not the end
        self.blockSignals(False)
        self._last = current.strip()

    def _changed(self, text: str) -> None:
        if text.strip() != self._last:
            self._last = text.strip()
            self.nameEdited.emit(self._last)


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
    """One column of a RecordTable: the model field, its header and how it is edited.
    kind "name" is a NameCombo offering the names given to RecordTable.set_names."""

    field: str
    header: str
    kind: Literal["text", "name", "yen", "choice", "bool", "date"]
    choices: tuple[tuple[Any, str], ...] = ()
    allow_negative: bool = False
    stretch: bool = False


class RecordTable(QWidget):
    """Rows of one pydantic model kind (loans, business assets, actions) edited in place.

    Each cell is a real widget with its own accessible name 「<列>（<n>行目）」; every change
    hands the whole list back through `edited`, so the page writes it to the case at once.
    Tab and Shift+Tab go from cell to cell in reading order, then to the buttons; the table
    itself never takes the focus, so nothing typed can land outside a cell.
    """

    edited = Signal(list)

    def __init__(self, name: str, columns: Sequence[Column], factory: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._columns = list(columns)
        self._factory = factory
        self._rows: list[Any] = []
        self._names: list[str] = []
        self._errors: dict[tuple[int, int], str] = {}
        self._cells: dict[QObject, tuple[int, int]] = {}
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
        # With tab navigation on, Tab moved the table's hidden current cell and left the focus
        # in the same cell widget; and keys typed while the bare table had focus were dropped.
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.errors = error_label()
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
        box.addWidget(self.errors)
        box.addLayout(buttons)

    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._rows = list(rows)
        self._cells.clear()
        self._errors.clear()
        self._show_errors()
        self.table.setRowCount(0)
        for index, row in enumerate(self._rows):
            self._append_row(index, row)
        self._chain_focus()

    def shows(self, rows: Sequence[Any]) -> bool:
        """The cells show exactly these rows, none with an entry in error."""
        return list(rows) == self._rows and not self._errors and self.table.rowCount() == len(self._rows)

    def set_names(self, names: Sequence[str]) -> None:
        """The names the "name" columns offer; a cell being typed in keeps its text."""
        self._names = list(names)
        for row in range(self.table.rowCount()):
            for col, column in enumerate(self._columns):
                combo = self.table.cellWidget(row, col)
                if column.kind == "name" and isinstance(combo, NameCombo) and not combo.hasFocus():
                    combo.set_names(self._names, getattr(self._rows[row], column.field))

    def cell(self, row: int, field: str) -> QWidget:
        column = next(i for i, c in enumerate(self._columns) if c.field == field)
        widget = self.table.cellWidget(row, column)
        assert widget is not None
        return widget

    def _append_row(self, index: int, record: Any) -> None:
        self.table.insertRow(index)
        for col, column in enumerate(self._columns):
            name = f"{self._name} {column.header}（{index + 1}行目）"
            editor = self._editor(index, col, name, getattr(record, column.field))
            self.table.setCellWidget(index, col, editor)
            focus = editor.focusProxy() or editor
            self._cells[focus] = (index, col)
            focus.installEventFilter(self)

    def _editor(self, index: int, col: int, name: str, value: Any) -> QWidget:
        column = self._columns[col]

        def write(new: Any) -> None:
            self._set(index, column.field, new)

        def report(message: str) -> None:
            self._errors.pop((index, col), None)
            if message:
                self._errors[(index, col)] = f"{column.header}（{index + 1}行目）：{message}"
            self._show_errors()

        if column.kind == "yen":
            yen = YenField(name, allow_negative=column.allow_negative, inline_error=False)
            yen.set_value(value)
            yen.valueEdited.connect(write)
            yen.errorChanged.connect(report)
            return yen
        if column.kind == "choice":
            combo = ChoiceCombo(name, column.choices)
            combo.set_value(value)
            combo.choiceEdited.connect(write)
            return combo
        if column.kind == "name":
            names = NameCombo(name)
            names.set_names(self._names, value)
            names.nameEdited.connect(write)
            return names
        if column.kind == "bool":
            box = QCheckBox()
            box.setAccessibleName(name)
            box.setChecked(bool(value))
            box.toggled.connect(write)
            return box
        if column.kind == "date":
            date = DateField(name, optional=True, inline_error=False)
            date.set_value(value)
            date.dateEdited.connect(write)
            date.errorChanged.connect(report)
            return date
        line = QLineEdit(value or "")
        line.setCursorPosition(0)  # a narrow cell shows the start of its text, not the end
        line.setAccessibleName(name)
        line.textEdited.connect(write)
        return line

    def _chain_focus(self) -> None:
        """Tab order: the cells row by row, then the buttons."""
        chain: list[QWidget] = [self.table]
        for row in range(self.table.rowCount()):
            for col in range(len(self._columns)):
                widget = self.table.cellWidget(row, col)
                chain.append(widget.focusProxy() or widget)
        chain += [self.add_button, self.remove_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        where = self._cells.get(watched)
        if where is not None and event.type() == QEvent.Type.FocusIn:
            # The row being edited is the one 「選択した行を削除」 acts on, and it is scrolled into view.
            self.table.setCurrentCell(*where)
            self.table.scrollTo(self.table.model().index(*where))
        elif where is not None and event.type() == QEvent.Type.KeyPress and isinstance(watched, QCheckBox) \
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter in a tick-box cell goes on to the next cell, as in the text cells, rather
            # than reaching the wizard's default button.
            watched.focusNextChild()
            return True
        return super().eventFilter(watched, event)

    def _show_errors(self) -> None:
        messages = [self._errors[key] for key in sorted(self._errors)]
        self.errors.setText("\n".join(ERROR_PREFIX + m for m in messages))
        self.errors.setVisible(bool(messages))

    def _set(self, index: int, field: str, value: Any) -> None:
        record = self._rows[index]
        self._rows[index] = type(record).model_validate({**record.model_dump(), field: value})
        self.edited.emit(self.rows())

    def _add(self) -> None:
        record = self._factory()
        self._rows.append(record)
        self._append_row(len(self._rows) - 1, record)
        self._chain_focus()
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
