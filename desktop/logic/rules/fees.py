"""Guarantee-fee estimates over the planned loan's repayment schedule (SPEC §6 Fees).

Rates are annual percentages of the outstanding balance. The yen figure is a 概算: each 保証協会
has its own calculation for instalment loans (reference §D conventions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from desktop.logic.case.amounts import format_rate
from desktop.logic.case.model import PlannedLoan
from desktop.logic.rules.data import Confidence, Params, Rule, RuleVersion, caution_label, load_rule


@dataclass(frozen=True)
class FeeEstimate:
    """Annual guarantee-fee rates in percent and the 概算 yen cost over the planned loan."""

    rate_min: Decimal
    rate_max: Decimal
    rate_exact: Decimal | None = None
    yen_estimate: int | None = None
    # The 概算 at the lowest rate, when the 料率区分 is not known (yen_estimate is then the highest).
    yen_low: int | None = None
    surcharge_rate: Decimal | None = None
    surcharge_yen: int | None = None
    note: str = ""
    source: str = ""
    # A rate derived by us (e.g. the business-borne part of a subsidised surcharge) prints 目安.
    confidence: Confidence = "C"

    @property
    def caution(self) -> str:
        return caution_label(self.confidence)


class FeeTableParams(Params):
    # 料率区分 ①..⑨ in order (index 0 is 区分①, the highest rate).
    standard: list[Decimal]
    coordinator_confirmed: list[Decimal]


def load_fee_tables() -> Rule[FeeTableParams]:
    """Every version of the 9-tier tables, validated."""
    return load_rule("fee_tables", FeeTableParams)


def fee_tables_on(day: dt.date) -> tuple[RuleVersion, FeeTableParams] | None:
    """The 9-tier tables valid on a day."""
    return load_fee_tables().on(day)


def monthly_balances(loan: PlannedLoan) -> list[int] | None:
    """Outstanding balance at the start of each month; None when amount or term is unknown."""
    if loan.amount_yen is None or loan.term_months is None:
        return None
    amount, term = loan.amount_yen, loan.term_months
    if loan.repayment == "lump_sum":
        return [amount] * term
    grace = min(loan.grace_months, term - 1)
    repaying = term - grace
    balances = [amount] * grace
    for month in range(repaying):
        balances.append(amount - amount * month // repaying)
    return balances


def cost_over_loan(rate_percent: Decimal, loan: PlannedLoan) -> int | None:
    """Σ balance × rate ÷ 12 over the months of the loan, in whole yen (truncated)."""
    balances = monthly_balances(loan)
    if balances is None:
        return None
    # Σ(b × r ÷ 12) = Σb × r ÷ 12 exactly: one Fraction product instead of one per month.
    return int(sum(balances) * Fraction(rate_percent) / 1200)


def rate_for_class(table: list[Decimal], rate_class: int | None) -> Decimal | None:
    return None if rate_class is None else table[rate_class - 1]


def fee_from_table(table: list[Decimal], loan: PlannedLoan, *, surcharge: Decimal = Decimal(0),
                   source: str = "", note: str = "") -> FeeEstimate:
    """Range over the 9 classes (+ surcharge); exact rate and 概算 yen when the class is known.

    Without a known class the yen figure uses the highest rate, so the estimate errs on the
    expensive side; the surcharge's own cost is shown separately.
    """
    exact = rate_for_class(table, loan.cgc_rate_class)
    rate_min, rate_max = min(table) + surcharge, max(table) + surcharge
    applied = exact + surcharge if exact is not None else rate_max
    return FeeEstimate(
        rate_min=rate_min, rate_max=rate_max,
        rate_exact=None if exact is None else exact + surcharge,
        yen_estimate=cost_over_loan(applied, loan),
        yen_low=cost_over_loan(rate_min, loan) if exact is None and rate_min != rate_max else None,
        surcharge_rate=surcharge or None,
        surcharge_yen=cost_over_loan(surcharge, loan) if surcharge else None,
        note=note, source=source,
    )


# For a route that prices on the 9-tier table while the CGC assigns the class.
RATE_CLASS_NOTE = "料率区分は信用保証協会が決めます。区分が分からないときは最も高い料率で概算しています。"


def standard_fee(day: dt.date, loan: PlannedLoan, *, note: str, surcharge: Decimal = Decimal(0),
                 source_note: str = "") -> FeeEstimate | None:
    """The 9-tier 責任共有 table in force on the day (+ surcharge) over the planned loan; None when no
    table is in force. source_note adds the route's own source for the rates."""
    found = fee_tables_on(day)
    if found is None:
        return None
    version, tables = found
    source = f"{version.source}、{source_note}" if source_note else version.source
    return fee_from_table(tables.standard, loan, surcharge=surcharge, source=source, note=note)


def flat_fee(rate: Decimal, loan: PlannedLoan, *, source: str = "", note: str = "") -> FeeEstimate:
    """A single published rate (e.g. ABL 0.68 %)."""
    return FeeEstimate(rate_min=rate, rate_max=rate, rate_exact=rate,
                       yen_estimate=cost_over_loan(rate, loan), note=note, source=source)


def rate_text(fee: FeeEstimate) -> str:
    """年x% when the 料率区分 is known or the rate is flat, else 年min〜max%."""
    if fee.rate_exact is not None:
        return f"年{format_rate(fee.rate_exact)}"
    if fee.rate_min == fee.rate_max:
        return f"年{format_rate(fee.rate_min)}"
    return f"年{format_rate(fee.rate_min)}〜{format_rate(fee.rate_max)}"


def approx_yen(amount: int) -> str:
    """A 概算 in rounded yen, as a reader says it: 約152万円, 約4.7万円, 約1億2,300万円.

    Estimates printed to the yen suggest a precision they do not have: rounded half up to the
    万円 (to the 千円 below 10万円, to the 百万円 from 1億円), in integers.
    """
    if amount < 0:
        return "▲" + approx_yen(-amount)
    if amount < 10_000:
        return "1万円未満" if amount else "0円"
    if amount < 100_000:
        tenths = (amount + 500) // 1_000  # in 千円
        return f"約{tenths // 10}.{tenths % 10}万円" if tenths % 10 else f"約{tenths // 10}万円"
    if amount < 100_000_000:
        man = (amount + 5_000) // 10_000
        if man < 10_000:
            return f"約{man:,}万円"
    hundred_man = (amount + 500_000) // 1_000_000  # in 百万円
    oku, rest = divmod(hundred_man, 100)
    return f"約{oku}億{rest * 100:,}万円" if rest else f"約{oku}億円"


def cost_text(fee: FeeEstimate) -> str:
    """The 概算 over the planned loan: 約152万円, or 約57万〜約240万円 while the 料率区分 is open;
    empty when no amount can be estimated."""
    if fee.yen_estimate is None:
        return ""
    if fee.yen_low is not None and approx_yen(fee.yen_low) != approx_yen(fee.yen_estimate):
        return f"{approx_yen(fee.yen_low)}〜{approx_yen(fee.yen_estimate).removeprefix('約')}"
    return approx_yen(fee.yen_estimate)


def fee_lines(fee: FeeEstimate | None) -> list[str]:
    """Rate, rounded 概算 cost over the planned loan, and the surcharge part, one line each."""
    if fee is None:
        return []
    lines = [rate_text(fee) + (f"（{fee.caution}）" if fee.caution else "")]
    if fee.yen_estimate is not None:
        lines.append(f"概算 {cost_text(fee)}")
    if fee.surcharge_rate is not None:
        extra = f"うち上乗せ 年{format_rate(fee.surcharge_rate)}"
        if fee.surcharge_yen is not None:
            extra += f"（{approx_yen(fee.surcharge_yen)}）"
        lines.append(extra)
    return lines


def fee_text(fee: FeeEstimate | None) -> str:
    """The fee estimate of a route in one line for the screen and the console."""
    if fee is None:
        # No estimate: the route has no guarantee fee (guideline, 日本公庫), or none can be priced
        # for this case (no fee table in force, route not applicable); the terms say which.
        return "保証料の試算なし"
    return "保証料率 " + "／".join(fee_lines(fee))
