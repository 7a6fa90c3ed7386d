"""Packet stress (issue 11): every demo case with every free-text field at the model's limit —
all governance notes and one action per checksheet item, as prose and as short lines — and
the longest names, for every audience. Prints pages, size and time, or the failure.

    uv run python tools/packet_stress.py

The suite builds a lighter version (one note and one action at the limit) for every audience.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.builders, from the repository

from pypdf import PdfReader  # noqa: E402

from desktop.logic.case.demo import demo_cases  # noqa: E402
from desktop.logic.packet.build import AUDIENCE_LABELS, build_packet  # noqa: E402
from desktop.logic.rules.evaluation import evaluate  # noqa: E402
from tests.builders import maximal_case  # noqa: E402


def main() -> None:
    failures = 0
    for short_lines in (False, True):
        for stem, base in demo_cases().items():
            case = maximal_case(base, short_lines=short_lines)
            for audience in AUDIENCE_LABELS:
                start = time.perf_counter()
                form = "short lines" if short_lines else "prose"
                try:
                    pdf = build_packet(evaluate(case), audience)
                except Exception as exc:  # noqa: BLE001 - reported, the run goes on
                    failures += 1
                    print(f"{stem:10} {form:11} {audience:11} FAILED {type(exc).__name__}: {str(exc)[:120]}", flush=True)
                    continue
                pages = len(PdfReader(io.BytesIO(pdf)).pages)
                print(f"{stem:10} {form:11} {audience:11} {pages:4} pages {len(pdf) / 1e6:5.1f} MB "
                      f"{time.perf_counter() - start:5.1f} s", flush=True)
    print(f"failures: {failures}")


if __name__ == "__main__":
    main()
