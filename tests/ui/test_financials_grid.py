"""The 決算 grid with real 決算書: paste from Excel, headings in view, messages in one place,
the balance warning, the period order of the packet, and a window that fits small screens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollArea

from desktop.logic.case.demo import demo_cases
from desktop.logic.case.dates import fiscal_period
from desktop.logic.packet.build import build_packet
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.wizard.navigation import PAGES
from tests.pdf_tools import page_texts, squeeze
from tests.ui.helpers import type_yen

FINANCIALS = next(p.id for p in PAGES if p.key == "financials")


def open_financials(wizard, demo: str | None = None):
    if demo:
        wizard.session.load_demo(demo_cases()[demo])
    wizard.show()
    wizard.jump_to(FINANCIALS)
    page = wizard.currentPage()
    QGuiApplication.processEvents()
    return page


def paste(qtbot, page, index: int, field: str, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    edit = page.fields[(index, field)].edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_block_copied_from_excel_fills_the_cells_in_order_and_names_what_it_could_not_read(qtbot, wizard):
    page = open_financials(wizard)
    # As Excel copies a 決算書 comparison: heading row, label column, oldest period on the left.
    paste(qtbot, page, 2, "revenue_yen",
          "\t2024年3月期\t2025年3月期\t2026年3月期\r\n"
          "売上高\t392,000\t371,000\t386,000\r\n"
          "営業利益\t▲12,500\t(4,100)\t9,800\r\n"
          "経常利益\t△14,800\tabc\t-\r\n")
    periods = wizard.session.case.periods
    assert [p.revenue_yen for p in periods] == [386_000_000, 371_000_000, 392_000_000]
    assert [p.operating_profit_yen for p in periods] == [9_800_000, -4_100_000, -12_500_000]
    assert [p.ordinary_profit_yen for p in periods] == [0, None, -14_800_000]
    assert page.fields[(1, "operating_profit_yen")].edit.text() == "▲4,100"
    report = page.messages.text()
    assert "8個の数字を貼り付けました" in report and "見出しの行・項目名の列は読み飛ばしました" in report
    assert "「abc」（経常利益・前期）金額として読み取れません" in report
    assert "カンマの位置" not in report


def test_one_copied_cell_is_pasted_into_the_field_as_typing(qtbot, wizard):
    page = open_financials(wizard)
    paste(qtbot, page, 0, "cash_yen", "12,345\r\n")
    qtbot.keyClick(page.fields[(0, "cash_yen")].edit, Qt.Key.Key_Tab)
    assert wizard.session.case.periods[0].cash_yen == 12_345_000


def test_headings_stay_over_their_columns_while_the_figures_scroll(qtbot, wizard):
    page = open_financials(wizard, "succession")
    wizard.resize(1000, 600)
    QGuiApplication.processEvents()
    scroll = next(a for a in page.findChildren(QScrollArea) if a.widget().isAncestorOf(page.inputs))
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    QGuiApplication.processEvents()
    assert scroll.verticalScrollBar().value() > 0
    assert page.fields[(0, "revenue_yen")].visibleRegion().isEmpty()  # the first rows scrolled away
    for index, heading in page.period_headings.items():
        assert heading.isVisible() and not heading.visibleRegion().isEmpty()
        field = page.fields[(index, "dividends_yen")]
        centre = heading.mapTo(wizard, QPoint(heading.width() // 2, 0)).x()
        left = field.mapTo(wizard, QPoint(0, 0)).x()
        assert left <= centre <= left + field.width(), index
    texts = [h.text() for _i, h in sorted(page.period_headings.items(), key=lambda kv: kv[1].x())]
    assert ["前々期" in texts[0], "前期" in texts[1], "直近期" in texts[2]] == [True, True, True]


def test_an_error_message_does_not_move_the_columns(qtbot, wizard):
    page = open_financials(wizard, "succession")
    qtbot.wait(50)

    def places() -> list[QPoint]:
        # Relative to the grid: focusing a field may scroll the grid sideways, which is no re-flow.
        grid = page.inputs.mapTo(wizard, QPoint(0, 0))
        return [w.mapTo(wizard, QPoint(0, 0)) - grid for w in [*page.fields.values(), *page.period_headings.values()]]

    before = places()
    field = page.fields[(1, "cash_yen")]
    type_yen(qtbot, field, "1,2,3")
    qtbot.wait(50)
    assert field.has_error() and field.error.isHidden()
    assert field.error.parent() is field  # not a window of its own, and deleted with its field
    assert "現預金（前期）：桁区切りのカンマ" in page.messages.text()
    assert places() == before


def test_a_balance_sheet_that_does_not_add_up_warns_without_blocking(qtbot, wizard):
    page = open_financials(wizard)
    for field, text in (("total_assets_yen", "400,000"), ("total_liabilities_yen", "250,000"),
                        ("net_assets_yen", "140,000")):
        type_yen(qtbot, page.fields[(0, field)], text)
    assert "直近期：資産合計（400,000千円）と負債合計＋純資産（390,000千円）が一致しません" in page.messages.text()
    assert wizard.session.case.periods[0].net_assets_yen == 140_000_000  # kept as typed
    type_yen(qtbot, page.fields[(0, "net_assets_yen")], "150,000")
    assert "一致しません" not in page.messages.text()
    wizard.next()
    assert wizard.currentId() == FINANCIALS + 1


def test_the_indicators_say_their_unit_and_follow_it(qtbot, wizard):
    page = open_financials(wizard, "succession")
    assert "金額の単位：千円" in page.indicator_title.text()
    assert page.indicator_labels[(0, 0)].text() == "▲3,200"  # 純資産 of 直近期 in 千円
    page.unit.setCurrentIndex(page.unit.findData("yen"))
    page.unit.activated.emit(page.unit.currentIndex())
    assert "金額の単位：円" in page.indicator_title.text()
    assert page.indicator_labels[(0, 0)].text() == "▲3,200,000"


def test_screen_columns_read_in_the_packets_order(qtbot, wizard):
    page = open_financials(wizard, "succession")
    case = wizard.session.case
    on_screen = [fiscal_period(case.periods[i].fiscal_year_end)
                 for i, _h in sorted(page.period_headings.items(), key=lambda kv: kv[1].x())]
    text = squeeze("".join(page_texts(build_packet(evaluate(case), "bank"))))
    # The packet's 決算 table heads its columns with the periods side by side.
    assert squeeze("".join(on_screen)) in text
    assert squeeze("".join(reversed(on_screen))) not in text
    assert on_screen == sorted(on_screen)  # oldest on the left


def test_window_fits_a_1024_wide_screen_and_1366_at_150_percent(qtbot, wizard):
    # Sizes are logical pixels, the same at any scale: 1366 px at 150 % is 910 wide, 1024 px at
    # 150 % is 683; the window keeps 40 px of the screen free (MainWizard._fit_to_screen).
    wizard.session.load_demo(demo_cases()["succession"])
    wizard.resize(1024 * 2 // 3 - 40, 768 * 2 // 3 - 60)
    wizard.show()
    for info in PAGES:  # every page built: QWizard widens the window for a page that needs it
        wizard.jump_to(info.id)
        QGuiApplication.processEvents()
        assert wizard.width() <= 1024 * 2 // 3 - 40, info.key
    assert wizard.minimumWidth() <= 1024 - 40
    assert wizard.minimumWidth() <= 1366 / 1.5 - 40


def test_a_heading_names_the_period_its_column_holds(qtbot, wizard):
    import datetime as dt

    page = open_financials(wizard, "succession")
    assert "2026年09月期" in page.period_headings[0].text()
    page.year_ends[0].dateEdited.emit(dt.date(2026, 10, 31))
    assert "直近期" in page.period_headings[0].text() and "2026年10月期" in page.period_headings[0].text()
    page.paste(0, "revenue_yen", "1\t2")  # beyond the newest column: reported, not lost silently
    assert "はみ出した1個" in page.messages.text()


# A pop-up menu on the offscreen platform: it cannot raise the menu or grab the keyboard.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_context_menus_paste_fills_the_grid_too(qtbot, wizard):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QAction, QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    page = open_financials(wizard)
    QGuiApplication.clipboard().setText("371,000\t386,000\r\n")
    edit = page.fields[(1, "revenue_yen")].edit

    def choose_paste() -> None:
        menu = QApplication.activePopupWidget()
        assert menu is not None
        menu.findChild(QAction, "edit-paste").trigger()
        menu.close()

    QTimer.singleShot(50, choose_paste)
    QApplication.sendEvent(edit, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                                                   edit.mapToGlobal(QPoint(5, 5))))
    assert [p.revenue_yen for p in wizard.session.case.periods] == [386_000_000, 371_000_000]
    assert edit.text() == "371,000"
