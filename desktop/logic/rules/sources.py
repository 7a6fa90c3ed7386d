"""Readable citations: the rule data cites documents by tag (「S004 §1、W7」); people read the
document's name (「信用保証協会 説明書 §1、新潟県信用保証協会 ウェブサイト」) and find the full entry
in the 出典一覧. The registry is resources/sources.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict, RootModel

from desktop.logic.rules.data import RuleDataError, read_toml, validate_toml

RELATIVE = "sources.toml"
# A document tag as the rule data writes it; GL stands alone (GL-1.5 is a checksheet item, not a source).
_TAG = re.compile(r"\b(S0\d\d|W\d{1,3})\b|\bGL(?![-\w])")
# Pointers into the developers' reference (reference §E.3, F-12) mean nothing to a reader.
_INTERNAL = re.compile(r"reference\s*§[A-Z][\w.]*|\bF-\d+\b")
_EMPTY_BRACKETS = re.compile(r"[（(][\s、,，]*[）)]")


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = ""
    short: str
    title: str
    publisher: str
    date: str = ""
    where: str = ""

    @property
    def entry(self) -> str:
        """The document as the 出典一覧 lists it."""
        when = f"（{self.date}）" if self.date else "（日付の記載なし）"
        return f"{self.publisher}『{self.title}』{when}。入手先：{self.where or '—'}"


class _Registry(RootModel[dict[str, Source]]):
    pass


@cache
def registry() -> dict[str, Source]:
    found = validate_toml(RELATIVE, _Registry, read_toml(RELATIVE, "出典一覧")).root
    return {tag: source.model_copy(update={"id": tag}) for tag, source in found.items()}


def _source(tag: str) -> Source:
    found = registry().get(tag)
    if found is None:
        raise RuleDataError(f"{RELATIVE}: 出典 {tag} が登録されていません。")
    return found


def tags_in(ref: str) -> list[str]:
    """The document tags a source note cites, in order, each once."""
    return list(dict.fromkeys(m.group(0) for m in _TAG.finditer(ref)))


# Every evaluation (each keystroke in the wizard) passes the same rule texts here again: about a
# fifth of an evaluation's time before they were remembered. Bounded: some terms carry amounts.
@lru_cache(maxsize=4096)
def readable(text: str) -> str:
    """Prose (a note, a term) with any tag it cites replaced by the document's short name and the
    developers' own pointers removed."""
    text = _TAG.sub(lambda m: _source(m.group(0)).short, text)
    text = _INTERNAL.sub("", text)
    text = _EMPTY_BRACKETS.sub("", text)
    text = re.sub(r"（[\s、,，]+", "（", text)
    return re.sub(r"[\s、,，]+）", "）", text)


def cite(ref: str) -> str:
    """A source note as people read it: 「S003 ②（*2）、S004 2.(2)」 → 「中小企業庁『参考資料』（2025年10月）
    ②（*2）、信用保証協会 説明書 2.(2)」 (each document named once)."""
    parts = [p.strip() for p in readable(ref).split("、")]
    return "、".join(dict.fromkeys(p for p in parts if p))


def bibliography(refs: Iterable[str]) -> list[Source]:
    """Every document the notes cite, in the order first cited, each once (for the 出典一覧)."""
    tags: dict[str, None] = {}
    for ref in refs:
        tags.update(dict.fromkeys(tags_in(ref)))
    return [_source(tag) for tag in tags]
