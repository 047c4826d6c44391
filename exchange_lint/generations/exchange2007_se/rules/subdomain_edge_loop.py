"""EXL118: an Edge Send connector's address space for a subdomain of an accepted domain that is not
itself accepted: the message loops until the hop count is exceeded (5.4.14; catalog S33b)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER, on_edge
from exchange_lint.generations.exchange2007_se.model import AcceptedDomain, Organization
from exchange_lint.generations.exchange2007_se.routing.spaces import ANY, EDGE_SPACE, SMTP, covers, smtp_pattern
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL118"
NAME = "subdomain-edge-loop"


def parent_of(domain: str, accepted: tuple[AcceptedDomain, ...]) -> AcceptedDomain | None:
    """The accepted domain `domain` is a strict subdomain of, when none accepts it (exactly or as
    `*.parent`, the route engine's own `covers`)."""
    if any(item.domain.strip() != ANY and covers(item.domain, domain) for item in accepted):
        return None
    for item in accepted:
        parent = smtp_pattern(item.domain).removeprefix("*.")
        if parent != ANY and domain.endswith("." + parent):
            return item
    return None


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.send_connectors:
        if not connector.enabled or not on_edge(organization, connector):
            continue
        for space in connector.address_spaces:
            pattern = smtp_pattern(space.address)
            if space.type != SMTP or pattern in (ANY, EDGE_SPACE):
                continue
            domain = pattern.removeprefix("*.")
            parent = parent_of(domain, organization.accepted_domains)
            if parent is None:
                continue
            yield Problem(
                f"Edge Send connector '{connector.name}' routes {space.address.strip()}, a subdomain of the "
                f"accepted domain {parent.domain} that is not itself accepted: the message can loop between the "
                "Edge and the next hop until the hop count is exceeded (554 5.4.14)",
                space.location,
                related=(parent.location.labelled(f"accepted domain {parent.domain}"),),
                hint=f"add {domain} (or *.{smtp_pattern(parent.domain).removeprefix('*.')}) as an accepted domain, "
                "or route the subdomain from a Mailbox server's Send connector",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id=ID,
    name=NAME,
    severity=Severity.WARNING,
    summary="an Edge Send connector routes a subdomain of an accepted domain that is not itself accepted",
    tags=("routing", "accepted-domains", "edge"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an SMTP address space of an enabled Send connector that runs on the Edge (all its source "
            "servers are Edge Transport servers) when the space (`app.contoso.com`, or `*.app.contoso.com`) is a "
            "subdomain of an accepted domain and no accepted domain takes it, exactly or as a `*.parent` "
            "wildcard. `*` and the Edge's own `--` are left alone."
        ),
        why=(
            "The Edge and the hosts beyond it see the parent domain as the organization's; a subdomain that is "
            "no accepted domain of its own is neither delivered inside nor handed out for good, so the message "
            "goes back and forth until the hop count is exceeded and the sender gets 554 5.4.14 (Hop count "
            "exceeded - possible mail loop)."
        ),
        example=HEADER
        + """\
edge_subscriptions:
  - {edge: EDGE01, site: HQ}
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
send_connectors:
  - name: EdgeSync - HQ to Internet
    source_transport_servers: [EDGE01]
    address_spaces: ["SMTP:*;1", "SMTP:app.contoso.com;1"]   # EXL118
""",
        use_instead=HEADER
        + """\
edge_subscriptions:
  - {edge: EDGE01, site: HQ}
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: app.contoso.com, type: InternalRelay}
send_connectors:
  - name: EdgeSync - HQ to Internet
    source_transport_servers: [EDGE01]
    address_spaces: ["SMTP:*;1", "SMTP:app.contoso.com;1"]
""",
        references=(
            "554 5.4.14 Hop count exceeded - possible mail loop (a subdomain routed through Edge), "
            "https://learn.microsoft.com/exchange/troubleshoot/mailflow/hop-count-exceeded-possible-mail-loop",
            "Exchange Server: Accepted domains, "
            "https://learn.microsoft.com/exchange/mail-flow/accepted-domains/accepted-domains",
        ),
    ),
)
