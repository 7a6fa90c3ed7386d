"""One application-wide guard against gestures that change data behind the user's back
(engineering notes §9): a wheel over an input that does not have keyboard focus scrolls the
page instead of changing the value, and Ctrl+Z/Ctrl+Y in a field undo the case, not the
field's own text, in windows that keep a case-level undo.

It is an event filter on the QApplication, so every input made now or later is covered
without per-widget code.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

# Inputs whose value a wheel turn changes (date edits are spin boxes; combos in tables too).
WHEEL_INPUTS = (QComboBox, QAbstractSpinBox, QAbstractSlider)
# A window with this property set handles undo/redo for the whole case (see MainWizard).
CASE_UNDO_PROPERTY = "hosho_case_undo"
WHEEL, POLISH, SHORTCUT_OVERRIDE = QEvent.Type.Wheel, QEvent.Type.Polish, QEvent.Type.ShortcutOverride
# Every event of the application passes through the filter: the others leave after one lookup.
WATCHED = frozenset({WHEEL, POLISH, SHORTCUT_OVERRIDE})
UNDO_KEYS = (QKeySequence("Ctrl+Z"),)
REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


def is_wheel_input(widget: QObject) -> bool:
    return isinstance(widget, WHEEL_INPUTS) and not isinstance(widget, QScrollBar)


def _has_focus(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return widget.hasFocus() or (focus is not None and widget.isAncestorOf(focus))


def _scroll_instead(widget: QWidget, event: QWheelEvent) -> None:
    """Hand the wheel to the nearest enclosing scroll area that can still move (a table inside
    the page first, then the page), as if the input were not there."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not is_wheel_input(parent):
            viewport = parent.viewport()
            position = viewport.mapFromGlobal(event.globalPosition())
            forwarded = QWheelEvent(position, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                                    event.buttons(), event.modifiers(), event.phase(), event.inverted())
            forwarded.setAccepted(False)
            QApplication.sendEvent(viewport, forwarded)
            if forwarded.isAccepted():
                return
        parent = parent.parentWidget()


def _key_sequence(event: QKeyEvent) -> QKeySequence:
    return QKeySequence(event.keyCombination())


def is_undo_key(event: QKeyEvent) -> bool:
    return _key_sequence(event) in UNDO_KEYS + REDO_KEYS


class InputGuard(QObject):
    """The filter itself; install with `install(app)`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind not in WATCHED:
            return False
        if kind == WHEEL:
            if is_wheel_input(watched) and not _has_focus(watched):  # type: ignore[arg-type]
                _scroll_instead(watched, event)  # type: ignore[arg-type]
                return True
        elif kind == POLISH:
            # WheelFocus would hand the input focus on the first wheel turn, and the next turn
            # would then change it: such inputs take focus by click or Tab only.
            if is_wheel_input(watched) and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:  # type: ignore[attr-defined]
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]
        elif isinstance(watched, QWidget):  # ShortcutOverride
            # A field would take Ctrl+Z for its own text; in a case window the case-level undo
            # (its window shortcut) gets it, so Ctrl+Z also works after the field was left.
            if watched.window().property(CASE_UNDO_PROPERTY) and is_undo_key(event):  # type: ignore[arg-type]
                event.ignore()
                return True
        return False


def install(app: QApplication) -> InputGuard:
    """Install the guard once per application (create_app may run many times in tests)."""
    existing = app.findChild(InputGuard)
    if existing is not None:
        return existing
    guard = InputGuard(app)
    app.installEventFilter(guard)
    return guard
