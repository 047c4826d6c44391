"""The command line end to end: real files in, exact output and exit codes out."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from exchange_lint import __version__
from tests.conftest import REPO, RunCli, line_col


def _example(tmp_path: Path, name: str = "q169117-msmail-smtp.yaml") -> Path:
    target = tmp_path / name
    shutil.copy(REPO / "examples" / name, target)
    return target


def test_q169117_example_reports_exl101_at_the_smtp_address_space(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    line, column = line_col(path, "- type: SMTP")
    result = run_cli([path.name])
    assert result.code == 1
    first = result.out.splitlines()[0]
    assert first.startswith(f"q169117-msmail-smtp.yaml:{line}:{column + 2}: EXL101 [error] SMTP address space `*`")
    assert "MS Mail Connector (TRADE)" in first and "2375/2371" in first and "Q169117" in first
    # The same entry is also half of a load-balanced tie (EXL103), and the example's routing test,
    # which expects the IMS, fails because of it (EXL106).
    assert [line.split(" ")[1] for line in result.out.splitlines() if ": EXL" in line] == ["EXL101", "EXL103", "EXL106"]
    assert result.out.splitlines()[-1] == "Found 3 problems (2 errors, 1 warning, 0 notes)."


def test_fixed_example_is_clean(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path, "q169117-fixed.yaml")
    result = run_cli([path.name])
    assert (result.code, result.err) == (0, "")
    assert "EXL" not in result.out


def test_check_is_the_default_command_and_explicit_check_is_the_same(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    assert run_cli([path.name]) == run_cli(["check", path.name])


def test_no_paths_lints_the_working_directory(run_cli: RunCli, tmp_path: Path) -> None:
    _example(tmp_path)
    _example(tmp_path, "q169117-fixed.yaml")
    result = run_cli([])
    assert result.code == 1
    assert result.out.count("EXL101") == 1


def test_msmail_cases(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("msmail")
    expected = {
        # The AT&T gateway gets no bang-path space (EXL107); `SMTP:*;2` loses to the IMS's `*;1` (EXL105).
        "att-gateway-star.yaml": ["EXL107", "EXL101", "EXL105"],
        "att-gateway-bang.yaml": [],
        "smtp-gateway.yaml": [],
        "smtp-gateway-no-access.yaml": ["EXL104", "EXL101"],  # sorted by line: the gateway comes first
    }
    for name, ids in expected.items():
        result = run_cli(["--format", "json", f"msmail/{name}"], cwd=root)
        found = [finding["rule"] for finding in json.loads(result.out)]
        assert found == ids, name
        assert result.code == (1 if ids else 0), name


def test_att_only_message_explains_bang_paths(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("msmail")
    result = run_cli(["msmail/att-gateway-star.yaml"], cwd=root)
    line, column = line_col(root / "msmail/att-gateway-star.yaml", '"SMTP:*;2"')
    assert f"msmail/att-gateway-star.yaml:{line}:{column}: EXL101" in result.out
    assert "only an AT&T gateway is declared" in result.out and "*!*" in result.out


def test_gateway_without_access_is_named_in_exl101_and_reported_as_exl104(
    run_cli: RunCli, workdir: Callable[..., Path]
) -> None:
    root = workdir("msmail")
    path = root / "msmail/smtp-gateway-no-access.yaml"
    result = run_cli(["--format", "json", "msmail/smtp-gateway-no-access.yaml"], cwd=root)
    exl104, exl101 = json.loads(result.out)
    gateway_line, gateway_col = line_col(path, "type: SMTP")
    assert "(blank)" in exl101["message"]
    assert "its SMTP gateway has no access components at the connector post office" in exl101["message"]
    assert exl101["related"][0]["region"]["start_line"] == gateway_line
    assert exl101["related"][0]["message"] == "SMTP gateway without access components"
    assert (exl104["region"]["start_line"], exl104["region"]["start_column"]) == (gateway_line, gateway_col)


def test_syntax_error_is_exl001_at_the_error_position(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("broken/syntax.yaml")
    result = run_cli(["broken/syntax.yaml"], cwd=root)
    assert result.code == 1
    assert result.out.startswith("broken/syntax.yaml:7:1: EXL001 [error] YAML syntax error:")


def test_duplicate_key_is_exl003_at_the_second_key(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("broken/duplicate-key.yaml")
    line, column = line_col(root / "broken/duplicate-key.yaml", "name: TRADE2")
    result = run_cli(["broken/duplicate-key.yaml"], cwd=root)
    assert result.out.startswith(
        f"broken/duplicate-key.yaml:{line}:{column}: EXL003 [error] duplicate key 'name' (first at line 4)"
    )


def test_schema_findings_point_at_the_offending_nodes(run_cli: RunCli, workdir: Callable[..., Path]) -> None:
    root = workdir("broken/schema.yaml")
    path = root / "broken/schema.yaml"
    result = run_cli(["--format", "json", "broken/schema.yaml"], cwd=root)
    findings = [f for f in json.loads(result.out) if f["rule"] == "EXL002"]
    where = {(f["region"]["start_line"], f["region"]["start_column"]): f["message"] for f in findings}
    assert where[line_col(path, "adress_spaces")].endswith("unknown field 'adress_spaces' (not allowed here)")
    assert "connectors[0] (IMS)" in where[line_col(path, "adress_spaces")]
    kind_line, kind_col = line_col(path, "fax", 1)
    assert "'fax'" in where[(kind_line, kind_col)] or '"fax"' in where[(kind_line, kind_col)]
    cost_line, cost_col = line_col(path, "101")
    assert "101" in where[(cost_line, cost_col)] and "100" in where[(cost_line, cost_col)]


def test_every_format_carries_file_line_and_column(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    line, _ = line_col(path, "- type: SMTP")
    text = run_cli(["--format", "text", path.name]).out
    assert f"{path.name}:{line}:" in text
    findings = json.loads(run_cli(["--format", "json", path.name]).out)
    assert findings[0]["path"] == path.name and findings[0]["region"]["start_line"] == line
    github = run_cli(["--format", "github", path.name]).out
    assert f"file={path.name},line={line},col=" in github
    sarif = json.loads(run_cli(["--format", "sarif", path.name]).out)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == path.name and location["region"]["startLine"] == line


def test_output_format_never_changes_the_exit_code(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    assert {run_cli(["--format", fmt, path.name]).code for fmt in ("text", "json", "sarif", "github")} == {1}


def test_output_file(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    result = run_cli(["--format", "sarif", "--output", "out.sarif", path.name])
    assert (result.code, result.out) == (1, "")
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"


def test_select_and_ignore(run_cli: RunCli, tmp_path: Path) -> None:
    path = _example(tmp_path)
    assert run_cli(["--ignore", "EXL101,EXL103,EXL106", path.name]).code == 0
    assert run_cli(["--ignore", "msmail-smtp-without-gateway,ambiguous-route,EXL106", path.name]).code == 0
    assert run_cli(["--ignore", "EXL101", path.name]).code == 1
    assert run_cli(["--select", "EXL3", path.name]).code == 0
    assert run_cli(["--select", "EXL1", path.name]).code == 1


def test_usage_errors_exit_2_without_traceback(run_cli: RunCli, tmp_path: Path) -> None:
    for args in (["missing.yaml"], ["--format", "xml", "x.yaml"], ["--select", "NOPE9"], ["explain", "EXL999"]):
        result = run_cli(args)
        assert result.code == 2, args
        assert "Traceback" not in result.err and result.err.strip(), args


def test_version_and_help(run_cli: RunCli) -> None:
    assert run_cli(["--version"]).code == 0
    result = run_cli(["--help"])
    assert result.code == 0 and "explain" in result.out


def test_rules_lists_every_rule(run_cli: RunCli) -> None:
    result = run_cli(["rules"])
    assert result.code == 0
    for rule_id in ("EXL001", "EXL002", "EXL003", "EXL101", "EXL104", "EXL301", "EXL303", "EXL901"):
        assert f"\n{rule_id} " in result.out


def test_explain_prints_the_full_rule_page(run_cli: RunCli) -> None:
    result = run_cli(["explain", "EXL101"])
    assert result.code == 0
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead", "References"):
        assert f"\n{heading}\n" in result.out
    assert "Q169117" in result.out
    assert run_cli(["explain", "msmail-smtp-without-gateway"]).out == result.out


def test_schema_command_prints_the_packaged_schema(run_cli: RunCli) -> None:
    result = run_cli(["schema"])
    assert json.loads(result.out) == json.loads((REPO / "schemas/exchange-connectors.schema.json").read_text())


def test_version_string(run_cli: RunCli) -> None:
    assert __version__ in run_cli(["--version"]).out


def test_sarif_of_the_real_examples_passes_the_validator(run_cli: RunCli, tmp_path: Path) -> None:
    from tests.sarif_validation import validate_sarif

    _example(tmp_path)
    _example(tmp_path, "q169117-fixed.yaml")
    for name in ("q169117-msmail-smtp.yaml", "q169117-fixed.yaml"):
        out = tmp_path / f"{name}.sarif"
        run_cli(["--format", "sarif", "--output", out.name, name])
        assert validate_sarif(out) == [], name
    log = json.loads((tmp_path / "q169117-msmail-smtp.yaml.sarif").read_text())
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["EXL101", "EXL103", "EXL106"]
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} >= {"EXL001", "EXL101", "EXL901"}


def test_repeated_runs_in_one_process_do_not_keep_memory(run_cli: RunCli, tmp_path: Path) -> None:
    """Found by the fuzzer: a run must leave nothing behind in a long-lived process (a harness,
    an editor integration), e.g. objects frozen out of the collector's reach."""
    import gc

    shutil.copy(REPO / "examples" / "q169117-msmail-smtp.yaml", tmp_path / "org.yaml")

    def objects_after(runs: int) -> int:
        for _ in range(runs):
            run_cli(["check", "--format", "json", "org.yaml"], cwd=tmp_path)
        gc.collect()
        return len(gc.get_objects()) + gc.get_freeze_count()

    first = objects_after(3)
    later = objects_after(20)
    assert later - first < 2_000, (first, later)
