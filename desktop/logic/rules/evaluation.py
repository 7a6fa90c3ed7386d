"""One call from a case to everything the screens and the packet show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.logic.case.model import Case
from desktop.logic.rules.checksheet import ChecksheetResult, evaluate_checksheet
from desktop.logic.rules.indicators import Indicators, compute_indicators
from desktop.logic.rules.routes import evaluate_routes
from desktop.logic.rules.routes.base import RouteContext, RouteResult


@dataclass(frozen=True)
class Assessment:
    case: Case
    indicators: Indicators
    checksheet: ChecksheetResult
    routes: list[RouteResult]
    rules_checked_on: dt.date

    def route(self, route_id: str) -> RouteResult:
        return next(r for r in self.routes if r.route_id == route_id)

    def verdicts(self) -> dict[str, str]:
        return {r.route_id: r.verdict for r in self.routes}


def evaluate(case: Case) -> Assessment:
    indicators = compute_indicators(case)
    checksheet = evaluate_checksheet(case, indicators)
    routes = evaluate_routes(RouteContext(case, indicators, checksheet))
    checked = [r.rule_checked_on for r in routes if r.rule_checked_on] + [checksheet.data.checked_on]
    return Assessment(case, indicators, checksheet, routes, max(checked))
