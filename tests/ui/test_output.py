"""The output page: summary, audience, PDF save/preview/print through the packet contract."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.logic.case.files import SaveError
from desktop.logic.case.demo import demo_cases
from desktop.logic.wizard.navigation import PAGE_IDS
from desktop.ui import dialogs
from desktop.ui.pages import output
from desktop.ui.app import create_app
from tests.pdf_tools import page_texts, squeeze
from tests.ui.conftest import TODAY


@pytest.fixture
def fake_packet(monkeypatch):
    """A stand-in with the packet module's contract: records calls, refuses a 'locked' file."""
    calls: list[tuple[Path, str, str | None]] = []

    def write_packet(assessment, path, audience="bank", addressee=None):
        if Path(path).name.startswith("locked"):
            raise SaveError(f"{Path(path).name} を保存できません: ファイルが他のアプリで開かれているか、書き込みが許可されていません。")
        calls.append((Path(path), audience, addressee))
        Path(path).write_bytes(b"%PDF-1.4 fake")

    module = types.SimpleNamespace(
        AUDIENCE_LABELS={"bank": "金融機関向け", "coordinator": "経営者保証コーディネーター向け", "internal": "社内控え"},
        write_packet=write_packet,
        build_packet=lambda assessment, audience="bank", addressee=None: b"%PDF-1.4 fake",
    )
    monkeypatch.setattr(output, "packet_builder", module)
    return calls


@pytest.fixture
def output_page(qtbot, dirs, no_dialogs, fake_packet):
    _app, window = create_app([], dirs, today=lambda: TODAY)
    qtbot.addWidget(window, before_close_func=lambda w: w.session._set_dirty(False))
    window.session.load_demo(demo_cases()["healthy"])
    window.show()
    window.jump_to(PAGE_IDS["output"])
    return window.currentPage()


def test_summary_shows_company_and_verdict_counts(output_page):
    text = output_page.summary.text()
    assert output_page.case.company.name in text
    assert "判定：" in text


def test_save_pdf_uses_audience_and_addressee(qtbot, output_page, fake_packet, monkeypatch, tmp_path, no_dialogs):
    from tests.ui.helpers import choose

    choose(output_page.audience, "coordinator")
    output_page.addressee.setEditText("みらい銀行 本店")
    monkeypatch.setattr(dialogs, "ask_pdf_path", lambda parent, suggested: tmp_path / "資料")
    qtbot.mouseClick(output_page.save_pdf_button, Qt.MouseButton.LeftButton)
    assert fake_packet == [(tmp_path / "資料", "coordinator", "みらい銀行 本店")]
    assert no_dialogs[-1][0] == "PDFを保存しました"


def test_locked_target_gives_a_message_not_a_crash(qtbot, output_page, monkeypatch, tmp_path, no_dialogs):
    monkeypatch.setattr(dialogs, "ask_pdf_path", lambda parent, suggested: tmp_path / "locked.pdf")
    qtbot.mouseClick(output_page.save_pdf_button, Qt.MouseButton.LeftButton)
    title, message = no_dialogs[-1]
    assert title == "PDFを保存できません"
    assert "locked.pdf" in message and "他のアプリ" in message


def test_each_preview_is_a_new_private_file_so_an_open_viewer_never_blocks_the_next(
        qtbot, output_page, fake_packet, monkeypatch):
    import stat

    opened: list[Path] = []
    monkeypatch.setattr(dialogs, "open_external", lambda path: opened.append(path) or True)
    qtbot.mouseClick(output_page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(output_page.preview_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 2 and opened[0] != opened[1] and opened[0].parent == opened[1].parent
    assert all(path.read_bytes().startswith(b"%PDF") for path in opened)
    if sys.platform != "win32":
        assert stat.S_IMODE(opened[0].parent.stat().st_mode) == 0o700
    assert all(call[1] == "bank" for call in fake_packet)


def test_print_asks_the_print_dialog_and_prints_the_chosen_range(qtbot, output_page, monkeypatch, tmp_path):
    """With the real packet: a PDF printer stands in for the real one."""
    from pypdf import PdfReader

    from desktop.logic.packet import build

    monkeypatch.setattr(output, "packet_builder", build)
    out = tmp_path / "printed.pdf"

    def choose_pages(parent, printer, pages):
        assert pages >= 3
        printer.setOutputFormat(printer.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setFromTo(2, 3)
        return True

    monkeypatch.setattr(dialogs, "ask_print", choose_pages)
    qtbot.mouseClick(output_page.print_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(out).pages) == 2


def test_cancelling_the_print_dialog_prints_nothing(qtbot, output_page, monkeypatch, tmp_path):
    from desktop.logic.packet import build

    monkeypatch.setattr(output, "packet_builder", build)
    printed = []
    monkeypatch.setattr(dialogs, "ask_print", lambda parent, printer, pages: False)
    monkeypatch.setattr("desktop.ui.printing.print_pdf", lambda *a: printed.append(a))
    qtbot.mouseClick(output_page.print_button, Qt.MouseButton.LeftButton)
    assert printed == []


def test_addressee_choices_come_from_the_case_lenders(output_page):
    names = {output_page.addressee.itemText(i) for i in range(output_page.addressee.count())}
    assert {loan.lender for loan in output_page.case.loans} <= names


def test_real_packet_is_saved_from_the_output_page(qtbot, dirs, no_dialogs, monkeypatch, tmp_path):
    """With the real packet module."""
    _app, window = create_app([], dirs, today=lambda: TODAY)
    qtbot.addWidget(window, before_close_func=lambda w: w.session._set_dirty(False))
    case = demo_cases()["healthy"]
    window.session.load_demo(case)
    window.show()
    window.jump_to(PAGE_IDS["output"])
    page = window.currentPage()
    monkeypatch.setattr(dialogs, "ask_pdf_path", lambda parent, suggested: tmp_path / "packet.pdf")
    qtbot.mouseClick(page.save_pdf_button, Qt.MouseButton.LeftButton)
    assert no_dialogs[-1][0] == "PDFを保存しました"
    cover = squeeze(page_texts((tmp_path / "packet.pdf").read_bytes(), pages=1)[0])
    assert case.company.name in cover


def test_the_owner_summary_is_offered_and_saved_as_one_page(qtbot, dirs, no_dialogs, monkeypatch, tmp_path):
    """With the real packet module: 一枚もの is an audience choice and gives one A4 page."""
    from tests.ui.helpers import choose

    _app, window = create_app([], dirs, today=lambda: TODAY)
    qtbot.addWidget(window, before_close_func=lambda w: w.session._set_dirty(False))
    window.session.load_demo(demo_cases()["succession"])
    window.show()
    window.jump_to(PAGE_IDS["output"])
    page = window.currentPage()
    choose(page.audience, "summary")
    assert not page.addressee.isEnabled()
    suggested: list[str] = []
    monkeypatch.setattr(dialogs, "ask_pdf_path",
                        lambda parent, name: suggested.append(name) or tmp_path / "summary.pdf")
    qtbot.mouseClick(page.save_pdf_button, Qt.MouseButton.LeftButton)
    assert no_dialogs[-1][0] == "PDFを保存しました"
    assert suggested[0].endswith("_一枚もの.pdf")
    pages = page_texts((tmp_path / "summary.pdf").read_bytes(), layout=False)
    assert len(pages) == 1 and "一枚もの" in pages[0]


def test_bare_suggested_names_go_to_the_documents_folder(monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    seen: list[str] = []
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(tmp_path))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, start, filt: seen.append(start) or ("", ""))
    assert dialogs.ask_pdf_path(None, "交渉資料_テスト.pdf") is None
    assert dialogs.ask_save_path(None, str(tmp_path / "x" / "a.hnavi")) is None
    assert seen == [str(tmp_path / "交渉資料_テスト.pdf"), str(tmp_path / "x" / "a.hnavi")]


def test_an_unreadable_print_file_is_said_in_japanese(qtbot, output_page, no_dialogs):
    qtbot.mouseClick(output_page.print_button, Qt.MouseButton.LeftButton)  # the fake packet is no real PDF
    assert no_dialogs[-1][0] == "印刷できません" and "読み込めませんでした" in no_dialogs[-1][1]
