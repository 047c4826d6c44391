"""Collects the rules: the built-in rule modules, then plugins from `exchange_lint.rules` entry points.

A built-in rule is a module defining `RULE` in `exchange_lint/rules/` (rules about files, every
generation, and rules several generations share) or in a generation's `rules/` package: adding one
is adding that file. A shared rule's per-generation half re-exports its `RULE` (one object, listed
once, where the generation-free package defines it). Plugins load
only from installed distributions' metadata, never by importing from the linted tree; they use
the same `Rule` API. A plugin that fails to load is an error, not silence.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

from exchange_lint.generation import EVERY, GENERATIONS
from exchange_lint.rules.api import PROFILES, Rule

GROUP = "exchange_lint.rules"
DISTRIBUTION = "exchange-lint"
_RULE_ID = re.compile(r"^[A-Z]{2,10}[0-9]{3,4}$")


class PluginError(Exception):
    """A rule plugin could not be loaded or is not a valid rule."""


def _load_object(value: str) -> object:
    module_name, _, attribute = value.partition(":")
    target: object = import_module(module_name)
    for part in attribute.split(".") if attribute else ():
        target = getattr(target, part)
    return target


def _as_rules(name: str, source: str, loaded: object) -> list[Rule]:
    items: Iterable[object] = loaded if isinstance(loaded, (list, tuple)) else (loaded,)
    rules = []
    for item in items:
        if not isinstance(item, Rule):
            raise PluginError(f"entry point {name!r} ({source}) gave {type(item).__name__}, not an exchange_lint Rule")
        if not _RULE_ID.match(item.id):
            raise PluginError(f"entry point {name!r} ({source}): rule id {item.id!r} is not like 'EXL123'")
        rules.append(item)
    return rules


@contextmanager
def _without_working_directory() -> Iterator[None]:
    """`python -m` puts the working directory (the linted tree) on sys.path; plugins never load from it."""
    saved = list(sys.path)
    here = os.getcwd()
    sys.path[:] = [p for p in sys.path if p not in ("", ".") and os.path.abspath(p) != here]
    try:
        yield
    finally:
        sys.path[:] = saved


def _metadata_folders() -> Iterator[Path]:
    """Every installed distribution's metadata folder, first on sys.path wins (as importlib.metadata).

    Scanning for `entry_points.txt` directly costs a fraction of importing importlib.metadata, which
    a pre-commit hook pays on every commit. The working directory (the linted tree) is not scanned.
    """
    here = os.getcwd()
    seen: set[str] = set()
    for entry in sys.path:
        if entry in ("", ".") or os.path.abspath(entry) == here:
            continue
        try:
            names = sorted(os.listdir(entry))
        except OSError:  # a zip file or a missing folder
            continue
        for name in names:
            stem, dot, suffix = name.rpartition(".")
            if not dot or suffix not in ("dist-info", "egg-info"):
                continue
            project = re.sub(r"[-_.]+", "_", stem.split("-")[0]).lower()
            if project not in seen:
                seen.add(project)
                yield Path(entry, name)


def _distribution_name(folder: Path) -> str:
    for metadata in ("METADATA", "PKG-INFO"):
        try:
            with open(folder / metadata, encoding="utf-8") as lines:
                for line in lines:
                    if line.startswith("Name:"):
                        return line[5:].strip()
                    if not line.strip():
                        break
        except OSError:
            continue
    return folder.name.split("-")[0]


def _group_entries(text: str) -> Iterator[tuple[str, str]]:
    """(name, value) of the `exchange_lint.rules` section of an entry_points.txt."""
    in_group = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            in_group = line == f"[{GROUP}]"
        elif in_group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def entry_point_values() -> dict[str, tuple[str, str]]:
    """name -> (value, distribution) of every installed rule entry point, built-ins included."""
    found: dict[str, tuple[str, str]] = {}
    for folder in _metadata_folders():
        try:
            text = (folder / "entry_points.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        entries = list(_group_entries(text))
        if entries:
            distribution = _distribution_name(folder)
            for name, value in entries:
                found.setdefault(name, (value, distribution))
    return found


def builtin_rule_packages() -> tuple[str, ...]:
    """The packages whose modules are the built-in rules: the generation-free ones, then each generation's."""
    return ("exchange_lint.rules", *(f"{generation.package}.rules" for generation in GENERATIONS))


def builtin_rules() -> Iterator[tuple[str, Rule]]:
    """(module, rule) for every module of the built-in rule packages that defines `RULE`.

    The folders are listed directly (the modules are plain files in an installed package), which
    costs less than `pkgutil` at every start. A rule re-exported by a generation's half of a shared
    rule (the same object) is listed once, under the module that comes first: the shared one."""
    listed: set[int] = set()
    for package in builtin_rule_packages():
        folder = import_module(package).__path__[0]
        for filename in sorted(os.listdir(folder)):
            if not filename.endswith(".py") or filename.startswith("_"):
                continue
            module = import_module(f"{package}.{filename[:-3]}")
            rule = getattr(module, "RULE", None)
            if isinstance(rule, Rule) and id(rule) not in listed:
                listed.add(id(rule))
                yield module.__name__, rule


def load_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by id; raises PluginError on a broken plugin, a duplicate id or a rule for
    a generation nobody knows."""
    by_id: dict[str, tuple[Rule, str]] = {}
    for module, rule in builtin_rules():
        _add(by_id, rule, f"{module} from {DISTRIBUTION}")
    for name, (value, distribution) in sorted(entry_point_values().items()):
        source = f"{value} from {distribution}"
        try:
            with _without_working_directory():
                loaded = _load_object(value)
        except (Exception, SystemExit) as error:  # a plugin may fail in any way; report it, never crash
            raise PluginError(
                f"rule plugin {name!r} ({source}) failed to load: {type(error).__name__}: {error}"
            ) from error
        for rule in _as_rules(name, source, loaded):
            _add(by_id, rule, source)
    return tuple(rule for rule, _ in sorted(by_id.values(), key=lambda pair: pair[0].id))


def _add(by_id: dict[str, tuple[Rule, str]], rule: Rule, source: str) -> None:
    if rule.id in by_id:
        raise PluginError(f"rule id {rule.id} is defined twice: by {by_id[rule.id][1]} and by {source}")
    known = {EVERY, *(generation.id for generation in GENERATIONS)}
    unknown = [name for name in rule.generations if name not in known]
    if unknown or not rule.generations:
        raise PluginError(
            f"rule {rule.id} ({source}) is for generation(s) {', '.join(map(repr, unknown)) or 'none'}; "
            f"known: {', '.join(sorted(known))}"
        )
    strange = [profile for profile in rule.profiles if profile not in PROFILES]
    if strange:
        raise PluginError(
            f"rule {rule.id} ({source}) is for profile(s) {', '.join(map(repr, strange))}; known: {', '.join(PROFILES)}"
        )
    by_id[rule.id] = (rule, source)
