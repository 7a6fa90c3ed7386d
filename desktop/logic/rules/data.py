"""Versioned rule data: TOML files under resources/rules/, validated when loaded (SPEC §6).

Each file describes one route (or one fee table) and holds dated versions; the version
applied is the one whose [valid_from, valid_to] contains the application date. A malformed
file raises RuleDataError naming the file and the key, at load time, never mid-evaluation.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from functools import cache
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from desktop.paths import resource_path

Confidence = Literal["C", "W", "I", "U"]

_CONFIDENCE_RANK: tuple[Confidence, ...] = ("C", "W", "I", "U")


def weakest(*tags: Confidence) -> Confidence:
    """The least certain of several confidence tags (C > W > I > U)."""
    return max(tags, key=_CONFIDENCE_RANK.index)
# Printed beside anything resting on our interpretation [I] or an unconfirmed fact [U] (SPEC §7).
CAUTION_LABELS: dict[Confidence, str] = {"I": "目安", "U": "要確認"}


def caution_label(confidence: Confidence) -> str:
    return CAUTION_LABELS.get(confidence, "")


class RuleDataError(Exception):
    """A rule file is missing or malformed; the message names the file and key."""


class RuleVersion(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    valid_from: dt.date
    valid_to: dt.date | None = None
    source: str
    checked_on: dt.date
    confidence: Confidence
    # Per-parameter source notes where a number comes from another document than the version's.
    sources: dict[str, str] = {}
    params: dict[str, Any] = {}

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def source_of(self, param: str) -> str:
        return self.sources.get(param, self.source)


class RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    id: str
    name: str
    short_name: str
    reference: str
    operator: str
    versions: list[RuleVersion]

    @property
    def first_day(self) -> dt.date:
        return min(v.valid_from for v in self.versions)

    @property
    def checked_on(self) -> dt.date:
        return max(v.checked_on for v in self.versions)


class Params(BaseModel):
    """Base of each route's parameter schema; numbers become exact Decimals."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


P = TypeVar("P", bound=Params)


class Rule(Generic[P]):
    """A rule file together with its parameters validated against the route's schema."""

    def __init__(self, file: RuleFile, params: dict[int, P]) -> None:
        self.file = file
        self._params = params

    def on(self, day: dt.date) -> tuple[RuleVersion, P] | None:
        for index, version in enumerate(self.file.versions):
            if version.covers(day):
                return version, self._params[index]
        return None


def read_toml(relative: str, what: str = "ルールデータ") -> dict[str, Any]:
    """A resources/ TOML file as a dict; a missing or malformed file names itself."""
    path = resource_path(relative)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise RuleDataError(f"{relative}: {what}のファイルがありません。") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RuleDataError(f"{relative}: TOML の書式が正しくありません（{exc}）。") from exc


M = TypeVar("M", bound=BaseModel)


def validate_toml(relative: str, model: type[M], raw: dict[str, Any], prefix: str = "") -> M:
    """Validate data read from a TOML file; the error names the file and the first bad key."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise RuleDataError(f"{relative}: キー {prefix}{_loc(err)} が正しくありません: {err['msg']}") from exc


def _loc(error: Any) -> str:
    return ".".join(str(p) for p in error["loc"])


@cache
def load_rule(route_id: str, schema: type[P]) -> Rule[P]:
    """Load resources/rules/<route_id>.toml and validate every version's params."""
    relative = f"rules/{route_id}.toml"
    file = validate_toml(relative, RuleFile, read_toml(relative))
    if file.id != route_id:
        raise RuleDataError(f"{relative}: キー id が '{file.id}' です（'{route_id}' のはず）。")
    if not file.versions:
        raise RuleDataError(f"{relative}: versions が空です。")
    params = {index: validate_toml(relative, schema, version.params, f"versions[{index}].params.")
              for index, version in enumerate(file.versions)}
    return Rule(file, params)


def as_fraction_text(value: Decimal) -> str:
    """A Decimal threshold as people write it: 15, 0.25, 2.0 → '2'."""
    text = format(value.normalize(), "f")
    return text
