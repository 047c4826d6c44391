"""EXL107-EXL112: connectors whose routes cannot work as declared (misconfiguration catalog S03-S11)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.addresses import (
    X400_HIERARCHY,
    Recipient,
    has_wildcard,
    match,
    match_bound,
    matches_everything,
    x400_fields,
)
from exchange_lint.findings import Location, Severity
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization, Site
from exchange_lint.generations.exchange40_55.routing.analysis import Analysis, analyse, fate
from exchange_lint.generations.exchange40_55.routing.kinds import (
    NATIVE_TYPES,
    REQUIRES_NATIVE_SPACE,
    gateway_address_type,
    sends,
)
from exchange_lint.generations.exchange40_55.routing.overlap import witness
from exchange_lint.generations.exchange40_55.routing.select import NO_ROUTE
from exchange_lint.generations.exchange40_55.rules.ambiguous_route import describe_origins
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb

_HEADER = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
"""


def _related(location: Location, message: str) -> Location:
    return Location(location.path, location.region, location.anchor, message)


def check_unused_gateway(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if connector.kind != "msmail":
            continue
        for gateway in connector.gateways:
            wanted = gateway_address_type(gateway.type)
            spaces = [s for s in connector.address_spaces if s.type == wanted]
            if gateway.type == "ATT":
                spaces = [s for s in spaces if "!" in s.address]
            if spaces:
                continue
            if gateway.type == "ATT":
                example = "SMTP:*!*;2` (AT&T bang paths, KB Q147044)"
            elif wanted in ("SMTP", "X400"):
                example = (
                    f"{wanted}:...` for just the addresses that gateway serves (narrower than the IMS's "
                    "or X.400 Connector's)"
                )
            else:
                example = f"{wanted}:;1`"
            yield Problem(
                f"{gateway.type} gateway on '{connector.name}' has no matching address space on the connector, so the "
                f"MTA never routes {wanted} mail to it: add `{example} and recalculate routing (KB Q167979, Q149675)",
                gateway.location,
            )


def check_idle_ims(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if sends(connector) or not connector.address_spaces:
            continue
        related = (
            (_related(connector.transfer_mode_location, f"transfer mode {connector.transfer_mode}"),)
            if connector.transfer_mode_location
            else ()
        )
        yield Problem(
            f"'{connector.name}' has transfer mode {connector.transfer_mode} but still advertises "
            f"{connector.address_spaces[0].text}: the MTA keeps queueing outbound mail for it, the IMS never picks "
            "it up, and the mail is neither rerouted nor returned (KB Q238719); remove its address spaces",
            connector.address_spaces[0].location,
            related,
        )


def _key(fields: dict[str, str], attributes: tuple[str, ...]) -> tuple[str, ...] | None:
    """The literal values of these attributes, or None when one is missing or a wildcard."""
    values = []
    for attribute in attributes:
        value = fields.get(attribute)
        if value is None or has_wildcard(value):
            return None
        values.append(value.strip().casefold())
    return tuple(values)


def _site_index(organization: Organization) -> dict[tuple[str, ...], dict[tuple[str, ...], list[Site]]]:
    """Sites by the attributes their X.400 address names, then by those attributes' values."""
    index: dict[tuple[str, ...], dict[tuple[str, ...], list[Site]]] = {}
    for site in organization.sites:
        fields = x400_fields(site.x400_address) if site.x400_address else None
        if not fields:
            continue
        attributes = tuple(a for a in X400_HIERARCHY if a in fields)
        key = _key(fields, attributes)
        if key is not None:
            index.setdefault(attributes, {}).setdefault(key, []).append(site)
    return index


def check_site_address_collision(organization: Organization) -> Iterator[Problem]:
    index = _site_index(organization)
    site_of = {server.name.casefold(): server.site for server in organization.servers}
    for connector in organization.connectors:
        home = site_of.get((connector.server or "").casefold())
        linked = {c.name for c in connector.connected_sites}
        for space in connector.address_spaces:
            fields = x400_fields(space.address) if space.type == "X400" and space.address.strip() else None
            if not fields:
                continue
            # Inside a site's address: the space repeats each of the site's attributes literally.
            inside = [
                site
                for attributes, sites in index.items()
                if (key := _key(fields, attributes)) is not None
                for site in sites.get(key, ())
            ]
            for site in inside:
                assert site.x400_address is not None
                if site.name in linked and site.name != home:
                    continue
                whose = "its own site" if site.name == home else f"site {site.name}"
                related = (
                    (_related(site.x400_address_location, f"X.400 address of site {site.name}"),)
                    if site.x400_address_location
                    else ()
                )
                yield Problem(
                    f"X.400 address space `{space.address}` on '{connector.name}' lies inside the X.400 address of "
                    f"{whose} ({site.x400_address}): the MTA treats such recipients as local to that site "
                    "(its site proxy space) and returns them as NDRs, or drops the connector's route from the "
                    "GWART (events 254/142/290, KB Q180547, Q169672)",
                    space.location,
                    related,
                )


def check_dda_fallback_loop(organization: Organization) -> Iterator[Problem]:
    if len(organization.sites) < 2:
        return
    catch_alls = [
        (connector, space)
        for connector in organization.connectors
        if connector.kind == "x400"
        for space in connector.address_spaces
        if space.type == "X400" and matches_everything("X400", space.address)
    ]
    if not catch_alls:
        return
    # A DDA falls back to X.400 only where no DDA route exists (§1.3): route a typical SMTP
    # recipient from each site and list the sites that find none.
    analysis = analyse(organization)
    typical = Recipient("SMTP", "someone@example.com")
    without = [
        site.name
        for site in organization.sites
        if all(analysis.route(origin, typical).outcome == NO_ROUTE for origin in analysis.topology.resolve(site.name))
    ]
    if not without:
        return
    for connector, space in catch_alls:
        yield Problem(
            f"catch-all X.400 address space `{space.address}` (cost {space.cost}) on '{connector.name}' while "
            f"site(s) {', '.join(without)} have no SMTP route: an SMTP custom recipient or one-off "
            "that finds no DDA route falls back to its X.400 address, this connector takes it, and the message "
            "can loop back to its site until it is NDRed after about 512 hops (KB Q262116, Q262124); give those "
            "sites an SMTP route or narrow the X.400 address space",
            space.location,
        )


def check_missing_native(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if connector.kind not in REQUIRES_NATIVE_SPACE or not connector.address_spaces:
            continue  # no address space at all: EXL304
        native = NATIVE_TYPES[connector.kind]
        if any(space.type in native for space in connector.address_spaces):
            continue
        wanted = sorted(native)[0]
        yield Problem(
            f"{connector.kind} connector '{connector.name}' has no {wanted} address space, so no {wanted} recipient is "
            f'routed to it ("The recipient name is not recognized", MTA event 142, KB Q186235); add `{wanted}:*;1` '
            "(KB Q201058)",
            connector.location,
        )


def _own_smtp(organization: Organization) -> Iterator[tuple[Connector, AddressSpace]]:
    for connector in organization.connectors:
        if connector.kind == "internet_mail" and sends(connector):
            for space in connector.address_spaces:
                if space.type == "SMTP" and space.scope == "organization":
                    yield connector, space


def _remote_rivals(analysis: Analysis, connector: Connector, space: AddressSpace, home: str) -> bool:
    """Whether a connector in another site matches a typical recipient of the space at least as well.

    Most IMS spaces have none, and the best match a pattern can give (`match_bound`) rules most
    candidates out before any matching."""
    recipient = witness(space.type, space.address)
    own = match(space.type, space.address, recipient) if recipient is not None else None
    if recipient is None or own is None:
        return False
    topology = analysis.topology
    for other, other_space in analysis.index.candidates(recipient):
        bound = match_bound(other_space.type, other_space.address)
        if bound is None or bound < own or topology.connector_site(other) == home:
            continue
        quality = match(other_space.type, other_space.address, recipient)
        if quality is not None and quality >= own:
            return True
    return False


def check_remote_site_preferred(organization: Organization) -> Iterator[Problem]:
    if len(organization.sites) < 2:
        return
    analysis = analyse(organization)
    topology = analysis.topology
    for connector, space in _own_smtp(organization):
        home = topology.connector_site(connector)
        if home is None or not _remote_rivals(analysis, connector, space, home):
            continue
        found = fate(analysis, connector, space, home)
        if home is None or found is None:
            continue
        lost = list(found.never)
        if not lost:
            continue
        route = analysis.route(lost[0], found.recipient)
        winners = sorted({c.name for c in route.selected})
        if not winners or all(topology.connector_site(c.connector) == home for c in route.selected):
            continue
        yield Problem(
            f"mail from site {home} ({describe_origins(lost)}) to recipients like {found.recipient} leaves through "
            f"{', '.join(repr(w) for w in winners)} in another site ({route.steps[-1].reason}) instead of its own "
            f"'{connector.name}' ({space.text}): address spaces replicate organization-wide, so the cheaper remote "
            "route wins (KB Q161947); give the remote IMS `scope: site` or adjust the costs (5.5; KB Q279404)",
            space.location,
        )


UNUSED_GATEWAY = Rule(
    id="EXL107",
    name="unused-msmail-gateway",
    severity=Severity.WARNING,
    summary="MS Mail gateway with no address space of its type on the connector: no mail reaches it",
    tags=("routing", "msmail"),
    check=check_unused_gateway,
    doc=RuleDoc(
        what=(
            "Reports an MS Mail gateway declared on an `msmail` connector when the connector carries no "
            "address space of the gateway's address type (AT&T: an SMTP bang-path space such as `*!*`)."
        ),
        why=(
            "A gateway behind the MS Mail Connector is used only when the MTA routes its type to the connector, "
            "and the MTA learns that from an address space: Q167979 (FAX), Q149675 (MHS) and Q149315 (SNADS) "
            "each add one, usually blank at cost 1."
        ),
        example=_HEADER
        + """\
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    gateways:
      - {type: FAX, postoffice: CA/TCAHQPO, access_components: true}   # EXL107
    address_spaces: ["MS:CA/*;1"]
""",
        use_instead=_HEADER
        + """\
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    gateways:
      - {type: FAX, postoffice: CA/TCAHQPO, access_components: true}
    address_spaces: ["MS:CA/*;1", {type: FAX, address: "", cost: 1}]
""",
        references=(
            kb(167979, "adding the MS Mail Fax gateway: FAX address space plus access component"),
            kb(149675, "MHS through the MS Mail Connector needs an MHS address space"),
            kb(149315, "SNADS through the MS Mail Connector"),
            kb(147044, "IMC and the MS Mail AT&T gateway: `*!*` on the MS Mail Connector"),
        ),
    ),
)

IDLE_IMS = Rule(
    id="EXL108",
    name="address-space-on-idle-ims",
    severity=Severity.ERROR,
    summary="IMS set to inbound only (or none) that still advertises address spaces: mail queues forever",
    tags=("routing", "internet-mail"),
    check=check_idle_ims,
    doc=RuleDoc(
        what=(
            "Reports an `internet_mail` connector with `transfer_mode: inbound_only` or `none` that has address spaces."
        ),
        why=(
            "Address spaces are what advertise a route. The MTA keeps queueing outbound mail for an IMS that "
            "no longer sends; the IMS never picks it up, the mail is not rerouted (gateways do not reroute) "
            "and no NDR comes back, so it is silently lost."
        ),
        example=_HEADER
        + """\
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - name: IMS inbound
    kind: internet_mail
    server: TRADE
    transfer_mode: inbound_only
    address_spaces: ["SMTP:*;1"]                 # EXL108
""",
        use_instead=_HEADER
        + """\
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - name: IMS inbound
    kind: internet_mail
    server: TRADE
    transfer_mode: inbound_only
    address_spaces: []
""",
        references=(kb(238719, "IMS set to inbound only still gets outbound mail queued"),),
    ),
)

SITE_ADDRESS_COLLISION = Rule(
    id="EXL109",
    name="site-address-collision",
    severity=Severity.ERROR,
    summary="X.400 address space inside a site's own X.400 address: recipients are taken as local and NDRed",
    tags=("routing", "x400"),
    check=check_site_address_collision,
    doc=RuleDoc(
        what=(
            "With `x400_address` declared on sites: reports an X.400 address space that lies inside a site's "
            "X.400 address (it repeats every attribute of the site address literally), unless the connector "
            "links to that site (its connected sites), where that address space is the normal one."
        ),
        why=(
            "The MTA first checks whether a recipient falls in the local site's proxy space; if it does, the "
            "recipient is treated as local and, not being found, NDRed (events 254/142/290). A connector route "
            "inside a site's address can also vanish from the GWART."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE], x400_address: "c=US;a= ;p=Contoso;o=TRADE"}
connectors:
  - name: X.400 Connector (TRADE)
    kind: x400
    server: TRADE
    address_spaces: ["X400:c=US;a= ;p=Contoso;o=TRADE;ou1=PARTNER;1"]   # EXL109
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE], x400_address: "c=US;a= ;p=Contoso;o=TRADE"}
connectors:
  - name: X.400 Connector (TRADE)
    kind: x400
    server: TRADE
    address_spaces: ["X400:c=US;a= ;p=Partner;1"]
""",
        references=(
            kb(180547, "a proxy duplicating a remote site's space: every message to that site NDRs"),
            kb(169672, "a proxy inside an X.400 connector's space: the route disappears from the GWART"),
            kb(281587, "extra X.400 addresses add unwanted spaces to the site route"),
        ),
        known_problems="Recipient-level X.400 proxies are not part of the connector files and are not checked.",
    ),
)

DDA_FALLBACK_LOOP = Rule(
    id="EXL110",
    name="dda-fallback-loop",
    severity=Severity.WARNING,
    summary="catch-all `c=*` X.400 route while some site has no SMTP route: DDA fallback can loop",
    tags=("routing", "x400"),
    check=check_dda_fallback_loop,
    doc=RuleDoc(
        what=(
            "In an organization of two or more sites, reports a catch-all X.400 address space (`c=*`, every "
            "attribute a wildcard) on an X.400 connector when, from some site, an SMTP recipient finds no "
            "route at all (for example every SMTP route there is site-scoped elsewhere)."
        ),
        why=(
            "A custom recipient or one-off is routed by its DDA (for example `SMTP:...`) first; when no DDA "
            "route is found, the MTA falls back to the recipient's X.400 address, the `c=*` connector takes "
            "it, and the message can loop back to the originating site until it is NDRed after about 512 "
            "reroutes."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces: [{type: SMTP, address: "*", scope: site}]   # LONDON has no SMTP route
  - name: X.400 to provider (LONDON)
    kind: x400
    server: LON1
    address_spaces: ["X400:c=*;1"]                 # EXL110
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces: [{type: SMTP, address: "*", scope: site}]
  - name: X.400 to provider (LONDON)
    kind: x400
    server: LON1
    address_spaces: ["X400:c=GB;a=TMAILUK;p=*;1"]
""",
        references=(
            kb(262116, "custom recipient falls back to X.400 and loops over c=*"),
            kb(262124, "SMTP custom recipient over an X.400 connector loops 512 times"),
            kb(166611, "a single X.400 connector with c=*: loop NDR"),
        ),
    ),
)

MISSING_NATIVE = Rule(
    id="EXL111",
    name="missing-native-address-space",
    severity=Severity.ERROR,
    summary="gateway connector without an address space of its own type: its recipients get NDRs",
    tags=("routing",),
    check=check_missing_native,
    doc=RuleDoc(
        what=(
            "Reports a cc:Mail, Notes, GroupWise, PROFS or SNADS connector that has address spaces but none "
            "of its own type (CCMAIL, NOTES, GWISE, PROFS, SNADS). A connector with no address space at all is "
            "EXL304."
        ),
        why=(
            "The MTA routes a recipient only through an address space of the recipient's type. Without "
            '`CCMAIL:*` the cc:Mail connector receives no cc:Mail mail: senders get "The recipient name is '
            'not recognized" and the MTA logs event 142.'
        ),
        example=_HEADER
        + """\
  - name: cc:Mail Connector (TRADE)
    kind: ccmail
    server: TRADE
    address_spaces: ["CCMAIL2:*;1"]                 # EXL111 (and EXL102)
""",
        use_instead=_HEADER
        + """\
  - name: cc:Mail Connector (TRADE)
    kind: ccmail
    server: TRADE
    address_spaces: ["CCMAIL:*;1"]
""",
        references=(
            kb(186235, "cc:Mail connector without address space: NDR and event 142"),
            kb(201058, "NDRs to cc:Mail: the CCMAIL address space should be * or blank"),
            kb(133403, '"The recipient name is not recognized"'),
        ),
    ),
)

REMOTE_SITE_PREFERRED = Rule(
    id="EXL112",
    name="remote-site-preferred",
    severity=Severity.WARNING,
    summary="a site's own IMS loses its internet mail to a cheaper IMS in another site",
    tags=("routing", "internet-mail"),
    check=check_remote_site_preferred,
    doc=RuleDoc(
        what=(
            "For each organization-wide SMTP address space of a sending IMS, routes a typical recipient from "
            "the IMS's own site and reports when the mail leaves through a connector in another site instead."
        ),
        why=(
            "Address spaces replicate to every site, and the MTA compares end-to-end costs: when another "
            "site's IMS is cheaper, a site's internet mail crosses the site link and leaves there, although "
            "the site has its own IMS. Since 5.5, `scope: site` keeps an IMS for its own site's mail "
            "(Q279404: mail entering that site from elsewhere still uses it)."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: Site Connector (TRADE)
    kind: site
    server: TRADE
    connected_sites: [{name: LONDON, cost: 1}]
  - {name: IMS (TRADE), kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;10"]}   # EXL112
  - {name: IMS (LONDON), kind: internet_mail, server: LON1, address_spaces: ["SMTP:*;1"]}
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: Site Connector (TRADE)
    kind: site
    server: TRADE
    connected_sites: [{name: LONDON, cost: 1}]
  - {name: IMS (TRADE), kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS (LONDON), kind: internet_mail, server: LON1, address_spaces: ["SMTP:*;1"]}
""",
        references=(
            kb(161947, "address spaces replicate: mail goes to a remote site's IMC"),
            kb(279404, "a site-scoped IMS is still used by mail entering the site"),
            kb(239228, "the IMS ignored site/location restrictions before 5.5 SP4"),
        ),
    ),
)

RULES = (
    UNUSED_GATEWAY,
    IDLE_IMS,
    SITE_ADDRESS_COLLISION,
    DDA_FALLBACK_LOOP,
    MISSING_NATIVE,
    REMOTE_SITE_PREFERRED,
)
