"""`python -m exchange_lint` is the same as `exchange-lint`."""

import os
import sys


def _forget_working_directory() -> None:
    """`python -m` puts the working directory first on sys.path, and here that is the tree being
    linted: a `json.py` or `tomllib.py` in it would be imported, and run, instead of the standard
    library's. What Python imported before this package (runpy and its few helpers) it has looked
    for there already; `python -P -m exchange_lint` and the `exchange-lint` script never do."""
    if getattr(sys.flags, "safe_path", False) or not sys.path:
        return
    if os.path.abspath(sys.path[0] or os.curdir) == os.getcwd():
        del sys.path[0]


if __name__ == "__main__":
    _forget_working_directory()
    from exchange_lint.cli import run

    run()
