"""Issue 11 for the packet: long free text splits across pages, output paths are checked, one
distinct file per lender, characters the fonts lack are named before anything is written."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli import EXIT_BAD_INPUT, EXIT_OK, main
from desktop.logic.case.demo import demo_cases
from desktop.logic.case.files import case_to_json_text, save_case
from desktop.logic.case.model import NAME_MAX
from desktop.logic.packet.build import AUDIENCE_LABELS, build_packet, each_lender_targets, file_safe
from desktop.logic.packet.glyphs import missing_glyph_warnings
from desktop.logic.rules.evaluation import evaluate
from tests.builders import long_text, maximal_case
from tests.packets import demo_packet
from tests.pdf_tools import page_texts, squeeze

END = "（メモはここまで）"


def _text_of(pdf: bytes, pages: slice) -> str:
    return squeeze("".join(page_texts(pdf, layout=False)[pages]))


@pytest.mark.parametrize("audience", list(AUDIENCE_LABELS))
def test_every_free_text_at_its_limit_and_the_longest_names_make_a_packet(audience: str) -> None:
    case = maximal_case(demo_cases()["succession"], every_note=False)
    case.negotiation.notes = case.negotiation.notes[:-len(END)] + END
    pdf = build_packet(evaluate(case), audience)  # was: LayoutError (a row taller than a page)
    assert "株" * 20 in _text_of(pdf, slice(0, 1))
    if audience == "internal":
        assert END in _text_of(pdf, slice(-4, None)), "the memo is printed to its last line"


@pytest.mark.parametrize("audience", ["bank", "internal"])
def test_notes_in_many_short_lines_run_on_over_pages(audience: str) -> None:
    # The lengths that stopped the packet: memo ~1,240 characters in short lines, a governance
    # note ~1,080, an action ~900; each is taller than a page as a table cell.
    case = maximal_case(demo_cases()["healthy"], short_lines=True, every_note=False)
    case.negotiation.notes = long_text(2000, short_lines=True)
    pdf = build_packet(evaluate(case), audience)
    plain = demo_packet("healthy", audience)
    # The long texts run on over pages of their own (a page holds about 60 of these lines).
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= len(PdfReader(io.BytesIO(plain)).pages) + 4


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "C.hnavi"
    save_case(demo_cases()["healthy"], path)
    return path


def test_a_packet_never_replaces_its_case_file(case_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = case_file.read_bytes()
    assert main(["packet", str(case_file), "-o", str(case_file)]) == EXIT_BAD_INPUT
    assert "読み込んだケースファイルそのもの" in capsys.readouterr().err
    other = case_file.with_name("other.hnavi")
    other.write_bytes(before)
    assert main(["packet", str(case_file), "-o", str(other)]) == EXIT_BAD_INPUT
    if os.name == "posix":
        link = case_file.with_name("link.pdf")
        link.symlink_to(case_file)
        assert main(["packet", str(case_file), "-o", str(link)]) == EXIT_BAD_INPUT
    assert case_file.read_bytes() == before and other.read_bytes() == before


def test_each_lender_gets_its_own_file_whatever_its_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(case_to_json_text(demo_cases()["healthy"]))
    loan = data["loans"][0]
    names = ["a/b", "a:b", "A_B", "x\x00y"]
    data["loans"] = [dict(loan, lender=name) for name in names]
    case_path = tmp_path / "M.hnavi"
    case_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["packet", str(case_path), "-o", str(out), "--each-lender"]) == EXIT_OK
    files = sorted(out.iterdir())
    assert len(files) == len(names)  # was: one file, written three times
    assert capsys.readouterr().out.count("書き出しました") == len(names)
    assert all(f.read_bytes().startswith(b"%PDF") for f in files)


def test_lender_file_names_are_safe_and_distinct_before_anything_is_written(tmp_path: Path) -> None:
    assert file_safe("a/b:c\x00d") == "a_b_c_d"
    assert file_safe("CON") == "_CON" and file_safe(" . ") == "_" and file_safe("銀行. ") == "銀行"
    targets = each_lender_targets(tmp_path, "case", ["a/b", "a:b", "A/B", "b"])
    names = [path.name for _, path in targets]
    assert names == ["case_a_b.pdf", "case_a_b_2.pdf", "case_A_B_3.pdf", "case_b.pdf"]
    assert len(file_safe("長" * NAME_MAX).encode("utf-8")) < 255


def test_reading_a_device_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    assert main(["evaluate", "/dev/zero"]) == EXIT_BAD_INPUT
    assert "通常のファイルではありません" in capsys.readouterr().err


def test_characters_the_fonts_lack_are_named_with_their_field(case_file: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    case = demo_cases()["healthy"]
    case.company.name = "株式会社𠮷野家"
    case.negotiation.actions[0].action = "試算表を毎月提出😀"
    warnings = missing_glyph_warnings(case, addressee="髙﨑銀行")  # 髙 and 﨑 are in the fonts
    assert len(warnings) == 2
    assert "「会社名」" in warnings[0] and "「𠮷」（U+20BB7）" in warnings[0]
    assert "改善の行動計画（1行目）の内容" in warnings[1] and "U+1F600" in warnings[1]
    assert missing_glyph_warnings(demo_cases()["succession"]) == []
    save_case(case, case_file)
    out = tmp_path / "out.pdf"
    assert main(["packet", str(case_file), "-o", str(out)]) == EXIT_OK
    assert "𠮷" in capsys.readouterr().err and out.exists()
