"""What the negotiation packet says, apart from how it is typeset (no reportlab in this module).

Audiences (SPEC §7): 金融機関向け "bank" (default; the case on page 1, the routes not pursued as
table rows), 経営者保証コーディネーター向け "coordinator" and 社内控え "internal" (every route in
detail), and the owner's one-page summary "summary". Internal notes are never printed for the
bank or the coordinator:

* `case.negotiation.notes` — printed only in the 社内控え;
* answer notes — a line starting with 「社内:」「社内：」 or 「【社内】」 is internal; the other lines
  are evidence notes and are printed for every audience. An override of an AUTO item prints its
  whole note for every audience, because an override counts only with its stated reason (SPEC §5).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from desktop.logic.case.model import Case, Loan
from desktop.logic.rules.checksheet import ItemResult
from desktop.logic.rules.evaluation import Assessment
from desktop.logic.packet.build import Audience
from desktop.logic.rules.routes.base import RouteResult, Verdict
from desktop.logic.rules.routes.conditions import lender_named_in
from desktop.logic.rules.data import Confidence, read_toml, validate_toml

INTERNAL_MARKERS = ("社内:", "社内：", "【社内】")
# Routes whose verdict says the situation is outside them; the coordinator version lists them in
# its routes table only, the 社内控え shows their details too.
OUT_OF_PLAY = ("not_applicable", "closed")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Notice(_Model):
    text: str
    source: str
    confidence: Confidence


class ExplanationRequest(_Model):
    title: str
    lead: str
    question_a: str
    question_b: str
    closing: str
    source: str
    confidence: Confidence


class Commitment(_Model):
    text: str


class DocumentItem(_Model):
    name: str
    proves: str
    source: str
    confidence: Confidence
    succession: bool = False
    routes: list[str] = []


class Contact(_Model):
    body: str
    purpose: str
    source: str
    confidence: Confidence
    prefecture: bool = False


class CoordinatorCriterion(_Model):
    requirement: str
    criterion: str
    judged_on: str
    items: list[str]


class CoordinatorCrossReference(_Model):
    notice: str
    source: str
    confidence: Confidence
    criteria: list[CoordinatorCriterion]


class PacketText(_Model):
    title: str
    disclaimer: str
    checked_on: dt.date
    notices: list[Notice]
    explanation_request: ExplanationRequest
    commitment: Commitment
    documents: list[DocumentItem]
    contacts: list[Contact]
    coordinator: CoordinatorCrossReference


@cache
def load_packet_text() -> PacketText:
    """resources/packet.toml, validated; a malformed file names the file and key."""
    relative = "packet.toml"
    return validate_toml(relative, PacketText, read_toml(relative, "交渉資料の定型文"))


def is_internal_line(line: str) -> bool:
    return line.lstrip().startswith(INTERNAL_MARKERS)


def visible_note(note: str, audience: Audience) -> str:
    """The part of an answer note this audience may read (module docstring)."""
    lines = [line.strip() for line in note.splitlines() if line.strip()]
    if audience != "internal":
        lines = [line for line in lines if not is_internal_line(line)]
    return "\n".join(lines)


def item_note(result: ItemResult, audience: Audience) -> str:
    return result.note.strip() if result.overridden else visible_note(result.note, audience)


def in_play(route: RouteResult) -> bool:
    return route.verdict not in OUT_OF_PLAY


def detailed_routes(assessment: Assessment, audience: Audience) -> list[RouteResult]:
    """Routes printed in detail: all for the 社内控え; otherwise those in play or chosen."""
    chosen = set(assessment.case.selected_routes)
    return [r for r in assessment.routes
            if audience == "internal" or in_play(r) or r.route_id in chosen]


def preference_label(case: Case, route_id: str) -> str:
    """第1希望 / 第2希望 … from the order of case.selected_routes."""
    if route_id not in case.selected_routes:
        return ""
    return f"第{case.selected_routes.index(route_id) + 1}希望"


@dataclass(frozen=True)
class Addressee:
    name: str          # printed as 「… 御中」; empty for the 社内控え
    contact: str       # the lender's person in charge, if known
    loans: list[Loan]  # the loans this packet is about
    only_lender: bool  # True when the loans were narrowed to the addressee's


def resolve_addressee(case: Case, audience: Audience, addressee: str | None) -> Addressee:
    """Who the packet is for and which loans it is about (SPEC §7.1: one packet per lender)."""
    neg = case.negotiation
    name, contact = "", ""
    if addressee and addressee.strip():
        # The cover adds 「御中」 itself; one typed into the box is not printed twice.
        name = addressee.strip().removesuffix("御中").strip()
    elif audience == "bank":
        if neg.counterparty.strip():
            name = " ".join(p for p in (neg.counterparty.strip(), neg.branch.strip()) if p)
            contact = neg.contact_person.strip()
        else:
            name = "お取引金融機関"
    elif audience == "coordinator":
        name = "経営者保証コーディネーター"
    matched = [loan for loan in case.loans if name and lender_named_in(loan.lender, name)]
    return Addressee(name=name, contact=contact, loans=matched or list(case.loans), only_lender=bool(matched))


REPAYMENT_LABELS = {"equal_principal": "元金均等", "lump_sum": "期日一括"}
_REQUESTS = {
    "release": "既存のお借入れに付している経営者保証の解除",
    "new_without_guarantee": "新規のお借入れを経営者保証なしでお取り扱いいただくこと",
    "review_amount": "保証金額の見直し",
    "alternative": "経営者保証に代わる融資手法（停止条件付・解除条件付の保証契約、ABL など）のご検討",
}
_GOAL_TO_REQUEST = {
    "release_existing": "release",
    "new_loan_without_guarantee": "new_without_guarantee",
    "review_guarantee_amount": "review_amount",
}


def requested(case: Case) -> list[str]:
    """The requests in order: the negotiation page's, else those implied by the goals."""
    kinds = list(case.negotiation.requests) or [_GOAL_TO_REQUEST[g] for g in case.situation.goals]
    return [_REQUESTS[k] for k in dict.fromkeys(kinds)]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + "、および" + items[-1]


def request_paragraph(case: Case, audience: Audience) -> str:
    """The request in one paragraph (SPEC §7.2). Figures stay in the tables beside it: CJK
    wrapping would split a number across lines (engineering notes §3.2)."""
    company = case.company.name.strip() or "当社"
    reps = "・".join(n for n in case.company.representative_names if n.strip())
    guarantor = f"代表者（{reps}）" if reps else "代表者"
    asks = requested(case)
    subject = "下表のお借入れに関する" if case.loans or case.situation.planned_loan.amount_yen else ""
    if asks:
        ask = f"{subject}{guarantor}の経営者保証について、{_join(asks)}をお願いしたく"
    else:
        ask = f"{subject}{guarantor}の経営者保証のあり方について"
    if audience == "coordinator":
        lead = (f"{company}は、{ask}、経営者保証に関するガイドラインの要件の充足状況をご確認いただきたく、"
                "ご相談申し上げます。")
    else:
        lead = f"{company}は、{ask}、ご相談申し上げます。"
    return (lead + "本資料は、経営者保証に関するガイドラインと各制度の要件に照らした当社の自己診断の結果です。"
            "現状と不足している点、今後の改善計画をまとめましたので、ご検討をお願いいたします。")


def documents_for(assessment: Assessment) -> list[DocumentItem]:
    """The §G.1 checklist narrowed to the case: succession rows for a succession case,
    scheme rows when that scheme is in play."""
    case = assessment.case
    succession = case.situation.succession.status != "none"
    playing = {r.route_id for r in assessment.routes if in_play(r)}
    return [d for d in load_packet_text().documents
            if (not d.succession and not d.routes)
            or (d.succession and succession)
            or (set(d.routes) & playing)]


@dataclass(frozen=True)
class PlanRow:
    label: str
    status: str
    gap: str
    actions: list[tuple[str, str, dt.date | None]]  # (action, owner, due)


def improvement_plan(assessment: Assessment) -> list[PlanRow]:
    """Unmet checksheet items with the actions planned for each; actions for other items
    (e.g. a route's condition) follow under their own label (SPEC §7.7)."""
    actions = sorted((a for a in assessment.case.negotiation.actions if a.action.strip()),
                     key=lambda a: (a.due is None, a.due or dt.date.max))
    by_item: dict[str, list[tuple[str, str, dt.date | None]]] = {}
    for a in actions:
        by_item.setdefault(a.item_id, []).append((a.action.strip(), a.owner.strip(), a.due))
    rows: list[PlanRow] = []
    for result in assessment.checksheet.unmet():
        gap = result.gap or result.figure
        rows.append(PlanRow(result.label, result.status_label, gap, by_item.pop(result.id, [])))
    labels = _condition_labels(assessment)
    for item_id, planned in by_item.items():
        label = labels.get(item_id) or item_id or "その他"
        rows.append(PlanRow(label, "", "", planned))
    return rows


def _condition_labels(assessment: Assessment) -> dict[str, str]:
    labels = {c.id: c.label for r in assessment.routes for c in r.conditions}
    labels.update({i: res.label for i, res in assessment.checksheet.results.items()})
    return labels


# Best first: what can be used now, then what the lender decides, then what needs input.
VERDICT_RANK: dict[Verdict, int] = {"eligible": 0, "possible": 1, "needs_input": 2, "not_eligible": 3,
                                    "not_applicable": 4, "closed": 5}
WORTH_PRESENTING = 2  # ranks up to needs_input are candidates
BEST_ROUTES = 3


def best_routes(assessment: Assessment) -> list[RouteResult]:
    """Up to three routes worth pursuing: best verdict first, the owner's choices before others
    of the same verdict, then the cheaper."""
    chosen = assessment.case.selected_routes

    def key(route: RouteResult) -> tuple[int, int, int]:
        fee = route.fee
        cost = fee.yen_estimate if fee is not None and fee.yen_estimate is not None else 0
        order = chosen.index(route.route_id) if route.route_id in chosen else len(chosen)
        return VERDICT_RANK[route.verdict], order, cost

    ranked = sorted((r for r in assessment.routes if VERDICT_RANK[r.verdict] <= WORTH_PRESENTING), key=key)
    return ranked[:BEST_ROUTES]


def pursued_routes(assessment: Assessment) -> list[RouteResult]:
    """The routes the owner pursues, in the order of preference: those chosen on the routes
    page, else (nothing chosen) the best ones. Page 1 presents these; the bank reads every
    other route as one row of a table (SPEC §7.1–7.2)."""
    by_id = {r.route_id: r for r in assessment.routes}
    chosen = [by_id[i] for i in assessment.case.selected_routes if i in by_id]
    return chosen or best_routes(assessment)


def routes_held_back(assessment: Assessment, item_id: str) -> list[RouteResult]:
    """The routes still in play that an item holds back (its condition not met or unknown)."""
    return [r for r in assessment.routes if in_play(r)
            and any(c.id == item_id and c.status in ("not_met", "unknown") for c in r.conditions)]


def top_improvements(assessment: Assessment, count: int = 3) -> list[ItemResult]:
    """The unmet checksheet items worth most to the owner, best first.

    Worth is what fixing the item would unblock: the number of routes still in play that it
    holds back, then an item the official sheet marks important, then a clear 未充足 before a
    一部 / 未確認, then one with a stated gap; ties keep the checksheet's order."""
    ranked = sorted(assessment.checksheet.unmet(),
                    key=lambda r: (-len(routes_held_back(assessment, r.id)), not r.item.important,
                                   r.status != "not_met", not r.gap))
    return ranked[:count]


def planned_actions(case: Case, item_id: str) -> list[str]:
    """The actions the company plans for an item, earliest due first."""
    actions = sorted((a for a in case.negotiation.actions if a.item_id == item_id and a.action.strip()),
                     key=lambda a: (a.due is None, a.due or dt.date.max))
    return [a.action.strip() for a in actions]
