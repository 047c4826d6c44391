"""Each 4.0-5.5 scenario of the misconfiguration catalog (S01-S12) as a bad and a good YAML file.

The bad file is built from the scenario's facts and must give exactly the listed findings; the
good file (the fix the KB article gives) must be clean. Each file's first line cites its article.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, RunCli

SCENARIOS = {
    # scenario: (rules the bad file triggers, in report order; KB article cited in both files)
    "s01": (["EXL201"], "Q229961"),  # bare-domain SMTP space never matches
    "s02": (["EXL105"], "Q152471"),  # blank loses to `*` whatever the cost
    "s03": (["EXL103", "EXL108"], "Q238719"),  # inbound-only IMS with an address space
    "s04": (["EXL102", "EXL304", "EXL111", "EXL102"], "Q186235"),  # gateway without its own type; foreign type
    "s05": (["EXL103"], "Q187915"),  # gateway and X.400 connector both on c=*
    "s06": (["EXL205"], "Q189492"),  # IMS routing address `*`
    # A site's internet mail leaves through another site. (TRADE's own IMS is still a real backup:
    # London's is reached over a site link, which can be down, so it is not EXL105.)
    "s07": (["EXL112"], "Q161947"),
    "s08": (["EXL105"], "Q182128"),  # site connector spaces between replicated sites
    "s09": (["EXL109"], "Q180547"),  # X.400 space inside a site address
    "s10": (["EXL110"], "Q262116"),  # c=* catch-all and DDA fallback loops
    "s11": (["EXL107", "EXL104", "EXL102", "EXL102"], "Q167979"),  # MS Mail gateway without space or access
    "s12": (["EXL401"], "Q196626"),  # open relay
}


def _rules(run_cli: RunCli, root: Path, name: str) -> list[str]:
    result = run_cli(["--format", "json", f"scenarios/{name}"], cwd=root)
    return [finding["rule"] for finding in json.loads(result.out)]


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_bad_scenario_is_reported(scenario: str, run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    expected, article = SCENARIOS[scenario]
    root = workdir("scenarios")
    assert article in (DATA / "scenarios" / f"{scenario}-bad.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert _rules(run_cli, root, f"{scenario}-bad.yaml") == expected


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_fixed_scenario_is_clean(scenario: str, run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("scenarios")
    assert SCENARIOS[scenario][1] in (root / "scenarios" / f"{scenario}-good.yaml").read_text().splitlines()[0]
    assert _rules(run_cli, root, f"{scenario}-good.yaml") == []


def _route(run_cli: RunCli, root: Path, name: str, origin: str, recipient: str) -> dict[str, object]:
    result = run_cli(["route", origin, recipient, f"scenarios/{name}", "--format", "json"], cwd=root)
    assert result.code == 0, result.err
    data: dict[str, object] = json.loads(result.out)
    return data


def test_s01_q229961_partner_mail_takes_the_star_ims(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("scenarios")
    assert _route(run_cli, root, "s01-bad.yaml", "TRADE", "SMTP:a@partner.example")["selected"] == ["IMS"]
    assert _route(run_cli, root, "s01-good.yaml", "TRADE", "SMTP:a@partner.example")["selected"] == ["Partner IMS"]


def test_s02_q152471_route_picks_the_star_at_cost_50(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("scenarios")
    assert _route(run_cli, root, "s02-bad.yaml", "TRADE", "SMTP:x@y.example")["selected"] == ["A"]


def test_s03_q238719_load_is_shared_with_a_queue_nobody_empties(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("scenarios")
    data = _route(run_cli, root, "s03-bad.yaml", "TRADE", "SMTP:x@y.example")
    assert data["outcome"] == "load-balanced" and data["selected"] == ["IMS", "IMS inbound"]
    out = run_cli(["scenarios/s03-bad.yaml"], cwd=root).out
    assert "never sends (transfer mode inbound_only)" in out


def test_s05_q187915_message_names_the_wrong_way(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("scenarios")
    out = run_cli(["scenarios/s05-bad.yaml"], cwd=root).out
    assert "mail meant for gateway 'MS Mail Connector' leaves through X.400 connector 'X.400 Connector'" in out
    assert "Q187915" in out


def test_s07_q161947_route_from_trade_leaves_in_london(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("scenarios")
    assert _route(run_cli, root, "s07-bad.yaml", "TRADE", "SMTP:x@y.example")["selected"] == ["IMS (LONDON)"]
    assert _route(run_cli, root, "s07-good.yaml", "TRADE", "SMTP:x@y.example")["selected"] == ["IMS (TRADE)"]


def test_s08_q182128_route_never_selects_the_site_connector(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("scenarios")
    data = _route(run_cli, root, "s08-bad.yaml", "TRADE", "SMTP:a@partner.example")
    assert data["selected"] == ["IMS (TRADE)"]
    gwart = run_cli(["gwart", "scenarios/s08-bad.yaml"], cwd=root).out
    assert "not in any GWART: 'Site Connector (TRADE)' SMTP:*@partner.example;1" in gwart
