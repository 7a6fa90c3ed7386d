"""What people read about a route condition: the authored sentence for each state it can be in
and the phrase for what would have to change, from resources/rules/conditions.toml.

Nothing here is assembled from a label. A condition without a text for the state it is in gets a
general written sentence rather than stopping the assessment; the tests that walk every route ×
condition × state fail until its own text is added.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, model_validator

from desktop.logic.rules.data import read_toml, validate_toml

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


# Said when a condition has no text for its state yet (a rule added without its texts): still a
# written sentence, only less specific. tests/logic/rules/test_condition_texts.py fails until the
# condition's own texts are in conditions.toml, so these never reach a release.
FALLBACK: dict[str, str] = {
    "met": "この要件は満たしています。",
    "not_met": "この制度の要件に、満たしていないものがあります。",
    "unknown": "判定に必要な入力が足りない要件があります。",
    "declared": "この要件は申告により満たしています。",
    "lender_decides": "この要件は金融機関・保証協会が判断します。",
    "waived": "この要件は適用されません。",
}
FALLBACK_PHRASE = {"gap": "要件の内容を金融機関・保証協会に確認する", "confirm": "必要な入力を確かめる",
                   "ask": "金融機関・保証協会に判断を依頼する"}


def texts_of(cid: str) -> ConditionTexts:
    """The condition's texts; an empty set for a condition not yet in conditions.toml."""
    return condition_texts().get(cid) or ConditionTexts()


def sentence(cond: Condition) -> str:
    """The authored sentence saying where the condition stands (e.g. 「直近の決算で債務超過です。」)."""
    return texts_of(cond.id).sentence(cond.status) or FALLBACK[cond.status]


def change(cond: Condition) -> str:
    """What would have to change for the condition, or "" when nothing has to: the rule's own gap
    where it gives one (it names the amount or the date), else the authored phrase."""
    phrase = _PHRASE_FOR.get(cond.status)
    if phrase is None:
        return ""
    if cond.gap:
        # The rule's own gap (a miss left to the lender may keep one, e.g. a guideline proxy).
        return cond.gap
    return str(getattr(texts_of(cond.id), phrase)) or FALLBACK_PHRASE[phrase]
