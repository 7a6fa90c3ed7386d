"""The small chart of 減価償却前経常利益 and 純資産 by period (SPEC §7.4).

Black bars and white bars with a black outline, values written at each bar, a zero line: it
reads the same on a black-and-white printer. Drawn straight onto the canvas rather than through
reportlab.graphics, whose renderer puts a non-embedded Helvetica into the PDF. Floats appear only
as drawing coordinates; every value printed comes from format_yen.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desktop.logic.case.amounts import Unit, format_yen
from desktop.logic.case.dates import fiscal_period
from desktop.logic.rules.indicators import PeriodIndicators
from desktop.logic.packet.styles import GOTHIC, GREY_TEXT, INK, RULE

SERIES = (("減価償却前経常利益", INK), ("純資産", colors.white))
LEGEND_SIZE, VALUE_SIZE, LABEL_SIZE = 7.5, 6.5, 7.5


class DbopNetAssetsChart(Flowable):
    """Grouped bars per period, oldest on the left; an unknown value is written 「未入力」."""

    def __init__(self, periods: list[PeriodIndicators], width: float, height: float = 56 * mm) -> None:
        super().__init__()
        self.periods = list(reversed(periods))
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        values = [(p.dbop, p.net_assets) for p in self.periods]
        known = [v for pair in values for v in pair if v is not None]
        top, bottom = max([0, *known]), min([0, *known])
        span = (top - bottom) or 1
        legend_h, label_h, value_h = 7 * mm, 5.5 * mm, 4 * mm
        plot_bottom = label_h + value_h
        plot_h = self.height - legend_h - plot_bottom - value_h
        zero_y = plot_bottom + plot_h * (0 - bottom) / span
        self._legend(self.height - 3.5 * mm)
        group_w = self.width / max(len(self.periods), 1)
        bar_w = min(group_w * 0.28, 22 * mm)
        canvas.setLineWidth(0.8)
        canvas.setStrokeColor(INK)
        for index, (period, pair) in enumerate(zip(self.periods, values, strict=True)):
            centre = group_w * (index + 0.5)
            for offset, value, (_, fill) in zip((-0.55, 0.55), pair, SERIES, strict=True):
                middle = centre + offset * bar_w
                if value is None:
                    self._text("未入力", middle, zero_y + 1.5 * mm, VALUE_SIZE, GREY_TEXT)
                    continue
                y = plot_bottom + plot_h * (value - bottom) / span
                low, high = sorted((zero_y, y))
                canvas.setFillColor(fill)
                canvas.rect(middle - bar_w / 2, low, bar_w, max(high - low, 0.3), stroke=1, fill=1)
                label_y = high + 1.2 * mm if value >= 0 else low - 3.2 * mm
                self._text(format_yen(value, Unit.THOUSAND, suffix=False), middle, label_y, VALUE_SIZE, INK)
            self._text(fiscal_period(period.fiscal_year_end), centre, 1 * mm, LABEL_SIZE, INK)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(0, zero_y, self.width, zero_y)
        canvas.setFillColor(GREY_TEXT)
        canvas.setFont(GOTHIC, VALUE_SIZE)
        canvas.drawString(0, self.height - 3.5 * mm, "（単位：千円）")

    def _text(self, value: str, centre: float, y: float, size: float, colour: colors.Color) -> None:
        self.canv.setFillColor(colour)
        self.canv.setFont(GOTHIC, size)
        self.canv.drawCentredString(centre, y, value)

    def _legend(self, y: float) -> None:
        canvas = self.canv
        x = self.width - sum(stringWidth(name, GOTHIC, LEGEND_SIZE) + 9 * mm for name, _ in SERIES)
        canvas.setLineWidth(0.8)
        canvas.setStrokeColor(INK)
        for name, fill in SERIES:
            canvas.setFillColor(fill)
            canvas.rect(x, y - 0.5 * mm, 3.2 * mm, 3.2 * mm, stroke=1, fill=1)
            canvas.setFillColor(INK)
            canvas.setFont(GOTHIC, LEGEND_SIZE)
            canvas.drawString(x + 4.5 * mm, y, name)
            x += stringWidth(name, GOTHIC, LEGEND_SIZE) + 9 * mm
