"""Whether a document is valid, in plain Python, for the JSON Schema keywords our schema uses.

A commit hook checks one small file: importing a compiled validator (jsonschema-rs, which pulls
in `email`, `socket` and `decimal`) would cost more than checking the file itself. This checker
answers valid or invalid for small documents; a keyword it does not know raises `Unsupported`,
and the caller asks a full validator instead. Errors are always explained by jsonschema.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

# Keywords that only describe (draft 2020-12 annotations and our editor hints): they never fail.
_ANNOTATIONS = frozenset(
    {
        "$comment",
        "$id",
        "$schema",
        "$defs",
        "title",
        "description",
        "markdownDescription",
        "examples",
        "default",
        "deprecated",
        "format",
        "errorMessage",
        "enumDescriptions",
        "markdownEnumDescriptions",
        "doNotSuggest",
    }
)


_MAX_UNIQUE = 200


class Unsupported(Exception):
    """The schema uses a keyword this checker does not implement: ask a full validator."""


def is_valid(schema: Mapping[str, Any], data: Any) -> bool:
    """Whether `data` is valid against `schema` (the root, whose `$defs` the `$ref`s name)."""
    return _Checker(schema).valid(schema, data)


@lru_cache(maxsize=256)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text)


def _same(a: Any, b: Any) -> bool:
    """JSON equality: `true` is not `1`, `1` is `1.0`, and containers compare member by member."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    return type(a) is type(b) and bool(a == b)


def _is_type(value: Any, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if name == "number":
        return True
    if name == "integer":
        return isinstance(value, int) or value.is_integer()
    raise Unsupported(f"type {name!r}")


class _Checker:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.keywords: dict[str, Callable[[Any, Any, Mapping[str, Any]], bool]] = {
            "$ref": self._ref,
            "type": self._type,
            "enum": lambda expected, value, _: any(_same(value, option) for option in expected),
            "const": lambda expected, value, _: _same(value, expected),
            "properties": self._properties,
            "patternProperties": self._pattern_properties,
            "additionalProperties": self._additional,
            "required": lambda names, value, _: not isinstance(value, dict) or all(n in value for n in names),
            "items": self._items,
            "contains": lambda schema, value, _: (
                not isinstance(value, list) or any(self.valid(schema, item) for item in value)
            ),
            "uniqueItems": self._unique,
            "minItems": lambda bound, value, _: not isinstance(value, list) or len(value) >= bound,
            "maxItems": lambda bound, value, _: not isinstance(value, list) or len(value) <= bound,
            "minLength": lambda bound, value, _: not isinstance(value, str) or len(value) >= bound,
            "maxLength": lambda bound, value, _: not isinstance(value, str) or len(value) <= bound,
            "pattern": lambda text, value, _: not isinstance(value, str) or _pattern(text).search(value) is not None,
            "minimum": lambda bound, value, _: not _is_type(value, "number") or value >= bound,
            "maximum": lambda bound, value, _: not _is_type(value, "number") or value <= bound,
            "not": lambda schema, value, _: not self.valid(schema, value),
            "allOf": lambda schemas, value, _: all(self.valid(schema, value) for schema in schemas),
            "anyOf": lambda schemas, value, _: any(self.valid(schema, value) for schema in schemas),
            "oneOf": lambda schemas, value, _: sum(self.valid(schema, value) for schema in schemas) == 1,
            "if": self._if,
            "then": lambda *_: True,  # read by `if`
            "else": lambda *_: True,
        }

    def valid(self, schema: Any, value: Any) -> bool:
        if schema is True:
            return True
        if schema is False:
            return False
        for keyword, expected in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            check = self.keywords.get(keyword)
            if check is None:
                raise Unsupported(f"keyword {keyword!r}")
            if not check(expected, value, schema):
                return False
        return True

    def _ref(self, reference: str, value: Any, _: Mapping[str, Any]) -> bool:
        if not reference.startswith("#/$defs/"):
            raise Unsupported(f"$ref {reference!r}")
        return self.valid(self.root["$defs"][reference[len("#/$defs/") :]], value)

    def _type(self, expected: str | list[str], value: Any, _: Mapping[str, Any]) -> bool:
        names = expected if isinstance(expected, list) else [expected]
        return any(_is_type(value, name) for name in names)

    def _properties(self, properties: Mapping[str, Any], value: Any, _: Mapping[str, Any]) -> bool:
        if not isinstance(value, dict):
            return True
        return all(self.valid(schema, value[key]) for key, schema in properties.items() if key in value)

    def _pattern_properties(self, patterns: Mapping[str, Any], value: Any, _: Mapping[str, Any]) -> bool:
        if not isinstance(value, dict):
            return True
        return all(
            self.valid(schema, item)
            for pattern, schema in patterns.items()
            for key, item in value.items()
            if _pattern(pattern).search(key)
        )

    def _additional(self, schema: Any, value: Any, here: Mapping[str, Any]) -> bool:
        if not isinstance(value, dict):
            return True
        known = here.get("properties", {})
        patterns = [_pattern(pattern) for pattern in here.get("patternProperties", {})]
        return all(
            self.valid(schema, item)
            for key, item in value.items()
            if key not in known and not any(pattern.search(key) for pattern in patterns)
        )

    def _items(self, schema: Any, value: Any, _: Mapping[str, Any]) -> bool:
        if isinstance(schema, list):
            raise Unsupported("items as a list")
        return not isinstance(value, list) or all(self.valid(schema, item) for item in value)

    def _unique(self, unique: bool, value: Any, _: Mapping[str, Any]) -> bool:
        if not unique or not isinstance(value, list):
            return True
        if len(value) > _MAX_UNIQUE:
            raise Unsupported("a long list whose items must be unique")  # pairwise here: quadratic
        return not any(_same(a, b) for index, a in enumerate(value) for b in value[index + 1 :])

    def _if(self, condition: Any, value: Any, here: Mapping[str, Any]) -> bool:
        branch = here.get("then", True) if self.valid(condition, value) else here.get("else", True)
        return self.valid(branch, value)
