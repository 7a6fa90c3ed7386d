"""Screenshots of every wizard page at scale 1.0 and 1.5, for review (written to out/screenshots/).

    uv run python tools/screenshots.py [--case healthy|succession|startup]

Each scale runs in its own process, because QT_SCALE_FACTOR is read when Qt starts. For each
page two pictures: the window as shown, and the page's whole scrolling body.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "screenshots"
SCALES = ("1.0", "1.5")


def shoot(scale: str, case_key: str) -> None:
    from PySide6.QtWidgets import QScrollArea

    from desktop.logic.case.demo import demo_cases
    from desktop.logic.wizard.navigation import PAGES
    from desktop.ui.app import AppDirs, create_app

    folder = OUT / f"scale-{scale}"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        app, window = create_app([], AppDirs(Path(tmp) / "data", Path(tmp) / "log"))
        window.session.load_demo(demo_cases()[case_key])
        window.pages["negotiation"].ensure_built()
        window.pages["negotiation"]._propose()
        window.show()
        for info in PAGES:
            window.jump_to(info.id)
            app.processEvents()
            window.grab().save(str(folder / f"{info.id}_{info.key}.png"))
            body = window.currentPage().findChild(QScrollArea).widget()
            body.grab().save(str(folder / f"{info.id}_{info.key}_full.png"))
        window.session._set_dirty(False)
        window.close()
    print(f"{folder}: {len(PAGES) * 2} pictures")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case", default="succession")
    parser.add_argument("--scale", help=argparse.SUPPRESS)  # the per-scale child process
    args = parser.parse_args()
    if args.scale:
        shoot(args.scale, args.case)
        return 0
    for scale in SCALES:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
        subprocess.run([sys.executable, __file__, "--scale", scale, "--case", args.case], env=env, check=True,
                       cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
