"""Every test runs headless: Qt uses the offscreen platform, set before any QApplication exists."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `hosho-navi demo -o DIR` writes, once per test process (several tests read it)."""
    from tests.cli_tools import run_cli

    out = tmp_path_factory.mktemp("demo")
    done = run_cli("demo", "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out
