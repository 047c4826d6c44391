"""Every hostile input class, in a real child process under a 1 GiB address-space limit and a
hang guard: exit 0 or 1 with findings (2 with a message for a configuration or a command that
cannot be used), never a traceback, a crash, a hang or a memory blow-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_load import HOSTILE, NESTING

resource = pytest.importorskip("resource", reason="address-space limits need a POSIX system")

ONE_GIB = 1 << 30
HANG_GUARD_SECONDS = 120  # a guard against hangs, not a speed test (bench/ measures speed)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ONE_GIB, ONE_GIB))


def _run(folder: Path, name: str) -> subprocess.CompletedProcess[str]:
    return _run_command(folder, ["check", "--format", "json", name])


def _run_command(folder: Path, arguments: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exchange_lint", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_in_bounded_time_and_memory(name: str, tmp_path: Path) -> None:
    (tmp_path / f"{name}.yaml").write_bytes(HOSTILE[name])
    result = _run(tmp_path, f"{name}.yaml")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_a_file_over_the_default_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:  # sparse: 100 MB that cost no disk
        stream.write(b"version: 1\norganization: C\n")
        stream.truncate(100 * 1024 * 1024)
    result = _run(tmp_path, "huge.yaml")
    findings = json.loads(result.stdout)
    assert result.returncode == 1
    assert [f["rule"] for f in findings] == ["EXL001"] and "10,485,760-byte limit" in findings[0]["message"]


def test_the_memory_limit_is_real() -> None:
    """Control: the same limit stops a child that asks for 2 GiB, so the tests above can fail."""
    result = subprocess.run(
        [sys.executable, "-c", "bytearray(2 << 30)"],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert result.returncode != 0 and "MemoryError" in result.stderr


DEEP_LEVELS = 40_000  # 80 KB on one line; ruamel's C composer overflowed its stack near 30,000


# (Indentation alone cannot nest that deep within the 10 MB file limit: 4,500 levels take 10 MB.)
@pytest.mark.parametrize("shape", sorted(set(NESTING) - {"indented-block-mappings"}))
def test_nesting_that_overflowed_the_composer_is_a_finding(shape: str, tmp_path: Path) -> None:
    make, (line, column) = NESTING[shape]
    (tmp_path / "deep.yaml").write_bytes(make(DEEP_LEVELS))
    result = _run(tmp_path, "deep.yaml")
    assert result.returncode == 1, result.stderr  # was -11: a segmentation fault
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["region"]["start_line"], f["region"]["start_column"]) for f in findings] == [
        ("EXL001", line, column)
    ]
    assert "nested deeper than 64 levels" in findings[0]["message"]


DEEP_CONNECTOR_FILE = b"version: 1\norganization: C\nx-deep: " + b"[" * DEEP_LEVELS + b"]" * DEEP_LEVELS + b"\n"


@pytest.mark.parametrize(
    "arguments", [["route", "S1", "SMTP:ann@example.com"], ["gwart"], ["graph"]], ids=["route", "gwart", "graph"]
)
def test_model_commands_refuse_deep_nesting_with_its_place(arguments: list[str], tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_bytes(DEEP_CONNECTOR_FILE)
    result = _run_command(tmp_path, [*arguments, "deep.yaml"])
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "exchange-lint: error: deep.yaml:3:73: document is nested deeper than 64 levels; not read\n"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            ".exchange-lint.yaml",
            b"select: " + b"[" * DEEP_LEVELS + b"]" * DEEP_LEVELS + b"\n",
            "1:73: document is nested deeper than 64 levels",
        ),
        (
            "pyproject.toml",
            b"[tool.exchange-lint]\nselect = " + b"[" * DEEP_LEVELS + b"]" * DEEP_LEVELS + b"\n",
            "cannot read: nested too deeply",
        ),
    ],
)
def test_deep_nesting_in_the_configuration_is_a_configuration_error(
    name: str, text: bytes, message: str, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_bytes(text)
    (tmp_path / "c.yaml").write_text("version: 1\norganization: C\n", encoding="utf-8")
    result = _run_command(tmp_path, ["check", "c.yaml"])
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"exchange-lint: error: {tmp_path / name}") and message in result.stderr, (
        result.stderr
    )
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_globs_that_made_a_regular_expression_backtrack_for_ever(tmp_path: Path) -> None:
    """`*a*a*a*a*a*a*a*a*b` against a long name, thirty `**/` against a deep tree: each excluded
    nothing, after exponential time when globs were regular expressions."""
    here = tmp_path
    for _ in range(60):
        here = here / "d"
        here.mkdir()
    (here / ("a" * 200 + ".yaml")).write_text("version: 1\norganization: [\n", encoding="utf-8")
    excludes = ["*a*a*a*a*a*a*a*a*b", "**/" * 30 + "*.json"]
    (tmp_path / ".exchange-lint.yaml").write_text(f"exclude: {json.dumps(excludes)}\n", encoding="utf-8")
    result = _run_command(tmp_path, ["check", "--format", "json"])
    assert result.returncode == 1, result.stderr
    assert [(f["rule"], f["path"]) for f in json.loads(result.stdout)] == [("EXL001", "d/" * 60 + "a" * 200 + ".yaml")]


@pytest.mark.parametrize("source", ["configuration", "command line"])
@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_baseline_that_is_no_regular_file_is_not_read(source: str, kind: str, tmp_path: Path) -> None:
    """/dev/zero was read until the memory ran out; a FIFO waited for a writer for ever."""
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe")
    name = "/dev/zero" if kind == "device" else "pipe"
    (tmp_path / "c.yaml").write_text("version: 1\norganization: C\n", encoding="utf-8")
    arguments = ["check", "c.yaml"]
    if source == "configuration":
        (tmp_path / ".exchange-lint.yaml").write_text(f"baseline: {name}\n", encoding="utf-8")
    else:
        arguments += ["--baseline", name]
    result = _run_command(tmp_path, arguments)
    shown = name if source == "command line" or kind == "device" else str(tmp_path / name)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"exchange-lint: error: cannot read baseline {shown}: not a regular file (a FIFO, socket or device)\n"
    )


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        (
            "baseline.json",
            65 << 20,
            "cannot read baseline baseline.json: 68,157,440 bytes, over the 67,108,864-byte limit",
        ),
        ("pyproject.toml", 11 << 20, "pyproject.toml: cannot read: 11,534,336 bytes, over the 10,485,760-byte limit"),
    ],
)
def test_an_oversized_baseline_or_pyproject_is_not_read(name: str, size: int, message: str, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    with (tmp_path / name).open("wb") as stream:  # sparse: costs no disk
        stream.write(b'[tool.exchange-lint]\nbaseline = "baseline.json"\n')
        stream.truncate(size)
    (tmp_path / "c.yaml").write_text("version: 1\norganization: C\n", encoding="utf-8")
    result = _run_command(tmp_path, ["check", "c.yaml", "--baseline", "baseline.json"])
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("exchange-lint: error: ") and result.stderr.rstrip().endswith(message)
