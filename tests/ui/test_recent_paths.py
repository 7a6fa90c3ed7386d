"""The start page lists recent cases without waiting for the file system: an unreachable network
share must not freeze the window."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.logic.wizard.drafts import RecentCase, remember_recent
from desktop.ui.path_check import PathChecker


def test_a_slow_check_does_not_block_and_an_unanswered_path_is_marked(qtbot, qapp) -> None:
    release = threading.Event()

    def slow_exists(path: str) -> bool:
        release.wait(10)  # a share that does not answer
        return True

    checker = PathChecker(exists=slow_exists, timeout_ms=50)
    seen: list[tuple[str, object]] = []
    checker.checked.connect(lambda path, answer: seen.append((path, answer)))
    checker.check([Path(r"\\server\share\a.hnavi")])
    assert seen == []  # check() returned without waiting for the file system
    qtbot.waitUntil(lambda: seen == [(r"\\server\share\a.hnavi", None)])
    release.set()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[1] == (r"\\server\share\a.hnavi", True)


def test_a_newer_check_drops_older_answers(qtbot, qapp) -> None:
    release = threading.Event()
    checker = PathChecker(exists=lambda path: release.wait(10) or False, timeout_ms=10_000)
    seen: list[tuple[str, object]] = []
    checker.checked.connect(lambda path, answer: seen.append((path, answer)))
    checker.check([Path("old.hnavi")])
    checker.check([])
    release.set()
    qtbot.wait(100)
    assert seen == []


def test_start_page_removes_a_missing_case_after_listing_it(qtbot, wizard, tmp_path: Path) -> None:
    existing = tmp_path / "ある.hnavi"
    existing.write_text("{}", encoding="utf-8")
    now = dt.datetime(2026, 11, 24, 10, 0)
    for path in (tmp_path / "ない.hnavi", existing):
        remember_recent(wizard.session.data_dir, RecentCase(path, path.stem, now, ""))
    page = wizard.currentPage()
    page.load(fresh=True)
    names = lambda: [page.recent.topLevelItem(i).text(3) for i in range(page.recent.topLevelItemCount())]  # noqa: E731
    qtbot.waitUntil(lambda: names() == ["ある.hnavi"])
    assert page.recent.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole) == str(existing)
