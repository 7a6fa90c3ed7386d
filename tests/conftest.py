"""Every test runs headless: Qt uses the offscreen platform, set before any QApplication exists."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
