"""Which files a run must read, and their documents, with the cache's help (`exchange_lint.cache`).

A run reports on some files, but a routing finding needs each of their organizations whole: the
other files of the project matter only when they belong to one of those organizations. The
cache tells a file's organization from its unchanged status or its content, so only the files
of reported organizations are parsed (or taken from the cache), and the rest are not read at all.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import NamedTuple

from exchange_lint.cache.store import Cache
from exchange_lint.generation import organization_key
from exchange_lint.load import Document, load_bytes, read_source


class Gathered(NamedTuple):
    """The documents that matter, and the organizations of the files left out (the parallel run
    checks with them that no organization was split between its workers)."""

    documents: dict[str, Document]
    elsewhere: frozenset[str]


def gather(paths: Iterable[tuple[str, Path]], report: Collection[str], max_bytes: int, cache: Cache) -> Gathered:
    """(display path, path) of the files that form organizations, to the documents of those that
    matter: every reported file, and the files of their organizations (in the order given)."""
    wanted = dict(paths)
    documents: dict[str, Document] = {}
    elsewhere: set[str] = set()
    for display in (display for display in wanted if display in report):
        documents[display] = load(cache, wanted[display], display, max_bytes)
    organizations = {organization_key(document.data) for document in documents.values()} - {None}
    for display, path in wanted.items():
        if display in documents:
            continue
        absolute = os.path.abspath(path)
        try:
            status = os.stat(path)
        except OSError:
            continue  # unreadable and not reported: part of no organization
        key = cache.key_by_status(absolute, status)
        if key is not None:
            noted, organization = cache.organization(key)
            if noted and organization not in organizations:
                cache.passed(key, absolute, status)
                if organization is not None:
                    elsewhere.add(organization)
                continue
        document = load(cache, path, display, max_bytes, status)
        organization = organization_key(document.data)
        if organization in organizations:
            documents[display] = document
        elif organization is not None:
            elsewhere.add(organization)
    kept = {display: documents[display] for display in wanted if display in documents}
    return Gathered(kept, frozenset(elsewhere))


def unknown(paths: Iterable[Path], cache: Cache) -> int:
    """How many of the files the cache cannot place without reading them."""
    count = 0
    for path in paths:
        try:
            status = os.stat(path)
        except OSError:
            continue
        key = cache.key_by_status(os.path.abspath(path), status)
        if key is None or not cache.organization(key)[0]:
            count += 1
    return count


def load(cache: Cache, path: Path, display: str, max_bytes: int, status: os.stat_result | None = None) -> Document:
    """The file's document: loaded already in this process, kept by the cache, or parsed (and noted)."""
    document = cache.loaded.get(display)
    if document is not None:
        return document
    if status is None:
        try:
            status = os.stat(path)
        except OSError:
            status = None
    raw = read_source(path, display, max_bytes)
    if isinstance(raw, Document):  # unreadable, too large: the document says why
        if status is not None:
            cache.unreadable(os.path.abspath(path), status)
        return raw
    key = cache.key_of(raw)
    document = cache.document(key, display, raw) or load_bytes(display, raw)
    cache.noted(key, display, document, os.path.abspath(path), status)
    cache.loaded[display] = document
    return document
