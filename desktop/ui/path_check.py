"""Whether files still exist, asked off the GUI thread: a recent case on a network share that is
out of reach (an offline laptop) can take tens of seconds to answer, and the start page must not
freeze meanwhile."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

CHECK_TIMEOUT_MS = 1500


class PathChecker(QObject):
    """checked(path, answer): True / False once the file system answers, None when it has not
    answered within the timeout (a late answer still follows). Results of an older check() are
    dropped, so a page refilled meanwhile never gets a stale answer."""

    checked = Signal(str, object)

    def __init__(self, parent: QObject | None = None, exists: Callable[[str], bool] = os.path.exists,
                 timeout_ms: int = CHECK_TIMEOUT_MS) -> None:
        super().__init__(parent)
        self._exists = exists
        self._timeout_ms = timeout_ms
        self._generation = 0
        self._answered: set[str] = set()
        self._answer.connect(self._deliver)

    # Worker threads emit this one; Qt queues it to the GUI thread the checker lives in.
    _answer = Signal(int, str, object)

    def check(self, paths: list[Path]) -> None:
        self._generation += 1
        generation = self._generation
        self._answered = set()
        for path in paths:
            # Daemon threads: one stuck on an unreachable share must not keep the app from exiting.
            threading.Thread(target=self._run, args=(generation, str(path)), daemon=True).start()
        QTimer.singleShot(self._timeout_ms, lambda: self._time_out(generation, [str(p) for p in paths]))

    def _run(self, generation: int, path: str) -> None:
        try:
            answer = self._exists(path)
        except OSError:
            answer = False
        self._answer.emit(generation, path, answer)

    def _deliver(self, generation: int, path: str, answer: object) -> None:
        if generation == self._generation:
            self._answered.add(path)
            self.checked.emit(path, answer)

    def _time_out(self, generation: int, paths: list[str]) -> None:
        if generation != self._generation:
            return
        for path in paths:
            if path not in self._answered:
                self.checked.emit(path, None)
