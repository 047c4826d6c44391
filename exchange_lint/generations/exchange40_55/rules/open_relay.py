"""EXL401: an Internet Mail Service that relays for anyone (misconfiguration catalog S12)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL401"
NAME = "open-relay"


def parse_network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """`10.0.0.0/8`, a bare address, or the IMS dialog's `address mask` form; None when unreadable."""
    value = " ".join(text.split())
    if " " in value:
        address, _, mask = value.partition(" ")
        value = f"{address}/{mask}"
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        return None


def covers_everyone(networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    """Whether the networks together cover every IPv4 (or every IPv6) address."""
    v4 = [n for n in networks if isinstance(n, ipaddress.IPv4Network)]
    v6 = [n for n in networks if isinstance(n, ipaddress.IPv6Network)]
    return (bool(v4) and sum(n.num_addresses for n in ipaddress.collapse_addresses(v4)) == 1 << 32) or (
        bool(v6) and sum(n.num_addresses for n in ipaddress.collapse_addresses(v6)) == 1 << 128
    )


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        relay = connector.relay
        if connector.kind != "internet_mail" or relay is None or not relay.enabled:
            continue
        parsed = [parse_network(text) for text in relay.allow_from]
        unreadable = [text for text, network in zip(relay.allow_from, parsed, strict=True) if network is None]
        networks = [network for network in parsed if network is not None]
        if unreadable:
            reason = (
                f"and an `allow_from` entry that is not a network (`{unreadable[0]}`), so what it allows is unknown"
            )
        elif not networks:
            reason = "with no routing restriction"
        elif covers_everyone(networks):
            reason = f"and allows {', '.join(f'`{n}`' for n in networks)}, which together is every host"
        else:
            continue
        yield Problem(
            f"'{connector.name}' reroutes (relays) incoming SMTP mail {reason}: anyone on the internet can send "
            "mail through it, and the server ends up on block lists (KB Q196626, Q315687)",
            relay.location,
            hint="list only your own networks under `reroute.allow_from`",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
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
