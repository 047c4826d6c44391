"""Several files, one organization: merging, cross-file findings, subsets as pre-commit passes them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import RunCli, line_col


def _findings(out: str) -> list[tuple[str, str, int]]:
    return [(f["rule"], f["path"], f["region"]["start_line"]) for f in json.loads(out)]


def test_files_of_one_organization_merge(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("multi")
    result = run_cli(["--format", "json", "multi"], cwd=root)
    hq_line, _ = line_col(root / "multi/hq.yaml", "name: Internet Mail Service (HQ1)")
    br_name_line, _ = line_col(root / "multi/branch.yaml", "name: Internet Mail Service (HQ1)")
    br_line, _ = line_col(root / "multi/branch.yaml", "server: BR2")
    # HQ1/HQ2 come from sites.yaml: no unknown-server there; BR2 is unknown; the IMS name is used twice.
    # The cross-file duplicate sits in the first involved file in path order (DESIGN §6), the other related.
    assert _findings(result.out) == [
        ("EXL303", "multi/branch.yaml", br_name_line),
        ("EXL301", "multi/branch.yaml", br_line),
    ]
    duplicate = json.loads(result.out)[0]
    assert [(r["path"], r["region"]["start_line"]) for r in duplicate["related"]] == [("multi/hq.yaml", hq_line)]
    assert "used by 2 connectors" in duplicate["message"]


def test_non_connector_yaml_is_skipped_and_listed_with_verbose(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("multi")
    result = run_cli(["--verbose", "multi/workflow.yaml"], cwd=root)
    assert result.code == 0
    assert "skipped multi/workflow.yaml: not a connector file" in result.err


def test_subset_sees_the_whole_organization_from_include(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("multi")
    (root / ".exchange-lint.yaml").write_text('include: ["multi/*.yaml"]\nexclude: ["multi/workflow.yaml"]\n')
    # Only hq.yaml is passed (as pre-commit does): sites still come from sites.yaml, and the duplicate
    # connector in branch.yaml is reported at hq.yaml, the one reported file involved.
    result = run_cli(["--format", "json", "multi/hq.yaml"], cwd=root)
    assert [(rule, path) for rule, path, _ in _findings(result.out)] == [("EXL303", "multi/hq.yaml")]
    # The excluded workflow is ignored even when named, so the hook answers the same either way.
    assert run_cli(["multi/workflow.yaml"], cwd=root).code == 0
    assert run_cli(["--format", "json", "multi/branch.yaml"], cwd=root).code == 1


def test_without_include_only_the_named_files_form_the_organization(
    run_cli: RunCli, workdir: Callable[..., Path]
) -> None:
    root = workdir("multi")
    result = run_cli(["--format", "json", "multi/hq.yaml"], cwd=root)
    # Without sites.yaml, servers HQ1/HQ2 and site BRANCH are unknown.
    assert {rule for rule, _, _ in _findings(result.out)} == {"EXL301", "EXL302"}


def test_include_is_strict_and_pyproject_config_is_found_upward(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("multi")
    (root / "pyproject.toml").write_text('[tool.exchange-lint]\ninclude = ["multi/workflow.yaml"]\n')
    sub = root / "multi"
    result = run_cli(["--format", "json"], cwd=sub)
    # Strict: the workflow is taken as a connector file, and fails the schema.
    assert result.code == 1
    assert {f["rule"] for f in json.loads(result.out)} == {"EXL002"}


def test_per_file_ignores_and_severity_override(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("multi")
    (root / ".exchange-lint.yaml").write_text(
        "per-file-ignores:\n  multi/branch.yaml: [EXL301]\nseverity:\n  EXL303: note\n"
    )
    result = run_cli(["multi"], cwd=root)
    assert "EXL301" not in result.out
    assert "EXL303 [note]" in result.out
    assert result.code == 0  # notes alone do not fail (fail level: warning)


def test_bad_config_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / ".exchange-lint.yaml").write_text("colour: red\n")
    result = run_cli([])
    assert result.code == 2 and "unknown setting(s) colour" in result.err


def test_different_organizations_stay_apart_and_json_files_join_their_organization(
    run_cli: RunCli, tmp_path: Path
) -> None:
    ims = '{"name": "IMS", "kind": "internet_mail", "server": "S1", "address_spaces": ["SMTP:*;1"]}'
    (tmp_path / "a.yaml").write_text(
        f"version: 1\norganization: A\nsites: [{{name: S, servers: [S1]}}]\nconnectors: [{ims}]\n"
    )
    (tmp_path / "b.json").write_text(f'{{"version": 1, "organization": "B", "connectors": [{ims}]}}')
    (tmp_path / "c.json").write_text(f'{{"version": 1, "organization": "A", "connectors": [{ims}]}}')
    found = _findings(run_cli(["--format", "json"]).out)
    # A's two IMS (a.yaml and c.json) collide, B's does not; B's IMS is on a server B does not declare.
    assert [(rule, path) for rule, path, _ in found] == [("EXL303", "a.yaml"), ("EXL301", "b.json")]


def test_in_a_git_repository_named_files_see_the_whole_organization(
    run_cli: RunCli, workdir: Callable[..., Path]
) -> None:
    """What pre-commit does at commit time without an `include`: pass only the changed file."""
    root = workdir("multi")
    (root / ".git").mkdir()
    result = run_cli(["--format", "json", "multi/hq.yaml"], cwd=root)
    found = json.loads(result.out)
    assert [(f["rule"], f["path"]) for f in found] == [("EXL303", "multi/hq.yaml")]  # no false EXL301/302
    assert found[0]["related"][0]["path"] == "multi/branch.yaml"
    whole = json.loads(run_cli(["--format", "json", "multi"], cwd=root).out)
    assert found[0]["message"] == next(f["message"] for f in whole if f["rule"] == "EXL303")
    assert "multi/workflow.yaml" not in run_cli(["--verbose", "multi/hq.yaml"], cwd=root).err


def test_the_config_file_is_never_linted_as_a_connector_file(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("multi")
    (root / ".exchange-lint.yaml").write_text('include: ["*.yaml"]\nexclude: ["workflow.yaml"]\n')
    result = run_cli(["--format", "json"], cwd=root)
    assert ".exchange-lint.yaml" not in result.out
    assert {f["path"] for f in json.loads(result.out)} == {"multi/branch.yaml"}
