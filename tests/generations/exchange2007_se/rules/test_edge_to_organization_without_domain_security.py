"""EXL410 edge-to-organization-without-domain-security: EDCA-TLS-043, DISA STIG EX19-ED-000058 (catalog S36).

Source: https://www.powershellgallery.com/packages/EDCA/1.0.0.0/Content/Controls%5CEDCA-TLS-043.json
"""

from __future__ import annotations

from pathlib import Path

from exchange_lint.config import Config
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.edge_to_organization_without_domain_security import RULE
from tests.lint_helpers import lint_text

DISA = Config(root=Path.cwd(), profile=("disa",))
SRC = HEADER + (
    "send_connectors:\n"
    "  - {name: In, source_transport_servers: [EDGE01], address_spaces: ['SMTP:--;1'], domain_secure: false}\n"
    "  - {name: Out, source_transport_servers: [EDGE01], address_spaces: ['SMTP:*;1'], require_tls: true}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL410", config=DISA) == [(10, 11, "EXL410")]
    assert lint_text(RULE.doc.use_instead, "EXL410", config=DISA) == []


def test_edge_to_organization_without_domain_security_under_disa() -> None:
    assert lint_text(SRC, "EXL410", config=DISA) == [(10, 98, "EXL410")]
    assert lint_text(SRC, "EXL410") == []


def test_domain_security_on() -> None:
    assert lint_text(SRC.replace("domain_secure: false", "domain_secure: true"), "EXL410", config=DISA) == []
