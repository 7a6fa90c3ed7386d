"""The negotiation packet: a Japanese A4 PDF an owner can hand to the bank (SPEC §7).

    build_packet(assessment, audience="bank", addressee=None) -> bytes
    write_packet(assessment, path, audience="bank", addressee=None)   # atomic; SaveError

Importing this module costs nothing: reportlab and the packet's own modules are imported only
when a packet is built, so the GUI start-up never pays for them (engineering §8). What each
audience sees is described in desktop/logic/packet/text.py; "summary" is the owner's
one-page summary (desktop/logic/packet/onepage.py).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from desktop.logic.rules.evaluation import Assessment

Audience = Literal["bank", "coordinator", "internal", "summary"]
AUDIENCE_LABELS: dict[Audience, str] = {
    "bank": "金融機関向け",
    "coordinator": "経営者保証コーディネーター向け",
    "internal": "社内控え",
    "summary": "一枚もの（経営者向けの要約）",
}


def build_packet(assessment: Assessment, audience: Audience = "bank", addressee: str | None = None) -> bytes:
    """The whole packet as PDF bytes; the same assessment always gives the same bytes."""
    if audience not in AUDIENCE_LABELS:
        raise ValueError(f"unknown audience {audience!r}; expected one of {', '.join(AUDIENCE_LABELS)}")
    from desktop.logic.packet.document import render_packet

    return render_packet(assessment, audience, addressee)


def write_packet(assessment: Assessment, path: Path | str, audience: Audience = "bank",
                 addressee: str | None = None) -> None:
    """Build the packet and write it whole or not at all.

    Raises case_file.SaveError (Japanese message) when the target is locked, read-only or a
    folder; whatever was at the target before is left as it was.
    """
    from desktop.logic.case.files import atomic_write_bytes

    atomic_write_bytes(path, build_packet(assessment, audience, addressee))


# Names Windows reserves for devices, whatever the extension (CON.pdf is the console).
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
_UNSAFE = set('\\/:*?"<>|')
_NAME_CHARS = 80  # a lender's part of a file name; the whole name stays under 255 bytes in UTF-8


def file_safe(name: str) -> str:
    """A lender's name as part of a file name on every system: no separators, control
    characters or characters Windows refuses, no trailing dots or spaces, never empty."""
    safe = "".join("_" if ch in _UNSAFE or unicodedata.category(ch).startswith("C") else ch for ch in name)
    safe = safe.strip().rstrip(". ")[:_NAME_CHARS] or "_"
    return f"_{safe}" if safe.split(".")[0].upper() in _RESERVED else safe


def each_lender_targets(folder: Path, case_stem: str, lenders: list[str]) -> list[tuple[str, Path]]:
    """One distinct PDF per lender: names that come out the same once made file-safe (「a/b」
    and 「a:b」), or differ only in letter case (one file on Windows and macOS), get 「_2」, 「_3」."""
    taken: set[str] = set()
    targets: list[tuple[str, Path]] = []
    for lender in lenders:
        base = f"{case_stem}_{file_safe(lender)}"
        name, n = base, 1
        while os.path.normcase(name).casefold() in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(os.path.normcase(name).casefold())
        targets.append((lender, folder / f"{name}.pdf"))
    return targets
