"""Start-up order: the first page is painted before the data files are checked and the case is
evaluated (issue 14), and a malformed data file still stops the app with a message."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import desktop.logic.data_files
import desktop.ui.app
from desktop.logic.case.demo import demo_cases
from desktop.logic.rules.data import RuleDataError
from desktop.logic.wizard.drafts import RecentCase, remember_recent
from desktop.ui import crash, temp_files
from desktop.ui.app import AppDirs
from desktop.ui.pages.start import DEMO_LABELS


@pytest.fixture
def gui(monkeypatch: pytest.MonkeyPatch, dirs: AppDirs, no_dialogs: list[tuple[str, str]]) -> list:
    """run_gui in the test's folders, without touching the real log or temporary folders; the
    windows it makes are collected, and a safety timer ends a run that never finishes."""
    monkeypatch.setattr(AppDirs, "default", classmethod(lambda cls: dirs))
    monkeypatch.setattr(crash, "install", lambda log_dir: None)
    monkeypatch.setattr(temp_files, "remove_stale", lambda: 0)
    windows: list = []
    real_create = desktop.ui.app.create_app

    def create(argv, dirs=None):  # noqa: ANN001, ANN202 - test wrapper
        app, window = real_create(argv, dirs)
        windows.append(window)
        QTimer.singleShot(10_000, lambda: app.exit(99))
        return app, window

    monkeypatch.setattr(desktop.ui.app, "create_app", create)
    yield windows
    for window in windows:
        window.session._set_dirty(False)
        window.close()


def test_the_case_is_evaluated_after_the_first_paint(gui: list, dirs: AppDirs, tmp_path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    saved = tmp_path / "A社.hnavi"
    saved.write_text("{}", encoding="utf-8")
    remember_recent(dirs.data, RecentCase(saved, "A社", dt.datetime(2026, 11, 24, 10, 0), "◎1"))
    real_finish = desktop.ui.app.finish_start
    seen = []

    def finish(window) -> None:  # noqa: ANN001
        start = window.page(0)  # the start page (the others are not made before this)
        # before: shown, no case made yet, nothing evaluated, the recent cases not yet listed
        seen.append((window.isVisible(), window.session.has_case, window.session.assessment,
                     start.recent.topLevelItemCount()))
        real_finish(window)
        seen.append((window.isVisible(), window.session.has_case, window.session.assessment is not None,
                     start.recent.topLevelItemCount()))
        QApplication.instance().exit(0)

    monkeypatch.setattr(desktop.ui.app, "finish_start", finish)
    assert desktop.ui.app.run_gui([]) == 0
    assert seen == [(True, False, None, 0), (True, True, True, 1)]


def test_the_start_page_lists_every_demo_case() -> None:
    assert list(DEMO_LABELS) == list(demo_cases())


def test_a_malformed_data_file_stops_the_app_with_a_message(gui: list, no_dialogs, monkeypatch) -> None:
    def malformed() -> None:
        raise RuleDataError("rules/abl.toml: キー flat_rate_percent が正しくありません")

    monkeypatch.setattr(desktop.logic.data_files, "validate_data_files", malformed)
    assert desktop.ui.app.run_gui([]) == 1
    assert len(no_dialogs) == 1
    title, message = no_dialogs[0]
    assert "データファイル" in title
    assert "rules/abl.toml" in message and "flat_rate_percent" in message


def test_the_first_page_waits_for_no_pydantic_rules_packet_or_pdfium(tmp_path) -> None:
    """What the window shows first needs PySide6 only; the rest loads after its first paint."""
    code = (
        "import sys; from pathlib import Path; from desktop.ui.app import AppDirs, create_app\n"
        f"app, window = create_app([], AppDirs(Path({str(tmp_path)!r}) / 'd', Path({str(tmp_path)!r}) / 'l'))\n"
        "window.show(); app.processEvents()\n"
        "print(' '.join(m for m in ('pydantic', 'desktop.logic.case.model', 'desktop.logic.rules.evaluation', "
        "'desktop.logic.data_files', 'reportlab', 'pypdfium2') if m in sys.modules))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert loaded.split() == []
