"""File, site, server, connector and organization names are data anyone can put in a pull request:
through every output path they are shown, never obeyed (a workflow command, a terminal escape,
the end of a Markdown fence)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, RunCli

HOSTILE = "\n::warning::forged\x1b[31m\n```\n"
SHOWN = "\\n::warning::forged\\x1b[31m\\n```\\n"  # the same name, escaped
YAML_HOSTILE = "\\n::warning::forged\\e[31m\\n```\\n"  # as a YAML double-quoted string writes it


def _inert(text: str, fences: int = 0) -> None:
    """Nothing in `text` acts: no escape reaches the terminal, no line starts a workflow command
    but our own annotations, and only our own fences open or close a code block."""
    assert "\x1b" not in text
    lines = text.split("\n")
    assert [
        line for line in lines if line.startswith("::") and not re.match(r"::(error|warning|notice) file=", line)
    ] == []
    assert sum(line.lstrip(" ").startswith("```") for line in lines) == fences


def _organization(folder: Path) -> Path:
    """The Q169117 example with every name hostile."""
    text = (REPO / "examples" / "q169117-msmail-smtp.yaml").read_text(encoding="utf-8")
    text = text.replace("organization: Contoso", f'organization: "Contoso{YAML_HOSTILE}"')
    text = text.replace("TRADE", f"TRADE{YAML_HOSTILE}")
    text = re.sub(r"(name|server|from|expect): ([^\n\"]*" + re.escape(YAML_HOSTILE) + r"[^\n]*)", r'\1: "\2"', text)
    text = text.replace("servers: [TRADE", 'servers: ["TRADE').replace(f"{YAML_HOSTILE}]", f'{YAML_HOSTILE}"]')
    path = folder / "org.yaml"
    path.write_text(text, encoding="utf-8")
    return path


OUTPUTS = {  # what is run on the hostile organization: (arguments, stream, exit code, fences)
    "route": (["route", f"TRADE{HOSTILE}", "SMTP:ann@example.com", "org.yaml"], "out", 0, 0),
    "route, unknown origin": (["route", "nowhere", "SMTP:ann@example.com", "org.yaml"], "err", 2, 0),
    "gwart": (["gwart", "org.yaml"], "out", 0, 0),
    "graph": (["graph", "org.yaml"], "out", 0, 0),
    "graph, markdown": (["graph", "--format", "markdown", "org.yaml"], "out", 0, 2),
    "graph, dot": (["graph", "--format", "dot", "org.yaml"], "out", 0, 0),
    "check, text": (["check", "org.yaml"], "out", 1, 0),
    "check, github": (["check", "--format", "github", "org.yaml"], "out", 1, 0),
}


@pytest.mark.parametrize("output", OUTPUTS)
def test_names_in_organizations_are_shown_not_obeyed(output: str, run_cli: RunCli, tmp_path: Path) -> None:
    _organization(tmp_path)
    args, stream, code, fences = OUTPUTS[output]
    result = run_cli(args, cwd=tmp_path)
    assert result.code == code
    _inert(getattr(result, stream), fences)
    if output == "graph, markdown":
        assert result.out.startswith("```mermaid\n") and result.out.endswith("\n```\n")


CHECKS = {
    "--verbose": (["check", "--verbose"], "skipped", "err", "skipped skipped\\n::warning::"),
    "text": (["check"], "fix", "out", f"fix{SHOWN}.yaml:"),
    "github": (["check", "--format", "github"], "fix", "out", "::error file=fix\\n%3A%3Awarning"),
    "--diff": (["check", "--diff"], "fix", "out", f"--- a/fix{SHOWN}.yaml\n+++ b/fix{SHOWN}.yaml\n"),
    "--fix, fixed": (["check", "--fix"], "fix", "err", f"fixed 2 finding(s) in fix{SHOWN}.yaml"),
    "--fix, not fixed": (["check", "--fix"], "stuck", "err", f"stuck{SHOWN}.yaml: not fixed, the file is read-only"),
}


@pytest.mark.parametrize("check", CHECKS)
def test_file_names_in_check_output_are_shown_not_obeyed(check: str, run_cli: RunCli, tmp_path: Path) -> None:
    args, kind, stream, expected = CHECKS[check]
    path = tmp_path / f"{kind}{HOSTILE}.yaml"
    if kind == "skipped":
        path.write_text("a: 1\n", encoding="utf-8")
    else:
        shutil.copy(DATA / "fix" / "att.yaml", path)
    if kind == "stuck":
        os.chmod(path, 0o444)
    output = getattr(run_cli([*args, path.name], cwd=tmp_path), stream)
    _inert(output)
    assert expected in output


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_ordinary_names_print_exactly_as_before(fmt: str, run_cli: RunCli, tmp_path: Path) -> None:
    """Names with spaces, colons, commas, percent signs, tabs and accents are ordinary: unchanged."""
    name = "odd dir/Zürich: 100%, a\tb.yaml"
    (tmp_path / "odd dir").mkdir()
    shutil.copy(REPO / "examples" / "q169117-msmail-smtp.yaml", tmp_path / name)
    result = run_cli(["check", "--format", fmt, name], cwd=tmp_path)
    if fmt == "text":
        assert f"\n{name}:" in f"\n{result.out}"
    else:
        assert "file=odd dir/Zürich%3A 100%25%2C a\tb.yaml," in result.out
