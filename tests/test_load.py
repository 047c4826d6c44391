"""The loader: plain data plus positions, and bad input as findings, never exceptions."""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exchange_lint.load import COMPOSE_DEPTH_LIMIT, MAX_DEPTH, certainly_shallow, decode, load_text
from tests.conftest import REPO, RunCli

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


# Nesting shapes a line can repeat: the C composer recursed once a level and overflowed its stack
# at about 30,000 levels (a segmentation fault). Each gives `levels` nested collections, with the
# place of the first node inside more than MAX_DEPTH (64) of them, where the loader refuses it.
NESTING: dict[str, tuple[Callable[[int], bytes], tuple[int, int]]] = {
    "flow-sequences": (lambda levels: b"a: " + b"[" * levels + b"]" * levels + b"\n", (1, 3 + 65)),
    "flow-mappings": (lambda levels: b"{a: " * levels + b"}" * levels + b"\n", (1, 4 * 64 + 2)),  # a key
    "block-sequences": (lambda levels: b"- " * levels + b"x\n", (1, 2 * 65 + 1)),
    "explicit-keys": (lambda levels: b"? " * levels + b"x\n", (1, 2 * 65 + 1)),
    "after-a-unicode-line-break": (lambda levels: "- x\u2028".encode() + b"- " * levels + b"x\n", (2, 2 * 65 + 1)),
    # libyaml skips a byte order mark at the start of a line without counting a column
    "after-a-byte-order-mark": (lambda levels: codecs.BOM_UTF8 * 2 + b"- " * levels + b"x\n", (1, 2 * 65 + 1)),
    "indented-block-mappings": (
        lambda levels: b"".join(b" " * i + b"k:\n" for i in range(levels)) + b" " * levels + b"v\n",
        (65, 65),
    ),
}


def _text(raw: bytes) -> str:
    text, problem = decode(raw)
    assert text is not None and problem is None
    return text


@pytest.mark.parametrize("shape", sorted(NESTING))
def test_nesting_too_deep_to_compose_is_refused_at_its_first_node_too_deep(shape: str) -> None:
    """1,500 levels: the pre-scan cannot call them shallow, and the parser's events (no recursion)
    refuse them before composing, as one finding at the first node inside more than 64 collections."""
    make, (line, column) = NESTING[shape]
    text = _text(make(COMPOSE_DEPTH_LIMIT + 500))
    document = load_text("t.yaml", text)
    assert not certainly_shallow(text)
    assert [(p.rule_id, p.message, p.region.start_line, p.region.start_column) for p in document.problems] == [
        ("EXL001", f"document is nested deeper than {MAX_DEPTH} levels; not read", line, column)
    ]
    assert document.data is None and not document.spans


def test_ordinary_files_are_certainly_shallow_without_reading_events() -> None:
    """The pre-scan's negative control: the shipped examples never take the slower, exact path."""
    examples = sorted((REPO / "examples").glob("*.yaml"))
    assert examples and all(certainly_shallow(path.read_text(encoding="utf-8")) for path in examples)


_FLOW_SCALARS = st.sampled_from(["a", '"]}]"', "'}]'", '"x\\"]"', "b'c", '""', "&x a", "*x"])
_BLOCK_SCALARS = st.sampled_from(["a", "x]]}", '"]]"', "'}}'", "b'c", "a # ]]}", "!t ]"])


def _flow(draw: st.DrawFn, budget: int) -> str:
    if budget <= 0 or draw(st.integers(0, 3)) == 0:
        return draw(_FLOW_SCALARS)
    items = [_flow(draw, budget - 1) for _ in range(draw(st.integers(0, 2)))]
    if draw(st.booleans()):
        return "[" + ", ".join(items) + "]"
    return "{" + ", ".join(f"k{index}: {item}" for index, item in enumerate(items)) + "}"


def _block(draw: st.DrawFn, column: int, budget: int, lead: str, kind: str | None = None) -> list[str]:
    """A block collection at `column`, its first line starting with `lead` (indentation or indicators)."""
    kind = kind or draw(st.sampled_from(["seq", "map"]))
    lines: list[str] = []
    for index in range(draw(st.integers(1, 2))):
        head = (lead if index == 0 else " " * column) + ("- " if kind == "seq" else f"k{index}:")
        lines += _value(draw, column, budget - 1, head, kind)
    return lines


def _value(draw: st.DrawFn, column: int, budget: int, head: str, parent: str) -> list[str]:
    space = "" if parent == "seq" else " "
    choice = "scalar" if budget <= 0 else draw(st.sampled_from(["scalar", "flow", "nested", "nested", "literal"]))
    if choice == "scalar":
        return [head + space + draw(_BLOCK_SCALARS)]
    if choice == "flow":
        return [head + space + _flow(draw, budget)]
    if choice == "literal":  # a block scalar: its lines look like structure and are not
        return [head + space + "|", *(" " * (column + 2) + line for line in ("- [[{", "]]}", "- - - x"))]
    if parent == "seq" and draw(st.booleans()):  # compact: `- - x`, `- k0: v`
        return _block(draw, len(head), budget, head)
    if parent == "map" and draw(st.booleans()):  # a sequence as a mapping value, not indented
        return [head, *_block(draw, column, budget, " " * column, "seq")]
    indent = column + draw(st.integers(1, 3))
    return [head, *_block(draw, indent, budget, " " * indent)]


@st.composite
def _nested_yaml(draw: st.DrawFn) -> str:
    """Block and flow nesting in every shape the pre-scan reasons about, with brackets, quotes and
    indicators inside strings, comments, tags and block scalars, and libyaml's other line breaks."""
    budget = draw(st.integers(1, 14))
    lines = [_flow(draw, budget)] if draw(st.booleans()) else _block(draw, 0, budget, "")
    text = draw(st.sampled_from(["\n", "\r\n", "\u2028", "\x85"])).join(lines) + "\n"
    return ("\ufeff" if draw(st.booleans()) else "") + text


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_nested_yaml())
@example("\ufeff- - - - x\n")  # a byte order mark at a line's start takes no column
@example("? ? ? ? x\n")
@example("- ? - ? - x\n")
@example("? a\n: - - - - - - x\n")
@example("k:\n-\n k:\n -\n  k:\n  -\n   x\n")  # a mapping and its unindented sequence at each column
def test_the_pre_scan_never_under_counts(text: str) -> None:
    """The pre-scan never calls a text shallower than libyaml's own events nest it (up to the first
    syntax error, where composing would stop too): asked about one level less, it must say no."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    depth = deepest = 0
    try:
        for event in YAML(typ="safe", pure=False).parse(text):
            depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
            deepest = max(deepest, depth)
    except YAMLError:
        pass
    assert not certainly_shallow(text, deepest - 1), (text, deepest)
