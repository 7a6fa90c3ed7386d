"""Issue 11: fuzzed files, date and size bounds, symlinks, read-only targets, stale temporary
files, private permissions, Japanese reasons naming the folder, and no client data in logs."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from desktop.logic.case.dates import MAX_DATE, MIN_DATE
from desktop.logic.case.demo import demo_cases
from desktop.logic.case.files import (
    MAX_CASE_BYTES,
    STALE_TEMP_SECONDS,
    CaseFileError,
    SaveError,
    atomic_write_bytes,
    case_to_json_text,
    load_case,
    save_case,
)
from desktop.logic.case.model import NAME_MAX, Case
from desktop.logic.rules.evaluation import evaluate
from desktop.logic.wizard import drafts
from tests.fuzzing import KINDS, base_documents, check, fuzz_input

POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes, symlinks and pipes as POSIX has them")
BASES = base_documents()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), seed=st.integers(0, 10**9))
def test_any_file_loads_and_evaluates_or_is_refused_in_japanese(tmp_path: Path, kind: str, seed: int) -> None:
    # check() raises on anything but a load + evaluate or a CaseFileError naming the file in Japanese.
    assert check(fuzz_input(kind, seed, BASES), tmp_path / "fuzz.hnavi") in ("loaded", "refused")


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_deeply_nested_json_is_refused_not_a_crash(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.hnavi"
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    with pytest.raises(CaseFileError, match="deep.hnavi.*入れ子が深すぎます"):
        load_case(path)


def _with_dates(tmp_path: Path, **dates: str) -> Path:
    data = json.loads(case_to_json_text(demo_cases()["startup"]))
    data.update({k: v for k, v in dates.items() if k in data})
    if "incorporated_on" in dates:
        data["company"]["incorporated_on"] = dates["incorporated_on"]
    path = tmp_path / "dates.hnavi"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("field", "value"), [
    ("application_date", "9997-06-01"), ("incorporated_on", "9995-01-01"), ("application_date", "2101-01-01"),
    ("assessment_date", "1867-12-31")])
def test_dates_outside_the_one_range_are_refused_naming_the_field(tmp_path: Path, field: str, value: str) -> None:
    with pytest.raises(CaseFileError) as err:
        load_case(_with_dates(tmp_path, **{field: value}))
    assert field in (err.value.field or "") and "範囲外" in str(err.value)


def test_dates_at_the_ends_of_the_range_load_and_evaluate(tmp_path: Path) -> None:
    for day in (MIN_DATE, MAX_DATE):
        iso = day.isoformat()
        case = load_case(_with_dates(tmp_path, application_date=iso, assessment_date=iso, incorporated_on=iso))
        assert evaluate(case).routes


def test_the_model_refuses_a_name_longer_than_its_limit() -> None:
    case = Case.new(dt.date(2026, 1, 1))
    case.company.name = "株" * NAME_MAX
    with pytest.raises(ValidationError):
        case.company.name = "株" * (NAME_MAX + 1)


@POSIX
@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_devices_and_pipes_are_refused_before_reading(tmp_path: Path, special: str) -> None:
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "pipe.hnavi"
        os.mkfifo(path)
    start = time.monotonic()
    with pytest.raises(CaseFileError, match="通常のファイルではありません"):
        load_case(path)
    assert time.monotonic() - start < 5  # never waits for a writer (was: blocked forever)


def test_a_file_larger_than_the_bound_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.hnavi"
    with path.open("wb") as handle:
        handle.truncate(MAX_CASE_BYTES + 1)
    with pytest.raises(CaseFileError, match="big.hnavi: ファイルが大きすぎます"):
        load_case(path)


def test_messages_name_the_folder_and_give_the_reason_in_japanese(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "c.hnavi"
    with pytest.raises(SaveError) as err:
        save_case(Case.new(dt.date(2026, 1, 1)), target)
    message = str(err.value)
    assert "c.hnavi を保存できません" in message and str(tmp_path / "missing") in message
    assert "No such file" not in message and "見つかりません" in message
    with pytest.raises(CaseFileError) as read_err:
        load_case(tmp_path / "gone.hnavi")
    assert str(tmp_path) in str(read_err.value)


@POSIX
def test_saving_through_a_symlink_writes_the_real_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.hnavi"
    save_case(Case.new(dt.date(2026, 1, 1)), real)
    link = tmp_path / "link.hnavi"
    link.symlink_to(real)
    save_case(Case.new(dt.date(2026, 2, 2)), link)
    assert link.is_symlink()
    assert load_case(real).assessment_date == dt.date(2026, 2, 2)


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    pdf = tmp_path / "packet.pdf"
    pdf.write_bytes(b"%PDF old")
    pdf.chmod(0o444)
    with pytest.raises(SaveError, match="読み取り専用"):
        atomic_write_bytes(pdf, b"%PDF new")
    assert pdf.read_bytes() == b"%PDF old"
    assert [p.name for p in tmp_path.iterdir()] == ["packet.pdf"]


def test_a_nul_in_the_name_is_a_save_error(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="使えない文字"):
        atomic_write_bytes(tmp_path / "a\x00b.pdf", b"x")


def test_temporary_files_of_killed_saves_are_removed_by_the_next_save(tmp_path: Path) -> None:
    target = tmp_path / "c.hnavi"
    stale = tmp_path / ".c.hnavi.abc123.tmp"
    fresh = tmp_path / ".c.hnavi.def456.tmp"  # perhaps another save, still running
    other = tmp_path / ".d.hnavi.xyz.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("a whole case", encoding="utf-8")
    # Every file's time set from the same clock the code reads (the suite also runs under faketime,
    # where a file's own timestamp would be years off).
    now = time.time()
    old = now - STALE_TEMP_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    os.utime(fresh, (now, now))
    save_case(Case.new(dt.date(2026, 1, 1)), target)
    assert not stale.exists() and fresh.exists() and other.exists()


def test_stale_draft_temporaries_are_removed_when_drafts_are_listed(tmp_path: Path) -> None:
    stale = tmp_path / ".abc.draft.json.x1.tmp"
    stale.write_text("{}", encoding="utf-8")
    old = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(stale, (old, old))
    drafts.list_drafts(tmp_path)
    assert not stale.exists()


def test_a_draft_from_a_newer_version_is_refused_with_the_reason(tmp_path: Path) -> None:
    file = drafts.write_draft(tmp_path, "abc", Case.new(dt.date(2026, 1, 1)), None, dt.datetime(2026, 1, 1))
    document = json.loads(file.read_text(encoding="utf-8"))
    document["case"]["format_version"] = 2
    file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CaseFileError, match="新しい版"):
        drafts.read_draft(file)
    kept = drafts.set_aside(file)
    assert kept.exists() and not file.exists() and drafts.list_drafts(tmp_path) == []


@POSIX
def test_drafts_and_the_recent_list_are_the_users_only(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "autosave"
    file = drafts.write_draft(folder, "abc", Case.new(dt.date(2026, 1, 1)), None, dt.datetime(2026, 1, 1))
    assert file.stat().st_mode & 0o777 == 0o600 and folder.stat().st_mode & 0o777 == 0o700
    drafts.remember_recent(tmp_path / "data", drafts.RecentCase(tmp_path / "a.hnavi", "A社", dt.datetime(2026, 1, 1), ""))
    assert (tmp_path / "data" / drafts.RECENT_FILE).stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700


def test_a_refused_value_never_reaches_a_log(caplog: pytest.LogCaptureFixture) -> None:
    case = Case.new(dt.date(2026, 1, 1))
    figure = -int("987654321")  # a client's figure, typed wrongly (a separate line: tracebacks quote source)
    with caplog.at_level(logging.DEBUG):
        try:
            case.company.capital_yen = figure
        except ValidationError as exc:
            logging.getLogger("test").info("refused", exc_info=True)
            assert "987654321" not in str(exc)
    assert "987654321" not in caplog.text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_ordinary_case_files_keep_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "c.hnavi"
    save_case(Case.new(dt.date(2026, 1, 1)), target)
    assert target.stat().st_mode & 0o077  # only drafts, logs and the recent list are private


def test_a_deeply_nested_recent_list_is_treated_as_empty(tmp_path: Path) -> None:
    (tmp_path / drafts.RECENT_FILE).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert drafts.load_recent(tmp_path) == []


def test_a_folder_named_like_a_case_is_refused_in_japanese(tmp_path: Path) -> None:
    folder = tmp_path / "顧客.hnavi"
    folder.mkdir()
    with pytest.raises(CaseFileError, match="通常のファイルではありません"):
        load_case(folder)
