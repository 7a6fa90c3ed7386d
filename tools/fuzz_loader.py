"""Long fuzz run over the loader and evaluator (issue 11): N inputs per kind, crashes by kind.

    uv run python tools/fuzz_loader.py [INPUTS_PER_KIND [CLI_INPUTS_PER_KIND]]

The suite runs the same generator (tests/fuzzing.py) for a few seconds; this prints how many
inputs loaded, were refused with the project's own Japanese error, or crashed (goal 0), with
the first seed of each crash so it can be reproduced. Then some inputs go through
`hosho-navi evaluate` (in-process) and the exit codes are counted: 0 or 2, never 1.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.fuzzing, from the repository

from desktop.cli import main as cli_main  # noqa: E402
from desktop.logic.data_files import validate_data_files  # noqa: E402
from tests.fuzzing import KINDS, base_documents, check, fuzz_input  # noqa: E402


def main() -> None:
    per_kind = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    validate_data_files()
    bases = base_documents()
    total: Counter[str] = Counter()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "fuzz.hnavi"
        for kind in KINDS:
            outcomes: Counter[str] = Counter()
            first: dict[str, int] = {}
            for seed in range(per_kind):
                data = fuzz_input(kind, seed, bases)
                try:
                    outcomes[check(data, file)] += 1
                except BaseException as exc:  # noqa: BLE001 - counting crashes is the point
                    if isinstance(exc, KeyboardInterrupt):
                        raise
                    name = f"crash {type(exc).__name__}"
                    outcomes[name] += 1
                    first.setdefault(name, seed)
            total.update(outcomes)
            print(f"{kind:7} {per_kind:>7} inputs: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
                  + ("" if not first else f"  (first seeds: {first})"), flush=True)
        crashes = sum(v for k, v in total.items() if k.startswith("crash"))
        print(f"total   {sum(total.values()):>7} inputs: loaded {total['loaded']}, refused {total['refused']}, "
              f"crashes {crashes}  ({time.perf_counter() - start:.0f} s)")
        cli_per_kind = int(sys.argv[2]) if len(sys.argv) > 2 else 100
        codes: Counter[int] = Counter()
        for kind in KINDS:
            for seed in range(cli_per_kind):
                file.write_bytes(fuzz_input(kind, seed, bases))
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    codes[cli_main(["evaluate", str(file)])] += 1
        print(f"cli     {sum(codes.values()):>7} inputs: " + ", ".join(f"exit {k}: {v}" for k, v in sorted(codes.items())))


if __name__ == "__main__":
    main()
