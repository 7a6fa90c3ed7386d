"""The packet builder, built on another branch, looked up when used.

Until desktop.logic.packet is merged the wizard still runs, and the output page says that
PDF output is not part of this build.
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType

log = logging.getLogger(__name__)

def _optional(module: str) -> ModuleType | None:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        log.info("%s is not part of this build", module)
        return None


def packet() -> ModuleType | None:
    """desktop.logic.packet (build_packet, write_packet, AUDIENCE_LABELS), if present."""
    return _optional("desktop.logic.packet")
