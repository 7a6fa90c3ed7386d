"""A guarantee product's published limits (LoanTerms), how they are printed, and the planned loan
checked against them: amount, term and grace period."""

from __future__ import annotations

from desktop.logic.case.amounts import format_man, format_yen
from desktop.logic.case.model import PlannedLoan
from desktop.logic.case.dates import format_months
from desktop.logic.rules.routes.base import Condition
from desktop.logic.rules.routes.conditions import Tags
from desktop.logic.rules.data import Params


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
    """Limit, guarantee ratio and term as the packet prints them."""
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


def loan_amount_condition(loan: PlannedLoan, t: LoanTerms, tags: Tags) -> Condition:
    """The planned amount against the product's limit (the loan limit where the source gives one,
    e.g. ABL: 2億円 guarantee for loans up to 2.5億円)."""
    limit = t.loan_limit_yen or t.limit_yen
    amount = loan.amount_yen
    over = None if amount is None else amount - limit
    gap = ""
    if over is not None and over > 0:
        gap = f"借入予定額を {format_yen(over)}以上減らす"
        if t.cooperative_limit_yen:
            gap += f"（組合等は{format_man(t.cooperative_limit_yen)}まで）"
    what = "融資限度額" if t.loan_limit_yen else "保証限度額"
    return Condition(
        "loan_amount", f"借入予定額が{what}（{format_man(limit)}）以内であること",
        "unknown" if over is None else ("met" if over <= 0 else "not_met"),
        figure="借入予定額が未入力" if amount is None else f"借入予定額 {format_yen(amount)}",
        gap=gap, source=tags.source("loan_terms"), confidence=tags.confidence("loan_terms"))


def loan_fit(loan: PlannedLoan, t: LoanTerms, tags: Tags, *, proper_loan: bool = False) -> list[Condition]:
    """The planned loan against the product's limit, term and grace period (tagged "loan_terms")."""
    src, conf = tags.source("loan_terms"), tags.confidence("loan_terms")
    conditions = [loan_amount_condition(loan, t, tags)]

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
