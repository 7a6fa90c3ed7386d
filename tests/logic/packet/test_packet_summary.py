"""The owner's one-page summary (「一枚もの」): one A4 page for every case, with where the company
stands, the best routes and their cost, and the three improvements worth most with their gaps."""

from __future__ import annotations

import pytest

from desktop.logic.packet.build import build_packet
from desktop.logic.packet.text import best_routes, top_improvements
from desktop.logic.rules.evaluation import Assessment, evaluate
from desktop.logic.rules.fees import fee_lines
from tests.packets import CASES, case_assessment, case_packet, demo_assessment
from tests.pdf_tools import page_texts, squeeze


def summary(name: str) -> tuple[Assessment, list[str]]:
    return case_assessment(name), page_texts(case_packet(name, "summary"), layout=False)


@pytest.mark.parametrize("name", CASES)
def test_summary_is_one_page_with_the_best_routes_and_three_improvements(name: str) -> None:
    a, pages = summary(name)
    assert len(pages) == 1
    page = squeeze(pages[0])
    assert "経営者保証の解除に向けた現状（一枚もの）" in page and "いまの状況" in page
    for route in best_routes(a):
        assert squeeze(route.name) in page
        for line in fee_lines(route.fee):
            assert squeeze(line) in page
    improvements = top_improvements(a)
    assert len(improvements) == min(3, len(a.checksheet.unmet()))
    for result in improvements:
        assert squeeze(result.label) in page
        if result.gap:
            assert squeeze(result.gap) in page


def test_the_improvements_worth_most_unblock_the_most_routes() -> None:
    a = demo_assessment("succession")
    first = top_improvements(a)[0]
    # 債務超過 holds back more routes in play than any self-declared item.
    assert first.item.auto_rule in ("not_insolvent", "asset_surplus", "business_assets_separated")
    assert first.status == "not_met"


def test_best_routes_put_usable_routes_first_and_leave_out_routes_outside_the_situation() -> None:
    a = demo_assessment("healthy")
    best = best_routes(a)
    assert 1 <= len(best) <= 3
    assert [r.verdict for r in best] == sorted((r.verdict for r in best),
                                                key=["eligible", "possible", "needs_input"].index)
    assert all(r.verdict in ("eligible", "possible", "needs_input") for r in best)


def test_summary_stays_one_page_with_long_typed_actions() -> None:
    import datetime as dt

    from desktop.logic.case.model import Action, Answer, Negotiation
    from tests import builders

    long = "月次の試算表と資金繰り表を作成し、取引金融機関の担当者へ毎月報告する。" * 40
    items = ("GL-1.6", "GL-3.3", "GL-3.5")
    c = builders.case(negotiation=Negotiation(actions=[Action(item_id=i, action=long, owner="社長", due=dt.date(2027, 1, 1))
                                                       for i in items for _ in range(3)]))
    c = c.model_copy(update={"answers": {**c.answers, **{i: Answer(answer="no") for i in items}}})
    pages = page_texts(build_packet(evaluate(c), "summary"), layout=False)
    assert len(pages) == 1
    assert "予定：月次の試算表と資金繰り表を作成し" in squeeze(pages[0])
