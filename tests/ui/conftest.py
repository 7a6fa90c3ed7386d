"""GUI tests run offscreen, with the app's folders in a temporary directory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.ui import dialogs
from desktop.ui.app import AppDirs, create_app
from desktop.ui.wizard import MainWizard

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def dirs(tmp_path: Path) -> AppDirs:
    return AppDirs(tmp_path / "data", tmp_path / "log")


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Fail loudly if a test would block on a real modal dialog; record error/info messages."""
    return stub_dialogs(monkeypatch)


def stub_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: shown.append((title, message)))
    monkeypatch.setattr(dialogs, "info", lambda parent, title, message: shown.append((title, message)))

    def unexpected(*_args: object) -> None:
        raise AssertionError("unexpected question dialog")

    monkeypatch.setattr(dialogs, "ask_unsaved", unexpected)
    monkeypatch.setattr(dialogs, "ask_recover", unexpected)
    monkeypatch.setattr(dialogs, "ask_open_path", unexpected)
    monkeypatch.setattr(dialogs, "ask_save_path", unexpected)
    monkeypatch.setattr(dialogs, "ask_pdf_path", unexpected)
    monkeypatch.setattr(dialogs, "ask_missing_glyphs", unexpected)
    monkeypatch.setattr(dialogs, "open_external", lambda path: True)
    monkeypatch.setattr(dialogs, "ask_print", unexpected)
    return shown


@pytest.fixture
def wizard(qtbot, dirs: AppDirs, no_dialogs: list[tuple[str, str]],
           monkeypatch: pytest.MonkeyPatch) -> MainWizard:
    _app, window = create_app([], dirs, today=lambda: TODAY)
    window.session.new_case()
    # pytest-qt closes the window after the test; a dirty case must not ask then.
    qtbot.addWidget(window, before_close_func=lambda w: w.session._set_dirty(False))
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)  # focus (and so editingFinished on Tab) needs an active window
    return window


@pytest.fixture(scope="module")
def shared_wizard(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MainWizard]:
    """One window for a module's tests that only look at pages (and at most load a demo case,
    which replaces everything): its pages are built once, not once per test."""
    root = tmp_path_factory.mktemp("shared")
    with pytest.MonkeyPatch.context() as monkeypatch:
        stub_dialogs(monkeypatch)
        _app, window = create_app([], AppDirs(root / "data", root / "log"), today=lambda: TODAY)
        window.session.new_case()
        window.show()
        yield window
        window.session._set_dirty(False)
        window.close()
        window.deleteLater()
