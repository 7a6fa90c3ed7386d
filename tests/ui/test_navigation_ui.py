"""Side-list jumps and Next/Back together, as an adviser clicks them."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop.logic.wizard.navigation import PAGE_IDS


def test_next_after_jumping_back_to_an_unvisited_page_still_moves_on(qtbot, wizard) -> None:
    wizard.jump_to(PAGE_IDS["financials"])
    wizard.jump_to(PAGE_IDS["lenders"])  # not visited yet: a forward jump in the history
    assert wizard.currentId() == PAGE_IDS["lenders"]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_IDS["financials"])
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_IDS["governance"])


def test_year_end_dates_cannot_be_duplicated_or_cleared_and_columns_stay_newest_first(wizard) -> None:
    import datetime as dt

    from desktop.logic.case.demo import demo_cases

    wizard.session.load_demo(demo_cases()["healthy"])
    wizard.jump_to(PAGE_IDS["financials"])
    page = wizard.currentPage()
    before = list(wizard.session.case.periods)
    page.year_ends[1].set_value(dt.date(2026, 3, 31))
    page.year_ends[1].dateEdited.emit(dt.date(2026, 3, 31))  # same as 直近期
    assert wizard.session.case.periods == before
    assert "前期の決算日：ほかの期と同じ決算日" in page.messages.text() and page.messages.isVisibleTo(page)
    page.year_ends[0].dateEdited.emit(None)  # cleared
    assert wizard.session.case.periods == before and "直近期の決算日：決算日は空にできません" in page.messages.text()
    assert page.year_ends[0].value() == before[0].fiscal_year_end
    page.year_ends[0].dateEdited.emit(dt.date(2023, 3, 31))  # now the oldest
    page.year_ends[0].editingFinished.emit()
    assert [p.fiscal_year_end.year for p in wizard.session.case.periods] == [2025, 2024, 2023]
    assert page.year_ends[0].value() == dt.date(2025, 3, 31)


def test_first_choice_cannot_be_unset_while_routes_are_ticked(wizard) -> None:
    from desktop.logic.case.demo import demo_cases
    from tests.ui.helpers import choose

    wizard.session.load_demo(demo_cases()["healthy"])
    wizard.jump_to(PAGE_IDS["routes"])
    page = wizard.currentPage()
    before = list(wizard.session.case.selected_routes)
    choose(page.first_choice, None)  # the combo's 未選択 entry
    assert wizard.session.case.selected_routes == before
    assert page.first_choice.value() == before[0]


def test_a_jump_back_fills_only_the_page_it_lands_on(wizard, monkeypatch) -> None:
    for key in ("company", "lenders", "financials", "governance", "routes"):
        wizard.jump_to(PAGE_IDS[key])  # visited in order: a jump to 会社概要 goes back through them
    loaded: list[str] = []
    for key, page in wizard.pages.items():
        monkeypatch.setattr(page, "load", lambda fresh, key=key: loaded.append(key))
    wizard.side.setCurrentRow(PAGE_IDS["company"])
    assert wizard.currentId() == PAGE_IDS["company"]
    assert loaded == ["company"]
    assert wizard.side.currentRow() == PAGE_IDS["company"]
