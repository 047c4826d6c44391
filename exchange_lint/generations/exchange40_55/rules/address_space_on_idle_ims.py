"""EXL108: IMS set to inbound only (or none) that still advertises address spaces: mail queues forever."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.kinds import (
    sends,
)
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb
from exchange_lint.rules.support import TRADE_HEADER


def check_idle_ims(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if sends(connector) or not connector.address_spaces:
            continue
        related = (
            (connector.transfer_mode_location.labelled(f"transfer mode {connector.transfer_mode}"),)
            if connector.transfer_mode_location
            else ()
        )
        yield Problem(
            f"'{connector.name}' has transfer mode {connector.transfer_mode} but still advertises "
            f"{connector.address_spaces[0].text}: the MTA keeps queueing outbound mail for it, the IMS never picks "
            "it up, and the mail is neither rerouted nor returned (KB Q238719)",
            connector.address_spaces[0].location,
            related,
            hint="remove its address spaces, or set `transfer_mode` to `both` or `outbound_only`",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
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
        example=TRADE_HEADER
        + """\
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - name: IMS inbound
    kind: internet_mail
    server: TRADE
    transfer_mode: inbound_only
    address_spaces: ["SMTP:*;1"]                 # EXL108
""",
        use_instead=TRADE_HEADER
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
