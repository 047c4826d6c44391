"""Check a SARIF log the way GitHub code scanning will read it; for tests only.

Three layers, each catching what the others miss:
  * Microsoft's SARIF Multitool 5.7.0 (npm `@microsoft/sarif-multitool-linux`), `validate` with
    the spec rules and the GitHub rule kind, plus a configuration that switches on GH1001-GH1007
    (GitHub's ingestion rules ship disabled) and raises SARIF2012 (rule metadata) to a warning;
  * the SARIF 2.1.0 JSON schema shipped in that package (the Multitool does not apply it);
  * our own checks no Multitool rule makes (GHX-*).

The Multitool is installed on first use. When it cannot be installed or run, `validate_sarif`
raises `ValidatorUnavailable`: a test that depends on it fails, it never silently passes.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.npm_install import npm_install

MULTITOOL_VERSION = "5.7.0"
MULTITOOL_PACKAGE = "@microsoft/sarif-multitool-linux"
RUN_TIMEOUT = 300  # seconds; a validation takes a couple of seconds, the first one a bit more

# GH1001-GH1007 are off unless a configuration enables them; SARIF2012 is a note by default.
_POLICY = """<?xml version="1.0" encoding="utf-8"?>
<Properties>
{}
</Properties>
"""
_ENABLED = {
    "GH1001.ProvideRequiredLocationProperties": "Error",
    "GH1002.InlineThreadFlowLocations": "Error",
    "GH1003.ProvideRequiredRegionProperties": "Error",
    "GH1004.ReviewArraysThatExceedConfigurableDefaults": "Error",
    "GH1005.LocationsMustBeRelativeUrisOrFilePaths": "Error",
    "GH1006.ProvideCheckoutPath": "Error",
    "GH1007.ProvideFullyFormattedMessageStrings": "Error",
    "SARIF2012.ProvideRuleProperties": "Warning",
}


class ValidatorUnavailable(RuntimeError):
    """The validator could not be installed or run: the check did not happen."""


def multitool_dir() -> Path:
    """Where the Multitool lives: $SARIF_MULTITOOL_DIR, else a cache folder of our own."""
    configured = os.environ.get("SARIF_MULTITOOL_DIR")
    if configured:
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "exchange-lint" / "sarif-multitool"


def _package_dir(base: Path) -> Path:
    return base / "node_modules" / MULTITOOL_PACKAGE


def _installed(package: Path) -> bool:
    try:
        manifest = json.loads((package / "package.json").read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return False
    return manifest.get("version") == MULTITOOL_VERSION and (package / "Sarif.Multitool").is_file()


def ensure_multitool() -> Path:
    """The Multitool's package folder, installing it once (a file lock keeps parallel runs apart)."""
    base = multitool_dir()
    package = _package_dir(base)
    if not _installed(package):
        base.mkdir(parents=True, exist_ok=True)
        with open(base / ".install.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not _installed(package):
                _npm_install(base)
            if not _installed(package):
                raise ValidatorUnavailable(f"npm ran but {package} holds no Multitool {MULTITOOL_VERSION}")
    binary = package / "Sarif.Multitool"
    mode = binary.stat().st_mode
    if not mode & stat.S_IXUSR:  # the package's postinstall does this unless scripts are off
        binary.chmod(mode | stat.S_IXUSR)
    return package


def _npm_install(base: Path) -> None:
    npm_install(
        base, f"{MULTITOOL_PACKAGE}@{MULTITOOL_VERSION}", "the SARIF Multitool", ValidatorUnavailable, RUN_TIMEOUT
    )


def _policy() -> str:
    entries = "\n".join(
        f'  <Properties Key="{rule}.Options"><Property Key="RuleEnabled" Value="{level}" /></Properties>'
        for rule, level in _ENABLED.items()
    )
    return _POLICY.format(entries)


def _multitool_log(package: Path, sarif: Path) -> dict[str, Any]:
    """Run `Sarif.Multitool validate` on `sarif` and return its own SARIF output log."""
    with tempfile.TemporaryDirectory(prefix="sarif-validate-") as scratch:
        policy = Path(scratch) / "github.config.xml"
        policy.write_text(_policy(), encoding="utf-8")
        output = Path(scratch) / "out.sarif"
        command = [
            str(package / "Sarif.Multitool"),
            "validate",
            str(sarif),
            "--output",
            str(output),
            "--log",
            "ForceOverwrite",
            "--config",
            str(policy),
            "--rule-kind",
            "Sarif;Ghas",
            "--level",
            "Error;Warning",
        ]
        env = {**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False, env=env)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise ValidatorUnavailable(f"the SARIF Multitool did not run: {error}") from error
        if not output.is_file() or output.stat().st_size == 0:
            raise ValidatorUnavailable(
                f"the SARIF Multitool wrote no log (exit {done.returncode}):\n{done.stdout}{done.stderr}"
            )
        log: dict[str, Any] = json.loads(output.read_text(encoding="utf-8-sig"))
        return log


def _message_text(result: dict[str, Any], rules: dict[str, Any]) -> str:
    """A Multitool result's text: given, or its rule's message string filled with the arguments."""
    message = result.get("message") or {}
    if message.get("text"):
        return str(message["text"])
    strings = (rules.get(str(result.get("ruleId"))) or {}).get("messageStrings") or {}
    template = (strings.get(message.get("id")) or {}).get("text")
    arguments = message.get("arguments") or []
    if not template:
        return f"{message.get('id')} {arguments}"
    try:
        return str(template).format(*arguments)
    except (IndexError, KeyError, ValueError):
        return f"{template} {arguments}"


def _multitool_problems(log: dict[str, Any]) -> Iterator[str]:
    for run in log.get("runs") or []:
        rules = {str(rule.get("id")): rule for rule in (run.get("tool") or {}).get("driver", {}).get("rules") or []}
        for result in run.get("results") or []:
            level = result.get("level", "warning")
            if level not in ("error", "warning"):
                continue
            where = ""
            for location in result.get("locations") or []:
                region = (location.get("physicalLocation") or {}).get("region") or {}
                if region.get("startLine"):
                    where = f"line {region['startLine']}:{region.get('startColumn', 1)}: "
                    break
            yield f"{level} {result.get('ruleId')}: {where}{_message_text(result, rules)}"
        for invocation in run.get("invocations") or []:
            notes = (invocation.get("toolExecutionNotifications") or []) + (
                invocation.get("toolConfigurationNotifications") or []
            )
            for note in notes:
                if note.get("level", "warning") == "error":
                    yield f"error validator: {(note.get('message') or {}).get('text', '')}"
            if invocation.get("executionSuccessful") is False and not notes:
                yield "error validator: the Multitool's execution was not successful"


def _schema_problems(document: Any, schema_path: Path) -> list[str]:
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8-sig"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(document), key=lambda error: [str(part) for part in error.absolute_path])
    return [
        f"error SCHEMA: {'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        for error in errors
    ]


def _is_absolute_path(uri: str) -> bool:
    return uri.startswith("/") or re.match(r"[A-Za-z]:[\\/]", uri) is not None


def _project_problems(document: dict[str, Any]) -> Iterator[str]:
    """What GitHub needs that no Multitool rule checks."""
    for run_number, run in enumerate(document.get("runs") or []):
        rules = ((run.get("tool") or {}).get("driver") or {}).get("rules") or []
        ids = [rule.get("id") for rule in rules]
        for duplicate in sorted({rule_id for rule_id in ids if ids.count(rule_id) > 1}):
            yield f"error GHX-rules: runs[{run_number}]: rule id {duplicate!r} appears more than once"
        for rule in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                if key in rule and not str(rule[key].get("text") or "").strip():
                    yield f"error GHX-rules: runs[{run_number}]: rule {rule.get('id')}: empty {key}.text"
            if len((rule.get("properties") or {}).get("tags") or []) > 10:
                yield f"error GHX-rules: runs[{run_number}]: rule {rule.get('id')}: more than 10 tags"
        for number, result in enumerate(run.get("results") or []):
            where = f"runs[{run_number}].results[{number}] ({result.get('ruleId')})"
            message = result.get("message") or {}
            if "text" in message and not str(message["text"]).strip():
                yield f"error GHX-message: {where}: empty message text"
            if not result.get("partialFingerprints"):
                yield f"error GHX-fingerprint: {where}: no partialFingerprints"
            for location in (result.get("locations") or []) + (result.get("relatedLocations") or []):
                artifact = (location.get("physicalLocation") or {}).get("artifactLocation") or {}
                uri = str(artifact.get("uri", ""))
                if _is_absolute_path(uri):
                    yield f"error GHX-uri: {where}: absolute path {uri!r} instead of a repo-relative URI"


def validate_sarif(path: Path) -> list[str]:
    """Every problem GitHub code scanning (or the SARIF spec) has with the log at `path`; [] if none.

    Notes are not counted. Raises `ValidatorUnavailable` if the validation could not run.
    """
    package = ensure_multitool()
    problems = list(_multitool_problems(_multitool_log(package, path)))
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return problems  # not JSON at all: the Multitool has said so
    schema_problems = _schema_problems(document, package / "sarif-2.1.0.json")
    problems += schema_problems
    if not schema_problems:
        problems += _project_problems(document)
    return problems
