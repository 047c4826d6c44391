"""`--jobs N` parses in N processes; the report is byte-for-byte the one `--jobs 1` gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, RunCli


def _tree(folder: Path) -> Path:
    shutil.copytree(DATA / "scenarios", folder / "scenarios")
    shutil.copytree(REPO / "examples", folder / "examples")
    shutil.copytree(DATA / "broken", folder / "broken")
    return folder


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_parallel_parsing_gives_the_same_report(fmt: str, run_cli: RunCli, tmp_path: Path) -> None:
    folder = _tree(tmp_path)
    serial = run_cli(["check", ".", "--format", fmt], cwd=folder)
    parallel = run_cli(["check", ".", "--format", fmt, "--jobs", "2"], cwd=folder)
    every_cpu = run_cli(["check", ".", "--format", fmt, "-j", "0"], cwd=folder)
    assert serial.out.count("EXL") > 20  # a real mix of findings over many files
    assert parallel == serial and every_cpu == serial


def test_jobs_must_be_a_count(run_cli: RunCli, tmp_path: Path) -> None:
    for value in ("-1", "many"):
        result = run_cli(["check", "--jobs", value], cwd=tmp_path)
        assert result.code == 2 and "--jobs" in result.err and "Traceback" not in result.err
