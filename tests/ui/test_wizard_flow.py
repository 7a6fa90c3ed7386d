"""A full case through every page, driven like a user, asserting on the case and the verdicts."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.logic.case.demo import demo_cases
from desktop.logic.case.files import load_case
from desktop.logic.rules.fees import fee_text
from desktop.logic.wizard.navigation import PAGE_IDS
from desktop.ui import dialogs
from desktop.ui.widgets import DateField, YenField
from tests.ui.conftest import TODAY
from tests.ui.helpers import accessible_name, choose, ime_commit, type_date, type_yen


def form_line(page, name: str) -> QLineEdit:
    found = [w for w in page.findChildren(QLineEdit) if accessible_name(w) == name]
    assert len(found) == 1, name
    return found[0]


def form_yen(page, name: str) -> YenField:
    found = [w for w in page.findChildren(YenField) if accessible_name(w.edit) == name]
    assert len(found) == 1, name
    return found[0]


def test_qt_buttons_are_japanese(wizard):
    assert wizard.button(wizard.WizardButton.NextButton).text() == "次へ(&N) >"
    wizard.jump_to(1)
    assert wizard.button(wizard.WizardButton.BackButton).text() == "< 戻る(&B)"


def test_side_list_reaches_every_page_and_back(wizard):
    for key in ("output", "financials", "start", "routes", "company"):
        wizard.side.setCurrentRow(PAGE_IDS[key])
        assert wizard.currentId() == PAGE_IDS[key]
        assert wizard.side.currentRow() == PAGE_IDS[key]


def test_full_case_through_every_page(qtbot, wizard, monkeypatch, tmp_path):
    session = wizard.session
    start = wizard.pages["start"]
    type_date(qtbot, start.application_date, "R8.12.1")
    assert session.case.application_date == dt.date(2026, 12, 1)

    qtbot.mouseClick(wizard.button(wizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    company = wizard.pages["company"]
    assert wizard.currentPage() is company
    ime_commit(form_line(company, "会社名"), "株式会社みなと製作所")
    ime_commit(company.representatives, "港一郎、港次郎")
    ime_commit(form_yen(company, "資本金").edit, "２，０００万円")
    type_yen(qtbot, form_yen(company, "従業員数"), "３５")
    company.goals["release_existing"].setChecked(True)
    type_yen(qtbot, form_yen(company, "借入金額"), "3,000万円")
    type_yen(qtbot, form_yen(company, "借入期間"), "60")
    c = session.case.company
    assert (c.name, c.representative_names, c.capital_yen, c.employees) == (
        "株式会社みなと製作所", ["港一郎", "港次郎"], 20_000_000, 35)
    assert session.case.situation.goals == ["release_existing"]
    assert session.case.situation.planned_loan.amount_yen == 30_000_000

    wizard.next()
    lenders = wizard.pages["lenders"]
    qtbot.mouseClick(lenders.loans.add_button, Qt.MouseButton.LeftButton)
    ime_commit(lenders.loans.cell(0, "lender"), "みなと銀行")
    type_yen(qtbot, lenders.loans.cell(0, "balance_yen"), "１億円")
    assert session.case.loans[0].lender == "みなと銀行"
    assert session.case.loans[0].balance_yen == 100_000_000
    assert session.case.loans[0].owner_guarantee is True
    assert "100,000,000円" in lenders.total.text()

    wizard.next()
    fin = wizard.pages["financials"]
    figures = {  # in 千円, the page's default unit
        "revenue_yen": "500,000", "ordinary_profit_yen": "28,000", "depreciation_yen": "10,000",
        "total_assets_yen": "400,000", "total_liabilities_yen": "250,000", "capital_stock_yen": "20,000",
        "cash_yen": "80,000", "short_term_borrowings_yen": "40,000", "long_term_borrowings_yen": "120,000",
        "loans_to_representative_yen": "0", "other_receivables_from_representative_yen": "0",
        "interest_expense_yen": "2,000", "bonds_yen": "0", "interest_dividend_income_yen": "0",
    }
    for column in range(2):
        for field, text in figures.items():
            type_yen(qtbot, fin.fields[(column, field)], text)
    # A loss typed the Japanese way and committed by the IME: ▲ and full-width digits.
    ime_commit(fin.fields[(0, "operating_profit_yen")].edit, "▲１，２３４")
    assert fin.fields[(0, "operating_profit_yen")].edit.text() == "▲1,234"
    type_yen(qtbot, fin.fields[(1, "operating_profit_yen")], "30,000")
    periods = session.case.periods
    assert [p.fiscal_year_end for p in periods] == [dt.date(2026, 3, 31), dt.date(2025, 3, 31)]
    assert periods[0].operating_profit_yen == -1_234_000
    assert periods[0].revenue_yen == 500_000_000
    # Live indicators beside the figures: 純資産 = 資産 − 負債, DBOP = 経常利益 + 減価償却費.
    # Amounts in the page's unit (千円), which the indicators' title says.
    assert "金額の単位：千円" in fin.indicator_title.text()
    assert fin.indicator_labels[(0, 0)].text() == "150,000"
    assert fin.indicator_labels[(2, 0)].text() == "38,000"
    assert fin.indicator_labels[(3, 0)].text() == "9.13倍"  # (40+120−80) ÷ (−1.234+10) 百万円
    type_yen(qtbot, fin.fields[(0, "operating_profit_yen")], "30,000")
    assert fin.indicator_labels[(3, 0)].text() == "2.00倍"

    wizard.next()
    gov = wizard.pages["governance"]
    row = gov.rows["GL-2.1-P1"]
    assert row.status.text().startswith("数字で判定：充足")
    assert "150,000,000円" in row.status.text()
    for item_id, item_row in gov.rows.items():
        if item_row.item.mode == "SELF":
            choose(item_row.answer, "yes")
    choose(gov.rows["GL-3.3"].answer, "partly")
    ime_commit(gov.rows["GL-3.3"].note, "試算表は四半期ごと")
    assert session.case.answers["GL-3.3"].answer == "partly"
    assert session.case.answers["GL-3.3"].note == "試算表は四半期ごと"
    # Overriding a figure-decided item needs a note; without it the figures still decide.
    choose(gov.rows["GL-2.1-P1"].answer, "no")
    assert "理由の記入が必要" in gov.rows["GL-2.1-P1"].status.text()
    assert session.assessment.checksheet.item("GL-2.1-P1").status == "met"
    ime_commit(gov.rows["GL-2.1-P1"].note, "決算後に大口の焦げ付き")
    assert session.assessment.checksheet.item("GL-2.1-P1").status == "not_met"
    choose(gov.rows["GL-2.1-P1"].answer, "unknown")
    assert session.assessment.checksheet.item("GL-2.1-P1").status == "met"

    wizard.next()
    routes = wizard.pages["routes"]
    assessment = session.assessment
    assert list(routes.cards) == [r.route_id for r in assessment.routes]
    for route in assessment.routes:
        card = routes.cards[route.route_id]
        assert card.verdict.text() == f"判定：{route.mark} {route.verdict_label}"
        assert card.fee.text().startswith("費用：")
        if route.verdict in ("eligible", "possible", "needs_input", "not_eligible"):
            assert [row[0] for row in card.condition_rows()] == [c.label for c in route.conditions]
    guideline = assessment.route("guideline_release")
    shown = routes.cards["guideline_release"].condition_rows()
    first = guideline.conditions[0]
    assert shown[0][1].startswith({"met": "充足", "declared": "申告", "not_met": "未充足", "unknown": "不明",
                                   "waived": "適用除外", "lender_decides": "金融機関等が判断"}[first.status])
    assert shown[0][4] == first.source
    assert all(routes.cards[r.route_id].fee.text().startswith(f"費用：{fee_text(r.fee)}") for r in assessment.routes)
    routes.cards["guideline_release"].pursue.click()
    assert session.case.selected_routes == ["guideline_release"]
    choose(routes.first_choice, "guideline_release")
    assert session.case.selected_routes[0] == "guideline_release"

    wizard.next()
    neg = wizard.pages["negotiation"]
    neg.requests["release"].setChecked(True)
    ime_commit(form_line(neg, "金融機関"), "みなと銀行")
    assert session.case.negotiation.counterparty == "みなと銀行"
    qtbot.mouseClick(neg.propose, Qt.MouseButton.LeftButton)
    unmet_ids = [r.id for r in session.assessment.checksheet.unmet()]
    assert [a.item_id for a in session.case.negotiation.actions] == unmet_ids
    assert "GL-3.3" in unmet_ids
    type_date(qtbot, neg.actions.cell(0, "due"), "２０２７／３／３１")
    assert session.case.negotiation.actions[0].due == dt.date(2027, 3, 31)
    assert session.case.negotiation.requests == ["release"]

    wizard.next()
    out = wizard.pages["output"]
    assert "株式会社みなと製作所" in out.summary.text()
    assert "第一希望：" + f"{guideline.mark} {guideline.name}" in out.summary.text()
    qtbot.mouseClick(out.done_button, Qt.MouseButton.LeftButton)
    assert session.case.history[-1].verdicts == session.assessment.verdicts()
    assert f"{TODAY:%Y-%m-%d}" in out.history.text()

    target = tmp_path / "みなと.hnavi"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: target)
    qtbot.mouseClick(out.save_button, Qt.MouseButton.LeftButton)
    assert not session.dirty
    assert load_case(target) == session.case
    assert wizard.windowTitle().startswith("経営者保証 解除ナビ — 株式会社みなと製作所 — みなと.hnavi")


def test_back_and_next_keep_what_was_typed(qtbot, wizard):
    for _ in range(3):
        wizard.next()
    fin = wizard.pages["financials"]
    type_yen(qtbot, fin.fields[(0, "revenue_yen")], "１２，３４５")
    type_yen(qtbot, fin.fields[(1, "cash_yen")], "abc")  # an unfinished, wrong entry
    assert fin.fields[(1, "cash_yen")].has_error()
    wizard.back()
    wizard.back()
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is fin
    assert fin.fields[(0, "revenue_yen")].edit.text() == "12,345"
    assert wizard.session.case.periods[0].revenue_yen == 12_345_000
    assert fin.fields[(1, "cash_yen")].edit.text() == "abc"
    assert "金額として読み取れません" in fin.fields[(1, "cash_yen")].error.text()


def test_bad_amount_is_explained_at_the_field_and_case_unchanged(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["company"])
    capital = form_yen(wizard.pages["company"], "資本金")
    type_yen(qtbot, capital, "1,000")
    capital.edit.selectAll()
    ime_commit(capital.edit, "1,00")  # replaces the selection in one go
    assert capital.error.text().startswith("⚠ 桁区切りのカンマ")
    assert capital.edit.property("invalid") is True
    assert wizard.session.case.company.capital_yen == 1_000
    capital.edit.selectAll()
    ime_commit(capital.edit, "▲5")
    assert "マイナスは入力できません" in capital.error.text()
    assert wizard.session.case.company.capital_yen == 1_000


def test_large_amounts_have_no_32_bit_limit(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["company"])
    type_yen(qtbot, form_yen(wizard.pages["company"], "資本金"), "3,000,000,000,000")
    assert wizard.session.case.company.capital_yen == 3_000_000_000_000


def test_unit_switch_keeps_exact_yen(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["financials"])
    fin = wizard.pages["financials"]
    field = fin.fields[(0, "revenue_yen")]
    type_yen(qtbot, field, "1,234,567円")
    assert wizard.session.case.periods[0].revenue_yen == 1_234_567
    assert field.edit.text() == "1,234.567"
    choose(fin.unit, fin.unit.itemData(0))  # 円
    assert field.edit.text() == "1,234,567"
    assert field.unit_label.text() == "円"


def test_tab_goes_down_a_period_and_enter_does_not_turn_the_page(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["financials"])
    fin = wizard.pages["financials"]
    fin.fields[(0, "revenue_yen")].edit.setFocus()
    qtbot.keyClick(fin.fields[(0, "revenue_yen")].edit, Qt.Key.Key_Tab)
    assert fin.focusWidget() is fin.fields[(0, "operating_profit_yen")].edit
    qtbot.keyClicks(fin.fields[(0, "operating_profit_yen")].edit, "100")
    qtbot.keyClick(fin.fields[(0, "operating_profit_yen")].edit, Qt.Key.Key_Return)
    assert wizard.currentPage() is fin
    assert fin.focusWidget() is fin.fields[(0, "ordinary_profit_yen")].edit
    assert wizard.session.case.periods[0].operating_profit_yen == 100_000


def test_typed_date_shows_wareki_and_blank_means_unknown(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["company"])
    company = wizard.pages["company"]
    [founded] = [w for w in company.findChildren(DateField) if accessible_name(w.edit).startswith("設立日")]
    # Before: typing into the QDateEdit gave 「未入力985/4/1」 and no date.
    founded.edit.setFocus()
    qtbot.keyClicks(founded.edit, "1985/4/1")
    qtbot.keyClick(founded.edit, Qt.Key.Key_Tab)
    assert wizard.session.case.company.incorporated_on == dt.date(1985, 4, 1)
    assert (founded.edit.text(), founded.era.text()) == ("1985/04/01", "昭和60年4月1日")
    type_date(qtbot, founded, "令和元年５月１日")
    assert wizard.session.case.company.incorporated_on == dt.date(2019, 5, 1)
    assert founded.era.text() == "令和元年5月1日"
    type_date(qtbot, founded, "")
    assert wizard.session.case.company.incorporated_on is None
    assert founded.edit.placeholderText() == "未入力" and founded.era.text() == ""


def test_wrong_date_keeps_the_text_and_the_case(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["company"])
    company = wizard.pages["company"]
    [founded] = [w for w in company.findChildren(DateField) if accessible_name(w.edit).startswith("設立日")]
    type_date(qtbot, founded, "2019/4/1")
    founded.edit.setFocus()
    founded.edit.selectAll()
    qtbot.keyClicks(founded.edit, "2019/2/30")
    qtbot.keyClick(founded.edit, Qt.Key.Key_Return)
    assert founded.edit.text() == "2019/2/30"
    assert founded.error.text() == "⚠ 2019年2月30日という日はありません。"
    assert founded.edit.property("invalid") is True
    assert wizard.focusWidget() is founded.edit  # Enter on a wrong date stays for correction
    assert wizard.session.case.company.incorporated_on == dt.date(2019, 4, 1)
    # Going to another page and back keeps the unfinished entry and its message.
    wizard.next()
    wizard.back()
    assert founded.edit.text() == "2019/2/30" and founded.has_error()
    founded.edit.setFocus()
    founded.edit.selectAll()
    qtbot.keyClicks(founded.edit, "H31.4.30")
    qtbot.keyClick(founded.edit, Qt.Key.Key_Return)
    assert wizard.session.case.company.incorporated_on == dt.date(2019, 4, 30)
    assert not founded.has_error() and not founded.error.isVisible()
    assert wizard.focusWidget() is not founded.edit


def test_required_date_refuses_blank(qtbot, wizard):
    start = wizard.pages["start"]
    type_date(qtbot, start.assessment_date, "")
    assert "空にできません" in start.assessment_date.error.text()
    assert wizard.session.case.assessment_date == TODAY


def test_a_wrong_year_end_keeps_its_text_while_figures_are_typed(qtbot, wizard):
    wizard.jump_to(PAGE_IDS["financials"])
    fin = wizard.pages["financials"]
    type_date(qtbot, fin.year_ends[0], "2026/2/30")
    assert "2026年2月30日という日はありません" in fin.year_ends[0].error.text()
    type_yen(qtbot, fin.fields[(0, "revenue_yen")], "100")
    assert fin.year_ends[0].edit.text() == "2026/2/30" and fin.year_ends[0].has_error()
    assert wizard.session.case.periods[0].revenue_yen == 100_000


def test_focus_and_wheel_never_change_a_date(qtbot, wizard):
    wizard.session.load_demo(demo_cases()["succession"])
    wizard.session._set_dirty(False)
    dated = 0
    for key in ("start", "company", "financials", "negotiation"):
        wizard.jump_to(PAGE_IDS[key])
        before = wizard.session.case.model_dump()
        for field in wizard.pages[key].findChildren(DateField):
            dated += field.value() is not None
            field.edit.setFocus()
            wheel = QWheelEvent(QPointF(5, 5), QPointF(5, 5), QPoint(0, 0), QPoint(0, -120),
                                Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                Qt.ScrollPhase.NoScrollPhase, False)
            QApplication.sendEvent(field.edit, wheel)
            qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
        assert wizard.session.case.model_dump() == before, key
    assert dated >= 8  # 基準日, 申込予定日, 設立日, 承継の予定日, three 決算日, action due dates
    assert not wizard.session.dirty


def test_a_wrong_start_date_survives_a_page_change_but_not_a_new_case(qtbot, wizard, no_dialogs):
    start = wizard.pages["start"]
    type_date(qtbot, start.application_date, "R8.13.1")
    assert start.application_date.has_error()
    wizard.next()
    wizard.back()
    assert start.application_date.edit.text() == "R8.13.1"
    wizard.session.new_case()
    assert start.application_date.edit.text() == f"{TODAY:%Y/%m/%d}"
    assert not start.application_date.has_error()
    assert start.application_date.era.text() == "令和8年11月24日"
