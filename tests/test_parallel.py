"""`--jobs` in a real child process: a dead worker, a signal or an unreadable file ends the run
with a clear result, under a wall-clock guard (the bug was a run that never ended) and the 1 GiB
address-space limit of the other hostile-input tests (the workers inherit it)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exchange_lint.parallel import organization_guess
from tests.conftest import REPO
from tests.test_hostile_limits import _limit_memory
from tests.test_plugins import _install_fake_distribution

HANG_GUARD_SECONDS = 60  # a guard against hangs, not a speed test
FILES = 40  # past engine.MIN_PARALLEL_FILES, so the run really forks workers

# A rule that misbehaves on one organization only, as a crashing extension module or the kernel's
# OOM killer would: the other organizations lint normally in their own workers.
PLUGIN = """
import os
import re
import signal
import time
from pathlib import Path

from exchange_lint.findings import Severity
from exchange_lint.rules import Rule, RuleDoc


def misbehave(organization):
    if organization.name == "doomed":
        os.kill(os.getpid(), signal.SIGKILL)
    if organization.name == "sleepy":
        Path(os.environ["MARKER"]).write_text(str(os.getpid()))
        time.sleep(600)
    return iter(())


DOC = RuleDoc(what="w", why="y", example="", use_instead="")
RULE = Rule(id="ACME777", name="misbehaves", severity=Severity.ERROR, summary="s", doc=DOC, check=misbehave)
"""


def _tree(folder: Path, special: str | None = None) -> Path:
    """FILES one-file organizations; one of them named `special`."""
    folder.mkdir(exist_ok=True)
    example = (REPO / "examples" / "q169117-fixed.yaml").read_text(encoding="utf-8")
    for number in range(FILES):
        name = special if special is not None and number == 7 else f"org{number:02}"
        text = example.replace("organization: Contoso Fixed", f"organization: {name}")
        (folder / f"org{number:02}.yaml").write_text(text, encoding="utf-8")
    (folder / ".exchange-lint.yaml").write_text("rule-time-budget: 3600\n", encoding="utf-8")
    return folder


def _start(folder: Path, site: Path | None, *args: str) -> subprocess.Popen[str]:
    """The real CLI in its own process group, as a shell or CI runner starts it."""
    paths = [str(site)] if site is not None else []
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([*paths, str(REPO)]),
        "MARKER": str(folder.parent / "marker"),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "exchange_lint", "check", "--jobs", "2", *args, "."],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_limit_memory,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Its exit code and output; a hang kills the whole group and fails the test."""
    try:
        out, err = process.communicate(timeout=HANG_GUARD_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        pytest.fail(f"the run hung for {HANG_GUARD_SECONDS} s; stderr: {err[-2000:]}")
    return process.returncode, out, err


def _alive(pid: int) -> bool:
    """Whether the process still runs (a zombie has ended: only its exit status is left)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return True
    return fields[0] != "Z"


def _wait_for_worker(marker: Path, process: subprocess.Popen[str]) -> int:
    """The pid of the worker that reached the sleeping rule."""
    deadline = time.monotonic() + HANG_GUARD_SECONDS
    while not marker.exists() or not marker.read_text():
        if time.monotonic() > deadline or process.poll() is not None:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"no worker reached the sleeping rule; stderr: {process.communicate()[1][-2000:]}")
        time.sleep(0.05)
    return int(marker.read_text())


def _gone_soon(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def test_a_fifo_among_many_files_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    folder = _tree(tmp_path / "tree")
    os.mkfifo(folder / "pipe.yaml")  # opening it to read blocks until someone writes

    code, out, err = _finish(_start(folder, None, "--format", "json"))

    assert code == 1 and "Traceback" not in err, err
    assert '"path": "pipe.yaml"' in out and "not a regular file" in out


def test_organization_guess_never_opens_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    code = f"import pathlib, exchange_lint.parallel as p; print(p.organization_guess(pathlib.Path({str(fifo)!r})))"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == f"file:{fifo}"
    assert organization_guess(tmp_path / "missing.yaml") == f"file:{tmp_path / 'missing.yaml'}"


def test_a_dead_worker_ends_the_run_with_a_clear_error(tmp_path: Path) -> None:
    site = _install_fake_distribution(tmp_path, "acme = acme_rules:RULE\n", PLUGIN)
    folder = _tree(tmp_path / "tree", special="doomed")

    code, out, err = _finish(_start(folder, site, "--format", "json"))

    assert code == 2 and out == "" and "Traceback" not in err
    assert re.fullmatch(
        r"exchange-lint: error: a worker process ended without its result \(killed by SIGKILL\) while linting "
        r"org\d\d\.yaml and \d+ other file\(s\); nothing was reported "
        r"\(out of memory\? --jobs 1 lints in one process\)\n",
        err,
    ), err


@pytest.mark.parametrize(
    ("how", "code", "said"),
    [("ctrl-c", 130, "exchange-lint: interrupted"), ("sigterm", 143, "exchange-lint: terminated")],
)
def test_a_signal_stops_every_worker_and_ends_the_run(how: str, code: int, said: str, tmp_path: Path) -> None:
    site = _install_fake_distribution(tmp_path, "acme = acme_rules:RULE\n", PLUGIN)
    folder = _tree(tmp_path / "tree", special="sleepy")
    process = _start(folder, site)
    worker = _wait_for_worker(tmp_path / "marker", process)
    try:
        if how == "ctrl-c":
            os.killpg(process.pid, signal.SIGINT)  # a terminal sends Ctrl-C to the whole foreground group
        else:
            process.send_signal(signal.SIGTERM)  # a CI runner cancelling the job stops the main process

        returned, out, err = _finish(process)

        assert (returned, err) == (code, f"{said}\n")
        assert out == ""
        assert _gone_soon(worker), "the sleeping worker outlived the run"
    finally:
        if _alive(worker):
            os.kill(worker, signal.SIGKILL)
