"""Parts of the logic built on other branches (demo cases, the packet), looked up when used.

Until those modules are merged the wizard still runs: the demo list is empty and the output
page says that PDF output is not part of this build.
"""

from __future__ import annotations

import importlib
import logging
from types import ModuleType

from desktop.logic.case_model import Case

log = logging.getLogger(__name__)

DEMO_LABELS = {
    "healthy": "財務が健全な会社（解除の相談）",
    "succession": "事業承継を予定している会社",
    "startup": "創業間もない会社",
}


def _optional(module: str) -> ModuleType | None:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        log.info("%s is not part of this build", module)
        return None


def demo_cases() -> dict[str, Case]:
    found = _optional("desktop.logic.demo_cases")
    return {} if found is None else found.demo_cases()


def packet() -> ModuleType | None:
    """desktop.logic.packet (build_packet, write_packet, AUDIENCE_LABELS), if present."""
    return _optional("desktop.logic.packet")
