"""`graph` of a hybrid organization's files on both sides: the 2007–SE drawing, the tenant's
connectors and the connectors between the two (the README's broken pair)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REPO, RunCli

ONLINE, ONPREM = "hybrid-broken-online.yaml", "hybrid-broken-onprem.yaml"


def _copy(tmp_path: Path) -> None:
    for name in (ONLINE, ONPREM):
        shutil.copyfile(REPO / "examples" / name, tmp_path / name)


def test_mermaid_draws_both_sides_and_the_connectors_between(run_cli: RunCli, tmp_path: Path) -> None:
    _copy(tmp_path)
    result = run_cli(["graph", ONPREM, ONLINE])
    lines = result.out.splitlines()
    assert result.code == 0 and lines[0] == "flowchart LR"
    assert '  subgraph site0["AD site HQ"]' in lines
    assert '  conn2["Outbound to Office 365<br/>Send connector<br/>SMTP:woodgrovebank.mail.onmicrosoft.com;1"]' in lines
    assert '  subgraph tenant["Exchange Online tenant Woodgrove Bank"]' in lines
    assert '    exoin0["Inbound from Woodgrove on-premises<br/>inbound connector (OnPremises)"]' in lines
    # the certificate the hybrid Send connector presents, on its way to the OnPremises inbound connector
    assert '  conn2 -->|"TLS mail.woodgrove.net"| exoin0' in lines
    assert '  host0(("mail.woodgrovebank.com"))' in lines and '  exoout0 -->|"smart host"| host0' in lines


def test_dot_and_markdown(run_cli: RunCli, tmp_path: Path) -> None:
    _copy(tmp_path)
    dot = run_cli(["graph", "--format", "dot", ONLINE, ONPREM]).out
    assert dot.startswith('digraph "Woodgrove Bank" {') and dot.endswith("}\n") and dot.count("}") == 3
    assert '    label="Exchange Online tenant Woodgrove Bank";' in dot
    assert '  conn2 -> exoin0 [label="TLS mail.woodgrove.net"];' in dot
    fenced = run_cli(["graph", "--format", "markdown", ONLINE, ONPREM]).out
    assert fenced.startswith("```mermaid\nflowchart LR\n") and fenced.endswith("```\n")


def test_one_side_named_draws_that_side_as_before(run_cli: RunCli, tmp_path: Path) -> None:
    _copy(tmp_path)
    (tmp_path / ".exchange-lint.yaml").write_text('include: ["*.yaml"]\n', encoding="utf-8")
    servers = run_cli(["graph", ONPREM]).out
    assert "tenant" not in servers and "conn2" in servers
    assert run_cli(["graph", ONLINE]).out == servers  # `graph` asks a hybrid organization about its servers
