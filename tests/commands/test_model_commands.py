"""`route`, `gwart` and `graph` on real files: output shapes, errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, RunCli

ORG = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1, LON2]}
connectors:
  - {name: Site Connector (TRADE), kind: site, server: TRADE, connected_sites: [{name: LONDON, cost: 2}]}
  - {name: IMS (TRADE), kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - name: IMS (LONDON)
    kind: internet_mail
    server: LON1
    address_spaces: [{type: SMTP, address: "*", cost: 1, scope: site}]
  - name: X.400 to provider
    kind: x400
    server: LON2
    address_spaces: ["X400:c=GB;a=TMAILUK;p=*;5"]
  - {name: Site Connector (LONDON), kind: site, server: LON1, connected_sites: [{name: TRADE, cost: 2}]}
  - {name: "cc:Mail", kind: ccmail, server: TRADE, address_spaces: ["CCMAIL:*;1"]}
  - {name: "cc:Mail 2", kind: ccmail, server: TRADE, address_spaces: ["CCMAIL:*;1"]}
"""


def _write(tmp_path: Path, text: str = ORG, name: str = "org.yaml") -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


def test_route_json_has_the_design_shape(run_cli: RunCli, tmp_path: Path) -> None:
    name = _write(tmp_path)
    result = run_cli(["route", "TRADE", "X400:c=GB;a=TMAILUK;p=Partner;o=Sales", name, "--format", "json"])
    assert result.code == 0
    data = json.loads(result.out)
    assert {"from", "recipient", "candidates", "selected", "outcome"} <= set(data)
    (candidate,) = data["candidates"]
    assert {"connector", "address_space", "match", "cost", "local", "scope"} <= set(candidate)
    assert candidate == {
        "connector": "X.400 to provider",
        "address_space": "X400:c=GB;a=TMAILUK;p=*",
        "match": "wildcard",
        "literals": 9,
        "cost": 7,
        "address_space_cost": 5,
        "scope": "organization",
        "server": "LON2",
        "via": ["TRADE", "LONDON"],
        "local": False,
    }
    assert data["selected"] == ["X.400 to provider"] and data["outcome"] == "deterministic"


def test_route_from_a_site_with_two_servers_reports_each_server(run_cli: RunCli, tmp_path: Path) -> None:
    name = _write(tmp_path)
    data = json.loads(run_cli(["route", "LONDON", "SMTP:a@b.example", name, "--format", "json"]).out)
    assert [server["from"] for server in data["servers"]] == ["LON1", "LON2"]
    assert data["selected"] == ["IMS (LONDON)"] and data["outcome"] == "deterministic"
    text = run_cli(["route", "london", "SMTP:a@b.example", name]).out
    assert text.count("Route from server") == 2 and "Outcome from site LONDON: deterministic" in text


def test_route_text_explains_every_step(run_cli: RunCli, tmp_path: Path) -> None:
    name = _write(tmp_path)
    text = run_cli(["route", "TRADE", "CCMAIL:Smith at Ferguson", name]).out
    assert text.splitlines()[0] == "Route from server TRADE (site TRADE) to CCMAIL:Smith at Ferguson"
    for step in ("1. match:", "2. match class:", "3. cost:", "4. locality:", "5. random:"):
        assert step in text
    assert "outcome: load-balanced between 'cc:Mail', 'cc:Mail 2' (about 1/2 each)" in text


def test_route_usage_errors_exit_2_with_a_message(run_cli: RunCli, tmp_path: Path) -> None:
    name = _write(tmp_path)
    for args, needle in (
        (["route", "NOWHERE", "SMTP:a@b.c", name], "no site or server named 'NOWHERE'"),
        (["route", "TRADE", "a@b.c", name], "has no address type"),
        (["route", "TRADE", "SMTP:a@b.c", "missing.yaml"], "no such file"),
        (["route", "TRADE", "SMTP:a@b.c", name, "--organization", "Other"], "no organization named 'Other'"),
        (["route", "TRADE"], "the following arguments are required"),
    ):
        result = run_cli(args)
        assert result.code == 2, args
        assert needle in result.err and "Traceback" not in result.err, args


def test_route_needs_an_organization_when_files_declare_several(run_cli: RunCli, tmp_path: Path) -> None:
    _write(tmp_path)
    _write(tmp_path, ORG.replace("organization: Contoso", "organization: Fabrikam"), "other.yaml")
    result = run_cli(["route", "TRADE", "SMTP:a@b.c", "org.yaml", "other.yaml"])
    assert result.code == 2 and "several organizations (Contoso, Fabrikam)" in result.err
    picked = run_cli(["route", "TRADE", "SMTP:a@b.c", "org.yaml", "other.yaml", "--organization", "Fabrikam"])
    assert picked.code == 0 and "IMS (TRADE)" in picked.out


def test_gwart_lists_what_each_site_sees(run_cli: RunCli, tmp_path: Path) -> None:
    name = _write(tmp_path)
    data = json.loads(run_cli(["gwart", name, "--format", "json"]).out)
    tables = {site["site"]: site["routes"] for site in data["sites"]}
    trade = {(r["connector"], r["cost"]) for r in tables["TRADE"]}
    # London's site-scoped IMS is not replicated to TRADE; the provider route costs 5 + the link's 2.
    assert ("IMS (LONDON)", 1) not in trade and ("X.400 to provider", 7) in trade
    london = {(r["connector"], r["cost"]) for r in tables["LONDON"]}
    assert ("IMS (LONDON)", 1) in london and ("IMS (TRADE)", 3) in london
    assert [r["section"] for r in tables["TRADE"]] == sorted(
        (r["section"] for r in tables["TRADE"]), key=("DN", "DDA", "O/R").index
    )
    text = run_cli(["gwart", name, "--site", "trade"]).out
    assert text.splitlines()[0] == "GWART of site TRADE (organization Contoso)"
    assert "[O/R]" in text and "X400:c=GB;a=TMAILUK;p=*" in text and "TRADE > LONDON" in text
    missing = run_cli(["gwart", name, "--site", "PARIS"])
    assert missing.code == 2 and "no site named 'PARIS'" in missing.err


def test_graph_mermaid_draws_sites_connectors_and_highlights_ties(run_cli: RunCli, tmp_path: Path) -> None:
    name = _write(tmp_path)
    text = run_cli(["graph", name]).out
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    assert '  subgraph site0["Site TRADE"]' in lines and '  subgraph site1["Site LONDON"]' in lines
    assert any(line.strip().startswith('conn5["cc:Mail<br/>ccmail<br/>CCMAIL:*;1"]') for line in lines)
    assert "  conn0 -->|cost 2| site1" in lines
    assert lines[-1] == "  class conn5,conn6 tie"  # the two cc:Mail connectors are load-balanced
    fenced = run_cli(["graph", name, "--format", "markdown"]).out
    assert fenced.startswith("```mermaid\nflowchart LR\n") and fenced.endswith("```\n")


def test_graph_dot_is_well_formed(run_cli: RunCli, tmp_path: Path) -> None:
    name = _write(tmp_path, ORG.replace("organization: Contoso", 'organization: "Con\\"toso"'))
    text = run_cli(["graph", name, "--format", "dot"]).out
    assert text.startswith('digraph "Con\\"toso" {\n') and text.endswith("}\n")
    assert text.count("{") == text.count("}")
    assert 'conn5 [label="cc:Mail\\nccmail\\nCCMAIL:*;1", color="#dd0000"' in text


def test_the_shipped_example_graph_marks_the_q169117_tie(run_cli: RunCli, tmp_path: Path) -> None:
    source = REPO / "examples" / "q169117-msmail-smtp.yaml"
    name = _write(tmp_path, source.read_text(encoding="utf-8"), source.name)
    assert "class conn0,conn1 tie" in run_cli(["graph", name]).out


def test_paths_may_follow_options(run_cli: RunCli, tmp_path: Path) -> None:
    name = _write(tmp_path)
    result = run_cli(["route", "TRADE", "SMTP:a@b.example", "--format", "json", name])
    assert result.code == 0 and json.loads(result.out)["selected"] == ["IMS (TRADE)"]
    assert run_cli(["--format", "json", name]).code == 1
    assert run_cli(["route", "TRADE", "SMTP:a@b.example", name, "--nope"]).code == 2


def test_gwart_keeps_the_cheapest_route_per_connector_and_drops_circular_ones(run_cli: RunCli, tmp_path: Path) -> None:
    """Q243274: lowest cost per connector and address space; Q159186: circular routes filtered out."""
    source = REPO / "examples" / "fabrikam-enterprise.yaml"
    name = _write(tmp_path, source.read_text(encoding="utf-8"), source.name)
    data = json.loads(run_cli(["gwart", "--site", "LONDON", name, "--format", "json"]).out)
    (london,) = data["sites"]
    keys = [(r["connector"], r["type"], r["address"].casefold()) for r in london["routes"]]
    assert len(keys) == len(set(keys))
    for row in london["routes"]:
        assert not (row["address"].endswith("OU=HQ") or row["address"].endswith("o=HQ")) or "HQ" not in row["via"]
        assert "OU=LONDON" not in row["address"] and "o=LONDON" not in row["address"]


def test_a_connector_without_server_in_a_multi_site_organization(run_cli: RunCli, tmp_path: Path) -> None:
    text = ORG.replace(
        "  - {name: IMS (TRADE), kind: internet_mail, server: TRADE,", "  - {name: IMS (TRADE), kind: internet_mail,"
    )
    name = _write(tmp_path, text)
    found = json.loads(run_cli(["--format", "json", "--select", "EXL301", name]).out)
    assert [f["message"].split(":")[0] for f in found] == [
        "connector 'IMS (TRADE)' names no `server`, and organization 'Contoso' has 2 sites"
    ]
    data = json.loads(run_cli(["route", "TRADE", "SMTP:a@b.example", name, "--format", "json"]).out)
    assert data["outcome"] == "no-route" and "in no known site" in data["steps"][0]["reason"]
