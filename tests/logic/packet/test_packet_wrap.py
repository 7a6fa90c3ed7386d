"""packet_wrap must give exactly reportlab's own results: the same PDF bytes with and without it.

This guards the reportlab pin: on an upgrade, a change in reportlab's line breaking shows here.
"""

import pytest

from desktop.logic.packet import styles as packet_styles
from desktop.logic.packet.build import build_packet
from tests.packets import DEMOS, demo_assessment, demo_packet


@pytest.mark.parametrize("name", DEMOS)
def test_fast_line_breaking_changes_no_byte(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    fast = demo_packet(name, "internal")
    slow_calls = []
    original = packet_styles.Paragraph.breakLinesCJK
    monkeypatch.setattr(packet_styles.Paragraph, "breakLinesCJK",
                        lambda self, widths: slow_calls.append(1) or original(self, widths))
    monkeypatch.setattr(packet_styles, "supported", lambda paragraph: False)
    monkeypatch.setattr(packet_styles, "plain_frags", lambda text, style: None)
    assert build_packet(demo_assessment(name), "internal") == fast
    assert len(slow_calls) > 100  # reportlab's own breaking really ran
