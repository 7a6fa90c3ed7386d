"""`hosho-navi import`: prints the preview, writes only with --yes, refuses unclear input with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.logic.case.demo import demo_cases
from desktop.logic.case.files import load_case, save_case
from tests.logic.accounting import layouts


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, list[Path]]:
    healthy = demo_cases()["healthy"]
    case = healthy.model_copy(update={"periods": []})
    target = tmp_path / "会社.hnavi"
    save_case(case, target)
    freee = tmp_path / "試算表.csv"
    freee.write_bytes(layouts.freee(healthy.sorted_periods()[0]))
    etax = []
    for name, data in layouts.etax(healthy.sorted_periods()[1]).items():
        etax.append(tmp_path / name)
        etax[-1].write_bytes(data)
    return target, freee, etax


def test_preview_only_without_yes_then_writes_with_yes(files, capsys: pytest.CaptureFixture[str]) -> None:
    target, freee, _ = files
    before = target.read_bytes()
    assert main(["import", str(target), str(freee), "--period", "2026-03-31", "--unit", "円"]) == 0
    out = capsys.readouterr().out
    assert "売上高" in out and "1,240,000,000円" in out and "--yes" in out
    assert target.read_bytes() == before
    assert main(["import", str(target), str(freee), "--period", "2026/3/31", "--unit", "円",
                 "--assign", "仮払金=other_receivables_from_representative_yen", "--yes"]) == 0
    case = load_case(target)
    assert case.periods[0].revenue_yen == 1_240_000_000
    assert case.account_mapping == {"仮払金": "other_receivables_from_representative_yen"}


def test_etax_files_give_their_own_period(files, capsys: pytest.CaptureFixture[str]) -> None:
    target, _, etax = files
    assert main(["import", str(target), *map(str, etax), "--yes"]) == 0
    assert [p.fiscal_year_end.isoformat() for p in load_case(target).periods] == ["2025-03-31"]


@pytest.mark.parametrize(("extra", "message"), [
    (["--period", "2026-03-31"], "単位が書かれていません"),
    (["--unit", "円"], "決算日が分かりません"),
    (["--unit", "円", "--period", "2026-03-31", "--assign", "仮払金=nonsense"], "決算の項目名ではありません"),
])
def test_unclear_input_exits_2_in_japanese_and_leaves_the_case(files, capsys: pytest.CaptureFixture[str],
                                                               extra: list[str], message: str) -> None:
    target, freee, _ = files
    before = target.read_bytes()
    assert main(["import", str(target), str(freee), *extra, "--yes"]) == 2
    assert message in capsys.readouterr().err
    assert target.read_bytes() == before


def test_a_pdf_renamed_csv_exits_2_naming_it(files, capsys: pytest.CaptureFixture[str]) -> None:
    target, freee, _ = files
    freee.write_bytes(b"%PDF-1.4 ...")
    assert main(["import", str(target), str(freee), "--unit", "円", "--period", "2026-03-31", "--yes"]) == 2
    assert "試算表.csv：PDFファイルです" in capsys.readouterr().err


def test_the_period_may_be_typed_in_wareki_and_a_bad_one_is_refused(files, capsys: pytest.CaptureFixture[str]) -> None:
    target, freee, _ = files
    assert main(["import", str(target), str(freee), "--unit", "円", "--period", "令和8年3月31日", "--yes"]) == 0
    assert load_case(target).periods[0].fiscal_year_end.isoformat() == "2026-03-31"
    assert main(["import", str(target), str(freee), "--unit", "円", "--period", "2026/2/30", "--yes"]) == 2
    assert "--period 2026/2/30" in capsys.readouterr().err
