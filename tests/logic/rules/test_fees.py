"""Fee estimates as people read them: rounded 概算 with the rate range, the same text everywhere."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.logic.case.model import PlannedLoan
from desktop.logic.rules.fees import FeeEstimate, approx_yen, cost_over_loan, fee_from_table, fee_lines, fee_text


@pytest.mark.parametrize(("amount", "shown"), [
    (0, "0円"), (9_999, "1万円未満"), (10_000, "約1万円"), (47_300, "約4.7万円"), (47_500, "約4.8万円"),
    (99_960, "約10万円"), (136_250, "約14万円"), (1_516_666, "約152万円"), (1_515_000, "約152万円"),
    (1_514_999, "約151万円"), (12_345_678, "約1,235万円"), (99_995_000, "約1億円"),
    (123_456_789, "約1億2,300万円"), (200_000_000, "約2億円"), (-3_200_000, "▲約320万円"),
])
def test_approx_yen_rounds_half_up_to_a_readable_unit(amount: int, shown: str) -> None:
    assert approx_yen(amount) == shown


LOAN = PlannedLoan(amount_yen=50_000_000, term_months=84, grace_months=6)
TABLE = [Decimal("1.90"), Decimal("1.15"), Decimal("0.45")]


def test_unknown_rate_class_gives_the_cost_range_of_the_rate_range() -> None:
    fee = fee_from_table(TABLE, LOAN)
    low, high = cost_over_loan(Decimal("0.45"), LOAN), cost_over_loan(Decimal("1.90"), LOAN)
    assert (fee.yen_low, fee.yen_estimate) == (low, high)
    assert fee_lines(fee) == ["年0.45%〜1.90%", f"概算 {approx_yen(low)}〜{approx_yen(high)[1:]}"]
    assert fee_lines(fee)[1] == "概算 約85万円〜360万円"


def test_known_rate_class_gives_one_rounded_cost_and_the_surcharge_rounded() -> None:
    fee = fee_from_table(TABLE, LOAN.model_copy(update={"cgc_rate_class": 2}), surcharge=Decimal("0.25"))
    assert fee.yen_low is None
    assert fee_text(fee) == (f"保証料率 年1.40%／概算 {approx_yen(fee.yen_estimate or 0)}"
                             f"／うち上乗せ 年0.25%（{approx_yen(fee.surcharge_yen or 0)}）")


def test_no_yen_figure_is_printed_to_the_yen() -> None:
    fee = FeeEstimate(rate_min=Decimal("0.68"), rate_max=Decimal("0.68"), rate_exact=Decimal("0.68"),
                      yen_estimate=340_123)
    assert fee_lines(fee) == ["年0.68%", "概算 約34万円"]
