"""The routes page compares before it explains (issue 12, point 6), and no page shows an internal
id (point 2): the table of the eleven routes fits one screen at 1366×768; a route's conditions
open when its row is chosen; the words are the packet's (rules/overview.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QScrollArea, QTableWidget, QWidget

from desktop.logic.case.demo import demo_cases
from desktop.logic.rules.overview import route_rows
from desktop.logic.wizard.navigation import PAGE_IDS
from tests.logic.packet.test_packet_words import INTERNAL_ID


def screen_texts(page: QWidget) -> list[str]:
    """Every text a person can read on the page, hidden route cards and tooltips included."""
    texts: list[str] = [page.title(), page.subTitle()]
    for widget in page.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            texts += [widget.horizontalHeaderItem(c).text() for c in range(widget.columnCount())
                      if widget.horizontalHeaderItem(c)]
            texts += [item.text() + item.toolTip() for r in range(widget.rowCount())
                      for c in range(widget.columnCount()) if (item := widget.item(r, c)) is not None]
    return [t for t in texts if t]


@pytest.mark.parametrize("name", ["healthy", "succession", "startup"])
def test_no_internal_id_on_the_pages_that_show_results(shared_wizard, name: str) -> None:
    # One window for the three cases: opening a case replaces what every page shows.
    shared_wizard.session.load_demo(demo_cases()[name])
    for key in ("governance", "routes", "negotiation", "output"):
        shared_wizard.jump_to(PAGE_IDS[key])
        found = [m.group(0) + "：" + text[:60] for text in screen_texts(shared_wizard.currentPage())
                 for m in INTERNAL_ID.finditer(text)]
        assert found == [], key


def test_the_eleven_routes_fit_one_screen_usable_first_and_open_on_demand(qtbot, wizard) -> None:
    wizard.resize(1366, 768)
    wizard.session.load_demo(demo_cases()["succession"])
    wizard.jump_to(PAGE_IDS["routes"])
    page = wizard.currentPage()
    qtbot.wait(10)
    rows = route_rows(wizard.session.assessment.routes)
    assert [r[3] for r in page.table.rows_text()] == [r.reason for r in rows]
    assert len(rows) == 11
    # The whole table is inside the visible part of the page's scroll area at 1366×768.
    viewport = page.findChild(QScrollArea).viewport()
    bottom = page.table.mapTo(viewport, page.table.rect().bottomLeft()).y()
    assert bottom <= viewport.height(), (bottom, viewport.height())
    # The first choice's card is open; the others are closed until their row is chosen.
    first = wizard.session.case.selected_routes[0]
    assert [rid for rid, card in page.cards.items() if card.isVisibleTo(page)] == [first]
    other = page.table.route_ids[-1]
    page.table.selectRow(page.table.route_ids.index(other))
    assert [rid for rid, card in page.cards.items() if card.isVisibleTo(page)] == [other]
    # Choosing a row to read changes nothing in the case.
    assert wizard.session.case.selected_routes[0] == first and not page.cards[other].pursue.isChecked()

