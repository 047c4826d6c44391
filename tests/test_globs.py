"""Configuration globs: gitignore-like, and matched in time proportional to pattern × path."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange_lint.globs import glob_matches


def _reference(pattern: str) -> re.Pattern[str]:
    """The globs' meaning as a regular expression (what the linter matched with before; exact, but
    exponential on hostile patterns), for patterns whose `**` are whole segments."""
    pattern = pattern.strip().removeprefix("./")
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.lstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    out, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        else:
            char = pattern[index]
            out.append("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char))
            index += 1
    # \\Z, not $: `$` also matches before a last line break, which a file name may end with
    return re.compile(("^" if anchored else "^(?:.*/)?") + "".join(out) + "(?:/.*)?\\Z", re.DOTALL)


_SEGMENT = st.text(alphabet="ab*?.", min_size=1, max_size=4).filter(lambda s: "**" not in s) | st.just("**")
_PATTERN = st.builds(
    lambda lead, segments, trail: lead + "/".join(segments) + trail,
    st.sampled_from(["", "/", "./"]),
    st.lists(_SEGMENT, min_size=1, max_size=4),
    st.sampled_from(["", "/"]),
)
_PATH = st.builds(
    lambda names, folder: "/".join(names) + folder,
    st.lists(st.text(alphabet="ab.\n", max_size=4), min_size=1, max_size=5),  # file names may hold a line break
    st.sampled_from(["", "/"]),
)


@settings(max_examples=2000, deadline=None)
@given(_PATTERN, _PATH)
def test_matching_agrees_with_the_regular_expression_meaning(pattern: str, path: str) -> None:
    assert glob_matches(pattern, path) == bool(_reference(pattern).match(path)), (pattern, path)


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("exchange/**/*.yaml", "exchange/x.yaml", True),
        ("exchange/**/*.yaml", "exchange/sites/london/x.yaml", True),
        ("exchange/**/*.yaml", "other/exchange/x.yaml", False),
        ("*.yaml", "deep/down/x.yaml", True),
        ("drafts/", "exchange/drafts/", True),
        ("exchange/drafts/", "exchange/drafts/old/x.yaml", True),
        ("exchange/**", "exchange", False),
        ("x?.yaml", "x1.yaml", True),
        ("x?.yaml", "x/.yaml", False),
        ("[a].yaml", "[a].yaml", True),  # brackets are plain characters
        # a `**` that is not a whole segment is a `*`, as in .gitignore
        ("exchange/**.yaml", "exchange/x.yaml", True),
        ("exchange/**.yaml", "exchange/sites/x.yaml", False),
    ],
)
def test_examples(pattern: str, path: str, expected: bool) -> None:
    assert glob_matches(pattern, path) is expected


def test_patterns_that_made_a_regular_expression_backtrack_for_ever_answer_at_once() -> None:
    """Each took exponential time translated to a regular expression; here each is a few thousand
    steps (a slow answer would show as a hang: pytest has no timeout of its own here)."""
    assert not glob_matches("*a*a*a*a*a*a*a*a*b", "a" * 5000)
    assert glob_matches("*a*a*a*a*a*a*a*a*b", "a" * 5000 + "b")
    deep = "/".join(["d"] * 2000)
    assert not glob_matches("**/" * 50 + "x", deep)
    assert glob_matches("**/" * 50 + "x", deep + "/x")
    assert not glob_matches("/".join(["*"] * 40) + "/x", deep)
