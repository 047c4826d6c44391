"""Find and read the project configuration: `[tool.exchange-lint]` or `.exchange-lint.yaml`.

Searched upward from the working directory, stopping at the repository root (a `.git`).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from exchange_lint.findings import Severity

CONFIG_FILES = ("pyproject.toml", ".exchange-lint.yaml", ".exchange-lint.yml")
KNOWN_KEYS = frozenset(
    {
        "include",
        "exclude",
        "select",
        "ignore",
        "severity",
        "per-file-ignores",
        "fail-level",
        "max-file-size",
        "suppression-reason-required",
        "baseline",
        "rule-time-budget",
        "cache-dir",
        "profile",
    }
)


class ConfigError(Exception):
    """The configuration cannot be used; reported as a usage error (exit 2)."""


DEFAULT_RULE_TIME_BUDGET = 60.0  # seconds


class Config(NamedTuple):
    """Settings after discovery.

    `root` is where globs are resolved from; `project` is the folder whose files can form an
    organization (the config's folder, else the git repository root; None outside any project).
    """

    root: Path
    source: Path | None = None
    project: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = MappingProxyType({})
    per_file_ignores: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    fail_level: Severity = Severity.WARNING
    max_file_size: int = 10 * 1024 * 1024
    suppression_reason_required: bool = True
    baseline: Path | None = None  # relative paths are resolved from the config's folder
    rule_time_budget: float = DEFAULT_RULE_TIME_BUDGET  # seconds one rule may take on one organization (EXL901 past it)
    cache_dir: Path | None = None  # None: `.exchange-lint-cache` in the project (`cache_folder`)
    profile: tuple[str, ...] = ()  # benchmark profiles (`rules.api.PROFILES`) whose opinion rules are on

    def cache_folder(self) -> Path:
        """Where `check` keeps its cache: `cache-dir`, else `.exchange-lint-cache` in the project
        (or, outside any project, in the folder the run started from)."""
        from exchange_lint.cache import FOLDER

        return self.cache_dir or (self.project or self.root) / FOLDER


def _strings(value: Any, what: str, source: Path) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: {what} must be a list of strings")
    return tuple(value)


def _glob(pattern: str, what: str, source: Path) -> str:
    """A glob that names something: an empty one (or only `/`, `./`) matched every folder, so that
    `exclude = [""]` left nothing to lint and the run passed."""
    if not pattern.strip().removeprefix("./").strip("/"):
        raise ConfigError(f"{source}: {what} has an empty pattern {pattern!r}")
    return pattern


def _severity(value: Any, what: str, source: Path) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise ConfigError(f"{source}: {what} must be one of error, warning, note; got {value!r}") from None


def parse(raw: Mapping[str, Any], root: Path, source: Path) -> Config:
    unknown = sorted(set(raw) - KNOWN_KEYS)
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(KNOWN_KEYS))}")
    severity_raw = raw.get("severity", {})
    per_file_raw = raw.get("per-file-ignores", {})
    if not isinstance(severity_raw, dict) or not isinstance(per_file_raw, dict):
        raise ConfigError(f"{source}: 'severity' and 'per-file-ignores' must be tables/mappings")
    per_file = {}
    for pattern, ids in per_file_raw.items():
        per_file[_glob(str(pattern), "'per-file-ignores'", source)] = _strings(
            ids, f"'per-file-ignores' of {str(pattern)!r}", source
        )
    max_size = raw.get("max-file-size", Config._field_defaults["max_file_size"])
    if not isinstance(max_size, int) or isinstance(max_size, bool) or max_size < 1:
        raise ConfigError(f"{source}: 'max-file-size' must be a positive number of bytes")
    budget = raw.get("rule-time-budget", DEFAULT_RULE_TIME_BUDGET)
    if not isinstance(budget, (int, float)) or isinstance(budget, bool) or not 0 < budget <= 86_400:
        raise ConfigError(f"{source}: 'rule-time-budget' must be a number of seconds, above 0 and at most 86400")
    return Config(
        root=root,
        source=source,
        project=root,
        include=tuple(
            _glob(glob, "'include'", source) for glob in _strings(raw.get("include", []), "'include'", source)
        ),
        exclude=tuple(
            _glob(glob, "'exclude'", source) for glob in _strings(raw.get("exclude", []), "'exclude'", source)
        ),
        select=_strings(raw.get("select", []), "'select'", source),
        ignore=_strings(raw.get("ignore", []), "'ignore'", source),
        severity={str(k): _severity(v, f"severity of {k}", source) for k, v in severity_raw.items()},
        per_file_ignores=per_file,
        fail_level=_severity(raw.get("fail-level", "warning"), "'fail-level'", source),
        max_file_size=max_size,
        suppression_reason_required=_flag(raw, "suppression-reason-required", True, source),
        baseline=_baseline(raw, root, source),
        rule_time_budget=float(budget),
        cache_dir=_folder(raw, "cache-dir", root, source),
        profile=_profiles(raw, source),
    )


def _profiles(raw: Mapping[str, Any], source: Path) -> tuple[str, ...]:
    """`profile = ["cis"]`: a misspelt benchmark would leave its rules silently off."""
    from exchange_lint.rules.api import PROFILES

    value = raw.get("profile", [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: 'profile' must be a list of profile names ({', '.join(PROFILES)})")
    unknown = [item for item in value if item not in PROFILES]
    if unknown:
        raise ConfigError(
            f"{source}: 'profile': unknown profile(s) {', '.join(map(repr, unknown))}; known: {', '.join(PROFILES)}"
        )
    return tuple(dict.fromkeys(value))


def _baseline(raw: Mapping[str, Any], root: Path, source: Path) -> Path | None:
    value = raw.get("baseline")
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{source}: 'baseline' must be a file path")
    return root / value


def _folder(raw: Mapping[str, Any], key: str, root: Path, source: Path) -> Path | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{source}: {key!r} must be a folder path")
    return root / value


def _flag(raw: Mapping[str, Any], key: str, default: bool, source: Path) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: {key!r} must be true or false")
    return value


def _read_pyproject(path: Path) -> Mapping[str, Any] | None:
    from exchange_lint.load import MAX_FILE_BYTES
    from exchange_lint.read import Unreadable, read_regular_file

    try:
        text = read_regular_file(path, MAX_FILE_BYTES).decode("utf-8")
    except (Unreadable, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    if "exchange-lint" not in text:
        return None  # no section of ours: not worth importing a TOML parser on every commit
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    except RecursionError:  # tomllib recurses once a level of nested arrays or tables
        raise ConfigError(f"{path}: cannot read: nested too deeply") from None
    section = data.get("tool", {}).get("exchange-lint")
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.exchange-lint] must be a table")
    return section


def _read_yaml(path: Path) -> Mapping[str, Any]:
    from exchange_lint.load import load_file

    document = load_file(path, str(path))
    if document.problems:
        problem = document.problems[0]
        raise ConfigError(f"{path}:{problem.region.start_line}:{problem.region.start_column}: {problem.message}")
    if document.data is None:
        return {}
    if not isinstance(document.data, dict):
        raise ConfigError(f"{path}: must be a mapping of settings")
    return document.data


def discover(start: Path) -> Config:
    """The first configuration found from `start` upward; defaults rooted at `start` otherwise."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            raw = _read_pyproject(candidate) if name == "pyproject.toml" else _read_yaml(candidate)
            if raw is not None:
                return parse(raw, folder, candidate)
        if (folder / ".git").exists():
            return Config(root=start, project=folder)
    return Config(root=start)
