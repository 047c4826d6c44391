"""The real pre-commit runs the hook of `.pre-commit-hooks.yaml` on a throwaway config repository.

`pre-commit try-repo` installs this checkout (HEAD plus uncommitted changes to tracked files) into a
fresh hook environment from PyPI dependencies, exactly as a user's `pre-commit` would.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO, line_col

HOOK_ID = "exchange-lint"
BAD = "bad.yaml"
GOOD = "good.yaml"
WORKFLOW = ".github/workflows/ci.yml"
WORKFLOW_TEXT = """\
name: ci
on: [push]
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
"""
SMTP_ADDRESS_SPACE = '      - type: SMTP\n        address: "*"\n        cost: 1\n'


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str


@dataclass(frozen=True)
class ConfigRepo:
    """A git repository of connector files, with an environment that ignores the machine's git setup."""

    root: Path
    env: dict[str, str]

    def git(self, *args: str) -> None:
        subprocess.run(["git", *args], cwd=self.root, env=self.env, check=True, capture_output=True)

    def try_repo(self, *args: str, hook: str = HOOK_ID) -> Outcome:
        result = subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        return Outcome(result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="module")
def tool_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """PRE_COMMIT_HOME and pip cache shared by the module; a missing pre-commit fails, never skips.

    try-repo builds its hook environment in a temporary store whatever PRE_COMMIT_HOME says (~7 s per
    call); the shared pip cache is what is reused. Pointing PRE_COMMIT_HOME here keeps ~/.cache clean.
    """
    assert importlib.util.find_spec("pre_commit") is not None, "pre-commit is not installed: pip install -e '.[test]'"
    assert shutil.which("git") is not None, "git is needed to run pre-commit"
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def config_repo(tool_home: Path, tmp_path: Path) -> ConfigRepo:
    """bad.yaml (KB Q169117), good.yaml (its fix) and a CI workflow, all staged, nothing committed."""
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": "exchange-lint tests",
            "GIT_AUTHOR_EMAIL": "tests@example.invalid",
            "GIT_COMMITTER_NAME": "exchange-lint tests",
            "GIT_COMMITTER_EMAIL": "tests@example.invalid",
            "PRE_COMMIT_HOME": str(tool_home),
            "PRE_COMMIT_COLOR": "never",
            "PIP_CACHE_DIR": str(tool_home / "pip"),
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        }
    )
    repo = ConfigRepo(tmp_path / "config-repo", env)
    repo.root.mkdir()
    repo.git("init", "-q")
    shutil.copy(REPO / "examples" / "q169117-msmail-smtp.yaml", repo.root / BAD)
    shutil.copy(REPO / "examples" / "q169117-fixed.yaml", repo.root / GOOD)
    workflow = repo.root / WORKFLOW
    workflow.parent.mkdir(parents=True)
    workflow.write_text(WORKFLOW_TEXT, encoding="utf-8")
    repo.git("add", BAD, GOOD, WORKFLOW)
    return repo


def _exl101(repo: ConfigRepo) -> str:
    """The start of the finding line, at the `type` key of bad.yaml's SMTP address space entry."""
    line, column = line_col(repo.root / BAD, "- type: SMTP")
    return f"{BAD}:{line}:{column + 2}: EXL101 [error] "


def _assert_only_q169117(outcome: Outcome, finding: str) -> None:
    """bad.yaml's findings and nothing else: EXL101, the tie it causes (EXL103), its failing routing test (EXL106)."""
    assert outcome.code == 1, outcome.output
    lines = outcome.output.splitlines()
    assert sum(line.startswith(finding) for line in lines) == 1, outcome.output
    assert sorted(line.split(" ")[1] for line in lines if line.startswith(f"{BAD}:")) == ["EXL101", "EXL103", "EXL106"]
    assert "Found 3 problems (2 errors, 1 warning, 0 notes)." in lines, outcome.output
    assert GOOD not in outcome.output, outcome.output
    assert "ci.yml" not in outcome.output, outcome.output


def test_all_files_fails_on_q169117_and_passes_once_fixed(config_repo: ConfigRepo) -> None:
    finding = _exl101(config_repo)
    _assert_only_q169117(config_repo.try_repo("--all-files"), finding)

    bad = config_repo.root / BAD
    text = bad.read_text(encoding="utf-8")
    assert text.count(SMTP_ADDRESS_SPACE) == 1
    bad.write_text(text.replace(SMTP_ADDRESS_SPACE, ""), encoding="utf-8")
    config_repo.git("add", BAD)
    fixed = config_repo.try_repo("--all-files")
    assert fixed.code == 0, fixed.output
    assert "EXL" not in fixed.output, fixed.output


def test_commit_time_run_on_some_files_reports_the_same_finding(config_repo: ConfigRepo) -> None:
    finding = _exl101(config_repo)
    _assert_only_q169117(config_repo.try_repo("--files", BAD), finding)

    # What `git commit` runs: no file arguments, pre-commit passes the staged files only.
    config_repo.git("rm", "-q", "--cached", GOOD, WORKFLOW)
    _assert_only_q169117(config_repo.try_repo(), finding)


def test_fix_hook_removes_the_smtp_address_space_and_fails_until_restaged(config_repo: ConfigRepo) -> None:
    bad, good = config_repo.root / BAD, config_repo.root / GOOD
    before, good_before = bad.read_text(encoding="utf-8"), good.read_bytes()

    outcome = config_repo.try_repo("--all-files", hook="exchange-lint-fix")

    assert outcome.code == 1, outcome.output
    assert "files were modified by this hook" in outcome.output and f"fixed 1 finding(s) in {BAD}" in outcome.output
    assert bad.read_text(encoding="utf-8") == before.replace(SMTP_ADDRESS_SPACE, "")
    assert good.read_bytes() == good_before
    config_repo.git("add", BAD)
    again = config_repo.try_repo("--all-files", hook="exchange-lint-fix")
    assert again.code == 0, again.output
