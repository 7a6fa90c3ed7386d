"""The rules engine: indicators, checksheet, the eleven routes, fees and their reports."""
