"""`--diff-base REF` in a real git repository: only findings on lines changed since REF."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.conftest import REPO, RunCli

EXTRA = """\
  - name: Partner IMS (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:partner.example;1"]
"""
SMTP_ON_MSMAIL = '      - type: SMTP\n        address: "*"\n        cost: 1\n'


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def _repo(tmp_path: Path) -> Path:
    """A config repo whose committed file already has an old finding (EXL201 on the partner IMS)."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    text = (REPO / "examples" / "q169117-fixed.yaml").read_text(encoding="utf-8")
    text = text.replace("routing_tests:", EXTRA + "routing_tests:")
    (root / "org.yaml").write_text(text, encoding="utf-8")
    _git(root, "add", "org.yaml")
    _git(root, "commit", "-q", "-m", "base")
    return root


def _rules(run_cli: RunCli, root: Path, *args: str) -> list[str]:
    result = run_cli(["--format", "json", *args], cwd=root)
    return sorted(finding["rule"] for finding in json.loads(result.out))


def test_only_findings_on_changed_lines_are_reported(run_cli: RunCli, tmp_path: Path) -> None:
    root = _repo(tmp_path)
    assert _rules(run_cli, root, "org.yaml") == ["EXL201"]
    assert _rules(run_cli, root, "--diff-base", "HEAD", "org.yaml") == []
    # The Q169117 mistake, made in the working tree: its findings are on changed lines; the old one is not.
    bad = (REPO / "examples" / "q169117-msmail-smtp.yaml").read_text(encoding="utf-8")
    assert bad.count(SMTP_ON_MSMAIL) == 1
    text = (root / "org.yaml").read_text(encoding="utf-8")
    text = text.replace(
        '        address: "CA/*"\n        cost: 1\n', '        address: "CA/*"\n        cost: 1\n' + SMTP_ON_MSMAIL
    )
    (root / "org.yaml").write_text(text, encoding="utf-8")
    assert _rules(run_cli, root, "org.yaml") == ["EXL101", "EXL103", "EXL106", "EXL201"]
    # EXL106 sits on the unchanged routing test, with no related location on a changed line.
    assert _rules(run_cli, root, "--diff-base", "HEAD", "org.yaml") == ["EXL101", "EXL103"]
    _git(root, "commit", "-q", "-am", "the mistake")
    assert _rules(run_cli, root, "--diff-base", "HEAD~1", "org.yaml") == ["EXL101", "EXL103"]


def test_an_untracked_file_is_changed_throughout(run_cli: RunCli, tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "new.yaml").write_text(
        (REPO / "examples" / "q169117-msmail-smtp.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert _rules(run_cli, root, "--diff-base", "HEAD", "new.yaml") == ["EXL101", "EXL103", "EXL106"]


def test_a_bad_ref_or_no_repository_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    root = _repo(tmp_path)
    result = run_cli(["--diff-base", "no-such-ref", "org.yaml"], cwd=root)
    assert result.code == 2 and "--diff-base: git rev-parse" in result.err and "Traceback" not in result.err
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "org.yaml").write_text((root / "org.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli(["--diff-base", "HEAD", "org.yaml"], cwd=outside)
    assert result.code == 2 and "--diff-base" in result.err
