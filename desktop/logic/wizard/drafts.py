"""Autosaved drafts of the case being edited, and the recent-cases list (SPEC §2 開始).

Both live in the per-user data folder (the UI passes it in). A draft is written every few
seconds while the case has unsaved changes and deleted after a save or a clean close, so a
draft found at start-up is what a crashed session left behind.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.logic.case.folders import make_private_dir
from desktop.logic.case.files import (
    CaseFileError,
    atomic_write_bytes,
    case_from_json_text,
    read_bounded,
    remove_stale_temps,
)
from desktop.logic.case.model import Case

log = logging.getLogger(__name__)

DRAFT_SUFFIX = ".draft.json"
RECENT_FILE = "recent.json"
RECENT_LIMIT = 10
# A draft that cannot be read (a newer version wrote it, or it is damaged) is set aside under
# this suffix, never deleted: it is not offered again, and the user was told where it is.
UNREADABLE_SUFFIX = ".unreadable"


@dataclass(frozen=True)
class Draft:
    draft_id: str
    file: Path
    source: Path | None
    saved_at: dt.datetime
    case: Case


def draft_file(folder: Path, draft_id: str) -> Path:
    return folder / f"{draft_id}{DRAFT_SUFFIX}"


def write_draft(folder: Path, draft_id: str, case: Case, source: Path | None, now: dt.datetime) -> Path:
    make_private_dir(folder)
    document = {
        "source": None if source is None else str(source),
        "saved_at": now.isoformat(timespec="seconds"),
        "case": json.loads(case.model_dump_json()),
    }
    target = draft_file(folder, draft_id)
    atomic_write_bytes(target, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"), private=True)
    return target


def read_draft(file: Path) -> Draft:
    """Read one draft; a damaged one raises CaseFileError like a damaged case file."""
    raw = read_bounded(file)
    try:
        document = json.loads(raw.decode("utf-8"))
        saved_at = dt.datetime.fromisoformat(document["saved_at"])
        source = document["source"]
        case_json = json.dumps(document["case"])
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise CaseFileError(file, "自動保存のファイルが壊れています。") from exc
    return Draft(draft_id=file.name.removesuffix(DRAFT_SUFFIX), file=file,
                 source=None if source is None else Path(source), saved_at=saved_at,
                 case=case_from_json_text(case_json, file))


def list_drafts(folder: Path) -> list[Path]:
    """Draft files in the folder, newest first (temporary files of killed writes are removed)."""
    if not folder.is_dir():
        return []
    remove_stale_temps(folder, ".*.tmp")
    files = list(folder.glob(f"*{DRAFT_SUFFIX}"))
    return sorted(files, key=lambda f: f.stat().st_mtime, reverse=True)


def discard_draft(folder: Path, draft_id: str) -> None:
    draft_file(folder, draft_id).unlink(missing_ok=True)


def set_aside(file: Path) -> Path:
    """Keep an unreadable draft under another name; returns where it now is."""
    kept = file.with_name(file.name + UNREADABLE_SUFFIX)
    file.replace(kept)
    return kept


@dataclass(frozen=True)
class RecentCase:
    path: Path
    company: str
    saved_at: dt.datetime
    summary: str


def load_recent(folder: Path) -> list[RecentCase]:
    """The recent-cases list, newest first; an unreadable list is treated as empty."""
    file = folder / RECENT_FILE
    try:
        rows = json.loads(file.read_text(encoding="utf-8"))
        return [RecentCase(Path(r["path"]), r["company"], dt.datetime.fromisoformat(r["saved_at"]), r["summary"])
                for r in rows]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        log.warning("recent-cases list %s is unreadable; starting a new one", file)
        return []


def remember_recent(folder: Path, entry: RecentCase) -> list[RecentCase]:
    """Put a just-saved or just-opened case at the top of the list (one row per file)."""
    same = entry.path.resolve()
    rows = [entry, *(r for r in load_recent(folder) if r.path.resolve() != same)][:RECENT_LIMIT]
    make_private_dir(folder)
    data = [{"path": str(r.path), "company": r.company, "saved_at": r.saved_at.isoformat(timespec="seconds"),
             "summary": r.summary} for r in rows]
    atomic_write_bytes(folder / RECENT_FILE, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
                       private=True)
    return rows
