"""Inline and file-wide suppressions on real files, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import RunCli, line_col

TIED = """\
version: 1
organization: Contoso
sites:
  - {{name: TRADE, servers: [TRADE]}}
connectors:
{before}  - {{name: IMS 1, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}}{same}
  - {{name: IMS 2, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}}
"""


def lint(run_cli: RunCli, tmp_path: Path, text: str, config: str = "") -> tuple[int, list[dict[str, Any]]]:
    (tmp_path / "org.yaml").write_text(text, encoding="utf-8")
    if config:
        (tmp_path / ".exchange-lint.yaml").write_text(config, encoding="utf-8")
    result = run_cli(["--format", "json", "org.yaml"])
    return result.code, json.loads(result.out)


def test_without_suppression_the_tie_is_reported(run_cli: RunCli, tmp_path: Path) -> None:
    code, found = lint(run_cli, tmp_path, TIED.format(before="", same=""))
    assert code == 1 and [f["rule"] for f in found] == ["EXL103"]


def test_on_the_same_line(run_cli: RunCli, tmp_path: Path) -> None:
    text = TIED.format(before="", same="  # exchange-lint: disable=EXL103 -- load shared on purpose")
    assert lint(run_cli, tmp_path, text) == (0, [])


def test_on_the_line_above_by_name_or_prefix(run_cli: RunCli, tmp_path: Path) -> None:
    for codes in ("ambiguous-route", "EXL1", "exl103", "EXL101, EXL103"):
        text = TIED.format(before=f"  # exchange-lint: disable={codes} -- on purpose\n", same="")
        code, found = lint(run_cli, tmp_path, text)
        assert (code, [f["rule"] for f in found]) == (0, []), codes


def test_a_comment_above_only_covers_the_next_line(run_cli: RunCli, tmp_path: Path) -> None:
    text = TIED.format(before="  # exchange-lint: disable=EXL103 -- on purpose\n\n", same="")
    code, found = lint(run_cli, tmp_path, text)
    assert code == 1 and sorted(f["rule"] for f in found) == ["EXL005", "EXL103"]


def test_file_wide(run_cli: RunCli, tmp_path: Path) -> None:
    text = "# exchange-lint: disable-file=EXL103 -- lab organization\n" + TIED.format(before="", same="")
    assert lint(run_cli, tmp_path, text) == (0, [])


def test_unused_and_unreadable_suppressions_are_notes(run_cli: RunCli, tmp_path: Path) -> None:
    text = TIED.format(before="", same="  # exchange-lint: disable=EXL103 -- on purpose").replace(
        "  - {name: TRADE, servers: [TRADE]}",
        "  - {name: TRADE, servers: [TRADE]}  # exchange-lint: disable=EXL105 -- stale\n"
        "  # exchange-lint: enable=EXL103\n"
        "  # exchange-lint: disable=EXL9999 -- no such rule",
    )
    code, found = lint(run_cli, tmp_path, text)
    assert code == 0  # notes do not fail
    messages = {(f["rule"], f["region"]["start_line"]): f["message"] for f in found}
    assert set(messages) == {("EXL005", 4), ("EXL005", 5), ("EXL005", 6)}
    assert "covers no finding on its line" in messages[("EXL005", 4)]
    assert "cannot read the suppression `enable=EXL103`" in messages[("EXL005", 5)]
    assert "EXL9999, which matches no rule" in messages[("EXL005", 6)]
    line, column = line_col(tmp_path / "org.yaml", "# exchange-lint: disable=EXL105")
    assert next(f for f in found if f["region"]["start_line"] == line)["region"]["start_column"] == column


def test_a_reason_is_required_unless_configured_otherwise(run_cli: RunCli, tmp_path: Path) -> None:
    text = TIED.format(before="", same="  # exchange-lint: disable=EXL103")
    code, found = lint(run_cli, tmp_path, text)
    assert code == 1 and [f["rule"] for f in found] == ["EXL006"]
    assert lint(run_cli, tmp_path, text, "suppression-reason-required: false\n") == (0, [])


def test_a_bad_reason_setting_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(TIED.format(before="", same=""), encoding="utf-8")
    (tmp_path / ".exchange-lint.yaml").write_text("suppression-reason-required: maybe\n", encoding="utf-8")
    result = run_cli(["org.yaml"])
    assert result.code == 2 and "'suppression-reason-required' must be true or false" in result.err


def test_a_comment_in_a_quoted_value_is_not_a_directive(run_cli: RunCli, tmp_path: Path) -> None:
    text = TIED.format(before="", same="").replace(
        "name: IMS 1,", 'name: "IMS 1", description: "x#exchange-lint: disable=EXL103",'
    )
    code, found = lint(run_cli, tmp_path, text)
    assert code == 1 and [f["rule"] for f in found] == ["EXL103"]
