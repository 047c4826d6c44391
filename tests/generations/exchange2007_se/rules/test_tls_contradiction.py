"""EXL403 tls-contradiction: New-SendConnector -RequireTLS, -IgnoreSTARTTLS, -TlsAuthLevel (catalog S24).

Source: https://learn.microsoft.com/powershell/module/exchange/new-sendconnector
"""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.fixes import apply
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.tls_contradiction import RULE
from tests.lint_helpers import lint_findings, lint_text


def _send(name: str, extra: str, spaces: str = '"SMTP:fabrikam.com;1"') -> str:
    return f"  - {{name: {name}, source_transport_servers: [EX01], address_spaces: [{spaces}], {extra}}}\n"


def test_doc_example_and_its_fix() -> None:
    assert lint_text(RULE.doc.example, "EXL403") == [(14, 22, "EXL403")]
    assert lint_text(RULE.doc.use_instead, "EXL403") == []
    (finding,) = [f for f in lint_findings(RULE.doc.example) if f.rule_id == "EXL403"]
    assert finding.fix is not None
    assert apply(RULE.doc.example, finding.fix.edits) == RULE.doc.use_instead


def test_each_contradiction_and_the_internet_note() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _send("A", "tls_auth_level: EncryptionOnly")
        + _send(
            "B", "require_tls: true, tls_auth_level: DomainValidation, dns_routing: false, smart_hosts: [r.example]"
        )
        + _send("C", "domain_secure: true", '"SMTP:*.fabrikam.com;1"')
        + _send("D", "require_tls: true", '"SMTP:*;1"')
    )
    found = [f for f in lint_findings(src) if f.rule_id == "EXL403"]
    assert [(f.location.region.start_line, f.location.region.start_column, f.severity) for f in found] == [
        (10, 106, Severity.ERROR),  # tls_auth_level without require_tls
        (11, 125, Severity.ERROR),  # DomainValidation toward a smart host, no tls_domain
        (12, 107, Severity.ERROR),  # domain security with a wildcard space
        (13, 92, Severity.NOTE),  # require_tls toward the whole internet
    ]


def test_consistent_tls_settings() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _send(
            "A",
            "require_tls: true, tls_auth_level: DomainValidation, tls_domain: fabrikam.com,"
            " dns_routing: false, smart_hosts: [r.example]",
        )
        + _send("B", "domain_secure: true")
        + _send("C", "require_tls: false, ignore_starttls: true", '"SMTP:*;1"')
        + _send("Edge in", "domain_secure: true", '"SMTP:--;1"').replace("[EX01]", "[EDGE01]")
    )
    assert lint_text(src, "EXL403") == []
