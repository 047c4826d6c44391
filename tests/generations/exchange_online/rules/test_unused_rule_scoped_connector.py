"""EXL119 unused-rule-scoped-connector: New-OutboundConnector -IsTransportRuleScoped (catalog S37,
"a transport-rule-scoped connector that no rule references → note").

Source: https://learn.microsoft.com/powershell/module/exchange/new-outboundconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.unused_rule_scoped_connector import RULE
from tests.lint_helpers import lint_findings, lint_text

SRC = HEADER + (
    "outbound_connectors:\n"
    "  - {name: Used, is_transport_rule_scoped: true, use_mx_record: false, smart_hosts: [a.example]}\n"
    "  - {name: Idle, is_transport_rule_scoped: true, use_mx_record: false, smart_hosts: [b.example]}\n"
    "  - {name: Orphan, is_transport_rule_scoped: true, use_mx_record: false, smart_hosts: [c.example]}\n"
    "  - {name: Off, is_transport_rule_scoped: true, enabled: false, use_mx_record: false, smart_hosts: [d.example]}\n"
    "  - {name: Plain, recipient_domains: [fabrikam.example]}\n"
    "transport_rules:\n"
    "  - {name: To used, route_message_outbound_connector: USED, except_if_header_matches: {header: X-A}}\n"
    "  - {name: Disabled, route_message_outbound_connector: Idle, enabled: false}\n"
    "  - {name: Audit, route_message_outbound_connector: Idle, mode: Audit}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL119") == [(8, 31, "EXL119")]
    assert lint_text(RULE.doc.use_instead, "EXL119") == []


def test_only_an_enabled_enforced_rule_uses_a_scoped_connector() -> None:
    assert lint_text(SRC, "EXL119") == [(8, 44, "EXL119"), (9, 46, "EXL119")]
    idle, orphan = [f for f in lint_findings(SRC) if f.rule_id == "EXL119"]
    assert "only rules that do not act route to it ('Disabled', 'Audit')" in idle.message
    assert [r.region.start_line for r in idle.related] == [14, 15]
    assert "no transport rule routes to it" in orphan.message and orphan.severity.value == "note"
