"""Which files form the organizations, and which of them the run reports on."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from exchange_lint.config import CONFIG_FILES, Config, ConfigError
from exchange_lint.globs import matches

SUFFIXES = (".yaml", ".yml", ".json")
_SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


class UsageError(Exception):
    """Something the user asked for cannot be done; reported with exit code 2."""


class FileSet(NamedTuple):
    """`report`: the files findings are shown for; `context`: every file that forms an organization."""

    report: tuple[Path, ...]
    context: tuple[Path, ...]
    out_of_scope: tuple[Path, ...]


# Real paths already known, by absolute path: the walk learns every file's for free (a folder's
# real path and an entry that is no link), where asking the file system costs an lstat per path
# component, several times per file. Emptied by `select_files`, which starts each run.
_REAL: dict[str, str] = {}


def real_path(path: Path | str) -> str:
    """The absolute path with every symbolic link resolved; a link that loops stays as it is
    (the file is then reported as unreadable, with its own name)."""
    name = os.fspath(path)
    known = _REAL.get(name)
    if known is not None:
        return known
    # Joined, not normalised: `link/../x.yaml` is the `x.yaml` beside the link's target, which
    # `realpath` finds by resolving `link` before `..`; `abspath` would drop both first.
    absolute = name if os.path.isabs(name) else os.path.join(os.getcwd(), name)
    known = _REAL.get(absolute)
    if known is None:
        try:
            known = os.path.realpath(absolute)
        except (OSError, ValueError):
            known = absolute
        _REAL[absolute] = known
    return known


def _relative(path: Path, base: Path) -> str:
    """`path` relative to `base` with forward slashes; absolute when it lies outside."""
    real, root = real_path(path), real_path(base)
    if real == root:
        return "."
    if os.name != "nt" and real.startswith(root.rstrip("/") + "/"):
        return real[len(root.rstrip("/")) + 1 :]
    try:  # Windows compares paths without case: pathlib knows how
        return Path(real).relative_to(root).as_posix()
    except ValueError:
        return Path(real).as_posix()


def display_path(path: Path, cwd: Path) -> str:
    """How findings name a file: relative to the working directory where possible."""
    return _relative(path, cwd)


def root_relative(path: Path, config: Config) -> str:
    """How globs see a file: relative to the configuration's folder."""
    return _relative(path, config.root)


def in_scope(path: Path, config: Config) -> bool:
    """Config excludes apply to every file, named on the command line or not; include is strict."""
    relative = root_relative(path, config)
    if matches(relative, config.exclude):
        return False
    return not config.include or matches(relative, config.include)


def walk(folder: Path, config: Config) -> Iterator[Path]:
    """YAML/JSON files under `folder`, skipping hidden and tool folders and excluded ones, in the
    order `os.walk` gives, but from a stack of its own: `os.walk` recursed once a folder (before
    Python 3.12), and a tree 1,000 folders deep, which a pull request can hold, overflowed it."""
    pending = [(Path(real_path(folder)), root_relative(folder, config))]
    while pending:
        here, relative = pending.pop()
        try:
            with os.scandir(here) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:  # unreadable, vanished, or a path too long: skipped, as os.walk skips it
            continue
        below = []
        for entry in entries:
            if _is_folder(entry):
                inside = entry.name if relative == "." else f"{relative}/{entry.name}"
                if (
                    not entry.name.startswith(".")
                    and entry.name not in _SKIP_DIRS
                    and not entry.is_symlink()  # not followed, as by os.walk
                    and not matches(inside + "/", config.exclude)
                ):
                    below.append((here / entry.name, inside))
            elif entry.name.endswith(SUFFIXES) and entry.name not in CONFIG_FILES:
                if not entry.is_symlink():
                    _REAL[entry.path] = entry.path  # in a real folder, and no link itself
                yield Path(entry.path)
        pending.extend(reversed(below))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def select_files(paths: Sequence[str], config: Config) -> FileSet:
    """Expand the paths given (or the project root when none) into the files to lint."""
    _REAL.clear()
    named: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            named.extend(walk(path, config))
        elif path.is_file() or path.is_symlink():
            named.append(path)  # a broken or looping link is reported as unreadable, not as missing
        else:
            raise UsageError(f"no such file or directory: {raw}")
    if not paths:
        named = list(walk(config.root, config))
    report = tuple(dict.fromkeys(p for p in named if in_scope(p, config)))
    out = tuple(p for p in named if p not in report)
    context = list(report)
    # Named files (as pre-commit passes them) still see their whole organization: every file
    # `include` matches, or without one every file of the project (DESIGN §6).
    context_root = config.root if config.include else config.project
    if paths and context_root is not None:
        seen = {real_path(p) for p in report}
        context.extend(p for p in walk(context_root, config) if in_scope(p, config) and real_path(p) not in seen)
    if config.include:
        _check_include(config, context)
    return FileSet(report, tuple(context), out)


def _check_include(config: Config, files: Sequence[Path]) -> None:
    """Every `include` pattern matches some file the run sees: one that matches none (a typo, a
    folder moved away) left its files out, findings and all, and the run passed."""
    relative = [root_relative(path, config) for path in files]
    for pattern in config.include:
        if not any(matches(name, (pattern,)) for name in relative):
            raise ConfigError(
                f"{config.source}: 'include' pattern {pattern!r} matches no YAML/JSON file under {config.root}"
                " that is not excluded"
            )
