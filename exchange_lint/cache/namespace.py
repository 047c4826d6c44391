"""The namespace of a cache: a digest of everything a cached entry depends on besides the file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from exchange_lint.cache.seal import FORMAT, digest


def namespace(config: Any, rule_sources: Iterable[str]) -> str:
    """A digest of what a cached entry depends on besides the file: the cache format, Python,
    the linter's own files (an edited checkout counts), every installed distribution (ruamel.yaml,
    jsonschema, rule plugins), the rules and the configuration."""
    package = Path(__file__).parent.parent
    own = sorted(_file_statuses(package))
    # A source checkout reads the schema from the top-level `schemas/`, outside the package: an
    # edited schema must not reuse schema findings kept for the old one.
    from exchange_lint.schema import schema_path

    schema = schema_path()
    try:
        status = schema.stat()
        own.append((str(schema), status.st_size, status.st_mtime_ns))
    except OSError:
        pass
    distributions = sorted(_distributions())
    described = repr((FORMAT, sys.version, own, distributions, sorted(rule_sources), tuple(config)))
    return f"v{FORMAT}-{digest(described.encode('utf-8', 'surrogateescape'))}"


def _file_statuses(folder: Path) -> Iterable[tuple[str, int, int]]:
    """(name, size, modification time) of every file of the package, sub-packages included."""
    pending = [folder]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as entries:
                for entry in entries:
                    if entry.name == "__pycache__":
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
                    else:
                        status = entry.stat()
                        yield os.path.relpath(entry.path, folder), status.st_size, status.st_mtime_ns
        except OSError:
            continue


def _distributions() -> Iterable[str]:
    """The metadata folder names (`name-version.dist-info`) of everything importable."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        yield from (name for name in names if name.endswith((".dist-info", ".egg-info")))
