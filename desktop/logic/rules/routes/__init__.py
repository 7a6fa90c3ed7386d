"""The eleven release routes of SPEC §6, in the order the packet shows them."""

from __future__ import annotations

from collections.abc import Callable

from desktop.logic.rules.routes import abl, cgc_handling, guideline, jfc, proper_refinance, selection, startup, succession
from desktop.logic.rules import sources
from desktop.logic.rules.routes import wording
from desktop.logic.rules.routes.base import RouteContext, RouteResult

# route id → rule; modules register here so every caller sees the same order.
ROUTES: dict[str, Callable[[RouteContext], RouteResult]] = {
    guideline.ROUTE_ID: guideline.evaluate,
    cgc_handling.BANK_LINKED_ID: cgc_handling.evaluate_bank_linked,
    cgc_handling.FINANCIAL_ID: cgc_handling.evaluate_financial,
    cgc_handling.COLLATERAL_ID: cgc_handling.evaluate_collateral,
    selection.SELECTION_ID: selection.evaluate,
    selection.SUBSIDIZED_ID: selection.evaluate_subsidized,
    proper_refinance.ROUTE_ID: proper_refinance.evaluate,
    startup.ROUTE_ID: startup.evaluate,
    succession.ROUTE_ID: succession.evaluate,
    abl.ROUTE_ID: abl.evaluate,
    jfc.ROUTE_ID: jfc.evaluate,
}
# Loading a rule validates its file; done once at start-up so a malformed file stops the app
# there, naming the file and key (SPEC §6), rather than in the middle of an evaluation.
RULE_LOADERS: list[Callable[[], object]] = [
    guideline.rule,
    cgc_handling.bank_linked_rule,
    cgc_handling.financial_rule,
    cgc_handling.collateral_rule,
    selection.rule,
    selection.subsidized_rule,
    proper_refinance.rule,
    startup.rule,
    succession.rule,
    abl.rule,
    jfc.rule,
    wording.condition_texts,
    sources.registry,
]


def evaluate_routes(ctx: RouteContext) -> list[RouteResult]:
    return [rule(ctx) for rule in ROUTES.values()]


def load_all_rules() -> None:
    for loader in RULE_LOADERS:
        loader()
