"""Matching a recipient against an address space, per address type, with the MTA's match classes.

The MTA ranks candidate address spaces by how well they match before it looks at cost
(domain doc §1.3, Q229961, Q152471, Q193322): an exact match beats a wildcard match, a wildcard
match with more literal characters beats one with fewer, and a blank (type-only) address space
is the weakest of all. Partial substring matches are undefined in the sources; this model never
produces them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

EXACT = "exact"
WILDCARD = "wildcard"
PARTIAL = "partial"
BLANK = "blank"
_CLASS_ORDER = {EXACT: 3, WILDCARD: 2, PARTIAL: 1, BLANK: 0}

# X.400 routing attributes, in the order the MTA compares them (c → a → p → o → ou, BORES-MTA).
X400_HIERARCHY = ("c", "a", "p", "o", "ou1", "ou2", "ou3", "ou4")
_X400_ALIASES = {"admd": "a", "prmd": "p"}


class Match(NamedTuple):
    """How well one address space matches one recipient; greater is better."""

    rank: int
    literals: int
    kind: str

    def __str__(self) -> str:
        if self.kind == WILDCARD:
            return f"wildcard ({self.literals} literal character{'s' if self.literals != 1 else ''})"
        return self.kind


def _match(kind: str, literals: int) -> Match:
    return Match(_CLASS_ORDER[kind], literals, kind)


class Recipient(NamedTuple):
    type: str
    address: str

    def __str__(self) -> str:
        return f"{self.type}:{self.address}"


DEFAULT_COST = 1

# The longest address, pattern or recipient, the routing model reads. Far above anything Exchange
# takes: an SMTP address is at most 256 octets (RFC 5321 §4.5.3.1.3), an X.400 O/R address a few
# hundred characters (XGSAC003: c 3, a and p 16, o 64, four ou of 32, a DDA value 128), an MS Mail
# address 32 (10/10/10, XGSAC004). Finding a recipient two patterns share costs time with the
# product of their lengths, so a longer one is reported and left out, never analysed.
MAX_ADDRESS_LENGTH = 1024
_COMPACT = re.compile(r"^(?P<type>[A-Za-z][A-Za-z0-9]*):(?P<address>.*?)(?:;(?P<cost>\d+))?$", re.DOTALL)


def parse_compact(text: str) -> tuple[str, str, int] | None:
    """An address space's compact form `TYPE:ADDRESS;COST` (cost optional) to its parts; None when
    it is not of that form."""
    match = _COMPACT.match(text)
    if match is None:
        return None
    cost = int(match["cost"]) if match["cost"] else DEFAULT_COST
    return match["type"].upper(), match["address"], cost


def parse_recipient(text: str) -> Recipient | None:
    """`SMTP:ann@example.com` → Recipient; None when there is no `TYPE:` prefix."""
    kind, sep, address = text.partition(":")
    if not sep or not kind or not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", kind):
        return None
    return Recipient(kind.upper(), address)


def literal_count(pattern: str) -> int:
    return sum(1 for char in pattern if char not in "*%")


def has_wildcard(pattern: str) -> bool:
    return "*" in pattern or "%" in pattern


def glob_matches(pattern: str, text: str) -> bool:
    """`*` any run of characters, `%` exactly one; case-insensitive (domain doc §1.3).

    The pieces between stars are found left to right, each at its first place after the last:
    the first fit never loses a match a later one would give. Each piece is a C substring search,
    so a hostile pattern (`*a*a*a...%`) costs one pass per piece, never a backtracking explosion.
    """
    if not has_wildcard(pattern):
        return pattern.casefold() == text.casefold()
    pieces = pattern.casefold().split("*")
    text = text.casefold()
    first, last = pieces[0], pieces[-1]
    if len(pieces) == 1:
        return len(first) == len(text) and _fits(first, text, 0)
    end = len(text) - len(last)
    if end < len(first) or not _fits(first, text, 0) or not _fits(last, text, end):
        return False
    start = len(first)
    for piece in pieces[1:-1]:
        found = _find(piece, text, start, end)
        if found < 0:
            return False
        start = found + len(piece)
    return True


def _fits(piece: str, text: str, start: int) -> bool:
    """The piece (`%` any one character) matches the text at `start`."""
    if "%" not in piece:
        return text.startswith(piece, start)
    return all(want in ("%", got) for want, got in zip(piece, text[start : start + len(piece)], strict=True))


def _find(piece: str, text: str, start: int, end: int) -> int:
    """Where the piece first matches inside text[start:end], or -1."""
    if "%" not in piece:
        return text.find(piece, start, end)
    found = _piece_pattern(piece).search(text, start, end)
    return found.start() if found is not None else -1


@lru_cache(maxsize=4096)
def _piece_pattern(piece: str) -> re.Pattern[str]:
    """A piece with `%` as a regular expression: literals escaped, `%` any one character. It has
    no repetition, so the search never backtracks more than the piece's length."""
    return re.compile("".join("." if char == "%" else re.escape(char) for char in piece), re.DOTALL)


def _whole(pattern: str, address: str) -> Match | None:
    """SMTP, cc:Mail, Notes, GroupWise, custom types: the pattern against the whole address."""
    if not glob_matches(pattern, address):
        return None
    return _match(WILDCARD, literal_count(pattern)) if has_wildcard(pattern) else _match(EXACT, len(pattern))


def x400_parts(text: str) -> list[str]:
    """Split an O/R address: on `;` when it has one (values may hold `/` and `,`), else on `/`
    (`/c=US/a= /p=Org/`), else on `,` (4.0 `LOCAL` entries, Q161947)."""
    separator = ";" if ";" in text else "/" if "/" in text else ","
    return [part for part in text.split(separator) if part.strip()]


def x400_attributes(text: str) -> Iterator[tuple[str, str, str, bool]]:
    """(part, attribute, value, whether it has `=`) for each part of an O/R address: `admd`/`prmd`
    read as `a`/`p`, repeated `ou` numbered ou1, ou2, ... (the one reading of attributes)."""
    units = 0
    for part in x400_parts(text):
        name, sep, value = part.partition("=")
        key = name.strip().lower()
        if key == "ou":
            units += 1
            key = f"ou{units}"
        yield part, _X400_ALIASES.get(key, key), value, bool(sep)


@lru_cache(maxsize=65536)
def x400_fields(text: str) -> dict[str, str] | None:
    """`c=US;a= ;p=Org` → {attribute: value}; None when malformed.

    Cached: callers must not change the mapping they get."""
    fields: dict[str, str] = {}
    for _, attribute, value, assigned in x400_attributes(text):
        if not assigned:
            return None
        fields[attribute] = value
    return fields


def _x400(pattern: str, address: str) -> Match | None:
    """Attribute by attribute down the hierarchy; attributes the pattern leaves out match anything.

    A single-space ADMD (`a= `) in a pattern is taken to match any ADMD: what it means is not
    stated in the Exchange sources (domain doc §3, [U]); this is the X.400 convention.
    """
    wanted, actual = x400_fields(pattern), x400_fields(address)
    if wanted is None or actual is None:
        return None
    literals = 0
    wildcard = False
    for attribute in X400_HIERARCHY:
        if attribute not in wanted:
            if attribute in actual:
                wildcard = True
            continue
        value, given = wanted[attribute], actual.get(attribute, "")
        if attribute == "a" and value == " ":
            wildcard = wildcard or given != " "
            continue
        if not glob_matches(value.strip(), given.strip()):
            return None
        wildcard = wildcard or has_wildcard(value)
        literals += literal_count(value.strip())
    return _match(WILDCARD, literals) if wildcard else _match(EXACT, literals)


def _components(pattern: str, address: str, separator: str) -> Match | None:
    """MS Mail `NETWORK/PO/MAILBOX` and EX DNs: component by component; missing trailing ones match all."""
    wanted = [part for part in pattern.split(separator) if part != ""]
    actual = [part for part in address.split(separator) if part != ""]
    if len(wanted) > len(actual):
        return None
    literals = 0
    for value, given in zip(wanted, actual[: len(wanted)], strict=True):
        if not glob_matches(value, given):
            return None
        literals += literal_count(value)
    exact = len(wanted) == len(actual) and not any(has_wildcard(part) for part in wanted)
    return _match(EXACT, literals) if exact else _match(WILDCARD, literals)


def match(space_type: str, pattern: str, recipient: Recipient) -> Match | None:
    """How `space_type:pattern` matches the recipient, or None when it does not match at all."""
    if space_type.upper() != recipient.type:
        return None
    pattern = pattern.strip()
    if pattern == "":
        return _match(BLANK, 0)
    if recipient.type == "X400":
        return _x400(pattern, recipient.address)
    if recipient.type == "MS":
        return _components(pattern, recipient.address, "/")
    if recipient.type == "EX":
        return _components(pattern.upper(), recipient.address.upper(), "/")
    return _whole(pattern, recipient.address)


def matches_everything(space_type: str, pattern: str) -> bool:
    """A pattern every address of its type matches: `*`, `c=*` (every attribute a wildcard or the
    blank ADMD), `*/*`; blank patterns are not counted here (they are their own, weakest class)."""
    pattern = pattern.strip()
    if not pattern:
        return False
    if space_type == "X400":
        fields = x400_fields(pattern)
        return bool(fields) and all(set(value.strip()) <= {"*"} for value in (fields or {}).values())
    if space_type in ("MS", "EX"):
        return all(set(part) <= {"*"} for part in pattern.split("/") if part)
    return set(pattern) <= {"*"}


@lru_cache(maxsize=65536)
def match_bound(space_type: str, pattern: str) -> Match | None:
    """The best match `match` can give the pattern for any recipient of its type; None when it
    matches none (a malformed X.400 pattern). Exact for blank and flat patterns (their class and
    literal count are the pattern's own); for hierarchical ones the literal count is exact and
    the class at most EXACT, since leaving out an attribute or component makes it a wildcard."""
    pattern = pattern.strip()
    space_type = space_type.upper()
    if pattern == "":
        return _match(BLANK, 0)
    if space_type == "X400":
        fields = x400_fields(pattern)
        if fields is None:
            return None
        values = [fields[a] for a in X400_HIERARCHY if a in fields and not (a == "a" and fields[a] == " ")]
        return _match(EXACT, sum(literal_count(value.strip()) for value in values))
    if space_type in ("MS", "EX"):
        parts = (pattern.upper() if space_type == "EX" else pattern).split("/")
        return _match(EXACT, sum(literal_count(part) for part in parts if part != ""))
    return _match(WILDCARD, literal_count(pattern)) if has_wildcard(pattern) else _match(EXACT, len(pattern))
