"""`python -m exchange_lint`: the same as the script, and nothing imported from the linted tree."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

# Standard-library modules the linter imports after start-up: a file of the same name in the
# working directory (the tree being linted) would be imported, and run, instead.
PLANTED = ("json", "tomllib", "argparse", "enum", "typing", "pathlib", "dataclasses", "hashlib", "gettext")


def test_modules_in_the_linted_tree_are_never_imported(tmp_path: Path) -> None:
    for name in PLANTED:
        (tmp_path / f"{name}.py").write_text(f"open({name + '.ran'!r}, 'w').close()\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.exchange-lint]\nselect = ["EXL1"]\n', encoding="utf-8")
    (tmp_path / "q.yaml").write_bytes((REPO / "examples" / "q169117-msmail-smtp.yaml").read_bytes())
    for fmt in ("json", "sarif"):
        result = subprocess.run(
            [sys.executable, "-m", "exchange_lint", "check", "--format", fmt, "q.yaml"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert sorted(path.name for path in tmp_path.glob("*.ran")) == []
        assert result.returncode == 1, result.stderr
        assert json.loads(result.stdout)
