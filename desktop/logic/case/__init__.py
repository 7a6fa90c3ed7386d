"""The case: its model, file format, amounts and dates (imports nothing above it)."""
