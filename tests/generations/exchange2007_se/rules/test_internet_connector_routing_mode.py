"""EXL411 internet-connector-routing-mode: EDCA-TLS-010, CIS 2.2.8 against DISA EX19-MB-000106 (catalog S36).

Source: https://www.powershellgallery.com/packages/EDCA/1.0.0.0/Content/Controls%5CEDCA-TLS-010.json
"""

from __future__ import annotations

from pathlib import Path

from exchange_lint.config import Config
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.internet_connector_routing_mode import RULE
from tests.lint_helpers import lint_text, profiled

SRC = HEADER + (
    "send_connectors:\n"
    "  - {name: DNS, source_transport_servers: [EX01], address_spaces: ['SMTP:*;1'], dns_routing: true}\n"
    "  - {name: Gateway, source_transport_servers: [EX01], address_spaces: ['SMTP:*;2'], smart_hosts: [gw.example]}\n"
    "  - {name: Partner, source_transport_servers: [EX01], address_spaces: ['SMTP:fabrikam.com;1']}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL411", config=profiled("cis")) == [(14, 18, "EXL411")]
    assert lint_text(RULE.doc.use_instead, "EXL411", config=profiled("cis")) == []


def test_the_expectation_follows_the_selected_benchmark() -> None:
    assert lint_text(SRC, "EXL411", config=profiled("cis")) == [(11, 98, "EXL411")]
    assert lint_text(SRC, "EXL411", config=profiled("disa")) == [(10, 94, "EXL411")]
    assert lint_text(SRC, "EXL411", config=profiled("cis", "disa")) == [(10, 94, "EXL411"), (11, 98, "EXL411")]


def test_off_without_a_profile_and_quiet_on_other_connectors() -> None:
    assert lint_text(SRC, "EXL411") == []
    assert lint_text(SRC, "EXL411", config=Config(root=Path.cwd(), select=("ALL",))) == []
    disabled = SRC.replace("dns_routing: true}", "dns_routing: true, enabled: false}")
    assert lint_text(disabled, "EXL411", config=profiled("disa")) == []
