"""The one place that knows where runtime resources live.

Rule data, the checksheet, fonts, translations and icons sit in the top-level `resources/`
folder beside the `desktop` package. A PyInstaller one-folder build maps that folder to
`_internal/resources`, which is again beside the frozen `desktop` package, so the same
relative lookup serves the source tree and the frozen app (packaging/ maps it).
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource_path(relative: str) -> Path:
    """Absolute path of a resource given as a relative POSIX path such as 'rules/abl.toml'."""
    rel = PurePosixPath(relative)
    if rel.is_absolute() or ".." in rel.parts:
        raise ValueError(f"resource paths are relative and stay inside resources/: {relative!r}")
    return RESOURCES_DIR.joinpath(*rel.parts)
