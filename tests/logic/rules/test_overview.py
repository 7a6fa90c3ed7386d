"""The routes compared (rules/overview.py): usable first, rounded 概算, one reason and one change
per route, the same words on screen and paper; and the demos' first choices make sense."""

from __future__ import annotations

from decimal import Decimal

from desktop.logic.case.demo import demo_cases
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.rules.fees import FeeEstimate
from desktop.logic.rules.overview import VERDICT_ORDER, cost_range_text, is_close, route_rows
from desktop.logic.rules.routes.wording import change


def test_rows_run_from_usable_to_out_of_play_and_keep_rule_order_within_a_verdict() -> None:
    a = evaluate(demo_cases()["succession"])
    rows = route_rows(a.routes)
    assert sorted(r.route_id for r in rows) == sorted(r.route_id for r in a.routes)
    ranks = [VERDICT_ORDER.index(r.verdict) for r in rows]
    assert ranks == sorted(ranks)
    order = [r.route_id for r in a.routes]
    for a_row, b_row in zip(rows, rows[1:]):
        if a_row.verdict == b_row.verdict and a_row.change.count("ほか") == b_row.change.count("ほか") == 0:
            assert order.index(a_row.route_id) < order.index(b_row.route_id)


def test_each_row_says_the_deciding_conditions_change_and_how_many_more() -> None:
    a = evaluate(demo_cases()["succession"])
    for row in route_rows(a.routes):
        route = a.route(row.route_id)
        assert row.reason == route.reason
        counted = [c for c in route.conditions if not c.part_of and c.status == "not_met"]
        if route.verdict == "not_eligible":
            assert row.change.startswith(change(counted[0]))
            assert row.change.endswith(f"（ほか{len(counted) - 1}件）") == (len(counted) > 1)


def test_cost_is_a_rounded_estimate_with_its_rate() -> None:
    ranged = FeeEstimate(rate_min=Decimal("0.45"), rate_max=Decimal("1.90"), yen_estimate=1_516_666, yen_low=359_210)
    assert cost_range_text(ranged) == "概算 約36万円〜152万円（年0.45%〜1.90%）"
    exact = FeeEstimate(rate_min=Decimal("0.45"), rate_max=Decimal("1.90"), rate_exact=Decimal("1.15"),
                        yen_estimate=583_333)
    assert cost_range_text(exact) == "概算 約58万円（年1.15%）"
    assert cost_range_text(FeeEstimate(rate_min=Decimal("1.0"), rate_max=Decimal("1.2"))) == "年1.00%〜1.20%"
    assert cost_range_text(None) == "保証料の試算なし"


def test_each_demos_first_choice_is_usable_or_one_step_away() -> None:
    for name, case in demo_cases().items():
        first = evaluate(case).route(case.selected_routes[0])
        assert is_close(first), (name, first.route_id, first.verdict)
