"""Record tables driven by the keyboard, and the one lender list shared by every lender field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.logic.wizard.navigation import PAGE_IDS
from desktop.ui.widgets import NameCombo
from tests.ui.helpers import accessible_name, ime_commit, type_date, type_yen


def focus_name() -> str:
    return accessible_name(QApplication.focusWidget())


def test_tab_walks_the_loan_cells_in_reading_order_then_the_buttons(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["lenders"])
    loans = wizard.pages["lenders"].loans
    loans.add_button.click()
    loans.add_button.click()
    loans.cell(0, "lender").setFocus()
    order = []
    for _ in range(12):
        order.append((loans.table.currentRow(), loans.table.currentColumn()))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == [(r, c) for r in range(2) for c in range(6)]
    assert QApplication.focusWidget() is loans.add_button
    qtbot.keyClick(loans.add_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert (loans.table.currentRow(), loans.table.currentColumn()) == (1, 5)
    assert focus_name() == "借入 返済緩和中（2行目）"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert (loans.table.currentRow(), loans.table.currentColumn()) == (1, 4)


def test_a_typed_balance_is_kept_on_leaving_the_cell_and_the_page(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["lenders"])
    page = wizard.pages["lenders"]
    page.loans.add_button.click()
    ime_commit(QApplication.focusWidget(), "みなと銀行")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # 種類
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # 残高
    assert focus_name() == "借入 残高（円）（1行目）"
    qtbot.keyClicks(QApplication.focusWidget(), "50000000")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert focus_name() == "借入 経営者保証あり（1行目）"
    balance = page.loans.cell(0, "balance_yen")
    assert balance.edit.text() == "50,000,000"
    assert wizard.session.case.loans[0].balance_yen == 50_000_000
    wizard.next()
    wizard.back()
    assert page.loans.cell(0, "balance_yen").edit.text() == "50,000,000"
    assert page.loans.cell(0, "balance_yen") is balance  # rows the case still has are not rebuilt
    assert wizard.session.case.loans[0].lender == "みなと銀行"


def test_enter_commits_a_cell_and_moves_on_without_turning_the_page(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["lenders"])
    page = wizard.pages["lenders"]
    page.loans.add_button.click()
    balance = page.loans.cell(0, "balance_yen")
    balance.edit.setFocus()
    qtbot.keyClicks(balance.edit, "1200")
    qtbot.keyClick(balance.edit, Qt.Key.Key_Return)
    assert balance.edit.text() == "1,200"
    assert focus_name() == "借入 経営者保証あり（1行目）"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert wizard.currentPage() is page
    assert (page.loans.table.currentRow(), page.loans.table.currentColumn()) == (0, 4)
    assert wizard.session.case.loans[0].owner_guarantee is False
    assert wizard.session.case.loans[0].balance_yen == 1_200


def test_wrong_cell_entries_are_explained_under_the_table(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["negotiation"])
    actions = wizard.pages["negotiation"].actions
    actions.add_button.click()
    due = actions.cell(0, "due")
    type_date(qtbot, due, "2027/2/29")
    assert actions.errors.text() == "⚠ 期限（1行目）：2027年2月29日という日はありません。"
    assert due.edit.text() == "2027/2/29"
    assert wizard.session.case.negotiation.actions[0].due is None
    type_date(qtbot, due, "R9.3.31")
    assert actions.errors.isHidden()
    assert due.era.text() == "令和9年3月31日"
    assert wizard.session.case.negotiation.actions[0].due == dt.date(2027, 3, 31)

    wizard.jump_to(PAGE_IDS["lenders"])
    loans = wizard.pages["lenders"].loans
    loans.add_button.click()
    balance = loans.cell(0, "balance_yen")
    type_yen(qtbot, balance, "abc")
    assert loans.errors.text().startswith("⚠ 残高（円）（1行目）：")
    assert (balance.edit.text(), wizard.session.case.loans[0].balance_yen) == ("abc", None)
    wizard.session.new_case()  # another case: nothing of this one's messages stays
    assert loans.errors.isHidden() and loans.table.rowCount() == 0


def test_remove_deletes_the_row_being_edited(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["lenders"])
    loans = wizard.pages["lenders"].loans
    for name in ("A銀行", "B信金", "C銀行"):
        loans.add_button.click()
        ime_commit(QApplication.focusWidget(), name)
    loans.cell(1, "balance_yen").setFocus()
    loans.remove_button.click()
    assert [loan.lender for loan in wizard.session.case.loans] == ["A銀行", "C銀行"]


def test_a_bank_typed_once_is_offered_to_the_planned_loan_and_the_negotiation(qtbot, wizard):
    session = wizard.session
    wizard.jump_to(PAGE_IDS["lenders"])
    page = wizard.pages["lenders"]
    page.loans.add_button.click()
    ime_commit(QApplication.focusWidget(), "みなと銀行")
    page.loans.add_button.click()
    second = page.loans.cell(1, "lender")
    assert isinstance(second, NameCombo)
    assert [second.itemText(i) for i in range(second.count())] == ["みなと銀行"]
    wizard.jump_to(PAGE_IDS["company"])
    [planned] = [c for c in wizard.pages["company"].findChildren(NameCombo)
                 if c.accessibleName() == "借入先（金融機関）"]
    assert [planned.itemText(i) for i in range(planned.count())] == ["みなと銀行"]
    assert planned.currentText() == ""
    planned.setFocus()
    qtbot.keyClick(planned, Qt.Key.Key_Down)  # picks the first bank of the list
    assert session.case.situation.planned_loan.lender == "みなと銀行"
    routes_text = [c.figure for r in session.assessment.routes for c in r.conditions if c.figure]
    assert not any("申込金融機関が未入力" in text for text in routes_text)
    wizard.jump_to(PAGE_IDS["negotiation"])
    [counterparty] = [c for c in wizard.pages["negotiation"].findChildren(NameCombo)
                      if c.accessibleName() == "金融機関"]
    counterparty.setFocus()
    qtbot.keyClick(counterparty, Qt.Key.Key_Down)
    assert session.case.negotiation.counterparty == "みなと銀行"
    # A new bank typed here joins the list the other fields offer.
    counterparty.lineEdit().selectAll()
    ime_commit(counterparty.lineEdit(), "あおば信金")
    qtbot.keyClick(counterparty.lineEdit(), Qt.Key.Key_Tab)
    assert session.case.negotiation.counterparty == "あおば信金"
    wizard.jump_to(PAGE_IDS["company"])
    assert [planned.itemText(i) for i in range(planned.count())] == ["みなと銀行", "あおば信金"]
    assert planned.currentText() == "みなと銀行"

