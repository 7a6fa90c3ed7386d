import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.logic.case.amounts import AmountError, Unit, format_yen, normalize_amount_text, parse_yen


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1234567", Unit.YEN, 1_234_567),
        ("１，２３４，５６７", Unit.YEN, 1_234_567),
        ("1,234,567円", Unit.YEN, 1_234_567),
        ("▲1,234", Unit.YEN, -1_234),
        ("△500", Unit.YEN, -500),
        ("▲１，２３４", Unit.YEN, -1_234),
        ("−12", Unit.YEN, -12),  # U+2212, not folded by NFKC
        ("－12", Unit.YEN, -12),  # full-width hyphen-minus
        ("ー12", Unit.YEN, -12),  # long-vowel mark typed as minus
        ("(1,234)", Unit.YEN, -1_234),
        ("（１，２３４）", Unit.YEN, -1_234),
        ("1,234", Unit.THOUSAND, 1_234_000),
        ("12", Unit.MILLION, 12_000_000),
        ("1.5百万円", Unit.YEN, 1_500_000),
        ("500千円", Unit.MILLION, 500_000),  # a typed unit wins over the page's unit
        ("1,000万円", Unit.YEN, 10_000_000),
        ("3億円", Unit.YEN, 300_000_000),
        ("3000000000", Unit.YEN, 3_000_000_000),  # beyond 32 bits
        (" 12 345 ", Unit.YEN, 12_345),
        ("", Unit.YEN, None),
        ("　", Unit.YEN, None),
    ],
)
def test_parse_yen_accepts_what_people_type(text: str, unit: Unit, expected: int | None) -> None:
    assert parse_yen(text, unit) == expected


@pytest.mark.parametrize("text", ["abc", "12_345", "1,23", "1,2345", "--5", "(-5)", "1.5円", "12.3.4", "1e6",
                                  "¥", "▲", "5-"])
def test_parse_yen_rejects_with_japanese_message(text: str) -> None:
    with pytest.raises(AmountError) as err:
        parse_yen(text)
    assert any("\u3040" <= ch <= "\u9fff" for ch in str(err.value))


@given(st.text(max_size=30))
def test_parse_yen_never_raises_anything_but_amount_error(text: str) -> None:
    try:
        result = parse_yen(text)
    except AmountError:
        return
    assert result is None or isinstance(result, int)


@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
def test_format_then_parse_round_trips(value: int) -> None:
    assert parse_yen(format_yen(value)) == value


def test_format_yen_units_and_negatives() -> None:
    assert format_yen(1_234_567) == "1,234,567円"
    assert format_yen(-3_200_000) == "▲3,200,000円"
    assert format_yen(-3_200_999, Unit.THOUSAND) == "▲3,200千円"
    assert format_yen(-999, Unit.THOUSAND) == "0千円"  # no ▲ on a figure that shows as zero
    assert format_yen(None) == "—"
    assert format_yen(5_000, suffix=False) == "5,000"


def test_normalize_shows_what_will_be_parsed() -> None:
    assert normalize_amount_text("▲１，２３４") == "-1,234"


@pytest.mark.parametrize("text", ["9" * 19, "1" + "0" * 15, "12345678901234567890123456789", "1.5" + "0" * 4300,
                                  "9" * 5000, "100000000億円"])
def test_absurd_amounts_are_refused_not_rounded(text: str) -> None:
    with pytest.raises(AmountError, match="大きすぎます|読み取れません"):
        parse_yen(text)


def test_largest_accepted_amount() -> None:
    assert parse_yen("999,999,999,999,999") == 10**15 - 1


def test_a_ratio_a_hair_off_its_threshold_shows_enough_digits() -> None:
    from fractions import Fraction

    from desktop.logic.case.amounts import format_ratio

    assert format_ratio(Fraction(150001, 10000), unit="倍", against=Fraction(15)) == "15.0001倍"
    assert format_ratio(Fraction(15), unit="倍", against=Fraction(15)) == "15.00倍"
    assert format_ratio(Fraction(1999999, 10000000), percent=True, against=Fraction(1, 5)) == "19.99999%"
    assert format_ratio(Fraction(3, 2), unit="倍", against=Fraction(15)) == "1.50倍"
