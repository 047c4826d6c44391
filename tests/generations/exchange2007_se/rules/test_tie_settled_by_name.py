# Source: misconfigurations.md S32; Exchange docs "Connector selection" (lowest alphanumeric name).
"""EXL116 tie-settled-by-name: a note on the standby, never EXL103."""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.rules.tie_settled_by_name import RULE
from tests.generations.exchange2007_se.org_text import HQ_BRANCH
from tests.lint_helpers import lint_findings, lint_text

TIED = (
    '  - {name: Zulu, source_transport_servers: [EX01, EX02], address_spaces: ["SMTP:*;1"]}\n'
    '  - {name: Alpha, source_transport_servers: [EX01, EX02], address_spaces: ["SMTP:*;1"]}\n'
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL116") == [(8, 75, "EXL116")]
    assert lint_text(RULE.doc.use_instead, "EXL116") == []


def test_the_loser_by_name_gets_the_note_and_no_ambiguous_route() -> None:
    findings = lint_findings(HQ_BRANCH + TIED)
    assert [(f.location.region.start_line, f.rule_id) for f in findings if f.rule_id in ("EXL116", "EXL103")] == [
        (14, "EXL116")
    ]
    (note,) = [f for f in findings if f.rule_id == "EXL116"]
    assert "'Alpha' always wins by name" in note.message and "across each connector's source servers" in note.message


def test_a_cost_that_decides_is_clean() -> None:
    assert lint_text(HQ_BRANCH + TIED.replace('"SMTP:*;1"]}\n', '"SMTP:*;2"]}\n', 1), "EXL116") == []
