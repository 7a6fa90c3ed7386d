"""Screenshots of every wizard page on the screens advisers use, for review (to out/screenshots/).

    uv run python tools/screenshots.py [--case healthy|succession|startup]

Screens 1366×768 and 1024×768, each at scale 1.0 and 1.5 (Windows' 150 %). Each combination
runs in its own process, because QT_SCALE_FACTOR and the screen are read when Qt starts; the
offscreen platform is given a screen of exactly that size, so the window fits itself to it as
on a laptop. For each page two pictures: what the screen shows of the window (a window larger
than the screen is cut off as it would be), and the page's whole scrolling body.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "screenshots"
SCREENS = ((1366, 768), (1024, 768))
SCALES = ("1.0", "1.5")


def offscreen_platform(width: int, height: int, folder: Path) -> str:
    """QT_QPA_PLATFORM value for an offscreen screen of width×height device pixels."""
    config = folder / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


def shoot(label: str, case_key: str) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QScrollArea

    from desktop.logic.case.demo import demo_cases
    from desktop.logic.wizard.navigation import PAGES
    from desktop.ui.app import AppDirs, create_app

    folder = OUT / label
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app, window = create_app([], AppDirs(Path(tmp) / "data", Path(tmp) / "log"))
        window.session.load_demo(demo_cases()[case_key])
        window.pages["negotiation"].ensure_built()
        window.pages["negotiation"]._propose()
        window.show()
        screen = window.screen().availableGeometry()
        for info in PAGES:
            window.jump_to(info.id)
            app.processEvents()
            seen = QRect(0, 0, min(window.width(), screen.width()), min(window.height(), screen.height()))
            window.grab(seen).save(str(folder / f"{info.id}_{info.key}.png"))
            body = window.currentPage().findChild(QScrollArea).widget()
            body.grab().save(str(folder / f"{info.id}_{info.key}_full.png"))
        fits = window.width() <= screen.width() and window.height() <= screen.height()
        print(f"{folder}: screen {screen.width()}×{screen.height()}, window {window.width()}×{window.height()}"
              f" (minimum {window.minimumWidth()}×{window.minimumHeight()})"
              + ("" if fits else " — LARGER THAN THE SCREEN"))
        window.session._set_dirty(False)
        window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case", default="succession")
    parser.add_argument("--label", help=argparse.SUPPRESS)  # the per-screen child process
    args = parser.parse_args()
    if args.label:
        shoot(args.label, args.case)
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for width, height in SCREENS:
        for scale in SCALES:
            env = dict(os.environ, QT_QPA_PLATFORM=offscreen_platform(width, height, OUT), QT_SCALE_FACTOR=scale)
            subprocess.run([sys.executable, __file__, "--label", f"{width}x{height}-scale-{scale}",
                            "--case", args.case], env=env, check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
