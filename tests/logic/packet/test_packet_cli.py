"""Writing packets: `hosho-navi packet`, `hosho-navi demo`, and write_packet's all-or-nothing save."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.logic.case.files import SaveError, save_case
from desktop.logic.case.demo import demo_cases
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.packet.build import write_packet
from tests.cli_tools import run_cli, run_process
from tests.packets import demo_packet
from tests.pdf_tools import page_texts, squeeze


@pytest.fixture(scope="module")
def case_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cases") / "succession.hnavi"
    save_case(demo_cases()["succession"], path)
    return path


@pytest.mark.parametrize(("audience", "label"), [
    ("bank", "金融機関向け"), ("coordinator", "経営者保証コーディネーター向け"), ("internal", "社内控え")])
def test_packet_command_writes_the_chosen_audience(case_file: Path, tmp_path: Path, audience: str,
                                                   label: str) -> None:
    out = tmp_path / "packet.pdf"
    done = run_cli("packet", str(case_file), "-o", str(out), "--audience", audience)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    cover = squeeze(page_texts(out.read_bytes(), pages=1)[0])
    assert "株式会社さくら食品" in cover and f"（{label}）" in cover


def test_packet_command_takes_an_addressee(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "jfc.pdf"
    done = run_cli("packet", str(case_file), "-o", str(out), "--addressee", "日本政策金融公庫 静岡支店")
    assert done.returncode == 0, done.stderr
    assert "日本政策金融公庫静岡支店御中" in squeeze(page_texts(out.read_bytes(), pages=1)[0])


def test_packet_for_each_lender_lists_only_that_lenders_loans(tmp_path: Path) -> None:
    path = tmp_path / "healthy.hnavi"
    save_case(demo_cases()["healthy"], path)
    done = run_cli("packet", str(path), "-o", str(tmp_path / "out"), "--each-lender")
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in (tmp_path / "out").glob("*.pdf"))
    assert files == ["healthy_尾張信用金庫.pdf", "healthy_東海みらい銀行.pdf"]
    shinkin = squeeze("".join(page_texts((tmp_path / "out" / "healthy_尾張信用金庫.pdf").read_bytes(), pages=2)))
    assert "尾張信用金庫御中" in shinkin and "40,000,000円" in shinkin and "120,000,000円" not in shinkin
    blocked = tmp_path / "a-file"
    blocked.write_text("x", encoding="utf-8")
    done = run_cli("packet", str(path), "-o", str(blocked), "--each-lender")
    assert done.returncode == 2 and "書き出せません" in done.stderr


def test_packet_to_a_folder_exits_2_in_japanese_and_leaves_it_alone(case_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "taken.pdf"
    target.mkdir()
    # A real process: the exit status and the Japanese message as a shell script sees them.
    done = run_process("packet", str(case_file), "-o", str(target))
    assert done.returncode == 2
    assert "taken.pdf を保存できません" in done.stderr and "フォルダー" in done.stderr
    assert target.is_dir() and list(target.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir()] == ["taken.pdf"]


def test_packet_into_a_missing_folder_exits_2(case_file: Path, tmp_path: Path) -> None:
    done = run_cli("packet", str(case_file), "-o", str(tmp_path / "no" / "such" / "out.pdf"))
    assert done.returncode == 2 and "out.pdf を保存できません" in done.stderr


def test_packet_of_a_missing_case_exits_2(tmp_path: Path) -> None:
    done = run_cli("packet", str(tmp_path / "none.hnavi"), "-o", str(tmp_path / "out.pdf"))
    assert done.returncode == 2 and "none.hnavi" in done.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_demo_writes_each_case_and_its_packet(demo_dir: Path) -> None:
    for stem, case in demo_cases().items():
        pdf = (demo_dir / f"{stem}.pdf").read_bytes()
        assert case.company.name in squeeze(page_texts(pdf, pages=1)[0])
        assert pdf == demo_packet(stem)  # the bank packet, exactly


def test_write_packet_keeps_the_old_file_when_the_replace_fails(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "packet.pdf"
    target.write_bytes(b"old packet")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "locked")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SaveError, match="packet.pdf を保存できません: ファイルが他のアプリで開かれているか"):
        write_packet(evaluate(demo_cases()["startup"]), target)
    assert target.read_bytes() == b"old packet"
    assert [p.name for p in tmp_path.iterdir()] == ["packet.pdf"]


def test_write_packet_writes_a_complete_pdf(tmp_path: Path) -> None:
    target = tmp_path / "packet.pdf"
    write_packet(evaluate(demo_cases()["healthy"]), target, "internal")
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")


def test_packet_command_writes_the_one_page_summary(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    done = run_cli("packet", str(case_file), "-o", str(out), "--audience", "summary")
    assert done.returncode == 0, done.stderr
    pages = page_texts(out.read_bytes())
    assert len(pages) == 1
    page = squeeze(pages[0])
    assert "経営者保証の解除に向けた現状（一枚もの）" in page and "株式会社さくら食品" in page
    assert "効果の大きい改善（3つ）" in page
