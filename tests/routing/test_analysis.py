"""The organization-wide analysis: computed once per organization, and bounded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exchange_lint.budget import OverBudget, time_budget
from exchange_lint.commands.graph import dot, mermaid
from exchange_lint.generations.exchange40_55.model import Organization, build_organization
from exchange_lint.generations.exchange40_55.routing.analysis import analyse
from exchange_lint.load import load_file
from tests.conftest import RunCli

HEAD = "version: 1\norganization: Contoso\n"


def _busy(tmp_path: Path) -> Organization:
    """Enough tied routes over a few sites that the analysis takes far longer than a millisecond."""
    sites = [f"S{n}" for n in range(4)]
    lines = [HEAD, "sites:\n", *(f"  - {{name: {s}, servers: [{s}A, {s}B]}}\n" for s in sites), "connectors:\n"]
    lines += [
        f"  - {{name: L{n}, kind: site, server: {s}A, connected_sites: [{{name: {sites[(n + 1) % 4]}, cost: 1}}]}}\n"
        for n, s in enumerate(sites)
    ]
    for n in range(400):
        spaces = json.dumps(["SMTP:*;1", f"SMTP:*@p{n % 50}.example;1"])
        lines.append(f"  - {{name: IMS{n}, kind: internet_mail, server: S{n % 4}B, address_spaces: {spaces}}}\n")
    path = tmp_path / "org.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return build_organization("Contoso", [load_file(path, "org.yaml", 1 << 24)])


def test_an_analysis_that_ran_out_of_time_is_not_paid_for_again(tmp_path: Path) -> None:
    """The next rule that needs it stops at once, instead of running into its own budget."""
    organization = _busy(tmp_path)
    with pytest.raises(OverBudget), time_budget(0.001):
        analyse(organization).ties  # noqa: B018
    with pytest.raises(OverBudget):  # no budget this time: it is not computed again
        analyse(organization).ties  # noqa: B018


def test_graph_is_drawn_unmarked_when_the_analysis_runs_out_of_its_budget(tmp_path: Path) -> None:
    drawn = mermaid(_busy(tmp_path), budget=0.001)
    assert "  %% load-balanced routes not marked: the routing analysis ran out of its 0.001 s budget\n" in drawn
    assert "class " not in drawn
    marked = mermaid(_busy(tmp_path))
    assert "%%" not in marked and "\n  class conn" in marked
    assert "// load-balanced routes not marked" in dot(_busy(tmp_path), budget=0.001)


def test_more_sites_than_the_analysis_models_are_reported_not_analysed(run_cli: RunCli, tmp_path: Path) -> None:
    sites = "".join(f"  - {{name: S{n}, servers: [S{n}-EX]}}\n" for n in range(1001))
    ims = '  - {name: IMS, kind: internet_mail, server: S0-EX, address_spaces: ["SMTP:*;1"]}\n'
    (tmp_path / "org.yaml").write_text(f"{HEAD}sites:\n{sites}connectors:\n{ims}{ims.replace('IMS,', 'IMS 2,')}")
    findings = json.loads(run_cli(["--format", "json", "org.yaml"]).out)
    assert [f["rule"] for f in findings] == ["EXL113"]
    assert findings[0]["message"].startswith("organization 'Contoso' has 1,001 sites, more than the 1,000")
    assert findings[0]["region"]["start_line"] == 1004  # the 1,001st site
    result = run_cli(["route", "S0", "SMTP:a@b.example", "org.yaml"])
    assert result.code == 2 and "has 1,001 sites, more than the 1,000 the routing model handles" in result.err
    assert "%% load-balanced routes not marked: more than 1,000 sites" in run_cli(["graph", "org.yaml"]).out
    whole = run_cli(["gwart", "org.yaml"])
    assert (
        whole.code == 2 and "more than the 1,000 the routing model handles at once: name one with --site" in whole.err
    )
    assert "GWART of site S7 " in run_cli(["gwart", "--site", "S7", "org.yaml"]).out
