"""EXL313 mixed-generations: files of one organization that name different Exchange generations
are modelled apart, and the later generation's files say so (DESIGN §2: one organization, one
routing model; §9: the 2007–SE generation)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REPO, RunCli, line_col

MODERN = (REPO / "examples" / "q169117-modern.yaml").read_text(encoding="utf-8")


def _project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    shutil.copy(REPO / "examples" / "q169117-msmail-smtp.yaml", tmp_path / "a-classic.yaml")  # Contoso, 5.0
    (tmp_path / "b-modern.yaml").write_text(MODERN.replace("Tailspin Toys", "Contoso"), encoding="utf-8")
    return tmp_path


def test_the_later_generation_is_reported_and_each_is_modelled_on_its_own(run_cli: RunCli, tmp_path: Path) -> None:
    root = _project(tmp_path)
    alone = json.loads(run_cli(["check", "--format", "json", "b-modern.yaml"], cwd=root).out)
    mixed = [f for f in alone if f["rule"] == "EXL313"]
    assert len(mixed) == 1 and mixed[0]["path"] == "b-modern.yaml"
    line, column = line_col(root / "b-modern.yaml", '"2019"')
    assert (mixed[0]["region"]["start_line"], mixed[0]["region"]["start_column"]) == (line, column)
    assert [(r["path"], r["message"]) for r in mixed[0]["related"]] == [
        ("a-classic.yaml", "Exchange 4.0–5.5 declared here")
    ]
    assert "Exchange 4.0–5.5 files and by Exchange 2007–SE files (b-modern.yaml)" in mixed[0]["message"]
    # Both reported: the finding lands on the first file in path order (DESIGN §6), the other related.
    found = json.loads(run_cli(["check", "--format", "json"], cwd=root).out)
    both = [f for f in found if f["rule"] == "EXL313"]
    assert [(f["path"], [r["path"] for r in f["related"]]) for f in both] == [("a-classic.yaml", ["b-modern.yaml"])]
    assert both[0]["message"] == mixed[0]["message"]
    # Each file is still linted by its own generation's rules: Q169117 both ways.
    rules = {(f["path"], f["rule"]) for f in found}
    assert {("a-classic.yaml", "EXL101"), ("b-modern.yaml", "EXL114")} <= rules


def test_one_generation_alone_is_not_reported(run_cli: RunCli, tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "b-modern.yaml").write_text(MODERN, encoding="utf-8")  # Tailspin Toys: another organization
    found = json.loads(run_cli(["check", "--format", "json"], cwd=root).out)
    assert "EXL313" not in {f["rule"] for f in found}


def test_route_asks_the_part_of_the_named_file(run_cli: RunCli, tmp_path: Path) -> None:
    root = _project(tmp_path)
    modern = run_cli(["route", "BRANCH", "SMTP:ann@example.net", "b-modern.yaml"], cwd=root)
    assert modern.code == 0 and "Partner Fabrikam" in modern.out
    classic = run_cli(["route", "TRADE", "SMTP:ann@example.net", "a-classic.yaml"], cwd=root)
    assert classic.code == 0 and "MS Mail Connector (TRADE)" in classic.out


TENANT = """\
version: 1
organization: Contoso
exchange: online
outbound_connectors:
  - {name: To partner, recipient_domains: [partner.example]}
"""


def test_a_tenant_beside_one_on_premises_generation_is_hybrid_not_mixed(run_cli: RunCli, tmp_path: Path) -> None:
    """DESIGN §10: `exchange: online` with the organization of an on-premises one is its tenant."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "a-modern.yaml").write_text(MODERN.replace("Tailspin Toys", "Contoso"), encoding="utf-8")
    (tmp_path / "b-tenant.yaml").write_text(TENANT, encoding="utf-8")
    found = json.loads(run_cli(["check", "--format", "json"], cwd=tmp_path).out)
    assert "EXL313" not in {f["rule"] for f in found}
    assert ("a-modern.yaml", "EXL114") in {(f["path"], f["rule"]) for f in found}  # the 2019 side still linted
    # Each side is modelled on its own: the tenant routes from `online`, the servers from their sites.
    tenant = run_cli(["route", "online", "SMTP:ann@partner.example", "--format", "json"], cwd=tmp_path)
    assert tenant.code == 0 and json.loads(tenant.out)["selected"] == ["To partner"]
    servers = run_cli(["route", "BRANCH", "SMTP:ann@example.net"], cwd=tmp_path)
    assert servers.code == 0 and "Partner Fabrikam" in servers.out


def test_a_tenant_does_not_excuse_two_on_premises_generations(run_cli: RunCli, tmp_path: Path) -> None:
    root = _project(tmp_path)  # 5.0 and 2019 of one organization
    (root / "c-tenant.yaml").write_text(TENANT, encoding="utf-8")
    found = json.loads(run_cli(["check", "--format", "json"], cwd=root).out)
    mixed = [f for f in found if f["rule"] == "EXL313"]
    assert [(f["path"], [r["path"] for r in f["related"]]) for f in mixed] == [("a-classic.yaml", ["b-modern.yaml"])]
    assert "Exchange Online" not in mixed[0]["message"]
