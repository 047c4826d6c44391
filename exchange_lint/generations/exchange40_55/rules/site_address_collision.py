"""EXL109: X.400 address space inside a site's own X.400 address: recipients are taken as local and NDRed."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.addresses import (
    X400_HIERARCHY,
    has_wildcard,
    x400_fields,
)
from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization, Site
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb


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
                    (site.x400_address_location.labelled(f"X.400 address of site {site.name}"),)
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
                    hint="route only addresses outside the site's own X.400 address, or correct the site's address",
                )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
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
