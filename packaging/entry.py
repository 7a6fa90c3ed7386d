"""Entry script for the frozen app: the same `main` as the `hosho-navi` console script.

The console companion (hosho-navi-cli.exe) with no arguments prints its help instead of opening
the window: it is the one typed at a prompt.
"""

import sys
from pathlib import Path

from desktop.cli import main

if Path(sys.executable).stem.endswith("-cli") and len(sys.argv) == 1:
    sys.argv.append("--help")
raise SystemExit(main())
