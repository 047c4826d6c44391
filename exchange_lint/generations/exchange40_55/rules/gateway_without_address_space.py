"""EXL304: gateway connector with no address space: the MTA never routes to it."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.kinds import GATEWAY_KINDS, sends
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER


def check_gateway_without_address_space(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if connector.kind in GATEWAY_KINDS and not connector.address_spaces and sends(connector):
            yield Problem(
                f"{connector.kind} connector '{connector.name}' has no address space, so the MTA never routes "
                'mail to it and such recipients get "The recipient name is not recognized" (KB Q133403, '
                "Q186235)",
                connector.location,
                hint="give it the address spaces of the recipients it serves, or remove the connector",
            )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
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
        example=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: "cc:Mail Connector (TRADE)", kind: ccmail, server: TRADE}   # EXL304
""",
        use_instead=ORGANIZATION_HEADER
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
