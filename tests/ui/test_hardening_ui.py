"""Issue 11 in the window: a case that fails to evaluate never gets the previous company's
packet or verdicts; an unreadable draft is kept and reported; missing glyphs are asked about;
damaged files (deep nesting included) are a message, never the crash dialog; logs, drafts and
previews are the user's only (previews: tests/ui/test_temp_files.py)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import types
from pathlib import Path

import pytest

from desktop.logic.case.demo import demo_cases
from desktop.logic.case.files import save_case
from desktop.logic.wizard import drafts
from desktop.logic.wizard.navigation import PAGE_IDS
from desktop.ui import crash, dialogs
import desktop.logic.rules.evaluation as evaluation  # the session imports evaluate where it calls it
from desktop.ui.pages import output

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def packets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The company of every packet written (a stand-in for the packet builder)."""
    written: list[str] = []

    def write_packet(assessment, path, audience="bank", addressee=None):
        written.append(assessment.case.company.name)
        Path(path).write_bytes(b"%PDF-1.4 fake")

    monkeypatch.setattr(output, "packet_builder", types.SimpleNamespace(
        AUDIENCE_LABELS={"bank": "金融機関向け", "coordinator": "コーディネーター向け", "internal": "社内控え"},
        write_packet=write_packet))
    return written


def test_a_case_that_fails_to_evaluate_never_prints_or_records_the_previous_company(
        qtbot, wizard, tmp_path, monkeypatch, packets, no_dialogs) -> None:
    good, failing = tmp_path / "good.hnavi", tmp_path / "failing.hnavi"
    save_case(demo_cases()["healthy"], good)
    save_case(demo_cases()["succession"], failing)
    assert wizard.open_case(good)
    wizard.jump_to(PAGE_IDS["routes"])  # its cards now show the healthy company's verdicts
    assert wizard.pages["routes"].cards
    wizard.jump_to(PAGE_IDS["output"])
    page = wizard.currentPage()
    assert page.save_pdf_button.isEnabled()
    page.addressee.setEditText("東海みらい銀行 本店")  # typed for the healthy company

    real = evaluation.evaluate

    def evaluate(case):
        if case.company.name == "株式会社さくら食品":
            raise RuntimeError("rule fault")
        return real(case)

    monkeypatch.setattr(evaluation, "evaluate", evaluate)
    assert wizard.open_case(failing)
    assert wizard.session.assessment is None and not wizard.session.output_ready
    wizard.jump_to(PAGE_IDS["output"])
    page = wizard.currentPage()
    for button in (page.preview_button, page.save_pdf_button, page.print_button, page.done_button):
        assert not button.isEnabled()
    assert "判定できていません" in page.summary.text() and "判定の計算中にエラー" in page.banner.text()
    assert page.addressee.currentText() == "するが銀行"  # its own lender, not the one typed before
    page.save_pdf(tmp_path / "forced.pdf")  # even if called directly
    page.mark_done()
    assert packets == [] and wizard.session.case.history == []
    wizard.jump_to(PAGE_IDS["routes"])
    routes = wizard.pages["routes"]
    assert not any(card.isVisible() for card in routes.cards.values())
    assert "判定できていません" in routes.counts.text()
    assert not routes.first_choice.isEnabled() and "◎" not in routes.first_choice.currentText()


def test_deeply_nested_file_is_a_message_not_the_crash_dialog(wizard, tmp_path, no_dialogs) -> None:
    bad = tmp_path / "nested.hnavi"
    bad.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    name_before = wizard.session.case.company.name
    assert not wizard.open_case(bad)
    title, message = no_dialogs[-1]
    assert title == "ケースを開けません" and "nested.hnavi" in message and str(tmp_path) in message
    assert wizard.session.case.company.name == name_before


def test_a_draft_from_a_newer_version_is_kept_and_reported(qtbot, wizard, dirs, no_dialogs) -> None:
    folder = wizard.session.drafts_dir
    file = drafts.write_draft(folder, "0" * 32, demo_cases()["healthy"], None, dt.datetime(2026, 11, 24, 9, 0))
    document = json.loads(file.read_text(encoding="utf-8"))
    document["case"]["format_version"] = 99
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert not wizard.offer_recovery()
    title, message = no_dialogs[-1]
    assert title == "自動保存のケースを復元できません" and "新しい版" in message and "残してあります" in message
    kept = file.with_name(file.name + drafts.UNREADABLE_SUFFIX)
    assert kept.exists() and json.loads(kept.read_text(encoding="utf-8"))["case"]["format_version"] == 99
    no_dialogs.clear()
    assert not wizard.offer_recovery() and no_dialogs == []  # told once, not at every start


def test_missing_glyphs_are_asked_about_before_the_pdf_is_made(wizard, packets, monkeypatch, tmp_path) -> None:
    window = wizard
    case = demo_cases()["healthy"]
    case.company.name = "𠮷野家"
    window.session.load_demo(case)
    window.jump_to(PAGE_IDS["output"])
    page = window.currentPage()
    asked: list[list[str]] = []
    monkeypatch.setattr(dialogs, "ask_missing_glyphs", lambda parent, warnings: asked.append(warnings) or False)
    assert page.save_pdf(tmp_path / "a.pdf") is None and packets == []
    assert "「会社名」" in asked[0][0] and "𠮷" in asked[0][0]
    monkeypatch.setattr(dialogs, "ask_missing_glyphs", lambda parent, warnings: True)
    assert page.save_pdf(tmp_path / "a.pdf") == tmp_path / "a.pdf" and packets == ["𠮷野家"]


@POSIX
def test_logs_are_the_users_only(tmp_path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        log_file = crash.setup_logging(tmp_path / "logs")
        assert log_file.stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "logs").stat().st_mode & 0o777 == 0o700
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()


def test_a_refused_edit_logs_where_not_what(wizard, caplog) -> None:
    secret = -int("4444444")
    with caplog.at_level(logging.DEBUG):
        assert not wizard.session.edit(lambda c: setattr(c.company, "capital_yen", secret))
    assert "capital_yen" in caplog.text and "4444444" not in caplog.text


def test_text_fields_stop_at_the_models_limits(wizard) -> None:
    from desktop.logic.case.model import MEMO_MAX, NAME_MAX

    wizard.jump_to(PAGE_IDS["negotiation"])
    page = wizard.currentPage()
    page.notes.setPlainText("メ" * (MEMO_MAX + 50))  # e.g. a long paste
    assert wizard.session.case.negotiation.notes == "メ" * MEMO_MAX
    assert page.notes.toPlainText() == "メ" * MEMO_MAX  # what is shown is what is kept
    from PySide6.QtWidgets import QLineEdit

    # 金融機関, 支店, ご担当者, 作成者: typing stops at the limit rather than being refused
    assert len([line for line in page.findChildren(QLineEdit) if line.maxLength() == NAME_MAX]) >= 4


def test_a_fault_while_building_the_packet_is_a_message(wizard, monkeypatch, tmp_path, no_dialogs) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("reportlab LayoutError stand-in")

    monkeypatch.setattr(output, "packet_builder", types.SimpleNamespace(
        AUDIENCE_LABELS={"bank": "金融機関向け"}, write_packet=broken))
    wizard.session.load_demo(demo_cases()["healthy"])
    wizard.jump_to(PAGE_IDS["output"])
    assert wizard.currentPage().save_pdf(tmp_path / "a.pdf") is None
    assert no_dialogs[-1][0] == "交渉資料を作れません" and "ケースはそのまま" in no_dialogs[-1][1]
