"""スタートアップ創出促進保証制度 (reference §D.6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from desktop.logic.case.amounts import format_rate, format_yen
from desktop.logic.case.model import Company, Startup
from desktop.logic.case.dates import add_months, add_years, civil_elapsed, earliest_start, jdate, period_last_day
from desktop.logic.rules.fees import FeeEstimate, cost_over_loan
from desktop.logic.rules.routes.base import (
    Condition,
    ConditionStatus,
    RouteContext,
    RouteParams,
    RouteResult,
    not_applicable,
    route_result,
    rule_in_force,
)
from desktop.logic.rules.routes.conditions import Tags, day_count_note
from desktop.logic.rules.routes.loan_terms import LoanTerms, loan_fit, terms_lines
from desktop.logic.rules.data import Params, Rule, load_rule

ROUTE_ID = "startup_promotion"


class FeeExample(Params):
    cgc: str
    base_percent: Decimal | None = None
    total_percent: Decimal
    source: str


class StartupParams(RouteParams):
    max_years_since_founding: int
    incorporate_within_months: int
    incorporate_within_months_certified: int
    own_funds_share: Decimal
    fee_surcharge_percent: Decimal
    fee_examples: list[FeeExample]
    governance_check_years: list[int]
    terms: LoanTerms


def rule() -> Rule[StartupParams]:
    return load_rule(ROUTE_ID, StartupParams)


def _incorporation_planned(c: Company, app_date: dt.date, p: StartupParams, tags: Tags) -> Condition:
    """A founder must incorporate within 2 months of the application (6 with 認定特定創業支援等事業)."""
    cid = "incorporation_planned"
    months = p.incorporate_within_months_certified if c.certified_founding_support else p.incorporate_within_months
    label = f"申込から{months}か月以内に法人を設立する予定であること" + (
        "（認定特定創業支援等事業を利用）" if c.certified_founding_support else "")
    planned = c.incorporated_on
    deadline = add_months(app_date, months)
    status: ConditionStatus
    gap = ""
    if planned is None:
        status, figure = "unknown", "設立予定日が未入力"
    elif planned < app_date:
        status = "unknown"
        figure = (f"設立予定日 {jdate(planned)} が申込予定日より前です"
                  "（設立済みなら設立日を入力し、「創業予定」を外してください）")
    else:
        figure = f"設立予定日 {jdate(planned)}（期限 {jdate(deadline)}）"
        status = "met" if planned <= deadline else "not_met"
        if status == "not_met":
            earliest = earliest_start(planned, add_months, months)
            gap = f"設立予定日を {jdate(deadline)} までにする、または申込を {jdate(earliest)} 以降にする"
            if not c.certified_founding_support:
                gap += f"（認定特定創業支援等事業を利用すれば {p.incorporate_within_months_certified}か月以内まで可）"
    return Condition(cid, label, status, figure=figure, gap=gap, source=tags.source(cid),
                     confidence=tags.confidence(cid))


def _years_since_founding(c: Company, app_date: dt.date, p: StartupParams, tags: Tags,
                          notes: list[str]) -> Condition:
    """法人設立後5年未満 (F-9); a 法人成り counts from the individual's start.

    Counted as 民法 140条・143条 count periods (a company is registered during its founding day, so
    that day is not counted): five years end at the end of the fifth anniversary, which is therefore
    still 「5年未満」. Within one day of that edge the condition is 要確認 and a note names both readings."""
    cid = "years_since_founding"
    years = p.max_years_since_founding
    label = f"法人設立から{years}年未満であること（法人成りは個人での創業から数える）"
    start = c.sole_proprietor_started_on or (None if c.founding_planned else c.incorporated_on)
    basis = "個人での創業日" if c.sole_proprietor_started_on else "設立日"
    src, conf = tags.source(cid), tags.confidence(cid)
    if start is None:
        return Condition(cid, label, "unknown", figure="設立日が未入力", source=src, confidence=conf)
    if start > app_date:
        return Condition(cid, label, "unknown", source=src, confidence=conf,
                         figure=f"{basis} {jdate(start)} が申込予定日より後です（設立前なら「創業予定」を選んでください）")
    last = period_last_day(start, years)
    within = app_date <= last
    edge = day_count_note("申込予定日", f"{basis}から{years}年", last, app_date)
    notes.extend([edge] if edge else [])
    return Condition(cid, label, "met" if within else "not_met",
                     figure=f"{basis} {jdate(start)} から {civil_elapsed(start, app_date)}"
                            f"（{years}年の期限 {jdate(last)}。この日までの申込が対象）",
                     gap="" if within else f"{basis}から{years}年を経過しているため、この制度は使えません",
                     source=src, confidence="U" if edge else conf)


def _own_funds(c: Company, s: Startup, p: StartupParams, tags: Tags, closed_periods: int | None) -> Condition:
    """Own funds ≥ 1/10 of the total, for founders and companies before their first tax filing.

    With the filing status left blank, two closed periods settle it: the first period's return
    is due two months after its year-end, long before the second period closes."""
    cid = "own_funds"
    share = Fraction(p.own_funds_share)
    label = f"自己資金が創業資金総額の{share}以上であること（創業予定・税務申告1期未終了の場合）"
    src, conf = tags.source(cid), tags.confidence(cid)
    filed = c.first_tax_filing_done
    if filed is None and closed_periods is not None and closed_periods >= 2:
        filed = True
    if not c.founding_planned and filed:
        return Condition(cid, label, "waived", figure="税務申告1期終了済みのため不要", source=src, confidence=conf)
    own, total = s.own_funds_yen, s.total_funds_yen
    if own is None or not total:
        return Condition(cid, label, "unknown", figure="自己資金・創業資金総額が未入力", source=src, confidence=conf)
    needed = -((-total * share.numerator) // share.denominator)  # ceil(total × share) in whole yen
    met = own >= needed
    return Condition(cid, label, "met" if met else "not_met",
                     figure=f"自己資金 {format_yen(own)}／創業資金総額 {format_yen(total)}（必要額 {format_yen(needed)}）",
                     gap="" if met else f"自己資金をあと {format_yen(needed - own)}以上増やす（創業資金総額が同じ場合）",
                     source=src, confidence=conf)


def _fee(ctx: RouteContext, p: StartupParams, tags: Tags) -> FeeEstimate:
    """Each CGC's 創業関連保証 rate + 0.20 %: the base is not ours to know, so show the surcharge
    exactly and the published rates of two CGCs as examples only (F-24)."""
    surcharge = p.fee_surcharge_percent
    totals = [e.total_percent for e in p.fee_examples]
    examples = "、".join(
        f"{e.cgc} " + (f"{format_rate(e.base_percent)}＋{format_rate(surcharge)}＝" if e.base_percent is not None else "")
        + f"{format_rate(e.total_percent)}（{e.source}）" for e in p.fee_examples)
    return FeeEstimate(
        rate_min=min(totals), rate_max=max(totals), surcharge_rate=surcharge,
        surcharge_yen=cost_over_loan(surcharge, ctx.case.situation.planned_loan),
        note=(f"保証料率は各信用保証協会の創業関連保証の料率に {format_rate(surcharge)} を上乗せした率です。"
              f"料率の幅は保証協会の掲載例です（例示・Web情報1件ずつ［W］）：{examples}。"),
        source=f"{tags.source('fee')}、{tags.source('fee_examples')}",
    )


def _governance_note(c: Company, p: StartupParams, tags: Tags) -> str:
    """Reminder dates of the year-3 / year-5 governance checks, counted from incorporation (目安, F-8)."""
    text = "ガバナンス体制の整備に関するチェック（中小企業活性化協議会、決算申告書に基づく）を創業" + \
        "・".join(f"{y}年目" for y in p.governance_check_years) + "に受け、チェックシートを金融機関に提出します"
    if c.incorporated_on is None:
        return f"{text}（{tags.source('governance')}）。"
    # The n-th year runs from the (n−1)-th anniversary to the day before the n-th: the n-th
    # anniversary itself is already the first day of year n+1.
    start = c.incorporated_on
    one_day = dt.timedelta(days=1)
    windows = "、".join(f"設立{y}年目（{jdate(add_years(start, y - 1))}〜{jdate(add_years(start, y) - one_day)}）"
                        for y in p.governance_check_years)
    return (f"{text}。目安：{windows}（設立日から数えた期間です。決算期との関係は要確認）"
            f"（{tags.source('governance')}）。")


def evaluate(ctx: RouteContext) -> RouteResult:
    r = rule()
    found = rule_in_force(r, ctx)
    if isinstance(found, RouteResult):
        return found
    version, params = found
    tags = Tags.of(version, params)
    terms = terms_lines(params.terms)
    c, app_date = ctx.case.company, ctx.app_date
    if not c.is_corporation and not c.founding_planned:
        return not_applicable(r, version, "個人事業主のままでは利用できません（法人・法人設立予定者が対象）。",
                              terms=terms)
    conditions: list[Condition] = []
    day_notes: list[str] = []
    if c.founding_planned:
        conditions.append(_incorporation_planned(c, app_date, params, tags))
    if not c.founding_planned or c.sole_proprietor_started_on is not None:
        age = _years_since_founding(c, app_date, params, tags, day_notes)
        if age.status == "not_met":
            reason = "".join([f"法人設立（法人成りは個人での創業）から{params.max_years_since_founding}年未満の会社が"
                              f"対象です（{age.figure}）。", *day_notes])
            return not_applicable(r, version, reason, conditions=[age], terms=terms)
        conditions.append(age)
    startup = ctx.case.situation.startup
    conditions.append(_own_funds(c, startup, params, tags, ctx.indicators.closed_periods))
    conditions.extend(loan_fit(ctx.case.situation.planned_loan, params.terms, tags,
                               proper_loan=startup.proper_loan_with_bank))
    return route_result(r, version, conditions, fee=_fee(ctx, params, tags), terms=terms,
                        documents=params.documents,
                        notes=[*day_notes, *params.notes, _governance_note(c, params, tags)])
