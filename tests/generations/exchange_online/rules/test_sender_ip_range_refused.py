"""EXL417 sender-ip-range-refused: New-InboundConnector -SenderIPAddresses, "IPv4 only, /24
through /32" (catalog S38).

Source: https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.sender_ip_range_refused import RULE
from tests.lint_helpers import lint_findings, lint_text

SRC = HEADER + (
    "inbound_connectors:\n"
    "  - name: Partner\n"
    "    sender_domains: [fabrikam.com]\n"
    "    restrict_domains_to_ip_addresses: true\n"
    "    require_tls: true\n"
    "    sender_ip_addresses: [203.0.113.7, 198.51.100.0/24, 192.0.2.0/25, '10.0.0.0/8', '::/0',\n"
    "                          '10.1.0.1-10.1.0.200', '10.2.0.0-10.2.3.255', '10.0.0.0/33', 'not an ip']\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL417") == [(10, 9, "EXL417"), (11, 9, "EXL417")]
    assert lint_text(RULE.doc.use_instead, "EXL417") == []


def test_each_refused_entry_at_its_place() -> None:
    assert lint_text(SRC, "EXL417") == [(11, 71, "EXL417"), (11, 85, "EXL417"), (12, 50, "EXL417"), (12, 73, "EXL417")]


def test_messages_name_the_value_and_a_bad_one_is_reported_once() -> None:
    found = lint_findings(SRC)
    messages = [f.message for f in found if f.rule_id == "EXL417"]
    assert "'10.0.0.0/8' is broader than a /24 (16,777,216 addresses)" in messages[0]
    assert "IPv6" in messages[1] and "'10.2.0.0-10.2.3.255'" in messages[2] and "10.0.0.0/33" in messages[3]
    # 'not an ip' has a shape the schema refuses: EXL002 alone
    assert [f.rule_id for f in found if "not an ip" in f.message or f.location.region.start_column == 88] == ["EXL002"]
