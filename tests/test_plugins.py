"""Third-party rules arrive through real entry-point metadata, exactly like the built-ins."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO, line_col

PLUGIN_MODULE = '''
"""A third-party rule package, as a plugin author would write it."""
from exchange_lint.findings import Severity
from exchange_lint.rules import Problem, Rule, RuleDoc


def check_costs(organization):
    for connector in organization.connectors:
        for space in connector.address_spaces:
            if space.cost > 50:
                yield Problem(f"cost {space.cost} on '{connector.name}' is above our house limit of 50", space.location)


def crash(organization):
    raise RuntimeError("boom")


def loop(organization):
    while True:  # a rule that never ends, and even swallows ordinary exceptions
        try:
            sum(range(1000))
        except Exception:
            pass


DOC = RuleDoc(what="w", why="y", example="", use_instead="")
HOUSE = Rule(id="ACME001", name="house-cost-limit", severity=Severity.WARNING, summary="cost above 50",
             doc=DOC, check=check_costs)
CRASHING = Rule(id="ACME900", name="always-crashes", severity=Severity.ERROR, summary="raises", doc=DOC, check=crash)
LOOPING = Rule(id="ACME901", name="never-ends", severity=Severity.ERROR, summary="loops", doc=DOC, check=loop)
FUTURE = Rule(id="ACME002", name="rg-only", severity=Severity.ERROR, summary="for a generation not known here",
              doc=DOC, check=check_costs, generations=("2003",))
'''


def _install_fake_distribution(root: Path, entry_points: str, module: str = PLUGIN_MODULE) -> Path:
    """A real installed distribution: a module plus a .dist-info folder with entry_points.txt."""
    site = root / "site"
    (site / "acme_rules").mkdir(parents=True)
    (site / "acme_rules" / "__init__.py").write_text(module)
    info = site / "acme_exchange_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-exchange-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[exchange_lint.rules]\n" + textwrap.dedent(entry_points))
    return site


def _run(args: list[str], cwd: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}
    return subprocess.run(
        [sys.executable, "-m", "exchange_lint", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _org(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    shutil.copy(REPO / "examples" / "q169117-msmail-smtp.yaml", path)
    path.write_text(path.read_text().replace('address: "*"\n        cost: 1', 'address: "*"\n        cost: 60'))
    return path


def test_plugin_rule_runs_beside_the_built_ins(tmp_path: Path) -> None:
    site = _install_fake_distribution(tmp_path, "acme = acme_rules:HOUSE\n")
    path = _org(tmp_path)
    result = _run([path.name], tmp_path, site)
    line, column = line_col(path, "- type: SMTP")
    assert f"org.yaml:{line}:{column + 2}: ACME001 [warning] cost 60 on 'MS Mail Connector (TRADE)'" in result.stdout
    assert f"org.yaml:{line}:{column + 2}: EXL101 [error]" in result.stdout
    assert result.returncode == 1
    listing = _run(["rules"], tmp_path, site).stdout
    assert "ACME001 " in listing and "house-cost-limit" in listing and "EXL101 " in listing


def test_crashing_rule_is_exl901_and_other_rules_still_run(tmp_path: Path) -> None:
    site = _install_fake_distribution(tmp_path, "acme = acme_rules:HOUSE\ncrash = acme_rules:CRASHING\n")
    path = _org(tmp_path)
    result = _run([path.name], tmp_path, site)
    assert "org.yaml:1:1: EXL901 [error] rule ACME900 (always-crashes) crashed" in result.stdout
    assert "RuntimeError: boom" in result.stdout
    assert "ACME001" in result.stdout and "EXL101" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 2  # the linter's own failure: the result is incomplete


def test_a_looping_rule_is_stopped_at_its_budget_and_other_rules_still_run(tmp_path: Path) -> None:
    site = _install_fake_distribution(tmp_path, "acme = acme_rules:HOUSE\nloop = acme_rules:LOOPING\n")
    path = _org(tmp_path)
    (tmp_path / ".exchange-lint.yaml").write_text("rule-time-budget: 0.5\n")
    result = _run([path.name, "--format", "json"], tmp_path, site)
    findings = json.loads(result.stdout)
    stopped = [(f["message"], f["hint"]) for f in findings if f["rule"] == "EXL901"]
    assert stopped == [
        (
            "rule ACME901 (never-ends) ran out of its 0.5 s budget on organization 'Contoso' and was stopped; "
            "the other rules still ran",
            "setting `rule-time-budget` raises the budget",
        )
    ]
    assert {"ACME001", "EXL101", "EXL105"} <= {f["rule"] for f in findings}
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_plugin_that_fails_to_load_is_an_error_not_silence(tmp_path: Path) -> None:
    site = _install_fake_distribution(tmp_path, "broken = acme_rules:DOES_NOT_EXIST\n")
    result = _run([_org(tmp_path).name], tmp_path, site)
    assert result.returncode == 2
    assert "rule plugin 'broken'" in result.stderr and "acme-exchange-rules" in result.stderr
    assert "Traceback" not in result.stderr


def test_plugin_with_a_duplicate_id_is_refused(tmp_path: Path) -> None:
    module = PLUGIN_MODULE.replace('id="ACME001"', 'id="EXL101"')
    site = _install_fake_distribution(tmp_path, "acme = acme_rules:HOUSE\n", module)
    result = _run(["rules"], tmp_path, site)
    assert result.returncode == 2 and "EXL101 is defined twice" in result.stderr


def test_plugins_are_never_imported_from_the_linted_tree(tmp_path: Path) -> None:
    """A module named like a plugin beside the linted files is not loaded: only installed metadata counts."""
    site = _install_fake_distribution(tmp_path, "acme = acme_rules:HOUSE\n")
    shutil.rmtree(site / "acme_rules")
    (tmp_path / "acme_rules.py").write_text("raise SystemExit('imported from the linted tree!')\n")
    result = _run([_org(tmp_path).name], tmp_path, site)
    assert result.returncode == 2 and "failed to load" in result.stderr
    assert "imported from the linted tree" not in result.stdout + result.stderr


def test_crash_in_sarif_is_a_tool_execution_notification_and_validates(tmp_path: Path) -> None:
    from tests.sarif_validation import validate_sarif

    site = _install_fake_distribution(tmp_path, "crash = acme_rules:CRASHING\n")
    path = _org(tmp_path)
    _run(["--format", "sarif", "--output", "out.sarif", path.name], tmp_path, site)
    log = json.loads((tmp_path / "out.sarif").read_text())
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "ACME900" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert validate_sarif(tmp_path / "out.sarif") == []


def test_entry_point_scan_agrees_with_importlib_metadata(tmp_path: Path) -> None:
    """The fast scan of entry_points.txt finds exactly what importlib.metadata finds, plugins included."""
    site = _install_fake_distribution(tmp_path, "acme = acme_rules:HOUSE\ncrash = acme_rules:CRASHING\n")
    script = (
        "import json, importlib.metadata as m\n"
        "from exchange_lint.rules.registry import GROUP, entry_point_values\n"
        "slow = {e.name: [e.value, e.dist.name] for e in m.entry_points(group=GROUP)}\n"
        "fast = {k: list(v) for k, v in entry_point_values().items()}\n"
        "print(json.dumps([slow, fast]))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(REPO)])}
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    slow, fast = json.loads(run.stdout)
    assert fast == slow
    assert fast["acme"] == ["acme_rules:HOUSE", "acme-exchange-rules"]
    assert set(fast) == {"acme", "crash"}  # the built-in rules are modules, not entry points


def test_a_rule_for_a_generation_nobody_knows_is_refused(tmp_path: Path) -> None:
    """A rule never runs on a generation it does not understand: one that names none known here is an error."""
    site = _install_fake_distribution(tmp_path, "future = acme_rules:FUTURE\n")
    path = _org(tmp_path)
    result = _run([path.name], tmp_path, site)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "rule ACME002" in result.stderr and "generation(s) '2003'" in result.stderr and "4.0-5.5" in result.stderr
