"""The case-level undo stack (no Qt): steps, merging of one field's keystrokes, bounds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.logic.case.model import Case, Loan
from desktop.logic.wizard.undo import UndoStack, list_edit_label

TODAY = dt.date(2026, 11, 24)


def named(name: str) -> Case:
    c = Case.new(TODAY)
    c.company.name = name
    return c


def test_undo_gives_back_the_case_before_each_edit_and_redo_goes_forward_again():
    stack = UndoStack()
    stack.record("「会社名」の入力", named(""))
    stack.record("「業種」の入力", named("A"))
    assert stack.undo_label == "「業種」の入力"
    first = stack.undo(named("B"))
    assert first == named("A")
    assert stack.redo_label == "「業種」の入力"
    assert stack.undo(first) == named("")
    assert stack.undo(named("")) is None
    assert stack.redo(named("")) == named("A")
    assert stack.redo(named("A")) == named("B")
    assert stack.redo(named("B")) is None


def test_a_new_edit_after_undo_drops_the_redo():
    stack = UndoStack()
    stack.record("a", named(""))
    stack.undo(named("A"))
    stack.record("b", named(""))
    assert stack.redo_label is None
    assert stack.redo(named("X")) is None


def test_keystrokes_in_one_field_are_one_step_until_sealed():
    stack = UndoStack()
    stack.record("「会社名」の入力", named(""), merge_key="company.name")
    stack.record("「会社名」の入力", named("株"), merge_key="company.name")
    stack.record("「会社名」の入力", named("株式"), merge_key="company.name")
    assert len(stack) == 1
    stack.seal()  # the user left the field and came back
    stack.record("「会社名」の入力", named("株式会社"), merge_key="company.name")
    assert len(stack) == 2
    stack.record("「業種」の入力", named("株式会社A"), merge_key="company.industry")
    assert len(stack) == 3
    stack.undo(named("x"))
    stack.undo(named("x"))
    assert stack.undo(named("x")) == named("")


def test_edits_without_a_merge_key_are_never_merged():
    stack = UndoStack()
    stack.record("行の削除", named("1"))
    stack.record("行の削除", named("2"))
    assert len(stack) == 2


def test_the_stack_is_bounded_and_keeps_the_newest_steps():
    stack = UndoStack(limit=3)
    for i in range(5):
        stack.record(f"edit {i}", named(str(i)))
    assert len(stack) == 3
    assert [stack.undo(named("now")) for _ in range(4)] == [named("4"), named("3"), named("2"), None]


def test_clear_forgets_everything_and_limit_must_be_positive():
    stack = UndoStack()
    stack.record("a", named(""))
    stack.undo(named("A"))
    stack.record("b", named(""))
    stack.clear()
    assert (stack.undo_label, stack.redo_label, len(stack)) == (None, None, 0)
    with pytest.raises(ValueError):
        UndoStack(limit=0)


def test_restored_case_keeps_deleted_rows():
    before = Case.new(TODAY)
    before.loans = [Loan(lender="あいち銀行", balance_yen=1_000), Loan(lender="しずおか信金")]
    after = before.model_copy(deep=True)
    after.loans = after.loans[1:]
    stack = UndoStack()
    stack.record(list_edit_label("借入", 2, 1), before)
    assert stack.undo_label == "借入の行の削除"
    assert [loan.lender for loan in stack.undo(after).loans] == ["あいち銀行", "しずおか信金"]


def test_table_labels_say_what_happened():
    assert list_edit_label("行動計画", 3, 4) == "行動計画の行の追加"
    assert list_edit_label("行動計画", 3, 2) == "行動計画の行の削除"
    assert list_edit_label("行動計画", 3, 3) == "行動計画の表の入力"


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["edit", "undo", "redo"]), max_size=40), st.integers(min_value=1, max_value=6))
def test_any_sequence_of_edits_undos_and_redos_follows_a_linear_history(operations, limit):
    """Reference: the states in order and a cursor; undo moves back (at most `limit` steps
    behind the newest edit), redo forward, an edit cuts the states after the cursor."""
    stack = UndoStack(limit=limit)
    states, cursor, oldest = [named("0")], 0, 0
    current = named("0")
    for number, operation in enumerate(operations, start=1):
        if operation == "edit":
            stack.record("edit", current)
            states, cursor = [*states[:cursor + 1], named(str(number))], cursor + 1
            oldest = max(oldest, cursor - limit)
            current = states[cursor]
        elif operation == "undo":
            back = stack.undo(current)
            if cursor > oldest:
                cursor -= 1
                assert back == states[cursor]
                current = back
            else:
                assert back is None
        else:
            forward = stack.redo(current)
            if cursor < len(states) - 1:
                cursor += 1
                assert forward == states[cursor]
                current = forward
            else:
                assert forward is None


def test_a_step_remembers_where_it_was_made_on_both_sides():
    stack = UndoStack()
    stack.record("「会社名」の入力", named(""), "company.name", place="company")
    assert stack.undo_step is not None and stack.undo_step.place == "company"
    stack.undo(named("A"))
    assert stack.undo_step is None
    assert stack.redo_step is not None and (stack.redo_step.place, stack.redo_step.case) == ("company", named("A"))
