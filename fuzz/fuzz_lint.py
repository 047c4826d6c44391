"""Coverage-guided fuzzing of the whole CLI (atheris / libFuzzer): any input file, every command.

A crash is an exception escaping, or the CLI's own last-resort "internal error" message (which
`main` prints instead of a traceback, so it must be turned back into a failure here). Run it as
the README in this folder says.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import importlib
    import pkgutil

    import exchange_lint
    from exchange_lint.cli import main

    # The CLI imports most modules lazily; import them all here so all of them are instrumented.
    for module in pkgutil.walk_packages(exchange_lint.__path__, "exchange_lint."):
        importlib.import_module(module.name)

WORK = Path(tempfile.mkdtemp(prefix="exchange-lint-fuzz-"))
TARGET = WORK / "org.yaml"
COMMANDS = (
    ["--format", "json", "org.yaml"],
    ["--format", "sarif", "-o", os.devnull, "org.yaml"],
    ["--format", "github", "org.yaml"],
    ["--format", "text", "--color", "always", "org.yaml"],
    ["route", "TRADE", "SMTP:user1@domain1.com", "org.yaml", "--format", "json"],
    ["gwart", "org.yaml", "--format", "json"],
    ["graph", "org.yaml", "--format", "dot"],
    ["check", "--diff", "org.yaml"],
    ["check", "--fix", "--format", "json", "org.yaml"],
)


# No input may take longer. libFuzzer's own `-timeout` cannot be relied on here: each rule's time
# budget (`exchange_lint.budget`) takes SIGALRM, and with it libFuzzer's timer.
SLOW_SECONDS = 10.0


def test_one_input(data: bytes) -> None:
    command = COMMANDS[data[0] % len(COMMANDS)] if data else COMMANDS[0]
    TARGET.write_bytes(data[1:])
    err = io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(command)
    took = time.monotonic() - started
    if "internal error" in err.getvalue() or code not in (0, 1, 2):
        raise RuntimeError(f"exchange-lint {' '.join(command)} -> {code}: {err.getvalue()}")
    if took > SLOW_SECONDS:
        raise RuntimeError(f"exchange-lint {' '.join(command)} took {took:.1f} s, over {SLOW_SECONDS:g} s")


if __name__ == "__main__":
    os.chdir(WORK)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
