"""The demo packets, built once per test process and shared by every module that reads them.

The same case and audience always give the same bytes (invariant=1, test_packet.py checks it),
so a packet built once stands for every build of it.
"""

from __future__ import annotations

from functools import cache

from desktop.logic.case.demo import demo_cases
from desktop.logic.packet.build import Audience, build_packet
from desktop.logic.rules.evaluation import Assessment, evaluate

DEMOS = ["healthy", "succession", "startup"]


@cache
def demo_assessment(name: str) -> Assessment:
    return evaluate(demo_cases()[name])


@cache
def demo_packet(name: str, audience: Audience = "bank") -> bytes:
    return build_packet(demo_assessment(name), audience)
