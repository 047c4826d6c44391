"""The shipped Exchange 2019 examples: a realistic organization that lints clean, and Q169117 as
it happens from 2007 on (examples/northwind-2019.yaml, examples/q169117-modern.yaml)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import REPO, RunCli, line_col

EXAMPLES = REPO / "examples"


def _copy(tmp_path: Path, name: str) -> str:
    shutil.copy(EXAMPLES / name, tmp_path / name)
    return name


def test_the_2019_organization_lints_clean(run_cli: RunCli, tmp_path: Path) -> None:
    name = _copy(tmp_path, "northwind-2019.yaml")
    result = run_cli(["check", "--format", "json", name])
    assert (result.code, json.loads(result.out), result.err) == (0, [], "")


def test_the_2019_organization_has_what_the_issue_asks_for() -> None:
    """Three AD sites, an Edge subscription, Internet, Partner, relay and hybrid connectors, tests."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((EXAMPLES / "northwind-2019.yaml").read_text(encoding="utf-8"))
    assert data["exchange"] == "2019" and len(data["sites"]) >= 3 and data["edge_subscriptions"]
    usages = {connector.get("usage") for connector in data["send_connectors"]}
    assert {"Internet", "Partner", "Internal"} <= usages
    assert any(d["type"] == "InternalRelay" for d in data["accepted_domains"])
    assert any(c.get("cloud_services_mail_enabled") for c in data["send_connectors"])  # hybrid
    assert {test["expect"] for test in data["routing_tests"]} >= {"local", "ndr", "Internet HQ", "Internet EMEA"}


def test_its_routing_tests_are_checked(run_cli: RunCli, tmp_path: Path) -> None:
    """Changing an expectation makes EXL106 fail it: the tests above are not vacuous."""
    path = tmp_path / "northwind-2019.yaml"
    text = (EXAMPLES / "northwind-2019.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("expect: Internet EMEA}", "expect: Internet HQ}"), encoding="utf-8")
    found = json.loads(run_cli(["check", "--format", "json", path.name], cwd=tmp_path).out)
    assert [f["rule"] for f in found] == ["EXL106"] and "Internet EMEA" in found[0]["message"]


def test_the_modern_q169117_is_reported(run_cli: RunCli, tmp_path: Path) -> None:
    name = _copy(tmp_path, "q169117-modern.yaml")
    result = run_cli(["check", "--format", "json", name])
    found = json.loads(result.out)
    assert result.code == 1 and sorted(f["rule"] for f in found) == ["EXL106", "EXL114"]
    exl114 = next(f for f in found if f["rule"] == "EXL114")
    line, column = line_col(tmp_path / name, '"SMTP:*;1"                # the line')
    assert (exl114["region"]["start_line"], exl114["region"]["start_column"]) == (line, column)
    assert "BRANCH" in exl114["message"] and "'Internet'" in exl114["message"]
