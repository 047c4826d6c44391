"""The composite GitHub Action: valid against the GitHub Actions schema, and running what it says."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.conftest import REPO, RunCli

ACTION = REPO / "action.yml"


def _check_jsonschema(path: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool is not None, "check-jsonschema is a test dependency (pip install -e '.[test]')"
    return subprocess.run(
        [tool, "--builtin-schema", "vendor.github-actions", str(path)], capture_output=True, text=True, check=False
    )


def test_action_yml_follows_the_github_actions_schema() -> None:
    done = _check_jsonschema(ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_catches_a_broken_action(tmp_path: Path) -> None:
    broken = tmp_path / "action.yml"
    broken.write_text(
        ACTION.read_text(encoding="utf-8").replace("using: composite", "using: teleport"), encoding="utf-8"
    )
    assert _check_jsonschema(broken).returncode != 0


def test_the_action_runs_the_sarif_check_and_uploads_it(run_cli: RunCli, tmp_path: Path) -> None:
    action = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    lint = next(step for step in steps if step.get("id") == "lint")
    assert 'exchange-lint check --format sarif --output "$SARIF_FILE" $ARGS $PATHS' in lint["run"]
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    # The same command, run here: it writes the SARIF the upload step sends.
    (tmp_path / "bad.yaml").write_text(
        (REPO / "examples" / "q169117-msmail-smtp.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = run_cli(["check", "--format", "sarif", "--output", "exchange-lint.sarif", "bad.yaml"])
    assert result.code == 1 and (tmp_path / "exchange-lint.sarif").read_text(encoding="utf-8").startswith("{")


def _lint_step() -> dict[str, Any]:
    action = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))
    step: dict[str, Any] = next(step for step in action["runs"]["steps"] if step.get("id") == "lint")
    return step


def _run_lint_step(folder: Path, tool_folder: Path) -> tuple[int, dict[str, str]]:
    """The lint step's script, run by bash as the runner runs it, with `tool_folder` first on PATH."""
    outputs = folder / "github-output"
    outputs.write_text("", encoding="utf-8")
    env = {
        "PATH": os.pathsep.join([str(tool_folder), os.environ["PATH"]]),
        "PATHS": "bad.yaml",
        "ARGS": "",
        "SARIF_FILE": "exchange-lint.sarif",
        "GITHUB_OUTPUT": str(outputs),
    }
    done = subprocess.run(["bash", "-e", "-c", _lint_step()["run"]], cwd=folder, env=env, timeout=120, check=False)
    values = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    return done.returncode, values


def test_the_upload_waits_for_a_report_the_run_wrote() -> None:
    action = YAML(typ="safe").load(ACTION.read_text(encoding="utf-8"))
    upload = next(step for step in action["runs"]["steps"] if "upload-sarif" in step.get("uses", ""))
    assert upload["if"] == "${{ always() && inputs.upload == 'true' && steps.lint.outputs.sarif == 'true' }}"


def test_a_crash_uploads_nothing_not_a_stale_report(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("version: 1\norganization: C\n", encoding="utf-8")
    (tmp_path / "exchange-lint.sarif").write_text('{"stale": true}\n', encoding="utf-8")
    crashing = tmp_path / "bin"
    crashing.mkdir()
    tool = crashing / "exchange-lint"
    tool.write_text("#!/bin/sh\nkill -SEGV $$\n", encoding="utf-8")
    tool.chmod(0o755)
    code, outputs = _run_lint_step(tmp_path, crashing)
    assert code == 128 + signal.SIGSEGV and outputs == {"exit-code": str(128 + signal.SIGSEGV)}
    assert not (tmp_path / "exchange-lint.sarif").exists()


def test_a_finished_run_uploads_its_own_report_even_over_a_planted_link(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_bytes((REPO / "examples" / "q169117-msmail-smtp.yaml").read_bytes())
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (tmp_path / "exchange-lint.sarif").symlink_to(victim)
    code, outputs = _run_lint_step(tmp_path, Path(sys.executable).parent)  # the installed `exchange-lint`
    assert code == 0 and outputs == {"exit-code": "1", "sarif": "true"}
    sarif = tmp_path / "exchange-lint.sarif"
    assert not sarif.is_symlink() and json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert victim.read_text(encoding="utf-8") == "precious\n"
