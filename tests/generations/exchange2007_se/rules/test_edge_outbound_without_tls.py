"""EXL409 edge-outbound-without-tls: EDCA-TLS-034, DISA STIG EX19-ED-000073 (catalog S36).

Source: https://www.powershellgallery.com/packages/EDCA/1.0.0.0/Content/Controls%5CEDCA-TLS-034.json
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.edge_outbound_without_tls import RULE
from tests.lint_helpers import lint_text, profiled

SRC = HEADER + (
    "send_connectors:\n"
    "  - {name: Out, source_transport_servers: [EDGE01], address_spaces: ['SMTP:*.fabrikam.com;1']}\n"
    "  - {name: In, source_transport_servers: [EDGE01], address_spaces: ['SMTP:--;1']}\n"
    "  - {name: Hub, source_transport_servers: [EX01], address_spaces: ['SMTP:fabrikam.com;1']}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL409", config=profiled("disa")) == [(10, 11, "EXL409")]
    assert lint_text(RULE.doc.use_instead, "EXL409", config=profiled("disa")) == []


def test_only_under_the_disa_profile_only_edge_to_outside() -> None:
    assert lint_text(SRC, "EXL409", config=profiled("disa")) == [(10, 12, "EXL409")]
    assert lint_text(SRC, "EXL409", config=profiled("cis")) == []
    assert lint_text(SRC, "EXL409") == []


def test_tls_required_or_a_version_the_stig_does_not_cover() -> None:
    fixed = SRC.replace("['SMTP:*.fabrikam.com;1']}", "['SMTP:*.fabrikam.com;1'], require_tls: true}")
    assert lint_text(fixed, "EXL409", config=profiled("disa")) == []
    assert lint_text(SRC.replace('"2019"', '"2010"'), "EXL409", config=profiled("disa")) == []
