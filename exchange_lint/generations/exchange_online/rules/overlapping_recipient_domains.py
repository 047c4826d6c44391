"""EXL120: two enabled outbound connectors whose `recipient_domains` (or `all_accepted_domains`)
take the same domains, with which one outbound selection picks for them and why (DESIGN §10).

The winner is asked of `routing.select.route`, the one place selection is written; this rule only
finds where two connectors' domains meet. A note where the precedence decides, a warning where
it does not (Exchange Online documents no order between them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from exchange_lint.findings import Location, Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import AUTHORITATIVE, Organization, OutboundConnector
from exchange_lint.generations.exchange_online.routing.domains import ANY, normal
from exchange_lint.generations.exchange_online.routing.select import LOCAL, UNDETERMINED, Route, route
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.rules.api import Problem, Rule, RuleDoc

# The domain that stands for "any domain no connector names" when two `*` meet (`.invalid` is reserved).
ANY_DOMAIN = "any-other-domain.invalid"
# The label under two wildcards of one domain: a subdomain neither names exactly.
SUBDOMAIN = "any-subdomain"
ALL_ACCEPTED = "all_accepted_domains"
_WHY = {
    "exact": "recipient_domains names it exactly",
    "accepted": "all_accepted_domains comes before wildcards",
    "wildcard": "the most specific wildcard wins",
    "rule": "a transport rule routes it there first",
}


class Entry(NamedTuple):
    """One way a connector takes domains: a `recipient_domains` entry or `all_accepted_domains`."""

    order: int  # the connector's place in the tenant
    connector: OutboundConnector
    pattern: str  # as written, or `all_accepted_domains`
    wildcard: bool
    key: str  # the domain it names (`*.contoso.com`: contoso.com, `*`: empty)
    location: Location


def _entries(organization: Organization) -> list[Entry]:
    found = []
    for order, connector in enumerate(organization.outbound_connectors):
        if not connector.enabled or connector.is_transport_rule_scoped:
            continue
        for index, pattern in enumerate(connector.recipient_domains):
            text = normal(pattern)
            wildcard = text == ANY or text.startswith("*.")
            key = "" if text == ANY else text[2:] if wildcard else text
            if not key and not wildcard:
                continue  # an empty name takes no domain (EXL002 says so)
            found.append(Entry(order, connector, pattern, wildcard, key, connector.at_item("recipient_domains", index)))
        if connector.all_accepted_domains:
            found.append(Entry(order, connector, ALL_ACCEPTED, False, "", connector.at(ALL_ACCEPTED)))
    return found


def _parents(domain: str) -> Iterator[str]:
    """The domain itself, each parent, then the empty key of `*`."""
    labels = domain.split(".") if domain else []
    for start in range(len(labels)):
        yield ".".join(labels[start:])
    yield ""


def _meetings(organization: Organization, entries: list[Entry]) -> Iterator[tuple[Entry, Entry, str]]:
    """(entry, other entry, a domain both take), each pair of connectors once per domain, at the most
    specific such domain: an exact name, a subdomain under two wildcards, an accepted domain."""
    exact: dict[str, list[Entry]] = defaultdict(list)
    wild: dict[str, list[Entry]] = defaultdict(list)
    accepted = [e for e in entries if e.pattern == ALL_ACCEPTED]
    for entry in entries:
        if entry.pattern != ALL_ACCEPTED:
            (wild if entry.wildcard else exact)[entry.key].append(entry)
    seen: set[tuple[frozenset[int], str]] = set()

    def pairs(domain: str, here: list[Entry], covering: list[Entry]) -> Iterator[tuple[Entry, Entry, str]]:
        for one in here:
            for other in covering:
                pair = (frozenset((one.order, other.order)), domain)
                if one.order != other.order and pair not in seen:
                    seen.add(pair)
                    yield one, other, domain

    for key, group in exact.items():
        yield from pairs(key, group, group)
        for parent in _parents(key):
            yield from pairs(key, group, wild.get(parent, []))
    for key, group in wild.items():
        below = f"{SUBDOMAIN}.{key}" if key else ANY_DOMAIN
        for parent in _parents(key):
            yield from pairs(below, group, wild.get(parent, []))
    domains = [normal(d.domain) for d in organization.accepted_domains if d.type != AUTHORITATIVE]
    for domain in domains if accepted else ():
        taking = [*exact.get(domain, []), *(e for p in _parents(domain) for e in wild.get(p, []))]
        yield from pairs(domain, accepted, [*accepted, *taking])


def _shown(domain: str) -> str:
    if domain == ANY_DOMAIN:
        return "any other domain"
    return f"the subdomains of {domain[len(SUBDOMAIN) + 1 :]}" if domain.startswith(f"{SUBDOMAIN}.") else domain


def _outcome(found: Route, domain: str, pair: set[str]) -> tuple[str, Severity | None]:
    if found.outcome == UNDETERMINED:
        names = ", ".join(f"'{n}'" for n in found.selected)
        if pair <= set(found.selected):
            return f"for {_shown(domain)} neither wins ({names} are left; no order is documented)", Severity.WARNING
        return f"for {_shown(domain)} outbound selection leaves {names}, with no documented order", None
    why = _WHY.get(found.decided_by, found.decided_by)
    return f"for {_shown(domain)} Exchange Online picks '{found.verdict}' ({why})", None


def check(organization: Organization) -> Iterator[Problem]:
    routes: dict[str, Route] = {}
    for one, other, domain in _meetings(organization, _entries(organization)):
        if domain not in routes:
            routes[domain] = route(organization, f"postmaster@{domain}")
        found = routes[domain]
        if found.outcome == LOCAL:
            continue
        later, earlier = (one, other) if one.order > other.order else (other, one)
        said, severity = _outcome(found, domain, {one.connector.name, other.connector.name})
        yield Problem(
            f"outbound connector '{later.connector.name}' ({later.pattern}) overlaps '{earlier.connector.name}' "
            f"({earlier.pattern}): {said}",
            later.location,
            related=(earlier.location,),
            severity=severity,
            hint="name each domain on one connector only, or confirm that the connector picked is the one meant",
        )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL120",
    name="overlapping-recipient-domains",
    severity=Severity.NOTE,
    summary="two outbound connectors take the same recipient domains; which one wins, and why",
    tags=("routing", "outbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "For two enabled outbound connectors that are not transport-rule scoped, reports each pair of "
            "`recipient_domains` entries (or `all_accepted_domains`, for the accepted domains that are not "
            "Authoritative) that take a common domain, at the entry of the connector written later, with the "
            "other as a related location; the message names the most specific common domain and the connector "
            "outbound selection picks for it, with the reason (exact name, all accepted domains, most specific "
            "wildcard, a transport rule). A note; a warning where one step leaves both and the outcome is "
            "undetermined."
        ),
        why=(
            "Overlapping connectors are often intended (a partner's own connector beside a `*` smart host), but "
            "the precedence is easy to misjudge: an exact name beats `all_accepted_domains`, which beats any "
            "wildcard, and between two equal steps Exchange Online documents no order, so mail for those "
            "domains may take either route."
        ),
        example=HEADER
        + """\
outbound_connectors:
  - name: Smart host
    recipient_domains: ["*"]
    use_mx_record: false
    smart_hosts: [relay.contoso.com]
  - name: Partner Fabrikam
    recipient_domains: ["*.fabrikam.com"]    # EXL120
    tls_settings: DomainValidation
    tls_domain: mail.fabrikam.com
""",
        use_instead=HEADER
        + """\
outbound_connectors:
  - name: Smart host
    recipient_domains: ["*.example.net"]
    use_mx_record: false
    smart_hosts: [relay.contoso.com]
  - name: Partner Fabrikam
    recipient_domains: ["*.fabrikam.com"]
    tls_settings: DomainValidation
    tls_domain: mail.fabrikam.com
""",
        references=(
            "New-OutboundConnector (RecipientDomains, AllAcceptedDomains, IsTransportRuleScoped) "
            "https://learn.microsoft.com/powershell/module/exchange/new-outboundconnector",
        ),
    ),
)
