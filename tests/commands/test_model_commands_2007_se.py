"""`route`, `gwart` and `graph` on a real 2007–SE file: shapes, steps, `--size`, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REPO, RunCli

SOURCE = REPO / "tests" / "data" / "exchange2007_se" / "contoso.yaml"


def _copy(tmp_path: Path) -> str:
    shutil.copy(SOURCE, tmp_path / "org.yaml")
    return "org.yaml"


def test_route_json_names_the_deciding_step(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(["route", "EX03", "SMTP:ann@fabrikam.example", _copy(tmp_path), "--format", "json"])
    data = json.loads(result.out)
    assert result.code == 0
    assert {k: data[k] for k in ("from", "selected", "outcome", "decided_by")} == {
        "from": "EX03",
        "selected": ["Partner Fabrikam"],
        "outcome": "deterministic",
        "decided_by": "match",
    }
    assert [c["connector"] for c in data["candidates"]] == ["Partner Fabrikam", "Internet"]
    assert [s["step"] for s in data["steps"]] == ["size", "enabled", "scope", "source", "match", "cost", "hops", "name"]


def test_route_size_drops_a_connector_and_too_large_is_an_ndr(run_cli: RunCli, tmp_path: Path) -> None:
    name = _copy(tmp_path)
    data = json.loads(
        run_cli(["route", "EX03", "SMTP:ann@fabrikam.example", name, "--size", "20MB", "--format", "json"]).out
    )
    assert (data["selected"], data["decided_by"], data["size"]) == (["Internet"], "size", 20 << 20)
    data = json.loads(
        run_cli(["route", "EX01", "SMTP:big@example.net", name, "--size", "200MB", "--format", "json"]).out
    )
    assert (data["outcome"], data["verdict"], data["selected"]) == ("no-route", "ndr", [])


def test_route_from_a_site_of_two_servers_and_local(run_cli: RunCli, tmp_path: Path) -> None:
    name = _copy(tmp_path)
    data = json.loads(run_cli(["route", "HQ", "SMTP:ann@contoso.com", name, "--format", "json"]).out)
    assert (data["outcome"], [s["from"] for s in data["servers"]]) == ("local", ["EX01", "EX02"])
    text = run_cli(["route", "HQ", "SMTP:ann@example.net", name]).out
    assert "outcome: deterministic: 'Internet' (decided by match)" in text
    assert text.endswith("Outcome from site HQ: deterministic (the same from every server)\n")


def test_route_usage_errors(run_cli: RunCli, tmp_path: Path) -> None:
    name = _copy(tmp_path)
    bad_size = run_cli(["route", "EX01", "SMTP:a@example.net", name, "--size", "huge"])
    assert bad_size.code == 2 and "--size: size 'huge' is not a size" in bad_size.err
    assert run_cli(["route", "NOWHERE", "SMTP:a@example.net", name]).code == 2


def test_size_is_refused_for_4_0_5_5(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(
        "version: 1\norganization: Old\nsites:\n  - {name: TRADE, servers: [TRADE]}\n", encoding="utf-8"
    )
    result = run_cli(["route", "TRADE", "SMTP:a@example.net", "old.yaml", "--size", "1MB"])
    assert result.code == 2 and "--size applies to Exchange 2007–SE" in result.err


def test_gwart_lists_each_sites_route_per_space(run_cli: RunCli, tmp_path: Path) -> None:
    name = _copy(tmp_path)
    data = json.loads(run_cli(["gwart", name, "--format", "json"]).out)
    branch = next(s for s in data["sites"] if s["site"] == "BRANCH")
    assert [(r["address_space"], r["verdict"], r["decided_by"]) for r in branch["routes"]] == [
        ("SMTP:fabrikam.example", "Partner Fabrikam", "match"),
        ("SMTP:*", "Internet", "match"),
    ]
    text = run_cli(["gwart", name, "--site", "branch"]).out
    assert text.splitlines()[0] == "Routes of AD site BRANCH (organization Contoso)"
    assert "SMTP:fabrikam.example  every server  Partner Fabrikam  1     EX03" in text


def test_graph_draws_sites_links_edge_and_connectors(run_cli: RunCli, tmp_path: Path) -> None:
    name = _copy(tmp_path)
    mermaid = run_cli(["graph", name]).out
    assert 'subgraph site0["AD site HQ"]' in mermaid and "site0 <-->|site link cost 10| site1" in mermaid
    assert '(["EDGE01 (Edge)"])' in mermaid and "Partner Fabrikam<br/>Send connector" in mermaid
    dot = run_cli(["graph", name, "--format", "dot"]).out
    assert dot.startswith('digraph "Contoso" {') and 'label="site link cost 10"' in dot
