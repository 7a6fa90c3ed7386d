"""Start-up time of the wizard: process start → first page shown, against bare QWizards.

    uv run python benchmarks/bench_startup.py [--runs 7]

Three children, run alternately, each timed from process start to its first page on screen:
- app: the real app (create_app, main window shown); its data-file check and first evaluation
  run after the first paint (app.finish_start), so "ready" — that work done too — is reported
  beside "shown";
- bare: the honest baseline — a 6-page QWizard with 120 labelled line edits in a process that
  imports only PySide6, so every cost of the app's own imports and start-up is on the app's side
  (goals: ratio ≤ 2, later 1.3; peak RSS ≤ 1.5×);
- bare+imports: the same bare wizard after importing desktop.ui.app and what it pulls in — shows
  what the app's own window costs beyond its imports (the earlier benchmark's baseline).
Peak RSS is reported, never asserted. Runs offscreen.

The children run with compiled bytecode (in a private cache folder, filled by a warm-up run), as
the installed app does: it ships .pyc files. With PYTHONDONTWRITEBYTECODE set, as in some shells,
every run would recompile pydantic and the app from source — a cost only the app's side pays
and no user ever does.
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
        if kind == "app":
            from desktop.ui.app import finish_start

            finish_start(window)
            app.processEvents()
        print(f"ready {peak_rss_mib():.1f}", flush=True)


def peak_rss_mib() -> float:
    try:
        import resource
    except ImportError:  # Windows: no resource module
        return float("nan")
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


def measure(kind: str, bytecode_dir: str) -> dict[str, tuple[float, float]]:
    """{"shown" | "ready": (seconds since process start, peak RSS in MiB then)}."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=bytecode_dir)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    assert proc.stdout is not None
    seen = {}
    for line in proc.stdout:
        stage, rss = line.split()
        seen[stage] = (time.perf_counter() - start, float(rss))
    proc.wait()
    if set(seen) != {"shown", "ready"}:
        raise RuntimeError(f"{kind} child never showed its window")
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    with tempfile.TemporaryDirectory() as bytecode_dir:
        for kind in KINDS:  # warm the disk cache and compile the bytecode once
            measure(kind, bytecode_dir)
        runs = [{kind: measure(kind, bytecode_dir) for kind in KINDS} for _ in range(args.runs)]

    def median(kind: str, stage: str, index: int) -> float:
        return statistics.median(run[kind][stage][index] for run in runs)

    print(f"first page shown, median of {args.runs} alternating runs:")
    for kind, label in (("app", "app"), ("bare", "bare 6-page QWizard, PySide6 only"),
                        ("bare+imports", "same bare QWizard after importing the app")):
        times = [run[kind]["shown"][0] * 1000 for run in runs]
        print(f"  {label:<42} {median(kind, 'shown', 0) * 1000:6.0f} ms  (min {min(times):.0f}, "
              f"max {max(times):.0f})  peak RSS {median(kind, 'shown', 1):.0f} MiB")
    print(f"  app ready (data files checked, case evaluated) {median('app', 'ready', 0) * 1000:6.0f} ms"
          f"  peak RSS {median('app', 'ready', 1):.0f} MiB")
    bare, bare_rss = median("bare", "shown", 0), median("bare", "shown", 1)
    print(f"ratio app / bare: {median('app', 'shown', 0) / bare:.2f} (goal ≤ {GOAL}, later ≤ {GOAL_LATER})")
    print(f"peak RSS app / bare: {median('app', 'shown', 1) / bare_rss:.2f} (goal ≤ {RSS_GOAL})")
    print(f"ratio app ready / bare: {median('app', 'ready', 0) / bare:.2f}, "
          f"peak RSS {median('app', 'ready', 1) / bare_rss:.2f}")
    print(f"ratio app / bare+imports: {median('app', 'shown', 0) / median('bare+imports', 'shown', 0):.2f} "
          "(the app's window beyond its imports)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
