"""Collects rules from the `exchange_lint.rules` entry points: built-ins and plugins alike.

Plugins load only from installed distributions' metadata, never by importing from the linted
tree. A plugin that fails to load is an error, not silence.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

from exchange_lint.rules.api import Rule

GROUP = "exchange_lint.rules"
DISTRIBUTION = "exchange-lint"
# The same entry points pyproject.toml declares, for a source checkout that is not installed.
BUILTIN_ENTRY_POINTS = {
    "exchange-lint-files": "exchange_lint.rules.file_problems:RULES",
    "exchange-lint-msmail-smtp-without-gateway": "exchange_lint.generations.exchange40_55.rules.msmail_smtp_without_gateway:RULE",
    "exchange-lint-gateway-access-missing": "exchange_lint.generations.exchange40_55.rules.gateway_access_missing:RULE",
    "exchange-lint-references": "exchange_lint.generations.exchange40_55.rules.references:RULES",
    "exchange-lint-undeliverable-address-type": "exchange_lint.generations.exchange40_55.rules.undeliverable_address_type:RULE",
    "exchange-lint-ambiguous-route": "exchange_lint.generations.exchange40_55.rules.ambiguous_route:RULE",
    "exchange-lint-shadowed-address-space": "exchange_lint.generations.exchange40_55.rules.shadowed_address_space:RULE",
    "exchange-lint-routing-test-failed": "exchange_lint.generations.exchange40_55.rules.routing_test_failed:RULE",
    "exchange-lint-connector-routes": "exchange_lint.generations.exchange40_55.rules.connector_routes:RULES",
    "exchange-lint-address-syntax": "exchange_lint.generations.exchange40_55.rules.address_syntax:RULES",
    "exchange-lint-open-relay": "exchange_lint.generations.exchange40_55.rules.open_relay:RULE",
}
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


def load_rules() -> tuple[Rule, ...]:
    """Every rule, sorted by id; raises PluginError on a broken plugin or a duplicate id."""
    values = entry_point_values()
    for name, value in BUILTIN_ENTRY_POINTS.items():
        values.setdefault(name, (value, DISTRIBUTION))
    by_id: dict[str, tuple[Rule, str]] = {}
    for name, (value, distribution) in sorted(values.items()):
        source = f"{value} from {distribution}"
        try:
            with _without_working_directory():
                loaded = _load_object(value)
        except (Exception, SystemExit) as error:  # a plugin may fail in any way; report it, never crash
            raise PluginError(
                f"rule plugin {name!r} ({source}) failed to load: {type(error).__name__}: {error}"
            ) from error
        for rule in _as_rules(name, source, loaded):
            if rule.id in by_id:
                raise PluginError(f"rule id {rule.id} is defined twice: by {by_id[rule.id][1]} and by {source}")
            by_id[rule.id] = (rule, source)
    return tuple(rule for rule, _ in sorted(by_id.values(), key=lambda pair: pair[0].id))
