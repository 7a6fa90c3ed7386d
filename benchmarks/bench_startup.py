"""Start-up time of the wizard: process start → first page shown, against a bare QWizard.

    uv run python benchmarks/bench_startup.py [--runs 7]

Both children import the same modules (desktop.ui.app and everything it pulls in); the bare one
then shows an empty one-page QWizard, the real one builds and shows the app's main window. The
goal is a ratio ≤ 1.3. Peak RSS is reported, never asserted. Runs offscreen.
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
GOAL = 1.3


def child(kind: str) -> None:
    """Runs in the measured process: show the first page, report peak RSS, quit."""
    from PySide6.QtWidgets import QApplication, QWizard, QWizardPage

    from desktop.ui.app import AppDirs, create_app

    with tempfile.TemporaryDirectory() as tmp:
        if kind == "app":
            app, window = create_app([], AppDirs(Path(tmp) / "data", Path(tmp) / "log"))
        else:
            app = QApplication(["bare"])
            window = QWizard()
            window.addPage(QWizardPage())
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
    parser.add_argument("--child", choices=("app", "bare"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    measure("app")  # warm the disk cache once
    times: dict[str, list[float]] = {"app": [], "bare": []}
    rss: dict[str, float] = {}
    for _ in range(args.runs):
        for kind in ("bare", "app"):
            elapsed, peak = measure(kind)
            times[kind].append(elapsed)
            rss[kind] = max(rss.get(kind, 0.0), peak)
    app, bare = statistics.median(times["app"]), statistics.median(times["bare"])
    print(f"first page shown (median of {args.runs}): app {app * 1000:.0f} ms, "
          f"bare QWizard with the same imports {bare * 1000:.0f} ms")
    print(f"ratio {app / bare:.2f} (goal ≤ {GOAL})")
    print(f"peak RSS: app {rss['app']:.0f} MiB, bare {rss['bare']:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
