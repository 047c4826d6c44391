"""Which address spaces can match a common recipient, found through the index, never all pairs.

Identical patterns (same type, same address up to case) form one group; distinct patterns are
paired only when their literal parts allow a common recipient (flat patterns: a tail that is a
suffix of the other's and a head that is a prefix of the other's; X.400, MS Mail and directory
names: leading levels one of which continues the other), and a pair is kept only when a
recipient matching both exists. Each overlap carries such a recipient as a witness.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import NamedTuple

from exchange_lint.addresses import X400_HIERARCHY, Recipient, glob_matches, has_wildcard, x400_fields
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector
from exchange_lint.generations.exchange40_55.routing.index import (
    HIERARCHICAL,
    RoutingIndex,
    level_key,
    literal_prefix,
    pattern_key,
    tail_key,
)

Member = tuple[Connector, AddressSpace]


class PatternGroup:
    """Every address space with one pattern, on whichever connectors carry it."""

    __slots__ = ("address", "connectors", "members", "type")

    def __init__(self, type: str, address: str, members: tuple[Member, ...]) -> None:
        self.type = type
        self.address = address
        self.members = members
        self.connectors = frozenset(connector.name for connector, _ in members)


class Overlap(NamedTuple):
    first: PatternGroup
    second: PatternGroup
    witness: Recipient


def glob_witness(left: str, right: str) -> str | None:
    """A string both globs match (`*` any run, `%` one character, case-insensitive), or None.

    The search walks both patterns at once: which pairs of positions can be reached by reading
    the same characters. Every move goes forward in one pattern or both, so it fills a table
    row by row, a row being the positions of `right` as the bits of one integer: time and memory
    in the product of the lengths over the machine word, however many stars there are.
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
    return _common(_squeeze(left), _squeeze(right))


def _squeeze(pattern: str) -> str:
    """Runs of `*` as one: the same strings, and no two stars in a row for the search."""
    while "**" in pattern:
        pattern = pattern.replace("**", "*")
    return pattern


def _common(left: str, right: str) -> str | None:
    """A string both star-squeezed patterns match. Row i holds, as bits j, the pairs (i, j) such
    that some string takes `left` to position i and `right` to position j."""
    width = len(right) + 1
    full = (1 << width) - 1
    stars = sum(1 << j for j, char in enumerate(right) if char == "*")
    ones = sum(1 << j for j, char in enumerate(right) if char != "*")  # read exactly one character
    anyone = sum(1 << j for j, char in enumerate(right) if char == "%")
    literal: dict[str, int] = {}
    for j, char in enumerate(right):
        if char not in "*%":
            literal[char.casefold()] = literal.get(char.casefold(), 0) | 1 << j
    rows = [_close(1, left, 0, stars, full)]
    for i, char in enumerate(left):
        reached = rows[-1]
        if char == "*":
            row = reached  # the star may match nothing
        elif char == "%":
            row = (reached & stars) | (reached & ones) << 1
        else:
            row = (reached & stars) | (reached & (anyone | literal.get(char.casefold(), 0))) << 1
        rows.append(_close(row & full, left, i + 1, stars, full))
    if not rows[-1] >> len(right) & 1:
        return None
    return _walk_back(rows, left, right)


def _close(row: int, left: str, i: int, stars: int, full: int) -> int:
    """Add the positions reached without leaving row i: past a star of `right` (it may match
    nothing), and, on a star of `left`, every later position of `right` (the star reads it)."""
    row |= (row & stars) << 1
    if i < len(left) and left[i] == "*" and row:
        row |= full & ~((row & -row) - 1)
    return row & full


def _walk_back(rows: Sequence[int], left: str, right: str) -> str:
    """Spell a string along reached pairs from the end back to (0, 0), preferring moves that read
    nothing, then a character both patterns name."""
    chars: list[str] = []
    i, j = len(left), len(right)
    while i or j:
        here, before = rows[i], rows[i - 1] if i else 0
        if i and left[i - 1] == "*" and before >> j & 1:
            i -= 1
        elif j and right[j - 1] == "*" and here >> (j - 1) & 1:
            j -= 1
        elif (
            i
            and j
            and "*" not in (left[i - 1], right[j - 1])
            and before >> (j - 1) & 1
            and _agree(left[i - 1], right[j - 1])
        ):
            chars.append(_spelled(left[i - 1], right[j - 1]))
            i, j = i - 1, j - 1
        elif i and j < len(right) and right[j] == "*" and left[i - 1] != "*" and before >> j & 1:
            chars.append(_spelled(left[i - 1], "%"))
            i -= 1
        else:  # a star of `left` reading right[j - 1]
            chars.append(_spelled("%", right[j - 1]))
            j -= 1
    return "".join(reversed(chars))


def _agree(one: str, two: str) -> bool:
    return one == "%" or two == "%" or one.casefold() == two.casefold()


def _spelled(one: str, two: str) -> str:
    """The character read: a literal of either pattern, else `x`."""
    return one if one != "%" else two if two != "%" else "x"


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


class Search:
    """What an overlap search found, in a fixed order, and whether it looked at every pair."""

    def __init__(
        self, overlaps: list[Overlap], pairs: int, counted: int, stopped_at: PatternGroup | None = None
    ) -> None:
        self.overlaps = overlaps
        self.pairs = pairs  # pairs of groups it compared
        self.counted = counted  # what they counted toward the limit (`pair_cost`): more when some are long
        self.stopped_at = stopped_at  # the group whose pairs it stopped at (over `limit`)


def overlaps(index: RoutingIndex, partition: Callable[[PatternGroup], Hashable] | None = None) -> Iterator[Overlap]:
    """Every overlap, once: each group on two or more connectors, and each intersecting pair of groups."""
    yield from search(index, partition).overlaps


def search(
    index: RoutingIndex, partition: Callable[[PatternGroup], Hashable] | None = None, limit: int | None = None
) -> Search:
    """Every overlap, once, in the order of the groups' declarations: first each group on two or
    more connectors, then each intersecting pair of groups.

    `partition`, when given, pairs only groups it puts in the same class: a caller that wants only
    some overlaps says which before any witness is searched, which is most of the cost. Past
    `limit` pairs compared (`pair_cost`: a pair of long patterns counts as several), the search
    stops (`stopped_at`)."""
    groups = pattern_groups(index)
    order = {id(group): number for number, group in enumerate(groups)}
    alone: dict[int, Recipient | None] = {}

    def alone_witness(group: PatternGroup) -> Recipient | None:
        if id(group) not in alone:
            alone[id(group)] = witness(group.type, group.address)
        return alone[id(group)]

    found: list[Overlap] = []
    for group in groups:
        if len(group.members) > 1 and len(group.connectors) > 1:
            witnessed = alone_witness(group)
            if witnessed is not None:
                found.append(Overlap(group, group, witnessed))
    classes: dict[tuple[str, Hashable], list[PatternGroup]] = {}
    for group in groups:
        classes.setdefault((group.type, partition(group) if partition else None), []).append(group)
    keys = {id(group): _key(group) for group in groups}
    visits: list[tuple[tuple[int, int, int, int], PatternGroup, PatternGroup]] = []
    stopped_at = None
    spent = 0
    for members in classes.values():
        for first, second in _pairs(members, order, keys):
            if limit is not None and spent >= limit:
                stopped_at = second
                break
            spent += pair_cost(first, second)
            visits.append(_visit(first, second, order, keys))
        if stopped_at is not None:
            break
    visits.sort(key=lambda visit: visit[0])
    wide = {id(group) for group in groups if _is_wide(group)}
    for _, group, other in visits:
        if id(other) in wide:
            witnessed = alone_witness(group)
        elif id(group) in wide:
            witnessed = alone_witness(other)
        else:
            witnessed = witness(group.type, group.address, other.address)
        if witnessed is not None:
            found.append(Overlap(group, other, witnessed))
    return Search(found, len(visits), spent, stopped_at)


def pair_cost(one: PatternGroup, two: PatternGroup) -> int:
    """What comparing two groups counts toward a search's limit: the witness search steps through
    both patterns, so its time grows with their joint length. Two patterns of up to 160 characters
    together (every real pair) count once; two of 1,000 characters each, as 58 pairs (measured:
    about as long as 58 pairs of ordinary address spaces)."""
    return 1 + max(0, len(one.address) + len(two.address) - 160) // 32


# A group's literal key: the tail of a flat pattern, the leading levels of a hierarchical one
# ('' or () when it has none), and a flat pattern's literal head.
_Key = tuple[str | tuple[str, ...], str]


def _key(group: PatternGroup) -> _Key:
    if group.type in HIERARCHICAL:
        return level_key(group.type, group.address), ""
    return tail_key(group.address), (literal_prefix(group.address) if group.address.strip() else "")


def _visit(
    one: PatternGroup, two: PatternGroup, order: dict[int, int], keys: dict[int, _Key]
) -> tuple[tuple[int, int, int, int], PatternGroup, PatternGroup]:
    """Which group of a pair the search starts from, and where the pair comes in the order: from
    each group in declaration order, the wide-keyed groups, then the keyed ones by key length.
    A pair of groups with one key continuing the other starts from the longer key; any other
    pair from the group declared first."""
    key_one, key_two = keys[id(one)][0], keys[id(two)][0]
    if key_one and key_two and key_one != key_two:
        group, other = (one, two) if len(key_one) > len(key_two) else (two, one)
    else:
        group, other = (one, two) if order[id(one)] < order[id(two)] else (two, one)
    key, other_key = keys[id(group)][0], keys[id(other)][0]
    place = (1, len(other_key)) if key and other_key else (0, 0)
    return (order[id(group)], *place, order[id(other)]), group, other


def _pairs(
    groups: list[PatternGroup], order: dict[int, int], keys: dict[int, _Key]
) -> Iterator[tuple[PatternGroup, PatternGroup]]:
    """Each unordered pair of groups (of one type) whose literal keys allow a common recipient."""
    if len(groups) < 2:
        return
    unkeyed = [group for group in groups if not keys[id(group)][0]]
    clusters: dict[str | tuple[str, ...], list[PatternGroup]] = {}
    for group in groups:
        if keys[id(group)][0]:
            clusters.setdefault(keys[id(group)][0], []).append(group)
    lengths = sorted({len(key) for key in clusters})
    flat = groups[0].type not in HIERARCHICAL
    heads: dict[str | tuple[str, ...], _Heads] = {}
    loose = _Heads(unkeyed, keys) if unkeyed else None
    for group in groups:
        key, head = keys[id(group)]
        # A group with no key is met by every group (of a compatible head).
        for other in loose.related(head) if loose is not None else ():
            if other is not group and (key or order[id(other)] < order[id(group)]):
                yield other, group
        if not key:
            continue
        for length in lengths:
            if length > len(key):
                break
            shorter = key[len(key) - length :] if flat else key[:length]
            if shorter not in clusters:
                continue
            cluster = heads.get(shorter)
            if cluster is None:
                cluster = heads[shorter] = _Heads(clusters[shorter], keys)
            for other in cluster.related(head):
                if length < len(key) or order[id(other)] < order[id(group)]:
                    yield other, group


class _Heads:
    """Groups by literal head: those whose head is a prefix of a given one, or continues it (for
    hierarchical patterns, which have no head, every group)."""

    def __init__(self, groups: list[PatternGroup], keys: dict[int, _Key]) -> None:
        self.by_head: dict[str, list[PatternGroup]] = {}
        for group in groups:
            self.by_head.setdefault(keys[id(group)][1], []).append(group)
        self.heads = sorted(self.by_head)
        self.lengths = sorted({len(head) for head in self.heads})

    def related(self, head: str) -> Iterator[PatternGroup]:
        for length in self.lengths:
            if length >= len(head):
                break
            yield from self.by_head.get(head[:length], ())
        at = bisect_left(self.heads, head)
        while at < len(self.heads) and self.heads[at].startswith(head):
            yield from self.by_head[self.heads[at]]
            at += 1


def _is_wide(group: PatternGroup) -> bool:
    """Blank, or nothing but `*`: matches every address of its type."""
    return set(group.address.strip()) <= {"*"}
