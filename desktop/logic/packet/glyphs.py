"""Characters the packet's fonts cannot print, found before the packet is built.

BIZ UD Gothic/Mincho cover JIS X 0213 but not every character a user can type (𠮷 of 𠮷野家,
emoji); reportlab draws those as a box without a word. Each case text the packet may print is
checked against the embedded fonts' character maps, and the user is told which field and which
character, in Japanese, before anything is saved.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from desktop.logic.case.model import Case
from desktop.logic.rules.checksheet import load_checksheet

_FIELDS = {
    "name": "会社名", "industry": "業種", "prefecture": "所在地（都道府県）",
    "counterparty": "交渉先の金融機関", "branch": "交渉先の支店", "contact_person": "先方のご担当者",
    "preparer": "作成者", "notes": "メモ",
}


def case_texts(case: Case, addressee: str | None = None) -> Iterator[tuple[str, str]]:
    """(Japanese name of the field, its text) for every text of the case the packet may print."""
    company = case.company
    for key in ("name", "industry"):
        yield _FIELDS[key], getattr(company, key)
    yield _FIELDS["prefecture"], company.prefecture or ""
    for n, name in enumerate(company.representative_names, start=1):
        yield f"代表者名（{n}人目）", name
    for n, loan in enumerate(case.loans, start=1):
        yield f"借入先（{n}行目）", loan.lender
    yield "申込予定の借入先", case.situation.planned_loan.lender
    labels = {item.id: item.label for item in load_checksheet().items()}
    for item_id, answer in case.answers.items():
        yield f"ガバナンス・チェックの項目『{labels.get(item_id, item_id)}』のメモ", answer.note
    negotiation = case.negotiation
    for key in ("counterparty", "branch", "contact_person", "preparer", "notes"):
        yield _FIELDS[key], getattr(negotiation, key)
    for n, action in enumerate(negotiation.actions, start=1):
        yield f"改善の行動計画（{n}行目）の内容", action.action
        yield f"改善の行動計画（{n}行目）の担当", action.owner
    if addressee:
        yield "宛先", addressee


def _printable_set() -> frozenset[int]:
    """Code points every packet font has (a text may be set in any of them)."""
    from reportlab.pdfbase import pdfmetrics

    from desktop.logic.packet.styles import GOTHIC, GOTHIC_BOLD, MINCHO, register_fonts

    register_fonts()
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in (GOTHIC, GOTHIC_BOLD, MINCHO)]
    return frozenset(set.intersection(*maps))


_printable: frozenset[int] | None = None


def missing_glyphs(value: str) -> list[str]:
    """The distinct characters of a text that the fonts lack, in order of appearance."""
    global _printable
    if _printable is None:
        _printable = _printable_set()
    found: dict[str, None] = {}
    for ch in value:
        # Line breaks and other control characters are layout, not glyphs.
        if ord(ch) not in _printable and not unicodedata.category(ch).startswith(("C", "Z")):
            found[ch] = None
    return list(found)


def missing_glyph_warnings(case: Case, addressee: str | None = None) -> list[str]:
    """One Japanese sentence per field that holds characters the packet cannot print."""
    warnings = []
    for field, value in case_texts(case, addressee):
        chars = missing_glyphs(value)
        if chars:
            shown = "、".join(f"「{ch}」（U+{ord(ch):04X}）" for ch in chars)
            warnings.append(f"「{field}」に、資料の書体にない文字 {shown} があります。PDF ではこの文字が"
                            "☒ のような記号になり、正しく印刷されません。別の字に置き換えてください（例：𠮷 は 吉）。")
    return warnings
