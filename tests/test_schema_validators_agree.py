"""The fast paths (jsonschema-rs, and the plain-Python checker for small runs) agree with
jsonschema on valid and invalid documents."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange_lint.load import load_text
from exchange_lint.rules.registry import load_rules
from exchange_lint.schema import _validator, is_valid_fast, load_schema
from exchange_lint.schema_check import Unsupported, is_valid
from tests.conftest import DATA, REPO
from tests.test_load import HOSTILE
from tests.test_schema_2007_se import SECTION_9


def _corpus() -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((REPO / "examples").glob("*.yaml"))]
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(DATA.rglob("*.yaml"))]
    texts.append(("section-9-2019", SECTION_9))
    for rule in load_rules():
        texts += [(f"{rule.id}-example", rule.doc.example), (f"{rule.id}-use-instead", rule.doc.use_instead)]
    for name, raw in HOSTILE.items():
        try:
            texts.append((f"hostile-{name}", raw.decode("utf-8")))
        except UnicodeDecodeError:
            continue
    return texts


CORPUS = _corpus()


@pytest.mark.parametrize(("name", "text"), CORPUS, ids=[name for name, _ in CORPUS])
def test_fast_and_full_validators_agree(name: str, text: str) -> None:
    data = load_text(name, text).data
    fast = is_valid_fast(data)
    if fast is None:
        # Only values the compiled validator cannot convert may fall back; never a whole document type.
        assert "huge" in name, name
        return
    assert fast == _validator().is_valid(data), name


def test_corpus_has_both_outcomes() -> None:
    outcomes = {is_valid_fast(load_text(n, t).data) for n, t in CORPUS}
    assert {True, False} <= outcomes


def test_fast_path_is_installed() -> None:
    assert is_valid_fast({"version": 1, "organization": "C"}) is True


@pytest.mark.parametrize(("name", "text"), CORPUS, ids=[name for name, _ in CORPUS])
def test_plain_python_checker_agrees_with_jsonschema(name: str, text: str) -> None:
    data = load_text(name, text).data
    try:
        quick = is_valid(load_schema(), data)
    except Unsupported:
        return  # the caller asks the compiled validator instead
    assert quick == _validator().is_valid(data), name


def test_plain_python_checker_understands_our_whole_schema() -> None:
    """Every keyword the schema uses is implemented: no document falls back for the schema's sake."""
    judged = 0
    for name, text in CORPUS:
        data = load_text(name, text).data
        try:
            is_valid(load_schema(), data)
        except Unsupported as error:
            raise AssertionError(f"{name}: {error}") from None
        judged += 1
    assert judged == len(CORPUS)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 200) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
FABRIKAM = load_text("fabrikam", (REPO / "examples" / "fabrikam-enterprise.yaml").read_text(encoding="utf-8")).data
CONTOSO_2019 = load_text("northwind-2019", SECTION_9).data


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        found += _paths(child, (*prefix, key))
    return found


PATHS = _paths(FABRIKAM)
PATHS_2019 = _paths(CONTOSO_2019)
# Values that steer the 2007–SE conditions (cmdlet refusals, the generation) as well as arbitrary JSON.
STEERING = st.sampled_from(
    [True, False, "None", "Tls", ["None", "Tls"], ["Tls"], ["ExternalAuthoritative"], [], ["[10.0.0.1]"], 2019, "5.5"]
)


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    """Put `value` at `path` when an earlier change has not removed the way there."""
    node = data
    *way, last = path
    for key in way:
        if isinstance(node, dict) and isinstance(key, str):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            return
    if (isinstance(node, dict) and isinstance(last, str)) or (
        isinstance(node, list) and isinstance(last, int) and last < len(node)
    ):
        node[last] = value


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), JSON_VALUES), min_size=1, max_size=3))
def test_plain_python_checker_agrees_on_mutated_documents(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    """A real organization with values swapped for arbitrary JSON: both validators give one verdict."""
    data = copy.deepcopy(FABRIKAM)
    for path, value in changes:
        _set(data, path, value)
    assert is_valid(load_schema(), data) == _validator().is_valid(data)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS_2019), JSON_VALUES | STEERING), min_size=1, max_size=3))
def test_plain_python_checker_agrees_on_mutated_2007_se_documents(changes: list[tuple[tuple[Any, ...], Any]]) -> None:
    """DESIGN §9's organization with values swapped: both validators give one verdict, the compiled one too."""
    data = copy.deepcopy(CONTOSO_2019)
    for path, value in changes:
        _set(data, path, value)
    expected = _validator().is_valid(data)
    assert is_valid(load_schema(), data) == expected
    fast = is_valid_fast(data)
    assert fast is None or fast == expected
