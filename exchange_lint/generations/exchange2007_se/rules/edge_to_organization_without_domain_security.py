"""EXL410 (DISA profile): the Edge connector to the organization without domain security
(misconfiguration catalog S36; DISA STIG EX19-ED-000058 through EDCA-TLS-043)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER, on_edge, to_organization
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.generations.exchange2007_se.rules.edge_outbound_without_tls import BENCHMARKED
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    if organization.exchange not in BENCHMARKED:
        return
    for connector in organization.send_connectors:
        if on_edge(organization, connector) and to_organization(connector) and not connector.domain_secure:
            yield Problem(
                f"Edge Send connector '{connector.name}' to the organization does not use domain security "
                "(DISA STIG EX19-ED-000058)",
                connector.at("domain_secure"),
                hint="set `domain_secure: true`",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    profiles=("disa",),
    id="EXL410",
    name="edge-to-organization-without-domain-security",
    severity=Severity.WARNING,
    summary="the Edge connector to the organization without domain security",
    tags=("security", "tls", "benchmark"),
    check=check,
    doc=RuleDoc(
        what=(
            "In an Exchange 2016, 2019 or SE organization, reports a Send connector on Edge servers whose "
            "address spaces are `--` (toward the organization) without `domain_secure: true`. Off unless the "
            'configuration selects `profile = ["disa"]`.'
        ),
        why=(
            "The DISA Exchange STIG wants the Edge-to-Mailbox hop mutually authenticated (EX19-ED-000058; EDCA "
            "control EDCA-TLS-043), so a host in the perimeter network cannot pose as the Edge. CIS holds no "
            "such opinion, so the rule belongs to the DISA profile."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: EdgeSync - Inbound to HQ           # EXL410
    source_transport_servers: [EDGE01]
    address_spaces: ["SMTP:--;1"]
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: EdgeSync - Inbound to HQ
    source_transport_servers: [EDGE01]
    address_spaces: ["SMTP:--;1"]
    domain_secure: true
""",
        references=(
            "EDCA control EDCA-TLS-043 (DISA STIG EX19-ED-000058) "
            "https://www.powershellgallery.com/packages/EDCA/1.0.0.0/Content/Controls%5CEDCA-TLS-043.json",
        ),
    ),
)
