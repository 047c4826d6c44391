"""Which files a run lints: the walk of a folder, on real trees."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import RunCli

CONNECTOR = "version: 1\norganization: C\n"
BROKEN = "version: 1\norganization: [\n"


def test_excluded_folders_are_not_entered(run_cli: RunCli, tmp_path: Path) -> None:
    for folder in ("exchange/drafts/old", "exchange/sites", "drafts", "other/drafts"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "c.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / ".exchange-lint.yaml").write_text('exclude: ["exchange/drafts/", "/drafts/"]\n', encoding="utf-8")
    result = run_cli(["--format", "json"])
    assert sorted({f["path"] for f in json.loads(result.out)}) == ["exchange/sites/c.yaml", "other/drafts/c.yaml"]


def test_a_tree_deeper_than_the_recursion_limit_is_walked(run_cli: RunCli, tmp_path: Path) -> None:
    """os.walk recursed once a folder (before Python 3.12): 1,500 levels were an internal error."""
    here = tmp_path
    for _ in range(1500):
        here = here / "d"
        here.mkdir()
    (here / "c.yaml").write_text(BROKEN, encoding="utf-8")
    try:
        result = run_cli(["--format", "json"])
        assert result.code == 1, result.err
        [finding] = json.loads(result.out)
        assert finding["rule"] == "EXL001" and finding["path"] == "d/" * 1500 + "c.yaml"
    finally:
        (here / "c.yaml").unlink()
        while here != tmp_path:  # shutil.rmtree recurses as os.walk did
            os.rmdir(here)
            here = here.parent


def test_a_path_through_a_link_then_up_names_the_file_it_reaches(run_cli: RunCli, tmp_path: Path) -> None:
    """`link/../x.yaml` is the `x.yaml` beside the link's target, not the project's own `x.yaml`:
    the link is resolved before `..`, as the file system does when the file is opened."""
    project, other = tmp_path / "project", tmp_path / "other"
    (project / ".git").mkdir(parents=True)
    (other / "dir").mkdir(parents=True)
    (project / "x.yaml").write_text(CONNECTOR, encoding="utf-8")
    (other / "x.yaml").write_text(BROKEN, encoding="utf-8")
    (project / "link").symlink_to(other / "dir")
    result = run_cli(["check", "--no-cache", "--format", "json", "link/../x.yaml"], cwd=project)
    assert {f["path"] for f in json.loads(result.out)} == {(other / "x.yaml").resolve().as_posix()}
