"""The wheel ships the schema, and an installed (not source-checkout) package finds it at run time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from exchange_lint.rules.registry import load_rules
from tests.conftest import REPO


def test_wheel_ships_the_schema_and_the_installed_package_uses_it(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("exchange_lint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert "exchange_lint/schemas/exchange-connectors.schema.json" in archive.namelist()
        assert "exchange_lint/generations/exchange40_55/rules/msmail_smtp_without_gateway.py" in archive.namelist()
        entry_points = archive.read(next(n for n in archive.namelist() if n.endswith("entry_points.txt"))).decode()
    assert "exchange-lint = exchange_lint.cli:run" in entry_points

    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-m", "exchange_lint", "schema", "--path"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    listed = subprocess.run(
        [sys.executable, "-m", "exchange_lint", "rules"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    # The installed package finds every built-in rule module, in every generation's package (a rule
    # for several generations, EXL106, is listed under each).
    assert {line.split()[0] for line in listed.stdout.splitlines() if line.startswith("EXL")} == {
        rule.id for rule in load_rules()
    }
    schema_file = Path(run.stdout.strip())
    assert schema_file.is_relative_to(target)
    shipped = json.loads(schema_file.read_text(encoding="utf-8"))
    assert shipped == json.loads((REPO / "schemas" / "exchange-connectors.schema.json").read_text(encoding="utf-8"))
