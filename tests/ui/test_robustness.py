"""Errors become a Japanese dialog plus a log entry; demo cases load; rule faults don't crash."""

from __future__ import annotations

import logging
import sys

from desktop.logic.case.demo import demo_cases
from desktop.logic.wizard.navigation import PAGE_IDS
from desktop.ui import crash
from desktop.ui.app import case_argument


def test_excepthook_logs_and_shows_a_japanese_dialog(tmp_path, no_dialogs, caplog):
    try:
        raise ValueError("テスト用の例外")
    except ValueError:
        exc_type, exc, tb = sys.exc_info()
    with caplog.at_level(logging.CRITICAL, logger="desktop"):
        crash.excepthook(exc_type, exc, tb, tmp_path / "hosho-navi.log")
    title, message = no_dialogs[-1]
    assert title == "エラーが起きました"
    assert "予期しないエラー" in message and "テスト用の例外" in message and "hosho-navi.log" in message
    assert any(r.exc_info and r.exc_info[1] is exc for r in caplog.records)


def test_logging_writes_a_rotating_log(tmp_path):
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        log_file = crash.setup_logging(tmp_path)
        logging.getLogger("desktop.test").warning("記録テスト")
        for handler in root.handlers:
            handler.flush()
        assert "記録テスト" in log_file.read_text(encoding="utf-8")
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()


def test_a_failing_rule_is_reported_on_the_page_not_raised(wizard, monkeypatch):
    import desktop.logic.rules.evaluation as evaluation  # the session imports evaluate where it calls it

    def broken(case):
        raise RuntimeError("rule bug")

    monkeypatch.setattr(evaluation, "evaluate", broken)
    wizard.jump_to(PAGE_IDS["routes"])
    assert wizard.session.edit(lambda c: setattr(c.company, "name", "A"))
    page = wizard.currentPage()
    assert page.banner.isVisible()
    assert "判定の計算中にエラー" in page.banner.text()


def test_demo_case_loads_from_the_start_page(qtbot, wizard):
    start = wizard.pages["start"]
    from tests.ui.helpers import choose

    choose(start.demo_choice, "succession")
    start.demo_button.click()
    assert wizard.session.case == demo_cases()["succession"]
    assert wizard.currentId() == PAGE_IDS["company"]


def test_case_argument_is_the_first_non_option():
    assert case_argument([]) is None
    assert str(case_argument(["--x", "a.hnavi"])) == "a.hnavi"
