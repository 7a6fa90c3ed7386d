"""Preview and print files: private, new each time, and a crashed run's folder cleared later."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.ui import temp_files


def test_new_names_in_one_private_folder() -> None:
    first, second = temp_files.new_pdf_path("交渉資料"), temp_files.new_pdf_path("交渉資料")
    assert first != second and first.parent == second.parent == temp_files.run_folder()
    if os.name == "posix":
        assert (first.parent.stat().st_mode & 0o777) == 0o700


def test_only_old_folders_of_other_runs_are_removed(tmp_path: Path) -> None:
    # A fixed clock and every folder's time set from it: the file system stamps a new folder
    # with the real time, which a moved test clock (faketime) would make look years old.
    now = 1_900_000_000.0
    old, recent = tmp_path / f"{temp_files.RUN_PREFIX}old", tmp_path / f"{temp_files.RUN_PREFIX}recent"
    unrelated = tmp_path / "other-old"
    for folder in (old, recent, unrelated):
        folder.mkdir()
        (folder / "交渉資料_01.pdf").write_bytes(b"%PDF")
    stale = temp_files.STALE_SECONDS + 60
    for folder, age in ((old, stale), (recent, 60), (unrelated, stale)):
        os.utime(folder, (now - age,) * 2)
    assert temp_files.remove_stale(tmp_path, now) == 1
    assert not old.exists() and recent.exists() and unrelated.exists()
