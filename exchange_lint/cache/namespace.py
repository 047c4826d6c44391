"""The namespace of a cache: a digest of everything a cached entry depends on besides the file."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from exchange_lint.cache.seal import FORMAT, digest

# Where the configuration was found and where it points: not what a cached entry depends on, and
# without a config file `root` is the working directory, so every folder a run starts from would
# evict the others' caches.
_PLACES = frozenset({"root", "source", "project", "cache_dir", "baseline"})


def namespace(config: Any, rule_sources: Iterable[str]) -> str:
    """A digest of what a cached entry depends on besides the file: the cache format, Python,
    the linter's own files and schema (an edited checkout counts), every installed distribution
    (ruamel.yaml, jsonschema, rule plugins), the rules and the configuration's settings."""
    from exchange_lint.schema import schema_path

    package = Path(__file__).parent.parent
    own = sorted(_file_statuses(package))
    schema = _status_of(schema_path())
    distributions = sorted(_distributions())
    settings = [(field, value) for field, value in zip(config._fields, config, strict=True) if field not in _PLACES]
    described = repr((FORMAT, sys.version, own, schema, distributions, sorted(rule_sources), settings))
    return f"v{FORMAT}-{digest(described.encode('utf-8', 'surrogateescape'))}"


def _status_of(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


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
    """The metadata folder names (`name-version.dist-info`) of everything importable (not the
    working directory's: `python -m` puts it on the path, and plugins never load from there)."""
    here = os.getcwd()
    for entry in sys.path:
        if entry in ("", ".") or os.path.abspath(entry) == here:
            continue
        try:
            names = os.listdir(entry)
        except OSError:
            continue
        yield from (name for name in names if name.endswith((".dist-info", ".egg-info")))
