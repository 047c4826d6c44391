"""The compiled fast path (jsonschema-rs) and jsonschema agree on valid and invalid documents."""

from __future__ import annotations

import pytest

from exchange_lint.load import load_text
from exchange_lint.rules.registry import load_rules
from exchange_lint.schema import _validator, is_valid_fast
from tests.conftest import DATA, REPO
from tests.test_load import HOSTILE


def _corpus() -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((REPO / "examples").glob("*.yaml"))]
    texts += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(DATA.rglob("*.yaml"))]
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
