"""Every question the app asks and every file it hands to the system, in one place.

Tests replace these functions (monkeypatch) instead of clicking real modal dialogs
(engineering notes §2.7).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import platformdirs
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

PDF_FILTER = "PDF (*.pdf)"


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget, what: str) -> Unsaved:
    """「保存しますか」 before something would drop unsaved changes."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent, "変更の保存", f"このケースには保存していない変更があります。{what}前に保存しますか？",
        buttons.Save | buttons.Discard | buttons.Cancel, buttons.Save)
    return {buttons.Save: Unsaved.SAVE, buttons.Discard: Unsaved.DISCARD}.get(answer, Unsaved.CANCEL)


def ask_recover(parent: QWidget, company: str, saved_at: str, source: str) -> bool:
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent, "自動保存からの復元",
        f"前回、保存せずに終了したケースが見つかりました。\n\n会社：{company}\n自動保存：{saved_at}\n"
        f"元のファイル：{source}\n\n復元しますか？（「いいえ」を選ぶと自動保存は削除されます）",
        buttons.Yes | buttons.No, buttons.Yes)
    return answer == buttons.Yes


def ask_missing_glyphs(parent: QWidget, warnings: list[str]) -> bool:
    """Before a packet is made with characters its fonts lack: go on anyway, or go back and fix."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.warning(
        parent, "印刷できない文字があります",
        "\n\n".join(warnings) + "\n\nこのまま交渉資料を作りますか？（「いいえ」で入力に戻ります）",
        buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes


def _in_documents(suggested: str) -> str:
    """A bare file name goes to the user's Documents folder: the working directory of an app
    started from the Start menu is its install folder, no place for client files."""
    path = Path(suggested)
    return str(path if path.is_absolute() else Path(platformdirs.user_documents_dir()) / path)


def _case_filter() -> str:
    # Imported here: the case model loads pydantic, which the first paint does not wait for.
    from desktop.logic.case.model import FILE_SUFFIX

    return f"解除ナビのケース (*{FILE_SUFFIX})"


def ask_open_path(parent: QWidget, folder: str = "") -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, "ケースを開く", folder or _in_documents(""), _case_filter())
    return Path(name) if name else None


def ask_save_path(parent: QWidget, suggested: str) -> Path | None:
    from desktop.logic.case.model import FILE_SUFFIX

    name, _filter = QFileDialog.getSaveFileName(parent, "名前を付けてケースを保存", _in_documents(suggested),
                                            _case_filter())
    if not name:
        return None
    path = Path(name)
    return path if path.suffix == FILE_SUFFIX else path.with_name(path.name + FILE_SUFFIX)


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(parent, "交渉資料（PDF）を保存", _in_documents(suggested),
                                            PDF_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def ask_import_paths(parent: QWidget) -> list[Path]:
    names, _filter = QFileDialog.getOpenFileNames(
        parent, "決算書・試算表のファイルを選ぶ", _in_documents(""),
        "CSV・テキスト (*.csv *.txt *.tsv);;すべてのファイル (*)")
    return [Path(name) for name in names]


def run_modal(dialog: QDialog) -> bool:
    """Show a dialog of the app's own until the user closes it; True when confirmed."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def ask_print(parent: QWidget, printer: QPrinter, pages: int) -> bool:
    """The system's print dialog (printer, copies, page range 1–pages); True to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("交渉資料を印刷")
    dialog.setMinMax(1, pages)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def open_external(path: Path) -> bool:
    """Open a local file in the system's viewer (never a network address)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
