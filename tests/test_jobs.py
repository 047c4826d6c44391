"""`--jobs N` lints organizations in N processes; the report is byte-for-byte the serial one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from exchange_lint.config import discover
from exchange_lint.decide import Policy
from exchange_lint.files import select_files
from exchange_lint.parallel import lint_in_processes
from exchange_lint.rules.registry import load_rules
from tests.conftest import DATA, REPO, RunCli


def _tree(folder: Path) -> Path:
    """34 files: each scenario as its own organization, the examples, a multi-file organization,
    and broken files."""
    (folder / "scenarios").mkdir()
    for path in sorted((DATA / "scenarios").glob("*.yaml")):
        text = path.read_text(encoding="utf-8").replace("organization: Contoso", f"organization: {path.stem}", 1)
        (folder / "scenarios" / path.name).write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "examples", folder / "examples")
    shutil.copytree(DATA / "multi", folder / "multi")
    shutil.copytree(DATA / "broken", folder / "broken")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_parallel_linting_gives_the_same_report(fmt: str, run_cli: RunCli, tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    serial = run_cli(["check", ".", "--format", fmt, "--jobs", "1"], cwd=folder)
    two = run_cli(["check", ".", "--format", fmt, "--jobs", "2"], cwd=folder)
    three = run_cli(["check", ".", "--format", fmt, "-j", "3"], cwd=folder)
    default = run_cli(["check", ".", "--format", fmt], cwd=folder)
    assert serial.out.count("EXL") > 30  # a real mix of findings over many files
    assert two == serial and three == serial and default == serial


def _in_processes(folder: Path, monkeypatch: pytest.MonkeyPatch, jobs: int):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(folder)
    config = discover(folder)
    files = select_files(["."], config)
    return lint_in_processes(files, config, load_rules(), Policy.from_options(config, (), ()).enabled, folder, jobs)


def test_organizations_really_go_to_several_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _in_processes(_tree(tmp_path), monkeypatch, 2)
    assert result is not None and len(result.organizations) > 20


def test_a_wrong_guess_falls_back_to_the_serial_run(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _tree(tmp_path)
    # JSON has no `organization:` line to scan: this file joins s05-bad's organization unseen.
    twin = {"version": 1, "organization": "s05-bad", "connectors": [{"name": "Twin", "kind": "notes"}]}
    (folder / "twin.json").write_text(json.dumps(twin), encoding="utf-8")
    # One process per guessed organization, so the twin is surely split from its organization.
    assert _in_processes(folder, monkeypatch, 64) is None
    serial = run_cli(["check", ".", "--format", "json", "-j", "1"], cwd=folder)
    parallel = run_cli(["check", ".", "--format", "json", "-j", "2"], cwd=folder)
    assert parallel == serial and "twin.json" in serial.out


def test_jobs_must_be_a_count(run_cli: RunCli, tmp_path: Path) -> None:
    for value in ("-1", "many"):
        result = run_cli(["check", "--jobs", value], cwd=tmp_path)
        assert result.code == 2 and "--jobs" in result.err and "Traceback" not in result.err
