"""What people read about a route condition: the authored sentence for each state it can be in
and the phrase for what would have to change, from resources/rules/conditions.toml.

Nothing here is assembled from a label: a condition without a text for the state it is in is a
data error (caught by the tests that walk every route × condition × state), not a sentence
made up on the spot.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, model_validator

from desktop.logic.rules.data import RuleDataError, read_toml, validate_toml

if TYPE_CHECKING:
    from desktop.logic.rules.routes.base import Condition, ConditionStatus

RELATIVE = "rules/conditions.toml"
# The phrase that has to exist beside each state that leaves something to do.
_PHRASE_FOR: dict[str, str] = {"not_met": "gap", "unknown": "confirm", "lender_decides": "ask"}


class ConditionTexts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Sentences (です・ます), one per state the condition can be in.
    met: str = ""
    not_met: str = ""
    unknown: str = ""
    declared: str = ""
    lender_decides: str = ""
    waived: str = ""
    # Phrases (plain form): what would have to change.
    gap: str = ""
    confirm: str = ""
    ask: str = ""

    @model_validator(mode="after")
    def _phrases_with_states(self) -> ConditionTexts:
        for state, phrase in _PHRASE_FOR.items():
            if getattr(self, state) and not getattr(self, phrase):
                raise ValueError(f"{state} があるのに {phrase} がありません")
        return self

    def sentence(self, status: ConditionStatus) -> str:
        return str(getattr(self, status))


@cache
def condition_texts() -> dict[str, ConditionTexts]:
    raw = read_toml(RELATIVE)
    return {cid: validate_toml(RELATIVE, ConditionTexts, table, f"{cid}.") for cid, table in raw.items()}


def texts_of(cid: str) -> ConditionTexts:
    found = condition_texts().get(cid)
    if found is None:
        raise RuleDataError(f"{RELATIVE}: 要件 {cid} の文がありません。")
    return found


def sentence(cond: Condition) -> str:
    """The authored sentence saying where the condition stands (e.g. 「直近の決算で債務超過です。」)."""
    text = texts_of(cond.id).sentence(cond.status)
    if not text:
        raise RuleDataError(f"{RELATIVE}: 要件 {cond.id} に状態 {cond.status} の文がありません。")
    return text


def change(cond: Condition) -> str:
    """What would have to change for the condition, or "" when nothing has to: the rule's own gap
    where its figures give one (it names the amount or the date), else the authored phrase."""
    phrase = _PHRASE_FOR.get(cond.status)
    if phrase is None:
        return ""
    if cond.status == "not_met" and cond.gap:
        return cond.gap
    return str(getattr(texts_of(cond.id), phrase)) or cond.gap
