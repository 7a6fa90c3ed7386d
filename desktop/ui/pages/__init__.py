"""The wizard pages, one module per page of SPEC §2."""
