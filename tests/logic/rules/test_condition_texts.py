"""Every sentence about a route condition is written, not assembled (issue 12, point 1).

The walk: a battery of cases drives every route into every condition and state it can reach;
each state's sentence must be the authored one from resources/rules/conditions.toml, each reason
line must be an authored sentence, and no authored text may carry a known-broken ending. The
checksheet's improvement actions get the same checks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from desktop.logic.case.demo import demo_cases
from desktop.logic.case.model import Answer, Case, Loan
from desktop.logic.rules.checksheet import load_checksheet
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.rules.routes import ROUTES
from desktop.logic.rules.routes.base import ALL_MET, Condition, RouteResult
from desktop.logic.rules.routes.guideline import PROXY_REASON
from desktop.logic.rules.routes.wording import (
    _PHRASE_FOR,
    FALLBACK,
    FALLBACK_PHRASE,
    change,
    condition_texts,
    sentence,
    texts_of,
)
from desktop.logic.wizard.editing import propose_actions
from tests import builders
from tests.logic.rules.scheme_builders import with_company, with_loan, with_situation

SENTENCE_STATES = ("met", "not_met", "unknown", "declared", "lender_decides", "waived")
PHRASES = ("gap", "confirm", "ask")

# Endings that only come from gluing a fixed tail onto a label or clause.
BROKEN = [
    (r"(る|た|い|ない|す|こと)(（[^（）]*）)?を満たして", "a verb, い-adjective or こと directly before 「を満たして」"),
    (r"(る|た|い|ない|こと)(（[^（）]*）)?を(改善する|整える)", "a label turned into an action with 「を改善する／を整える」"),
    (r"^[のをにがはへとで]", "a leading particle (the label was cut)"),
    (r"することを希望するを", "「…することを希望するを」"),
    (r"」を整える", "a quoted label with 「を整える」"),
    (r"(こと|ない|ある|いる)(が未入力・未確認です|は金融機関・保証協会の判断です)", "a label glued to a state"),
    (r"(をを|がが|のの|にに|はは|。。|、、|、。|。、)", "a doubled particle or mark"),
    (r"\b(S0\d\d|W\d+|GL-\d|[A-H]\d\b|R\d+[a-z]?\b)", "an internal id"),
]
# Reasons a route writes itself, with the figures filled in (the guideline's proxies, issue 13).
ROUTE_REASONS = [PROXY_REASON]
ENDS_AS_SENTENCE = re.compile(r"(です|ます|ません)(（[^（）]*）)?。$")


def broken(text: str) -> list[str]:
    return [why for pattern, why in BROKEN if re.search(pattern, text)]


# --- the battery: cases that reach every condition in every state the rules produce -------------

Change = Callable[[Case], Case]


def _answers(c: Case, answer: str) -> Case:
    return c.model_copy(update={"answers": {i.id: Answer(answer=answer, note="理由")  # type: ignore[arg-type]
                                            for i in load_checksheet().items()}})


def _p0(**overrides: Any) -> Change:
    return lambda c: builders.with_p0(c, **overrides)


def _losses(c: Case) -> Case:
    periods = [p.model_copy(update={"ordinary_profit_yen": -50_000_000, "depreciation_yen": 1_000_000})
               for p in c.sorted_periods()]
    return c.model_copy(update={"periods": periods})


CHANGES: dict[str, Change] = {
    "as_is": lambda c: c,
    "all_no": lambda c: _answers(c, "no"),
    "all_partly": lambda c: _answers(c, "partly"),
    "all_yes_overridden": lambda c: _answers(c, "yes"),
    "no_assets": lambda c: c.model_copy(update={"business_assets": []}),
    "small_receivables": lambda c: builders.with_p0(c.model_copy(update={"declarations": c.declarations.model_copy(
        update={"small_or_business_necessary_receivables": True})}), other_receivables_from_representative_yen=50_000),
    "no_answers": lambda c: c.model_copy(update={"answers": {}, "declarations": type(c.declarations)()}),
    "declared_no": lambda c: c.model_copy(update={"declarations": c.declarations.model_copy(update={
        "docs_submitted_2y": False, "pledge_continuous": False, "wishes_no_guarantee": False})}),
    "no_periods": lambda c: c.model_copy(update={"periods": []}),
    "one_period_no_dates": lambda c: with_company(c.model_copy(update={"periods": c.sorted_periods()[:1]}),
                                                  incorporated_on=None, fiscal_year_end_month=None),
    "insolvent_losses": lambda c: _losses(builders.with_p0(c, net_assets_yen=-5_000_000,
                                                           total_liabilities_yen=405_000_000)),
    "small_weak": _p0(net_assets_yen=60_000_000, total_assets_yen=900_000_000, total_liabilities_yen=840_000_000,
                      operating_profit_yen=1_000_000, interest_expense_yen=9_000_000, capital_stock_yen=50_000_000),
    "tiny": _p0(net_assets_yen=1_000_000, total_assets_yen=300_000_000, total_liabilities_yen=299_000_000),
    "zero_capital": _p0(capital_stock_yen=0, net_assets_yen=60_000_000, total_assets_yen=900_000_000,
                        total_liabilities_yen=840_000_000),
    "no_interest": _p0(interest_expense_yen=0),
    "receivables": _p0(other_receivables_from_representative_yen=800_000),
    "unknown_receivables": _p0(other_receivables_from_representative_yen=None),
    "no_current_assets": _p0(receivables_yen=0, inventory_yen=0),
    "unknown_current_assets": _p0(receivables_yen=None, inventory_yen=0),
    "heavy_debt": _p0(long_term_borrowings_yen=900_000_000, cash_yen=0),
    "no_lender": lambda c: with_loan(c, lender=""),
    "no_amount": lambda c: with_loan(c, amount_yen=None, term_months=None),
    "big_long_loan": lambda c: with_loan(c, amount_yen=900_000_000, term_months=240, grace_months=48),
    "bank_says_yes": lambda c: with_loan(c, bank_parallel_proper_loan=True, offers_real_estate_collateral=True,
                                         uses_receivables_inventory_collateral=True),
    "bank_says_no": lambda c: with_loan(c, bank_parallel_proper_loan=False, bank_releases_proper_guarantees=False),
    "free_proper_loan": lambda c: c.model_copy(update={"loans": [
        Loan(lender="みらい銀行", lender_kind="bank", balance_yen=50_000_000, owner_guarantee=False)]}),
    "rescheduled": lambda c: c.model_copy(update={"loans": [
        Loan(lender="みらい銀行", lender_kind="bank", balance_yen=50_000_000, owner_guarantee=True, rescheduled=True)]}),
    "no_loans": lambda c: c.model_copy(update={"loans": []}),
    "sole_proprietor": lambda c: with_company(c, is_corporation=False),
    "young": lambda c: with_company(c.model_copy(update={"periods": c.sorted_periods()[:1]}),
                                    incorporated_on=dt.date(2025, 4, 1)),
    "first_year": lambda c: with_company(c.model_copy(update={"periods": []}), incorporated_on=dt.date(2026, 4, 1),
                                         first_tax_filing_done=False),
    "founding": lambda c: with_situation(with_company(c.model_copy(update={"periods": []}), founding_planned=True,
                                                      incorporated_on=dt.date(2027, 6, 1), first_tax_filing_done=False),
                                         "startup", total_funds_yen=10_000_000, own_funds_yen=500_000),
    "founding_soon": lambda c: with_situation(with_company(c.model_copy(update={"periods": []}), founding_planned=True,
                                                           incorporated_on=c.application_date + dt.timedelta(days=20)),
                                              "startup", total_funds_yen=10_000_000, own_funds_yen=2_000_000),
    "founding_no_date": lambda c: with_company(c.model_copy(update={"periods": []}), founding_planned=True,
                                               incorporated_on=None, first_tax_filing_done=False),
    "startup_age_unknown": lambda c: with_company(c, incorporated_on=None),
    "succession_planned": lambda c: with_situation(c, "succession", status="planned", planned_by=dt.date(2027, 4, 1),
                                                   has_cgc_plan_form=True, banks_refused_without_guarantee=True,
                                                   previous_special_guarantee_on=dt.date(2025, 1, 1)),
    "succession_late": lambda c: with_situation(c, "succession", status="planned", planned_by=dt.date(2035, 4, 1),
                                                banks_refused_without_guarantee=False,
                                                previous_special_guarantee_on=dt.date(2020, 1, 1)),
    "succession_undated": lambda c: with_situation(c, "succession", status="planned",
                                                   previous_special_guarantee_on=dt.date(2030, 1, 1)),
    "succession_done": lambda c: with_situation(c, "succession", status="done", done_on=dt.date(2024, 6, 1)),
    "succession_done_old": lambda c: with_situation(c, "succession", status="done", done_on=dt.date(2019, 6, 1)),
    "succession_done_undated": lambda c: with_situation(c, "succession", status="done"),
    "succession_done_future": lambda c: with_situation(c, "succession", status="done", done_on=dt.date(2027, 6, 1)),
}


def _bases() -> dict[str, Case]:
    return {"builders": builders.case(), **demo_cases()}


@cache
def battery() -> list[tuple[str, RouteResult]]:
    """(case name, route result) for every base case under every change."""
    results = []
    for base_name, base in _bases().items():
        for change_name, make in CHANGES.items():
            made = make(base.model_copy(deep=True))
            for route in evaluate(made).routes:
                results.append((f"{base_name}/{change_name}", route))
    return results


def produced() -> dict[tuple[str, str, str], Condition]:
    """route × condition × state as the battery reaches them, one example each."""
    seen: dict[tuple[str, str, str], Condition] = {}
    for _, route in battery():
        for cond in route.conditions:
            seen.setdefault((route.route_id, cond.id, cond.status), cond)
    return seen


# --- the walk ---------------------------------------------------------------------------------


def test_every_produced_state_has_its_authored_sentence_and_phrase() -> None:
    missing = []
    for (route_id, cid, status), cond in produced().items():
        texts = condition_texts().get(cid)
        if texts is None or not texts.sentence(cond.status):
            missing.append((route_id, cid, status))
            continue
        assert sentence(cond) == texts.sentence(cond.status)
        if status in _PHRASE_FOR:
            assert change(cond) in (cond.gap, getattr(texts, _PHRASE_FOR[status])), (route_id, cid, status)
    assert missing == []


def test_the_battery_reaches_every_condition_and_every_written_state() -> None:
    """No text is written for a state no rule produces (dead text), and no condition is unreached."""
    reached = {(cid, status) for (_, cid, status) in produced()}
    written = {(cid, state) for cid, texts in condition_texts().items()
               for state in SENTENCE_STATES if texts.sentence(state)}  # type: ignore[arg-type]
    assert sorted(written - reached) == [], "texts for states the battery never reaches"
    assert {cid for cid, _ in reached} == set(condition_texts())


def test_the_routes_cover_all_eleven() -> None:
    assert {route.route_id for _, route in battery()} == set(ROUTES)


def test_every_reason_is_an_authored_sentence() -> None:
    authored = {texts.sentence(state) for texts in condition_texts().values()  # type: ignore[arg-type]
                for state in SENTENCE_STATES} | {ALL_MET}
    for name, route in battery():
        if route.verdict in ("not_applicable", "closed"):
            # Written in the route's own rule with its dates; checked for broken endings only.
            assert broken(route.reason) == [], (name, route.route_id, route.reason)
            continue
        # The first sentence is the deciding condition's; a route may add its own written notes.
        own = [re.fullmatch(re.escape(t).replace(re.escape("{points}"), ".+"), route.reason) for t in ROUTE_REASONS]
        assert any(route.reason.startswith(a) for a in authored if a) or any(own), (name, route.route_id, route.reason)
        assert broken(route.reason) == [], (name, route.route_id, route.reason)


@pytest.mark.parametrize("cid", sorted(condition_texts()))
def test_authored_texts_read_as_written_japanese(cid: str) -> None:
    texts = texts_of(cid)
    for state in SENTENCE_STATES:
        text = texts.sentence(state)  # type: ignore[arg-type]
        if text:
            assert ENDS_AS_SENTENCE.search(text), (cid, state, text)
            assert broken(text) == [], (cid, state, text, broken(text))
    for phrase in PHRASES:
        text = getattr(texts, phrase)
        if text:
            assert not text.endswith(("。", "こと")), (cid, phrase, text)
            assert broken(text) == [], (cid, phrase, text, broken(text))


def test_every_gap_the_rules_print_reads_as_written_japanese() -> None:
    for name, route in battery():
        for cond in route.conditions:
            assert broken(cond.gap) == [], (name, route.route_id, cond.id, cond.gap)
            assert broken(change(cond)) == [], (name, route.route_id, cond.id)


# --- the checksheet's improvement actions ------------------------------------------------------


@pytest.mark.parametrize("item", load_checksheet().items(), ids=lambda i: i.id)
def test_every_checksheet_item_has_its_own_written_action(item: Any) -> None:
    assert item.action and not item.action.endswith(("。", "こと"))
    assert broken(item.action) == [], (item.id, item.action, broken(item.action))
    assert not item.action.startswith(item.label)


def test_proposed_actions_are_the_items_authored_actions_or_their_figures_gaps() -> None:
    c = demo_cases()["succession"]
    c.negotiation.actions = []
    checks = evaluate(c).checksheet
    unmet = [(r.id, r.action) for r in checks.unmet()]
    propose_actions(c, unmet)
    for action in c.negotiation.actions:
        result = checks.item(action.item_id)
        assert action.action in (result.item.action, result.gap)
        assert broken(action.action) == []


def test_the_broken_pattern_list_catches_the_reported_sentences() -> None:
    """The sentences issue 12 found in the packet must each trip the list."""
    for text in ("…保証料率の引上げを条件に、経営者保証を提供しないことを希望するを満たしていません",
                 "…十分な保全が図られるを満たしていません", "…がないを満たしていません",
                 "の牽制・管理体制（親族外の役員・監査役、報酬の決定ルール等）を改善する",
                 "経営者等から十分な物的担保の提供があること（代替的な保全）を改善する",
                 "A1 不明", "R3a 充足"):
        assert broken(text), text


def test_a_condition_without_its_texts_reads_generally_and_the_walk_would_report_it() -> None:
    """A rule added without its texts never stops the assessment; the walk above names it."""
    assert sentence(Condition("N", "設立後の決算終了回数", "met")) == FALLBACK["met"]
    missing = Condition("no_such_condition", "ラベル", "not_met")
    assert sentence(missing) == FALLBACK["not_met"] and change(missing) == FALLBACK_PHRASE["gap"]
    assert "no_such_condition" not in condition_texts()
    assert all(ENDS_AS_SENTENCE.search(t) and not broken(t) for t in FALLBACK.values())
    assert all(not broken(t) for t in FALLBACK_PHRASE.values())
