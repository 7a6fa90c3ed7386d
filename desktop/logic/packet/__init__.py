"""The negotiation packet PDF, built from an assessment."""
