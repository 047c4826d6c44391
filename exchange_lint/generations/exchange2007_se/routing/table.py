"""Each site's effective route per address space: the 2007–SE counterpart of a GWART, one table a
reviewer can read (which connector each declared space leaves by, and the step that chose it)."""

from __future__ import annotations

from typing import NamedTuple

from exchange_lint.generations.exchange2007_se.routing.analysis import Analysis, Decision


class Row(NamedTuple):
    site: str
    space: str  # TYPE:ADDRESS of the address space the probe stands for
    servers: tuple[str, ...]  # the servers choosing this way; empty: every server of the site
    verdict: str  # connector name, `local`, `unreachable` or `ndr`
    decided_by: str
    cost: int | None
    source: str | None


def _row(site: str, decision: Decision, servers: tuple[str, ...]) -> Row:
    route = decision.route
    winner = route.winner
    return Row(
        site,
        f"{decision.probe.type}:{decision.probe.pattern}",
        servers,
        route.verdict,
        route.decided_by,
        None if winner is None else winner.cost,
        None if winner is None else winner.source,
    )


def site_table(analysis: Analysis, site: str) -> list[Row]:
    """One row per address space, or one per group of servers where they choose differently."""
    by_space: dict[tuple[str, str], list[Decision]] = {}
    for decision in analysis.decisions:
        if decision.origins[0].site == site:
            by_space.setdefault((decision.probe.type, decision.probe.pattern), []).append(decision)
    rows = []
    for decisions in by_space.values():
        if len({d.route.verdict for d in decisions}) == 1:
            rows.append(_row(site, decisions[0], ()))
            continue
        for decision in decisions:
            servers = tuple(sorted(o.server or o.site for o in decision.origins))
            rows.append(_row(site, decision, servers))
    return rows
