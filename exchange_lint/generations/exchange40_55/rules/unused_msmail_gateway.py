"""EXL107: MS Mail gateway with no address space of its type on the connector: no mail reaches it."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.kinds import (
    gateway_address_type,
)
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb
from exchange_lint.rules.support import TRADE_HEADER


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
                f"MTA never routes {wanted} mail to it",
                gateway.location,
                hint=f"add `{example} and recalculate routing (KB Q167979, Q149675)",
            )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
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
        example=TRADE_HEADER
        + """\
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    gateways:
      - {type: FAX, postoffice: CA/TCAHQPO, access_components: true}   # EXL107
    address_spaces: ["MS:CA/*;1"]
""",
        use_instead=TRADE_HEADER
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
