"""The one case being edited, its file, its dirty flag and its latest assessment.

Pages never keep case data themselves: they read `session.case` when shown and write every
change back through `session.edit`, which re-evaluates and tells everyone (SPEC §2).
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.logic.wizard.undo import UndoStack

# The case model, its files and the rules engine load pydantic and the rule data: imported where
# used, so the window's first paint does not wait for them (issue 14).
if TYPE_CHECKING:
    from desktop.logic.case.model import Case
    from desktop.logic.rules.evaluation import Assessment
    from desktop.logic.wizard import drafts

log = logging.getLogger(__name__)


class CaseSession(QObject):
    """Owns the case and its undo history. Signals: replaced (a different case is loaded:
    every page resets itself from it), changed (an edit), restored (undo/redo put another state
    of the same case back), assessed (new verdicts), dirtyChanged(bool), pathChanged."""

    replaced = Signal()
    restored = Signal()
    changed = Signal()
    assessed = Signal()
    dirtyChanged = Signal(bool)
    pathChanged = Signal()

    def __init__(self, data_dir: Path, today: Callable[[], dt.date] = dt.date.today,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._today = today
        # Made by start() after the window's first paint (building the model's validators and
        # pydantic's plugin look-up take longer than the whole first page), or on first use.
        self._case: Case | None = None
        self.path: Path | None = None
        # When the file was last written (「最終保存」); None until a file is opened or saved.
        self.saved_at: dt.datetime | None = None
        self.dirty = False
        # The case as last saved or opened (None: never saved), so undoing back to it is clean;
        # the first new case is clean too (set when it is made).
        self._saved: Case | None = None
        self.undo_stack = UndoStack()
        # The draft on disk already holds the current case: the timer need not write it again.
        self._draft_current = False
        self.draft_id = uuid.uuid4().hex
        self.assessment: Assessment | None = None
        self.evaluation_error: str = ""

    @property
    def case(self) -> Case:
        if self._case is None:
            from desktop.logic.case.model import Case

            self._case = Case.new(self._today())
            self._saved = self._case.model_copy(deep=True)
        return self._case

    @case.setter
    def case(self, case: Case) -> None:
        self._case = case

    @property
    def has_case(self) -> bool:
        """False until the first case is made (start() or first use): pages show nothing yet."""
        return self._case is not None

    def start(self) -> None:
        """After the first paint: make the new case if nothing has yet, and evaluate it."""
        made = not self.has_case
        self._evaluate()
        if made:
            self.replaced.emit()  # the pages fill in what they left blank

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "autosave"

    # --- whole-case operations -------------------------------------------------
    def new_case(self) -> None:
        from desktop.logic.case.model import Case

        self._replace(Case.new(self._today()), None, dirty=False)

    def load_demo(self, case: Case) -> None:
        self._replace(case.model_copy(deep=True), None, dirty=True)

    def open(self, path: Path) -> None:
        """Open a case file; raises CaseFileError and leaves the current case alone."""
        from desktop.logic.case.files import load_case

        case = load_case(path)
        self._replace(case, path, dirty=False)
        self._remember()

    def recover(self, draft: drafts.Draft) -> None:
        """Take over a crashed session's draft; it stays unsaved until the user saves."""
        from desktop.logic.wizard import drafts

        self._replace(draft.case, draft.source, dirty=True)
        drafts.discard_draft(self.drafts_dir, draft.draft_id)

    def save(self, path: Path | None = None) -> None:
        """Save to `path` (or the current file); raises SaveError and keeps the case dirty."""
        from desktop.logic.case.files import save_case
        from desktop.logic.wizard import drafts

        target = path or self.path
        if target is None:
            raise ValueError("save() needs a path for a case that was never saved")
        save_case(self.case, target)
        if target != self.path:
            self.path = target
            self.pathChanged.emit()
        self._saved = self.case.model_copy(deep=True)
        self._remember()  # first, so whoever hears dirtyChanged sees the new 「最終保存」
        self._set_dirty(False)
        drafts.discard_draft(self.drafts_dir, self.draft_id)

    def autosave(self, now: dt.datetime) -> Path | None:
        """Write the draft if there are unsaved changes not yet in it; returns the file written."""
        if not self.dirty or self._draft_current:
            return None
        from desktop.logic.wizard import drafts

        written = drafts.write_draft(self.drafts_dir, self.draft_id, self.case, self.path, now)
        self._draft_current = True
        return written

    def discard_draft(self) -> None:
        from desktop.logic.wizard import drafts

        drafts.discard_draft(self.drafts_dir, self.draft_id)

    # --- edits ------------------------------------------------------------------
    def edit(self, change: Callable[[Case], object], label: str = "入力", merge_key: str | None = None,
             place: str = "") -> bool:
        """Apply one change to the case; a value the model refuses leaves the case as it was.

        label names the edit for 「元に戻す」; edits with the same merge_key in a row (the
        keystrokes in one field) are undone together; place is the page it was made on.
        Returns whether the change was accepted, so the field can say so.
        """
        from pydantic import ValidationError

        backup = self.case.model_copy(deep=True)
        try:
            change(self.case)
        except ValidationError as exc:
            # Where and why only: the refused value is a client's figure or name.
            log.info("edit refused by the case model: %s", [(e["loc"], e["type"]) for e in exc.errors()])
            self.case = backup
            return False
        if self.case == backup:
            return True  # nothing changed: no undo step, and the case stays as clean as it was
        self.undo_stack.record(label, backup, merge_key, place)
        self._after_change()
        self.changed.emit()
        return True

    def undo(self) -> bool:
        """Put the case back as it was before the last edit; False if there is none."""
        return self._restore(self.undo_stack.undo(self.case))

    def redo(self) -> bool:
        return self._restore(self.undo_stack.redo(self.case))

    def _restore(self, case: Case | None) -> bool:
        if case is None:
            return False
        self.case = case
        self._after_change()
        self.restored.emit()
        return True

    def _after_change(self) -> None:
        self._set_dirty(self._saved is None or self.case != self._saved)
        self._draft_current = False
        self._evaluate()

    # --- internals --------------------------------------------------------------
    def _replace(self, case: Case, path: Path | None, *, dirty: bool) -> None:
        # Before anything else: the previous case's verdicts must never reach this case's packet
        # or history, even if this case then fails to evaluate.
        self.assessment = None
        from desktop.logic.wizard.editing import order_periods

        order_periods(case)
        self.case = case
        self._saved = None if dirty else case.model_copy(deep=True)
        self.undo_stack.clear()  # undo never reaches into another case
        self.saved_at = None
        if path != self.path:
            self.path = path
            self.pathChanged.emit()
        self._set_dirty(dirty)
        self._draft_current = False
        self._evaluate()
        self.replaced.emit()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _evaluate(self) -> None:
        # A fault in one rule must not take the whole screen down with each keystroke: keep the
        # last good assessment of this case, log it and say so on the results pages. (A case that
        # fails from the start has none: _replace dropped the previous case's.)
        from desktop.logic.rules.evaluation import evaluate

        try:
            self.assessment = evaluate(self.case)
            self.evaluation_error = ""
        except Exception:  # noqa: BLE001 - reported to the user and logged
            log.exception("evaluation failed")
            self.evaluation_error = "判定の計算中にエラーが起きました。入力を確かめてください（詳細はログに記録しました）。"
        self.assessed.emit()

    @property
    def output_ready(self) -> bool:
        """Packets and history entries may be made: the current case, as it is now, evaluated."""
        return self.assessment is not None and not self.evaluation_error

    def summary(self) -> str:
        from desktop.logic.wizard.editing import verdict_summary

        return verdict_summary(self.assessment.verdicts()) if self.assessment else "判定なし"

    def _remember(self) -> None:
        if self.path is None:
            return
        from desktop.logic.case.files import SaveError
        from desktop.logic.wizard import drafts

        try:
            # 「最終保存」 is when the file was last written, also when it is only being opened.
            saved_at = dt.datetime.fromtimestamp(self.path.stat().st_mtime).replace(microsecond=0)
        except OSError:
            log.exception("could not read the time %s was saved", self.path)
            return
        self.saved_at = saved_at
        entry = drafts.RecentCase(self.path, self.case.company.name or "（会社名未入力）", saved_at, self.summary())
        try:
            drafts.remember_recent(self.data_dir, entry)
        except SaveError:  # the list is a convenience; the save itself succeeded
            log.exception("could not update the recent-cases list")
