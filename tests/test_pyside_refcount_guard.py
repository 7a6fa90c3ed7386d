"""Guard against the PySide6 6.12.0 / CPython 3.11 crash (engineering notes §8).

6.12.0 on 3.11 drops a reference to None on every Qt call that returns nothing and aborts the
process after a few thousand calls. pyproject pins PySide6 below 6.12 on 3.11; if that pin is
ever lost this test fails before users see the crash. On 3.12+ None is immortal.
"""

import sys

import pytest


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+")
def test_qt_calls_do_not_leak_references_to_none(qapp: object) -> None:
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    before = sys.getrefcount(None)
    for i in range(1000):
        edit.setText(str(i))
    assert sys.getrefcount(None) > before - 500
