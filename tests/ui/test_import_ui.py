"""The 決算 page's import: files → a preview the adviser corrects and confirms → the case; a cancel or
a bad file leaves the case as it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.logic.case.demo import demo_cases
from desktop.logic.wizard.navigation import PAGE_IDS
from desktop.ui import dialogs
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.widgets import ChoiceCombo, YenField
from tests.logic.accounting import layouts
from tests.ui.helpers import choose, type_yen


@pytest.fixture
def page(wizard):
    healthy = demo_cases()["healthy"]
    wizard.session.load_demo(healthy.model_copy(update={"periods": healthy.sorted_periods()[1:]}))
    wizard.jump_to(PAGE_IDS["financials"])
    return wizard.currentPage()


def etax_files(tmp_path: Path, **changes: int) -> list[Path]:
    period = demo_cases()["healthy"].sorted_periods()[0].model_copy(update=changes)
    paths = []
    for name, data in layouts.etax(period).items():
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    return paths


def row_of(dialog: ImportDialog, label: str) -> int:
    return next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == label)


def test_confirmed_import_adds_the_period_with_corrections_and_remembers_assignments(
        qtbot, page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_dialogs) -> None:
    paths = etax_files(tmp_path, other_receivables_from_representative_yen=2_000_000)
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda parent: paths)
    seen: dict[str, object] = {}

    def confirm(dialog: ImportDialog) -> bool:
        seen["period"] = dialog.chosen_period()
        seen["sources"] = dialog.table.item(row_of(dialog, "減価償却費"), 3).text()
        # The adviser corrects 売上高 and assigns 仮払金 to the representative's receivables.
        revenue = dialog.table.cellWidget(row_of(dialog, "売上高"), 1)
        assert isinstance(revenue, YenField)
        type_yen(qtbot, revenue, "1,250,000,000")
        combo = next(w for r in range(dialog.accounts.rowCount())
                     if isinstance(w := dialog.accounts.cellWidget(r, 2), ChoiceCombo)
                     and dialog.accounts.item(r, 0).text().startswith("仮払金"))
        choose(combo, "other_receivables_from_representative_yen")
        assert page.session.case.periods[0].fiscal_year_end == dt.date(2025, 3, 31)  # nothing in yet
        return True

    monkeypatch.setattr(dialogs, "run_modal", confirm)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert seen["period"] == dt.date(2026, 3, 31)
    assert "HOT010_3.0_PL.csv" in str(seen["sources"]) and "HOT010_3.0_SC.csv" in str(seen["sources"])
    case = page.session.case
    newest = case.sorted_periods()[0]
    assert newest.fiscal_year_end == dt.date(2026, 3, 31)
    assert newest.revenue_yen == 1_250_000_000
    assert newest.other_receivables_from_representative_yen == 2_000_000
    assert newest.depreciation_yen == demo_cases()["healthy"].sorted_periods()[0].depreciation_yen
    assert case.account_mapping == {"仮払金": "other_receivables_from_representative_yen"}
    assert page.fields[(0, "revenue_yen")].value() == 1_250_000_000
    assert no_dialogs[-1][0] == "読み込みました"
    # One undo takes the whole import back (figures and the remembered assignment).
    assert page.session.undo()
    assert [p.fiscal_year_end for p in page.session.case.sorted_periods()][0] == dt.date(2025, 3, 31)
    assert page.session.case.account_mapping == {}


def test_cancel_leaves_the_case_unchanged(qtbot, page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          no_dialogs) -> None:
    paths = etax_files(tmp_path)
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda parent: paths)
    monkeypatch.setattr(dialogs, "run_modal", lambda dialog: False)
    before = page.session.case.model_copy(deep=True)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.session.case == before and not no_dialogs


def test_a_bad_file_is_named_in_japanese_and_the_case_is_unchanged(qtbot, page, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   no_dialogs) -> None:
    bad = tmp_path / "決算書.csv"
    bad.write_bytes(b"%PDF-1.7 binary")
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda parent: [bad])
    before = page.session.case.model_copy(deep=True)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.session.case == before
    assert no_dialogs == [("読み込めません", "決算書.csv：PDFファイルです。会計ソフトから CSV 形式で書き出したファイルを選んでください。")]


def test_a_file_without_a_unit_asks_for_it_and_rereads(qtbot, page, tmp_path: Path) -> None:
    path = tmp_path / "tb.csv"
    path.write_text("勘定科目,期末残高\n売上高,1200\n", encoding="utf-8")
    dialog = ImportDialog([path], page.session.case, page)
    qtbot.addWidget(dialog)
    assert dialog.unit.isEnabled() and "単位が書かれていません" in dialog.unit_note.text()
    assert dialog.values()["revenue_yen"] == 1200
    choose(dialog.unit, "thousand")
    assert dialog.values()["revenue_yen"] == 1_200_000
