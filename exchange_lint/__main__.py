"""`python -m exchange_lint` is the same as `exchange-lint`."""

from exchange_lint.cli import run

if __name__ == "__main__":
    run()
