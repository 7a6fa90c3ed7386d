"""The smoke test that CI also runs against the frozen build, here from the source tree."""

from pathlib import Path

from desktop.smoke import smoke_main


def test_smoke_checks_translator_fonts_rules_and_packet(qapp: object, tmp_path: Path) -> None:
    assert smoke_main([str(tmp_path)]) == 0
    log = (tmp_path / "smoke.log").read_text(encoding="utf-8")
    assert "translator ok: 次へ(&N) >" in log
    assert "succession_special=" in log and "reportlab accelerators ok" in log and "smoke test passed" in log
    assert (tmp_path / "smoke-packet.pdf").read_bytes().startswith(b"%PDF")


def test_smoke_fails_when_a_bundled_font_file_does_not_load(qapp: object, tmp_path: Path,
                                                           monkeypatch) -> None:
    """A system font of the same family must not hide a broken or missing bundled file."""
    import desktop.paths

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "BIZUDGothic-Regular.ttf").write_bytes(b"not a font")
    real = desktop.paths.resource_path
    monkeypatch.setattr(desktop.paths, "resource_path", lambda rel: fonts if rel == "fonts" else real(rel))
    assert smoke_main([str(tmp_path / "out")]) == 1
    assert "同梱のフォントを読み込めません: BIZUDGothic-Regular.ttf" in (tmp_path / "out" / "smoke.log").read_text(
        encoding="utf-8")
