"""Turning what people type into integer yen, and integer yen back into text (SPEC §8)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import Enum
from fractions import Fraction


class AmountError(ValueError):
    """An entry that is not an amount; the message is Japanese and meant for the field."""


class Unit(str, Enum):
    """The unit a page shows its amounts in."""

    YEN = "yen"
    THOUSAND = "thousand"
    MILLION = "million"

    @property
    def factor(self) -> int:
        return _UNIT_FACTORS[self]

    @property
    def label(self) -> str:
        return _UNIT_LABELS[self]


_UNIT_FACTORS = {Unit.YEN: 1, Unit.THOUSAND: 1_000, Unit.MILLION: 1_000_000}
_UNIT_LABELS = {Unit.YEN: "円", Unit.THOUSAND: "千円", Unit.MILLION: "百万円"}

# NFKC leaves these alone (engineering notes §2.5); accounting input uses them all as minus.
_MINUS_SIGNS = "-\u2212\u2010\u2011\u2012\u2013\u2014\u2015\u30fc\uff70▲△"
# A suffix typed in the field wins over the page's unit: 千円 on a 円 page means thousands.
_SUFFIXES = (("百万円", 1_000_000), ("億円", 100_000_000), ("千円", 1_000), ("万円", 10_000), ("円", 1))
_NUMBER = re.compile(r"\d+(\.\d{1,8})?")
# 1,000兆円: far beyond any SME figure, well inside exact Decimal and JSON integers.
MAX_YEN = 10**15
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")


def normalize_amount_text(text: str) -> str:
    """Fold full-width characters and minus variants so a field can show what it will parse."""
    folded = unicodedata.normalize("NFKC", text).strip()
    return "".join("-" if ch in _MINUS_SIGNS else ch for ch in folded)


def parse_yen(text: str | None, unit: Unit = Unit.YEN) -> int | None:
    """Parse an amount as typed into integer yen; empty means unknown (None).

    Accepts full-width digits, 「,」「，」 separators, 円/千円/万円/百万円/億円 suffixes,
    negatives written -, −, －, ▲, △ or (1,234). Anything else raises AmountError.
    """
    if text is None:
        return None
    s = normalize_amount_text(text).replace(" ", "")
    if not s:
        return None
    if any(ch in s for ch in "\t\r\n"):
        # Several spreadsheet cells pasted into one field: say so, not 「カンマの位置」.
        raise AmountError("複数のセル（タブや改行で区切られた値）が入っています。金額を1つだけ入力してください。")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1]
    if s.startswith("-"):
        if negative:
            raise AmountError("マイナスの書き方が二重になっています。")
        negative, s = True, s[1:]
    factor = unit.factor
    for suffix, suffix_factor in _SUFFIXES:
        if s.endswith(suffix):
            factor, s = suffix_factor, s[: -len(suffix)]
            break
    if "," in s:
        if not _GROUPED.fullmatch(s):
            raise AmountError("桁区切りのカンマの位置が正しくありません（例：1,234,567）。")
        s = s.replace(",", "")
    if not _NUMBER.fullmatch(s):
        raise AmountError("金額として読み取れません。数字で入力してください（例：1,234,567　▲500千円）。")
    if len(s.split(".")[0].lstrip("0")) > 18:
        raise AmountError("金額が大きすぎます。桁数を確かめてください。")
    try:
        value = Decimal(s) * factor
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid decimals
        raise AmountError("金額として読み取れません。") from exc
    if value != value.to_integral_value():
        raise AmountError("1円未満の端数があります。単位を確かめてください。")
    if abs(value) >= MAX_YEN:
        raise AmountError("金額が大きすぎます（1,000兆円未満で入力してください）。桁数を確かめてください。")
    result = int(value)
    return -result if negative else result


def format_yen(value: int | None, unit: Unit = Unit.YEN, *, suffix: bool = True, unknown: str = "—") -> str:
    """Format integer yen one way everywhere: 1,234,567円 / ▲1,234千円.

    In 千円/百万円 the figure is truncated towards zero (千円未満切捨て), as in Japanese statements.
    """
    if value is None:
        return unknown
    magnitude = abs(value) // unit.factor
    sign = "▲" if value < 0 and magnitude else ""
    text = f"{sign}{magnitude:,}"
    return text + unit.label if suffix else text


def format_ratio(value: Fraction | None, *, percent: bool = False, digits: int = 2, unit: str = "",
                 against: Fraction | None = None) -> str:
    """Format an exact ratio for display only (decisions compare the Fraction itself).

    against: the threshold the value is compared with. A value a hair off it is shown with more
    digits, so 「15.00倍」 never stands beside 未充足 for 15.0001.
    """
    if value is None:
        return "—"
    text = _ratio_text(value, percent, digits)
    while against is not None and value != against and digits < 6 and text == _ratio_text(against, percent, digits):
        digits += 1
        text = _ratio_text(value, percent, digits)
    return text + ("%" if percent else unit)


def _ratio_text(value: Fraction, percent: bool, digits: int) -> str:
    shown = value * 100 if percent else value
    rounded = Decimal(shown.numerator) / Decimal(shown.denominator)
    text = f"{rounded:,.{digits}f}"
    return "▲" + text[1:] if text.startswith("-") else text


def format_man(yen: int) -> str:
    """Limits as schemes print them, in 億・万: 280,000,000 → 「2億8,000万円」."""
    oku, rest = divmod(yen, 100_000_000)
    man, en = divmod(rest, 10_000)
    text = (f"{oku:,}億" if oku else "") + (f"{man:,}万" if man else "")
    return text + (f"{en:,}" if en or not text else "") + "円"


def format_rate(rate_percent: Decimal) -> str:
    """An annual rate in percent, two decimals as published: 0.2 → 「0.20%」."""
    return f"{rate_percent:.2f}%"
