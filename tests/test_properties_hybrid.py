"""Property-based tests for hybrid deployments: a generated Exchange 2007–SE organization and a
generated Exchange Online tenant of the same name, side by side, through the CLI.

Both documents come from the generators of `test_properties_2007_se` and `test_properties_online`
(valid spellings and the mistakes an admin makes), so the `hybrid` rules see certificates,
relay domains and connectors that agree, disagree or are missing on either side. `check` on
both files, and on each alone (a pre-commit run passes one), never crashes, every output format
agrees on the exit code and the findings, each finding's related locations point into real
lines of real files, and `route` from either side and `graph` answer or refuse cleanly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import RunCli
from tests.test_properties import _check_positions
from tests.test_properties_2007_se import SERVERS, SITES
from tests.test_properties_2007_se import document as on_premises_document
from tests.test_properties_online import document as tenant_document
from tests.test_properties_online import recipient

FILES = ("onprem.yaml", "tenant.yaml")


def _related_lines_exist(findings: list[dict[str, Any]], folder: Path) -> None:
    for finding in findings:
        for related in finding.get("related", ()):
            lines = (folder / related["path"]).read_text(encoding="utf-8").splitlines()
            assert 1 <= related["region"]["start_line"] <= max(len(lines), 1), related


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(onprem=on_premises_document, tenant=tenant_document, origin=st.sampled_from([*SITES, *SERVERS]), to=recipient)
def test_generated_hybrid_pairs_never_crash(
    run_cli: RunCli, tmp_path: Path, onprem: dict[str, Any], tenant: dict[str, Any], origin: str, to: str
) -> None:
    onprem = {**onprem, "exchange": "2019"}  # one on-premises generation beside the tenant
    for name, data in zip(FILES, (onprem, tenant), strict=True):
        (tmp_path / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    for files in (list(FILES), [FILES[0]], [FILES[1]]):
        result = run_cli(["--format", "json", *files])
        assert "internal error" not in result.err and result.code in (0, 1), result.err
        findings = json.loads(result.out)
        for name in files:
            lines = (tmp_path / name).read_text(encoding="utf-8").splitlines()
            _check_positions([f for f in findings if f["path"] == name], lines)
        _related_lines_exist(findings, tmp_path)
        assert result.code == (1 if any(f["severity"] in ("error", "warning") for f in findings) else 0)
        assert "EXL901" not in {f["rule"] for f in findings}  # no rule crashed or ran out of time
        assert "EXL313" not in {f["rule"] for f in findings}  # a tenant beside one generation is no mix
        sarif = run_cli(["--format", "sarif", *files])
        assert sarif.code == result.code and len(json.loads(sarif.out)["runs"][0]["results"]) == len(findings)
        text = run_cli(["--format", "text", *files])
        assert text.code == result.code and "internal error" not in text.err, text.err
    for command in (["route", "online", to, *FILES], ["route", origin, to, *FILES], ["graph", *FILES]):
        answer = run_cli([*command, "--format", "json"] if command[0] == "route" else command)
        assert "internal error" not in answer.err and answer.code in (0, 2), (command, answer.err)
        if answer.code == 2:
            assert answer.err.strip() and "Traceback" not in answer.err, (command, answer.err)
