"""Undo and redo for the whole case, without Qt (engineering notes §9).

A case is small, so each step keeps the whole case as it was before the edit: undo puts that
case back and keeps the current one for redo. Keystrokes in one field make one step: an edit
with the same merge key as the step on top joins it, until `seal()` (the user left the field).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window imports this before its first paint, which needs no pydantic
    from desktop.logic.case.model import Case

DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class Step:
    """One undoable edit: its label (shown as 「元に戻す：…」), the case on the other side of it,
    and where it was made (a page key), so undoing it can show that place."""

    label: str
    case: Case
    merge_key: str | None = None
    place: str = ""


class UndoStack:
    """A bounded history of case states. The stack owns the cases handed to it: callers give
    a copy they will not change again, and take back a case they may then edit in place."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._sealed = True

    def record(self, label: str, before: Case, merge_key: str | None = None, place: str = "") -> None:
        """Remember the case as it was before an edit; any redo is gone after a new edit."""
        self._redo.clear()
        top = self._undo[-1] if self._undo else None
        if top is not None and not self._sealed and merge_key is not None and top.merge_key == merge_key:
            return  # the step on top already holds the case from before this field's edits
        self._undo.append(Step(label, before, merge_key, place))
        del self._undo[:-self.limit]
        self._sealed = False

    def seal(self) -> None:
        """The next edit starts a new step even if it has the same merge key."""
        self._sealed = True

    def undo(self, current: Case) -> Case | None:
        """The case before the last edit (None if there is none); `current` goes to redo."""
        return self._move(self._undo, self._redo, current)

    def redo(self, current: Case) -> Case | None:
        return self._move(self._redo, self._undo, current)

    def _move(self, source: list[Step], target: list[Step], current: Case) -> Case | None:
        if not source:
            return None
        step = source.pop()
        target.append(Step(step.label, current, step.merge_key, step.place))
        del target[:-self.limit]
        self._sealed = True
        return step.case

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._sealed = True

    @property
    def undo_step(self) -> Step | None:
        """The edit undo would take back (its case is not the caller's to change)."""
        return self._undo[-1] if self._undo else None

    @property
    def redo_step(self) -> Step | None:
        return self._redo[-1] if self._redo else None

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].label if self._redo else None

    def __len__(self) -> int:
        return len(self._undo)


def list_edit_label(name: str, before: int, after: int) -> str:
    """The label of an edit to a table of `name` rows, from its row counts."""
    if after < before:
        return f"{name}の行の削除"
    if after > before:
        return f"{name}の行の追加"
    return f"{name}の表の入力"
