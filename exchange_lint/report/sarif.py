"""SARIF 2.1.0 for GitHub code scanning: full rule metadata, relative URIs, stable fingerprints.

The log is deterministic for the same findings and working directory (no timestamps), so CI
runs can be compared byte for byte.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from exchange_lint.findings import Finding, Fix, Location, Region, Severity
from exchange_lint.rules import docs
from exchange_lint.rules.api import Rule, RuleDoc, docs_uri

if TYPE_CHECKING:
    from exchange_lint.findings import ToolNotification

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "exchange-lint"
INFORMATION_URI = "https://github.com/exchange-lint/exchange-lint"
SRCROOT = "%SRCROOT%"
# Our own key: GitHub computes its primaryLocationLineHash itself, and a home-made one misleads it.
FINGERPRINT_KEY = "exchangeLint/v1"
MAX_TAGS = 10  # GitHub code scanning keeps at most ten tags a rule.

# GitHub's `problem.severity` has no "note": its name for the lowest level is "recommendation".
PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "recommendation"}
_SEMVER = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")
SECURITY_SEVERITY = {Severity.ERROR: "7.5", Severity.WARNING: "5.0", Severity.NOTE: "2.0"}


class SuppressedFinding(NamedTuple):
    """A finding kept out of the report, and why: `inSource` (a comment) or `external` (baseline)."""

    finding: Finding
    kind: str
    justification: str


def _escape_link_text(text: str) -> str:
    """Brackets outside an embedded link must be escaped (SARIF 2.1.0 §3.11.6)."""
    return text.replace("[", "\\[").replace("]", "\\]")


def _tags(tags: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(tag for tag in tags if tag))[:MAX_TAGS]


def _descriptor(rule: Rule) -> dict[str, Any]:
    # GitHub rejects empty texts; a rule without a summary still has its name.
    short = rule.summary.strip() or rule.name
    properties: dict[str, Any] = {
        "tags": _tags(rule.tags),
        "precision": "high",
        "problem.severity": PROBLEM_SEVERITY[rule.severity],
    }
    if "security" in rule.tags:
        # GitHub ranks security alerts by this CVSS-like score: high for errors (an open relay), medium below.
        properties["security-severity"] = SECURITY_SEVERITY[rule.severity]
    return {
        "id": rule.id,
        "name": rule.pascal_name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": rule.doc.what.strip() or short},
        "help": {"text": docs.as_text(rule), "markdown": docs.as_markdown(rule)},
        "helpUri": rule.help_uri or docs_uri(rule.id),
        "defaultConfiguration": {"level": rule.severity.value},
        "properties": properties,
    }


def _stand_in_descriptor(finding: Finding) -> dict[str, Any]:
    """A finding whose rule was not passed in still needs a descriptor (SARIF2012)."""
    text = f"{finding.rule_id} {finding.rule_name}".strip()
    stand_in = Rule(
        id=finding.rule_id,
        name=finding.rule_name or finding.rule_id.lower(),
        severity=finding.severity,
        summary=text,
        doc=RuleDoc(what=text, why="", example="", use_instead=""),
        check=lambda organization: iter(()),
    )
    return _descriptor(stand_in)


def _descriptors(rules: Sequence[Rule], findings: Sequence[Finding]) -> tuple[list[dict[str, Any]], dict[str, int]]:
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in rules:
        if rule.id not in index:
            index[rule.id] = len(descriptors)
            descriptors.append(_descriptor(rule))
    for finding in findings:
        if finding.rule_id not in index:
            index[finding.rule_id] = len(descriptors)
            descriptors.append(_stand_in_descriptor(finding))
    return descriptors, index


def _region(region: Region) -> dict[str, int]:
    """SARIF's region; like ours, 1-based with an exclusive end column. Never inverted."""
    start_line = max(region.start_line, 1)
    start_column = max(region.start_column, 1)
    end_line = max(region.end_line, start_line)
    end_column = region.end_column if end_line > start_line else max(region.end_column, start_column)
    return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": max(end_column, 1)}


def _artifact_location(path: str, root: Path) -> dict[str, str]:
    """Always relative to %SRCROOT%, even with `..`: GitHub rejects a log with absolute file URIs
    (it cannot find the checkout path in them); only another Windows drive leaves no choice."""
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = PurePath(os.path.relpath(pure, root))
        except ValueError:
            return {"uri": Path(path).as_uri()}
    # The name's own bytes, percent-encoded: also for a name that is not UTF-8
    return {"uri": quote(os.fsencode(pure.as_posix()), safe="/"), "uriBaseId": SRCROOT}


def _physical(location: Location, root: Path) -> dict[str, Any]:
    return {"artifactLocation": _artifact_location(location.path, root), "region": _region(location.region)}


def _link_label(location: Location) -> str:
    return location.message or f"{location.path}:{location.region.start_line}"


def _message(finding: Finding) -> str:
    """The problem; with related locations, embedded links to them (GitHub follows these); then the
    hint on a line of its own. The rule's help (its whole page) is on the rule."""
    if not finding.hint:
        return _problem(finding)
    # Brackets need escaping only in a message with embedded links (SARIF §3.11.6).
    return f"{_problem(finding)}\nHint: {_escape_link_text(finding.hint) if finding.related else finding.hint}"


def _problem(finding: Finding) -> str:
    if not finding.related:
        return finding.message if finding.message.strip() else finding.rule_name or finding.rule_id
    links = ", ".join(
        f"[{_escape_link_text(_link_label(related))}]({number})"
        for number, related in enumerate(finding.related, start=1)
    )
    text = _escape_link_text(finding.message.strip())
    if text.endswith("."):
        return f"{text[:-1]} (see {links})."
    return f"{text} (see {links})" if text else f"See {links}."


def _result(finding: Finding, rule_index: int, root: Path) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": finding.severity.value,
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": _physical(finding.location, root)}],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }
    if finding.related:
        related_locations = []
        for number, related in enumerate(finding.related, start=1):
            entry: dict[str, Any] = {"id": number, "physicalLocation": _physical(related, root)}
            if related.message:
                entry["message"] = {"text": related.message}
            related_locations.append(entry)
        result["relatedLocations"] = related_locations
    if finding.fix is not None:
        result["fixes"] = [_fix(finding.fix, finding.location.path, root)]
    return result


def _fix(fix: Fix, path: str, root: Path) -> dict[str, Any]:
    """SARIF §3.55: the same edits `--fix` makes; an empty replacement is a pure deletion."""
    replacements = []
    for edit in fix.edits:
        replacement: dict[str, Any] = {"deletedRegion": _region(edit.region)}
        if edit.text:
            replacement["insertedContent"] = {"text": edit.text}
        replacements.append(replacement)
    return {
        "description": {"text": fix.description},
        "artifactChanges": [{"artifactLocation": _artifact_location(path, root), "replacements": replacements}],
    }


def _notification(notification: ToolNotification, index: dict[str, int], root: Path) -> dict[str, Any]:
    rule: dict[str, Any] = {"id": notification.rule_id}
    if notification.rule_id in index:
        rule["index"] = index[notification.rule_id]
    entry: dict[str, Any] = {
        "level": "error",
        "message": {"text": notification.message.strip() or f"{notification.rule_id} failed."},
        "associatedRule": rule,
    }
    if notification.location is not None:
        entry["locations"] = [{"physicalLocation": _physical(notification.location, root)}]
    return entry


def _root_uri(root: Path) -> str:
    uri = root.as_uri()
    return uri if uri.endswith("/") else f"{uri}/"


def build_log(
    findings: Sequence[Finding],
    rules: Sequence[Rule],
    *,
    tool_version: str,
    notifications: Sequence[ToolNotification] = (),
    automation_id: str | None = None,
    root: Path | None = None,
    suppressed: Sequence[SuppressedFinding] = (),
) -> dict[str, Any]:
    """The SARIF log as plain data; `root` (default: the working directory) is %SRCROOT%.

    `suppressed` findings are kept with their `suppressions` (GitHub shows them as dismissed)."""
    root = Path.cwd() if root is None else root
    descriptors, index = _descriptors(rules, [*findings, *(item.finding for item in suppressed)])
    driver: dict[str, Any] = {"name": TOOL_NAME, "version": tool_version, "informationUri": INFORMATION_URI}
    if _SEMVER.fullmatch(tool_version):
        driver["semanticVersion"] = tool_version
    driver["rules"] = descriptors
    run: dict[str, Any] = {"tool": {"driver": driver}}
    if automation_id:
        run["automationDetails"] = {"id": automation_id}
    run["originalUriBaseIds"] = {SRCROOT: {"uri": _root_uri(root)}}
    run["invocations"] = [
        {
            "executionSuccessful": not notifications,
            "toolExecutionNotifications": [_notification(n, index, root) for n in notifications],
        }
    ]
    run["columnKind"] = "unicodeCodePoints"
    results = [(finding.sort_key(), _result(finding, index[finding.rule_id], root)) for finding in findings]
    for item in suppressed:
        entry = _result(item.finding, index[item.finding.rule_id], root)
        suppression: dict[str, Any] = {"kind": item.kind}
        if item.justification:
            suppression["justification"] = item.justification
        entry["suppressions"] = [suppression]
        results.append((item.finding.sort_key(), entry))
    run["results"] = [entry for _, entry in sorted(results, key=lambda pair: pair[0])]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(
    findings: Sequence[Finding],
    rules: Sequence[Rule],
    *,
    tool_version: str,
    notifications: Sequence[ToolNotification] = (),
    automation_id: str | None = None,
    suppressed: Sequence[SuppressedFinding] = (),
) -> str:
    log = build_log(
        findings,
        rules,
        tool_version=tool_version,
        notifications=notifications,
        automation_id=automation_id,
        suppressed=suppressed,
    )
    return json.dumps(log, indent=2) + "\n"
