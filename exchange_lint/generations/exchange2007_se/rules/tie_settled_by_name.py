"""EXL116: connectors equal in specificity, cost and hops, where the name alone decides (S32)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.generations.exchange2007_se.routing.analysis import Decision, analyse
from exchange_lint.generations.exchange2007_se.routing.select import Entry
from exchange_lint.generations.exchange2007_se.routing.spaces import SMTP, smtp_pattern
from exchange_lint.generations.exchange2007_se.routing.topology import Origin, describe_origins
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL116"
NAME = "tie-settled-by-name"


def _fallback(decision: Decision) -> bool:
    """An SMTP probe won by a broader space than its own (its connector is scoped away, disabled
    or unreached there): the same spaces tie from the same sites under that broader space's own
    probe, which reports them. Thousands of scoped partner spaces would repeat one tie each."""
    winner = decision.winner
    return (
        winner is not None
        and decision.probe.type == SMTP
        and smtp_pattern(winner.space.address) != decision.probe.pattern
    )


def check(organization: Organization) -> Iterator[Problem]:
    """One note per standby address space and the space it loses to by name alone, with every
    origin where it does (a standby may lose to different connectors from different origins)."""
    standby: dict[tuple[int, int], tuple[Entry, Entry, dict[Origin, None]]] = {}  # origins: an ordered set
    for decision in analyse(organization).decisions:
        winner = decision.winner
        if decision.decided_by != "name" or winner is None or _fallback(decision):
            continue
        for loser in decision.tied:  # the spaces the hops step left, kept by the analysis
            if loser.connector.name != winner.connector.name:
                pair = (id(loser.space), id(winner.space))
                standby.setdefault(pair, (loser, winner, {}))[2].update(dict.fromkeys(decision.origins))
    for loser, winner, origins in standby.values():
        lost, won = loser.connector.name, winner.connector.name
        several = (
            len(loser.connector.source_transport_servers) > 1 and len(winner.connector.source_transport_servers) > 1
        )
        balance = (
            " (mail is balanced across each connector's source servers, never across connectors)" if several else ""
        )
        yield Problem(
            f"'{lost}' {loser.space.text} ties with '{won}' {winner.space.text} from "
            f"{describe_origins(list(origins))}; '{won}' always wins by name, '{lost}' is an "
            f"unchosen standby{balance}",
            loser.space.location,
            related=(winner.space.location,),
            hint="make the intended order explicit with address-space costs, or remove the standby",
        )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id=ID,
    name=NAME,
    severity=Severity.NOTE,
    summary="two Send connectors tie on specificity, cost and hops; the name alone decides",
    tags=("routing",),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an address space that, from some origin, matches as specifically, costs as much and is "
            "as near as another connector's, so that connector selection falls to its last step: the "
            "connector whose name sorts lowest wins, every time. The note sits on the losing space, with the "
            "space it loses to as a related location (one note per such pair)."
        ),
        why=(
            "Unlike Exchange 4.0–5.5 (EXL103, random load balancing), Exchange 2007 and later never choose at "
            "random: the tie goes to the alphanumerically lowest name. The other connector is a standby "
            "nobody decided on, used only when the winner fails; renaming a connector silently moves mail."
        ),
        example="""\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - {name: HQ, servers: [EX01]}
send_connectors:
  - {name: Internet A, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}
  - {name: Internet B, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}   # EXL116
""",
        use_instead="""\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - {name: HQ, servers: [EX01]}
send_connectors:
  - {name: Internet A, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}
  - {name: Internet B, source_transport_servers: [EX01], address_spaces: ["SMTP:*;5"]}
""",
        references=(
            "Exchange Server: Connector selection (the lowest alphanumeric name breaks the last tie), "
            "https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection",
        ),
    ),
)
