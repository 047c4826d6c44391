"""The composite GitHub Action: valid against the GitHub Actions schema, and running what it says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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
