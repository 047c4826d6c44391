"""EXL301–EXL306: names that must resolve or be unique across the organization's files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import TypeVar

from exchange_lint.findings import Location, Severity
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.kinds import sends
from exchange_lint.rules.api import Problem, Rule, RuleDoc

T = TypeVar("T")

# Gateways route only what their address spaces advertise (Q133403, Q186235). The MS Mail
# Connector is left out: it adds `MS:NETWORK/PO` for each connected post office itself (XOG10023).
GATEWAY_KINDS = frozenset({"internet_mail", "ccmail", "notes", "groupwise", "profs", "snads"})

_HEADER = """\
version: 1
organization: Contoso
"""


def _duplicates(items: Iterable[T], name: Callable[[T], str]) -> Iterator[list[T]]:
    """Every group of items sharing a name (compared without case), in file order: one finding a group."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(name(item).casefold(), []).append(item)
    return (group for group in groups.values() if len(group) > 1)


def _places(locations: list[Location], label: str) -> tuple[Location, tuple[Location, ...]]:
    """The first place as primary, the others as related; each labelled, since the engine may swap them."""
    labelled = [replace(location, message=label) for location in locations]
    return labelled[0], tuple(labelled[1:])


def check_unknown_server(organization: Organization) -> Iterator[Problem]:
    servers = {server.name.casefold() for server in organization.servers}
    for connector in organization.connectors:
        if connector.server is None and len(organization.sites) > 1:
            yield Problem(
                f"connector '{connector.name}' names no `server`, and organization '{organization.name}' has "
                f"{len(organization.sites)} sites: the routing model cannot tell which site it is in, so it "
                "leaves it out of every route; name its server (for a Site Connector, any server of its site)",
                connector.location,
            )
            continue
        if connector.server is None or connector.server.casefold() in servers:
            continue
        known = ", ".join(sorted(s.name for s in organization.servers)) or "none declared"
        yield Problem(
            f"connector '{connector.name}' runs on server '{connector.server}', which no site of "
            f"organization '{organization.name}' declares (servers: {known})",
            connector.server_location or connector.location,
        )


def check_unknown_site(organization: Organization) -> Iterator[Problem]:
    sites = {site.name.casefold() for site in organization.sites}
    origins = sites | {server.name.casefold() for server in organization.servers}
    for connector in organization.connectors:
        for connected in connector.connected_sites:
            if connected.name.casefold() not in sites:
                yield Problem(
                    f"connector '{connector.name}' connects to site '{connected.name}', which organization "
                    f"'{organization.name}' does not declare",
                    connected.location,
                )
    for test in organization.routing_tests:
        if test.origin.casefold() not in origins:
            yield Problem(
                f"routing test starts at '{test.origin}', which is neither a declared site nor a declared server",
                test.location,
            )


def check_duplicate_connector(organization: Organization) -> Iterator[Problem]:
    for group in _duplicates(organization.connectors, lambda c: c.name):
        primary, related = _places([c.location for c in group], f"a connector named '{group[0].name}'")
        yield Problem(
            f"connector name '{group[0].name}' is used by {len(group)} connectors; connector names are "
            "unique in an organization",
            primary,
            related,
        )


def check_gateway_without_address_space(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if connector.kind in GATEWAY_KINDS and not connector.address_spaces and sends(connector):
            yield Problem(
                f"{connector.kind} connector '{connector.name}' has no address space, so the MTA never routes "
                'mail to it and such recipients get "The recipient name is not recognized" (KB Q133403, '
                "Q186235)",
                connector.location,
            )


def check_duplicate_site(organization: Organization) -> Iterator[Problem]:
    for group in _duplicates(organization.sites, lambda s: s.name):
        primary, related = _places([s.location for s in group], f"site '{group[0].name}' declared here")
        yield Problem(f"site '{group[0].name}' is declared {len(group)} times", primary, related)


def check_duplicate_server(organization: Organization) -> Iterator[Problem]:
    for group in _duplicates(organization.servers, lambda s: s.name):
        sites = ", ".join(sorted({f"'{server.site}'" for server in group}))
        primary, related = _places([s.location for s in group], f"server '{group[0].name}' listed here")
        yield Problem(
            f"server '{group[0].name}' is listed {len(group)} times (sites {sites}); a server belongs to one site",
            primary,
            related,
        )


UNKNOWN_SERVER = Rule(
    id="EXL301",
    name="unknown-server",
    severity=Severity.ERROR,
    summary="connector on a server that no site declares",
    tags=("references",),
    check=check_unknown_server,
    doc=RuleDoc(
        what=(
            "Reports a connector whose `server` is not listed under `servers` of any site of its "
            "organization, or that names no server in an organization of several sites."
        ),
        why=(
            "The site a connector belongs to, and so which senders see its address spaces and which "
            "connector is local to the routing server, follows from its server. An unknown server "
            "is usually a typo, and the routing model cannot place the connector."
        ),
        example=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADEX, address_spaces: ["SMTP:*;1"]}   # EXL301
""",
        use_instead=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
""",
    ),
)

UNKNOWN_SITE = Rule(
    id="EXL302",
    name="unknown-site",
    severity=Severity.ERROR,
    summary="connected site or routing-test origin that the organization does not declare",
    tags=("references",),
    check=check_unknown_site,
    doc=RuleDoc(
        what=(
            "Reports a `connected_sites` entry naming a site the organization does not declare, and a "
            "routing test whose `from` is neither a declared site nor a declared server."
        ),
        why=(
            "Connected sites feed the GWART with routes to other sites; a misspelt one advertises a route "
            "to nowhere, and a routing test from an unknown origin tests nothing."
        ),
        example=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
connectors:
  - name: X.400 to Paris
    kind: x400
    server: TRADE
    connected_sites: [{name: PARISS, cost: 1}]   # EXL302
    address_spaces: ["X400:c=FR;a= ;p=Contoso;o=PARIS;1"]
""",
        use_instead=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
connectors:
  - name: X.400 to Paris
    kind: x400
    server: TRADE
    connected_sites: [{name: PARIS, cost: 1}]
    address_spaces: ["X400:c=FR;a= ;p=Contoso;o=PARIS;1"]
""",
    ),
)

DUPLICATE_CONNECTOR = Rule(
    id="EXL303",
    name="duplicate-connector-name",
    severity=Severity.ERROR,
    summary="two connectors with the same name in one organization",
    tags=("references",),
    check=check_duplicate_connector,
    doc=RuleDoc(
        what="Reports a connector whose name (compared without case) is already used in the organization, in any file.",
        why=(
            "Connector names identify routes in the GWART, in `routing_tests` and in findings. Two "
            "connectors with one name make every reference to it ambiguous; across files it usually "
            "means a definition was copied and not renamed."
        ),
        example=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}   # EXL303
""",
        use_instead=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}
""",
    ),
)

GATEWAY_WITHOUT_ADDRESS_SPACE = Rule(
    id="EXL304",
    name="gateway-without-address-space",
    severity=Severity.WARNING,
    summary="gateway connector with no address space: the MTA never routes to it",
    tags=("references", "routing"),
    check=check_gateway_without_address_space,
    doc=RuleDoc(
        what=(
            "Reports a gateway connector (`internet_mail`, `ccmail`, `notes`, `groupwise`, `profs`, "
            "`snads`) that declares no address space. The MS Mail Connector is not reported: it adds "
            "`MS:NETWORK/PO` for each connected post office itself; nor is an IMS whose `transfer_mode` "
            "is `inbound_only` or `none`, which must have none (EXL108)."
        ),
        why=(
            "Address spaces are what advertise a route to the MTA. A gateway without one receives no "
            'mail at all, and recipients of its type get "The recipient name is not recognized" or '
            "MTA event 142. The cc:Mail connector in particular has no address space by default."
        ),
        example=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: "cc:Mail Connector (TRADE)", kind: ccmail, server: TRADE}   # EXL304
""",
        use_instead=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: "cc:Mail Connector (TRADE)", kind: ccmail, server: TRADE, address_spaces: ["CCMAIL:*;1"]}
""",
        references=(
            'KB Q133403: "The recipient name is not recognized" https://jeffpar.github.io/kbarchive/kb/133/Q133403/',
            "KB Q186235: cc:Mail connector with no address space https://jeffpar.github.io/kbarchive/kb/186/Q186235/",
        ),
    ),
)

DUPLICATE_SITE = Rule(
    id="EXL305",
    name="duplicate-site-name",
    severity=Severity.ERROR,
    summary="the same site declared twice in one organization",
    tags=("references",),
    check=check_duplicate_site,
    doc=RuleDoc(
        what="Reports a site whose name (compared without case) is already declared in the organization.",
        why="A site is one routing unit with one GWART; declaring it twice splits its servers and hides typos.",
        example=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: TRADE, servers: [TRADE2]}   # EXL305
""",
        use_instead=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE, TRADE2]}
""",
    ),
)

DUPLICATE_SERVER = Rule(
    id="EXL306",
    name="duplicate-server",
    severity=Severity.ERROR,
    summary="a server listed in more than one site, or twice in one",
    tags=("references",),
    check=check_duplicate_server,
    doc=RuleDoc(
        what="Reports a server name (compared without case) that is already listed under a site.",
        why=(
            "A server belongs to exactly one site; the site of every connector on it, and the scope "
            "of its address spaces, follow from that."
        ),
        example=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1, TRADE]}   # EXL306
""",
        use_instead=_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
""",
    ),
)

RULES = (
    UNKNOWN_SERVER,
    UNKNOWN_SITE,
    DUPLICATE_CONNECTOR,
    GATEWAY_WITHOUT_ADDRESS_SPACE,
    DUPLICATE_SITE,
    DUPLICATE_SERVER,
)
