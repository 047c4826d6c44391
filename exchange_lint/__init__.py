"""exchange-lint: a linter for Microsoft Exchange message-routing connector definitions."""

__version__ = "0.1.0"
