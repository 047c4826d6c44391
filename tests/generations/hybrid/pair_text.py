"""A hybrid pair as text: the tenant (`contoso-online.yaml`, first in path order, so a finding
involving both sides sits on it) and the on-premises servers (`contoso-onprem.yaml`)."""

from __future__ import annotations

from exchange_lint.findings import Finding
from tests.lint_helpers import lint_files_findings

ONLINE = "contoso-online.yaml"
ONPREM = "contoso-onprem.yaml"

# Six lines; accepted domains follow from line 5, the sections after them.
TENANT = """\
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
"""
# Seven lines; the Send connectors follow from line 8.
SERVERS = """\
version: 1
organization: Contoso
exchange: "2019"
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: fabrikam.example, type: InternalRelay}
send_connectors:
  - {name: Fabrikam relay, address_spaces: ["SMTP:fabrikam.example;1"], dns_routing: false,
     smart_hosts: [mail.fabrikam.example]}
"""


def hybrid_send(certificate: str = "<I>CN=CA<S>CN=mail.contoso.com", extra: str = "") -> str:
    """The on-premises Send connector to Exchange Online, as the Hybrid Configuration Wizard makes it."""
    name = f'tls_certificate_name: "{certificate}", ' if certificate else ""
    return (
        '  - {name: Outbound to Office 365, address_spaces: ["SMTP:contoso.mail.onmicrosoft.com;1"], '
        "dns_routing: false, smart_hosts: [contoso-com.mail.protection.outlook.com], require_tls: true, "
        f"tls_auth_level: DomainValidation, tls_domain: mail.protection.outlook.com, {name}"
        f"cloud_services_mail_enabled: true{extra}}}\n"
    )


def found(tenant: str, servers: str, rule_id: str) -> list[tuple[str, int, int]]:
    """(path, line, column) of each `rule_id` finding on the pair."""
    return [(f.location.path, *_at(f)) for f in findings(tenant, servers, rule_id)]


def findings(tenant: str, servers: str, rule_id: str) -> list[Finding]:
    return [f for f in lint_files_findings({ONLINE: tenant, ONPREM: servers}) if f.rule_id == rule_id]


def _at(finding: Finding) -> tuple[int, int]:
    return finding.location.region.start_line, finding.location.region.start_column
