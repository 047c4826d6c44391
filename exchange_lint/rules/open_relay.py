"""EXL401: an Internet Mail Service that relays for anyone (misconfiguration catalog S12)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL401"
NAME = "open-relay"


def _everyone(network: str) -> bool:
    try:
        return ipaddress.ip_network(network.strip(), strict=False).prefixlen == 0
    except ValueError:
        return False


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        relay = connector.relay
        if connector.kind != "internet_mail" or relay is None or not relay.enabled:
            continue
        if not relay.allow_from:
            reason = "with no routing restriction"
        else:
            wide = [n for n in relay.allow_from if _everyone(n)]
            if not wide:
                continue
            reason = f"and allows `{wide[0]}`, which is every host"
        yield Problem(
            f"'{connector.name}' reroutes (relays) incoming SMTP mail {reason}: anyone on the internet can send "
            "mail through it, and the server ends up on block lists (KB Q196626, Q315687); list only your own "
            "networks under `reroute.allow_from`",
            relay.location,
        )


RULE = Rule(
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="IMS rerouting (relay) enabled for every host",
    tags=("security", "internet-mail"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an `internet_mail` connector with `reroute.enabled: true` and either no `allow_from` "
            "networks or one that covers every address (`0.0.0.0/0`, `::/0`)."
        ),
        why=(
            "With rerouting on, the 5.5 IMS accepts mail for other domains and sends it on. Without routing "
            "restrictions that makes it an open relay: spammers use it and the organization's mail is "
            "blocked elsewhere."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
    reroute: {enabled: true}                 # EXL401
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
    reroute: {enabled: true, allow_from: ["10.0.0.0/8"]}
""",
        references=(
            "KB Q196626: how to prevent unauthorized relaying with the 5.5 IMS https://mskb.pkisolutions.com/kb/196626",
            "KB Q315687: open relay through Exchange https://mskb.pkisolutions.com/kb/315687",
        ),
        known_problems=(
            "The 'hosts connecting to these internal addresses' option on a server with a single address is "
            "also an open relay; the file format does not describe server addresses yet, so it is not checked."
        ),
    ),
)
