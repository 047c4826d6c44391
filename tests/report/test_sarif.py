"""SARIF for GitHub code scanning: the structure we promise, and the Multitool's verdict on it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exchange_lint.findings import Finding, Location, Severity, ToolNotification
from exchange_lint.report import render
from exchange_lint.rules.api import docs_uri
from tests.conftest import RunCli
from tests.report.conftest import CRASH, FINDINGS, NOTIFICATION, RULES, SMTP_WITHOUT_GATEWAY, TIE_WITH_IMS
from tests.sarif_validation import ValidatorUnavailable, ensure_multitool, validate_sarif


def _sarif(findings: tuple[Finding, ...] = FINDINGS, **options: Any) -> str:
    options.setdefault("tool_version", "0.1.0")
    return render("sarif", findings, RULES, **options)


def _run(findings: tuple[Finding, ...] = FINDINGS, **options: Any) -> dict[str, Any]:
    run: dict[str, Any] = json.loads(_sarif(findings, **options))["runs"][0]
    return run


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """%SRCROOT% is the working directory; pin it."""
    monkeypatch.chdir(tmp_path)


def test_log_header_and_tool() -> None:
    log = json.loads(_sarif())
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "exchange-lint"
    assert driver["version"] == driver["semanticVersion"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    assert "semanticVersion" not in _run(tool_version="0.2.0.dev3")["tool"]["driver"]


def test_one_descriptor_per_rule_with_full_metadata() -> None:
    rules = _run()["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["EXL101", "EXL103", "EXL901"]
    msmail, tie, crash = rules
    assert msmail["name"] == "MsmailSmtpWithoutGateway" and tie["name"] == "AmbiguousRoute"
    assert msmail["shortDescription"]["text"] == RULES[0].summary
    assert msmail["fullDescription"]["text"] == RULES[0].doc.what
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead", "References"):
        assert heading in msmail["help"]["text"] and heading in msmail["help"]["markdown"]
    assert "```yaml" in msmail["help"]["markdown"] and "Known problems" in tie["help"]["markdown"]
    assert msmail["helpUri"] == docs_uri("EXL101")
    assert tie["helpUri"] == "https://example.com/rules/exl103"
    assert msmail["defaultConfiguration"] == {"level": "error"}
    assert msmail["properties"] == {
        "tags": ["routing", "msmail", "Q169117"],
        "precision": "high",
        "problem.severity": "error",
    }
    assert tie["properties"]["tags"] == [f"tag{number}" for number in range(10)]
    assert tie["properties"]["problem.severity"] == "warning"
    # A finding of a rule not passed in (EXL901 here) still gets a descriptor GitHub accepts.
    assert crash["name"] == "RuleCrashed" and crash["helpUri"] == docs_uri("EXL901")
    assert crash["properties"]["problem.severity"] == "recommendation"


def test_results_point_at_their_rules_with_relative_uris_and_fingerprints(tmp_path: Path) -> None:
    run = _run()
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"], r["level"]) for r in results] == [
        ("EXL101", 0, "error"),
        ("EXL103", 1, "warning"),
        ("EXL901", 2, "note"),
    ]
    first = results[0]
    assert first["message"] == {"text": SMTP_WITHOUT_GATEWAY.message}
    assert first["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "org/trade.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 28, "startColumn": 9, "endLine": 28, "endColumn": 19},
            }
        }
    ]
    assert [r["partialFingerprints"] for r in results] == [
        {"exchangeLint/v1": finding.fingerprint} for finding in FINDINGS
    ]
    assert "relatedLocations" not in first
    assert "primaryLocationLineHash" not in _sarif()


def test_related_locations_are_linked_from_the_message() -> None:
    tie = _run()["results"][1]
    assert tie["message"]["text"] == (
        "SMTP:user1@domain1.com from TRADE is load-balanced between 2 connectors"
        " (see [Internet Mail Service (TRADE)](1), [org/other site.yaml:3](2))."
        "\nHint: give the routes \\[different\\] costs"
    )
    assert tie["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {"uri": "org/trade.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 15, "startColumn": 5, "endLine": 19, "endColumn": 1},
            },
            "message": {"text": "Internet Mail Service (TRADE)"},
        },
        {
            "id": 2,
            "physicalLocation": {
                "artifactLocation": {"uri": "org/other%20site.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 12},
            },
        },
    ]
    # Literal brackets beside embedded links are escaped, so they cannot be read as links.
    bracketed = Finding(
        "EXL103", "ambiguous-route", Severity.WARNING, "tie [x]", Location("a.yaml"), (TIE_WITH_IMS.location,)
    )
    assert _run((bracketed,))["results"][0]["message"]["text"] == "tie \\[x\\] (see [org/trade.yaml:28](1))"


def test_uris_are_relative_to_the_working_directory_even_for_absolute_paths(tmp_path: Path) -> None:
    inside = Finding("EXL101", "x", Severity.ERROR, "m", Location(str(tmp_path / "sub" / "a b:c.yaml")))
    outside = Finding("EXL101", "x", Severity.ERROR, "m", Location(str(tmp_path.parent / "z.yaml")))
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in _run((inside, outside))["results"]]
    assert uris == [
        {"uri": "sub/a%20b%3Ac.yaml", "uriBaseId": "%SRCROOT%"},
        {"uri": "../z.yaml", "uriBaseId": "%SRCROOT%"},
    ]


def test_crashed_rules_are_tool_execution_notifications() -> None:
    ok = _run()["invocations"]
    assert ok == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    (invocation,) = _run(notifications=(NOTIFICATION, ToolNotification("EXL777", "", None)))["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {
            "level": "error",
            "message": {"text": NOTIFICATION.message},
            "associatedRule": {"id": "EXL103", "index": 1},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": "org/z.yaml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 2},
                    }
                }
            ],
        },
        {"level": "error", "message": {"text": "EXL777 failed."}, "associatedRule": {"id": "EXL777"}},
    ]


def test_automation_id_only_when_given() -> None:
    assert "automationDetails" not in _run()
    assert _run(automation_id="exchange-lint/nightly/")["automationDetails"] == {"id": "exchange-lint/nightly/"}


def test_output_is_deterministic() -> None:
    assert _sarif(notifications=(NOTIFICATION,)) == _sarif(notifications=(NOTIFICATION,))


def test_the_log_passes_the_sarif_multitool_and_github_checks(tmp_path: Path) -> None:
    path = tmp_path / "full.sarif"
    path.write_text(_sarif(notifications=(NOTIFICATION,), automation_id="exchange-lint/"), encoding="utf-8")
    assert validate_sarif(path) == []
    empty = tmp_path / "empty.sarif"
    empty.write_text(_sarif(()), encoding="utf-8")
    assert validate_sarif(empty) == []


def test_the_validator_is_not_vacuous(tmp_path: Path) -> None:
    log = json.loads(_sarif((CRASH,)))
    result = log["runs"][0]["results"][0]
    del result["partialFingerprints"]
    result["locations"][0]["physicalLocation"]["artifactLocation"] = {"uri": "file:///etc/z.yaml"}
    path = tmp_path / "broken.sarif"
    path.write_text(json.dumps(log), encoding="utf-8")
    problems = validate_sarif(path)
    assert {"GH1006", "GHX-fingerprint"} <= {problem.split(":")[0].split()[1] for problem in problems}, problems


def test_the_validator_fails_loudly_when_it_cannot_be_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SARIF_MULTITOOL_DIR", str(tmp_path / "multitool"))
    monkeypatch.setenv("PATH", str(tmp_path / "no-npm-here"))
    with pytest.raises(ValidatorUnavailable, match="npm is not installed"):
        ensure_multitool()


def test_security_rules_carry_a_security_severity(run_cli: RunCli, tmp_path: Path) -> None:
    """GitHub ranks security alerts by `security-severity`; only rules tagged `security` get one."""
    from exchange_lint.generations.exchange40_55.rules.open_relay import RULE as OPEN_RELAY

    (tmp_path / "relay.yaml").write_text(OPEN_RELAY.doc.example, encoding="utf-8")
    run_cli(["--format", "sarif", "-o", "relay.sarif", "relay.yaml"])
    log = json.loads((tmp_path / "relay.sarif").read_text(encoding="utf-8"))
    descriptors = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert descriptors["EXL401"]["properties"]["security-severity"] == "7.5"
    for descriptor in descriptors.values():
        tagged = "security" in descriptor["properties"]["tags"]
        assert ("security-severity" in descriptor["properties"]) == tagged, descriptor["id"]
    assert "security-severity" not in descriptors["EXL101"]["properties"]
