"""Per-user folders (drafts, the recent list, logs): only their owner may enter them.

Kept apart from files.py, which loads the case model: the window makes its drafts folder
before its first paint, when nothing may load pydantic (start-up time).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)


def make_private_dir(folder: Path) -> None:
    """Create a per-user folder only its owner may enter (0700 where the platform has modes)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        try:
            folder.chmod(0o700)
        except OSError:
            log.warning("could not make a per-user folder private")
