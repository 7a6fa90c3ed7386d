"""Running the `hosho-navi` command the way the tests need it.

Most tests call desktop.cli.main in-process: the same argument parsing, exit codes and messages,
without a Python start-up and a cold font cache per call. The few tests about the process
itself (`python -m desktop`, its exit status and Japanese on the console) use run_process.
"""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys

from desktop.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """main(args) in this process, with what it printed and the code it returned."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(["hosho-navi", *args], code, out.getvalue(), err.getvalue())


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m desktop args` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=180)
