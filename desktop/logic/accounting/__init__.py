"""Figures from accounting software exports (試算表・決算書 CSV, e-Tax 財務諸表 CSV), confirmed by the adviser before they enter the case."""
