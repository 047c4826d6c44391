"""EXL408 hybrid-send-connector: CSS-Exchange HealthChecker ExoConnectorCheck/CloudConnectorCheck (catalog S35).

Source: https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/ExoConnectorCheck/
"""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.hybrid_send_connector import RULE
from tests.lint_helpers import lint_findings, lint_text

GOOD = (
    "dns_routing: false, smart_hosts: [contoso-com.mail.protection.outlook.com], require_tls: true, "
    "tls_auth_level: DomainValidation, tls_domain: mail.protection.outlook.com, "
    "tls_certificate_name: '<I>CN=CA<S>CN=mail.contoso.com', cloud_services_mail_enabled: true"
)


def _send(name: str, spaces: str, settings: str) -> str:
    return f"  - {{name: {name}, source_transport_servers: [EX01], address_spaces: [{spaces}], {settings}}}\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL408") == [(10, 11, "EXL408")]
    assert lint_text(RULE.doc.use_instead, "EXL408") == []


def test_healthchecker_conditions_errors_and_warnings() -> None:
    bad = (
        GOOD.replace("'<I>CN=CA<S>CN=mail.contoso.com'", "mail.contoso.com")
        .replace("cloud_services_mail_enabled: true", "cloud_services_mail_enabled: false")
        .replace("tls_domain: mail.protection.outlook.com", "tls_domain: contoso.com")
        .replace("require_tls: true", "require_tls: false")
    )
    src = HEADER + "send_connectors:\n" + _send("Hybrid", '"SMTP:contoso.mail.onmicrosoft.com;1"', bad)
    found = [f for f in lint_findings(src) if f.rule_id == "EXL408"]
    assert sorted((f.location.region.start_column, f.severity) for f in found) == [
        (200, Severity.WARNING),  # require_tls
        (253, Severity.WARNING),  # tls_domain
        (288, Severity.ERROR),  # tls_certificate_name form
        (335, Severity.ERROR),  # cloud_services_mail_enabled
    ]


def test_configured_by_the_hybrid_wizard_or_not_to_exchange_online() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _send("Hybrid", '"SMTP:contoso.mail.onmicrosoft.com;1"', GOOD)
        + _send("Partner", '"SMTP:fabrikam.com;1"', "dns_routing: false, smart_hosts: [mx.fabrikam.com]")
    )
    assert lint_text(src, "EXL408") == []
