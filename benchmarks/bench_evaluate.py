"""Time to load a case file and evaluate every route (goal ≤ 5 ms on a 2-core machine).

Prints the median of many runs for each demo case; nothing is asserted.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from desktop.logic.case.files import load_case, save_case
from desktop.logic.case.demo import demo_cases
from desktop.logic.data_files import validate_data_files
from desktop.logic.rules.evaluation import evaluate

RUNS = 300


def main() -> None:
    validate_data_files()  # rule files are parsed once per process, at start-up
    with tempfile.TemporaryDirectory() as folder:
        for stem, case in demo_cases().items():
            path = Path(folder) / f"{stem}.hnavi"
            save_case(case, path)
            timings = []
            for _ in range(RUNS):
                start = time.perf_counter()
                evaluate(load_case(path))
                timings.append(time.perf_counter() - start)
            median = statistics.median(timings) * 1000
            print(f"{stem:<11} load+evaluate median {median:6.3f} ms  (p90 "
                  f"{statistics.quantiles(timings, n=10)[-1] * 1000:6.3f} ms, {RUNS} runs; goal ≤ 5 ms → "
                  f"{median / 5:.2f}× of budget)")


if __name__ == "__main__":
    main()
