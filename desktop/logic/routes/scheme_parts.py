"""Building blocks shared by the guarantee-scheme routes (reference §D.5–§D.10).

The financial tests of 事業承継特別保証 and プロパー融資借換特別保証 are the same four (資産超過,
EBITDA有利子負債倍率, 法人・個人の分離, no 返済緩和); the loan-term checks, the result builder
and the date arithmetic are shared by all of them, so they live here once.
"""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from desktop.logic.amounts import format_ratio, format_yen
from desktop.logic.case_model import PlannedLoan
from desktop.logic.fees import FeeEstimate
from desktop.logic.routes.base import (
    Condition,
    ConditionStatus,
    RouteContext,
    RouteResult,
    Verdict,
    from_item,
    reason_from,
    rule_in_force,
    verdict_from,
)
from desktop.logic.rule_data import Confidence, P, Params, Rule, RuleVersion, as_fraction_text

_STRENGTH: tuple[Confidence, ...] = ("C", "W", "I", "U")


def weakest(*tags: Confidence) -> Confidence:
    """The least certain of several confidence tags (C > W > I > U)."""
    return max(tags, key=_STRENGTH.index)


class SchemeParams(Params):
    """Parameters every scheme route carries besides its own thresholds."""

    documents: list[str]
    notes: list[str] = []
    # Confidence of single conditions where it differs from the version's own, keyed by
    # condition id (e.g. an [I] reading of a [C] rule, or an [U] window).
    confidence: dict[str, Confidence] = {}


@dataclass(frozen=True)
class Tags:
    """Source and confidence of each condition, from the rule version in force."""

    version: RuleVersion
    overrides: dict[str, Confidence]

    def source(self, key: str) -> str:
        return self.version.source_of(key)

    def confidence(self, key: str) -> Confidence:
        return self.overrides.get(key, self.version.confidence)


def tags_for(version: RuleVersion, params: SchemeParams) -> Tags:
    return Tags(version, params.confidence)


# --- rule windows and results -------------------------------------------------------------


def in_force(rule: Rule[P], ctx: RouteContext, *, before_start: str = "") -> tuple[RuleVersion, P] | RouteResult:
    """rule_in_force, with a route's own reason for dates before its first version; the
    template may name {app} (the application date) and {first} (the first valid day)."""
    found = rule_in_force(rule, ctx)
    if isinstance(found, RouteResult) and before_start and ctx.app_date < rule.file.first_day:
        return replace(found, reason=before_start.format(app=jdate(ctx.app_date), first=jdate(rule.file.first_day)))
    return found


def build_result(rule: Rule[P], version: RuleVersion, conditions: list[Condition], *,
                 verdict: Verdict | None = None, reason: str = "", fee: FeeEstimate | None = None,
                 terms: list[str] | None = None, documents: list[str] | None = None,
                 notes: list[str] | None = None) -> RouteResult:
    """A route's result; the verdict and reason follow from the conditions unless given."""
    decided = verdict or verdict_from(conditions)
    return RouteResult(
        route_id=rule.file.id, name=rule.file.name, verdict=decided, conditions=conditions,
        reason=reason or reason_from(decided, conditions), source=version.source, fee=fee,
        terms=terms or [], documents=documents or [], notes=notes or [],
        rule_checked_on=version.checked_on,
    )


def not_applicable(rule: Rule[P], version: RuleVersion, reason: str, *,
                   conditions: list[Condition] | None = None, terms: list[str] | None = None) -> RouteResult:
    """The situation is outside the route; the deciding condition is kept so its figure shows."""
    return build_result(rule, version, conditions or [], verdict="not_applicable", reason=reason, terms=terms)


# --- dates and amounts as people write them -----------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day n months later; a missing day (31st, 29 Feb) becomes the month's last day."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """The n-th anniversary; for 29 February it is 1 March, the first day the years are complete."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def earliest_start(target: dt.date, shift: Callable[[dt.date, int], dt.date], n: int) -> dt.date:
    """The first day d with shift(d, n) ≥ target: when to apply so that a window reaches a date."""
    day = shift(target, -n)
    while shift(day, n) < target:  # a clamped month end can fall short
        day += dt.timedelta(days=1)
    while shift(day - dt.timedelta(days=1), n) >= target:
        day -= dt.timedelta(days=1)
    return day


def jdate(day: dt.date) -> str:
    return f"{day:%Y年%m月%d日}"


def elapsed(start: dt.date, end: dt.date) -> str:
    """Whole years and months from start to end, e.g. 「4年7か月」."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return f"{months // 12}年{months % 12}か月"


def format_man(yen: int) -> str:
    """Scheme limits as printed in Japanese: 280,000,000 → 「2億8,000万円」."""
    oku, rest = divmod(yen, 100_000_000)
    man, en = divmod(rest, 10_000)
    text = (f"{oku:,}億" if oku else "") + (f"{man:,}万" if man else "")
    return text + (f"{en:,}" if en or not text else "") + "円"


def format_months(months: int) -> str:
    return f"{months // 12}年" if months % 12 == 0 else f"{months}か月"


def format_rate(rate: Decimal) -> str:
    return f"{rate:.2f}%"


def same_lender(a: str, b: str) -> bool:
    """Lender names typed twice match when they differ only in width or spacing."""
    def norm(s: str) -> str:
        return "".join(unicodedata.normalize("NFKC", s).split())
    return bool(norm(a)) and norm(a) == norm(b)


# --- the financial tests of D.5 / D.7 -------------------------------------------------------


def asset_surplus(ctx: RouteContext, tags: Tags) -> Condition:
    """資産超過: NA(P0) > 0; NA exactly 0 fails (E.3, F-12)."""
    cid = "asset_surplus"
    p0 = ctx.indicators.p0
    na = None if p0 is None else p0.net_assets
    status: ConditionStatus = "unknown" if na is None else ("met" if na > 0 else "not_met")
    return Condition(cid, "資産超過であること（直近決算の純資産がゼロより大きい）", status,
                     figure="直近決算が未入力" if p0 is None else f"純資産 {format_yen(na)}",
                     gap=f"純資産をあと {format_yen(-na + 1)}以上増やす" if na is not None and na <= 0 else "",
                     source=tags.source(cid), confidence=tags.confidence(cid))


def ebitda_multiple_within(ctx: RouteContext, limit: Decimal, tags: Tags) -> Condition:
    """EBITDA有利子負債倍率 (E.2a) ≤ limit; net cash passes, EBITDA ≤ 0 fails as 算出不能."""
    cid = "ebitda_multiple"
    label = f"EBITDA有利子負債倍率が{as_fraction_text(limit)}倍以内であること（直近決算）"
    p0 = ctx.indicators.p0
    source, confidence = tags.source(cid), tags.confidence(cid)
    if p0 is None:
        return Condition(cid, label, "unknown", figure="直近決算が未入力", source=source, confidence=confidence)
    m, bound = p0.ebitda, Fraction(limit)
    passes = m.passes(bound)
    if not m.known or m.net_debt is None or m.ebitda is None:
        figure = "未入力（借入金・現預金・営業利益・減価償却費のいずれか）"
    elif not m.computable:
        figure = f"算出不能（EBITDA＝営業利益＋減価償却費 {format_yen(m.ebitda)} がゼロ以下）"
    elif m.net_debt <= 0:
        figure = f"実質無借金（ネット有利子負債 {format_yen(m.net_debt)}）"
    else:
        figure = (f"{format_ratio(m.value, unit='倍')}（ネット有利子負債 {format_yen(m.net_debt)} ÷ "
                  f"EBITDA {format_yen(m.ebitda)}）")
    gap = ""
    if passes is False and m.ebitda is not None and m.net_debt is not None:
        increase = m.ebitda_increase_needed(bound) or 0
        if not m.computable:
            # The multiple only exists once EBITDA is positive.
            gap = f"EBITDA（営業利益＋減価償却費）をあと {format_yen(max(increase, -m.ebitda + 1))}以上増やす"
        else:
            reduction = m.debt_reduction_needed(bound)
            gap = (f"ネット有利子負債（借入金・社債−現預金）をあと {format_yen(reduction)}以上減らす、"
                   f"または EBITDA（営業利益＋減価償却費）をあと {format_yen(increase)}以上増やす")
    status: ConditionStatus = "unknown" if passes is None else ("met" if passes else "not_met")
    return Condition(cid, label, status, figure=figure, gap=gap, source=source, confidence=confidence)


def separation(ctx: RouteContext, tags: Tags) -> list[Condition]:
    """法人・個人の分離, judged on the checksheet's asset (GL-1.1) and accounts (GL-1.2) items."""
    conditions = []
    for item_id in ("GL-1.1", "GL-1.2"):
        item = ctx.item(item_id)
        conditions.append(from_item(item.id, item.label, item,
                                    source=f"{tags.source('separation')}／判定：{item.source}",
                                    confidence=weakest(tags.confidence("separation"), item.item.confidence)))
    return conditions


def no_rescheduled_loans(ctx: RouteContext, tags: Tags) -> Condition:
    """No loan under 返済緩和 (条件変更) at the application date."""
    cid = "no_rescheduled_loans"
    label = "返済緩和（条件変更）中の借入がないこと"
    loans = ctx.case.loans
    rescheduled = [loan.lender or "（金融機関名なし）" for loan in loans if loan.rescheduled]
    status: ConditionStatus
    gap = ""
    if rescheduled:
        status, figure = "not_met", "返済緩和中：" + "、".join(rescheduled)
        gap = f"返済緩和中の借入（{'、'.join(rescheduled)}）を通常の返済条件に戻す"
    elif loans:
        status, figure = "met", f"借入 {len(loans)}件とも返済緩和なし"
    else:
        # An empty list is not an answer unless the statements show no borrowings at all.
        p0 = ctx.case.sorted_periods()[0] if ctx.case.periods else None
        no_debt = p0 is not None and p0.short_term_borrowings_yen == 0 and p0.long_term_borrowings_yen == 0
        status, figure = ("met", "借入なし（直近決算の借入金ゼロ）") if no_debt else ("unknown", "借入の一覧が未入力")
    return Condition(cid, label, status, figure=figure, gap=gap, source=tags.source(cid),
                     confidence=tags.confidence(cid))


# --- loan terms -------------------------------------------------------------------------------


class LoanTerms(Params):
    """A guarantee product's limits as published; the planned loan is checked against them."""

    limit_yen: int
    unsecured_limit_yen: int | None = None      # うち無担保
    cooperative_limit_yen: int | None = None    # 組合等
    loan_limit_yen: int | None = None           # ABL: loan may exceed the guaranteed amount
    guarantee_ratio_percent: int
    max_term_months: int
    max_lump_sum_months: int | None = None
    max_grace_months: int | None = None
    max_grace_with_proper_loan_months: int | None = None
    revolving: bool = False


def terms_lines(t: LoanTerms) -> list[str]:
    extras = []
    if t.unsecured_limit_yen:
        extras.append(f"うち無担保{format_man(t.unsecured_limit_yen)}")
    if t.cooperative_limit_yen:
        extras.append(f"組合等は{format_man(t.cooperative_limit_yen)}")
    if t.loan_limit_yen:
        extras.append(f"融資額は{format_man(t.loan_limit_yen)}まで")
    limit = f"保証限度額 {format_man(t.limit_yen)}" + (f"（{'、'.join(extras)}）" if extras else "")
    ratio = f"保証割合 {t.guarantee_ratio_percent}%" + ("（責任共有制度）" if t.guarantee_ratio_percent < 100 else "")
    if t.revolving:
        term = f"保証期間 {format_months(t.max_term_months)}（極度方式・更新可）"
    else:
        term = f"保証期間 {format_months(t.max_term_months)}以内"
        if t.max_grace_months is not None:
            grace = f"据置期間{format_months(t.max_grace_months)}以内"
            if t.max_grace_with_proper_loan_months:
                grace += f"、プロパー融資がある場合は{format_months(t.max_grace_with_proper_loan_months)}以内"
            term += f"（{grace}）"
        if t.max_lump_sum_months:
            term += f"、一括返済は{format_months(t.max_lump_sum_months)}以内"
    return [limit, ratio, term]


def loan_fit(loan: PlannedLoan, t: LoanTerms, tags: Tags, *, proper_loan: bool = False) -> list[Condition]:
    """The planned loan against the product's limit, term and grace period."""
    src, conf = tags.source("loan_terms"), tags.confidence("loan_terms")
    conditions = []
    amount = loan.amount_yen
    over = None if amount is None else amount - t.limit_yen
    gap = ""
    if over is not None and over > 0:
        gap = f"借入予定額を {format_yen(over)}以上減らす"
        if t.cooperative_limit_yen:
            gap += f"（組合等は{format_man(t.cooperative_limit_yen)}まで）"
    conditions.append(Condition(
        "loan_amount", f"借入予定額が保証限度額（{format_man(t.limit_yen)}）以内であること",
        "unknown" if over is None else ("met" if over <= 0 else "not_met"),
        figure="借入予定額が未入力" if amount is None else f"借入予定額 {format_yen(amount)}",
        gap=gap, source=src, confidence=conf))

    lump = loan.repayment == "lump_sum" and t.max_lump_sum_months is not None
    max_term = t.max_lump_sum_months if lump and t.max_lump_sum_months else t.max_term_months
    term = loan.term_months
    kind = "一括返済の" if lump else ""
    conditions.append(Condition(
        "loan_term", f"{kind}借入期間が{format_months(max_term)}以内であること",
        "unknown" if term is None else ("met" if term <= max_term else "not_met"),
        figure="借入期間が未入力" if term is None else f"借入期間 {term}か月",
        gap=f"借入期間を {max_term}か月以内にする" if term is not None and term > max_term else "",
        source=src, confidence=conf))

    if loan.repayment == "equal_principal" and t.max_grace_months is not None:
        extended = t.max_grace_with_proper_loan_months
        max_grace = extended if proper_loan and extended else t.max_grace_months
        label = f"据置期間が{format_months(max_grace)}以内であること"
        gap = ""
        if loan.grace_months > max_grace:
            gap = f"据置期間を {max_grace}か月以内にする"
            if extended and not proper_loan:
                gap += f"（申込金融機関のプロパー融資を併用すれば {extended}か月以内まで可）"
        conditions.append(Condition(
            "grace_period", label, "met" if loan.grace_months <= max_grace else "not_met",
            figure=f"据置期間 {loan.grace_months}か月" + ("（プロパー融資あり）" if proper_loan else ""),
            gap=gap, source=src, confidence=conf))
    return conditions
