"""EXL105: an address space the MTA never selects for any recipient (Q152471, Q182128)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Location, Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.analysis import Shadow, analyse
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb

ID = "EXL105"
NAME = "shadowed-address-space"


def _message(shadow: Shadow) -> tuple[str, str]:
    """The problem, and the hint."""
    space, name = shadow.space, shadow.connector.name
    shown = f"`{space.type}:{space.address}`" if space.address.strip() else f"blank {space.type} address space"
    if shadow.winner is None:
        return (
            f"{shown} on '{name}' never reaches the routing table: {shadow.reason}",
            "use an X.400 connector for extra address spaces between replicated sites, or `scope: site`",
        )
    w_connector, w_space = shadow.winner
    if not space.address.strip():
        text = (
            f"{shown} (cost {space.cost}) on '{name}' is never selected: `{w_space.type}:{w_space.address}` on "
            f"'{w_connector.name}' matches every {space.type} recipient with a better match class, and the MTA "
            "compares match class before cost (KB Q152471, Q193322)"
        )
        if space.cost < w_space.cost:
            hint = (
                f"its lower cost ({space.cost} < {w_space.cost}) suggests it was meant to be preferred: "
                f"use `{space.type}:*` instead of blank"
            )
        else:
            hint = "remove it, or make it a pattern that can win"
        return text, hint
    return (
        f"{shown} (cost {space.cost}) on '{name}' is never selected: '{w_connector.name}' carries the same "
        f"pattern at a lower cost ({w_space.cost}) and, being a gateway that never hands mail back to the MTA, "
        "leaves this route no role even as a backup (BORES-MTA, KB Q263714)",
        "remove it or make it more specific",
    )


def check(organization: Organization) -> Iterator[Problem]:
    for shadow in analyse(organization).shadowed:
        related: tuple[Location, ...] = ()
        if shadow.winner is not None:
            related = (shadow.winner[1].location.labelled(f"the route that wins: '{shadow.winner[0].name}'"),)
        message, hint = _message(shadow)
        yield Problem(message, shadow.space.location, related, hint=hint)


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id=ID,
    name=NAME,
    severity=Severity.WARNING,
    summary="address space that can never be selected for any recipient",
    tags=("routing",),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an address space the MTA never selects: a blank (type-only) space when a `*` space of "
            "the same type is visible wherever it is, whatever their costs; the same pattern at a strictly "
            "lower total cost on an always-active gateway (IMS, MS Mail, cc:Mail and other gateways); and "
            "Site Connector address spaces between sites that replicate directories, which never reach the "
            "routing table. A dearer route behind a site-to-site connector (X.400, Site, Dynamic RAS) is a "
            "real backup, because those connectors can be out of schedule or retrying, and is not reported."
        ),
        why=(
            "Match class is compared before cost: `*` beats blank even when blank is cheaper (Q152471), so "
            "the admin's intended preference silently does nothing. Gateways do not reroute: once the MTA "
            "hands mail to the IMS it is finished with it, so a dearer IMS on the same pattern never takes "
            "over (Q263714). Site Connector address spaces are ignored between replicated sites (Q182128)."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: IMS A
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;50"]
  - name: IMS B
    kind: internet_mail
    server: TRADE
    address_spaces: [{type: SMTP, address: "", cost: 1}]   # EXL105: `*` always wins
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: IMS A
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;50"]
  - name: IMS B
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*@partner.example;1"]   # a pattern of its own, not blank
""",
        references=(
            kb(152471, "SMTP:* and blank SMTP address spaces: `*` wins whatever the cost"),
            kb(193322, "how the MTA selects a connector"),
            kb(182128, "address spaces on a Site Connector between replicated sites are ignored"),
            kb(263714, "mail queued for an IMS is not rerouted"),
        ),
    ),
)
