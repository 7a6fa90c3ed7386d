"""Nothing changes unless the adviser changed it (issue 10): the wheel over unfocused inputs,
another case replacing the current one, undo/redo of every kind of edit, Esc, closing, and
destructive buttons under Tab+Enter."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTreeWidget,
    QWidget,
)

from desktop.logic.case.demo import demo_cases
from desktop.logic.case.files import save_case
from desktop.logic.wizard import drafts
from desktop.logic.wizard.navigation import PAGE_IDS, PAGES
from desktop.ui import dialogs
from desktop.ui.app import create_app
from desktop.ui.guard import is_wheel_input
from desktop.ui.pages.base import UndoNotice
from desktop.ui.widgets import DateField
from desktop.ui.wizard import MainWizard
from tests.ui.conftest import TODAY
from tests.ui.helpers import choose, type_yen


@pytest.fixture
def discard_unsaved(monkeypatch: pytest.MonkeyPatch) -> None:
    """Demo cases are unsaved: switching between them answers 「保存しない」."""
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, what: dialogs.Unsaved.DISCARD)


def flush_deleted() -> None:
    # Rows rebuilt by set_rows leave their old cell widgets to deleteLater.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def wheel(widget: QWidget, delta: int) -> QWheelEvent:
    event = QWheelEvent(QPointF(4, 4), QPointF(widget.mapToGlobal(QPoint(4, 4))), QPoint(0, 0), QPoint(0, delta),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)
    return event


def wheel_inputs(page: QWidget) -> list[QWidget]:
    flush_deleted()
    return [w for w in page.findChildren(QWidget) if is_wheel_input(w) and w.isEnabled() and w.isVisible()]


# --- 1. the wheel -------------------------------------------------------------------------
def test_wheel_over_any_unfocused_input_never_changes_the_case(qtbot, wizard, discard_unsaved):
    probed: dict[str, int] = {}
    for key in demo_cases():
        wizard.load_demo(key)
        for info in PAGES:
            wizard.jump_to(info.id)
            page = wizard.pages[info.key]
            # Checked after every input, so the case is still the page's starting one before each.
            before = wizard.session.case.model_copy(deep=True)
            for widget in wheel_inputs(page):
                wizard.side.setFocus()
                assert not widget.hasFocus()
                for delta in (120, -120, -120, -120):
                    wheel(widget, delta)
                assert wizard.session.case == before, (key, info.key, widget.accessibleName())
                assert widget.focusPolicy() != Qt.FocusPolicy.WheelFocus  # a wheel turn never takes focus
                kind = "table" if isinstance(widget.parentWidget().parentWidget(), QTableWidget) else "form"
                probed[kind] = probed.get(kind, 0) + 1
    # Inputs of forms and inside tables (lender names, kinds, owners) were all probed.
    assert probed.get("form", 0) > 100 and probed.get("table", 0) >= 10, probed


def test_the_wheel_scrolls_the_page_instead(qtbot, wizard, discard_unsaved):
    wizard.load_demo("healthy")
    wizard.jump_to(PAGE_IDS["governance"])
    page = wizard.pages["governance"]
    bar = page.scroll.verticalScrollBar()
    combo = page.rows[next(iter(page.rows))].answer
    wizard.side.setFocus()
    before, choice = bar.value(), combo.currentIndex()
    wheel(combo, -120)
    assert bar.value() > before
    assert combo.currentIndex() == choice


def test_a_focused_input_still_takes_the_wheel_and_new_widgets_are_covered(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["company"])
    page = wizard.pages["company"]
    [month] = [w for w in page.findChildren(QComboBox) if w.accessibleName() == "決算月"]
    month.setFocus()
    wheel(month, -120)
    # The adviser is in the field: the wheel picks, as the arrow keys do.
    assert wizard.session.case.company.fiscal_year_end_month == 1
    # A slider or spin box made later, on any page, is covered too (application-wide).
    body = page.scroll.widget()
    later = [QSlider(Qt.Orientation.Horizontal, body), QSpinBox(body)]
    for widget in later:
        widget.setRange(0, 10)
        widget.show()
    wizard.side.setFocus()
    for widget in later:
        wheel(widget, 120)
        assert widget.value() == 0
        assert widget.focusPolicy() == Qt.FocusPolicy.StrongFocus


# --- 2. another case replaces the current one ------------------------------------------------
def visible_state(window: MainWizard) -> list[tuple[str, str, object]]:
    """What every page shows: each widget's text, choice, tick, scroll position and selection."""
    state: list[tuple[str, str, object]] = [("window", "page", window.currentId())]
    for info in PAGES:
        window.jump_to(info.id)
        page = window.pages[info.key]
        flush_deleted()
        for widget in page.findChildren(QWidget):
            if not widget.isVisibleTo(page) or isinstance(widget, QScrollBar):
                continue
            name = f"{info.key}:{type(widget).__name__}:{widget.accessibleName()}"
            if isinstance(widget, QTreeWidget):
                continue  # the recent-cases list is the app's, not the case's
            if isinstance(widget, QLineEdit):
                state.append((name, "text", widget.text()))
            elif isinstance(widget, QComboBox):
                state.append((name, "choice", (widget.currentText(), widget.count())))
            elif isinstance(widget, QCheckBox):
                state.append((name, "tick", widget.isChecked()))
            elif isinstance(widget, QAbstractSpinBox):
                state.append((name, "text", widget.text()))
            elif isinstance(widget, QPlainTextEdit):
                state.append((name, "text", widget.toPlainText()))
            elif isinstance(widget, QLabel):
                state.append((name, "label", widget.text()))
            if isinstance(widget, QAbstractScrollArea):
                state.append((name, "scroll", (widget.verticalScrollBar().value(),
                                               widget.horizontalScrollBar().value())))
            if isinstance(widget, QAbstractItemView) and not isinstance(widget, QTreeWidget):
                state.append((name, "selection", ([i.row() for i in widget.selectedIndexes()],
                                                  widget.currentIndex().row())))
        state.append((info.key, "scroll", page.scroll.verticalScrollBar().value()))
    return state


def test_opening_b_after_a_shows_nothing_of_a(qtbot, wizard, dirs, tmp_path, no_dialogs):
    a, b = demo_cases()["healthy"], demo_cases()["succession"]
    path_a, path_b = tmp_path / "a.hnavi", tmp_path / "b.hnavi"
    save_case(a, path_a)
    save_case(b, path_b)
    assert wizard.open_case(path_a)
    # Touch every kind of page state that is not in the case.
    wizard.jump_to(PAGE_IDS["output"])
    out = wizard.pages["output"]
    out.addressee.setEditText("あいち銀行 名古屋支店")
    choose(out.audience, "internal")
    wizard.jump_to(PAGE_IDS["financials"])
    fin = wizard.pages["financials"]
    choose(fin.unit, "yen")
    type_yen(qtbot, fin.fields[(0, "revenue_yen")], "12,34")  # refused entry left on screen
    assert fin.fields[(0, "revenue_yen")].has_error()
    wizard.jump_to(PAGE_IDS["lenders"])
    wizard.pages["lenders"].loans.table.selectRow(1)
    wizard.jump_to(PAGE_IDS["governance"])
    gov = wizard.pages["governance"]
    gov.assets.table.selectRow(0)
    gov.scroll.verticalScrollBar().setValue(900)
    wizard.jump_to(PAGE_IDS["negotiation"])
    wizard.pages["negotiation"].scroll.verticalScrollBar().setValue(300)
    wizard.jump_to(PAGE_IDS["company"])
    wizard.pages["company"].scroll.verticalScrollBar().setValue(500)
    assert not wizard.session.dirty  # only page state was touched: no question on opening B

    assert wizard.open_case(path_b)
    # Opening lands at the top of its first page.
    assert wizard.currentId() == PAGE_IDS["company"]
    assert wizard.pages["company"].scroll.verticalScrollBar().value() == 0
    after_a = visible_state(wizard)

    _app, fresh = create_app([], dirs, today=lambda: TODAY)
    qtbot.addWidget(fresh, before_close_func=lambda w: w.session._set_dirty(False))
    fresh.show()
    assert fresh.open_case(path_b)
    only_b = visible_state(fresh)
    assert [row for row in after_a if row not in only_b] == []
    assert after_a == only_b
    shown = "\n".join(str(value) for _name, _kind, value in after_a)
    for text in (a.company.name, "あいち銀行 名古屋支店", *(loan.lender for loan in a.loans)):
        assert text not in shown


# --- 3. undo and redo -----------------------------------------------------------------------
def press(qtbot, window: MainWizard, keys: str) -> None:
    """A shortcut typed wherever the focus is (the focused widget gets the key first)."""
    target = QApplication.focusWidget() or window
    key, *mods = reversed(keys.split("+"))
    modifier = Qt.KeyboardModifier.NoModifier
    for mod in mods:
        modifier |= {"Ctrl": Qt.KeyboardModifier.ControlModifier, "Shift": Qt.KeyboardModifier.ShiftModifier}[mod]
    qtbot.keyClick(target, getattr(Qt.Key, f"Key_{key}"), modifier)


def test_ctrl_z_undoes_a_field_after_it_was_left_and_ctrl_y_redoes(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["company"])
    page = wizard.pages["company"]
    page.name.setFocus()
    qtbot.keyClicks(page.name, "Minato")
    qtbot.keyClick(page.name, Qt.Key.Key_Tab)
    assert isinstance(QApplication.focusWidget(), QLineEdit)  # the next field, with no text of its own
    assert wizard.undo_button.isEnabled()
    assert "「会社名」の入力" in wizard.undo_button.toolTip()
    press(qtbot, wizard, "Ctrl+Z")
    assert wizard.session.case.company.name == ""
    assert page.name.text() == ""
    assert "新しいケース" in wizard.windowTitle()
    assert not wizard.session.dirty  # back to the case as it was: nothing to save
    press(qtbot, wizard, "Ctrl+Y")
    assert (wizard.session.case.company.name, page.name.text()) == ("Minato", "Minato")
    assert "Minato" in wizard.windowTitle()
    press(qtbot, wizard, "Ctrl+Z")
    press(qtbot, wizard, "Ctrl+Shift+Z")
    assert page.name.text() == "Minato"
    assert "やり直す操作はありません" in wizard.redo_button.toolTip()


def test_undo_across_pages_brings_back_a_deleted_period(qtbot, wizard, discard_unsaved):
    wizard.load_demo("healthy")
    wizard.jump_to(PAGE_IDS["company"])
    wizard.pages["company"].name.setFocus()
    qtbot.keyClicks(wizard.pages["company"].name, "X")
    wizard.jump_to(PAGE_IDS["financials"])
    fin = wizard.pages["financials"]
    periods = list(wizard.session.case.periods)
    fin.clear_buttons[0].click()
    assert len(wizard.session.case.periods) == 2
    assert fin.removed_notice.isVisible() and "直近期の決算を削除しました" in fin.removed_notice.text.text()
    fin.removed_notice.undo_button.click()
    assert wizard.session.case.periods == periods
    assert fin.fields[(0, "revenue_yen")].edit.text() != ""
    assert not fin.removed_notice.isVisible()
    wizard.undo_button.click()  # the company name typed on another page …
    assert wizard.session.case.company.name == demo_cases()["healthy"].company.name
    assert wizard.currentId() == PAGE_IDS["company"]  # … is undone where it can be seen
    assert wizard.pages["company"].name.text() == demo_cases()["healthy"].company.name
    wizard.redo_button.click()
    assert wizard.pages["company"].name.text().endswith("X")


def test_undo_restores_deleted_table_rows_and_checksheet_overrides(qtbot, wizard, discard_unsaved):
    wizard.load_demo("succession")
    loans = list(wizard.session.case.loans)
    wizard.jump_to(PAGE_IDS["lenders"])
    table = wizard.pages["lenders"].loans
    table.table.setCurrentCell(0, 0)
    table.remove_button.click()
    assert wizard.session.case.loans == loans[1:]
    notice = wizard.pages["lenders"].findChild(UndoNotice)
    assert notice.isVisible() and notice.text.text() == f"借入の行（{loans[0].lender}）を削除しました。"
    assert wizard.undo_button.toolTip().startswith("元に戻す：借入の行の削除")
    press(qtbot, wizard, "Ctrl+Z")
    assert wizard.session.case.loans == loans
    assert table.table.rowCount() == len(loans)

    wizard.jump_to(PAGE_IDS["governance"])
    gov = wizard.pages["governance"]
    row = next(r for r in gov.rows.values() if r.item.mode != "SELF")
    answers = dict(wizard.session.case.answers)
    choose(row.answer, "no")
    row.note.setFocus()
    qtbot.keyClicks(row.note, "reason")
    assert wizard.session.assessment.checksheet.item(row.item.id).overridden
    wizard.undo()  # the note, typed after the answer was chosen and the field changed
    wizard.undo()  # the answer
    assert wizard.session.case.answers == answers
    assert row.answer.value() == "unknown" and row.note.text() == ""
    wizard.redo()
    assert row.answer.value() == "no"


def test_every_kind_of_edit_undoes_back_to_the_start_and_redoes_to_the_end(qtbot, wizard, discard_unsaved):
    wizard.load_demo("startup")
    start = wizard.session.case.model_copy(deep=True)
    wizard.jump_to(PAGE_IDS["company"])
    company = wizard.pages["company"]
    company.name.setFocus()
    qtbot.keyClicks(company.name, "2")  # text
    [month] = [w for w in company.findChildren(QComboBox) if w.accessibleName() == "決算月"]
    choose(month, 6)  # choice
    company.goals["review_guarantee_amount"].click()  # tick box of a group
    [founded] = [w for w in company.findChildren(DateField) if w.edit.accessibleName().startswith("設立日")]
    type_yen(qtbot, founded, "平成10年6月2日")  # date, typed in 和暦
    wizard.jump_to(PAGE_IDS["financials"])
    type_yen(qtbot, wizard.pages["financials"].fields[(0, "revenue_yen")], "９９９")  # amount, full-width
    wizard.jump_to(PAGE_IDS["routes"])
    routes = wizard.pages["routes"]
    next(card for card in routes.cards.values() if not card.pursue.isChecked()).pursue.click()  # route pick
    wizard.jump_to(PAGE_IDS["negotiation"])
    negotiation = wizard.pages["negotiation"]
    negotiation.actions.add_button.click()  # table row
    negotiation.notes.setFocus()
    qtbot.keyClicks(negotiation.notes, "memo")  # free text
    wizard.jump_to(PAGE_IDS["output"])
    wizard.pages["output"].done_button.click()  # history snapshot
    end = wizard.session.case.model_copy(deep=True)
    steps = len(wizard.session.undo_stack)
    assert steps == 9  # one step per edit above
    for _ in range(steps):
        wizard.undo_button.click()
    assert wizard.session.case == start
    assert not wizard.undo_button.isEnabled()
    for _ in range(steps):
        wizard.redo_button.click()
    assert wizard.session.case == end
    wizard.jump_to(PAGE_IDS["company"])
    assert company.name.text() == end.company.name and month.currentText() == "6月"


def test_after_an_undo_every_page_shows_the_case_again_when_it_is_entered(qtbot, wizard, discard_unsaved):
    wizard.load_demo("healthy")
    wizard.jump_to(PAGE_IDS["financials"])
    cash = wizard.pages["financials"].fields[(0, "cash_yen")]
    shown = cash.edit.text()
    type_yen(qtbot, cash, "1,2,3")  # refused: left on screen with its message while the page is
    assert cash.has_error()
    wizard.jump_to(PAGE_IDS["company"])
    company = wizard.pages["company"]
    company.name.setFocus()
    qtbot.keyClicks(company.name, "X")
    wizard.undo()  # the name, on the page in view
    assert wizard.currentPage() is company
    assert company.name.text() == demo_cases()["healthy"].company.name
    wizard.jump_to(PAGE_IDS["financials"])
    assert not cash.has_error() and cash.edit.text() == shown


def test_opening_a_case_clears_the_undo_history(qtbot, wizard, tmp_path):
    wizard.session.edit(lambda c: setattr(c.company, "name", "A"), "「会社名」の入力")
    wizard.session.save(tmp_path / "a.hnavi")
    save_case(demo_cases()["startup"], tmp_path / "b.hnavi")
    assert wizard.undo_button.isEnabled()
    assert wizard.open_case(tmp_path / "b.hnavi")
    assert not wizard.undo_button.isEnabled()
    assert not wizard.session.undo()
    assert wizard.session.case.company.name == demo_cases()["startup"].company.name


# --- 4. Esc, closing, destructive buttons ------------------------------------------------------
def test_esc_never_closes_the_window(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["company"])
    page = wizard.pages["company"]
    page.name.setFocus()
    qtbot.keyClick(page.name, Qt.Key.Key_Escape)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    assert not wizard.session.dirty  # and without asking: no_dialogs fails on any question


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen popups
def test_esc_closes_an_open_drop_down_and_leaves_the_window(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["company"])
    [month] = [w for w in wizard.pages["company"].findChildren(QComboBox) if w.accessibleName() == "決算月"]
    month.setFocus()
    month.showPopup()
    popup = month.view()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert wizard.isVisible()
    assert wizard.session.case.company.fiscal_year_end_month is None


def test_closing_asks_only_when_there_are_unsaved_changes(qtbot, wizard, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, what: asked.append(what) or dialogs.Unsaved.CANCEL)
    wizard.session.edit(lambda c: setattr(c.company, "name", "A"))
    wizard.close()
    assert asked == ["閉じる"] and wizard.isVisible()
    wizard.undo()  # back to the case as it was: nothing unsaved any more
    wizard.close()
    assert asked == ["閉じる"]
    assert not wizard.isVisible()


def test_tab_and_enter_on_a_delete_button_deletes_nothing(qtbot, wizard, discard_unsaved):
    wizard.load_demo("healthy")
    wizard.jump_to(PAGE_IDS["financials"])
    fin = wizard.pages["financials"]
    last = fin.fields[(0, "dividends_yen")].edit
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is fin.clear_buttons[0]
    periods = list(wizard.session.case.periods)
    qtbot.keyClick(fin.clear_buttons[0], Qt.Key.Key_Return)
    qtbot.keyClick(fin.clear_buttons[0], Qt.Key.Key_Enter)
    assert wizard.session.case.periods == periods
    assert wizard.currentPage() is fin
    wizard.jump_to(PAGE_IDS["lenders"])
    remove = wizard.pages["lenders"].loans.remove_button
    wizard.pages["lenders"].loans.table.setCurrentCell(0, 0)
    remove.setFocus()
    loans = list(wizard.session.case.loans)
    qtbot.keyClick(remove, Qt.Key.Key_Return)
    assert wizard.session.case.loans == loans
    assert not remove.autoDefault()


# --- 5. where am I ----------------------------------------------------------------------------
def test_page_list_marks_blanks_and_governance_shows_its_unconfirmed_count(qtbot, wizard):
    side = [wizard.side.item(info.id).text() for info in PAGES]
    assert side[PAGE_IDS["start"]].endswith("✓")
    assert side[PAGE_IDS["company"]].endswith("未入力 9")
    wizard.jump_to(PAGE_IDS["company"])
    page = wizard.pages["company"]
    page.name.setFocus()
    qtbot.keyClicks(page.name, "A")
    assert wizard.side.item(PAGE_IDS["company"]).text().endswith("未入力 8")
    wizard.jump_to(PAGE_IDS["governance"])
    gov = wizard.pages["governance"]
    unknown = sum(r.status == "unknown" for r in wizard.session.assessment.checksheet.results.values())
    assert f"未確認の項目：{unknown} 件" in gov.unconfirmed.text()
    assert wizard.side.item(PAGE_IDS["governance"]).text().endswith(f"未確認 {unknown}")


def test_last_saved_is_when_the_file_was_saved_not_when_it_was_opened(qtbot, wizard, tmp_path):
    path = tmp_path / "old.hnavi"
    save_case(demo_cases()["healthy"], path)
    saved = dt.datetime(2026, 4, 1, 9, 30)
    os.utime(path, (saved.timestamp(), saved.timestamp()))
    assert wizard.open_case(path)
    [entry] = drafts.load_recent(wizard.session.data_dir)
    assert entry.saved_at == saved
    wizard.jump_to(PAGE_IDS["start"])
    start = wizard.pages["start"]
    assert start.recent.topLevelItem(0).text(1) == "2026-04-01 09:30"
    assert "最終保存：2026-04-01 09:30" in start.current.text()
    assert "保存していない変更" not in start.current.text()
    wizard.session.edit(lambda c: setattr(c.company, "industry", "金属"))
    assert "（保存していない変更があります）" in start.current.text()
    wizard.session.save()
    assert "保存していない変更" not in start.current.text()
    [entry] = drafts.load_recent(wizard.session.data_dir)
    assert entry.saved_at == dt.datetime.fromtimestamp(Path(path).stat().st_mtime).replace(microsecond=0)
    assert entry.saved_at != saved  # the new save, whatever the clock says
    assert f"最終保存：{entry.saved_at:%Y-%m-%d %H:%M}" in start.current.text()
