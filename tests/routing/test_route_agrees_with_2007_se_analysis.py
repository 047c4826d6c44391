"""Property: `route` and the analysis behind EXL114–EXL116 come to the same answer.

The analysis routes one probe per address space from one origin per group that can choose
differently (a site's plain servers together, each connector's source server alone). On generated
2007–SE organizations (real text through the real loader), `route` from every single server, for
every probe, gives the verdict and deciding step of the analysis decision standing for it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange_lint.commands.route_se import routes_for
from exchange_lint.generations.exchange2007_se.routing.analysis import analyse
from exchange_lint.generations.exchange2007_se.routing.select import entries_for, select
from exchange_lint.generations.exchange2007_se.rules import tie_settled_by_name
from tests.generations.exchange2007_se.org_text import organization

SITES = {"HQ": ("EX01", "EX02"), "BRANCH": ("EX03",), "DR": ("EX04", "EX05")}
SPACES = ("*", "example.net", "*.example.net", "a.example.net", "*.net", "contoso.com", "b.a.example.net")


@st.composite
def organizations(draw: st.DrawFn) -> dict[str, Any]:
    sites = draw(st.lists(st.sampled_from(sorted(SITES)), min_size=1, max_size=3, unique=True))
    servers = [s for site in sites for s in SITES[site]]
    links = [
        {"sites": [a, b], "cost": draw(st.integers(1, 5))}
        for i, a in enumerate(sites)
        for b in sites[i + 1 :]
        if draw(st.booleans())
    ]
    connectors = []
    for number in range(draw(st.integers(1, 6))):
        spaces = draw(st.lists(st.sampled_from(SPACES), min_size=1, max_size=3, unique=True))
        connectors.append(
            {
                "name": draw(st.sampled_from(["C", "c", "B", "A"])) + str(number),
                "source_transport_servers": draw(
                    st.lists(st.sampled_from([*servers, "GHOST"]), min_size=1, max_size=2)
                ),
                "address_spaces": [f"SMTP:{space};{draw(st.integers(1, 2))}" for space in spaces],
                "scoped": draw(st.booleans()),
                "enabled": draw(st.booleans()) or draw(st.booleans()),
            }
        )
    return {
        "version": 1,
        "organization": "Contoso",
        "exchange": "2016",
        "sites": [{"name": site, "servers": list(SITES[site])} for site in sites],
        "site_links": links,
        "accepted_domains": [
            {
                # `*.` is no valid domain, yet read as Exchange would: it covers every domain
                "domain": draw(st.sampled_from(["contoso.com", "contoso.com", "*.example.net", "a.example.net", "*."])),
                "type": draw(st.sampled_from(["Authoritative", "InternalRelay"])),
            }
        ],
        "send_connectors": connectors,
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organizations())
def test_route_from_every_server_agrees_with_the_analysis(data: dict[str, Any]) -> None:
    model = organization(json.dumps(data, indent=1))  # JSON is YAML
    analysis = analyse(model)
    decisions = analysis.decisions
    for decision in decisions:
        linear = entries_for(model.send_connectors, decision.probe.recipient)
        assert sorted(e.space.text for e in linear) == sorted(
            e.space.text for e in analysis.index.entries(decision.probe.recipient)
        )
        for origin in decision.origins:
            assert origin.server is not None
            (routed,) = routes_for(model, origin.server, str(decision.probe.recipient))
            assert (routed.verdict, routed.decided_by) == (decision.route.verdict, decision.route.decided_by)
            # and the analysis's own answer, worked out without `select`, is the same
            assert (routed.verdict, routed.decided_by) == (decision.verdict, decision.decided_by)
            won = None if routed.winner is None else routed.winner.space
            assert won == (None if decision.winner is None else decision.winner.space)
            # the index and the linear scan choose alike
            alone = select(analysis.topology, origin, decision.probe.recipient, linear)
            assert alone.verdict == routed.verdict
    covered = {o for d in decisions for o in d.origins}
    probes = {d.probe for d in decisions}
    for probe in probes:
        assert {o for d in decisions if d.probe == probe for o in d.origins} == set(analysis.topology.origins())
    assert covered <= set(analysis.topology.origins())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organizations())
def test_ties_under_a_broader_space_are_all_reported_by_its_own_probe(data: dict[str, Any]) -> None:
    """EXL116 skips the decisions a probe falls back to a broader space for: the same ties from
    the same origins are that space's own. Reading every decision reports the same notes."""
    model_text = json.dumps(data, indent=1)
    skipping = sorted((p.message, str(p.location)) for p in tie_settled_by_name.check(organization(model_text)))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(tie_settled_by_name, "_fallback", lambda decision: False)
        every = sorted((p.message, str(p.location)) for p in tie_settled_by_name.check(organization(model_text)))
    assert skipping == every
