"""Builders for the scheme-route tests: change one part of a case and re-validate it."""

from __future__ import annotations

from typing import Any

from desktop.logic.case.model import Answer, Case
from desktop.logic.rules.routes import ROUTES
from desktop.logic.rules.routes.base import Condition, RouteResult
from tests.builders import context


def _valid(c: Case) -> Case:
    # model_copy(update=...) skips validation; a round trip makes a wrong test value fail loudly.
    return Case.model_validate(c.model_dump())


def with_company(c: Case, **changes: Any) -> Case:
    return _valid(c.model_copy(update={"company": c.company.model_copy(update=changes)}))


def with_situation(c: Case, part: str, **changes: Any) -> Case:
    """Change situation.<part> (planned_loan, succession or startup)."""
    current = getattr(c.situation, part)
    situation = c.situation.model_copy(update={part: current.model_copy(update=changes)})
    return _valid(c.model_copy(update={"situation": situation}))


def with_loan(c: Case, **changes: Any) -> Case:
    return with_situation(c, "planned_loan", **changes)


def with_answer(c: Case, item_id: str, answer: str) -> Case:
    answers = {**c.answers, item_id: Answer(answer=answer)}  # type: ignore[arg-type]
    return _valid(c.model_copy(update={"answers": answers}))


def without_answer(c: Case, item_id: str) -> Case:
    return _valid(c.model_copy(update={"answers": {k: v for k, v in c.answers.items() if k != item_id}}))


def run(route_id: str, c: Case) -> RouteResult:
    return ROUTES[route_id](context(c))


def cond(result: RouteResult, cid: str) -> Condition:
    found = [c for c in result.conditions if c.id == cid]
    assert found, f"{cid} not in {[c.id for c in result.conditions]}"
    return found[0]
