"""EXL117: an InternalRelay/ExternalRelay accepted domain no Send connector names (S33a)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.model import EXTERNAL_RELAY, INTERNAL_RELAY, Organization
from exchange_lint.generations.exchange2007_se.routing.spaces import SMTP, smtp_pattern, smtp_specificity
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL117"
NAME = "relay-domain-without-connector"


def _covered(domain: str, pattern: str) -> bool:
    """A space other than `*` that routes every address of the accepted domain (`*.x` included)."""
    domain = smtp_pattern(domain)
    if domain.startswith("*."):
        pattern = smtp_pattern(pattern)
        suffix = domain[2:]
        return pattern.startswith("*.") and (suffix == pattern[2:] or suffix.endswith("." + pattern[2:]))
    how = smtp_specificity(pattern, domain)
    return how is not None and how.rank >= 2


def check(organization: Organization) -> Iterator[Problem]:
    spaces = [
        space.address
        for connector in organization.send_connectors
        if connector.enabled
        for space in connector.address_spaces
        if space.type == SMTP
    ]
    edge = bool(organization.edge_subscriptions)
    for accepted in organization.accepted_domains:
        if accepted.type not in (INTERNAL_RELAY, EXTERNAL_RELAY) or accepted.domain.strip() == "*":
            continue  # `*` is an open relay, a security rule's finding
        if any(_covered(accepted.domain, pattern) for pattern in spaces):
            continue
        if edge:
            yield Problem(
                f"relay domain {accepted.domain} ({accepted.type}) has no Send connector of its own; with an Edge "
                "subscription the Edge treats it as internal and sends it back: a mail loop",
                accepted.location,
                hint=f"add a Send connector with the address space {accepted.domain} toward the domain's own hosts",
                severity=Severity.ERROR,
            )
        else:
            yield Problem(
                f"relay domain {accepted.domain} ({accepted.type}) has no Send connector of its own; it leaves "
                "by `*` only by accident",
                accepted.location,
                hint=f"add a Send connector with the address space {accepted.domain} toward the domain's own hosts",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id=ID,
    name=NAME,
    severity=Severity.WARNING,
    summary="a relay accepted domain no Send connector routes more specifically than `*`",
    tags=("routing", "accepted-domains"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an `InternalRelay` or `ExternalRelay` accepted domain when no enabled Send connector has "
            "an address space covering it more specifically than `*` (the domain itself, or a `*.parent` "
            "wildcard). A warning; an error when the organization has an Edge subscription."
        ),
        why=(
            "A relay domain's mail must go to the hosts that hold its mailboxes, which takes a Send connector "
            "with its address space and their smart host. Without an Edge it leaves through the internet "
            "connector, working by accident (MX lookups); with an Edge, the Edge sees the domain as internal, "
            "sends it back to the Mailbox servers and the message loops until the hop count is exceeded."
        ),
        example="""\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - {name: HQ, servers: [EX01]}
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: fabrikam.example, type: InternalRelay}   # EXL117
send_connectors:
  - {name: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}
""",
        use_instead="""\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - {name: HQ, servers: [EX01]}
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: fabrikam.example, type: InternalRelay}
send_connectors:
  - {name: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}
  - name: Fabrikam
    source_transport_servers: [EX01]
    smart_hosts: [mail.fabrikam.example]
    address_spaces: ["SMTP:fabrikam.example;1"]
""",
        references=(
            "Exchange Server: Accepted domains (relay domains need a Send connector), "
            "https://learn.microsoft.com/exchange/mail-flow/accepted-domains/accepted-domains",
            "Practical365, Avoiding infinite loops with internal relay domains in Exchange 2007/2010, "
            "https://practical365.com/exchange-2007-2010-infinite-loops-internal-relay-domains",
            "554 5.4.14 Hop count exceeded - possible mail loop, "
            "https://learn.microsoft.com/exchange/troubleshoot/mailflow/hop-count-exceeded-possible-mail-loop",
        ),
    ),
)
