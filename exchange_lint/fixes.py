"""Turn a rule's fix intent into text edits, and apply edits to a file's text.

Fixes are plain text edits placed by the composer's node marks, not a round-trip dump: every
byte outside the changed lines stays as it was (comments, quoting, indentation, line endings,
anchors elsewhere). An intent whose text is not in a shape we can edit with certainty gives no
fix rather than a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from exchange_lint.findings import Edit, Fix, FixIntent, Region, Removal, Replacement
from exchange_lint.suppress import parse_suppressions

# The line breaks the YAML reader counts (ruamel.yaml's reader: YAML 1.1 adds NEL, LS and PS).
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BLOCK_ITEM = re.compile(r"[ \t]*(?:-[ \t]+)*\Z")
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")
_KEEP_CHOMPING = re.compile(r"[|>](?:[1-9]?\+|\+[1-9])[ \t]*(?:#.*)?$")
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9][^#:\s'\"]*(?::[^\s#'\"]+)*\Z")


def has_keep_chomping(lines: Sequence[str]) -> bool:
    """Whether a `|+`/`>+` block scalar may own blank lines that a removal would move."""
    return any(_KEEP_CHOMPING.search(line) for line in lines)


def realise(
    intent: FixIntent, lines: Sequence[str], shared: Sequence[Region] = (), keep_chomping: bool | None = None
) -> Fix | None:
    """The edits that carry out `intent` on a file read as `lines`, or None when not certain.

    `shared` are collections an alias reuses: an edit touching one would change every copy.
    `keep_chomping` is `has_keep_chomping(lines)`, computed once per file by callers with many fixes."""
    if keep_chomping is None:
        keep_chomping = has_keep_chomping(lines)
    if keep_chomping and isinstance(intent, Removal):
        return None  # blank lines after the removed item might move into a `|+` scalar
    try:
        edits = _removal(intent, lines) if isinstance(intent, Removal) else _replacement(intent, lines)
    except IndexError:  # a region outside the text: never guess
        return None
    if edits is None or any(_overlap(edit.region, region) for edit in edits for region in shared):
        return None
    if isinstance(intent, Removal):
        edits = _keeping_suppressions(edits, lines)
        if edits is None:
            return None
    return Fix(intent.description, edits, intent)


def _keeping_suppressions(edits: tuple[Edit, ...], lines: Sequence[str]) -> tuple[Edit, ...] | None:
    """The removal's edits, changed so that every suppression comment covers what it covered:
    a `disable-file` on a removed line stays, alone on its line; a removal that would pull a
    line up under a `disable=` written alone on the line above is not made (it would then
    cover that line instead). None when the removal cannot keep them."""
    kept: list[Edit] = []
    for edit in edits:
        region = edit.region
        if region.end_line > region.start_line and region.start_line > 1:
            above = parse_suppressions("", [lines[region.start_line - 2]])
            if any(s.own_line and not s.whole_file and not s.problem for s in above):
                return None
        touched = lines[region.start_line - 1 : region.end_line]
        file_wide = [
            (region.start_line + s.line - 1, s.column)
            for s in parse_suppressions("", touched)
            if s.whole_file and _inside((region.start_line + s.line - 1, s.column), region)
        ]
        if not file_wide:
            kept.append(edit)
        elif region.start_column != 1 or region.end_column != 1 or edit.text:
            return None  # not whole lines: no line of its own to leave the comment on
        else:
            kept.extend(_around(region, file_wide, lines))
    return tuple(kept)


def _inside(place: tuple[int, int], region: Region) -> bool:
    return (region.start_line, region.start_column) <= place < (region.end_line, region.end_column)


def _around(region: Region, comments: Sequence[tuple[int, int]], lines: Sequence[str]) -> list[Edit]:
    """Edits removing the whole lines of `region` except the comments at `comments` (line, column),
    each left on its line at that line's indentation."""
    edits = []
    line = region.start_line
    for comment_line, column in comments:
        if line < comment_line:
            edits.append(Edit(Region(line, 1, comment_line, 1), ""))
        text = lines[comment_line - 1]
        indentation = len(text) - len(text.lstrip(" \t")) + 1
        if indentation < column:
            edits.append(Edit(Region(comment_line, indentation, comment_line, column), ""))
        line = comment_line + 1
    if line < region.end_line:
        edits.append(Edit(Region(line, 1, region.end_line, 1), ""))
    return edits


def _overlap(a: Region, b: Region) -> bool:
    return (a.start_line, a.start_column) < (b.end_line, b.end_column) and (b.start_line, b.start_column) < (
        a.end_line,
        a.end_column,
    )


def _removal(intent: Removal, lines: Sequence[str]) -> tuple[Edit, ...] | None:
    start, end = intent.start, intent.end
    if (end.end_line, end.end_column) <= (start.start_line, start.start_column):
        return None  # the value sits before its key: an alias, whose marks are the anchor's
    first = lines[start.start_line - 1]
    before = first[: start.start_column - 1]
    removed = "\n".join(lines[start.start_line - 1 : end.end_line])
    if _defines_used_anchor(removed, lines):
        return None  # an alias would lose its anchor
    preceding = _previous_significant(lines, start.start_line, start.start_column)
    in_flow = preceding is not None and preceding[1] in ",[{"
    after = lines[end.end_line - 1][end.end_column - 1 :]
    if in_flow or (start != end and before.strip()):
        return _flow_removal(intent, lines)
    if not _BLOCK_ITEM.match(before) or (after.strip() and not after.lstrip().startswith("#")):
        return None
    if before.strip().count("-") > 1 or (start == end and "-" not in before):
        return None  # `- - item` opens more than this item; an item below its dash leaves the dash
    # Block style: the whole lines go, and with them any comment on them.
    return (Edit(Region(start.start_line, 1, end.end_line + 1, 1), ""),)


def _defines_used_anchor(removed: str, lines: Sequence[str]) -> bool:
    """Deleting an anchor that an alias elsewhere refers to would break the alias."""
    names = set(_ANCHOR.findall(removed))
    if not names:
        return False
    text = "\n".join(lines)
    return any(f"*{name}" in text for name in names)


def _flow_removal(intent: Removal, lines: Sequence[str]) -> tuple[Edit, ...] | None:
    """Inside `[...]` or `{...}`: take the item with the comma after it, or before it if last."""
    start, end = intent.start, intent.end
    following = _next_significant(lines, end.end_line, end.end_column)
    if following is None:
        return None
    (line, column), char = following
    if char == ",":
        after_comma = _next_significant(lines, line, column + 1)
        if after_comma is None or after_comma[1] in "]}":
            return None  # a trailing comma: an unusual shape, leave it
        (next_line, next_column), _ = after_comma
        if next_line == line:
            return (Edit(Region(start.start_line, start.start_column, line, next_column), ""),)
        prefix = lines[start.start_line - 1][: start.start_column - 1]
        if prefix.strip():
            # The next item starts a new line: keep this line's break, drop the item, comma and blanks.
            begin = len(prefix.rstrip(" \t")) + 1
            return (Edit(Region(start.start_line, begin, line, len(lines[line - 1]) + 1), ""),)
        return (Edit(Region(start.start_line, 1, line + 1, 1), ""),)
    if char not in "]}":
        return None
    preceding = _previous_significant(lines, start.start_line, start.start_column)
    if preceding is None or preceding[1] != ",":
        return None  # the only item: removing it is not the certain fix
    (comma_line, comma_column), _ = preceding
    return (Edit(Region(comma_line, comma_column, end.end_line, end.end_column), ""),)


def _next_significant(lines: Sequence[str], line: int, column: int) -> tuple[tuple[int, int], str] | None:
    """The first non-blank character at or after (line, column); None past a comment or the end."""
    while line <= len(lines):
        text = lines[line - 1]
        index = column - 1
        while index < len(text) and text[index] in " \t":
            index += 1
        if index < len(text):
            return None if text[index] == "#" else ((line, index + 1), text[index])
        line, column = line + 1, 1
    return None


def _previous_significant(lines: Sequence[str], line: int, column: int) -> tuple[tuple[int, int], str] | None:
    """The last non-blank character before (line, column); None when a comment could be in the way."""
    index = column - 2
    while line >= 1:
        text = lines[line - 1]
        index = min(index, len(text) - 1)
        while index >= 0 and text[index] in " \t":
            index -= 1
        if index >= 0:
            return None if "#" in text[: index + 1] else ((line, index + 1), text[index])
        line -= 1
        index = len(lines[line - 1]) - 1 if line >= 1 else -1
    return None


def _replacement(intent: Replacement, lines: Sequence[str]) -> tuple[Edit, ...] | None:
    region = intent.region
    if region.start_line != region.end_line:
        return None  # a folded or multi-line scalar: not a shape to edit in place
    original = lines[region.start_line - 1][region.start_column - 1 : region.end_column - 1]
    quoted = _quoted(intent.value, original)
    if quoted is None:
        return None
    return (Edit(region, quoted),)


def _quoted(value: str, original: str) -> str | None:
    """`value` written the way `original` was: same quotes, or plain when plain is safe."""
    if original.startswith("'") and original.endswith("'") and len(original) > 1:
        return "'" + value.replace("'", "''") + "'"
    if original.startswith('"') and original.endswith('"') and len(original) > 1:
        if any(ch in value for ch in '"\\') or not value.isprintable():
            return None
        return f'"{value}"'
    if original[:1] in "|>[{&*!":
        return None
    if _PLAIN_SAFE.match(value):
        return value
    return None if '"' in value or "\\" in value or not value.isprintable() else f'"{value}"'


def split_lines(text: str) -> tuple[list[str], list[str]]:
    """A text's lines as the YAML reader counts them, and the break that ends each ("" for the last)."""
    contents: list[str] = []
    breaks: list[str] = []
    position = 0
    for match in LINE_BREAK.finditer(text):
        contents.append(text[position : match.start()])
        breaks.append(match.group())
        position = match.end()
    contents.append(text[position:])
    breaks.append("")
    return contents, breaks


def apply(text: str, edits: Sequence[Edit]) -> str | None:
    """`text` with non-overlapping `edits` applied (later ones first); None if any two overlap."""
    contents, breaks = split_lines(text)
    starts = [0]
    for content, line_break in zip(contents, breaks, strict=True):
        starts.append(starts[-1] + len(content) + len(line_break))

    def offset(line: int, column: int) -> int:
        if line > len(contents):
            return len(text)
        return min(starts[line - 1] + column - 1, starts[line - 1] + len(contents[line - 1]) + len(breaks[line - 1]))

    spans = sorted(
        ((offset(e.region.start_line, e.region.start_column), offset(e.region.end_line, e.region.end_column), e.text))
        for e in edits
    )
    if any(end < start for start, end, _ in spans):
        return None  # an inverted region would copy text instead of removing it
    for (_, end, _), (next_start, _, _) in pairwise(spans):
        if next_start < end:
            return None
    for start, end, replacement in reversed(spans):
        text = text[:start] + replacement + text[end:]
    return text
