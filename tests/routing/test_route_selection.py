"""Route selection, step by step, as the KB articles describe it; through the real `route` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import REPO, RunCli

HEADER = """\
version: 1
organization: Contoso
"""


def route(run_cli: RunCli, tmp_path: Path, body: str, origin: str, recipient: str) -> dict[str, Any]:
    (tmp_path / "org.yaml").write_text(HEADER + body, encoding="utf-8")
    result = run_cli(["route", origin, recipient, "org.yaml", "--format", "json"])
    assert result.code == 0, result.err
    data: dict[str, Any] = json.loads(result.out)
    return data


ONE_SERVER = """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
"""


def test_q193322_match_class_beats_cost(run_cli: RunCli, tmp_path: Path) -> None:
    """KB Q193322/Q229961: the more specific address space wins first, whatever the costs."""
    body = ONE_SERVER + (
        '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: Partner IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;90"]}\n'
    )
    data = route(run_cli, tmp_path, body, "TRADE", "SMTP:ann@partner.example")
    assert data["selected"] == ["Partner IMS"] and data["outcome"] == "deterministic"
    assert route(run_cli, tmp_path, body, "TRADE", "SMTP:ann@other.example")["selected"] == ["IMS"]


def test_q152471_star_beats_blank_whatever_the_cost(run_cli: RunCli, tmp_path: Path) -> None:
    """KB Q152471: `SMTP:*` at cost 50 beats a blank SMTP address space at cost 1."""
    body = ONE_SERVER + (
        '  - {name: A, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;50"]}\n'
        '  - {name: B, kind: internet_mail, server: TRADE, address_spaces: [{type: SMTP, address: "", cost: 1}]}\n'
    )
    data = route(run_cli, tmp_path, body, "TRADE", "SMTP:x@y.example")
    assert data["selected"] == ["A"] and data["outcome"] == "deterministic"
    assert {c["connector"]: c["match"] for c in data["candidates"]} == {"A": "wildcard", "B": "blank"}


def test_q229961_more_literal_characters_win_among_wildcards(run_cli: RunCli, tmp_path: Path) -> None:
    body = ONE_SERVER + (
        '  - {name: COM, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*.com;1"]}\n'
        '  - {name: Partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.com;5"]}\n'
    )
    assert route(run_cli, tmp_path, body, "TRADE", "SMTP:a@partner.com")["selected"] == ["Partner"]
    assert route(run_cli, tmp_path, body, "TRADE", "SMTP:a@other.com")["selected"] == ["COM"]


def test_q229961_bare_domain_address_space_is_never_a_candidate(run_cli: RunCli, tmp_path: Path) -> None:
    body = ONE_SERVER + (
        '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: Partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:partner.example;1"]}\n'
    )
    data = route(run_cli, tmp_path, body, "TRADE", "SMTP:a@partner.example")
    assert [c["connector"] for c in data["candidates"]] == ["IMS"] and data["selected"] == ["IMS"]


TWO_SERVERS = """\
sites:
  - {name: TRADE, servers: [TRADE1, TRADE2]}
connectors:
"""


def test_q193322_cost_beats_locality(run_cli: RunCli, tmp_path: Path) -> None:
    """Step 6 (lowest cost) comes before step 7 (local over remote)."""
    body = TWO_SERVERS + (
        '  - {name: Local IMS, kind: internet_mail, server: TRADE1, address_spaces: ["SMTP:*;2"]}\n'
        '  - {name: Remote IMS, kind: internet_mail, server: TRADE2, address_spaces: ["SMTP:*;1"]}\n'
    )
    data = route(run_cli, tmp_path, body, "TRADE1", "SMTP:a@b.example")
    assert data["selected"] == ["Remote IMS"] and data["outcome"] == "deterministic"


def test_bores_mta_locality_beats_random(run_cli: RunCli, tmp_path: Path) -> None:
    """Step 7: at equal cost, the connector on the routing server wins; so the origin server decides."""
    body = TWO_SERVERS + (
        '  - {name: IMS 1, kind: internet_mail, server: TRADE1, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: IMS 2, kind: internet_mail, server: TRADE2, address_spaces: ["SMTP:*;1"]}\n'
    )
    assert route(run_cli, tmp_path, body, "TRADE1", "SMTP:a@b.example")["selected"] == ["IMS 1"]
    assert route(run_cli, tmp_path, body, "TRADE2", "SMTP:a@b.example")["selected"] == ["IMS 2"]
    by_site = route(run_cli, tmp_path, body, "TRADE", "SMTP:a@b.example")
    assert by_site["outcome"] == "per-server"  # each server is deterministic, but not to the same connector
    assert {s["from"]: s["selected"] for s in by_site["servers"]} == {"TRADE1": ["IMS 1"], "TRADE2": ["IMS 2"]}


def test_bores_mta_random_among_equals_is_load_balanced(run_cli: RunCli, tmp_path: Path) -> None:
    body = TWO_SERVERS + (
        '  - {name: IMS 1, kind: internet_mail, server: TRADE2, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: IMS 2, kind: internet_mail, server: TRADE2, address_spaces: ["SMTP:*;1"]}\n'
    )
    data = route(run_cli, tmp_path, body, "TRADE1", "SMTP:a@b.example")
    assert data["outcome"] == "load-balanced" and data["selected"] == ["IMS 1", "IMS 2"]
    assert [step["step"] for step in data["steps"]] == ["match", "match class", "cost", "locality", "random"]


TWO_SITES = """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - {name: Site Connector, kind: site, server: TRADE, connected_sites: [{name: LONDON, cost: 3}]}
"""


def test_q279404_site_scope_hides_a_route_from_other_sites(run_cli: RunCli, tmp_path: Path) -> None:
    """KB Q233081/Q279404: a This-Site address space is not visible to originators in other sites."""
    body = TWO_SITES + (
        "  - {name: London IMS, kind: internet_mail, server: LON1,"
        ' address_spaces: [{type: SMTP, address: "*", cost: 1, scope: site}]}\n'
        '  - {name: Trade IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;10"]}\n'
    )
    from_trade = route(run_cli, tmp_path, body, "TRADE", "SMTP:a@b.example")
    assert [c["connector"] for c in from_trade["candidates"]] == ["Trade IMS"]
    assert "scope site" in from_trade["steps"][0]["reason"]
    assert route(run_cli, tmp_path, body, "LON1", "SMTP:a@b.example")["selected"] == ["London IMS"]


def test_xcp09007_connected_site_costs_add_to_the_address_space_cost(run_cli: RunCli, tmp_path: Path) -> None:
    """End-to-end cost: London's IMS at 1 plus the site link at 3 (4) loses to TRADE's own at 3."""
    body = TWO_SITES + (
        '  - {name: London IMS, kind: internet_mail, server: LON1, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: Trade IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;3"]}\n'
    )
    data = route(run_cli, tmp_path, body, "TRADE", "SMTP:a@b.example")
    assert data["selected"] == ["Trade IMS"]
    london = next(c for c in data["candidates"] if c["connector"] == "London IMS")
    assert london["cost"] == 4 and london["via"] == ["TRADE", "LONDON"]


def test_q182128_site_connector_spaces_between_replicated_sites_are_ignored(run_cli: RunCli, tmp_path: Path) -> None:
    body = """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: Site Connector
    kind: site
    server: TRADE
    connected_sites: [{name: LONDON, cost: 1, replicated: true}]
    address_spaces: ["SMTP:*@partner.example;1"]
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
"""
    data = route(run_cli, tmp_path, body, "TRADE", "SMTP:a@partner.example")
    assert data["selected"] == ["IMS"]
    assert all(c["connector"] != "Site Connector" for c in data["candidates"])


def test_q133403_no_address_space_of_the_type_is_no_route(run_cli: RunCli, tmp_path: Path) -> None:
    body = ONE_SERVER + '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
    data = route(run_cli, tmp_path, body, "TRADE", "NOTES:Ann/Sales@Acme")
    assert data["outcome"] == "no-route" and data["selected"] == [] and data["candidates"] == []


def test_q147044_att_split_sends_bang_paths_to_ms_mail_and_the_rest_to_the_imc(run_cli: RunCli, tmp_path: Path) -> None:
    body = ONE_SERVER + (
        "  - name: IMC\n    kind: internet_mail\n    server: TRADE\n"
        '    address_spaces: ["SMTP:*!*@*;1", {type: SMTP, address: "", cost: 1}]\n'
        "  - name: MS Mail Connector\n    kind: msmail\n    server: TRADE\n    postoffice: CA/TCAHQPO\n"
        "    gateways: [{type: ATT, postoffice: CA/TCAHQPO}]\n"
        '    address_spaces: ["MS:CA/*;1", "SMTP:*!*;2"]\n'
    )
    assert route(run_cli, tmp_path, body, "TRADE", "SMTP:attmail!ann")["selected"] == ["MS Mail Connector"]
    assert route(run_cli, tmp_path, body, "TRADE", "SMTP:ann@example.com")["selected"] == ["IMC"]
    assert route(run_cli, tmp_path, body, "TRADE", "SMTP:host!ann@example.com")["selected"] == ["IMC"]


def _example(name: str, tmp_path: Path) -> str:
    (tmp_path / name).write_text((REPO / "examples" / name).read_text(encoding="utf-8"), encoding="utf-8")
    return name


def test_q169117_example_is_load_balanced_between_the_ims_and_the_ms_mail_connector(
    run_cli: RunCli, tmp_path: Path
) -> None:
    name = _example("q169117-msmail-smtp.yaml", tmp_path)
    result = run_cli(["route", "TRADE", "SMTP:user1@domain1.com", name, "--format", "json"])
    data = json.loads(result.out)
    assert data["outcome"] == "load-balanced"
    assert data["selected"] == ["Internet Mail Service (TRADE)", "MS Mail Connector (TRADE)"]
    text = run_cli(["route", "TRADE", "SMTP:user1@domain1.com", name]).out
    assert "5. random: the MTA picks one of 2 at random" in text and "outcome: load-balanced" in text


def test_q169117_fixed_example_routes_deterministically_to_the_ims(run_cli: RunCli, tmp_path: Path) -> None:
    name = _example("q169117-fixed.yaml", tmp_path)
    data = json.loads(run_cli(["route", "TRADE", "SMTP:user1@domain1.com", name, "--format", "json"]).out)
    assert data["outcome"] == "deterministic" and data["selected"] == ["Internet Mail Service (TRADE)"]


def test_q169117_on_two_servers_is_deterministic_and_depends_on_the_origin_server(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Domain doc §1.7: on different servers the local connector always wins: NDRs every time there."""
    text = (REPO / "examples" / "q169117-msmail-smtp.yaml").read_text(encoding="utf-8")
    text = text.replace("servers: [TRADE]", "servers: [TRADE, TRADE2]")
    text = text.replace("    kind: msmail\n    server: TRADE\n", "    kind: msmail\n    server: TRADE2\n")
    (tmp_path / "split.yaml").write_text(text, encoding="utf-8")
    for server, expected in (("TRADE", "Internet Mail Service (TRADE)"), ("TRADE2", "MS Mail Connector (TRADE)")):
        args = ["route", server, "SMTP:user1@domain1.com", "split.yaml", "--format", "json"]
        data = json.loads(run_cli(args).out)
        assert (data["outcome"], data["selected"]) == ("deterministic", [expected]), server
    lint = run_cli(["split.yaml"]).out
    assert "always for mail routed on server TRADE2" in lint and "EXL103" not in lint


def test_xog06006_site_connector_routes_its_connected_sites_x400_address_and_dn(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """XOG06006/XOG06021: the remote site's X.400 address is added automatically; Q180547: a
    recipient in the origin's own site address is local, not routed."""
    body = """\
sites:
  - {name: TRADE, servers: [TRADE], x400_address: "c=US;a= ;p=Contoso;o=TRADE"}
  - {name: LONDON, servers: [LON1], x400_address: "c=US;a= ;p=Contoso;o=LONDON"}
connectors:
  - {name: Site Connector (TRADE), kind: site, server: TRADE, connected_sites: [{name: LONDON, cost: 3}]}
  - {name: Site Connector (LONDON), kind: site, server: LON1, connected_sites: [{name: TRADE, cost: 3}]}
"""
    to_london = route(run_cli, tmp_path, body, "TRADE", "X400:c=US;a= ;p=Contoso;o=LONDON;s=Jones")
    assert to_london["selected"] == ["Site Connector (TRADE)"] and to_london["candidates"][0]["cost"] == 3
    by_dn = route(run_cli, tmp_path, body, "TRADE", "EX:/O=Contoso/OU=LONDON/CN=Recipients/CN=jones")
    assert by_dn["selected"] == ["Site Connector (TRADE)"]
    local = route(run_cli, tmp_path, body, "TRADE", "X400:c=US;a= ;p=Contoso;o=TRADE;s=Smith")
    assert local["outcome"] == "local" and local["selected"] == [] and local["steps"][0]["step"] == "local"


def test_a_site_listed_only_as_reached_through_another_is_no_link_back(run_cli: RunCli, tmp_path: Path) -> None:
    """TOKYO lists LONDON (reached through HQ); LONDON declares its own links, so LONDON-TOKYO is no link."""
    body = """\
sites:
  - {name: HQ, servers: [HQ1]}
  - {name: LONDON, servers: [LON1]}
  - {name: TOKYO, servers: [TYO1]}
connectors:
  - {name: HQ-LONDON, kind: site, server: HQ1, connected_sites: [{name: LONDON, cost: 1}]}
  - {name: LONDON-HQ, kind: site, server: LON1, connected_sites: [{name: HQ, cost: 1}]}
  - {name: HQ-TOKYO, kind: x400, server: HQ1, connected_sites: [{name: TOKYO, cost: 10}]}
  - {name: TOKYO-HQ, kind: x400, server: TYO1, connected_sites: [{name: HQ, cost: 10}, {name: LONDON, cost: 11}]}
  - {name: IMS (TOKYO), kind: internet_mail, server: TYO1, address_spaces: ["SMTP:*;1"]}
"""
    data = route(run_cli, tmp_path, body, "LONDON", "SMTP:a@b.example")
    assert data["candidates"][0]["via"] == ["LONDON", "HQ", "TOKYO"] and data["candidates"][0]["cost"] == 12


def test_a_one_sided_link_works_both_ways_even_when_the_other_site_declares_other_links(
    run_cli: RunCli, tmp_path: Path
) -> None:
    body = """\
sites:
  - {name: HQ, servers: [HQ1]}
  - {name: BR, servers: [BR1]}
  - {name: BR2, servers: [BR21]}
connectors:
  - {name: HQ-BR, kind: site, server: HQ1, connected_sites: [{name: BR, cost: 1}]}
  - {name: BR-BR2, kind: site, server: BR1, connected_sites: [{name: BR2, cost: 1}]}
  - {name: BR2-HQ, kind: site, server: BR21, connected_sites: [{name: HQ, cost: 1}]}
  - {name: IMS (HQ), kind: internet_mail, server: HQ1, address_spaces: ["SMTP:*;1"]}
"""
    data = route(run_cli, tmp_path, body, "BR", "SMTP:a@b.example")
    assert data["candidates"][0]["via"] == ["BR", "HQ"] and data["candidates"][0]["cost"] == 2


def test_q182128_the_connected_sites_own_address_on_a_site_connector_is_kept(run_cli: RunCli, tmp_path: Path) -> None:
    body = """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1], x400_address: "c=US;a= ;p=Contoso;o=LONDON"}
connectors:
  - name: Site Connector
    kind: site
    server: TRADE
    connected_sites: [{name: LONDON, cost: 1, replicated: true}]
    address_spaces: ["X400:c=US;a= ;p=Contoso;o=LONDON;1"]
"""
    (tmp_path / "org.yaml").write_text(HEADER + body, encoding="utf-8")
    assert json.loads(run_cli(["--format", "json", "org.yaml"]).out) == []


HOP_BY_HOP = """\
sites:
  - {name: HQ, servers: [HQ1, HQ2]}
  - {name: BR, servers: [BR1]}
connectors:
  - {name: HQ-BR, kind: site, server: HQ2, connected_sites: [{name: BR, cost: 1}]}
  - {name: BR-HQ, kind: site, server: BR1, connected_sites: [{name: HQ, cost: 1}]}
  - name: IMS (HQ1)
    kind: internet_mail
    server: HQ1
    address_spaces: [{type: SMTP, address: "*", cost: 1, scope: site}]
  - {name: IMS (HQ2), kind: internet_mail, server: HQ2, address_spaces: ["SMTP:*;5"]}
"""


def test_q279404_routing_is_hop_by_hop_so_a_site_scoped_ims_serves_mail_passing_through(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """From BR only IMS (HQ2) is visible; once in HQ, HQ's MTA sees its site-scoped IMS (HQ1) at cost 1."""
    data = route(run_cli, tmp_path, HOP_BY_HOP, "BR", "SMTP:ann@example.com")
    assert [c["connector"] for c in data["candidates"]] == ["IMS (HQ2)"]
    assert data["selected"] == ["IMS (HQ1)"] and data["outcome"] == "deterministic"
    assert [(hop["site"], hop["selected"]) for hop in data["hops"]] == [("BR", ["IMS (HQ2)"]), ("HQ", ["IMS (HQ1)"])]
    text = run_cli(["route", "BR", "SMTP:ann@example.com", "org.yaml"]).out
    assert "handed on to site HQ, whose MTA chooses again" in text and "outcome: deterministic: 'IMS (HQ1)'" in text


def test_scope_has_no_effect_before_5_5(run_cli: RunCli, tmp_path: Path) -> None:
    body = HOP_BY_HOP.replace("sites:\n", 'exchange: "5.0"\nsites:\n', 1)
    data = route(run_cli, tmp_path, body, "BR", "SMTP:ann@example.com")
    assert [c["connector"] for c in data["candidates"]] == ["IMS (HQ1)", "IMS (HQ2)"]
    assert data["selected"] == ["IMS (HQ1)"]


def test_a_site_whose_servers_choose_differently_has_no_single_top_level_outcome(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """Each server is deterministic, but to a different connector: the site reads `per-server`,
    never as one deterministic answer with two connectors in `selected`."""
    body = TWO_SERVERS + (
        '  - {name: IMS 1, kind: internet_mail, server: TRADE1, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: IMS 2, kind: internet_mail, server: TRADE2, address_spaces: ["SMTP:*;1"]}\n'
    )
    data = route(run_cli, tmp_path, body, "TRADE", "SMTP:a@b.example")
    assert (data["outcome"], data["selected"]) == ("per-server", ["IMS 1", "IMS 2"])
    assert [(s["from"], s["outcome"], s["selected"]) for s in data["servers"]] == [
        ("TRADE1", "deterministic", ["IMS 1"]),
        ("TRADE2", "deterministic", ["IMS 2"]),
    ]
    text = run_cli(["route", "TRADE", "SMTP:a@b.example", "org.yaml"]).out
    assert text.endswith("Outcome from site TRADE: per-server (it depends on the server)\n")
    same = route(run_cli, tmp_path, body.replace("server: TRADE1", "server: TRADE2"), "TRADE", "SMTP:a@b.example")
    assert same["outcome"] == "load-balanced"  # both servers load-balance between the same two


THROUGH_A_HUB = """\
sites:
  - {name: BR, servers: [BR1]}
  - {name: HUB, servers: [HUB1]}
  - {name: HQ, servers: [HQ1]}
connectors:
  - {name: BR-HUB, kind: site, server: BR1, connected_sites: [{name: HUB, cost: 1}]}
  - {name: HUB-HQ, kind: site, server: HUB1, connected_sites: [{name: BR, cost: 1}, {name: HQ, cost: 1}]}
  - {name: HQ-HUB, kind: site, server: HQ1, connected_sites: [{name: HUB, cost: 1}]}
  - {name: IMS (HQ), kind: internet_mail, server: HQ1, address_spaces: ["SMTP:*;1"]}
  - name: IMS (HUB)
    kind: internet_mail
    server: HUB1
    address_spaces: [{type: SMTP, address: "*", cost: 1, scope: site}]
"""


def test_q279404_the_message_enters_the_next_site_on_its_path_whose_mta_chooses_again(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """From BR only IMS (HQ) is visible, two links away; the message is handed to HUB first, whose
    MTA sees its own site-scoped IMS (cost 1) as cheaper than HQ's (1 + 1) and sends it out there."""
    data = route(run_cli, tmp_path, THROUGH_A_HUB, "BR", "SMTP:ann@example.com")
    assert [c["connector"] for c in data["candidates"]] == ["IMS (HQ)"]
    assert [(hop["site"], hop["selected"]) for hop in data["hops"]] == [("BR", ["IMS (HQ)"]), ("HUB", ["IMS (HUB)"])]
    assert (data["selected"], data["outcome"]) == (["IMS (HUB)"], "deterministic")
    text = run_cli(["route", "BR", "SMTP:ann@example.com", "org.yaml"]).out
    assert "handed on to site HUB, whose MTA chooses again" in text and "site HQ, whose" not in text


def test_q279404_a_message_is_followed_across_every_site_on_its_path(run_cli: RunCli, tmp_path: Path) -> None:
    body = THROUGH_A_HUB.replace("cost: 1, scope: site", "cost: 5, scope: site")  # HUB's own IMS now dearer
    data = route(run_cli, tmp_path, body, "BR", "SMTP:ann@example.com")
    assert [hop["site"] for hop in data["hops"]] == ["BR", "HUB", "HQ"]
    assert data["selected"] == ["IMS (HQ)"] and data["hops"][-1]["candidates"][0]["via"] == ["HQ"]


def test_route_and_exl103_agree_on_a_connector_whose_server_is_empty(run_cli: RunCli, tmp_path: Path) -> None:
    """`server: ""` (a schema error the model keeps) is no server: a Site Connector tied to no
    bridgehead is local on every server, for `route` and EXL103 alike."""
    body = TWO_SERVERS + (
        '  - {name: Link, kind: site, server: "", address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: IMS, kind: internet_mail, server: TRADE2, address_spaces: ["SMTP:*;1"]}\n'
    )
    from_trade1 = route(run_cli, tmp_path, body, "TRADE1", "SMTP:a@b.example")
    from_trade2 = route(run_cli, tmp_path, body, "TRADE2", "SMTP:a@b.example")
    assert (from_trade1["outcome"], from_trade1["selected"]) == ("deterministic", ["Link"])
    assert (from_trade2["outcome"], from_trade2["selected"]) == ("load-balanced", ["IMS", "Link"])
    lint = json.loads(run_cli(["--format", "json", "org.yaml"]).out)
    (tie,) = [f["message"] for f in lint if f["rule"] == "EXL103"]
    assert "load-balanced from server TRADE2 between" in tie
    assert not [f for f in lint if f["rule"] == "EXL301"]  # no server named: not an unknown one


def test_negative_link_costs_do_not_hang_the_path_search(run_cli: RunCli, tmp_path: Path) -> None:
    """A cost below 1 is a schema error; read as 0, it cannot send the cheapest-path search round a
    cycle for ever."""
    body = """\
sites:
  - {name: A, servers: [A1]}
  - {name: B, servers: [B1]}
connectors:
  - {name: AB, kind: site, server: A1, connected_sites: [{name: B, cost: -1}]}
  - {name: BA, kind: site, server: B1, connected_sites: [{name: A, cost: -1}]}
  - {name: IMS, kind: internet_mail, server: B1, address_spaces: ["SMTP:*;1"]}
"""
    data = route(run_cli, tmp_path, body, "A", "SMTP:a@b.example")
    assert data["selected"] == ["IMS"] and data["hops"][0]["candidates"][0]["cost"] == 1
