"""New, open, save, recent cases, autosave and recovery, the unsaved-changes prompt."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.logic.wizard import drafts
from desktop.logic.case.files import load_case, save_case
from desktop.logic.wizard.navigation import PAGE_IDS
from desktop.ui import dialogs
from desktop.ui.app import create_app
from tests.builders import case
from tests.ui.conftest import TODAY
from tests.ui.helpers import type_yen


def test_open_shows_the_case_on_every_page_and_lists_it_as_recent(qtbot, wizard, tmp_path):
    path = tmp_path / "テスト.hnavi"
    save_case(case(), path)
    assert wizard.open_case(path)
    assert wizard.currentId() == PAGE_IDS["company"]
    assert not wizard.session.dirty
    fin = wizard.pages["financials"]
    wizard.jump_to(PAGE_IDS["financials"])
    assert fin.fields[(0, "revenue_yen")].edit.text() == "500,000"
    assert fin.year_ends[2].value() == dt.date(2024, 3, 31)
    wizard.jump_to(PAGE_IDS["start"])
    start = wizard.pages["start"]
    row = start.recent.topLevelItem(0)
    verdicts = wizard.session.assessment.verdicts()
    assert (row.text(0), row.text(3)) == ("株式会社テスト製作所", "テスト.hnavi")
    assert row.text(2) == drafts.load_recent(wizard.session.data_dir)[0].summary
    assert row.text(2).startswith("◎") == ("eligible" in verdicts.values())


def test_open_recent_by_activating_its_row(qtbot, wizard, tmp_path):
    path = tmp_path / "a.hnavi"
    save_case(case(), path)
    wizard.open_case(path)
    wizard.session.new_case()
    wizard.jump_to(PAGE_IDS["start"])
    start = wizard.pages["start"]
    start.recent.setCurrentItem(start.recent.topLevelItem(0))
    qtbot.mouseClick(start.open_recent_button, Qt.MouseButton.LeftButton)
    assert wizard.session.path == path
    assert wizard.session.case.company.name == "株式会社テスト製作所"


def test_damaged_file_is_refused_with_a_message_and_current_case_kept(wizard, tmp_path, no_dialogs):
    bad = tmp_path / "bad.hnavi"
    bad.write_text('{"format_version": 1, "assessment_date": "2026-13-01"}', encoding="utf-8")
    before = wizard.session.case
    assert not wizard.open_case(bad)
    assert wizard.session.case is before
    title, message = no_dialogs[-1]
    assert title == "ケースを開けません"
    assert "bad.hnavi" in message and "ファイルは変更していません" in message
    assert bad.read_text(encoding="utf-8").startswith('{"format_version": 1')


def test_save_failure_is_a_message_and_the_case_stays_dirty(qtbot, wizard, tmp_path, monkeypatch, no_dialogs):
    wizard.jump_to(PAGE_IDS["company"])
    wizard.session.edit(lambda c: setattr(c.company, "name", "X社"))
    folder_in_the_way = tmp_path / "x.hnavi"
    folder_in_the_way.mkdir()
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: folder_in_the_way)
    qtbot.mouseClick(wizard.button(wizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)
    assert wizard.session.dirty
    assert no_dialogs[-1][0] == "保存できません"


def test_save_as_then_save_writes_the_same_file(qtbot, wizard, tmp_path, monkeypatch):
    target = tmp_path / "新規"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: target.with_suffix(".hnavi"))
    wizard.session.edit(lambda c: setattr(c.company, "name", "保存テスト"))
    assert wizard.save_case()
    wizard.session.edit(lambda c: setattr(c.company, "industry", "製造業"))
    assert wizard.isWindowModified()
    qtbot.mouseClick(wizard.button(wizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton)
    assert load_case(target.with_suffix(".hnavi")).company.industry == "製造業"
    assert not wizard.isWindowModified()


def test_autosave_writes_a_draft_only_while_dirty_and_save_removes_it(wizard, tmp_path, monkeypatch):
    folder = wizard.session.drafts_dir
    wizard.autosave()
    assert drafts.list_drafts(folder) == []
    wizard.session.edit(lambda c: setattr(c.company, "name", "下書き社"))
    assert wizard.autosave_timer.isActive() and wizard.autosave_timer.interval() <= 10_000
    wizard.autosave_timer.timeout.emit()
    [file] = drafts.list_drafts(folder)
    assert drafts.read_draft(file).case.company.name == "下書き社"
    assert wizard.session.autosave(dt.datetime(2026, 11, 24, 10, 0)) is None  # nothing new since the draft
    wizard.session.edit(lambda c: setattr(c.company, "name", "下書き社2"))
    assert wizard.session.autosave(dt.datetime(2026, 11, 24, 10, 1)) == file
    assert drafts.read_draft(file).case.company.name == "下書き社2"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: tmp_path / "s.hnavi")
    wizard.save_case()
    assert drafts.list_drafts(folder) == []


def test_crashed_session_is_offered_for_recovery(qtbot, wizard, dirs, monkeypatch):
    wizard.jump_to(PAGE_IDS["financials"])
    type_yen(qtbot, wizard.pages["financials"].fields[(0, "cash_yen")], "12,345")
    wizard.session.edit(lambda c: setattr(c.company, "name", "復元社"))
    wizard.autosave()
    lost = wizard.session.case
    # The first window "crashes": its draft stays and its lock is no longer held.
    wizard._lock.unlock()

    asked = []
    monkeypatch.setattr(dialogs, "ask_recover", lambda parent, company, saved_at, source: asked.append(company) or True)
    _app, second = create_app([], dirs, today=lambda: TODAY)
    qtbot.addWidget(second, before_close_func=lambda w: w.session._set_dirty(False))
    assert second.offer_recovery()
    assert asked == ["復元社"]
    assert second.session.case == lost
    assert second.session.case.periods[0].cash_yen == 12_345_000
    assert second.session.dirty
    assert [f for f in drafts.list_drafts(second.session.drafts_dir)
            if f.name.startswith(wizard.session.draft_id)] == []


def test_running_window_draft_is_not_offered(qtbot, wizard, dirs, monkeypatch):
    wizard.session.edit(lambda c: setattr(c.company, "name", "使用中"))
    wizard.autosave()
    _app, second = create_app([], dirs, today=lambda: TODAY)
    qtbot.addWidget(second)
    assert not second.offer_recovery()  # ask_recover would raise (no_dialogs)


def test_declining_recovery_deletes_the_draft(qtbot, wizard, dirs, monkeypatch):
    wizard.session.edit(lambda c: setattr(c.company, "name", "不要"))
    wizard.autosave()
    wizard._lock.unlock()
    monkeypatch.setattr(dialogs, "ask_recover", lambda *args: False)
    _app, second = create_app([], dirs, today=lambda: TODAY)
    qtbot.addWidget(second)
    assert not second.offer_recovery()
    assert second.session.case.company.name == ""
    assert drafts.list_drafts(second.session.drafts_dir) == []


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, wizard, monkeypatch):
    wizard.session.edit(lambda c: setattr(c.company, "name", "未保存"))
    answers = [dialogs.Unsaved.CANCEL, dialogs.Unsaved.DISCARD]
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, what: answers.pop(0))
    wizard.close()
    assert wizard.isVisible()
    wizard.close()
    assert not wizard.isVisible()
    assert drafts.list_drafts(wizard.session.drafts_dir) == []


def test_new_case_after_changes_can_save_first(qtbot, wizard, monkeypatch, tmp_path):
    wizard.session.edit(lambda c: setattr(c.company, "name", "先に保存"))
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, what: dialogs.Unsaved.SAVE)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: tmp_path / "first.hnavi")
    wizard.new_case()
    assert load_case(tmp_path / "first.hnavi").company.name == "先に保存"
    assert wizard.session.case.company.name == ""
    assert wizard.session.path is None
