"""`--diff-base REF` in a real git repository: only findings on lines changed since REF."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

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


def _make_the_mistake(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '        address: "CA/*"\n        cost: 1\n', '        address: "CA/*"\n        cost: 1\n' + SMTP_ON_MSMAIL
    )
    path.write_text(text, encoding="utf-8")


def _commit_then_change(root: Path, name: str) -> None:
    """Commit org.yaml (and whatever else is in the folder) as `name`, then make the mistake in it."""
    if name != "org.yaml":
        (root / "org.yaml").rename(root / name)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "--allow-empty", "-m", "set-up")
    _make_the_mistake(root / name)


@pytest.mark.parametrize(
    ("name", "setup"),
    [
        pytest.param("org.yaml", {".gitattributes": "*.yaml -diff\n"}, id="gitattributes-binary"),
        pytest.param("org.yaml", {".gitattributes": "*.yaml diff=nocomments\n"}, id="textconv"),
        pytest.param("my org.yaml", {}, id="space-in-name"),
        pytest.param("café.yaml", {}, id="non-ascii-name"),
        pytest.param('odd "quote" \\ name.yaml', {}, id="quote-and-backslash-in-name"),
        pytest.param("org.yaml", {"config": "diff.noprefix"}, id="diff.noprefix"),
        pytest.param("org.yaml", {"config": "diff.mnemonicPrefix"}, id="diff.mnemonicPrefix"),
    ],
)
def test_findings_on_changed_lines_survive_how_git_would_print_the_diff(
    name: str, setup: dict[str, str], run_cli: RunCli, tmp_path: Path
) -> None:
    """Each of these once made git's patch text unreadable to us, and every finding of the file vanished."""
    root = _repo(tmp_path)
    for key, value in setup.items():
        if key == "config":
            _git(root, "config", value, "true")
        else:
            (root / key).write_text(value, encoding="utf-8")
    # A textconv that hides comment lines: its patch numbers the lines of a text that is not the file.
    _git(root, "config", "diff.nocomments.textconv", "sed /^#/d")
    _commit_then_change(root, name)
    assert _rules(run_cli, root, name) == ["EXL101", "EXL103", "EXL106", "EXL201"]
    assert _rules(run_cli, root, "--diff-base", "HEAD", name) == ["EXL101", "EXL103"]


def test_an_added_line_that_looks_like_a_file_header_is_content(run_cli: RunCli, tmp_path: Path) -> None:
    """`+++ b/x` in a patch is either a file's header or an added line `++ b/x`: only the hunk's
    line counts tell which. Read as a header, it gave the lines after it to another file."""
    root = _repo(tmp_path)
    (root / "a.yaml").write_text("version: 1\norganization: Other\n", encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "two files")
    # A top-level key `++ b/org.yaml` added to a.yaml, then the mistake further down in a.yaml itself.
    (root / "a.yaml").write_text("version: 1\n++ b/org.yaml: 1\norganization: Other\nsites: 2\n", encoding="utf-8")
    found = json.loads(run_cli(["--format", "json", "--diff-base", "HEAD", "a.yaml", "org.yaml"], cwd=root).out)
    assert sorted((f["path"], f["region"]["start_line"]) for f in found) == [("a.yaml", 2), ("a.yaml", 4)]


def test_a_renamed_file_keeps_its_unchanged_lines_unchanged(run_cli: RunCli, tmp_path: Path) -> None:
    """As `git diff` shows it by default: a rename with an edit is the edit, not a new file."""
    root = _repo(tmp_path)
    _git(root, "mv", "org.yaml", "renamed.yaml")
    _make_the_mistake(root / "renamed.yaml")
    assert _rules(run_cli, root, "--diff-base", "HEAD", "renamed.yaml") == ["EXL101", "EXL103"]
