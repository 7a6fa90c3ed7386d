"""`python -m desktop` is the same as the `hosho-navi` command."""

from desktop.cli import main

raise SystemExit(main())
