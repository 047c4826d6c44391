"""Read YAML/JSON files into plain data plus the position of every node, safely.

The C-accelerated composer gives node marks without constructing any Python object from tags,
which is both the fast path (DESIGN §8) and the safe one: nothing in a file is ever executed.
"""

from __future__ import annotations

import codecs
import re
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from exchange_lint.findings import Region, Removal
from exchange_lint.read import NotRegular, TooLarge, Unreadable, read_regular_file

if TYPE_CHECKING:
    from ruamel.yaml.events import Event
    from ruamel.yaml.nodes import Node

NodePath = tuple[str | int, ...]

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
# ruamel's C composer recurses once a level, about 280 bytes of stack each: 30,000 levels of `[`
# or of `- ` overflowed an 8 MiB stack, a segmentation fault no exception handler sees. A text is
# composed only when it certainly nests less than this (under 300 KiB of stack); any other text is
# first read as parser events, which need no recursion (`certainly_shallow`, `_too_deep`).
COMPOSE_DEPTH_LIMIT = 1000
# libyaml's line breaks besides "\n"; columns count from any of them.
_OTHER_LINE_BREAKS = "\r\x85\u2028\u2029"
# Every node visited counts, aliases included, so a billion-laughs document stops early.
MAX_NODES = 2_000_000

_STR = "tag:yaml.org,2002:str"
_BOOL = {"true": True, "false": False, "True": True, "False": False, "TRUE": True, "FALSE": False}


class Span(NamedTuple):
    """Where a value sits, and (for mapping values) where its key sits."""

    value: Region
    key: Region | None = None


class LoadProblem(NamedTuple):
    """A reason a file could not be read as intended; the linter turns it into a finding.

    `path` is the node it concerns (None: the file as a whole) and `detail` what about that node,
    which together name it for fingerprints (`Document.anchor`)."""

    rule_id: str
    message: str
    region: Region
    fix: Removal | None = None
    path: NodePath | None = None
    detail: str = ""
    hint: str = ""


class Document:
    """One parsed file: plain data, positions by path, and the raw lines for comments/snippets."""

    __slots__ = ("data", "digest", "lines", "path", "problems", "shared", "spans")

    def __init__(self, path: str, data: Any, spans: dict[NodePath, Span], lines: list[str]) -> None:
        self.path = path
        self.data = data
        self.spans = spans
        self.lines = lines
        self.problems: list[LoadProblem] = []
        # Collections some alias reuses: a fix inside one would change the alias's copy too.
        self.shared: list[Region] = []
        # `content_digest` of the bytes read, so fix mode never overwrites a file changed since.
        self.digest = ""

    def positions_only(self) -> Document:
        """The same file without its parsed data: what travels back from a worker process."""
        copy = Document(self.path, None, {}, self.lines)
        copy.problems, copy.shared, copy.digest = self.problems, self.shared, self.digest
        return copy

    def span(self, path: NodePath) -> Span:
        """The span of `path`, or of its nearest ancestor that has one."""
        while path not in self.spans and path:
            path = path[:-1]
        return self.spans.get(path, Span(Region(1, 1, 1, 2)))

    def anchor(self, path: NodePath | None, detail: str = "") -> str:
        """The logical name of a node (`exchange_lint.anchors`), `detail` added after a `#`."""
        from exchange_lint.anchors import WHOLE_DOCUMENT, anchor

        name = anchor(self.data, path) if path is not None and self.data is not None else WHOLE_DOCUMENT
        return f"{name}#{detail}" if detail else name

    def node_at(self, region: Region) -> NodePath | None:
        """The outermost node that starts where `region` does, or None."""
        start = (region.start_line, region.start_column)
        for path, span in self.spans.items():  # document order: parents before children
            if (span.value.start_line, span.value.start_column) == start:
                return path
            if span.key is not None and (span.key.start_line, span.key.start_column) == start:
                return path
        return None

    def node_on_line(self, line: int) -> NodePath | None:
        """The outermost node that starts on `line` (its key, where it has one), or None: what a
        comment there is about. A block collection whose key is on an earlier line, and the
        document itself, only begin where their first item does: naming them would change the
        name when an item is added before that one."""
        for path, span in self.spans.items():
            if path and (span.key or span.value).start_line == line:
                return path
        return None


class _TooComplex(Exception):
    def __init__(self, message: str, region: Region) -> None:
        super().__init__(message)
        self.message = message
        self.region = region


def _region(node: Node | Event) -> Region:
    start, end = node.start_mark, node.end_mark
    line, column, end_line, end_column = start.line + 1, start.column + 1, end.line + 1, end.column + 1
    if end_line < line or (end_line == line and end_column <= column):
        end_line, end_column = line, column + 1
    return Region(line, column, end_line, end_column)


@cache
def _resolver() -> type[Any]:
    """ruamel's YAML 1.2 resolver, looking its table of implicit tags up once per file.

    The stock one looks it up for every scalar, and under the C composer each lookup fails over
    two AttributeErrors before settling on YAML 1.2 (the C parser exposes no `%YAML` version, so
    1.2 is what every file gets): that was half the time of composing. Only for the C parser (the
    pure-Python one does read `%YAML`); defined on first use, so that ruamel is imported only when
    a file is parsed."""
    from ruamel.yaml.resolver import VersionedResolver

    class Resolver(VersionedResolver):
        @property
        def versioned_resolver(self) -> Any:
            table = self.__dict__.get("_exchange_lint_table")
            if table is None:
                table = self.__dict__["_exchange_lint_table"] = super().versioned_resolver
            return table

    return Resolver


def content_digest(raw: bytes) -> str:
    """Length and CRC-32 of a file's bytes: enough to notice that someone saved it meanwhile
    (an accidental match is 1 in 4 billion at the same length), and free of hashlib's start-up."""
    return f"{len(raw)}:{zlib.crc32(raw):08x}"


# The byte order marks a connector file may start with: the codec that reads it (mark included)
# and the one that writes text back after the mark (fix mode). UTF-32 first: its LE mark begins
# with UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
)


def byte_order_mark(raw: bytes) -> tuple[bytes, str]:
    """The mark a file starts with (or none) and the codec that writes its text back after it."""
    return next(((bom, out) for bom, _, out in BYTE_ORDER_MARKS if raw.startswith(bom)), (b"", "utf-8"))


def decode(raw: bytes) -> tuple[str | None, LoadProblem | None]:
    """Bytes to text: UTF-8 (BOM allowed) or UTF-16/32 with a BOM; anything else is a finding."""
    for bom, codec, _ in BYTE_ORDER_MARKS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), None
            except UnicodeDecodeError as error:
                return None, _decode_problem(raw, error.start, codec)
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return None, _decode_problem(raw, error.start, "utf-8")


def _decode_problem(raw: bytes, offset: int, codec: str) -> LoadProblem:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return LoadProblem(
        "EXL001",
        f"file is not valid {codec.upper().replace('-SIG', '')} text (byte 0x{raw[offset]:02x} at offset {offset})",
        Region.point(line, column),
        hint="save connector files as UTF-8 (UTF-16 and UTF-32 need a byte order mark)",
    )


def load_text(path: str, text: str) -> Document:
    """Parse `text`; syntax errors become problems, never exceptions."""
    lines = text.splitlines()
    document = Document(path=path, data=None, spans={}, lines=lines)
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        document.problems.append(
            LoadProblem("EXL001", "file contains a NUL byte: it is binary, not YAML", Region.point(line, column))
        )
        return document
    if not certainly_shallow(text):
        too_deep = _too_deep(text)
        if too_deep is not None:
            message = f"document is nested deeper than {MAX_DEPTH} levels; not read"
            document.problems.append(LoadProblem("EXL001", message, too_deep))
            return document
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.parser import Parser as PythonParser

    yaml = YAML(typ="safe", pure=False)
    if yaml.Parser is not PythonParser:  # the C parser (ruamel.yaml.clib) is in use
        yaml.Resolver = _resolver()
    try:
        roots = list(yaml.compose_all(text))
    except MarkedYAMLError as error:
        document.problems.append(_syntax_problem(error, text))
        return document
    except YAMLError as error:
        document.problems.append(LoadProblem("EXL001", f"YAML error: {error}", Region.point(1, 1)))
        return document
    except RecursionError:
        document.problems.append(LoadProblem("EXL001", "document is nested too deeply to read", Region.point(1, 1)))
        return document
    roots = [root for root in roots if root is not None]
    if not roots:
        return document
    if len(roots) > 1:
        document.problems.append(
            LoadProblem(
                "EXL001",
                f"file holds {len(roots)} YAML documents; a connector file holds exactly one",
                _region(roots[1]),
            )
        )
    builder = _Builder(document)
    try:
        document.data = builder.build(roots[0], (), 0)
    except _TooComplex as error:
        document.data = None
        document.spans.clear()
        document.problems.append(LoadProblem("EXL001", error.message, error.region))
    return document


def certainly_shallow(text: str, levels: int = COMPOSE_DEPTH_LIMIT) -> bool:
    """Whether `text` certainly nests no more than `levels` collections deep, from linear scans that can
    only over-count. Every `[` and `{` counts as a level, wherever it stands (in a string or a
    comment too), and a closing bracket never counts back (one inside a string would hide a real
    level). Block collections start at most two to a column (a mapping and the sequence that is its
    value), no further right than the run of spaces and `-`, `?`, `:` indicators a line starts with;
    a run of `room` such characters would allow 2 × room levels."""
    room = (levels - text.count("[") - text.count("{")) // 2
    if room < 1:
        return False
    run = f"[ \\t\\ufeff?:-]{{{room}}}"  # libyaml skips a byte order mark at the start of any line
    breaks = "[\\n" + _OTHER_LINE_BREAKS + "]" if any(b in text for b in _OTHER_LINE_BREAKS) else "\\n"
    return re.match(run, text) is None and re.search(breaks + run, text) is None


def _too_deep(text: str) -> Region | None:
    """The first node inside more than MAX_DEPTH collections, when the text nests deeper than
    COMPOSE_DEPTH_LIMIT somewhere; None when it can be composed. Read from the parser's events,
    which keep their nesting on the heap, and no further than the first level too many."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import MappingEndEvent, MappingStartEvent, SequenceEndEvent, SequenceStartEvent

    steps = {SequenceStartEvent: 1, MappingStartEvent: 1, SequenceEndEvent: -1, MappingEndEvent: -1}
    levels = 0
    first: Region | None = None
    try:
        for event in YAML(typ="safe", pure=False).parse(text):
            step = steps.get(type(event), 0)
            if step < 0:
                levels -= 1
                continue
            if levels > MAX_DEPTH and first is None:  # inside a collection, every other event is a node
                first = _region(event)
            if step:
                levels += 1
                if levels > COMPOSE_DEPTH_LIMIT:
                    return first
    except YAMLError:
        pass  # composing stops at the same error, no deeper than the events went
    return None


def _syntax_problem(error: Any, text: str) -> LoadProblem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "syntax error"
    if error.context and error.context not in problem:
        problem = f"{problem} ({error.context})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    last_line = text.count("\n") + 1
    if line > last_line:  # "end of input" past a last line that has no line break
        line, column = last_line, len(text) - (text.rfind("\n") + 1) + 1
    return LoadProblem("EXL001", f"YAML syntax error: {problem}", Region.point(line, column))


def load_file(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read and parse one file, bounded in size."""
    raw = read_source(path, display, max_bytes)
    return raw if isinstance(raw, Document) else load_bytes(display, raw)


def read_source(path: Path, display: str, max_bytes: int = MAX_FILE_BYTES) -> bytes | Document:
    """The file's bytes, bounded in size, or the empty document that says why there are none."""
    empty = Document(path=display, data=None, spans={}, lines=[])
    try:
        return read_regular_file(path, max_bytes)
    except NotRegular:
        message = "not a regular file (a FIFO, socket or device); not read"
        empty.problems.append(LoadProblem("EXL001", message, Region.point(1, 1)))
    except TooLarge as error:
        empty.problems.append(
            LoadProblem(
                "EXL001",
                f"file is {error.size:,} bytes, over the {max_bytes:,}-byte limit; not read",
                Region.point(1, 1),
                hint="`max-file-size` in the configuration raises the limit",
            )
        )
    except Unreadable as error:
        empty.problems.append(LoadProblem("EXL001", f"cannot read file: {error}", Region.point(1, 1)))
    return empty


def load_bytes(display: str, raw: bytes) -> Document:
    """Decode and parse a file's bytes; what cannot be read becomes a problem, never an exception."""
    text, problem = decode(raw)
    if problem is not None or text is None:
        empty = Document(path=display, data=None, spans={}, lines=[])
        empty.problems.append(problem or LoadProblem("EXL001", "cannot decode file", Region.point(1, 1)))
        return empty
    document = load_text(display, text)
    document.digest = content_digest(raw)
    return document


class _Builder:
    """Turns composed nodes into plain data, recording spans and duplicate keys.

    Scalars, most of a file's nodes, are read by the collection holding them (`_leaf`), not
    through `build`: the walk runs once per node, and a quarter of it was that dispatch."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.spans = document.spans
        self.visited = 0
        # Collections already built, by node identity: an alias reuses the value and adds its size,
        # so a billion-laughs document is refused after reading only what the file holds.
        self.built: dict[int, tuple[Any, int]] = {}
        self.in_progress: set[int] = set()

    def build(self, node: Node, path: NodePath, depth: int, key: Region | None = None) -> Any:
        kind: str = node.id  # type: ignore[attr-defined]  # ScalarNode.id == "scalar", etc.
        if kind == "scalar":
            return self._leaf(node, path, depth, key)
        if depth > MAX_DEPTH:
            raise _TooComplex(f"document is nested deeper than {MAX_DEPTH} levels; not read", _region(node))
        if id(node) in self.in_progress:
            raise _TooComplex("recursive alias: a collection contains itself; not read", _region(node))
        cached = self.built.get(id(node))
        if cached is not None:
            self._count(cached[1], node)
            self.document.shared.append(_region(node))
            self.spans.setdefault(path, Span(self._span_region(node), key))
            return cached[0]
        self._count(1, node)
        self.spans[path] = Span(self._span_region(node), key)
        if node.tag not in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"):
            self._unknown_tag(node, path)
        before = self.visited
        self.in_progress.add(id(node))
        value: Any = self._sequence(node, path, depth) if kind == "sequence" else self._mapping(node, path, depth)
        self.in_progress.discard(id(node))
        self.built[id(node)] = (value, self.visited - before + 1)
        if value and node.flow_style is False:  # type: ignore[attr-defined]
            self.spans[path] = Span(self._content_region(node), key)
        return value

    def _content_region(self, node: Node) -> Region:
        """A block collection's marks run on to the next token, over the comments before it; its
        content ends where its last descendant does (what a fix may delete, and no more). An
        alias there carries its anchor's marks, from before the node: then the marks stay."""
        start = self._span_region(node)
        end = self._span_region(_last_leaf(node))
        if (end.end_line, end.end_column) <= (start.start_line, start.start_column):
            return start
        return Region(start.start_line, start.start_column, end.end_line, end.end_column)

    def _leaf(self, node: Node, path: NodePath, depth: int, key: Region | None) -> Any:
        """A scalar node: counted, its span recorded, its value read (what `build` does for one)."""
        if depth > MAX_DEPTH:
            raise _TooComplex(f"document is nested deeper than {MAX_DEPTH} levels; not read", _region(node))
        self._count(1, node)
        self.spans[path] = Span(self._span_region(node), key)
        return self._scalar(node, path)

    def _sequence(self, node: Node, path: NodePath, depth: int) -> list[Any]:
        items = []
        for index, item in enumerate(node.value):
            if item.id == "scalar":
                items.append(self._leaf(item, (*path, index), depth + 1, None))
            else:
                items.append(self.build(item, (*path, index), depth + 1))
        return items

    def _count(self, nodes: int, node: Node) -> None:
        self.visited += nodes
        if self.visited > MAX_NODES:
            raise _TooComplex(
                f"document expands to more than {MAX_NODES:,} nodes (alias bomb?); not read", _region(node)
            )

    def _span_region(self, node: Node) -> Region:
        """`_trimmed(_region(node))` in one step, since it runs for every node."""
        start, end = node.start_mark, node.end_mark
        line, column, end_line, end_column = start.line + 1, start.column + 1, end.line + 1, end.column + 1
        if end_line < line or (end_line == line and end_column <= column):
            return Region(line, column, line, column + 1)
        if end_column > 1 or end_line == line:
            return Region(line, column, end_line, end_column)
        return self._trimmed(Region(line, column, end_line, end_column))

    def _trimmed(self, region: Region) -> Region:
        """Block collections end where the next token starts; end them on their own last line."""
        if region.end_column > 1 or region.end_line <= region.start_line:
            return region
        line = region.end_line - 1
        while line > region.start_line and not self.document.lines[line - 1].strip():
            line -= 1
        return Region(region.start_line, region.start_column, line, len(self.document.lines[line - 1].rstrip()) + 1)

    def _mapping(self, node: Node, path: NodePath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        repeats: _Repeats | None = None  # made at the first repeated key: most mappings have none
        for index, (key_node, value_node) in enumerate(node.value):
            key_region = _region(key_node)
            if key_node.id != "scalar":
                self.document.problems.append(
                    LoadProblem(
                        "EXL001", "a mapping key must be a plain value, not a collection", key_region, None, path, "key"
                    )
                )
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                message = "merge key `<<` is YAML 1.1, not 1.2: nothing is merged here"
                self.document.problems.append(
                    LoadProblem("EXL004", message, key_region, None, path, "merge", "write out the fields")
                )
                continue
            key = str(key_node.value)
            if key in result:
                key_path = (*path, key)
                first = self.document.spans[key_path].key
                where = f" (first at line {first.start_line})" if first else ""
                fix = None
                repeats = repeats or _Repeats(node)
                if repeats.removable(key, index):
                    value_region = self._content_region(value_node)
                    fix = Removal(f"remove the repeated `{key}` (same value)", key_region, value_region)
                self.document.problems.append(
                    LoadProblem("EXL003", f"duplicate key {key!r}{where}", key_region, fix, key_path, "duplicate")
                )
                continue
            if value_node.id == "scalar":
                result[key] = self._leaf(value_node, (*path, key), depth + 1, key_region)
            else:
                result[key] = self.build(value_node, (*path, key), depth + 1, key_region)
        return result

    def _scalar(self, node: Node, path: NodePath) -> Any:
        tag: str = node.tag or ""
        value: str = node.value
        if tag == _STR:
            return value
        if not tag.startswith("tag:yaml.org,2002:"):
            self._unknown_tag(node, path)
            return value
        short = tag[len("tag:yaml.org,2002:") :]
        if short == "str":
            return value
        if short == "null":
            return None
        if short == "bool":
            return _BOOL.get(value, value)
        if short == "int":
            return _to_int(value)
        if short == "float":
            return _to_float(value)
        self._unknown_tag(node, path)
        return value

    def _unknown_tag(self, node: Node, path: NodePath) -> None:
        self.document.problems.append(
            LoadProblem(
                "EXL004",
                f"tag {node.tag!r} is not supported; the value is read as plain text and never constructed",
                _region(node),
                None,
                path,
                "tag",
            )
        )


_MAX_COMPARED = 10_000


class _Repeats:
    """Which repeats of a key in one mapping a fix may remove without changing what any reader
    sees: readers disagree on repeated keys (this loader keeps the first; PyYAML and Python's
    `json`, for two, keep the last), so the first and the last must both keep their values."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self.positions: dict[str, list[int]] = {}
        for position, (key_node, _) in enumerate(node.value):
            if key_node.id == "scalar":
                self.positions.setdefault(str(key_node.value), []).append(position)
        self.all_same: dict[str, bool] = {}

    def removable(self, key: str, index: int) -> bool:
        """The entry at `index`, a repeat of `key`: equal to the first, and not the last unless
        every repeat is equal to the first too."""
        positions = self.positions[key]
        if not self._same_as_first(positions[0], index):
            return False
        if index != positions[-1]:
            return True
        if key not in self.all_same:
            self.all_same[key] = all(self._same_as_first(positions[0], other) for other in positions[1:])
        return self.all_same[key]

    def _same_as_first(self, first: int, other: int) -> bool:
        first_key, first_value = self.node.value[first]
        key_node, value_node = self.node.value[other]
        return bool(first_key.tag == key_node.tag and _same_node(first_value, value_node, [_MAX_COMPARED]))


def _last_leaf(node: Node) -> Node:
    """The node whose end is where `node`'s content ends: a block collection's last descendant."""
    while node.id != "scalar" and node.value and node.flow_style is False:  # type: ignore[attr-defined]
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node


def _same_node(first: Node, second: Node, budget: list[int]) -> bool:
    """Whether two composed nodes hold the same data (tags and values), within a node budget:
    past it the answer is "not the same", which only withholds a fix."""
    if first is second:
        return True
    budget[0] -= 1
    if budget[0] < 0 or first.id != second.id or first.tag != second.tag:  # type: ignore[attr-defined]
        return False
    if first.id == "scalar":  # type: ignore[attr-defined]
        return bool(first.value == second.value)
    if len(first.value) != len(second.value):
        return False
    if first.id == "sequence":  # type: ignore[attr-defined]
        return all(_same_node(a, b, budget) for a, b in zip(first.value, second.value, strict=True))
    return all(
        _same_node(key_a, key_b, budget) and _same_node(value_a, value_b, budget)
        for (key_a, value_a), (key_b, value_b) in zip(first.value, second.value, strict=True)
    )


def _to_int(text: str) -> int | str:
    cleaned = text.replace("_", "")
    try:
        if cleaned.lower().startswith(("0o", "-0o", "+0o")):
            return int(cleaned.replace("0o", "").replace("0O", ""), 8)
        return int(cleaned, 0) if cleaned.lower().startswith(("0x", "-0x", "+0x")) else int(cleaned, 10)
    except ValueError:
        return text


def _to_float(text: str) -> float | str:
    lowered = text.lower().replace("_", "")
    if lowered in (".inf", "+.inf"):
        return float("inf")
    if lowered == "-.inf":
        return float("-inf")
    if lowered == ".nan":
        return float("nan")
    try:
        return float(lowered)
    except ValueError:
        return text
