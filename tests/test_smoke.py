"""The smoke test that CI also runs against the frozen build, here from the source tree."""

from pathlib import Path

from desktop.smoke import smoke_main


def test_smoke_checks_translator_fonts_rules_and_packet(qapp: object, tmp_path: Path) -> None:
    assert smoke_main([str(tmp_path)]) == 0
    log = (tmp_path / "smoke.log").read_text(encoding="utf-8")
    assert "translator ok: 次へ(&N) >" in log
    assert "succession_special=" in log and "smoke test passed" in log
    assert (tmp_path / "smoke-packet.pdf").read_bytes().startswith(b"%PDF")
