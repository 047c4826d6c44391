"""Generations are an axis: each organization is modelled by its generation, and a rule runs only
on the generations it states."""

from __future__ import annotations

import json
from pathlib import Path

from exchange_lint.engine import _Findings, _models, build_model, by_generation
from exchange_lint.generation import (
    EVERY,
    EXCHANGE_40_55,
    EXCHANGE_2007_SE,
    EXCHANGE_ONLINE,
    HYBRID,
    generation_of,
    grouped,
    title,
)
from exchange_lint.load import Document, load_text
from exchange_lint.rules.registry import load_rules
from tests.conftest import DATA, RunCli

Q169117 = (DATA.parent.parent / "examples" / "q169117-msmail-smtp.yaml").read_text(encoding="utf-8")


def test_exchange_values_name_their_generation() -> None:
    assert generation_of("5.5") is EXCHANGE_40_55 and generation_of(None) is EXCHANGE_40_55
    assert generation_of(5.5) is EXCHANGE_40_55
    assert generation_of("2019") is EXCHANGE_2007_SE and generation_of(2019) is EXCHANGE_2007_SE
    assert generation_of("SE") is EXCHANGE_2007_SE and generation_of("2003") is None
    assert generation_of("6.0") is None
    assert generation_of("2000") is None
    assert generation_of("2021") is None
    assert generation_of("online") is EXCHANGE_ONLINE and generation_of("Online") is None


def test_a_file_naming_no_generation_beside_a_tenant_follows_the_on_premises_files() -> None:
    """The format began on-premises: a file without `exchange` joins the first on-premises
    generation named, even when the tenant's file comes first; the tenant's only when alone."""
    tenant = load_text("a-tenant.yaml", "version: 1\norganization: Contoso\nexchange: online\n")
    servers = load_text("b-servers.yaml", 'version: 1\norganization: Contoso\nexchange: "2019"\n')
    shared = load_text("c-tests.yaml", "version: 1\norganization: Contoso\n")
    parts = {
        generation: [d.path for d in documents] for generation, documents in by_generation([tenant, servers, shared])
    }
    assert parts == {EXCHANGE_ONLINE: ["a-tenant.yaml"], EXCHANGE_2007_SE: ["b-servers.yaml", "c-tests.yaml"]}
    alone = {generation: [d.path for d in documents] for generation, documents in by_generation([tenant, shared])}
    assert alone == {EXCHANGE_ONLINE: ["a-tenant.yaml", "c-tests.yaml"]}


def test_no_model_rule_runs_on_a_generation_it_does_not_understand(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(Q169117.replace('exchange: "5.0"', 'exchange: "2000"'), encoding="utf-8")
    found = json.loads(run_cli(["--format", "json", "org.yaml"]).out)
    # The unknown value is a schema error; the 4.0-5.5 rules (EXL101, EXL103, EXL106) stay silent.
    assert {f["rule"] for f in found} == {"EXL002"}
    assert "exchange" in found[0]["message"]


def test_the_same_file_as_exchange_5_is_linted_by_its_rules(run_cli: RunCli, tmp_path: Path) -> None:
    assert 'exchange: "5.0"' in Q169117
    (tmp_path / "org.yaml").write_text(Q169117, encoding="utf-8")
    found = json.loads(run_cli(["--format", "json", "org.yaml"]).out)
    assert {"EXL101", "EXL103", "EXL106"} <= {f["rule"] for f in found}


def test_rules_and_their_pages_are_grouped_by_generation(run_cli: RunCli) -> None:
    out = run_cli(["rules"]).out
    every, exchange5 = out.index("Every generation"), out.index("Exchange 4.0–5.5")
    assert every < out.index("EXL001") < exchange5 < out.index("EXL101")
    groups = dict(grouped(load_rules(), lambda rule: rule.generations))
    assert {rule.id for rule in groups[EVERY]} == {
        "EXL001",
        "EXL002",
        "EXL003",
        "EXL004",
        "EXL005",
        "EXL006",
        "EXL313",  # mixed-generations: the engine compares the files' `exchange` values
        "EXL406",  # secret-in-file: a fact about any connector file's text
        "EXL901",
    }
    assert "Applies to: Exchange 4.0–5.5" in run_cli(["explain", "EXL101"]).out


def test_hybrid_rules_are_a_generation_of_their_own_in_rules_and_explain(run_cli: RunCli) -> None:
    """A rule about both sides names `hybrid`; `rules`, `explain` and docs/rules.md group it there."""
    out = run_cli(["rules"]).out
    hybrid = out.index("Hybrid (Exchange 2007–SE with Exchange Online)")
    assert out.index("Exchange Online (exchange: online)") < hybrid < out.index("EXL121")
    groups = dict(grouped(load_rules(), lambda rule: rule.generations))
    assert {rule.id for rule in groups[HYBRID.id]} == {"EXL121", "EXL420", "EXL421", "EXL423", "EXL424"}
    assert "Applies to: Hybrid (Exchange 2007–SE with Exchange Online)" in run_cli(["explain", "EXL420"]).out
    assert title(HYBRID.id) == "Hybrid (Exchange 2007–SE with Exchange Online): one organization with files of both"
    assert generation_of("hybrid") is None  # no file names it: the pair of its sides does


def test_the_hybrid_model_is_built_only_where_an_organization_has_both_sides() -> None:
    """4.0–5.5 was never hybrid; a tenant or a 2007–SE organization alone is no pair."""
    tenant = load_text("a-tenant.yaml", "version: 1\norganization: Contoso\nexchange: online\n")
    servers = load_text("b-servers.yaml", 'version: 1\norganization: Contoso\nexchange: "2019"\n')
    legacy = load_text("b-legacy.yaml", 'version: 1\norganization: Contoso\nexchange: "5.5"\n')
    shared = load_text("c-tests.yaml", "version: 1\norganization: Contoso\n")
    everything = {d.path for d in (tenant, servers, legacy, shared)}

    def models(*documents: Document) -> list[tuple[str, list[str]]]:
        found = _Findings(load_rules(), {d.path: d for d in documents})
        groups = {"Contoso": list(documents)}
        return [(g.id, [d.path for d in docs]) for _, g, docs in _models(groups, everything, found)]

    assert models(tenant, servers, shared)[-1] == ("hybrid", ["a-tenant.yaml", "b-servers.yaml", "c-tests.yaml"])
    assert "hybrid" not in dict(models(tenant, legacy))
    assert "hybrid" not in dict(models(tenant)) and "hybrid" not in dict(models(servers))
    pair = build_model(HYBRID, "Contoso", [tenant, servers, shared])
    assert (pair.online.paths, pair.on_premises.paths) == (("a-tenant.yaml",), ("b-servers.yaml", "c-tests.yaml"))
