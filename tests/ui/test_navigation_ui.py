"""Side-list jumps and Next/Back together, as an adviser clicks them."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop.logic.navigation import PAGE_IDS


def test_next_after_jumping_back_to_an_unvisited_page_still_moves_on(qtbot, wizard) -> None:
    wizard.jump_to(PAGE_IDS["financials"])
    wizard.jump_to(PAGE_IDS["lenders"])  # not visited yet: a forward jump in the history
    assert wizard.currentId() == PAGE_IDS["lenders"]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_IDS["financials"])
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_IDS["governance"])
