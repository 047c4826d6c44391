"""The routing rules' findings on real files: places, related locations, messages, counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.rules.invalid_msmail_address_space import msmail_problems
from exchange_lint.generations.exchange40_55.rules.invalid_x400_address_space import x400_problems
from exchange_lint.rules.registry import load_rules
from tests.conftest import RunCli, line_col

HEADER = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
"""


def findings(run_cli: RunCli, tmp_path: Path, body: str, *extra: str) -> list[dict[str, Any]]:
    (tmp_path / "org.yaml").write_text(HEADER + body, encoding="utf-8")
    result = run_cli(["--format", "json", *extra, "org.yaml"])
    found: list[dict[str, Any]] = json.loads(result.out)
    return found


def test_exl103_one_finding_per_tie_group_with_the_others_related(run_cli: RunCli, tmp_path: Path) -> None:
    body = (
        '  - {name: A, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1", "SMTP:*@x.example;1"]}\n'
        '  - {name: B, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1", "SMTP:*@x.example;1"]}\n'
        '  - {name: C, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
    )
    found = findings(run_cli, tmp_path, body, "--select", "EXL103")
    assert len(found) == 2  # `*` on A, B, C; `*@x.example` on A and B
    star, partner = sorted(found, key=lambda f: len(f["related"]), reverse=True)
    assert [r["message"] for r in star["related"]] == ["tied route: 'B'", "tied route: 'C'"]
    assert "about 1/3 each" in star["message"] and "about 1/2 each" in partner["message"]
    line, column = line_col(tmp_path / "org.yaml", '"SMTP:*@x.example;1"')
    assert (partner["region"]["start_line"], partner["region"]["start_column"]) == (line, column)


def test_exl103_ties_across_sites_are_found_from_the_site_in_between(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        """\
version: 1
organization: Contoso
sites:
  - {name: HUB, servers: [HUB1]}
  - {name: EAST, servers: [EAST1]}
  - {name: WEST, servers: [WEST1]}
connectors:
  - {name: Hub links, kind: x400, server: HUB1, connected_sites: [{name: EAST, cost: 1}, {name: WEST, cost: 1}]}
  - {name: IMS (EAST), kind: internet_mail, server: EAST1, address_spaces: ["SMTP:*;1"]}
  - {name: IMS (WEST), kind: internet_mail, server: WEST1, address_spaces: ["SMTP:*;1"]}
""",
        encoding="utf-8",
    )
    (finding,) = json.loads(run_cli(["--format", "json", "--select", "EXL103", "org.yaml"]).out)
    assert "from server HUB1 between 'IMS (EAST)', 'IMS (WEST)', about 1/2 each" in finding["message"]
    assert "same cost 2, none on the routing server" in finding["message"]


def test_exl103_sits_on_the_route_that_cannot_deliver(run_cli: RunCli, tmp_path: Path) -> None:
    body = (
        '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        "  - {name: cc:Mail, kind: ccmail, server: TRADE, address_spaces: ['CCMAIL:*;1', 'SMTP:*;1']}\n"
    ).replace("name: cc:Mail,", 'name: "cc:Mail",')
    (finding,) = findings(run_cli, tmp_path, body, "--select", "EXL103")
    line, _ = line_col(tmp_path / "org.yaml", "'SMTP:*;1'")
    assert finding["region"]["start_line"] == line
    assert (
        "'cc:Mail' cannot deliver SMTP mail, so about 1/2 of it is returned as NDRs, intermittently"
        in (finding["message"])
    )


@pytest.mark.parametrize(
    ("test", "message"),
    [
        ("{from: TRADE, recipient: 'SMTP:a@b.example', expect: IMS}", None),
        ("{from: TRADE, recipient: 'NOTES:x', expect: ndr}", None),
        ("{from: TRADE, recipient: 'NOTES:x', expect: IMS}", "has no route"),
        ("{from: TRADE, recipient: 'SMTP:a@partner.example', expect: IMS}", "goes to 'Partner IMS'"),
        ("{from: TRADE, recipient: 'SMTP:a@b.example', expect: ndr}", "goes to 'IMS'"),
        ("{from: PARIS, recipient: 'SMTP:a@b.example', expect: IMS}", "no site or server of that name"),
        ("{from: TRADE, recipient: 'a@b.example', expect: IMS}", "has no address type"),
        ("{from: TRADE, recipient: 'SMTP:a@b.example', expect: Nobody}", "not a declared connector"),
    ],
)
def test_exl106_routing_tests(run_cli: RunCli, tmp_path: Path, test: str, message: str | None) -> None:
    body = (
        '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: Partner IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}\n'
        f"routing_tests:\n  - {test}\n"
    )
    found = findings(run_cli, tmp_path, body, "--select", "EXL106")
    if message is None:
        assert found == []
    else:
        (finding,) = found
        assert message in finding["message"]
        assert finding["region"]["start_line"] == len((HEADER + body).splitlines())


def test_exl201_says_when_it_is_the_only_smtp_route(run_cli: RunCli, tmp_path: Path) -> None:
    body = '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:@contoso.example;1"]}\n'
    (finding,) = findings(run_cli, tmp_path, body)
    assert finding["rule"] == "EXL201"
    assert "only SMTP address space in the organization" in finding["message"]
    assert finding["hint"] == "use `*@contoso.example`"


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("c=USA;a= ;p=X", "must be 2 letters or 3 digits"),
        ("c=US;a=;p=X", "`a=` is empty"),
        ("c=US;a= ;p=ABCDEFGHIJKLMNOPQ", "17 characters long; 1-16 allowed"),
        ("c=US;a= ;x=1", "not an X.400 routing attribute"),
        ("c=US;c=GB", "appears twice"),
        ("c=US;a= ;p=X;o=Y;ou=A;ou=B;ou=C;ou=D;ou=E", "not an X.400 routing attribute"),
        ("a= ;p=X", "the country attribute `c` is missing"),
        ("c=US;garbage", "not of the form attribute=value"),
        ("c=US;o=Café", "printable string"),
    ],
)
def test_exl202_x400_problems(address: str, problem: str) -> None:
    assert any(problem in found for found in x400_problems(address)), list(x400_problems(address))


@pytest.mark.parametrize(
    "address",
    [
        "c=*",
        "c=US;a= ;p=Contoso;o=TRADE",
        "c=840;a=ATTMAIL;p=*",
        "c=GB/a=TMAILUK/p=*",
        "c=US;a=MCI;p=Acme;o=Acme, Inc.",
        "c=US;a= ;p=X;o=Y;ou=Sales;ou=East",
    ],
)
def test_exl202_accepts_valid_x400_address_spaces(address: str) -> None:
    assert list(x400_problems(address)) == []


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("SMTP/*", "reserved MS Mail network name"),
        ("X400", "reserved MS Mail network name"),
        ("HEADQUARTERS/*", "longer than 10 characters"),
        ("CA/PO/USER/EXTRA", "4 components"),
        ("CA/P-O", "letters and digits"),
    ],
)
def test_exl203_msmail_problems(address: str, problem: str) -> None:
    assert any(problem in found for found in msmail_problems(address)), list(msmail_problems(address))


@pytest.mark.parametrize("address", ["CA/*", "CA/TCAHQPO", "CA/TCAHQPO/ANN", "*", "SYSTEMS/*"])
def test_exl203_accepts_valid_ms_mail_address_spaces(address: str) -> None:
    assert list(msmail_problems(address)) == []


def test_every_routing_rule_cites_a_kb_article() -> None:
    """4.0–5.5 rules cite the KB (Q numbers); later generations' rules cite the docs page, cmdlet
    reference or KB their catalog entry names, by address."""
    for rule in load_rules():
        if not rule.id.startswith(("EXL1", "EXL2", "EXL4")):
            continue
        if EXCHANGE_40_55.id in rule.generations:
            assert any("KB Q" in reference for reference in rule.doc.references), rule.id
        else:
            assert rule.doc.references and all("http" in reference for reference in rule.doc.references), rule.id


@pytest.mark.parametrize(
    ("kind", "space", "undeliverable"),
    [
        ("internet_mail", "SMTP:*", False),
        ("internet_mail", "MS:CA/*", True),  # Q183801: the IMS delivers SMTP only
        ("ccmail", "CCMAIL:*", False),
        ("ccmail", "SMTP:*", True),
        ("notes", "NOTES:*", False),
        ("groupwise", "GWISE:*", False),
        ("groupwise", "NOTES:*", True),
        ("profs", "PROFS:*", False),
        ("snads", "SNADS:*", False),
        ("msmail", "MS:CA/*", False),
        ("msmail", "MSA:", False),
        ("msmail", "FAX:", True),  # no FAX gateway behind the post office (Q167979)
        ("x400", "SMTP:*@partner.example", False),  # site-to-site connectors carry any type onward
        ("site", "MS:CA/*", False),
        ("dynamic_ras", "CCMAIL:*", False),
    ],
)
def test_exl102_follows_the_kind_table_of_domain_doc_section_2(
    run_cli: RunCli, tmp_path: Path, kind: str, space: str, undeliverable: bool
) -> None:
    extra = ", postoffice: CA/TCAHQPO" if kind == "msmail" else ""
    body = f'  - {{name: C, kind: {kind}, server: TRADE{extra}, address_spaces: ["{space};1"]}}\n'
    found = [f["rule"] for f in findings(run_cli, tmp_path, body, "--select", "EXL102")]
    assert found == (["EXL102"] if undeliverable else [])


def test_exl102_ims_with_connected_sites_carries_other_types_encapsulated(run_cli: RunCli, tmp_path: Path) -> None:
    """XOG05007: from 5.0 the IMS links sites and encapsulates other types for them."""
    (tmp_path / "org.yaml").write_text(
        HEADER.replace("connectors:\n", "  - {name: LONDON, servers: [LON1]}\nconnectors:\n")
        + "  - name: IMS\n    kind: internet_mail\n    server: TRADE\n"
        + '    connected_sites: [{name: LONDON, cost: 1}]\n    address_spaces: ["SMTP:*;1", "MS:LON/*;1"]\n',
        encoding="utf-8",
    )
    assert json.loads(run_cli(["--format", "json", "--select", "EXL102", "org.yaml"]).out) == []


def test_exl105_a_dearer_x400_route_is_a_real_backup_but_a_dearer_ims_is_not(run_cli: RunCli, tmp_path: Path) -> None:
    """BORES-MTA, Q263714: scheduled site-to-site connectors can be unavailable; gateways never reroute."""
    body = (
        '  - {name: X400 A, kind: x400, server: TRADE, address_spaces: ["X400:c=GB;a=TMAILUK;p=*;1"]}\n'
        '  - {name: X400 B, kind: x400, server: TRADE, address_spaces: ["X400:c=GB;a=TMAILUK;p=*;5"]}\n'
        '  - {name: IMS A, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: IMS B, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;5"]}\n'
    )
    (finding,) = findings(run_cli, tmp_path, body, "--select", "EXL105")
    assert "on 'IMS B' is never selected: 'IMS A' carries the same pattern at a lower cost" in finding["message"]
    assert finding["related"][0]["message"] == "the route that wins: 'IMS A'"


def test_q234639_location_scope_is_not_visible_from_another_site(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE], location: HQ}
  - {name: LONDON, servers: [LON1], location: HQ}
connectors:
  - {name: Link, kind: site, server: TRADE, connected_sites: [{name: LONDON, cost: 1}]}
  - name: IMS (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: [{type: SMTP, address: "*", cost: 1, scope: location}]
""",
        encoding="utf-8",
    )
    from_trade = json.loads(run_cli(["route", "TRADE", "SMTP:a@b.example", "org.yaml", "--format", "json"]).out)
    from_london = json.loads(run_cli(["route", "LON1", "SMTP:a@b.example", "org.yaml", "--format", "json"]).out)
    assert from_trade["selected"] == ["IMS (TRADE)"]
    assert from_london["outcome"] == "no-route"


@pytest.mark.parametrize(
    ("allow", "reported"),
    [
        ("[]", True),
        ('["0.0.0.0/0"]', True),
        ('["0.0.0.0/1", "128.0.0.0/1"]', True),
        ('["0.0.0.0 0.0.0.0"]', True),
        ('["10.0.0.0 255.0.0.0"]', False),
        ('["10.0.0.0/8", "192.168.0.0/16"]', False),
        ('["not a network"]', True),
    ],
)
def test_exl401_relay_restrictions(run_cli: RunCli, tmp_path: Path, allow: str, reported: bool) -> None:
    body = (
        "  - name: IMS\n    kind: internet_mail\n    server: TRADE\n    address_spaces: ['SMTP:*;1']\n"
        f"    reroute: {{enabled: true, allow_from: {allow}}}\n"
    )
    assert [f["rule"] for f in findings(run_cli, tmp_path, body)] == (["EXL401"] if reported else [])


def test_exl112_explains_the_choice_of_the_origin_not_of_the_site_it_hands_the_mail_to(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """EAST's MTA sends its internet mail to WEST because WEST's IMS is cheaper end to end; the
    reason is EAST's cost step, not WEST's own locality step ("origin is site WEST")."""
    (tmp_path / "org.yaml").write_text(
        """\
version: 1
organization: Contoso
sites:
  - {name: EAST, servers: [EAST1]}
  - {name: WEST, servers: [WEST1]}
connectors:
  - {name: Link (EAST), kind: site, server: EAST1, connected_sites: [{name: WEST, cost: 1}]}
  - {name: Link (WEST), kind: site, server: WEST1, connected_sites: [{name: EAST, cost: 1}]}
  - {name: IMS (EAST), kind: internet_mail, server: EAST1, address_spaces: ["SMTP:*;5"]}
  - {name: IMS (WEST), kind: internet_mail, server: WEST1, address_spaces: ["SMTP:*;1"]}
""",
        encoding="utf-8",
    )
    (finding,) = json.loads(run_cli(["--format", "json", "--select", "EXL112", "org.yaml"]).out)
    message = finding["message"]
    assert message.startswith("mail from site EAST (server EAST1) to recipients like SMTP:x@x.x leaves through ")
    assert "(lowest cost is 2: kept 'IMS (WEST)'; dropped 'IMS (EAST)')" in message
    assert "WEST, no routing server named" not in message and "origin is site" not in message
