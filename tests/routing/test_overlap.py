"""Overlaps are found through the index: identical groups and intersecting pairs, each once."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange_lint.addresses import glob_matches, match
from exchange_lint.generations.exchange40_55.model import build_organization
from exchange_lint.generations.exchange40_55.routing.index import build_index
from exchange_lint.generations.exchange40_55.routing.overlap import glob_witness, overlaps, witness
from exchange_lint.load import load_file


@pytest.mark.parametrize(
    ("left", "right", "meet"),
    [
        ("*", "*@a.com", True),
        ("*@a.com", "*@b.com", False),
        ("*.com", "*@a*", True),
        ("a%c", "*c", True),
        ("*!*", "*!*@*", True),
        ("*!*", "x@y", False),
        ("%%", "abc", False),
    ],
)
def test_glob_witness_finds_a_common_string_or_none(left: str, right: str, meet: bool) -> None:
    found = glob_witness(left, right)
    assert (found is not None) == meet
    if found is not None:
        recipient = witness("SMTP", left, right)
        assert recipient is not None
        assert match("SMTP", left, recipient) is not None and match("SMTP", right, recipient) is not None


def test_x400_and_ms_witnesses_match_both_patterns() -> None:
    for space_type, left, right in (
        ("X400", "c=*", "c=US;a=ATT;p=X"),
        ("X400", "c=US;a= ;p=Contoso", "c=US;a= ;p=Contoso;o=TRADE"),
        ("MS", "CA/*", "CA/PO1"),
    ):
        found = witness(space_type, left, right)
        assert found is not None
        assert match(space_type, left, found) is not None and match(space_type, right, found) is not None
    assert witness("X400", "c=US", "c=GB") is None


def test_every_overlap_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: A, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1", "SMTP:*@a.com;1"]}
  - {name: B, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1", "SMTP:*@b.com;1"]}
  - {name: C, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*.com;1", "SMTP:x@a.com;1"]}
  - {name: D, kind: ccmail, server: TRADE, address_spaces: ["CCMAIL:*;1"]}
"""
    )
    organization = build_organization("Contoso", [load_file(path, "org.yaml", 1 << 20)])
    found = sorted(
        tuple(sorted((f"{o.first.address}", f"{o.second.address}"))) for o in overlaps(build_index(organization))
    )
    # `*` (on A and B) meets everything; `*@a.com`, `*.com` and `x@a.com` meet each other;
    # `*@b.com` meets `*.com`; `*@a.com` and `*@b.com` never meet; CCMAIL is another type.
    assert found == sorted(
        [
            ("*", "*"),
            ("*", "*@a.com"),
            ("*", "*@b.com"),
            ("*", "*.com"),
            ("*", "x@a.com"),
            ("*.com", "*@a.com"),
            ("*.com", "*@b.com"),
            ("*.com", "x@a.com"),
            ("*@a.com", "x@a.com"),
        ]
    )


def test_patterns_ending_in_a_wildcard_meet_only_what_their_literal_head_allows(tmp_path: Path) -> None:
    """Filed by their literal head, not as wide: `user1@*` never meets `user2@*`, and `x*y` (which
    must end in `y`) meets nothing here."""
    path = tmp_path / "org.yaml"
    path.write_text(
        """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: A, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:user1@*;1", "SMTP:user2@*;1"]}
  - {name: B, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@a.com;1", "SMTP:user1@a*;1"]}
  - {name: C, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:us*;1", "SMTP:x*y;1"]}
"""
    )
    organization = build_organization("Contoso", [load_file(path, "org.yaml", 1 << 20)])
    found = sorted(tuple(sorted((o.first.address, o.second.address))) for o in overlaps(build_index(organization)))
    assert found == [
        ("*@a.com", "us*"),
        ("*@a.com", "user1@*"),
        ("*@a.com", "user1@a*"),
        ("*@a.com", "user2@*"),
        ("us*", "user1@*"),
        ("us*", "user1@a*"),
        ("us*", "user2@*"),
        ("user1@*", "user1@a*"),
    ]


@settings(max_examples=300, deadline=None)
@given(left=st.text("ab*%", min_size=1, max_size=5), right=st.text("ab*%", min_size=1, max_size=5))
def test_glob_witness_is_a_common_string_exactly_when_one_exists(left: str, right: str) -> None:
    found = glob_witness(left, right)
    if found is not None:
        assert glob_matches(left, found) and glob_matches(right, found)
        return
    for length in range(len(left) + len(right) + 1):  # a shortest common string is no longer than both
        for letters in product("abx", repeat=length):
            text = "".join(letters)
            assert not (glob_matches(left, text) and glob_matches(right, text)), text


def test_glob_witness_of_long_runs_of_stars() -> None:
    left, right = "*" * 100 + "a%", "%" + "*" * 100 + "b"
    found = glob_witness(left, right)
    assert found is not None and glob_matches(left, found) and glob_matches(right, found)
    assert glob_witness("*a" * 500 + "%", "%" + "*b" * 500) is not None
    assert glob_witness("*" * 300 + "a", "*" * 300 + "b") is None
