"""The 2007–SE routing analysis does per-origin work only where origins can choose differently.

Issue 12: the analysis ran full selection (a `Route` with reasons) for every address space from
every site, ~10 million selections on 10,000 connectors over 200 sites. These tests count work,
not time: a space that one connector alone matches is decided once for every site, and the
per-site steps run only for the contested spaces, so the work grows with sites + spaces, not
with their product.
"""

from __future__ import annotations

import pytest

from exchange_lint.generations.exchange2007_se.routing import analysis as analysis_module
from exchange_lint.generations.exchange2007_se.routing import select as select_module
from exchange_lint.generations.exchange2007_se.routing.analysis import Analysis
from exchange_lint.generations.exchange2007_se.routing.topology import Topology
from tests.generations.exchange2007_se.org_text import organization


def _org(sites: int, partners: int, contested: int = 0) -> str:
    """`sites` linked AD sites in a chain, an internet connector on `*`, `partners` connectors
    with one domain each, and `contested` domains that two connectors match alike."""
    lines = ["version: 1", "organization: Contoso", 'exchange: "2019"', "sites:"]
    lines += [f"  - {{name: S{n}, servers: [EX{n}A, EX{n}B]}}" for n in range(sites)]
    lines.append("site_links:")
    lines += [f"  - {{sites: [S{n}, S{n + 1}], cost: {1 + n % 3}}}" for n in range(sites - 1)]
    lines.append("send_connectors:")
    lines.append('  - {name: Internet, source_transport_servers: [EX0A], address_spaces: ["SMTP:*;1"]}')
    for n in range(partners):
        home = f"EX{n % sites}B"
        lines.append(f'  - {{name: P{n}, source_transport_servers: [{home}], address_spaces: ["SMTP:p{n}.example;1"]}}')
    for n in range(contested):
        for side, home in (("a", "EX0A"), ("b", f"EX{sites - 1}B")):
            spaces = f'["SMTP:c{n}.example;1"]'
            lines.append(f"  - {{name: C{n}{side}, source_transport_servers: [{home}], address_spaces: {spaces}}}")
    return "\n".join(lines) + "\n"


def _work(monkeypatch: pytest.MonkeyPatch, src: str) -> tuple[int, int, int]:
    """(full selections, connector-from-site lookups, decisions) of one analysis."""
    calls = {"select": 0, "nearest": 0}
    select, nearest = select_module.select, Topology.nearest

    def counted_select(*args: object, **kwargs: object) -> object:
        calls["select"] += 1
        return select(*args, **kwargs)  # type: ignore[arg-type]

    def counted_nearest(self: Topology, *args: object) -> object:
        calls["nearest"] += 1
        return nearest(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(analysis_module, "select", counted_select)
    monkeypatch.setattr(select_module, "select", counted_select)
    monkeypatch.setattr(Topology, "nearest", counted_nearest)
    decisions = Analysis(organization(src)).decisions
    return calls["select"], calls["nearest"], len(decisions)


def test_uncontested_spaces_are_decided_once_for_every_site(monkeypatch: pytest.MonkeyPatch) -> None:
    selections, lookups, decisions = _work(monkeypatch, _org(sites=30, partners=60))
    assert selections == 0  # no full selection (no reasons built) at all
    assert lookups == 0
    assert decisions == 61  # one per address space, not one per (site, space)


def test_work_grows_with_sites_plus_spaces_not_their_product(monkeypatch: pytest.MonkeyPatch) -> None:
    small = _work(monkeypatch, _org(sites=10, partners=20, contested=2))
    wide = _work(monkeypatch, _org(sites=40, partners=80, contested=2))
    assert small[0] == wide[0] == 0
    # only the contested spaces are weighed site by site, and only their 2 contesting connectors
    # (not `*`, which the match step drops): 2 spaces x 2 connectors x sites
    assert small[1] == 2 * 2 * 10
    assert wide[1] == 2 * 2 * 40
    # sites that choose alike share a decision: per contested space, the sites nearer each
    # connector and the site midway where the name decides, however many sites there are
    assert small[2] - 21 == wide[2] - 81 == 2 * 3


def _scoped(partners: int) -> str:
    """Four linked sites, three internet connectors on `*` that tie (a contest every site weighs),
    and `partners` scoped partner connectors: each partner's site sees its connector, every
    other site falls back to the internet contest."""
    lines = ["version: 1", "organization: Contoso", 'exchange: "2019"', "sites:"]
    lines += [f"  - {{name: S{n}, servers: [EX{n}A, EX{n}B]}}" for n in range(4)]
    lines += ["site_links:", *(f"  - {{sites: [S{n}, S{n + 1}], cost: 10}}" for n in range(3))]
    lines.append("send_connectors:")
    for n in range(3):
        lines.append(f'  - {{name: Internet{n}, source_transport_servers: [EX{n}A], address_spaces: ["SMTP:*;1"]}}')
    for n in range(partners):
        spaces = f'["SMTP:p{n}.example;1", "SMTP:*.p{n}.example;1"]'
        lines.append(
            f"  - {{name: P{n}, scoped: true, source_transport_servers: [EX{n % 4}B], address_spaces: {spaces}}}"
        )
    return "\n".join(lines) + "\n"


def test_a_contest_is_weighed_once_for_every_space_that_falls_back_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dense sites made the fallback of every scoped partner space (hundreds of tied catch-alls
    weighed from every server) the bulk of the work: it is planned once and reused."""
    small = _work(monkeypatch, _scoped(partners=10))
    wide = _work(monkeypatch, _scoped(partners=40))
    assert small[0] == wide[0] == 0
    # the `*` contest: 3 connectors x 4 sites, once; then each partner from its own site, once for
    # both its spaces (the same connector at the same cost is the same contest)
    assert small[1] == 3 * 4 + 10
    assert wide[1] == 3 * 4 + 40
