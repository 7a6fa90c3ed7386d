"""Start the desktop app: QApplication, Japanese Qt strings, the bundled font, error hooks,
the main window (SPEC §2). `hosho-navi` with no arguments ends up in run_gui."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desktop.paths import resource_path
from desktop.ui import crash, dialogs, guard, temp_files
from desktop.ui.wizard import MainWizard

log = logging.getLogger(__name__)

APP_NAME = "HoshoNavi"
FONT_FILES = ("fonts/BIZUDGothic-Regular.ttf", "fonts/BIZUDGothic-Bold.ttf")
FONT_FAMILY = "BIZ UDGothic"
ICON_FILE = "icons/app.png"
BASE_POINT_SIZE = 11
DATA_ERROR_EXIT = 1  # as the command line's for a malformed data file


@dataclass(frozen=True)
class AppDirs:
    """Per-user folders: cases' drafts and the recent list in data, logs in log."""

    data: Path
    log: Path

    @classmethod
    def default(cls) -> AppDirs:
        # roaming=False keeps autosave out of OneDrive-synced roaming profiles (engineering §5).
        return cls(Path(platformdirs.user_data_dir(APP_NAME, APP_NAME, roaming=False)),
                   Path(platformdirs.user_log_dir(APP_NAME, APP_NAME)))


def install_translator(app: QApplication) -> QTranslator:
    """Qt's own Japanese strings: 次へ(&N) >, < 戻る(&B), キャンセル, context menus."""
    translator = QTranslator(app)
    if translator.load("qtbase_ja", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    else:
        log.warning("qtbase_ja.qm not found; Qt's buttons stay in English")
    return translator


def install_fonts(app: QApplication) -> str:
    """Register the bundled BIZ UD Gothic and make it the UI font, so screen and packet match."""
    family = ""
    for relative in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource_path(relative)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = family or families[0]
        else:
            log.warning("could not register font %s", relative)
    font = QFont(family or FONT_FAMILY)
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    return family


def create_app(argv: list[str], dirs: AppDirs | None = None,
               today: Callable[[], dt.date] = dt.date.today) -> tuple[QApplication, MainWizard]:
    """The application and its main window, not yet shown. argv: the arguments after the
    program name; the first one that is not an option is a case file to open. today: the
    clock new cases take their dates from (tests pin it)."""
    app = QApplication.instance() or QApplication(["hosho-navi", *argv])
    assert isinstance(app, QApplication)
    # Once per process: registering the fonts again would re-scan them (tests make many windows).
    if app.property("hosho_navi_ready") is None:
        app.setApplicationName(APP_NAME)
        QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
        install_translator(app)
        install_fonts(app)
        app.setWindowIcon(QIcon(str(resource_path(ICON_FILE))))
        guard.install(app)  # wheel over unfocused inputs scrolls, never edits (engineering §9)
        app.setProperty("hosho_navi_ready", True)
    dirs = dirs or AppDirs.default()
    window = MainWizard(dirs.data, today)
    return app, window


def finish_start(window: MainWizard) -> None:
    """The start-up work the first page need not wait for, run once it is on screen: check every
    data file (a malformed one raises RuleDataError naming file and key, SPEC §6), make the new
    case and evaluate it. Done before the first paint, this work took longer than the window."""
    from desktop.logic.data_files import validate_data_files

    validate_data_files()
    window.ensure_pages()
    window.session.start()


class _FirstPaint(QObject):
    """Calls `then` on the next event-loop turn after the window's first paint."""

    def __init__(self, window: QObject, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


def case_argument(argv: list[str]) -> Path | None:
    paths = [a for a in argv if not a.startswith("-")]
    return Path(paths[0]) if paths else None


def run_gui(argv: list[str]) -> int:
    """Run the app until its window closes; argv as for create_app."""
    dirs = AppDirs.default()
    crash.install(dirs.log)
    temp_files.remove_stale()
    app, window = create_app(argv, dirs)
    path = case_argument(argv)

    def start() -> None:
        from desktop.logic.rules.data import RuleDataError

        try:
            finish_start(window)
        except RuleDataError as exc:
            log.exception("a data file is malformed")
            dialogs.error(window, "データファイルに誤りがあります",
                          f"アプリに同梱のデータファイルに誤りがあるため、起動できません。\n\n{exc}\n\n"
                          "アプリを入れ直してください。直らない場合は、この画面の内容を添えて提供元にお知らせください。")
            app.exit(DATA_ERROR_EXIT)
            return
        # After the window is up, so the questions have a parent on screen.
        if not window.offer_recovery() and path is not None:
            window.open_case(path)

    _FirstPaint(window, start)
    window.show()
    running = _announce_running()
    try:
        return app.exec()
    finally:
        del running


# The installer's AppMutex (packaging/windows/hosho-navi.iss) looks for this name, so an upgrade
# asks the user to close a running copy first instead of replacing files it has open.
RUNNING_MUTEX = "HoshoNaviRunning"


def _announce_running() -> object | None:
    """Hold a named mutex while the app runs (Windows only; released when the process ends)."""
    if sys.platform != "win32":
        return None
    import ctypes

    return ctypes.windll.kernel32.CreateMutexW(None, False, RUNNING_MUTEX)  # type: ignore[attr-defined]
