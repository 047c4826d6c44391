"""SARIF for an Exchange 2007–SE file passes the validator: findings of every family, related
locations, security severities, and a suppressed finding kept with `--include-suppressed`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RunCli
from tests.sarif_validation import validate_sarif

SOURCE = Path(__file__).resolve().parent.parent / "data" / "exchange2007_se" / "findings-every-family.yaml"


@pytest.fixture
def org(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    shutil.copyfile(SOURCE, path)
    return path


def _log(run_cli: RunCli, tmp_path: Path, *options: str) -> tuple[Path, dict[str, Any]]:
    name = "with-suppressed.sarif" if options else "org.sarif"
    result = run_cli(["--format", "sarif", "-o", name, *options, "org.yaml"])
    assert result.code == 1 and "internal error" not in result.err, result.err
    path = tmp_path / name
    log: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return path, log


def test_a_2007_se_log_with_every_family_passes_the_validator(run_cli: RunCli, tmp_path: Path, org: Path) -> None:
    path, log = _log(run_cli, tmp_path)
    run = log["runs"][0]
    rules = {result["ruleId"] for result in run["results"]}
    families = {rule[:4] for rule in rules}
    assert {"EXL0", "EXL1", "EXL2", "EXL3", "EXL4"} <= families, rules
    assert {"EXL114", "EXL116", "EXL206", "EXL207", "EXL307", "EXL311", "EXL402", "EXL404", "EXL405"} <= rules
    tie = next(result for result in run["results"] if result["ruleId"] == "EXL116")
    assert tie["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 21  # the other connector
    descriptors = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert descriptors["EXL402"]["properties"]["security-severity"]
    assert "security" in descriptors["EXL402"]["properties"]["tags"]
    assert "security-severity" not in descriptors["EXL114"]["properties"]
    assert not any("suppressions" in result for result in run["results"])
    assert validate_sarif(path) == []


def test_a_2007_se_log_with_suppressed_findings_passes_the_validator(
    run_cli: RunCli, tmp_path: Path, org: Path
) -> None:
    _, plain = _log(run_cli, tmp_path)
    path, log = _log(run_cli, tmp_path, "--include-suppressed")
    results = log["runs"][0]["results"]
    assert len(results) == len(plain["runs"][0]["results"]) + 1
    suppressed = [result for result in results if "suppressions" in result]
    assert [
        (result["ruleId"], result["locations"][0]["physicalLocation"]["region"]["startLine"]) for result in suppressed
    ] == [("EXL106", 59)]
    assert suppressed[0]["suppressions"] == [
        {"kind": "inSource", "justification": "the test is being rewritten with the ndr size rule"}
    ]
    assert validate_sarif(path) == []
