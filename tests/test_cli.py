"""The headless commands with their output and exit codes (in-process; one real process)."""

import contextlib
import io
import json
from pathlib import Path

import pytest

from desktop.cli import main
from tests.cli_tools import run_cli, run_process

ROUTE_IDS = ["guideline_release", "cgc_bank_linked", "cgc_financial", "cgc_collateral", "selection_surcharge",
             "selection_surcharge_subsidized", "proper_refinance", "startup_promotion", "succession_special", "abl",
             "jfc_succession"]


def test_demo_writes_three_cases(demo_dir: Path) -> None:
    assert {p.name for p in demo_dir.glob("*.hnavi")} == {"healthy.hnavi", "succession.hnavi", "startup.hnavi"}


def test_evaluate_json_lists_every_route_with_conditions(demo_dir: Path) -> None:
    done = run_cli("evaluate", str(demo_dir / "succession.hnavi"), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["company"] == "株式会社さくら食品"
    assert [r["id"] for r in data["routes"]] == ROUTE_IDS
    by_id = {r["id"]: r for r in data["routes"]}
    for route_id in ROUTE_IDS:
        assert by_id[route_id]["verdict"] in {"eligible", "possible", "needs_input", "not_eligible",
                                              "not_applicable", "closed"}
    assert by_id["guideline_release"]["verdict"] == "not_eligible"
    assert any(c["status"] == "not_met" and c["gap"] for c in by_id["guideline_release"]["conditions"])
    assert data["indicators"]["periods"][0]["net_assets_yen"] == -3_200_000


def test_evaluate_human_output_is_japanese(demo_dir: Path) -> None:
    # A real process: `python -m desktop` and Japanese on its console, not just main().
    done = run_process("evaluate", str(demo_dir / "healthy.hnavi"))
    assert done.returncode == 0, done.stderr
    assert "株式会社みなと精工" in done.stdout and "制度の判定" in done.stdout and "減価償却前経常利益" in done.stdout


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ('{"format_version": 1, "assessment_date": ', None),
        ('{"format_version": 9, "assessment_date": "2026-01-01", "application_date": "2026-01-01"}', "format_version"),
        ('{"format_version": 1, "assessment_date": "2026-01-01", "application_date": "2026-01-01", '
         '"periods": [{"fiscal_year_end": "2026-03-31", "revenue_yen": "1,234"}]}', "periods.0.revenue_yen"),
    ],
    ids=["damaged", "newer", "bad-amount"],
)
def test_bad_files_exit_2_naming_file_and_field_and_stay_untouched(tmp_path: Path, content: str,
                                                                    field: str | None) -> None:
    path = tmp_path / "client.hnavi"
    path.write_text(content, encoding="utf-8")
    done = run_cli("evaluate", str(path))
    assert done.returncode == 2
    assert "client.hnavi" in done.stderr
    if field:
        assert field in done.stderr
    assert path.read_text(encoding="utf-8") == content


def test_missing_file_exits_2(tmp_path: Path) -> None:
    done = run_cli("evaluate", str(tmp_path / "nothing.hnavi"))
    assert done.returncode == 2 and "見つかりません" in done.stderr


@pytest.mark.parametrize("argv", [[], ["client.hnavi"], ["C:\\cases\\client.hnavi"]])
def test_no_subcommand_opens_the_app_with_the_case_file(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    import desktop.ui.app
    from desktop.cli import main

    seen: list[list[str]] = []
    monkeypatch.setattr(desktop.ui.app, "run_gui", lambda a: seen.append(a) or 0)
    assert main(argv) == 0
    assert seen == [argv]


def test_a_reader_that_stops_early_is_not_an_internal_error(demo_dir: Path) -> None:
    # `hosho-navi evaluate … | more` closed before the end: the pipe breaks on our next write.
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    err = io.StringIO()
    with contextlib.redirect_stdout(ClosedPipe()), contextlib.redirect_stderr(err):
        code = main(["evaluate", str(demo_dir / "healthy.hnavi")])
    assert code == 1
    assert err.getvalue() == ""
