"""事業承継特別保証制度 (reference §D.7) with the 事業承継特則 arguments (§B.7) and the coordinator path (§B.8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from desktop.logic.case.amounts import format_rate
from desktop.logic.case.model import PlannedLoan, Succession
from desktop.logic.case.dates import civil_elapsed, earliest_start, jdate, period_last_day
from desktop.logic.rules.fees import RATE_CLASS_NOTE, FeeEstimate, approx_yen, fee_from_table, fee_tables_on
from desktop.logic.rules.routes.base import (
    Condition,
    ConditionStatus,
    RouteContext,
    RouteParams,
    RouteResult,
    corporation_gate,
    not_applicable,
    route_result,
    rule_in_force,
)
from desktop.logic.rules.routes.conditions import (
    Tags,
    asset_surplus,
    day_count_note,
    ebitda_multiple_within,
    no_rescheduled_loans,
    separation,
)
from desktop.logic.rules.routes.loan_terms import LoanTerms, loan_fit, terms_lines
from desktop.logic.rules.data import Params, Rule, load_rule

ROUTE_ID = "succession_special"


class SituationNotes(Params):
    done: str
    both_guarantee: str
    former_without_control: str


class SuccessionParams(RouteParams):
    ebitda_limit: Decimal
    planned_within_years: int
    done_window_from: dt.date
    done_window_to: dt.date
    done_within_years: int
    repeat_within_years: int
    situation_notes: SituationNotes
    terms: LoanTerms


def rule() -> Rule[SuccessionParams]:
    return load_rule(ROUTE_ID, SuccessionParams)


def _condition(cid: str, label: str, status: ConditionStatus, figure: str, tags: Tags, gap: str = "",
               edge_note: str = "") -> Condition:
    """A condition tagged from the rule data; near a period's last day (edge_note) it is 要確認."""
    return Condition(cid, label, status, figure=figure, gap=gap if status == "not_met" else "",
                     source=tags.source(cid), confidence="U" if edge_note else tags.confidence(cid))


# The three-year periods below (planned within, since the succession, repeat use) are counted as
# 民法 140条・143条 count periods: the starting day is not counted and the period ends at the end of
# the corresponding day three years later, so that day is still inside. The sources do not say
# otherwise; within one day of that edge a 要確認 note names both readings (day_count_note).


def _route_a(s: Succession, app_date: dt.date, p: SuccessionParams, tags: Tags, notes: list[str]) -> list[Condition]:
    """A succession planned within 3 years of the application, on the CGC's plan form."""
    form = _condition("succession_plan_form", "信用保証協会所定の様式の事業承継計画書があること",
                      "met" if s.has_cgc_plan_form else "not_met",
                      "作成済み" if s.has_cgc_plan_form else "未作成", tags,
                      gap="信用保証協会所定の様式で事業承継計画書を作成する")
    years = p.planned_within_years
    cid, label = "succession_planned_within", f"申込から{years}年以内に事業承継（代表者交代等）を予定していること"
    deadline = period_last_day(app_date, years)
    planned = s.planned_by
    if planned is None:
        when = _condition(cid, label, "unknown", "承継予定日が未入力", tags)
    elif planned < app_date:
        when = _condition(cid, label, "unknown", f"承継予定日 {jdate(planned)} が申込予定日より前です"
                          "（承継済みなら「承継済み」と承継日を入力してください）", tags)
    else:
        edge = day_count_note("承継予定日", f"申込から{years}年", deadline, planned)
        notes.extend([edge] if edge else [])
        when = _condition(cid, label, "met" if planned <= deadline else "not_met",
                          f"承継予定日 {jdate(planned)}（期限 {jdate(deadline)}）", tags,
                          gap=f"承継予定日を {jdate(deadline)} までにする、または申込を "
                              f"{jdate(earliest_start(planned, period_last_day, years))} 以降にする",
                          edge_note=edge)
    return [form, when]


def _route_b(s: Succession, app_date: dt.date, p: SuccessionParams, tags: Tags, notes: list[str]) -> list[Condition]:
    """A succession done inside the data window (F-2, 要確認) and less than 3 years ago."""
    start, end, years = p.done_window_from, p.done_window_to, p.done_within_years
    window_label = f"{jdate(start)}〜{jdate(end)}に事業承継を実施したこと（期間延長の有無は要確認）"
    within_label = f"承継日から{years}年を経過していないこと"
    done = s.done_on
    if done is None:
        return [_condition("succession_window", window_label, "unknown", "承継日が未入力", tags),
                _condition("succession_within", within_label, "unknown", "承継日が未入力", tags)]
    in_window = start <= done <= end
    window = _condition("succession_window", window_label, "met" if in_window else "not_met",
                        f"承継日 {jdate(done)}", tags,
                        gap="承継日が対象期間外のため、この制度は使えません（期間の延長・例外は信用保証協会に要確認）")
    if done > app_date:
        within = _condition("succession_within", within_label, "unknown",
                            f"承継日 {jdate(done)} が申込予定日より後です（未実施なら「承継予定」を選んでください）", tags)
    else:
        last = period_last_day(done, years)
        edge = day_count_note("申込予定日", f"承継日から{years}年", last, app_date)
        notes.extend([edge] if edge else [])
        within = _condition("succession_within", within_label, "met" if app_date <= last else "not_met",
                            f"承継日 {jdate(done)} から {civil_elapsed(done, app_date)}"
                            f"（{years}年の期限 {jdate(last)}。この日までの申込が対象）",
                            tags, gap=f"承継日から{years}年の期限（{jdate(last)}）を過ぎているため、この制度は使えません",
                            edge_note=edge)
    return [window, within]


def _repeat_use(s: Succession, app_date: dt.date, p: SuccessionParams, tags: Tags, notes: list[str]) -> Condition:
    """A second use is allowed within 3 years of the first guarantee."""
    years = p.repeat_within_years
    cid, label = "repeat_use", f"再度の利用は、初回の保証から{years}年以内であること"
    previous = s.previous_special_guarantee_on
    if previous is None:
        return _condition(cid, label, "waived", "初めての利用", tags)
    if previous > app_date:
        return _condition(cid, label, "unknown", f"初回の保証日 {jdate(previous)} が申込予定日より後です", tags)
    last = period_last_day(previous, years)
    edge = day_count_note("申込予定日", f"初回の保証から{years}年", last, app_date)
    notes.extend([edge] if edge else [])
    return _condition(cid, label, "met" if app_date <= last else "not_met",
                      f"初回の保証 {jdate(previous)}（{years}年の期限 {jdate(last)}）", tags,
                      gap=f"初回の保証から{years}年の期限（{jdate(last)}）を過ぎているため、再度の利用はできません",
                      edge_note=edge)


def _fee(app_date: dt.date, loan: PlannedLoan, tags: Tags) -> tuple[FeeEstimate | None, str]:
    """The fee from the 9-tier table (the coordinator-confirmed row when confirmed), and a note on
    what the free coordinator check would save (S002: the 0.20 % floor is the CGC's cost)."""
    found = fee_tables_on(app_date)
    if found is None:
        return None, ""
    version, tables = found
    source = f"{version.source}、{tags.source('fee')}"
    cheap = tables.coordinator_confirmed
    cheap_range = f"{format_rate(min(cheap))}〜{format_rate(max(cheap))}"
    if loan.coordinator_confirmed:
        fee = fee_from_table(cheap, loan, source=source,
                             note="経営者保証コーディネーターの確認を受けた場合の料率で計算しています。")
        return fee, (f"経営者保証コーディネーターの確認を受けた料率（{cheap_range}）です。"
                     f"下限の{format_rate(min(cheap))}は保証協会の管理に必要な費用です（S002）。")
    fee = fee_from_table(tables.standard, loan, source=source, note=RATE_CLASS_NOTE)
    saving = ""
    confirmed = fee_from_table(cheap, loan)
    if fee.yen_estimate is not None and confirmed.yen_estimate is not None:
        saving = f"（この借入では概算 {approx_yen(fee.yen_estimate - confirmed.yen_estimate)}の軽減）"
    return fee, (f"経営者保証コーディネーター（各都道府県の事業承継・引継ぎ支援センター、無料）の確認を受けると、"
                 f"保証料率が {cheap_range} に下がります{saving}（S002、W50）。")


def evaluate(ctx: RouteContext) -> RouteResult:
    r = rule()
    found = rule_in_force(r, ctx)
    if isinstance(found, RouteResult):
        return found
    version, params = found
    tags = Tags.of(version, params)
    terms = terms_lines(params.terms)
    s = ctx.case.situation.succession
    if s.status == "none":
        return not_applicable(r, version, "事業承継の予定・実施がないため対象外です。", terms=terms)
    gate = corporation_gate(r, version, ctx, terms=terms)
    if gate is not None:
        return gate
    app_date, loan = ctx.app_date, ctx.case.situation.planned_loan
    day_notes: list[str] = []
    route = (_route_a if s.status == "planned" else _route_b)(s, app_date, params, tags, day_notes)
    conditions = [
        *route,
        asset_surplus(ctx, tags),
        ebitda_multiple_within(ctx, params.ebitda_limit, tags),
        *separation(ctx, tags),
        no_rescheduled_loans(ctx, tags),
        _repeat_use(s, app_date, params, tags, day_notes),
        *loan_fit(loan, params.terms, tags),
    ]
    fee, coordinator_note = _fee(app_date, loan, tags)
    situation = params.situation_notes
    notes = [
        *day_notes,
        *([situation.done] if s.status == "done" else []),
        *([situation.both_guarantee] if s.both_guarantee_now else []),
        *([situation.former_without_control] if s.former_manager_keeps_control is False else []),
        *([coordinator_note] if coordinator_note else []),
        *params.notes,
    ]
    return route_result(r, version, conditions, fee=fee, terms=terms, documents=params.documents, notes=notes)
