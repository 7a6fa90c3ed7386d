"""A whole case, from 開始 to 出力, filled and saved with the keyboard alone.

Only key events reach the window: Tab/Shift+Tab to move, typed keys (QTest) for Latin text,
an IME commit for Japanese text (what a Japanese IME sends on 確定; QTest cannot type kana),
↓ and Space for lists and tick boxes, Alt+N for 次へ and Ctrl+S to save. No setters, no mouse.
The save dialog is the one thing stubbed: it is the operating system's, not the app's.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QWidget

from desktop.logic.case.files import load_case
from desktop.logic.wizard.editing import PREFECTURES
from desktop.logic.wizard.navigation import PAGE_IDS
from desktop.ui import dialogs
from tests.ui.helpers import accessible_name, ime_commit

TAB_LIMIT = 400  # more than the longest page's fields (the checksheet)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def name_of(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
        widget = widget.parent()
    return widget.accessibleName() or accessible_name(widget)


def key(qtbot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), k, modifier)


def tab_to(qtbot, name: str) -> QWidget:
    """Press Tab until the field called name has the focus (it must be reachable by Tab)."""
    for _ in range(TAB_LIMIT):
        if name_of(focused()) == name:
            return focused()
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name!r}")


def type_in(qtbot, name: str, text: str, *, leave: Qt.Key = Qt.Key.Key_Tab) -> None:
    """Tab to a field, type text (IME commit when not ASCII) and leave it with Tab or Enter."""
    widget = tab_to(qtbot, name)
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        ime_commit(widget, text)
    key(qtbot, leave)


def pick(qtbot, name: str, downs: int) -> None:
    """Tab to a list and move down it (each ↓ is a choice, as on a closed Windows combo box)."""
    tab_to(qtbot, name)
    for _ in range(downs):
        key(qtbot, Qt.Key.Key_Down)


def tick(qtbot, name: str) -> None:
    tab_to(qtbot, name)
    key(qtbot, Qt.Key.Key_Space)


def press(qtbot, name: str) -> None:
    button = tab_to(qtbot, name)
    assert isinstance(button, QAbstractButton)
    key(qtbot, Qt.Key.Key_Space)


def next_page(qtbot, wizard, key_name: str) -> None:
    # A mnemonic acts in the active window, as for a person at the keyboard: make sure the wizard
    # is that window (under a loaded test worker activation can lag behind the last show).
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard, timeout=10_000)
    key(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    # A mnemonic presses its button the way a click shows it: after a short animation (and the page
    # may be built on first show, slow on a loaded CI machine; waitUntil returns as soon as it is there).
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_IDS[key_name], timeout=10_000)


def test_whole_case_by_keyboard_only(qtbot, wizard, monkeypatch, tmp_path):
    target = tmp_path / "keyboard.hnavi"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: target)
    session = wizard.session

    # 開始
    wizard.pages["start"].new_button.setFocus()
    type_in(qtbot, "申込予定日", "R8.12.1", leave=Qt.Key.Key_Return)
    next_page(qtbot, wizard, "company")

    # 会社概要
    type_in(qtbot, "会社名", "株式会社みなと製作所")
    type_in(qtbot, "代表者名", "港一郎")
    pick(qtbot, "都道府県（保証協会の地域）", PREFECTURES.index("愛知県") + 1)
    type_in(qtbot, "業種", "金属製品製造業")
    type_in(qtbot, "設立日（創業予定のときは設立予定日）", "1985/4/1")  # was 「未入力985/4/1」
    pick(qtbot, "決算月", 3)
    type_in(qtbot, "従業員数", "35")
    type_in(qtbot, "資本金", "２０，０００，０００")
    tick(qtbot, "既存の借入の経営者保証を外したい（解除）")
    type_in(qtbot, "借入先（金融機関）", "みなと銀行")
    type_in(qtbot, "借入金額", "30000000", leave=Qt.Key.Key_Return)
    type_in(qtbot, "借入期間", "60", leave=Qt.Key.Key_Return)
    next_page(qtbot, wizard, "lenders")

    # 取引金融機関: the bank typed as 借入先 is offered in the table (↓ picks it)
    press(qtbot, "借入を追加")
    assert name_of(focused()) == "借入 金融機関名（1行目）"
    key(qtbot, Qt.Key.Key_Down)
    type_in(qtbot, "借入 残高（円）（1行目）", "100000000")
    assert name_of(focused()) == "借入 経営者保証あり（1行目）"
    next_page(qtbot, wizard, "financials")

    # 決算: two periods, typed down each column (千円)
    figures = {"売上高": "500000", "営業利益": "30000", "経常利益": "28000", "減価償却費": "10000",
               "支払利息": "2000", "資産合計": "400000", "負債合計": "250000", "資本金": "20000",
               "現預金": "80000", "短期借入金": "40000", "長期借入金": "120000",
               "代表者への貸付金": "0", "代表者への仮払金・未収入金等": "0"}
    for column, year_end in (("直近期", "R8.3.31"), ("前期", "2025/3/31")):
        type_in(qtbot, f"{column}の決算日", year_end)
        for label, text in figures.items():
            type_in(qtbot, f"{label}（{column}）", text)
    next_page(qtbot, wizard, "governance")

    # ガバナンス・チェック: the declarations and every self-answered item はい
    gov = wizard.pages["governance"]
    for label in ("過去2年間、金融機関の求めに応じて決算書等を提出している",
                  "今後も継続して財務情報を開示することを誓約する", "経営者保証を提供しないことを希望する"):
        pick(qtbot, label, 1)
    press(qtbot, "事業用資産を追加")
    ime_commit(focused(), "本社工場の土地")
    pick(qtbot, "事業用資産 所有者（1行目）", 1)  # 代表者
    tick(qtbot, "事業用資産 賃貸借契約あり（1行目）")
    type_in(qtbot, "事業用資産 年間賃料（円）（1行目）", "1200000")
    self_answered = [row.item for row in gov.rows.values() if row.item.mode == "SELF"]
    for item in self_answered:
        pick(qtbot, f"{item.label} の回答", 1)
    next_page(qtbot, wizard, "routes")

    # 制度の選択: the first choice from the list
    pick(qtbot, "第一希望の制度", 1)
    first = session.assessment.routes[0]
    next_page(qtbot, wizard, "negotiation")

    # 交渉の準備: the counterparty from the lender list, a request, the action plan with a due date
    pick(qtbot, "金融機関", 1)
    type_in(qtbot, "支店", "本店営業部")
    tick(qtbot, "既存の借入の経営者保証の解除")
    press(qtbot, "行動を追加")
    type_in(qtbot, "行動 改善の内容（1行目）", "試算表を毎月お渡しする")
    type_in(qtbot, "行動 担当（1行目）", "港一郎")
    type_in(qtbot, "行動 期限（1行目）", "令和9年3月31日", leave=Qt.Key.Key_Return)
    next_page(qtbot, wizard, "output")

    # 出力: save with Ctrl+S
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not session.dirty

    saved = load_case(target)
    assert saved == session.case
    assert saved.application_date == dt.date(2026, 12, 1)
    company = saved.company
    assert (company.name, company.representative_names, company.prefecture, company.industry) == (
        "株式会社みなと製作所", ["港一郎"], "愛知県", "金属製品製造業")
    assert (company.incorporated_on, company.fiscal_year_end_month, company.employees, company.capital_yen) == (
        dt.date(1985, 4, 1), 3, 35, 20_000_000)
    assert saved.situation.goals == ["release_existing"]
    planned = saved.situation.planned_loan
    assert (planned.lender, planned.amount_yen, planned.term_months) == ("みなと銀行", 30_000_000, 60)
    assert [(loan.lender, loan.balance_yen, loan.owner_guarantee) for loan in saved.loans] == [
        ("みなと銀行", 100_000_000, True)]
    assert [p.fiscal_year_end for p in saved.periods] == [dt.date(2026, 3, 31), dt.date(2025, 3, 31)]
    for period in saved.periods:
        assert (period.revenue_yen, period.ordinary_profit_yen, period.total_assets_yen) == (
            500_000_000, 28_000_000, 400_000_000)
    assert saved.declarations.docs_submitted_2y is True
    assert [(a.name, a.owner, a.lease_contract, a.annual_rent_yen) for a in saved.business_assets] == [
        ("本社工場の土地", "representative", True, 1_200_000)]
    assert all(saved.answers[item.id].answer == "yes" for item in self_answered)
    assert saved.selected_routes == [first.route_id]
    neg = saved.negotiation
    assert (neg.counterparty, neg.branch, neg.requests) == ("みなと銀行", "本店営業部", ["release"])
    assert [(a.action, a.owner, a.due) for a in neg.actions] == [
        ("試算表を毎月お渡しする", "港一郎", dt.date(2027, 3, 31))]
    # Every route sees the one bank: none says the applying lender is missing.
    assert not any("申込金融機関が未入力" in (c.figure or "")
                   for r in session.assessment.routes for c in r.conditions)
