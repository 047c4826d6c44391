"""Every hostile input class, in a real child process under a 1 GiB address-space limit and a
hang guard: exit 0 or 1 with findings, never a traceback, a hang or a memory blow-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_load import HOSTILE

resource = pytest.importorskip("resource", reason="address-space limits need a POSIX system")

ONE_GIB = 1 << 30
HANG_GUARD_SECONDS = 120  # a guard against hangs, not a speed test (bench/ measures speed)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ONE_GIB, ONE_GIB))


def _run(folder: Path, name: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exchange_lint", "check", "--format", "json", name],
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
