"""packet_wrap must give exactly reportlab's own results: the same PDF bytes with and without it.

This guards the reportlab pin: on an upgrade, a change in reportlab's line breaking shows here.
"""

import pytest

from desktop.logic.packet import styles as packet_styles
from desktop.logic.case.demo import demo_cases
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.packet.build import build_packet


@pytest.mark.parametrize("name", ["healthy", "succession", "startup"])
def test_fast_line_breaking_changes_no_byte(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    assessment = evaluate(demo_cases()[name])
    fast = build_packet(assessment, "internal")
    slow_calls = []
    original = packet_styles.Paragraph.breakLinesCJK
    monkeypatch.setattr(packet_styles.Paragraph, "breakLinesCJK",
                        lambda self, widths: slow_calls.append(1) or original(self, widths))
    monkeypatch.setattr(packet_styles, "supported", lambda paragraph: False)
    monkeypatch.setattr(packet_styles, "plain_frags", lambda text, style: None)
    assert build_packet(assessment, "internal") == fast
    assert len(slow_calls) > 100  # reportlab's own breaking really ran
