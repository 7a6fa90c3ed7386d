"""The eleven release routes of SPEC §6, in the order the packet shows them."""

from __future__ import annotations

from collections.abc import Callable

from desktop.logic.routes import guideline
from desktop.logic.routes import proper_refinance
from desktop.logic.routes import startup
from desktop.logic.routes import succession
from desktop.logic.routes import abl
from desktop.logic.routes import jfc
from desktop.logic.routes.base import RouteContext, RouteResult

# route id → rule; modules register here so every caller sees the same order.
ROUTES: dict[str, Callable[[RouteContext], RouteResult]] = {
    guideline.ROUTE_ID: guideline.evaluate,
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
    proper_refinance.rule,
    startup.rule,
    succession.rule,
    abl.rule,
    jfc.rule,
]


def evaluate_routes(ctx: RouteContext) -> list[RouteResult]:
    return [rule(ctx) for rule in ROUTES.values()]


def load_all_rules() -> None:
    for loader in RULE_LOADERS:
        loader()
