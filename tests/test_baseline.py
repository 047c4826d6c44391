"""Baselines on real files: today's findings recorded, only new ones reported afterwards."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import REPO, RunCli
from tests.lint_helpers import TRADE


def _example(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text((REPO / "examples" / "q169117-msmail-smtp.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _findings(run_cli: RunCli, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = run_cli(["--format", "json", *args])
    return result.code, json.loads(result.out)


def test_baselined_findings_stay_hidden_when_lines_move(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    code, before = _findings(run_cli, path.name)
    assert code == 1 and len(before) == 3
    written = run_cli(["--write-baseline", "baseline.json", path.name])
    assert written.code == 0 and "wrote 3 finding(s) to baseline baseline.json" in written.err
    assert _findings(run_cli, "--baseline", "baseline.json", path.name) == (0, [])
    # Five lines inserted at the top move every finding; the fingerprints do not change.
    path.write_text("# a\n# b\n# c\n# d\n# e\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, moved = _findings(run_cli, path.name)
    assert [f["fingerprint"] for f in moved] == [f["fingerprint"] for f in before]
    assert [f["region"]["start_line"] for f in moved] == [f["region"]["start_line"] + 5 for f in before]
    assert _findings(run_cli, "--baseline", "baseline.json", path.name) == (0, [])


def test_a_new_problem_of_the_same_kind_elsewhere_is_reported(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    run_cli(["--write-baseline", "baseline.json", path.name])
    text = path.read_text(encoding="utf-8").replace(
        "routing_tests:",
        "  - name: MS Mail Connector 2 (TRADE)\n    kind: msmail\n    server: TRADE\n    postoffice: CA/PO2\n"
        '    address_spaces: ["MS:CB/*;1", "SMTP:*@partner.example;1"]\nrouting_tests:',
    )
    path.write_text(text, encoding="utf-8")
    code, fresh = _findings(run_cli, "--baseline", "baseline.json", path.name)
    assert code == 1 and [f["rule"] for f in fresh] == ["EXL101"]
    assert "MS Mail Connector 2 (TRADE)" in fresh[0]["message"]


def test_baseline_from_the_configuration(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    run_cli(["--write-baseline", "baseline.json", path.name])
    (tmp_path / ".exchange-lint.yaml").write_text("baseline: baseline.json\n", encoding="utf-8")
    assert _findings(run_cli, path.name) == (0, [])


def test_unreadable_baselines_are_usage_errors(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"findings": []}', encoding="utf-8")
    for name, needle in (
        ("missing.json", "cannot read baseline missing.json"),
        ("broken.json", "is not JSON written by --write-baseline"),
        ("other.json", "is not in the exchange-lint-baseline/1 format"),
    ):
        result = run_cli(["--baseline", name, path.name])
        assert result.code == 2 and needle in result.err and "Traceback" not in result.err, name


def test_sarif_keeps_suppressed_and_baselined_findings_only_when_asked(run_cli: RunCli, tmp_path: Path) -> None:
    """A repo-like tree: one finding baselined, one suppressed in the source, one new."""
    from tests.sarif_validation import validate_sarif

    path = _example(tmp_path)
    run_cli(["--write-baseline", "baseline.json", "--select", "EXL106", path.name])
    text = path.read_text(encoding="utf-8").replace(
        '      - type: SMTP\n        address: "*"\n        cost: 1\nrouting_tests:',
        "      - type: SMTP  # exchange-lint: disable=EXL103 -- demonstration of the tie\n"
        '        address: "*"\n        cost: 1\nrouting_tests:',
    )
    assert text.count("disable=EXL103") == 1
    path.write_text(text, encoding="utf-8")
    (tmp_path / "plain.sarif").write_text("", encoding="utf-8")
    run_cli(["--format", "sarif", "-o", "plain.sarif", "--baseline", "baseline.json", path.name])
    plain = json.loads((tmp_path / "plain.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["ruleId"] for r in plain] == ["EXL101"]
    result = run_cli(
        ["--format", "sarif", "-o", "all.sarif", "--include-suppressed", "--baseline", "baseline.json", path.name]
    )
    assert result.code == 1
    results = json.loads((tmp_path / "all.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    states = {r["ruleId"]: r.get("suppressions") for r in results}
    assert states == {
        "EXL101": None,
        "EXL103": [{"kind": "inSource", "justification": "demonstration of the tie"}],
        "EXL106": [{"kind": "external", "justification": "recorded in the baseline baseline.json"}],
    }
    assert validate_sarif(tmp_path / "all.sarif") == []


# The user stories of fingerprint stability: a baseline written, the file edited as people edit
# it, and `--baseline` then reports nothing new (each of these once brought a finding back).
def _baselined_then_edited(
    run_cli: RunCli, tmp_path: Path, text: str, edit: tuple[str, str], rules: list[str]
) -> list[dict[str, Any]]:
    """Write `text`, baseline it, apply `edit` (old, new); the findings after the edit, checked to be
    the same rules as before, moved."""
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    code, before = _findings(run_cli, path.name)
    assert code == 1 and sorted(f["rule"] for f in before) == rules
    assert run_cli(["--write-baseline", "baseline.json", path.name]).code == 0
    old, new = edit
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    code, after = _findings(run_cli, path.name)
    assert code == 1 and sorted(f["rule"] for f in after) == rules
    assert [f["region"]["start_line"] for f in after] != [f["region"]["start_line"] for f in before]
    assert _findings(run_cli, "--baseline", "baseline.json", path.name) == (0, [])
    return after


def test_a_baselined_unknown_key_stays_baselined_when_a_connector_is_added_above(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = TRADE + (
        '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"], transfer_mod: both}\n'
    )
    x400 = '  - {name: X.400 (PARIS), kind: x400, server: TRADE, address_spaces: ["X400:c=FR;a= ;p=Contoso;1"]}\n'
    edit = ("  - {name: IMS", x400 + "  - {name: IMS")
    (finding,) = _baselined_then_edited(run_cli, tmp_path, text, edit, ["EXL002"])
    assert finding["region"]["start_line"] == 7 and "transfer_mod" in finding["message"]


def test_a_baselined_duplicate_key_stays_baselined_when_a_line_is_inserted_above(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = TRADE + (
        "  - name: IMS\n"
        "    kind: internet_mail\n"
        "    server: TRADE\n"
        "    server: TRADE\n"
        '    address_spaces: ["SMTP:*;1"]\n'
    )
    edit = ("    kind: internet_mail\n", "    kind: internet_mail\n    transfer_mode: both\n")
    (finding,) = _baselined_then_edited(run_cli, tmp_path, text, edit, ["EXL003"])
    assert (finding["region"]["start_line"], finding["region"]["start_column"]) == (10, 5)


def test_baselined_suppression_findings_stay_baselined_when_their_lines_move(run_cli: RunCli, tmp_path: Path) -> None:
    text = TRADE + (
        '  - {name: IMS 1, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}'
        "  # exchange-lint: disable=EXL103\n"
        '  - {name: IMS 2, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: X.400, kind: x400, server: TRADE, address_spaces: ["X400:c=US;a= ;p=Contoso;1"]}'
        "  # exchange-lint: disable=EXL105 -- the backup route\n"
    )
    new_first = '  - {name: X.400 (PARIS), kind: x400, server: TRADE, address_spaces: ["X400:c=FR;a= ;p=Contoso;1"]}\n'
    edit = ("connectors:\n", "# Contoso, head office\nconnectors:\n" + new_first)
    after = _baselined_then_edited(run_cli, tmp_path, text, edit, ["EXL005", "EXL006"])
    assert sorted((f["rule"], f["region"]["start_line"]) for f in after) == [("EXL005", 10), ("EXL006", 8)]
