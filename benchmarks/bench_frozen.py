"""Frozen one-folder build: bundle size and start-up to the first page shown.

    uv run pyinstaller --noconfirm --distpath build/frozen/dist --workpath build/frozen/work packaging/hosho-navi.spec
    uv run python benchmarks/bench_frozen.py [--exe build/frozen/dist/hosho-navi/hosho-navi] [--runs 7]

Runs the frozen app's smoke test offscreen and times process start → "window shown" (the first
page is up). "Cold" is the first run after the page cache was dropped, when this machine allows
it (root on Linux); otherwise the first run after the build. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXE = ROOT / "build" / "frozen" / "dist" / "hosho-navi" / "hosho-navi"


def folder_size(folder: Path) -> int:
    # Symlinks (PyInstaller links some Qt libraries on Linux) would count their target twice.
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def time_to_window(exe: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([str(exe), "--smoke", out], stdout=subprocess.PIPE, text=True, env=env)
        assert proc.stdout is not None
        elapsed = None
        for line in proc.stdout:
            if line.strip() == "window shown" and elapsed is None:
                elapsed = time.perf_counter() - start
        if proc.wait() != 0 or elapsed is None:
            raise RuntimeError("the frozen smoke test failed")
        return elapsed


def drop_page_cache() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bundle = args.exe.parent
    print(f"bundle: {folder_size(bundle) / 2**20:.0f} MiB in {sum(1 for _ in bundle.rglob('*'))} files ({bundle})")
    dropped = drop_page_cache()
    cold = time_to_window(args.exe)
    warm = [time_to_window(args.exe) for _ in range(args.runs)]
    label = "cold (page cache dropped)" if dropped else "first run (page cache not dropped)"
    print(f"start → first page shown: {label} {cold * 1000:.0f} ms; warm median {statistics.median(warm) * 1000:.0f} ms "
          f"(min {min(warm) * 1000:.0f}, max {max(warm) * 1000:.0f}, {args.runs} runs)")


if __name__ == "__main__":
    main()
