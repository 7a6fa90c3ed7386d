"""The eleven routes compared in one table, the same on screen and on paper: the order (what is
usable first), the cost as a rounded range, the one main reason and what would have to change.

The routes page and the packet both call route_rows(); nothing here knows about Qt or reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.logic.rules.fees import FeeEstimate, cost_text, rate_text
from desktop.logic.rules.routes import wording
from desktop.logic.rules.routes.base import RouteResult, Verdict, deciding_conditions
from desktop.logic.rules.sources import cite

# Usable first; within a verdict the route closest to usable (fewest deciding conditions) first,
# then the rule order of SPEC §6.
VERDICT_ORDER: tuple[Verdict, ...] = ("eligible", "possible", "needs_input", "not_eligible", "not_applicable", "closed")
NO_FEE = "保証料の試算なし"
NOTHING_TO_CHANGE = "—"


@dataclass(frozen=True)
class RouteRow:
    route_id: str
    mark: str
    name: str
    verdict: Verdict
    verdict_label: str
    cost: str
    reason: str
    change: str
    # Usable, or a single condition away from it (one unmet or one unanswered).
    close: bool
    # The route's documents, named as people read them.
    source: str


def _distance(route: RouteResult) -> int:
    return len(deciding_conditions(route.verdict, route.conditions))


def ordered(routes: list[RouteResult]) -> list[RouteResult]:
    """What is usable first, then what is nearest to usable; ties keep the rule order."""
    return sorted(routes, key=lambda r: (VERDICT_ORDER.index(r.verdict), _distance(r)))


def is_close(route: RouteResult) -> bool:
    """Usable (◎ ○), or one unmet or unanswered condition away from it."""
    if route.verdict in ("eligible", "possible"):
        return True
    return route.verdict in ("needs_input", "not_eligible") and _distance(route) == 1


def what_to_change(route: RouteResult) -> str:
    """The phrase for the main deciding condition, with how many more follow (「ほか2件」)."""
    deciding = deciding_conditions(route.verdict, route.conditions)
    if not deciding:
        return NOTHING_TO_CHANGE
    first = wording.change(deciding[0])
    more = len(deciding) - 1
    return first + (f"（ほか{more}件）" if more else "")


def cost_range_text(fee: FeeEstimate | None) -> str:
    """The fee over the planned loan as a rounded 概算 with its annual rate (range), e.g.
    「概算 約36万円〜152万円（年0.45%〜1.90%）」; the rate alone when no amount can be priced."""
    if fee is None:
        return NO_FEE
    rate = rate_text(fee) + (f"・{fee.caution}" if fee.caution else "")
    amount = cost_text(fee)
    return f"概算 {amount}（{rate}）" if amount else rate


def route_rows(routes: list[RouteResult]) -> list[RouteRow]:
    """One row per route in the order people should read them."""
    return [RouteRow(route_id=r.route_id, mark=r.mark, name=r.name, verdict=r.verdict, verdict_label=r.verdict_label,
                     cost=cost_range_text(r.fee) if r.verdict not in ("not_applicable", "closed") else NOTHING_TO_CHANGE,
                     reason=r.reason, change=what_to_change(r), close=is_close(r), source=cite(r.source))
            for r in ordered(routes)]
