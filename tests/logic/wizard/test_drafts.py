import datetime as dt

import pytest

from desktop.logic.wizard import drafts
from desktop.logic.case.files import CaseFileError
from tests.builders import case

NOW = dt.datetime(2026, 11, 24, 10, 30)


def test_draft_round_trip(tmp_path):
    c = case()
    file = drafts.write_draft(tmp_path, "abc", c, tmp_path / "x.hnavi", NOW)
    assert drafts.list_drafts(tmp_path) == [file]
    draft = drafts.read_draft(file)
    assert draft.case == c
    assert draft.source == tmp_path / "x.hnavi"
    assert draft.saved_at == NOW
    assert draft.draft_id == "abc"
    drafts.discard_draft(tmp_path, "abc")
    assert drafts.list_drafts(tmp_path) == []


def test_damaged_draft_is_refused(tmp_path):
    bad = tmp_path / f"x{drafts.DRAFT_SUFFIX}"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CaseFileError):
        drafts.read_draft(bad)


def test_missing_folder_has_no_drafts(tmp_path):
    assert drafts.list_drafts(tmp_path / "none") == []


def test_recent_list_keeps_one_row_per_file_newest_first(tmp_path):
    a = drafts.RecentCase(tmp_path / "a.hnavi", "A社", NOW, "◎1")
    b = drafts.RecentCase(tmp_path / "b.hnavi", "B社", NOW, "×2")
    drafts.remember_recent(tmp_path, a)
    drafts.remember_recent(tmp_path, b)
    rows = drafts.remember_recent(tmp_path, a)
    assert [r.company for r in rows] == ["A社", "B社"]
    assert drafts.load_recent(tmp_path) == rows


def test_recent_list_is_capped(tmp_path):
    for i in range(drafts.RECENT_LIMIT + 3):
        drafts.remember_recent(tmp_path, drafts.RecentCase(tmp_path / f"{i}.hnavi", f"{i}", NOW, ""))
    assert len(drafts.load_recent(tmp_path)) == drafts.RECENT_LIMIT


def test_unreadable_recent_list_is_empty(tmp_path):
    (tmp_path / drafts.RECENT_FILE).write_text("[{]", encoding="utf-8")
    assert drafts.load_recent(tmp_path) == []
