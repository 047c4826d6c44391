"""EXL409 (DISA profile): an Edge connector to the internet that does not require TLS
(misconfiguration catalog S36; DISA STIG EX19-ED-000073 through EDCA-TLS-034)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER, on_edge, to_organization
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

# The STIGs and EDCA's controls are written for these versions.
BENCHMARKED = ("2016", "2019", "SE")


def check(organization: Organization) -> Iterator[Problem]:
    if organization.exchange not in BENCHMARKED:
        return
    for connector in organization.send_connectors:
        if on_edge(organization, connector) and not to_organization(connector) and not connector.require_tls:
            yield Problem(
                f"Edge Send connector '{connector.name}' does not require TLS (DISA STIG EX19-ED-000073)",
                connector.at("require_tls"),
                hint="set `require_tls: true`",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    profiles=("disa",),
    id="EXL409",
    name="edge-outbound-without-tls",
    severity=Severity.WARNING,
    summary="an Edge Send connector to the outside that does not require TLS",
    tags=("security", "tls", "benchmark"),
    check=check,
    doc=RuleDoc(
        what=(
            "In an Exchange 2016, 2019 or SE organization, reports a Send connector that runs on Edge servers, "
            "sends outside the organization (any address space but `--`) and does not set `require_tls: true`. "
            'Off unless the configuration selects `profile = ["disa"]`.'
        ),
        why=(
            "The DISA Exchange STIG wants mail leaving through the Edge encrypted (EX19-ED-000073; EDCA control "
            "EDCA-TLS-034). Without `require_tls` the Edge falls back to clear text whenever the other side "
            "offers no STARTTLS. CIS holds no such opinion, so the rule belongs to the DISA profile."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: EdgeSync - HQ to Internet          # EXL409
    source_transport_servers: [EDGE01]
    address_spaces: ["SMTP:*;1"]
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: EdgeSync - HQ to Internet
    source_transport_servers: [EDGE01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [gateway.contoso.com]
    require_tls: true
""",
        references=(
            "EDCA control EDCA-TLS-034 (DISA STIG EX19-ED-000073) "
            "https://www.powershellgallery.com/packages/EDCA/1.0.0.0/Content/Controls%5CEDCA-TLS-034.json",
        ),
        known_problems="Requiring TLS toward every domain delays mail to domains without STARTTLS (see EXL403's note).",
    ),
)
