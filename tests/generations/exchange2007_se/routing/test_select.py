"""Connector selection for 2007–SE, step by step (DESIGN §9), on real YAML text."""

from __future__ import annotations

import pytest

from exchange_lint.addresses import parse_recipient
from exchange_lint.generations.exchange2007_se.routing.analysis import analyse
from exchange_lint.generations.exchange2007_se.routing.select import Route
from tests.generations.exchange2007_se.org_text import HQ_BRANCH, organization

CONNECTORS = (
    HQ_BRANCH
    + """\
  - {name: Internet, source_transport_servers: [EX01, EX02], address_spaces: ["SMTP:*;1"], max_message_size: 35MB}
  - {name: Contoso subs, source_transport_servers: [EX03], address_spaces: ["SMTP:*.sub.example;1"]}
  - {name: Marketing, source_transport_servers: [EX03], address_spaces: ["SMTP:marketing.sub.example;5"]}
  - {name: Big, source_transport_servers: [EX03], address_spaces: ["SMTP:*;1"], max_message_size: 100MB}
  - {name: Scoped, scoped: true, source_transport_servers: [EX03], address_spaces: ["SMTP:scoped.example;1"]}
  - {name: Off, enabled: false, source_transport_servers: [EX01], address_spaces: ["SMTP:off.example;1"]}
  - {name: Fax, source_transport_servers: [EX01], address_spaces: ["FAX:*;1"]}
"""
)


def route(origin: str, recipient: str, size: int | None = None, src: str = CONNECTORS) -> list[Route]:
    analysis = analyse(organization(src))
    parsed = parse_recipient(recipient)
    assert parsed is not None
    return [analysis.route(o, parsed, size) for o in analysis.topology.resolve(origin)]


@pytest.mark.parametrize(
    ("origin", "recipient", "size", "verdict", "decided_by"),
    [
        ("EX03", "SMTP:julia@marketing.sub.example", None, "Marketing", "match"),  # exact over *.sub over *
        ("EX03", "SMTP:ann@sub.example", None, "Contoso subs", "match"),  # *.x matches x itself
        ("EX01", "SMTP:ann@example.net", None, "Internet", "cost"),  # Big is 10 site-link cost away
        ("EX03", "SMTP:ann@example.net", None, "Big", "cost"),
        ("EX01", "SMTP:ann@example.net", 50 << 20, "Big", "size"),  # Internet's 35 MB is too small
        ("EX01", "SMTP:ann@example.net", 200 << 20, "ndr", "size"),  # larger than every connector
        ("EX03", "SMTP:ann@scoped.example", None, "Scoped", "match"),
        ("EX01", "SMTP:ann@scoped.example", None, "Internet", "cost"),  # invisible from HQ: `*` left
        ("EX01", "SMTP:ann@off.example", None, "Internet", "cost"),  # disabled: `*` left
        ("EX01", "SMTP:ann@contoso.com", None, "local", "local"),  # Authoritative
        ("EX01", "SMTP:ann@fabrikam.example", None, "Internet", "cost"),  # InternalRelay is routed out
        ("EX01", "FAX:12345", None, "Fax", "match"),
        ("EX01", "X400:c=US;a= ;p=Fabrikam;s=Ann", None, "ndr", "match"),  # non-SMTP, no route
    ],
)
def test_each_step_decides(origin: str, recipient: str, size: int | None, verdict: str, decided_by: str) -> None:
    (only,) = route(origin, recipient, size)
    assert (only.verdict, only.decided_by) == (verdict, decided_by)


def test_smtp_without_route_is_unreachable() -> None:
    src = HQ_BRANCH + '  - {name: P, source_transport_servers: [EX01], address_spaces: ["SMTP:partner.example;1"]}\n'
    (only,) = route("EX01", "SMTP:ann@example.net", src=src)
    assert (only.outcome, only.verdict, only.selected) == ("no-route", "unreachable", ())


def test_hops_then_name_settle_equal_costs() -> None:
    src = HQ_BRANCH + (
        '  - {name: B on EX02, source_transport_servers: [EX02], address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: A on EX01, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}\n'
    )
    by_server = {r.origin.server: (r.verdict, r.decided_by) for r in route("HQ", "SMTP:ann@example.net", src=src)}
    assert by_server == {"EX01": ("A on EX01", "hops"), "EX02": ("B on EX02", "hops")}
    (branch,) = route("BRANCH", "SMTP:ann@example.net", src=src)
    assert (branch.verdict, branch.decided_by) == ("A on EX01", "name")


def test_site_link_path_is_the_cheapest_over_several_links() -> None:
    src = (
        HQ_BRANCH.replace(
            "  - {sites: [HQ, BRANCH], cost: 10}\n",
            "  - {sites: [HQ, BRANCH], cost: 10}\n  - {sites: [HQ, DR], cost: 2}\n  - {sites: [DR, BRANCH], cost: 3}\n",
        ).replace(
            "  - {name: BRANCH, servers: [EX03]}\n",
            "  - {name: BRANCH, servers: [EX03]}\n  - {name: DR, servers: [EX09]}\n",
        )
        + '  - {name: Internet, source_transport_servers: [EX03], address_spaces: ["SMTP:*;2"]}\n'
    )
    (only,) = route("EX01", "SMTP:ann@example.net", src=src)
    assert only.winner is not None and (only.winner.link_cost, only.winner.cost) == (5, 7)
