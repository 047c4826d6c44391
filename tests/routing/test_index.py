"""The index finds exactly the patterns that match a recipient: filing a pattern under its literal
tail, head or inner run never hides one that matches."""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st

from exchange_lint.addresses import Recipient, match
from exchange_lint.generations.exchange40_55.model import build_organization
from exchange_lint.generations.exchange40_55.routing.index import RoutingIndex, build_index, inner_key
from exchange_lint.load import load_text

# Few letters, so that patterns and recipients often share runs; `%` and `*` as wildcards.
PIECES = st.sampled_from(["*", "%", "a", "b", "B", "@", ".", "ab", "@d1.", "example", "EXAM", "ß", "ss"])
PATTERNS = st.lists(PIECES, min_size=1, max_size=8).map("".join)
RECIPIENTS = st.lists(st.sampled_from(["a", "b", "@", ".", "d1", "example", "SS", "ß", "x"]), max_size=10).map("".join)


def _index(patterns: list[str]) -> RoutingIndex:
    lines = ['version: 1\norganization: C\nexchange: "5.5"\nsites:\n  - {name: HQ, servers: [EX1]}\nconnectors:\n']
    for number, pattern in enumerate(patterns):
        space = json.dumps(f"SMTP:{pattern};1")
        lines.append(f"  - {{name: C{number}, kind: internet_mail, server: EX1, address_spaces: [{space}]}}\n")
    document = load_text("org.yaml", "".join(lines))
    return build_index(build_organization("C", [document]))


@settings(max_examples=300, deadline=None)
@given(st.lists(PATTERNS, min_size=1, max_size=6), st.lists(RECIPIENTS, min_size=1, max_size=4))
@example(["*EXAMple*", "*aßß*", "%@d1.*"], ["an@example", "aSSSS", "x@d1.b"])  # case folding, `ß` as `ss`
def test_the_index_matches_what_matching_every_pattern_matches(patterns: list[str], addresses: list[str]) -> None:
    index = _index(patterns)
    for address in addresses:
        recipient = Recipient("SMTP", address)
        found = {pattern.address for _, pattern in index.matching(recipient)}
        every = {pattern.address for pattern in index.patterns if match("SMTP", pattern.address, recipient)}
        assert found == every, address


def test_a_pattern_with_wildcards_at_both_ends_is_filed_under_its_longest_literal_run() -> None:
    assert inner_key("*@d1.example*") == "@d1."
    assert inner_key("*a%b*Contoso*") == "cont"
    assert inner_key("*abc*") == ""  # too short to file: met by every recipient, as `*`
    index = _index(["*@d1.example*", "*@d2.example*", "*"])
    recipient = Recipient("SMTP", "someone@d2.example.net")
    assert sorted(pattern.address for pattern in index.candidates(recipient)) == ["*", "*@d2.example*"]
