"""Entry script for the frozen app: the same `main` as the `hosho-navi` console script."""

from desktop.cli import main

raise SystemExit(main())
