"""Start-up time of the wizard: process start → first page shown, against bare QWizards.

    uv run python benchmarks/bench_startup.py [--runs 7]

Three children, run alternately, each timed from process start to its first page on screen:
- app: the real app (create_app, main window shown);
- bare: the honest baseline — a 6-page QWizard with 120 labelled line edits in a process that
  imports only PySide6, so every cost of the app's own imports and start-up is on the app's side
  (goals: ratio ≤ 2, later 1.3; peak RSS ≤ 1.5×);
- bare+imports: the same bare wizard after importing desktop.ui.app and what it pulls in — shows
  what the app's own window costs beyond its imports (the earlier benchmark's baseline).
Peak RSS is reported, never asserted. Runs offscreen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL, GOAL_LATER, RSS_GOAL = 2.0, 1.3, 1.5
KINDS = ("bare", "app", "bare+imports")


def bare_wizard():  # noqa: ANN201 - PySide6 types are imported inside, after the clock started
    """6 pages × 20 labelled line edits: about the size of the app's wizard."""
    from PySide6.QtWidgets import QFormLayout, QLineEdit, QWizard, QWizardPage

    window = QWizard()
    for page_number in range(6):
        page = QWizardPage()
        page.setTitle(f"ページ {page_number + 1}")
        form = QFormLayout(page)
        for row in range(20):
            form.addRow(f"項目 {row + 1}", QLineEdit())
        window.addPage(page)
    return window


def child(kind: str) -> None:
    """Runs in the measured process: show the first page, report peak RSS, quit."""
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "app":
            from desktop.ui.app import AppDirs, create_app

            app, window = create_app([], AppDirs(Path(tmp) / "data", Path(tmp) / "log"))
        else:
            if kind == "bare+imports":
                import desktop.ui.app  # noqa: F401 - the cost being compared
            from PySide6.QtWidgets import QApplication

            app = QApplication(["bare"])
            window = bare_wizard()
        window.show()
        app.processEvents()
        print(f"shown {peak_rss_mib():.1f}", flush=True)


def peak_rss_mib() -> float:
    try:
        import resource
    except ImportError:  # Windows: no resource module
        return float("nan")
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


def measure(kind: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("shown"):
            elapsed = time.perf_counter() - start
            rss = float(line.split()[1])
            break
    else:
        raise RuntimeError(f"{kind} child never showed its window")
    proc.wait()
    return elapsed, rss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    measure("app")  # warm the disk cache once
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    rss: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for _ in range(args.runs):
        for kind in KINDS:
            elapsed, peak = measure(kind)
            times[kind].append(elapsed)
            rss[kind].append(peak)
    median = {kind: statistics.median(times[kind]) for kind in KINDS}
    peak = {kind: statistics.median(rss[kind]) for kind in KINDS}
    print(f"first page shown, median of {args.runs} alternating runs:")
    for kind, label in (("app", "app"), ("bare", "bare 6-page QWizard, PySide6 only"),
                        ("bare+imports", "same bare QWizard after importing the app")):
        print(f"  {label:<42} {median[kind] * 1000:6.0f} ms  (min {min(times[kind]) * 1000:.0f}, "
              f"max {max(times[kind]) * 1000:.0f})  peak RSS {peak[kind]:.0f} MiB")
    print(f"ratio app / bare: {median['app'] / median['bare']:.2f} (goal ≤ {GOAL}, later ≤ {GOAL_LATER})")
    print(f"peak RSS app / bare: {peak['app'] / peak['bare']:.2f} (goal ≤ {RSS_GOAL})")
    print(f"ratio app / bare+imports: {median['app'] / median['bare+imports']:.2f} "
          "(the app's window beyond its imports)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
