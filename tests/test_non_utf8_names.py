"""A file whose name is not UTF-8 (Latin-1 `café.yaml`, from an old Windows share) is reported in
every machine-read output, which stays well-formed: no internal error (exit 2) any more."""

from __future__ import annotations

import json
import os
from pathlib import Path

from exchange_lint.load import load_text
from tests.conftest import REPO, RunCli

NAME = os.fsdecode(b"caf\xe9.yaml")  # Python's name for it: the byte 0xE9 as a lone surrogate


def _example(tmp_path: Path) -> Path:
    path = tmp_path / NAME
    path.write_bytes((REPO / "examples" / "q169117-msmail-smtp.yaml").read_bytes())
    return path


def test_json_names_the_file_by_its_bytes(run_cli: RunCli, tmp_path: Path) -> None:
    _example(tmp_path)
    result = run_cli(["--format", "json", "-o", "report.json", "."])
    assert result.code == 1, result.err
    text = (tmp_path / "report.json").read_text(encoding="utf-8")
    findings = json.loads(text)
    assert [f["rule"] for f in findings] == ["EXL101", "EXL103", "EXL106"]
    assert {f["path"] for f in findings} == {"caf\\xe9.yaml"}
    assert load_text("report.json", text).problems == []  # no escape a YAML parser refuses


def test_sarif_names_the_file_by_its_percent_encoded_bytes(run_cli: RunCli, tmp_path: Path) -> None:
    from tests.sarif_validation import validate_sarif

    _example(tmp_path)
    result = run_cli(["--format", "sarif", "-o", "report.sarif", "."])
    assert result.code == 1, result.err
    results = json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    locations = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert locations == {"caf%E9.yaml"}
    assert validate_sarif(tmp_path / "report.sarif") == []


def test_a_baseline_records_and_then_hides_its_findings(run_cli: RunCli, tmp_path: Path) -> None:
    _example(tmp_path)
    written = run_cli(["--write-baseline", "baseline.json", "."])
    assert written.code == 0 and "wrote 3 finding(s)" in written.err, written.err
    recorded = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert {entry["path"] for entry in recorded} == {"caf\\xe9.yaml"}
    # The baseline lies in the linted folder: it must read as YAML too (else it is EXL001 itself).
    after = run_cli(["--format", "json", "--baseline", "baseline.json", "."])
    assert (after.code, json.loads(after.out)) == (0, [])


def test_the_fingerprint_is_the_bytes_not_the_shown_text(run_cli: RunCli, tmp_path: Path) -> None:
    """A file really named `caf\\xe9.yaml` (with a backslash) is another file, with other fingerprints."""
    _example(tmp_path)
    other = (tmp_path / NAME).read_text(encoding="utf-8").replace("organization: ", "organization: Other", 1)
    (tmp_path / "caf\\xe9.yaml").write_text(other, encoding="utf-8")
    findings = json.loads(run_cli(["--format", "json", "."]).out)
    by_rule: dict[str, set[str]] = {}
    for finding in findings:
        by_rule.setdefault(finding["rule"], set()).add(finding["fingerprint"])
    assert len(findings) == 6 and all(len(prints) == 2 for prints in by_rule.values())
