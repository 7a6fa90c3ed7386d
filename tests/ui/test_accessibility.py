"""Every input on every page has a name a screen reader can announce (engineering notes §6.2)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.logic.case.demo import demo_cases
from desktop.logic.wizard.navigation import PAGES
from tests.ui.helpers import accessible_name

INPUTS = (QLineEdit, QComboBox, QCheckBox, QAbstractSpinBox, QPlainTextEdit)


def _inputs(page: QWidget) -> list[QWidget]:
    found = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, INPUTS):
            continue
        # The line edit inside a combo box or date edit is part of that input.
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue
        found.append(widget)
    return found


def test_every_input_on_every_page_has_an_accessible_name(wizard):
    # A case with loans, assets and actions, so the table rows' cell widgets exist too.
    case = demo_cases()["succession"]
    wizard.session.load_demo(case)
    wizard.pages["negotiation"].ensure_built()
    wizard.pages["negotiation"]._propose()
    checked = 0
    for info in PAGES:
        wizard.jump_to(info.id)
        page = wizard.currentPage()
        inputs = _inputs(page)
        assert inputs, info.title
        unnamed = [w for w in inputs if not accessible_name(w).strip()]
        assert unnamed == [], (info.title, [type(w).__name__ for w in unnamed])
        checked += len(inputs)
    assert checked > 150


def test_every_input_is_reachable_with_tab(shared_wizard):
    for info in PAGES:
        shared_wizard.jump_to(info.id)
        for widget in _inputs(shared_wizard.currentPage()):
            assert widget.focusPolicy() & widget.focusPolicy().TabFocus, (info.title, accessible_name(widget))


def test_page_titles_and_purposes_are_shown(shared_wizard):
    for info in PAGES:
        shared_wizard.jump_to(info.id)
        assert shared_wizard.currentPage().title() == info.title
        assert shared_wizard.currentPage().subTitle() == info.purpose
