"""A stable JSON list of findings, for scripts: sorted keys, two-space indent, one shape."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from exchange_lint.findings import Finding, Region, path_text


def _region(region: Region) -> dict[str, int]:
    return {
        "start_line": region.start_line,
        "start_column": region.start_column,
        "end_line": region.end_line,
        "end_column": region.end_column,
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    """The JSON shape of one finding; the keys are a public interface."""
    return {
        "rule": finding.rule_id,
        "name": finding.rule_name,
        "severity": finding.severity.value,
        "message": finding.message,
        "hint": finding.hint,
        "path": path_text(finding.location.path),
        "region": _region(finding.location.region),
        "related": [
            {"path": path_text(related.path), "region": _region(related.region), "message": related.message}
            for related in finding.related
        ],
        "fingerprint": finding.fingerprint,
        "fix": None
        if finding.fix is None
        else {
            "description": finding.fix.description,
            "edits": [{"region": _region(edit.region), "text": edit.text} for edit in finding.fix.edits],
        },
    }


def render(findings: Sequence[Finding]) -> str:
    return json.dumps([finding_dict(finding) for finding in findings], indent=2, sort_keys=True) + "\n"
