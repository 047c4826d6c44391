"""A hybrid finding spans two files: it sits on one (the first reported in path order, DESIGN §6)
with the other as its related location, in text, JSON and SARIF alike, and the SARIF passes the
validator. The files are the README's broken pair, examples/hybrid-broken-*.yaml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, RunCli, line_col
from tests.sarif_validation import validate_sarif

ONLINE, ONPREM = "hybrid-broken-online.yaml", "hybrid-broken-onprem.yaml"


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    for name in (ONLINE, ONPREM):
        shutil.copyfile(REPO / "examples" / name, tmp_path / name)
    return tmp_path


def _places(pair: Path) -> dict[str, tuple[tuple[int, int], tuple[int, int]]]:
    """Rule -> (where it sits in the tenant's file, where its related place is in the servers' file)."""
    certificate = line_col(pair / ONPREM, "tls_certificate_name:")
    certificate = (certificate[0], certificate[1] + len("tls_certificate_name: "))
    expected = line_col(pair / ONLINE, "tls_sender_certificate_name:")
    expected = (expected[0], expected[1] + len("tls_sender_certificate_name: "))
    relay = line_col(pair / ONLINE, "{domain: woodgroveinsurance.com")
    return {
        "EXL121": (relay, line_col(pair / ONPREM, "{domain: woodgroveinsurance.com")),
        "EXL420": (expected, certificate),
        "EXL421": (expected, certificate),
    }


def test_json_locates_both_files(run_cli: RunCli, pair: Path) -> None:
    result = run_cli(["--format", "json", ONPREM, ONLINE])
    assert result.code == 1
    found = json.loads(result.out)
    places = _places(pair)
    assert sorted(f["rule"] for f in found) == ["EXL121", "EXL420", "EXL421"]
    for finding in found:
        here, there = places[finding["rule"]]
        assert (finding["path"], finding["region"]["start_line"], finding["region"]["start_column"]) == (ONLINE, *here)
        (related,) = finding["related"]
        assert (related["path"], related["region"]["start_line"], related["region"]["start_column"]) == (ONPREM, *there)
        assert related["message"]


def test_text_names_the_related_place_in_the_other_file(run_cli: RunCli, pair: Path) -> None:
    out = run_cli([ONLINE, ONPREM]).out
    (line, column), (other, other_column) = _places(pair)["EXL420"]
    assert f"{ONLINE}:{line}:{column}: EXL420 [error]" in out
    assert f"    {ONPREM}:{other}:{other_column}: note: the certificate 'Outbound to Office 365' presents" in out


def test_with_only_the_servers_file_passed_the_findings_sit_on_it(run_cli: RunCli, pair: Path) -> None:
    """pre-commit passes the changed file; the tenant is still loaded, and a finding involving the
    passed file moves onto it, the tenant's place becoming the related one."""
    (pair / ".exchange-lint.yaml").write_text('include: ["*.yaml"]\n', encoding="utf-8")
    found = json.loads(run_cli(["--format", "json", ONPREM]).out)
    places = _places(pair)
    for finding in found:
        here, there = places[finding["rule"]]
        assert (finding["path"], finding["region"]["start_line"], finding["region"]["start_column"]) == (ONPREM, *there)
        assert [(r["path"], r["region"]["start_line"]) for r in finding["related"]] == [(ONLINE, here[0])]
    assert sorted(f["rule"] for f in found) == ["EXL121", "EXL420", "EXL421"]


def test_sarif_related_locations_pass_the_validator(run_cli: RunCli, pair: Path) -> None:
    result = run_cli(["--format", "sarif", "-o", "hybrid.sarif", ONLINE, ONPREM])
    assert result.code == 1 and "internal error" not in result.err, result.err
    log = json.loads((pair / "hybrid.sarif").read_text(encoding="utf-8"))
    results = log["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["EXL121", "EXL420", "EXL421"]
    for sarif_result in results:
        (primary,) = sarif_result["locations"]
        assert primary["physicalLocation"]["artifactLocation"]["uri"] == ONLINE
        (related,) = sarif_result["relatedLocations"]
        assert related["physicalLocation"]["artifactLocation"]["uri"] == ONPREM
        assert related["message"]["text"]
    assert validate_sarif(pair / "hybrid.sarif") == []


def test_the_clean_pair_stays_clean(run_cli: RunCli, tmp_path: Path) -> None:
    for name in ("northwind-2019.yaml", "northwind-online.yaml"):
        shutil.copyfile(REPO / "examples" / name, tmp_path / name)
    result = run_cli(["--format", "json", "northwind-2019.yaml", "northwind-online.yaml"])
    assert (result.code, json.loads(result.out)) == (0, [])
