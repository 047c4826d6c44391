"""Shared helpers: run the real CLI on real files in a throwaway folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest

from exchange_lint.cli import main

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]


class Run(NamedTuple):
    code: int
    out: str
    err: str


RunCli = Callable[..., Run]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> RunCli:
    """`main(args)` with the working directory at `cwd` (default: an empty temp folder)."""

    def run(args: Sequence[str], cwd: Path | None = None) -> Run:
        monkeypatch.chdir(cwd or tmp_path)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def workdir(tmp_path: Path) -> Callable[..., Path]:
    """Copy files or folders from tests/data into a fresh folder, keeping their names."""

    def copy(*names: str) -> Path:
        for name in names:
            source = DATA / name
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy(source, target)
        return tmp_path

    return copy


def line_col(path: Path, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th `needle` in a file, to assert positions honestly."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        column = line.find(needle)
        if column >= 0:
            seen += 1
            if seen == occurrence:
                return number, column + 1
    raise AssertionError(f"{needle!r} not found {occurrence} time(s) in {path}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No test of this project may skip (a missing tool is a failure, not a pass): fail the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped and exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: every test must run here", red=True)
        session.exitstatus = 1
