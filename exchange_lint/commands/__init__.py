"""One module per CLI command; each takes explicit parameters and returns an exit code."""
