"""Which address spaces can match a common recipient, found through the index, never all pairs.

Identical patterns (same type, same address up to case) form one group; distinct patterns are
paired only when the index says they can share a recipient (a common literal tail, a common
X.400 country or MS Mail network, or a pattern that is wide at that level), and a pair is kept
only when a recipient matching both exists. Each overlap carries such a recipient as a witness.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from exchange_lint.addresses import X400_HIERARCHY, Recipient, glob_matches, has_wildcard, x400_fields
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector
from exchange_lint.generations.exchange40_55.routing.index import RoutingIndex, chain, pattern_key

Member = tuple[Connector, AddressSpace]
_EVERY = "\x00every"  # a pseudo-key listing every group of a type, for wide patterns


@dataclass(slots=True)
class PatternGroup:
    """Every address space with one pattern, on whichever connectors carry it."""

    type: str
    address: str
    members: tuple[Member, ...]

    @property
    def connectors(self) -> frozenset[str]:
        return frozenset(connector.name for connector, _ in self.members)


@dataclass(frozen=True)
class Overlap:
    first: PatternGroup
    second: PatternGroup
    witness: Recipient


def glob_witness(left: str, right: str) -> str | None:
    """A string both globs match (`*` any run, `%` one character, case-insensitive), or None.

    Breadth-first search over pairs of pattern positions: linear in the product of the lengths.
    """
    if left == right:
        return _fill(left)  # what the steps below find for one pattern met with itself
    if not has_wildcard(left) or not has_wildcard(right):
        literal, pattern = (left, right) if not has_wildcard(left) else (right, left)
        return literal if glob_matches(pattern, literal) else None
    # Most real overlaps are containments (`*@a.example` inside `*.example`): the plainest string
    # of one pattern then matches the other, with no search.
    for one, other in ((left, right), (right, left)):
        plain = _fill(one)
        if glob_matches(other, plain):
            return plain
    start = _close(left, right, 0, 0)
    parents: dict[tuple[int, int], tuple[tuple[int, int], str] | None] = {state: None for state in start}
    queue = deque(start)
    while queue:
        i, j = queue.popleft()
        if i == len(left) and j == len(right):
            chars = []
            state: tuple[int, int] = (i, j)
            while parents[state] is not None:
                previous, char = parents[state]  # type: ignore[misc]
                if char:
                    chars.append(char)
                state = previous
            return "".join(reversed(chars))
        for char, (ni, nj) in _steps(left, right, i, j):
            for closed in _close(left, right, ni, nj):
                if closed not in parents:
                    parents[closed] = ((i, j), char)
                    queue.append(closed)
    return None


def _close(left: str, right: str, i: int, j: int) -> list[tuple[int, int]]:
    """The states reachable without consuming a character (a `*` may match nothing)."""
    seen = [(i, j)]
    index = 0
    while index < len(seen):
        a, b = seen[index]
        index += 1
        for state in (
            (a + 1, b) if a < len(left) and left[a] == "*" else None,
            (a, b + 1) if b < len(right) and right[b] == "*" else None,
        ):
            if state is not None and state not in seen:
                seen.append(state)
    return seen


def _options(pattern: str, position: int) -> list[tuple[str | None, int]]:
    """(character or None for any, next position) for one character consumed at `position`."""
    if position >= len(pattern):
        return []
    char = pattern[position]
    if char == "*":
        return [(None, position)]
    if char == "%":
        return [(None, position + 1)]
    return [(char, position + 1)]


def _steps(left: str, right: str, i: int, j: int) -> Iterator[tuple[str, tuple[int, int]]]:
    for want_left, next_left in _options(left, i):
        for want_right, next_right in _options(right, j):
            if want_left is not None and want_right is not None and want_left.casefold() != want_right.casefold():
                continue
            yield (want_left or want_right or "x"), (next_left, next_right)


def _x400_witness(left: str, right: str) -> str | None:
    fields_left, fields_right = x400_fields(left), x400_fields(right)
    if fields_left is None or fields_right is None:
        return None
    parts = []
    for attribute in X400_HIERARCHY:
        one, two = fields_left.get(attribute), fields_right.get(attribute)
        if one is None and two is None:
            continue
        if attribute == "a" and " " in (one, two):
            other = (two if one == " " else one) or " "
            value = " " if other.strip() == "" else glob_witness(other.strip(), other.strip())
        else:
            value = glob_witness((one if one is not None else "*").strip(), (two if two is not None else "*").strip())
        if value is None:
            return None
        parts.append(f"{attribute}={value or 'x'}")
    return ";".join(parts)


def _component_witness(left: str, right: str) -> str | None:
    one = [part for part in left.split("/") if part]
    two = [part for part in right.split("/") if part]
    parts = []
    for index in range(max(len(one), len(two), 3)):
        a = one[index] if index < len(one) else "*"
        b = two[index] if index < len(two) else "*"
        value = glob_witness(a, b)
        if value is None:
            return None
        parts.append(value or "X")
    return "/".join(parts)


def witness(space_type: str, left: str, right: str | None = None) -> Recipient | None:
    """A recipient both patterns match (one pattern when `right` is None); blank matches anything."""
    blank_default = {"SMTP": "*@*.*", "X400": "c=*;a= ;p=*", "MS": "*/*/*"}.get(space_type, "*")
    left = left.strip() or blank_default
    right = left if right is None else right.strip() or blank_default
    if space_type == "X400":
        found = _fill(left) if left == right else _x400_witness(left, right)
    elif space_type in ("MS", "EX"):
        found = _component_witness(left, right) if left != right or "/" not in left else _fill(left)
    elif left == right:
        found = _fill(left if not (space_type == "SMTP" and set(left) <= {"*"}) else blank_default)
        if space_type == "SMTP" and "@" not in found and "!" not in found:
            shaped = _fill(left.replace("*", "*@*", 1))
            found = shaped if glob_matches(left, shaped) else found
    else:
        found = glob_witness(left, right)
    return Recipient(space_type, found) if found is not None else None


def _fill(pattern: str) -> str:
    """The plainest string a single pattern matches: every wildcard stands for `x`."""
    return pattern.replace("*", "x").replace("%", "x")


def pattern_groups(index: RoutingIndex) -> list[PatternGroup]:
    """Address spaces grouped by identical pattern; computed once per index."""
    cached: list[PatternGroup] | None = index.memo.get("pattern_groups")
    if cached is not None:
        return cached
    groups: dict[tuple[str, str], list[Member]] = {}
    for connector, space in index.spaces:
        groups.setdefault(pattern_key(space), []).append((connector, space))
    result = [
        PatternGroup(members[0][1].type, members[0][1].address, tuple(members))
        for members in groups.values()  # declaration order: deterministic
    ]
    index.memo["pattern_groups"] = result
    return result


def overlaps(
    index: RoutingIndex, worth: Callable[[PatternGroup, PatternGroup], bool] | None = None
) -> Iterator[Overlap]:
    """Every overlap, once: each group on two or more connectors, and each intersecting pair of groups.

    `worth`, when given, passes over the pairs of groups it refuses before their witness is searched,
    which is most of the cost: a caller that wants only some overlaps says which."""
    groups = pattern_groups(index)
    order = {id(group): number for number, group in enumerate(groups)}
    by_key: dict[tuple[str, str], list[PatternGroup]] = {}
    alone: dict[int, Recipient | None] = {}
    chains = {id(group): chain(group.type, group.address) for group in groups}
    keys = {number: (found[-1] if found else "") for number, found in chains.items()}
    wide = {id(group) for group in groups if _is_wide(group)}

    def alone_witness(group: PatternGroup) -> Recipient | None:
        if id(group) not in alone:
            alone[id(group)] = witness(group.type, group.address)
        return alone[id(group)]

    for group in groups:
        by_key.setdefault((group.type, keys[id(group)]), []).append(group)
        by_key.setdefault((group.type, _EVERY), []).append(group)
        if len(group.members) > 1 and len(group.connectors) > 1:
            found = alone_witness(group)
            if found is not None:
                yield Overlap(group, group, found)
    for group in groups:
        key = keys[id(group)]
        for other in _neighbours(group, chains[id(group)], by_key):
            other_key = keys[id(other)]
            both_ways = not key or not other_key or key == other_key
            if other is group or (both_ways and order[id(other)] < order[id(group)]):
                continue
            if worth is not None and not worth(group, other):
                continue
            if id(other) in wide:
                found = alone_witness(group)
            elif id(group) in wide:
                found = alone_witness(other)
            else:
                found = witness(group.type, group.address, other.address)
            if found is not None:
                yield Overlap(group, other, found)


def _is_wide(group: PatternGroup) -> bool:
    """Blank, or nothing but `*`: matches every address of its type."""
    return set(group.address.strip()) <= {"*"}


def _neighbours(
    group: PatternGroup, keys: tuple[str, ...], by_key: dict[tuple[str, str], list[PatternGroup]]
) -> Iterator[PatternGroup]:
    if not keys:
        # A wide pattern meets everything of its type (wide patterns are few).
        yield from by_key.get((group.type, _EVERY), ())
        return
    yield from by_key.get((group.type, ""), ())
    for key in keys:
        yield from by_key.get((group.type, key), ())
