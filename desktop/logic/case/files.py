"""Reading and writing `.hnavi` case files: migrations, refusal of bad files, atomic save."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.logic.case.model import FORMAT_VERSION, Case

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# MIGRATIONS[n] turns a format-n document into format n+1. Applied in order on load;
# the tests exercise the mechanism with a registry of their own.
MIGRATIONS: dict[int, Migration] = {}


class CaseFileError(Exception):
    """A case file that cannot be read; the message names the file and, if known, the field."""

    def __init__(self, path: Path | str, message: str, field: str | None = None) -> None:
        self.path = Path(path)
        self.field = field
        where = f"（項目: {field}）" if field else ""
        super().__init__(f"{self.path.name}: {message}{where}")


class SaveError(Exception):
    """The target could not be written; the old file, if any, is unchanged."""


def migrate(data: dict[str, Any], path: Path, migrations: dict[int, Migration] | None = None,
            current: int = FORMAT_VERSION) -> dict[str, Any]:
    """Bring a decoded document up to the current format, or refuse it."""
    steps = MIGRATIONS if migrations is None else migrations
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise CaseFileError(path, "形式バージョンが読み取れません。解除ナビのケースファイルではない可能性があります。",
                            "format_version")
    if version > current:
        raise CaseFileError(
            path,
            f"このファイルは新しい版の解除ナビで保存されています（形式 {version}、この版は {current} まで）。"
            "アプリを更新してから開いてください。",
            "format_version",
        )
    while version < current:
        if version not in steps:
            raise CaseFileError(path, f"形式 {version} からの移行手順がありません。", "format_version")
        data = steps[version](dict(data))
        version += 1
        data["format_version"] = version
    return data


def _field_path(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "(全体)"


def case_from_json_text(text: str, path: Path | str) -> Case:
    """Decode, migrate and validate (in pydantic's strict JSON mode) one document."""
    path = Path(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseFileError(path, f"ファイルが壊れています（{exc.lineno}行目 {exc.colno}文字目付近）。") from exc
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise CaseFileError(path, "ファイルに扱えない数値が含まれています。") from exc
    if not isinstance(data, dict):
        raise CaseFileError(path, "ファイルの中身がケースの形式ではありません。")
    data = migrate(data, path)
    try:
        return Case.model_validate_json(json.dumps(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        field = _field_path(first["loc"])
        raise CaseFileError(path, f"値が正しくありません: {_explain(first)}", field) from exc


def _explain(error: Any) -> str:
    kind = error.get("type", "")
    messages = {
        "int_type": "整数（円）で記録されている必要があります",
        "int_parsing": "整数（円）で記録されている必要があります",
        "missing": "必須の項目がありません",
        "extra_forbidden": "この版では使われない項目です",
        "date_from_datetime_parsing": "日付の形式（YYYY-MM-DD）ではありません",
        "date_parsing": "日付の形式（YYYY-MM-DD）ではありません",
        "date_type": "日付の形式（YYYY-MM-DD）ではありません",
        "literal_error": "決められた値のどれでもありません",
        "bool_type": "はい／いいえ（true/false）で記録されている必要があります",
        "string_type": "文字列である必要があります",
        "greater_than_equal": "小さすぎる値です（マイナス不可の項目です）",
        "less_than_equal": "大きすぎる値です",
        "less_than": "大きすぎる値です",
        "greater_than": "小さすぎる値です",
        "too_long": "件数が多すぎます",
    }
    return messages.get(kind, str(error.get("msg", "")))


def load_case(path: Path | str) -> Case:
    """Read a case file; the file on disk is never modified by reading it."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise CaseFileError(path, "ファイルが見つかりません。") from exc
    except OSError as exc:
        raise CaseFileError(path, f"ファイルを読めません（{exc.strerror}）。") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseFileError(path, "ファイルが壊れているか、UTF-8 のテキストではありません。") from exc
    return case_from_json_text(text, path)


def case_to_json_text(case: Case) -> str:
    return case.model_dump_json(indent=2) + "\n"


def atomic_write_bytes(path: Path | str, data: bytes, *, retries: int = 5) -> None:
    """Write a whole file or nothing: temp file in the same folder, then os.replace.

    On Windows, antivirus and sync clients briefly hold files open; the replace is retried a
    few times with backoff before giving up (engineering notes §5.2).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if _read_only(path):
        # Windows refuses to replace a read-only file; say so before any temporary file exists.
        raise SaveError(f"{path.name} は読み取り専用のため保存できません（フォルダー：{folder.resolve()}）。"
                        "別の名前で保存するか、ファイルのプロパティで読み取り専用を外してください。")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(f"{path.name} を保存できません: 保存先に書き込めません（{exc.strerror}）。") from exc
    tmp = Path(tmp_name)
    try:
        # mkstemp creates the file 0600; give the result the mode a plainly created file would get,
        # always writable by its owner (a read-only temporary file could neither replace the
        # target nor be removed on Windows).
        os.chmod(tmp, _target_mode(path) | stat.S_IWUSR)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _replace_with_retry(tmp, path, retries)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SaveError(f"{path.name} を保存できません: {_os_reason(exc)}") from exc


def _read_only(path: Path) -> bool:
    """The file exists without its owner's write bit (on Windows: the read-only attribute).
    Mode bits, not os.access, which says yes to root whatever the bits."""
    try:
        return path.is_file() and not path.stat().st_mode & stat.S_IWUSR
    except OSError:
        return False


def _target_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _replace_with_retry(tmp: Path, path: Path, retries: int) -> None:
    delay = 0.05
    for attempt in range(retries):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == retries - 1:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "ファイルが他のアプリで開かれているか、書き込みが許可されていません。"
    if isinstance(exc, IsADirectoryError):
        return "同じ名前のフォルダーがあります。"
    return f"書き込みに失敗しました（{exc.strerror or exc}）。"


def save_case(case: Case, path: Path | str) -> None:
    atomic_write_bytes(path, case_to_json_text(case).encode("utf-8"))
