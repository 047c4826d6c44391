"""EXL411 (CIS or DISA profile): the internet connector's routing mode against the chosen benchmark,
which disagree (misconfiguration catalog S36; CIS 2.2.8 and DISA EX19-MB-000106 through EDCA-TLS-010)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER, is_catch_all
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    # One problem per benchmark that disagrees; the engine keeps those of the profile selected.
    for connector in organization.send_connectors:
        if not is_catch_all(connector) or not connector.enabled:
            continue
        if connector.dns_routing:
            yield Problem(
                f"internet Send connector '{connector.name}' routes by DNS; the DISA STIG wants a smart host "
                "(EX19-MB-000106)",
                connector.at("dns_routing"),
                hint="send internet mail through the organization's mail gateway: `dns_routing: false`, `smart_hosts`",
                profile="disa",
            )
        else:
            yield Problem(
                f"internet Send connector '{connector.name}' sends through smart hosts; CIS wants DNS routing (2.2.8)",
                connector.at("smart_hosts"),
                hint="set `dns_routing: true` and remove `smart_hosts`",
                profile="cis",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    profiles=("cis", "disa"),
    id="EXL411",
    name="internet-connector-routing-mode",
    severity=Severity.NOTE,
    summary="the internet (`*`) connector's routing mode differs from the selected benchmark's",
    tags=("security", "benchmark", "send-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an enabled Send connector with the SMTP `*` address space whose routing mode is not the one "
            'the selected benchmark asks for: with `profile = ["cis"]`, one that uses smart hosts (CIS wants DNS '
            'routing); with `profile = ["disa"]`, one that routes by DNS (DISA wants a smart host). Off unless a '
            "profile is selected."
        ),
        why=(
            "CIS 2.2.8 wants the internet connector to use DNS, so MX records and DNSSEC/DANE apply; the DISA "
            "STIG EX19-MB-000106 wants outbound mail to pass a smart host (a gateway that filters it). The two "
            "benchmarks contradict each other, so the rule follows the one the configuration selects "
            "(EDCA control EDCA-TLS-010 cites both)."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: Internet
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [gateway.contoso.com]       # EXL411 under profile = ["cis"]
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: Internet
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: true
""",
        references=(
            "EDCA control EDCA-TLS-010 (CIS 2.2.8; DISA STIG EX19-MB-000106) "
            "https://www.powershellgallery.com/packages/EDCA/1.0.0.0/Content/Controls%5CEDCA-TLS-010.json",
        ),
        known_problems=(
            "With both profiles selected every internet connector is reported under one of them: select the "
            "benchmark you follow."
        ),
    ),
)
