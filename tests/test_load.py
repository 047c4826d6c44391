"""The loader: plain data plus positions, and bad input as findings, never exceptions."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from exchange_lint.load import load_text
from tests.conftest import RunCli

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(8)
)

HOSTILE: dict[str, bytes] = {
    "binary": bytes(range(256)) * 4,
    "nul": b"version: 1\norganization: C\x00\n",
    "latin1": "version: 1\norganization: Caf\xe9\n".encode("latin-1"),
    "utf16-bom": codecs.BOM_UTF16_LE + "version: 1\norganization: Contoso\n".encode("utf-16-le"),
    "utf8-bom": codecs.BOM_UTF8 + b"version: 1\norganization: Contoso\n",
    "alias-bomb": BOMB.encode(),
    "recursive-alias": b"a: &a [*a]\n",
    "deep": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "empty": b"",
    "comment-only": b"# nothing\n",
    "top-list": b"- 1\n- 2\n",
    "top-scalar": b"hello\n",
    "complex-key": b"? [a, b]\n: c\nversion: 1\norganization: C\n",
    "python-tag": b"version: 1\norganization: !!python/object/apply:os.system [echo]\n",
    "local-tag": b"version: 1\norganization: !vault abc\n",
    "huge-int": b"version: " + b"9" * 5000 + b"\norganization: C\n",
    "tab-indent": b"version: 1\norganization: C\nsites:\n\t- name: A\n",
    "two-docs": b"version: 1\norganization: C\n---\nversion: 1\norganization: D\n",
    "wrong-types": b"version: '1'\norganization: [1]\nconnectors: {a: 1}\nsites: 7\n",
    "json": b'{"version": 1, "organization": "C", "connectors": [{"name": "x", "kind": "nope"}]}',
    "merge-key": b"version: 1\norganization: C\nx-b: &b {kind: notes}\nconnectors:\n  - <<: *b\n    name: N\n",
    "non-string-keys": b"version: 1\norganization: C\n1: a\ntrue: b\nnull: c\n2.5: d\n",
    "utf32-bom": codecs.BOM_UTF32_LE + "version: 1\norganization: C\n".encode("utf-32-le"),
    "utf16-no-bom": "version: 1\norganization: C\n".encode("utf-16-le"),
    "cr-only": b"version: 1\rorganization: C\rsites: [{name: A}]\r",
    "control-chars": b'version: 1\norganization: "C\x1b[31m\\u202e"\n',
    "long-line": b"version: 1\norganization: " + b"A" * 5_000_000 + b"\n",
    "wide-mapping": b"version: 1\norganization: C\n" + b"".join(b"x-k%d: %d\n" % (i, i) for i in range(100_000)),
    "deep-block": b"version: 1\norganization: C\nx-deep:\n"
    + b"".join(b" " * (i + 1) + b"k:\n" for i in range(1000))
    + b" " * 1001
    + b"v\n",
    "many-documents": b"version: 1\norganization: C\n" + b"---\na: 1\n" * 20_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_findings_with_positions_never_a_traceback(
    name: str, run_cli: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE[name])
    result = run_cli(["--format", "json", path.name])
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    lines = max(1, HOSTILE[name].count(b"\n") + 1)
    for finding in json.loads(result.out):
        region = finding["region"]
        assert 1 <= region["start_line"] <= lines and region["start_column"] >= 1, finding


@pytest.mark.parametrize(
    ("name", "rule", "fragment"),
    [
        ("binary", "EXL001", "not valid UTF-8"),
        ("nul", "EXL001", "NUL byte"),
        ("latin1", "EXL001", "not valid UTF-8"),
        ("alias-bomb", "EXL001", "alias bomb"),
        ("recursive-alias", "EXL001", "recursive alias"),
        ("python-tag", "EXL004", "never constructed"),
        ("local-tag", "EXL004", "'!vault'"),
        ("two-docs", "EXL001", "2 YAML documents"),
        ("tab-indent", "EXL001", "syntax error"),
        ("complex-key", "EXL001", "plain value"),
        ("merge-key", "EXL004", "merge key `<<`"),
        ("non-string-keys", "EXL002", "unknown field '1'"),
        ("non-string-keys", "EXL002", "unknown field 'true'"),
        ("utf16-no-bom", "EXL001", "NUL byte"),
        ("deep-block", "EXL001", "nested deeper than"),
        ("many-documents", "EXL001", "20001 YAML documents"),
    ],
)
def test_hostile_input_is_named(name: str, rule: str, fragment: str, run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE[name])
    result = run_cli(["--format", "json", path.name])
    messages = [f["message"] for f in json.loads(result.out) if f["rule"] == rule]
    assert any(fragment in message for message in messages), result.out


def test_utf16_and_bom_files_are_read(run_cli: RunCli, tmp_path: Path) -> None:
    for name in ("utf16-bom", "utf8-bom"):
        (tmp_path / f"{name}.yaml").write_bytes(HOSTILE[name])
        assert run_cli([f"{name}.yaml"]).code == 0, name


def test_positions_are_one_based_and_keys_are_separate() -> None:
    document = load_text("t.yaml", "version: 1\nsites:\n  - name: A\n")
    span = document.spans[("sites", 0, "name")]
    assert (span.value.start_line, span.value.start_column) == (3, 11)
    assert span.key is not None and (span.key.start_line, span.key.start_column) == (3, 5)
    assert document.data == {"version": 1, "sites": [{"name": "A"}]}


def test_yaml_12_scalars() -> None:
    data = load_text("t.yaml", "a: yes\nb: 0x1f\nc: ~\nd: 1.5\ne: true\nf: '1'\n").data
    assert data == {"a": "yes", "b": 31, "c": None, "d": 1.5, "e": True, "f": "1"}


def test_oversized_file_is_not_read(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / ".exchange-lint.yaml").write_text("max-file-size: 100\n")
    (tmp_path / "big.yaml").write_text("version: 1\norganization: C\n" + "# padding\n" * 50)
    result = run_cli(["big.yaml"])
    assert result.code == 1 and "over the 100-byte limit" in result.out


def test_a_symlink_loop_and_a_fifo_are_findings_not_a_crash_or_a_hang(run_cli: RunCli, tmp_path: Path) -> None:
    import os

    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    os.mkfifo(folder / "pipe.yaml")  # opening it to read would block for ever
    result = run_cli(["--format", "json", "d"], cwd=tmp_path)
    found = {(f["path"], f["rule"]): f["message"] for f in json.loads(result.out)}
    assert result.code == 1 and "internal error" not in result.err
    assert "symbolic links" in found[("d/a.yaml", "EXL001")] and "symbolic links" in found[("d/b.yaml", "EXL001")]
    assert "not a regular file" in found[("d/pipe.yaml", "EXL001")]


@pytest.mark.parametrize("text", ["{", "a: [", "- 'open"])
def test_a_syntax_error_at_the_end_of_input_points_inside_the_file(text: str) -> None:
    """Found by hypothesis: "end of input" after a last line without a break was line 2."""
    problems = load_text("t.yaml", text).problems
    assert [p.rule_id for p in problems] == ["EXL001"]
    assert (problems[0].region.start_line, problems[0].region.start_column) == (1, len(text) + 1)
