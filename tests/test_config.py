"""Configuration values are held to the standard of command-line arguments: a typo is an error
(exit 2), never a green run that checked nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO, RunCli

# Each as TOML ([tool.exchange-lint] in pyproject.toml) and as YAML (.exchange-lint.yaml).
TYPOS = {
    "select-letter-o": ('select = ["EXL1O1"]', 'select: ["EXL1O1"]', "'select': no rule matches 'EXL1O1'"),
    "select-trailing-space": ('select = ["EXL101 "]', 'select: ["EXL101 "]', "'select': no rule matches 'EXL101 '"),
    "ignore-empty": ('ignore = [""]', 'ignore: [""]', "'ignore': no rule matches ''"),
    "ignore-unknown": ('ignore = ["EXL999"]', "ignore: [EXL999]", "'ignore': no rule matches 'EXL999'"),
    "per-file-ignores": (
        'per-file-ignores = {"q.yaml" = ["EXL1O1"]}',
        "per-file-ignores: {q.yaml: [EXL1O1]}",
        "'per-file-ignores' of 'q.yaml': no rule matches 'EXL1O1'",
    ),
    "severity-key": (
        'severity = {msmail-smtp-without-gateway = "note"}',
        "severity: {msmail-smtp-without-gateway: note}",
        "'severity': 'msmail-smtp-without-gateway' is not a rule ID",
    ),
    "profile-unknown": ('profile = ["stig"]', "profile: [stig]", "'profile': unknown profile(s) 'stig'"),
    "profile-not-a-list": ('profile = "cis"', "profile: cis", "'profile' must be a list of profile names"),
    "exclude-empty": ('exclude = [""]', 'exclude: [""]', "'exclude' has an empty pattern ''"),
    "include-root-only": ('include = ["./"]', 'include: ["./"]', "'include' has an empty pattern './'"),
    "include-matches-nothing": (
        'include = ["*.yaml", "sties/*.yaml"]',
        'include: ["*.yaml", "sties/*.yaml"]',
        "'include' pattern 'sties/*.yaml' matches no YAML/JSON file under",
    ),
}


def _project(tmp_path: Path, style: str, setting: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "q.yaml").write_bytes((REPO / "examples" / "q169117-msmail-smtp.yaml").read_bytes())
    if style == "toml":
        (tmp_path / "pyproject.toml").write_text(f"[tool.exchange-lint]\n{setting}\n", encoding="utf-8")
    else:
        (tmp_path / ".exchange-lint.yaml").write_text(f"{setting}\n", encoding="utf-8")


@pytest.mark.parametrize("named", [True, False], ids=["files-named", "project"])
@pytest.mark.parametrize("style", ["toml", "yaml"])
@pytest.mark.parametrize("typo", sorted(TYPOS))
def test_a_typo_in_the_configuration_is_an_error(
    typo: str, style: str, named: bool, run_cli: RunCli, tmp_path: Path
) -> None:
    toml, yaml, message = TYPOS[typo]
    _project(tmp_path, style, toml if style == "toml" else yaml)
    result = run_cli(["check", *(["q.yaml"] if named else [])])
    config = tmp_path / ("pyproject.toml" if style == "toml" else ".exchange-lint.yaml")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"exchange-lint: error: {config}: {message}"), result.err


def test_the_same_typo_on_the_command_line_was_already_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    _project(tmp_path, "yaml", "fail-level: warning")
    assert run_cli(["check", "--select", "EXL1O1", "q.yaml"]).code == 2


def test_an_include_that_matches_nothing_stops_the_model_commands_too(run_cli: RunCli, tmp_path: Path) -> None:
    _project(tmp_path, "yaml", TYPOS["include-matches-nothing"][1])
    result = run_cli(["gwart"])
    assert result.code == 2 and "'include' pattern 'sties/*.yaml' matches no YAML/JSON file" in result.err


@pytest.mark.parametrize(
    "setting",
    [
        "select: [EXL1, msmail-smtp-without-gateway, ALL]\nignore: [EXL2]",
        "per-file-ignores: {'other/*.yaml': [EXL1]}\nseverity: {EXL101: warning}",
        'include: ["*.yaml", "q.yaml"]\nexclude: [drafts/]',
    ],
)
def test_valid_values_still_select_what_they_name(setting: str, run_cli: RunCli, tmp_path: Path) -> None:
    """The negative control: IDs, prefixes, names and ALL; globs that match; per-file ignores
    elsewhere. The example's EXL101 is still reported."""
    _project(tmp_path, "yaml", setting)
    result = run_cli(["check", "--format", "json", "q.yaml"])
    assert result.code == 1, result.err
    assert "EXL101" in {finding["rule"] for finding in json.loads(result.out)}
