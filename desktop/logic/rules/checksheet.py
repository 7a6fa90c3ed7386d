"""The governance checksheet: items as data (resources/checksheet.toml), results from the case.

AUTO items are decided by the figures; SEMI items by structured facts (e.g. the list of business
assets); SELF items by the owner's answer. An answer to an AUTO/SEMI item counts only with a
note, and is then reported as an override (SPEC §5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict

from desktop.logic.case.amounts import format_yen
from desktop.logic.case.model import Case
from desktop.logic.rules.indicators import (
    Indicators,
    ebitda_figure,
    ebitda_gap_text,
    net_assets_gap_text,
    no_two_dbop_losses,
)
from desktop.logic.rules.data import Confidence, RuleDataError, read_toml, validate_toml, weakest

Mode = Literal["AUTO", "SEMI", "SELF"]
ItemStatus = Literal["met", "declared", "partly", "not_met", "unknown"]
AutoRule = Literal[
    "business_assets_separated",
    "no_representative_receivables",
    "not_insolvent",
    "asset_surplus",
    "no_two_dbop_losses",
    "ebitda_multiple_within",
    "docs_submitted_2y",
]

ITEM_STATUS_LABELS: dict[ItemStatus, str] = {
    "met": "充足", "declared": "はい（申告）", "partly": "一部", "not_met": "未充足", "unknown": "未確認",
}


class ChecksheetItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str
    label: str
    help: str
    evidence: list[str]
    important: bool = False
    mode: Mode
    auto_rule: AutoRule | None = None
    auto_limit: Decimal | None = None
    source: str
    confidence: Confidence
    verified: bool
    # Proxy questions stand in for official rows not yet transcribed (reference §C.3).
    proxy: bool = False


class ChecksheetCategory(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str
    label: str
    items: list[ChecksheetItem]


class ChecksheetData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    title: str
    notice: str
    source: str
    checked_on: dt.date
    categories: list[ChecksheetCategory]

    def items(self) -> list[ChecksheetItem]:
        return [item for category in self.categories for item in category.items]


@cache
def load_checksheet() -> ChecksheetData:
    relative = "checksheet.toml"
    data = validate_toml(relative, ChecksheetData, read_toml(relative, "チェックシート"))
    ids = [item.id for item in data.items()]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuleDataError(f"{relative}: 項目 id が重複しています: {', '.join(sorted(duplicates))}")
    for item in data.items():
        if item.mode != "SELF" and item.auto_rule is None:
            raise RuleDataError(f"{relative}: 項目 {item.id} は {item.mode} ですが auto_rule がありません。")
        if item.auto_rule == "ebitda_multiple_within" and item.auto_limit is None:
            raise RuleDataError(f"{relative}: 項目 {item.id} に auto_limit がありません。")
    return data


@dataclass(frozen=True)
class ItemResult:
    item: ChecksheetItem
    status: ItemStatus
    figure: str = ""
    overridden: bool = False
    note: str = ""
    gap: str = ""
    # Decided by our reading of the source rather than the source itself (shown as 目安).
    interpreted: bool = False

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def label(self) -> str:
        return self.item.label

    @property
    def source(self) -> str:
        return self.item.source

    @property
    def confidence(self) -> Confidence:
        return weakest(self.item.confidence, "I") if self.interpreted else self.item.confidence

    @property
    def status_label(self) -> str:
        return ITEM_STATUS_LABELS[self.status]

    @property
    def decided_by_figures(self) -> bool:
        return self.item.mode != "SELF" and not self.overridden


@dataclass(frozen=True)
class ChecksheetResult:
    data: ChecksheetData
    results: dict[str, ItemResult]

    def item(self, item_id: str) -> ItemResult:
        return self.results[item_id]

    def in_category(self, category: ChecksheetCategory) -> list[ItemResult]:
        return [self.results[i.id] for i in category.items]

    def unmet(self) -> list[ItemResult]:
        return [r for r in self.results.values() if r.status in ("not_met", "partly", "unknown")]


class Decision(NamedTuple):
    """What an AUTO/SEMI rule found: status, the figure that decided it, what would have to
    change, and whether the decision rests on our interpretation [I] rather than the source."""

    status: ItemStatus
    figure: str
    gap: str = ""
    interpreted: bool = False


def _tri(value: bool | None) -> ItemStatus:
    return "unknown" if value is None else ("met" if value else "not_met")


def _business_assets(case: Case, ind: Indicators, item: ChecksheetItem) -> Decision:
    assets = case.business_assets
    if not assets:
        return Decision("unknown", "事業用資産の一覧が未入力", "")
    outside = [a for a in assets if a.owner != "company"]
    unleased = [a.name or "（名称なし）" for a in outside if not (a.lease_contract and (a.annual_rent_yen or 0) > 0)]
    if unleased:
        names = "、".join(unleased)
        return Decision("not_met", "賃貸借契約・賃料のない個人所有資産: " + names,
                f"{names}を法人に移すか、賃貸借契約を結び適正な賃料を支払う")
    if outside:
        return Decision("met", f"個人等所有 {len(outside)} 件は賃貸借契約・賃料あり", "")
    return Decision("met", f"事業用資産 {len(assets)} 件すべて法人所有", "")


# Asked while loans to the representative are on the books and their exemption is unanswered.
RECEIVABLES_QUESTION = "少額のもの、または事業の実施に必要なものかどうかを回答してください（該当すれば要件から除かれます）。"


def _representative_receivables(case: Case, ind: Indicators, item: ChecksheetItem) -> Decision:
    p0 = ind.p0
    if p0 is None or p0.representative_receivables is None:
        return Decision("unknown", "直近期の代表者への貸付金・仮払金等が未入力", "")
    amount = p0.representative_receivables
    figure = f"代表者への貸付金等 {format_yen(amount)}"
    if amount == 0:
        return Decision("met", figure, "")
    exempt = case.declarations.small_or_business_necessary_receivables
    if exempt:
        return Decision("met", figure + "（少額・事業上必要と申告）", "")
    if exempt is None:
        # Small or business-necessary claims are excluded (S003 (*3)): unanswered, nothing is decided yet.
        return Decision("unknown", figure + f"。{RECEIVABLES_QUESTION}", "")
    return Decision("not_met", figure, f"代表者への貸付金・仮払金等 {format_yen(amount)}を精算する")


def _not_insolvent(case: Case, ind: Indicators, item: ChecksheetItem) -> Decision:
    p0 = ind.p0
    na = None if p0 is None else p0.net_assets
    return Decision(_tri(None if p0 is None else p0.not_insolvent), f"純資産 {format_yen(na)}",
            net_assets_gap_text(na, strictly_positive=False))


def _asset_surplus(case: Case, ind: Indicators, item: ChecksheetItem) -> Decision:
    p0 = ind.p0
    na = None if p0 is None else p0.net_assets
    return Decision(_tri(None if p0 is None else p0.asset_surplus), f"純資産 {format_yen(na)}",
            net_assets_gap_text(na, strictly_positive=True))


def _no_two_losses(case: Case, ind: Indicators, item: ChecksheetItem) -> Decision:
    # One closed period passes as our reading [I]; the figure then says 決算1期のみ.
    test = no_two_dbop_losses(ind)
    return Decision(_tri(test.passed), test.figure, test.gap, interpreted=test.single_period)


def _ebitda_within(case: Case, ind: Indicators, item: ChecksheetItem) -> Decision:
    p0 = ind.p0
    if p0 is None:
        return Decision("unknown", "決算が未入力", "")
    assert item.auto_limit is not None
    limit = Fraction(item.auto_limit)
    return Decision(_tri(p0.ebitda.passes(limit)), ebitda_figure(p0.ebitda, limit), ebitda_gap_text(p0.ebitda, limit))


def _docs_submitted(case: Case, ind: Indicators, item: ChecksheetItem) -> Decision:
    value = case.declarations.docs_submitted_2y
    status: ItemStatus = "unknown" if value is None else "declared" if value else "not_met"
    return Decision(status, {None: "未回答", True: "提出している（申告）", False: "提出していない"}[value])


_AUTO: dict[str, Callable[[Case, Indicators, ChecksheetItem], Decision]] = {
    "business_assets_separated": _business_assets,
    "no_representative_receivables": _representative_receivables,
    "not_insolvent": _not_insolvent,
    "asset_surplus": _asset_surplus,
    "no_two_dbop_losses": _no_two_losses,
    "ebitda_multiple_within": _ebitda_within,
    "docs_submitted_2y": _docs_submitted,
}

_ANSWER_STATUS: dict[str, ItemStatus] = {"yes": "declared", "partly": "partly", "no": "not_met", "unknown": "unknown"}


def evaluate_checksheet(case: Case, indicators: Indicators, data: ChecksheetData | None = None) -> ChecksheetResult:
    data = data or load_checksheet()
    results: dict[str, ItemResult] = {}
    for item in data.items():
        answer = case.answers.get(item.id)
        if item.auto_rule is None:
            status = _ANSWER_STATUS[answer.answer] if answer else "unknown"
            results[item.id] = ItemResult(item, status, note=answer.note if answer else "")
            continue
        status, figure, gap, interpreted = _AUTO[item.auto_rule](case, indicators, item)
        if answer and answer.note.strip() and answer.answer != "unknown":
            # An override of what the figures decided counts only with a stated reason.
            results[item.id] = ItemResult(item, _ANSWER_STATUS[answer.answer], figure=figure,
                                          overridden=True, note=answer.note.strip())
        else:
            results[item.id] = ItemResult(item, status, figure=figure, gap=gap if status == "not_met" else "",
                                          interpreted=interpreted)
    return ChecksheetResult(data, results)
