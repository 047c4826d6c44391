"""The real `pre-commit try-repo` runs the hook on a throwaway repository: bad file fails, fix passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, line_col

GIT_ENV = {
    "GIT_AUTHOR_NAME": "exchange-lint tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "exchange-lint tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}
WORKFLOW = "name: ci\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One hook environment for the module: building it is the slow part."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _env(home: Path, tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "HOME": str(tmp), "PRE_COMMIT_COLOR": "never"}


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _try_repo(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "exchange-lint", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_hook_fails_on_q169117_and_passes_once_fixed(pre_commit_home: Path, tmp_path: Path) -> None:
    assert shutil.which("git"), "git is needed for pre-commit"
    repo = tmp_path / "config-repo"
    repo.mkdir()
    env = _env(pre_commit_home, tmp_path)
    _git(repo, env, "init", "-q")
    bad = repo / "bad.yaml"
    shutil.copy(REPO / "examples" / "q169117-msmail-smtp.yaml", bad)
    shutil.copy(REPO / "examples" / "q169117-fixed.yaml", repo / "good.yaml")
    (repo / "workflow.yaml").write_text(WORKFLOW)
    _git(repo, env, "add", ".")

    line, column = line_col(bad, "- type: SMTP")
    finding = f"bad.yaml:{line}:{column + 2}: EXL101 [error]"
    result = _try_repo(repo, env, "--all-files")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert finding in output
    assert "good.yaml" not in output and "workflow.yaml" not in output

    only_bad = _try_repo(repo, env, "--files", "bad.yaml")
    assert only_bad.returncode == 1 and finding in only_bad.stdout + only_bad.stderr

    text = bad.read_text()
    fixed = text.replace('      - type: SMTP\n        address: "*"\n        cost: 1\n', "")
    assert fixed != text
    bad.write_text(fixed)
    _git(repo, env, "add", ".")
    passed = _try_repo(repo, env, "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "EXL" not in passed.stdout
