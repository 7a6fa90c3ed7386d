"""Reading and writing `.hnavi` case files: migrations, refusal of bad files, atomic save."""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop.logic.case.dates import MAX_DATE, MIN_DATE
from desktop.logic.case.model import FORMAT_VERSION, Case

log = logging.getLogger(__name__)

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# A real case is < 100 KB; anything far larger (or not a regular file: /dev/zero, a pipe)
# is refused before a byte is read, so it can neither exhaust memory nor block.
MAX_CASE_BYTES = 2 * 1024 * 1024
# A temporary file from a save that was killed: older than this, nobody is still writing it.
STALE_TEMP_SECONDS = 60

# MIGRATIONS[n] turns a format-n document into format n+1. Applied in order on load;
# the tests exercise the mechanism with a registry of their own.
MIGRATIONS: dict[int, Migration] = {}


def folder_of(path: Path) -> str:
    """The folder a message names beside the file, as the user knows it (absolute)."""
    return str(Path(os.path.abspath(path)).parent)


class CaseFileError(Exception):
    """A case file that cannot be read; the message names the file, its folder and, if known,
    the field."""

    def __init__(self, path: Path | str, message: str, field: str | None = None) -> None:
        self.path = Path(path)
        self.field = field
        where = f"（項目: {field}）" if field else ""
        super().__init__(f"{self.path.name}: {message}{where}\n場所: {folder_of(self.path)}")


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
    """Decode, migrate and validate (in pydantic's strict JSON mode) one document.

    The one place where any failure to read a document becomes a CaseFileError: a fault
    this code did not foresee (deep nesting, say) is refused like a damaged file, never a crash.
    """
    path = Path(path)
    try:
        return _case_from_json_text(text, path)
    except CaseFileError:
        raise
    except RecursionError as exc:
        raise CaseFileError(path, "ファイルの入れ子が深すぎます。解除ナビのケースファイルではないか、壊れています。") from exc
    except Exception as exc:  # noqa: BLE001 - every other fault is a file we cannot read
        log.warning("case file refused: %s", type(exc).__name__)  # the type only: no client data in logs
        raise CaseFileError(path, "ファイルの中身を読み取れません。壊れているか、解除ナビのケースファイルではありません。") from exc


def _case_from_json_text(text: str, path: Path) -> Case:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseFileError(path, f"ファイルが壊れています（{exc.lineno}行目 {exc.colno}文字目付近）。") from exc
    except RecursionError:
        raise
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
        "too_long": "長すぎるか、件数が多すぎます",
    }
    bounds = error.get("ctx") or {}
    if {str(bounds.get("ge")), str(bounds.get("le"))} & {MIN_DATE.isoformat(), MAX_DATE.isoformat()}:
        return f"扱える日付（{MIN_DATE:%Y年%m月%d日}〜{MAX_DATE:%Y年%m月%d日}）の範囲外です"
    return messages.get(kind, "値の形式が正しくありません")


def load_case(path: Path | str) -> Case:
    """Read a case file; the file on disk is never modified by reading it."""
    path = Path(path)
    raw = read_bounded(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CaseFileError(path, "ファイルが壊れているか、UTF-8 のテキストではありません。") from exc
    return case_from_json_text(text, path)


def read_bounded(path: Path, limit: int = MAX_CASE_BYTES, *,
                 error: Callable[[Path, str], Exception] = CaseFileError,
                 usual: str = "ケースファイルは通常 100 KB 未満です") -> bytes:
    """The bytes of a regular file of at most limit bytes, read without waiting on a pipe or
    device; anything else raises error(path, message) in Japanese. usual: what such a file
    normally weighs, said when it is too large."""
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise error(path, "ファイルが見つかりません。") from exc
    except ValueError as exc:  # a NUL in the name
        raise error(path, "ファイル名に使えない文字が含まれています。") from exc
    except OSError as exc:
        raise error(path, f"ファイルを読めません（{os_reason(exc)}）。") from exc
    try:
        # fstat before wrapping the descriptor: a file object refuses a folder with its own error.
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(path, "通常のファイルではありません（フォルダーや装置は開けません）。")
        if info.st_size > limit:
            raise error(path, f"ファイルが大きすぎます（{info.st_size:,} バイト。{usual}）。")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise error(path, f"ファイルを読めません（{os_reason(exc)}）。") from exc
    finally:
        os.close(fd)
    if len(raw) > limit:  # grew while being read
        raise error(path, "ファイルが大きすぎます。")
    return raw


def case_to_json_text(case: Case) -> str:
    return case.model_dump_json(indent=2) + "\n"


def _save_error(path: Path, reason: str) -> SaveError:
    return SaveError(f"{path.name} を保存できません: {reason}\n保存先: {folder_of(path)}")


def atomic_write_bytes(path: Path | str, data: bytes, *, retries: int = 5, private: bool = False) -> None:
    """Write a whole file or nothing: temp file in the same folder, then os.replace.

    On Windows, antivirus and sync clients briefly hold files open; the replace is retried a
    few times with backoff before giving up (engineering notes §5.2). A symbolic link is
    followed (the file it points to gets the content; the link stays); a read-only file is
    refused rather than silently replaced. private=True: only the user may read it (0600).
    """
    path = Path(path)
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        if _read_only(target):
            # Windows refuses to replace it, POSIX would do so silently: say so before any temporary file exists.
            raise SaveError(f"{path.name} は読み取り専用のため保存できません。別の名前で保存するか、"
                            f"ファイルのプロパティで読み取り専用を外してください。\n保存先: {folder_of(path)}")
        folder = target.parent if str(target.parent) else Path(".")
        remove_stale_temps(folder, f".{glob_escape(target.name)}.*.tmp")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except ValueError as exc:  # a NUL in the name
        raise _save_error(path, "ファイル名に使えない文字が含まれています。") from exc
    except OSError as exc:
        raise _save_error(path, f"保存先に書き込めません（{os_reason(exc)}）。") from exc
    tmp = Path(tmp_name)
    try:
        # mkstemp creates the file 0600; give the result the mode a plainly created file would get,
        # always writable by its owner (a read-only temporary file could neither replace the
        # target nor be removed on Windows); private files stay 0600.
        os.chmod(tmp, 0o600 if private else _target_mode(target) | stat.S_IWUSR)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _replace_with_retry(tmp, target, retries)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _save_error(path, _write_reason(exc)) from exc


def remove_stale_temps(folder: Path, pattern: str) -> None:
    """Delete temporary files (glob pattern) that killed saves left behind: they hold a whole case."""
    now = time.time()
    try:
        leftovers = list(folder.glob(pattern))
    except OSError:
        return
    for leftover in leftovers:
        try:
            if now - leftover.stat().st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()
        except OSError:
            log.warning("could not remove a stale temporary file")


def glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


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


# By errno name: not every platform defines every one (getattr below).
_REASONS = {
    "ENOENT": "フォルダーまたはファイルが見つかりません",
    "EACCES": "アクセスが許可されていません",
    "EPERM": "操作が許可されていません",
    "ENOSPC": "ディスクの空き容量が足りません",
    "EROFS": "読み取り専用のドライブです",
    "EISDIR": "同じ名前のフォルダーがあります",
    "ENOTDIR": "途中のフォルダー名がファイルを指しています",
    "ENAMETOOLONG": "ファイル名が長すぎます",
    "EINVAL": "ファイル名に使えない文字が含まれています",
    "EEXIST": "同じ名前のファイルがあります",
    "EIO": "ディスクの読み書きに失敗しました",
    "EBUSY": "ファイルが使用中です",
    "ELOOP": "リンクがたどれません",
    "EDQUOT": "使える容量の上限に達しました",
}
_REASON_BY_ERRNO = {getattr(errno, name): text for name, text in _REASONS.items() if hasattr(errno, name)}


def os_reason(exc: OSError) -> str:
    """The OS's reason in Japanese (its own text is English on most machines)."""
    reason = _REASON_BY_ERRNO.get(exc.errno or -1)
    return reason or f"OS のエラー {exc.errno or type(exc).__name__}"


def _write_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "ファイルが他のアプリで開かれているか、書き込みが許可されていません。"
    if isinstance(exc, IsADirectoryError):
        return "同じ名前のフォルダーがあります。"
    return f"書き込みに失敗しました（{os_reason(exc)}）。"


def save_case(case: Case, path: Path | str) -> None:
    atomic_write_bytes(path, case_to_json_text(case).encode("utf-8"))
