"""Each site's effective route per address space: the 2007–SE counterpart of a GWART, one table a
reviewer can read (which connector each declared space leaves by, and the step that chose it)."""

from __future__ import annotations

from typing import NamedTuple

from exchange_lint.generations.exchange2007_se.routing.analysis import Analysis, Decision
from exchange_lint.generations.exchange2007_se.routing.select import seen_from
from exchange_lint.generations.exchange2007_se.routing.topology import Origin


class Row(NamedTuple):
    site: str
    space: str  # TYPE:ADDRESS of the address space the probe stands for
    servers: tuple[str, ...]  # the servers choosing this way; empty: every server of the site
    verdict: str  # connector name, `local`, `unreachable` or `ndr`
    decided_by: str
    cost: int | None
    source: str | None


def _row(analysis: Analysis, site: str, decision: Decision, origin: Origin, servers: tuple[str, ...]) -> Row:
    """The row of a decision as seen from `origin`: the cost and source server of the winner
    depend on where the message starts, so they are worked out here, for the rows printed."""
    winner = None if decision.winner is None else seen_from(analysis.topology, origin, decision.winner)
    return Row(
        site,
        f"{decision.probe.type}:{decision.probe.pattern}",
        servers,
        decision.verdict,
        decision.decided_by,
        None if winner is None else winner.cost,
        None if winner is None else winner.source,
    )


def site_table(analysis: Analysis, site: str) -> list[Row]:
    """One row per address space, or one per group of servers where they choose differently.

    Reads each probe's few decisions (a decision covering whole sites stands for all the site's
    origins), not every decision of the organization once per site."""
    rows = []
    for decisions in analysis.by_probe.values():
        here: list[tuple[Decision, tuple[Origin, ...]]] = []
        for decision in decisions:
            if decision.sites:
                if site in analysis.site_set(decision):
                    here.append((decision, analysis.site_origins(site)))
            elif decision.origins[0].site == site:
                here.append((decision, decision.origins))
        if not here:
            continue
        if len({d.verdict for d, _ in here}) == 1:
            rows.append(_row(analysis, site, here[0][0], here[0][1][0], ()))
            continue
        for decision, origins in here:
            servers = tuple(sorted(o.server or o.site for o in origins))
            rows.append(_row(analysis, site, decision, origins[0], servers))
    return rows
