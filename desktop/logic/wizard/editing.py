"""Case edits the wizard's pages make, as plain functions (the pages hold no rules).

Every function here changes the case through attribute assignment, so pydantic validates
each change (validate_assignment), or returns a new value for the page to show.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

from desktop.logic.case.amounts import Unit, format_yen
from desktop.logic.case.model import PERIOD_FIELDS, SIGNED_PERIOD_FIELDS, Action, Answer, Case, Period, Snapshot
from desktop.logic.rules.routes.base import VERDICT_MARKS, Verdict

PERIOD_COLUMN_LABELS = ("直近期", "前期", "前々期")  # by period index: 0 is the newest
# The 決算 grid's columns left to right, as period indexes: oldest on the left, as the packet's
# table and a 決算書's comparison read, so a block copied from such a table pastes in order.
SCREEN_PERIOD_ORDER = (2, 1, 0)
DEFAULT_YEAR_END_MONTH = 3


def amount_text(value: int | None, unit: Unit) -> str:
    """An amount as an input field shows it: in the page's unit, never losing a yen.

    format_yen truncates to the unit (千円未満切捨て) for display; a field must not, or
    re-saving the field would change the amount, so a remainder is shown as decimals.
    """
    if value is None:
        return ""
    if value % unit.factor == 0:
        return format_yen(value, unit, suffix=False)
    exact = Decimal(abs(value)) / unit.factor
    sign = "▲" if value < 0 else ""
    return f"{sign}{exact:,f}"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


def default_year_end(case: Case, index: int) -> dt.date:
    """The year-end of the index-th closed period before the 基準日 (0 = newest)."""
    month = case.company.fiscal_year_end_month or DEFAULT_YEAR_END_MONTH
    on = case.assessment_date
    newest = _month_end(on.year, month)
    if newest > on:
        newest = _month_end(on.year - 1, month)
    return _month_end(newest.year - index, month)


def ensure_period(case: Case, index: int) -> Period:
    """The period in column `index`, creating it (and any column before it) with default dates."""
    periods = list(case.periods)
    while len(periods) <= index:
        periods.append(Period(fiscal_year_end=default_year_end(case, len(periods))))
    if len(periods) != len(case.periods):
        case.periods = periods
    return case.periods[index]


def set_period_value(case: Case, index: int, field: str, value: Any) -> None:
    """Set one figure (or the year-end date) of the period in column `index`."""
    if value is None and index >= len(case.periods):
        return
    ensure_period(case, index)
    periods = list(case.periods)
    periods[index] = periods[index].model_copy(update={field: value})
    # model_copy skips validation; re-validate the changed period before it goes in.
    periods[index] = Period.model_validate(periods[index].model_dump())
    case.periods = periods


def remove_period(case: Case, index: int) -> None:
    case.periods = [p for i, p in enumerate(case.periods) if i != index]


def order_periods(case: Case) -> None:
    """Put the periods newest first, so the columns read 直近期・前期・前々期."""
    ordered = case.sorted_periods()
    if ordered != case.periods:
        case.periods = ordered


def verdict_summary(verdicts: dict[str, str]) -> str:
    """One line for the recent-cases list: '◎2 ○1 ？3 ×5' in mark order, zero counts left out."""
    counts = Counter(verdicts.values())
    parts = []
    for verdict, mark in VERDICT_MARKS.items():
        if counts[verdict] and verdict not in ("not_applicable", "closed"):
            parts.append(f"{mark}{counts[verdict]}")
    return " ".join(parts) or "判定なし"


def record_snapshot(case: Case, verdicts: dict[str, Verdict] | dict[str, str]) -> None:
    """Mark the assessment done: keep its verdicts in history (one snapshot per 基準日)."""
    kept = [s for s in case.history if s.assessment_date != case.assessment_date]
    kept.append(Snapshot(assessment_date=case.assessment_date, verdicts=dict(verdicts)))
    case.history = sorted(kept, key=lambda s: s.assessment_date)


def set_route_choice(case: Case, route_id: str, *, pursue: bool, first: bool = False) -> None:
    """Mark a route to pursue; the first of selected_routes is the first choice."""
    routes = [r for r in case.selected_routes if r != route_id]
    if pursue:
        routes.insert(0 if first else len(routes), route_id)
    case.selected_routes = routes


def propose_actions(case: Case, unmet: list[tuple[str, str]]) -> int:
    """Add an empty improvement action for each unmet item (id, label) that has none yet.

    Returns how many rows were added; the adviser fills in the action, owner and date.
    """
    existing = {a.item_id for a in case.negotiation.actions}
    added = [Action(item_id=item_id, action=f"{label}を改善する")
             for item_id, label in unmet if item_id not in existing]
    if added:
        case.negotiation.actions = [*case.negotiation.actions, *added]
    return len(added)


PREFECTURES: tuple[str, ...] = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県",
    "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
    "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
    "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県",
    "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)


def split_names(text: str) -> list[str]:
    """「山田太郎、山田花子」 → two names; 、 ， and , all separate names."""
    for sep in "，,":
        text = text.replace(sep, "、")
    return [name.strip() for name in text.split("、") if name.strip()]


def lender_names(case: Case) -> list[str]:
    """Every lender the case names, once each, in the order first named: 取引金融機関 (借入),
    then the planned loan's lender and the negotiation counterparty. Offered wherever a lender
    is chosen, so one bank is spelt one way and the routes can match it."""
    names = [loan.lender for loan in case.loans]
    names += [case.situation.planned_loan.lender, case.negotiation.counterparty]
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))


def set_answer(case: Case, item_id: str, answer: str, note: str) -> None:
    """Record a checksheet answer; an unanswered item without a note is dropped from the file."""
    answers = dict(case.answers)
    if answer == "unknown" and not note.strip():
        answers.pop(item_id, None)
    else:
        answers[item_id] = Answer(answer=answer, note=note)  # type: ignore[arg-type]
    case.answers = answers


def override_pending(case: Case, item_id: str) -> bool:
    """An answer that would override a figure-decided item but has no note yet (so it counts for nothing)."""
    answer = case.answers.get(item_id)
    return answer is not None and answer.answer != "unknown" and not answer.note.strip()


def toggled(values: list[str], value: str, on: bool) -> list[str]:
    """A multiple-choice list with one value switched on (appended) or off."""
    kept = [v for v in values if v != value]
    return [*kept, value] if on else kept
