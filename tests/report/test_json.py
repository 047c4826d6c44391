"""The JSON report: a stable list with a fixed shape."""

from __future__ import annotations

import json

from exchange_lint.report import render
from tests.report.conftest import CRASH, FINDINGS, RULES, SMTP_WITHOUT_GATEWAY, TIE_WITH_IMS


def test_each_finding_has_the_documented_shape() -> None:
    out = json.loads(render("json", FINDINGS, RULES, tool_version="0.1.0"))
    assert [item["rule"] for item in out] == ["EXL101", "EXL103", "EXL901"]
    assert out[1] == {
        "rule": "EXL103",
        "name": "ambiguous-route",
        "severity": "warning",
        "message": TIE_WITH_IMS.message,
        "hint": TIE_WITH_IMS.hint,
        "path": "org/trade.yaml",
        "region": {"start_line": 28, "start_column": 9, "end_line": 28, "end_column": 19},
        "related": [
            {
                "path": "org/trade.yaml",
                "region": {"start_line": 15, "start_column": 5, "end_line": 19, "end_column": 1},
                "message": "Internet Mail Service (TRADE)",
            },
            {
                "path": "org/other site.yaml",
                "region": {"start_line": 3, "start_column": 7, "end_line": 3, "end_column": 12},
                "message": "",
            },
        ],
        "fingerprint": TIE_WITH_IMS.fingerprint,
        "fix": None,
    }
    assert out[0]["related"] == [] and out[0]["fingerprint"] == SMTP_WITHOUT_GATEWAY.fingerprint
    assert out[2]["severity"] == "note" and out[2]["fingerprint"] == CRASH.fingerprint


def test_output_is_stable_sorted_and_indented() -> None:
    out = render("json", FINDINGS, RULES, tool_version="0.1.0")
    assert out == json.dumps(json.loads(out), indent=2, sort_keys=True) + "\n"
    assert out == render("json", FINDINGS, RULES, tool_version="0.1.0")
    assert render("json", (), RULES, tool_version="0.1.0") == "[]\n"
