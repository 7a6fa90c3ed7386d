"""The eleven release routes of SPEC §6, in the order the packet shows them."""

from __future__ import annotations

from collections.abc import Callable

from desktop.logic.routes import guideline
from desktop.logic.routes.base import RouteContext, RouteResult

# route id → rule; modules register here so every caller sees the same order.
ROUTES: dict[str, Callable[[RouteContext], RouteResult]] = {
    guideline.ROUTE_ID: guideline.evaluate,
}
# Loading a rule validates its file; done once at start-up so a malformed file stops the app
# there, naming the file and key (SPEC §6), rather than in the middle of an evaluation.
RULE_LOADERS: list[Callable[[], object]] = [guideline.rule]


def evaluate_routes(ctx: RouteContext) -> list[RouteResult]:
    return [rule(ctx) for rule in ROUTES.values()]


def load_all_rules() -> None:
    for loader in RULE_LOADERS:
        loader()
