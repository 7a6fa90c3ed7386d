import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from desktop.logic.case.files import (
    CaseFileError,
    SaveError,
    atomic_write_bytes,
    case_to_json_text,
    load_case,
    migrate,
    save_case,
)
from desktop.logic.case.model import Case
from desktop.logic.case.demo import demo_cases


def test_round_trip_preserves_every_field(tmp_path: Path) -> None:
    for case in demo_cases().values():
        target = tmp_path / "c.hnavi"
        save_case(case, target)
        assert load_case(target) == case


def test_save_replaces_atomically_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "c.hnavi"
    save_case(Case.new(dt.date(2026, 1, 1)), target)
    save_case(Case.new(dt.date(2026, 2, 2)), target)
    assert load_case(target).assessment_date == dt.date(2026, 2, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["c.hnavi"]


def test_saved_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "c.hnavi"
    save_case(Case.new(dt.date(2026, 1, 1)), target)
    assert target.stat().st_mode & 0o077, "readable as a normally created file, not 0600"
    target.chmod(0o640)
    save_case(Case.new(dt.date(2026, 1, 2)), target)
    assert target.stat().st_mode & 0o777 == 0o640


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "c.hnavi"
    target.write_text("old", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "denied")

    monkeypatch.setattr("os.replace", refuse)
    with pytest.raises(SaveError, match="c.hnavi"):
        atomic_write_bytes(target, b"new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["c.hnavi"]


def test_unwritable_folder_is_a_save_error(tmp_path: Path) -> None:
    with pytest.raises(SaveError):
        atomic_write_bytes(tmp_path / "missing" / "c.hnavi", b"x")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.hnavi"
    path.write_text(text, encoding="utf-8")
    return path


def test_damaged_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"format_version": 1, "assessment_date": ')
    before = path.read_bytes()
    with pytest.raises(CaseFileError, match="bad.hnavi.*壊れて"):
        load_case(path)
    assert path.read_bytes() == before


def test_newer_format_is_refused_naming_the_field(tmp_path: Path) -> None:
    data = json.loads(case_to_json_text(Case.new(dt.date(2026, 1, 1))))
    data["format_version"] = 2
    path = _write(tmp_path, json.dumps(data))
    with pytest.raises(CaseFileError) as err:
        load_case(path)
    assert err.value.field == "format_version"
    assert "新しい版" in str(err.value) and "bad.hnavi" in str(err.value)


@pytest.mark.parametrize("bad", ["12_345", 12345.0, "1,234", "１２３４５"])
def test_bad_amount_is_refused_naming_the_field(tmp_path: Path, bad: object) -> None:
    data = json.loads(case_to_json_text(demo_cases()["healthy"]))
    data["periods"][0]["revenue_yen"] = bad
    path = _write(tmp_path, json.dumps(data, ensure_ascii=False))
    with pytest.raises(CaseFileError) as err:
        load_case(path)
    assert err.value.field == "periods.0.revenue_yen"


def test_migration_registry_runs_in_order(tmp_path: Path) -> None:
    seen: list[int] = []

    def v1_to_v2(d: dict) -> dict:
        seen.append(1)
        d["renamed"] = d.pop("old")
        return d

    def v2_to_v3(d: dict) -> dict:
        seen.append(2)
        d["renamed"] = d["renamed"].upper()
        return d

    out = migrate({"format_version": 1, "old": "x"}, tmp_path / "f", {1: v1_to_v2, 2: v2_to_v3}, current=3)
    assert out == {"format_version": 3, "renamed": "X"} and seen == [1, 2]
    with pytest.raises(CaseFileError, match="移行手順"):
        migrate({"format_version": 1}, tmp_path / "f", {}, current=2)


@pytest.mark.parametrize("bad", [10**15, "9" * 5000])
def test_absurd_numbers_in_a_file_are_refused_naming_the_file(tmp_path: Path, bad: object) -> None:
    text = case_to_json_text(demo_cases()["healthy"]).replace('"revenue_yen": 1240000000', f'"revenue_yen": {bad}', 1)
    path = _write(tmp_path, text)
    with pytest.raises(CaseFileError, match="bad.hnavi"):
        load_case(path)


def test_saving_over_a_read_only_file_says_so_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "顧客.hnavi"
    save_case(Case.new(dt.date(2026, 1, 1)), target)
    before = target.read_bytes()
    os.chmod(target, stat.S_IRUSR | stat.S_IRGRP)
    changed = Case.new(dt.date(2026, 1, 1))
    changed.company.name = "別の会社"
    with pytest.raises(SaveError, match="読み取り専用のため保存できません") as raised:
        save_case(changed, target)
    assert str(tmp_path) in str(raised.value)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["顧客.hnavi"]


def test_the_temporary_file_is_writable_whatever_the_target_mode(tmp_path: Path, monkeypatch) -> None:
    """The mode is copied from the target but never without the owner's write bit."""
    from desktop.logic.case import files

    target = tmp_path / "c.hnavi"
    files.save_case(Case.new(dt.date(2026, 1, 1)), target)
    os.chmod(target, 0o640)
    modes = []
    real_replace = os.replace
    monkeypatch.setattr(files.os, "replace", lambda a, b: (modes.append(os.stat(a).st_mode), real_replace(a, b)))
    files.save_case(Case.new(dt.date(2026, 1, 1)), target)
    assert modes and all(m & stat.S_IWUSR for m in modes)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_null_text_fields_open_as_empty_and_are_never_written_back(tmp_path: Path) -> None:
    # SPEC §3: unknown = null. Files from other tools or hand edits may carry null in text fields.
    data = json.loads(case_to_json_text(demo_cases()["healthy"]))
    data["company"]["name_kana"] = None
    data["company"]["representative_names"] = ["山田太郎", None]
    data["negotiation"]["contact_person"] = None
    data["negotiation"]["notes"] = None
    data["loans"][0]["lender"] = None
    data["situation"]["planned_loan"]["lender"] = None
    path = _write(tmp_path, json.dumps(data, ensure_ascii=False))
    c = load_case(path)
    assert c.company.name_kana == "" and c.negotiation.contact_person == "" and c.negotiation.notes == ""
    assert c.company.representative_names == ["山田太郎", ""]
    assert c.loans[0].lender == "" and c.situation.planned_loan.lender == ""
    assert c.company.name == "株式会社みなと精工"          # other text untouched
    again = json.loads(case_to_json_text(c))
    assert again["company"]["name_kana"] == "" and again["negotiation"]["contact_person"] == ""
    assert "null" not in json.dumps(again["negotiation"]) and None not in again["company"]["representative_names"]


@pytest.mark.parametrize("bad", [123, True, ["a"]])
def test_text_fields_still_refuse_non_text(tmp_path: Path, bad: object) -> None:
    data = json.loads(case_to_json_text(demo_cases()["healthy"]))
    data["negotiation"]["contact_person"] = bad
    with pytest.raises(CaseFileError) as err:
        load_case(_write(tmp_path, json.dumps(data, ensure_ascii=False)))
    assert err.value.field == "negotiation.contact_person"
