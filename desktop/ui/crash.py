"""Errors reach the user in Japanese and the log, never a silent exit (engineering notes §5.3).

faulthandler writes hard crashes to crash.log; sys.excepthook catches exceptions raised in
Qt slots (which would otherwise only print), logs them to a rotating log and shows a dialog.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO

from desktop.logic.case.folders import make_private_dir
from desktop.ui import dialogs

log = logging.getLogger("desktop")
LOG_NAME = "hosho-navi.log"
_crash_file: IO[str] | None = None


def _private_file(file: Path) -> None:
    """Create the file for the user only (0600) before a handler opens it for appending."""
    os.close(os.open(file, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600))
    if os.name == "posix":
        file.chmod(0o600)


def setup_logging(log_dir: Path) -> Path:
    """A rotating log (3 × 1 MB) in the per-user log folder, readable by the user only."""
    make_private_dir(log_dir)
    _private_file(log_dir / LOG_NAME)
    handler = logging.handlers.RotatingFileHandler(log_dir / LOG_NAME, maxBytes=1_000_000, backupCount=3,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_dir / LOG_NAME


def enable_faulthandler(log_dir: Path) -> None:
    """Hard crashes (segfaults, aborts) leave their Python traceback in crash.log."""
    global _crash_file
    if _crash_file is None:
        make_private_dir(log_dir)
        _private_file(log_dir / "crash.log")
        _crash_file = (log_dir / "crash.log").open("a", encoding="utf-8")
        faulthandler.enable(_crash_file)


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
               log_file: Path | None = None) -> None:
    log.critical("unhandled exception", exc_info=(exc_type, exc, tb))
    where = f"\n\n詳細はログに記録しました：\n{log_file}" if log_file else ""
    dialogs.error(None, "エラーが起きました",
                  "予期しないエラーが起きました。入力中のケースは自動保存されています。"
                  "いったん保存してから続けるか、アプリを起動し直してください。"
                  f"\n\n（{exc_type.__name__}: {exc}）{where}")


def install(log_dir: Path) -> None:
    log_file = setup_logging(log_dir)
    enable_faulthandler(log_dir)
    sys.excepthook = lambda t, e, tb: excepthook(t, e, tb, log_file)
