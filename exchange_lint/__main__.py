"""`python -m exchange_lint` is the same as `exchange-lint`."""

from exchange_lint.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
