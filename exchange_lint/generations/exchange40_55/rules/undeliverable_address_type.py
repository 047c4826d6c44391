"""EXL102: an address space of a type its connector kind cannot deliver (domain doc §2)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Connector, Organization
from exchange_lint.generations.exchange40_55.routing.kinds import (
    NATIVE_TYPES,
    can_deliver,
    gateway_address_type,
    reachable_gateways,
    sends,
)
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb

ID = "EXL102"
NAME = "undeliverable-address-type"


def deliverable(connector: Connector) -> str:
    types = set(NATIVE_TYPES.get(connector.kind, ()))
    if connector.kind == "msmail":
        types |= {gateway_address_type(gateway.type) for gateway in reachable_gateways(connector)}
    return ", ".join(sorted(types))


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if not sends(connector):
            continue  # an IMS that never sends: EXL108 says so
        for space in connector.address_spaces:
            if connector.kind == "msmail" and space.type == "SMTP":
                continue  # the founding case has its own rule, EXL101
            if can_deliver(connector, space.type, space.address):
                continue
            if connector.kind == "msmail":
                advice = (
                    f"declare the MS Mail {space.type} gateway it should reach, with access components at the "
                    "connector post office (KB Q149675, Q167979), or remove the address space"
                )
                consequence = "the MS Mail Connector Interchange finds no gateway mailbag and NDRs it (KB Q151231)"
            elif connector.kind == "internet_mail":
                advice = "remove it, or route that type through the connector of its system"
                consequence = 'the IMS returns it with "No proxy for Recipient" (KB Q183801)'
            else:
                advice = "remove it, or route that type through the connector of its system"
                consequence = "the connector cannot convert it and returns it as an NDR"
            yield Problem(
                f"address space `{space.type}:{space.address}` on {connector.kind} connector '{connector.name}', "
                f"which delivers only {deliverable(connector) or 'its own type'}: the MTA routes such mail here and "
                f"{consequence}",
                space.location,
                hint=advice,
            )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="address space of a type this connector kind cannot deliver",
    tags=("routing",),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an address space whose type the connector cannot deliver: the IMS delivers SMTP "
            "(and, from 5.0 with connected sites, other types encapsulated for those sites); the MS Mail "
            "Connector delivers MS and MSA plus the types of the MS Mail gateways reachable through its "
            "post office; the cc:Mail, Notes, GroupWise, PROFS and SNADS connectors deliver their own type. "
            "Site-to-site connectors (site, X.400, Dynamic RAS) hand mail to another MTA and take any type. "
            "SMTP on the MS Mail Connector is EXL101's case."
        ),
        why=(
            "An address space is a promise to the MTA. The MTA believes it, queues matching mail for the "
            "connector, and the connector returns it as a non-delivery report: 'No proxy for Recipient' from "
            "the IMS, event 2376 or 2375 from the MS Mail Connector Interchange."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: Internet Mail Service (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1", "SMTPOUT:*;1"]     # EXL102: the IMS delivers SMTP only
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: Internet Mail Service (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
""",
        references=(
            kb(183801, 'IMS and non-SMTP address types: "No proxy for Recipient"'),
            kb(151231, "MS Mail Connector Interchange: gateway component not set up (event 2376)"),
            kb(149675, "sending to an MHS gateway through the MS Mail Connector"),
            kb(167979, "adding the MS Mail Fax gateway: FAX address space plus access component"),
        ),
    ),
)
