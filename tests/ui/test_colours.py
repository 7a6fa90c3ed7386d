"""Every message colour reads in both colour schemes (Windows 11 dark mode included): ≥ 4.5:1."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desktop.ui.widgets import ERROR_ON_DARK, ERROR_ON_LIGHT, contrast_ratio, error_colour, error_label


def dark_palette() -> QPalette:
    """The colours Windows 11's dark scheme gives a Qt app (window #202020, base #2b2b2b)."""
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"), (QPalette.ColorRole.Base, "#2b2b2b"),
                         (QPalette.ColorRole.WindowText, "#ffffff"), (QPalette.ColorRole.Text, "#ffffff")):
        palette.setColor(role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    return QStyleFactory.create("fusion").standardPalette()


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_error_red_has_text_contrast_on_window_and_base(qapp, palette) -> None:
    p = palette()
    colour = error_colour(p)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        assert contrast_ratio(colour, p.color(role)) >= 4.5, (colour.name(), p.color(role).name())


def test_the_old_red_on_dark_was_unreadable_and_the_contrast_formula_is_wcags(qapp) -> None:
    assert contrast_ratio(QColor(ERROR_ON_LIGHT), QColor("#202020")) < 3  # the reported 2.2:1
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast_ratio(QColor(ERROR_ON_DARK), QColor("#202020")) >= 4.5


def test_a_message_label_follows_a_scheme_change(qapp) -> None:
    label = error_label()
    app = QApplication.instance()
    original = app.palette()
    try:
        app.setPalette(dark_palette())
        QApplication.processEvents()
        assert label.palette().color(QPalette.ColorRole.WindowText).name() == ERROR_ON_DARK
        app.setPalette(light_palette())
        QApplication.processEvents()
        assert label.palette().color(QPalette.ColorRole.WindowText).name() == ERROR_ON_LIGHT
    finally:
        app.setPalette(original)
