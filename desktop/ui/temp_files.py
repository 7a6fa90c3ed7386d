"""Files for preview and printing: a private folder per run (only this user can read it; client
data), a new name each time (a viewer such as Acrobat locks the file it shows), removed at exit,
and a crashed run's folder removed at a later start."""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
import time
from pathlib import Path

RUN_PREFIX = "hosho-navi-run-"
# Another copy of the app may be running with its own folder: only folders untouched this long
# are a past run's.
STALE_SECONDS = 12 * 3600

_folder: Path | None = None
_numbers = itertools.count(1)


def run_folder() -> Path:
    """This run's folder, created (mode 0700) on first use and removed when the process exits."""
    global _folder
    if _folder is None or not _folder.is_dir():
        _folder = Path(tempfile.mkdtemp(prefix=RUN_PREFIX))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def new_pdf_path(stem: str) -> Path:
    return run_folder() / f"{stem}_{next(_numbers):02d}.pdf"


def remove_stale(temp_root: Path | None = None, now: float | None = None) -> int:
    """Remove earlier runs' folders left by a crash; returns how many went. Files a viewer still
    holds stay (Windows refuses) and go at a later start."""
    root = temp_root or Path(tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = 0
    for folder in root.glob(f"{RUN_PREFIX}*"):
        try:
            if folder != _folder and folder.is_dir() and now - folder.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
                removed += not folder.exists()
        except OSError:
            continue
    return removed
