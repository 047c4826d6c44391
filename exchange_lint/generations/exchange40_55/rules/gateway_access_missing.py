"""EXL104: an MS Mail gateway the connector post office cannot reach."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.kinds import on_connector_postoffice, reachable_gateways
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL104"
NAME = "gateway-access-missing"


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if connector.kind != "msmail":
            continue
        reachable = reachable_gateways(connector)
        for gateway in connector.gateways:
            if gateway in reachable:
                continue
            if on_connector_postoffice(connector, gateway):
                yield Problem(
                    f"{gateway.type} gateway declared on the connector post office {connector.postoffice} of "
                    f"'{connector.name}': the MS Mail SMTP and X.400 gateways cannot be installed there "
                    "(XOG10020), so the connector has no such gateway and its mail is returned as an NDR "
                    "(KB Q169117)",
                    gateway.location,
                    hint=(
                        "install the gateway on another MS Mail post office and its access components at the "
                        "connector post office (`access_components: true`), or use the IMS or the X.400 "
                        "Connector instead"
                    ),
                )
                continue
            where = f"on post office {gateway.postoffice}" if gateway.postoffice else "on an MS Mail post office"
            yield Problem(
                f"{gateway.type} gateway {where} is declared on '{connector.name}' without gateway access "
                f"components at the connector post office {connector.postoffice or '(not declared)'}: "
                f"{gateway.type} mail handed to the connector finds no gateway mailbag and is returned as "
                "an NDR (KB Q169117, Q149675)",
                gateway.location,
                hint="install the gateway access components at the connector post office and set "
                "`access_components: true`",
            )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="MS Mail gateway declared without access components at the connector post office",
    tags=("routing", "msmail"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a gateway on a `msmail` connector that runs on another MS Mail post office and "
            "whose gateway access components are not installed at the connector post office "
            "(`access_components` is missing or false)."
        ),
        why=(
            "An MS Mail gateway is reached through its access component: it teaches a post office the "
            "gateway's address type and forwards such mail to the gateway post office. Without it at "
            "the connector post office, mail of that type that the MTA hands to the MS Mail Connector "
            "has no gateway mailbag to go to, and the MS Mail Connector Interchange returns it as a "
            "non-delivery report (event 2375)."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    gateways:
      - {type: FAX, postoffice: CA/GWPO}      # EXL104
    address_spaces: ["MS:CA/*;1", "FAX:;1"]
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    gateways:
      - {type: FAX, postoffice: CA/GWPO, access_components: true}
    address_spaces: ["MS:CA/*;1", "FAX:;1"]
""",
        references=(
            "KB Q169117 (make sure the MS Mail gateway access components are set up at the connector "
            "post office) https://jeffpar.github.io/kbarchive/kb/169/Q169117/",
            "KB Q149675: MHS gateway through the MS Mail Connector https://jeffpar.github.io/kbarchive/kb/149/Q149675/",
            "KB Q167979: adding the MS Mail Fax gateway https://jeffpar.github.io/kbarchive/kb/167/Q167979/",
        ),
    ),
)
