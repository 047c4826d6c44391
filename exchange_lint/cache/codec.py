"""A parsed document as plain values (what the cache keeps) and back."""

from __future__ import annotations

from typing import Any

from exchange_lint.findings import Region, Removal
from exchange_lint.load import Document, LoadProblem, Span, content_digest, decode

_NO_KEY = ()


def encoded(document: Document) -> tuple[Any, ...]:
    """The document as plain values: data, spans as flat tuples in document order, load problems."""
    spans = [(path, *span.value, *(span.key or _NO_KEY)) for path, span in document.spans.items()]
    problems = [
        (
            problem.rule_id,
            problem.message,
            tuple(problem.region),
            None
            if problem.fix is None
            else (problem.fix.description, tuple(problem.fix.start), tuple(problem.fix.end), problem.fix.path),
            problem.path,
            problem.detail,
            problem.hint,
        )
        for problem in document.problems
    ]
    return (document.data, spans, problems, [tuple(region) for region in document.shared])


def decoded(display: str, raw: bytes, encoded: tuple[Any, ...]) -> Document:
    """The document `encoded` described, with its lines from the file's own bytes."""
    data, spans, problems, shared = encoded
    text, problem = decode(raw)
    if text is None or problem is not None:
        raise ValueError("the file no longer decodes")
    make = Region._make
    document = Document(
        display,
        data,
        {entry[0]: Span(make(entry[1:5]), make(entry[5:9]) if len(entry) > 5 else None) for entry in spans},
        text.splitlines(),
    )
    for rule_id, message, region, fix, path, detail, hint in problems:
        removal = None if fix is None else Removal(fix[0], make(fix[1]), make(fix[2]), fix[3])
        document.problems.append(LoadProblem(rule_id, message, make(region), removal, path, detail, hint))
    document.shared = [make(region) for region in shared]
    document.digest = content_digest(raw)
    return document
