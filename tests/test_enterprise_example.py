"""The larger shipped example, examples/fabrikam-enterprise.yaml: a clean three-site 5.5 organization."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import REPO, RunCli

NAME = "fabrikam-enterprise.yaml"
SOURCE = REPO / "examples" / NAME


def _document() -> dict[str, Any]:
    return YAML(typ="safe").load(SOURCE.read_text(encoding="utf-8"))


def _copy(tmp_path: Path) -> str:
    shutil.copy(SOURCE, tmp_path / NAME)
    return NAME


def _connectors(kind: str) -> list[dict[str, Any]]:
    return [c for c in _document()["connectors"] if c["kind"] == kind]


def test_example_lints_clean(run_cli: RunCli, tmp_path: Path) -> None:
    name = _copy(tmp_path)
    result = run_cli(["--format", "json", name])
    assert (result.code, result.err) == (0, "")
    assert json.loads(result.out) == []
    text = run_cli([name])
    assert (text.code, text.out.strip()) == (0, "All checked: no problems found.")


def test_header_and_organization() -> None:
    first = SOURCE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/exchange-connectors.schema.json"
    document = _document()
    assert (document["version"], document["organization"], document["exchange"]) == (1, "Fabrikam", "5.5")
    others = {
        YAML(typ="safe").load(path.read_text(encoding="utf-8"))["organization"]
        for path in (REPO / "examples").glob("*.yaml")
        if path.name != NAME
    }
    assert "Fabrikam" not in others  # files of one organization would be linted as one model


def test_three_sites_with_x400_addresses_and_a_two_server_hq() -> None:
    sites = {site["name"]: site for site in _document()["sites"]}
    assert len(sites) >= 3
    for name, site in sites.items():
        assert site["x400_address"] == f"c=US;a= ;p=Fabrikam;o={name}"
    assert len(sites["HQ"]["servers"]) == 2


def test_declares_every_connector_kind_the_example_is_about() -> None:
    kinds = {connector["kind"] for connector in _document()["connectors"]}
    assert kinds >= {"site", "x400", "internet_mail", "msmail", "ccmail"}


def test_site_links_are_declared_on_both_sides() -> None:
    document = _document()
    site_of = {server: site["name"] for site in document["sites"] for server in site["servers"]}
    links = {
        (site_of[c["server"]], remote["name"])
        for c in document["connectors"]
        if c["kind"] in ("site", "x400")
        for remote in c.get("connected_sites", [])
    }
    assert {("HQ", "LONDON"), ("LONDON", "HQ"), ("HQ", "TOKYO"), ("TOKYO", "HQ")} <= links
    (site_connector,) = [c for c in _connectors("site") if site_of[c["server"]] == "HQ"]
    assert [s["name"] for s in site_connector["connected_sites"]] == ["LONDON"]


def test_foreign_x400_connector_has_a_narrow_address_space() -> None:
    foreign = [c for c in _connectors("x400") if not c.get("connected_sites")]
    assert foreign, "no X.400 connector to a foreign system"
    spaces = [space for connector in foreign for space in connector["address_spaces"]]
    assert spaces and all(space.startswith("X400:c=GB;") for space in spaces)
    assert not any("c=*" in space for space in spaces)


def test_ms_mail_connector_has_a_real_smtp_gateway_and_a_narrow_smtp_space() -> None:
    (msmail,) = _connectors("msmail")
    smtp_gateways = [g for g in msmail["gateways"] if g["type"] == "SMTP"]
    assert smtp_gateways and all(g["access_components"] is True for g in smtp_gateways)
    smtp = [s["address"] for s in msmail["address_spaces"] if s["type"] == "SMTP"]
    assert smtp == ["*@msmail.fabrikam.example"]
    assert any(s["type"] == "MS" and s["address"].endswith("/*") for s in msmail["address_spaces"])


def test_ccmail_connector_carries_ccmail_star() -> None:
    (ccmail,) = _connectors("ccmail")
    assert "CCMAIL:*;1" in ccmail["address_spaces"]


def test_routing_tests_are_many_and_name_declared_connectors() -> None:
    document = _document()
    tests = document["routing_tests"]
    assert len(tests) >= 8
    names = {connector["name"] for connector in document["connectors"]}
    assert {test["expect"] for test in tests} - names == {"ndr"}
    assert {test["recipient"].split(":", 1)[0] for test in tests} >= {"SMTP", "MS", "CCMAIL", "X400", "FAX", "NOTES"}


@pytest.mark.parametrize(
    ("origin", "recipient", "expected", "cost"),
    [
        # TOKYO has no IMS: the HQ IMS, address-space cost 1 plus the TOKYO-HQ connected-site cost 10.
        ("TOKYO", "SMTP:orders@contoso.example", "Internet Mail Service (HQ)", 11),
        # The MS Mail domain's literal characters beat London's own (site-scoped, cheaper) `SMTP:*`.
        ("LONDON", "SMTP:jsmith@msmail.fabrikam.example", "MS Mail Connector (HQ)", 2),
        ("HQ", "X400:c=US;a= ;p=Fabrikam;o=TOKYO;s=Tanaka;g=Yuki", "X.400 Connector (HQ-TOKYO)", 1),
    ],
)
def test_routing_tests_route_deterministically(
    run_cli: RunCli, tmp_path: Path, origin: str, recipient: str, expected: str, cost: int
) -> None:
    assert {"from": origin, "recipient": recipient, "expect": expected} in _document()["routing_tests"]
    name = _copy(tmp_path)
    result = run_cli(["route", origin, recipient, name, "--format", "json"])
    assert result.code == 0
    data = json.loads(result.out)
    assert (data["outcome"], data["selected"]) == ("deterministic", [expected])
    chosen = [c for c in data["candidates"] if c["connector"] == expected]
    # The cheapest of the connector's matching entries is the route taken (a site-to-site connector
    # also routes its connected sites' X.400 addresses implicitly, at the connected-site cost).
    assert min(c["cost"] for c in chosen) == cost


def test_notes_recipients_have_no_route(run_cli: RunCli, tmp_path: Path) -> None:
    name = _copy(tmp_path)
    data = json.loads(run_cli(["route", "HQ", "NOTES:Pat Brown/Sales/Fabrikam", name, "--format", "json"]).out)
    assert (data["outcome"], data["selected"]) == ("no-route", [])


def test_routing_tests_catch_the_q169117_mistake(run_cli: RunCli, tmp_path: Path) -> None:
    """Widen the MS Mail Connector's SMTP space to `*`: it ties with the HQ IMS and the tests fail."""
    text = SOURCE.read_text(encoding="utf-8")
    narrow = 'address: "*@msmail.fabrikam.example"'
    assert text.count(narrow) == 1
    (tmp_path / NAME).write_text(text.replace(narrow, 'address: "*"'), encoding="utf-8")
    result = run_cli(["--format", "json", NAME])
    assert result.code == 1
    rules = [finding["rule"] for finding in json.loads(result.out)]
    assert "EXL103" in rules and rules.count("EXL106") >= 2
