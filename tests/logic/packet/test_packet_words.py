"""No internal identifier reaches paper (issue 12, point 2): item and condition ids and source
tags stay in the data and the JSON; the packet cites documents by name and lists them at the end."""

from __future__ import annotations

import re
from functools import cache

import pytest

from desktop.logic.case.demo import demo_cases
from desktop.logic.packet.build import Audience
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.rules.json_export import assessment_to_dict
from desktop.logic.rules.sources import bibliography, cite, registry
from tests.packets import demo_packet
from tests.pdf_tools import page_texts, squeeze

# Condition ids (A1, B1, F1, R3a), checksheet ids (GL-1.5) and source tags (S004, W7).
# A 和暦 date typed as R8.3.31 is the user's own notation, not an id.
INTERNAL_ID = re.compile(r"(?<![A-Za-z0-9/._%-])(S0\d\d|W\d+|GL-\d|[A-H]\d(?!\d)|R\d+[a-z]?(?![.\d]))(?![A-Za-z0-9])")


@cache
def pages(name: str, audience: Audience) -> list[str]:
    return page_texts(demo_packet(name, audience), layout=False)


@pytest.mark.parametrize("audience", ["bank", "coordinator", "internal"])
@pytest.mark.parametrize("name", ["healthy", "succession", "startup"])
def test_no_internal_id_on_any_packet_page(name: str, audience: Audience) -> None:
    found = [(number, m.group(0), page[max(0, m.start() - 20):m.end() + 20])
             for number, page in enumerate(pages(name, audience), start=1) for m in INTERNAL_ID.finditer(page)]
    assert found == []


@pytest.mark.parametrize("name", ["healthy", "succession", "startup"])
def test_the_packet_ends_with_the_documents_it_cites(name: str) -> None:
    text = squeeze("".join(pages(name, "bank")))
    assert "出典一覧" in text
    tail = text[text.rindex("出典一覧"):]
    for title in ("「経営者保証に関するガイドライン」等に係るご説明", "経営者保証に関するガイドライン"):
        assert squeeze(title) in tail
    # The citations in the body use the short names the list starts with.
    assert squeeze("信用保証協会 説明書") in text[:text.rindex("出典一覧")]


def test_ids_stay_in_the_json() -> None:
    data = assessment_to_dict(evaluate(demo_cases()["healthy"]))
    text = str(data)
    assert "'A1'" in text and "GL-1.1" in text and "S004" in text


def test_every_tag_the_rule_data_cites_is_registered_and_cited_by_name() -> None:
    a = evaluate(demo_cases()["succession"])
    notes = [r.source for r in a.routes] + [c.source for r in a.routes for c in r.conditions]
    assert bibliography(notes)  # raises for an unregistered tag
    for note in notes:
        assert INTERNAL_ID.search(cite(note)) is None, (note, cite(note))
        assert "reference" not in cite(note) and not re.search(r"\bF-\d", cite(note))


def test_citation_examples() -> None:
    assert cite("S001") == "経産省ほか『経営者保証改革プログラム』"
    assert cite("S004 (2)") == "信用保証協会 説明書 (2)"
    assert cite("W30、W31（資産超過）／純資産＞0 の読み方は当方解釈（reference §E.3, F-12）") == (
        "新潟県信用保証協会HP、鹿児島県信用保証協会HP（資産超過）／純資産＞0 の読み方は当方解釈")
    entries = bibliography(["S004 §1、W7", "S004 2.(3)"])
    assert [s.id for s in entries] == ["S004", "W7"]
    assert entries[1].where == "https://niigata-cgc.or.jp/system/noguarantee_04"
    assert all(s.title and s.publisher for s in registry().values())
