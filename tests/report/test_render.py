"""`render`: the one entry point the CLI calls, and what it costs at start-up."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from exchange_lint.report import FORMATS, printable, render
from tests.conftest import REPO
from tests.report.conftest import FINDINGS, RULES


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_whole_lines(fmt: str) -> None:
    out = render(fmt, FINDINGS, RULES, tool_version="0.1.0")
    assert out and out.endswith("\n")


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render("xml", FINDINGS, RULES, tool_version="0.1.0")


def test_text_output_imports_neither_json_nor_the_sarif_builder() -> None:
    script = (
        "import sys\n"
        "from exchange_lint.report import render\n"
        "from tests.report.conftest import FINDINGS, RULES\n"
        "render('text', FINDINGS, RULES, tool_version='0')\n"
        "print(sorted(m for m in sys.modules if m == 'json' or m.startswith('exchange_lint.report.')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['exchange_lint.report.text']"


@pytest.mark.parametrize(
    ("text", "keep", "shown"),
    [
        ("Internet Mail Service (TRADE) Zürich\t100%", "", "Internet Mail Service (TRADE) Zürich\t100%"),
        ("a\n::warning::b\x1b[31m\r\x85\u202e", "", "a\\n::warning::b\\x1b[31m\\r\\x85\\u202e"),
        ("line\u2028separator\u2029paragraph", "", "line\\u2028separator\\u2029paragraph"),
        ("kept\r\nbreaks\x07", "\r\n", "kept\r\nbreaks\\x07"),
    ],
)
def test_printable_shows_control_characters_as_escapes(text: str, keep: str, shown: str) -> None:
    assert printable(text, keep) == shown
    assert printable(shown, keep) == shown  # escaping twice changes nothing: every path may pass a name through
