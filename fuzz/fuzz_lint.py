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
import online_documents  # beside this file, like fuzz_commands; not instrumented: they only build the inputs
import se_documents
from fuzz_commands import COMMANDS, FROM, ONLINE, RAW_ROUTES, STRUCTURED, TO

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
BESIDE = WORK / "onprem.yaml"  # the on-premises side of a hybrid input; gone for every other input
# No input may take longer. libFuzzer's own `-timeout` cannot be relied on here: each rule's time
# budget (`exchange_lint.budget`) takes SIGALRM, and with it libFuzzer's timer.
SLOW_SECONDS = 10.0


def prepare(data: bytes) -> list[str]:
    """Write the input's files and return the command line to run on them (the first byte picks
    both). The commands name `org.yaml`; a hybrid input's other side is read as its context."""
    selector = data[0] if data else 0
    BESIDE.unlink(missing_ok=True)
    if selector & STRUCTURED and selector & ONLINE:
        template = COMMANDS[(selector & (ONLINE - 1)) % len(COMMANDS)]
        files, origin, recipient = online_documents.structured(data[1:])
        for name, text in files.items():
            (WORK / name).write_text(text, encoding="utf-8")
    elif selector & STRUCTURED:
        template = COMMANDS[(selector & (ONLINE - 1)) % len(COMMANDS)]
        text, origin, recipient = se_documents.structured(data[1:])
        TARGET.write_text(text, encoding="utf-8")
    else:
        template = COMMANDS[selector % len(COMMANDS)]
        TARGET.write_bytes(data[1:])
        origin, recipient = RAW_ROUTES[selector // len(COMMANDS) % len(RAW_ROUTES)]
    return [origin if part == FROM else recipient if part == TO else part for part in template]


def test_one_input(data: bytes) -> None:
    command = prepare(data)
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
