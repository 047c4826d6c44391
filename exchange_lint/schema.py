"""Validate documents against the connector schema; each violation becomes a finding at its node.

jsonschema is imported only here and only when a document is validated: its import alone costs
more than ruamel.yaml's (DESIGN §8).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exchange_lint.findings import Location, Region
from exchange_lint.load import Document, NodePath

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

SCHEMA_NAME = "exchange-connectors.schema.json"
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def schema_path() -> Path:
    """The schema shipped inside the package; in a source checkout, the top-level `schemas/` copy."""
    packaged = Path(__file__).parent / "schemas" / SCHEMA_NAME
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "schemas" / SCHEMA_NAME


def schema_text() -> str:
    return schema_path().read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text())
    return schema


@lru_cache(maxsize=1)
def _validator() -> Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_schema())


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    """The compiled validator (jsonschema-rs) accepts valid documents without importing jsonschema."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.validator_for(load_schema())


def is_valid_quick(data: Any, compiled: bool) -> bool | None:
    """Valid or not without jsonschema: in plain Python for a run that validates little (the
    compiled validator's import would cost more than the check), else compiled; None when neither
    can judge `data`."""
    if not compiled:
        from exchange_lint.schema_check import Unsupported, is_valid

        try:
            return is_valid(load_schema(), data)
        except Unsupported:
            pass
    return is_valid_fast(data)


def is_valid_fast(data: Any) -> bool | None:
    """True/False from the compiled validator; None when it is not installed or cannot judge `data`."""
    fast = _fast_validator()
    if fast is None:
        return None
    try:
        return bool(fast.is_valid(data))
    except Exception:  # a value it cannot convert (huge int, NaN): let jsonschema judge
        return None


def describe_path(data: Any, path: NodePath) -> str:
    """`connectors[1] (MS Mail Connector) › address_spaces[0] › cost`: the path a person reads."""
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            label = f"[{step}]"
            child = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(child, dict) and isinstance(child.get("name"), str):
                label += f" ({child['name']})"
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
            node = child
        else:
            parts.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    return " › ".join(parts) if parts else "document"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return "mapping"


def _quote_hint(error: ValidationError) -> str:
    """A number where text belongs is usually a name YAML read as a number: quote it."""
    expected = error.validator_value
    wanted = expected if isinstance(expected, list) else [expected]
    if error.validator == "type" and wanted == ["string"] and isinstance(error.instance, (int, float)):
        return f'quote it: "{error.instance}"'
    return ""


def _closest_key(error: ValidationError, key: str) -> str:
    """`did you mean 'address_spaces'?` for a misspelt field, from the fields allowed there."""
    known = list(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
    from difflib import get_close_matches

    found = get_close_matches(key, known, n=1)
    return f"did you mean {found[0]!r}?" if found else ""


def _explain(error: ValidationError) -> str:
    """What was expected and what was found, in words rather than jsonschema's repr."""
    custom = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None
    value = error.instance
    if isinstance(custom, str):
        return f"{custom} (got {_short(value)})"
    kind = error.validator
    expected: Any = error.validator_value
    if kind == "type":
        wanted = " or ".join(expected) if isinstance(expected, list) else str(expected)
        wanted = wanted.replace("object", "mapping").replace("array", "list")
        return f"expected {wanted}, got {_type_name(value)} {_short(value)}"
    if kind == "enum":
        return f"expected one of {', '.join(_short(v) for v in expected)}; got {_short(value)}"
    if kind == "const":
        return f"expected {_short(expected)}, got {_short(value)}"
    if kind == "minimum":
        return f"expected at least {expected}, got {_short(value)}"
    if kind == "maximum":
        return f"expected at most {expected}, got {_short(value)}"
    if kind == "minLength":
        return "must not be empty" if expected == 1 else f"expected at least {expected} characters, got {_short(value)}"
    if kind == "maxLength":
        return f"expected at most {expected} characters, got {_short(value)}"
    if kind == "pattern":
        return f"{_short(value)} does not match the expected form {expected}"
    return error.message


def _unexpected_keys(error: ValidationError) -> list[str]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "additionalProperties" and isinstance(error.schema, dict):
        known = set(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        return [k for k in instance if k not in known and not any(p.search(k) for p in patterns)]
    named = [m.group(1) for m in _QUOTED.finditer(error.message)]
    return [k for k in named if k in instance] or list(instance)[:1]


def _is_prohibition(error: ValidationError) -> bool:
    """`{"enum": [], "errorMessage": ...}`: a key the schema forbids here, with the reason (a kind or a
    generation that does not take it, a combination a cmdlet refuses). Editors show that message;
    a `not` subschema would make them say only "Matches a schema that is not allowed."."""
    return error.validator == "enum" and error.validator_value == [] and isinstance(_custom(error), str)


def _custom(error: ValidationError) -> Any:
    return error.schema.get("errorMessage") if isinstance(error.schema, dict) else None


def _leaf_errors(error: ValidationError) -> Iterator[ValidationError]:
    """Summarise combinators by their best-matching branch instead of dumping every branch; a
    combinator with its own message (a choice among documented values) says it itself."""
    if error.validator in ("oneOf", "anyOf") and error.context and not isinstance(_custom(error), str):
        from jsonschema.exceptions import best_match

        best = best_match([error])
        if best is not None and best is not error:
            yield from _leaf_errors(best)
            return
    yield error


def validate(document: Document, compiled: bool = True) -> Iterator[tuple[str, Location, str]]:
    """(message, location, hint) for every schema violation in the document, in document order.
    `compiled` is false when the run validates so little that plain Python checks it faster."""
    if is_valid_quick(document.data, compiled):
        return
    errors = sorted(_validator().iter_errors(document.data), key=lambda e: [str(p) for p in e.absolute_path])
    mistyped = {tuple(e.absolute_path) for e in errors if e.validator == "type"}
    for top in errors:
        for error in _leaf_errors(top):
            path: NodePath = tuple(error.absolute_path)
            if path in mistyped and error.validator != "type":
                continue  # a value of the wrong type: that one message says it all
            where = describe_path(document.data, path)
            if error.validator in ("additionalProperties", "unevaluatedProperties"):
                for key in _unexpected_keys(error):
                    key_path = (*path, key)
                    span = document.span(key_path)
                    region = span.key or span.value
                    yield (
                        f"{where}: unknown field {key!r} (not allowed here)",
                        Location(document.path, region, document.anchor(key_path, "unknown")),
                        _closest_key(error, key),
                    )
                continue
            if error.validator == "false" or error.schema is False:
                span = document.span(path)
                parent_where = describe_path(document.data, path[:-1])
                yield (
                    f"{parent_where}: field {path[-1]!r} is not allowed here" if path else f"{where}: not allowed here",
                    Location(document.path, span.key or span.value, document.anchor(path, "not-allowed")),
                    "",
                )
                continue
            span = document.span(path)
            custom = _custom(error)
            if _is_prohibition(error) or (error.validator == "not" and isinstance(custom, str)):
                # A top-level key of another generation: the message names the key and both generations.
                parent_where = f"{describe_path(document.data, path[:-1])}: " if len(path) > 1 else ""
                yield (
                    f"{parent_where}{custom}",
                    Location(document.path, span.key or span.value, document.anchor(path, "not-allowed-here")),
                    "",
                )
                continue
            if error.validator == "required":
                region = span.key or Region.point(span.value.start_line, span.value.start_column)
                missing = _QUOTED.search(error.message)
                name = missing.group(1) if missing else error.message
                yield (
                    f"{where}: missing required field {name!r}",
                    Location(document.path, region, document.anchor(path, f"required:{name}")),
                    "",
                )
                continue
            yield (
                f"{where}: {_explain(error)}",
                Location(document.path, span.value, document.anchor(path, str(error.validator))),
                _quote_hint(error),
            )
