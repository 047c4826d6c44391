"""`--output` and `--write-baseline` replace their file whole, and never write through a link a
pull request planted (CI writes its report inside the checked-out tree)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, RunCli

WRITERS = {
    "output": ["--format", "sarif", "--output"],
    "baseline": ["--write-baseline"],
}


def _example(tmp_path: Path) -> str:
    (tmp_path / "bad.yaml").write_bytes((REPO / "examples" / "q169117-msmail-smtp.yaml").read_bytes())
    return "bad.yaml"


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_planted_symbolic_link_is_refused_not_written_through(writer: str, run_cli: RunCli, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / "report").symlink_to(victim)
    result = run_cli([*WRITERS[writer], "report", _example(tmp_path)])
    assert result.code == 2 and "report is a symbolic link; not written through it" in result.err
    assert victim.read_text(encoding="utf-8") == "precious\n" and (tmp_path / "report").is_symlink()


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_the_file_is_replaced_whole_not_rewritten_in_place(writer: str, run_cli: RunCli, tmp_path: Path) -> None:
    """A second name for the old file (a hard link) still sees the old content: the new one was
    written aside and renamed over it, so no reader ever saw half of it. Its permissions stay."""
    report = tmp_path / "report"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o640)
    os.link(report, tmp_path / "old-name")
    # --no-cache: the folder holds only what the writer made (the cache's own files: tests/test_cache.py)
    result = run_cli(["--no-cache", *WRITERS[writer], "report", _example(tmp_path)])
    assert result.code in (0, 1), result.err
    assert report.read_text(encoding="utf-8").startswith("{") and stat.S_IMODE(report.stat().st_mode) == 0o640
    assert (tmp_path / "old-name").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "old-name", "report"]


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_failed_rename_leaves_no_temporary_file(writer: str, run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()  # renaming a file over a folder fails
    result = run_cli(["--no-cache", *WRITERS[writer], "report", _example(tmp_path)])
    assert result.code == 2 and result.err.endswith("report: Is a directory\n"), result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "report"]


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_new_file_gets_the_permissions_the_umask_gives(
    writer: str, umask: int, run_cli: RunCli, tmp_path: Path
) -> None:
    previous = os.umask(umask)
    try:
        result = run_cli([*WRITERS[writer], "report", _example(tmp_path)])
    finally:
        os.umask(previous)
    assert result.code in (0, 1), result.err
    assert stat.S_IMODE((tmp_path / "report").stat().st_mode) == 0o666 & ~umask


def test_a_device_is_written_in_place(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli([*WRITERS["output"], os.devnull, _example(tmp_path)])
    assert result.code == 1 and result.err == "" and stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_fifo_nobody_reads_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "report")  # opening it to write would wait for a reader for ever
    result = subprocess.run(
        [sys.executable, "-m", "exchange_lint", *WRITERS["output"], "report", _example(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (
        result.returncode == 2
        and result.stderr == "exchange-lint: error: cannot write report: No such device or address\n"
    )
