"""Driving the wizard the way a person does: IME commits, typing, picking from lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.widgets import ChoiceCombo, DateField, YenField


def ime_commit(widget: QWidget, text: str) -> None:
    """What a Japanese IME sends when the user confirms a conversion (engineering notes §2.5)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_yen(qtbot, field: YenField | DateField, text: str) -> None:
    """Replace the field's text and leave it; non-ASCII text arrives as an IME commit
    (QTest can only type Latin-1 keys)."""
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(field.edit, text)
    else:
        ime_commit(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


type_date = type_yen  # a date field is typed into the same way: replace the text, then Tab


def choose(combo: ChoiceCombo, value: object) -> None:
    """Pick an entry as a user would (activated fires, unlike setCurrentIndex)."""
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces (an explicit name or the buddy label's text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface else ""
