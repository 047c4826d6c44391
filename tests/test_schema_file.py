"""The format-v1 JSON Schema (schemas/exchange-connectors.schema.json).

It is a valid 2020-12 schema, accepts the shipped examples, documents itself for editors, and
rejects each bad document with one error that the linter can map to a position.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator
from ruamel.yaml import YAML

ROOT = Path(__file__).parents[1]
SCHEMA_PATH = ROOT / "schemas" / "exchange-connectors.schema.json"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

Schema = dict[str, Any]
Document = dict[str, Any]

# Keywords holding one subschema, a list of them, or a name -> subschema mapping. `if` is left
# out on purpose: it is a condition on `kind`, not a definition, and editors never show it.
_ONE_SUBSCHEMA = (
    "then",
    "else",
    "not",
    "items",
    "contains",
    "additionalProperties",
    "unevaluatedProperties",
    "propertyNames",
)
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")


@functools.cache
def load_schema() -> Schema:
    schema: Schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def subschema_validator(subschema: Schema) -> Validator:
    """A validator for one part of the schema that still resolves `#/$defs/...` in the root."""
    return validator().evolve(schema=subschema)


def iter_schemas(schema: Schema, pointer: str = "#") -> Iterator[tuple[str, Schema]]:
    """Every object subschema, depth first, with its JSON pointer (skipping `if` conditions)."""
    yield pointer, schema
    for keyword in _ONE_SUBSCHEMA:
        sub = schema.get(keyword)
        if isinstance(sub, dict):
            yield from iter_schemas(sub, f"{pointer}/{keyword}")
    for keyword in _SUBSCHEMA_LISTS:
        for index, sub in enumerate(schema.get(keyword, [])):
            if isinstance(sub, dict):
                yield from iter_schemas(sub, f"{pointer}/{keyword}/{index}")
    for keyword in _SUBSCHEMA_MAPS:
        for name, sub in schema.get(keyword, {}).items():
            if isinstance(sub, dict):
                yield from iter_schemas(sub, f"{pointer}/{keyword}/{name}")


def iter_properties(schema: Schema) -> Iterator[tuple[str, Schema | bool]]:
    """Every entry of every `properties`, in $defs and if/then branches included."""
    for pointer, sub in iter_schemas(schema):
        for name, prop in sub.get("properties", {}).items():
            yield f"{pointer}/properties/{name}", prop


def is_prohibition(prop: Schema | bool) -> bool:
    """`{"enum": [], "errorMessage": ...}` in a branch forbids a property defined elsewhere, with the reason
    (editors show an `enum`'s `errorMessage`; for a `not` they say only "Matches a schema that is not allowed.")."""
    return isinstance(prop, dict) and prop.get("enum") == [] and isinstance(prop.get("errorMessage"), str)


def is_choice(sub: Schema) -> bool:
    """`anyOf` of documented `const`s, and a catch-all `not` for what is none of them (the `pattern`
    beside the `anyOf` reports that, in the schema's words): hover shows the hovered value's own text
    (an `enum` would list them all), and editors keep our message (they rewrite a failing const's)."""
    branches = sub.get("anyOf")
    if not (isinstance(branches, list) and branches and "pattern" in sub):
        return False
    values = [branch for branch in branches if "const" in branch]
    return bool(values) and all("const" in branch or set(branch) == {"not"} for branch in branches)


def resolved(prop: Schema) -> Schema:
    """A property that is only `{"$ref": "#/$defs/x"}` is documented by that definition."""
    reference = prop.get("$ref")
    if set(prop) == {"$ref"} and isinstance(reference, str) and reference.startswith("#/$defs/"):
        definition: Schema = load_schema()["$defs"][reference.removeprefix("#/$defs/")]
        return definition
    return prop


def load_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def error_summaries(document: Document) -> list[tuple[str | None, str, tuple[Any, ...]]]:
    return [
        (str(error.validator) if error.validator is not None else None, error.message, tuple(error.absolute_path))
        for error in validator().iter_errors(document)
    ]


# -- the schema file itself -------------------------------------------------------------------


def test_schema_is_valid_against_its_metaschema() -> None:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://exchange-lint.dev/schemas/exchange-connectors.schema.json"
    assert schema["title"]
    assert schema["description"]


def test_schema_has_the_named_definitions() -> None:
    expected = {"addressSpace", "connector", "gateway", "site", "connectedSite", "routingTest"}
    assert expected <= set(load_schema()["$defs"])


def test_every_definition_has_title_and_description() -> None:
    undocumented = [
        name
        for name, definition in load_schema()["$defs"].items()
        if not (definition.get("title") and definition.get("description"))
    ]
    assert undocumented == []


def test_every_property_has_title_description_and_examples() -> None:
    problems = []
    for pointer, prop in iter_properties(load_schema()):
        if is_prohibition(prop):
            continue
        if not isinstance(prop, dict):
            problems.append(f"{pointer}: a boolean schema documents nothing")
            continue
        prop = resolved(prop)
        for key in ("title", "description", "markdownDescription"):
            if not (isinstance(prop.get(key), str) and prop[key].strip()):
                problems.append(f"{pointer}: no {key}")
        # A choice's values are its examples: each is documented, and completion offers them.
        if not is_choice(prop) and not (isinstance(prop.get("examples"), list) and prop["examples"]):
            problems.append(f"{pointer}: no examples")
    assert problems == []


def test_extension_keys_are_documented() -> None:
    problems = []
    for pointer, sub in iter_schemas(load_schema()):
        for pattern, extension in sub.get("patternProperties", {}).items():
            if not all(extension.get(key) for key in ("title", "description", "examples")):
                problems.append(f"{pointer}/patternProperties/{pattern}")
    assert problems == []


def test_prohibited_properties_are_defined_and_documented_by_their_object() -> None:
    """A branch may only forbid what the object itself defines (with its docs), and says why: the
    kinds that take the key, the generation it belongs to, or what the cmdlet refuses."""
    problems = []
    for pointer, sub in iter_schemas(load_schema()):
        defined = set(sub.get("properties", {}))
        for index, branch in enumerate(sub.get("allOf", [])):
            for part in ("then", "else"):
                for name, prop in branch.get(part, {}).get("properties", {}).items():
                    where = f"{pointer}/allOf/{index}/{part}/properties/{name}"
                    if name not in defined:
                        problems.append(f"{where}: not defined")
                    if not is_prohibition(prop):
                        continue
                    if prop.get("doNotSuggest") is not True:
                        problems.append(f"{where}: editors would offer a forbidden key")
                    if not str(prop["errorMessage"]).startswith(name) and name not in str(prop["errorMessage"]):
                        problems.append(f"{where}: its errorMessage does not name {name}")
    assert problems == []


def test_keys_that_depend_on_the_kind_or_generation_are_offered_by_their_branch_only() -> None:
    """Editors offer every key of every matching schema: a key a branch decides on is offered only
    by the branch that allows it (`doNotSuggest` where it is only documented), never twice."""
    problems = []
    for pointer, sub in iter_schemas(load_schema()):
        decided = {
            name
            for branch in sub.get("allOf", [])
            for part in ("then", "else")
            for name, prop in branch.get(part, {}).get("properties", {}).items()
            if not is_prohibition(prop)
        }
        for name in sorted(decided):
            base = sub["properties"][name]
            if base.get("doNotSuggest") is not True or {"$ref", "type", "items", "anyOf"} & set(base):
                problems.append(f"{pointer}/properties/{name}: the branch decides, the base only documents")
    assert problems == []


def test_descriptions_are_plain_text_and_markdown_is_in_markdown_description() -> None:
    """yaml-language-server renders only `markdownDescription` as Markdown: backticks or bold in a
    `description` would show literally."""
    problems = []
    for pointer, sub in iter_schemas(load_schema()):
        branches = [(f"{pointer}/anyOf/{i}", b) for i, b in enumerate(sub.get("anyOf", [])) if isinstance(b, dict)]
        for where, node in [(pointer, sub), *branches]:
            text = node.get("description")
            if text is None:
                continue
            if "`" in text or "**" in text:
                problems.append(f"{where}: Markdown in description")
            if not node.get("markdownDescription"):
                problems.append(f"{where}: no markdownDescription")
    assert problems == []


def test_every_pattern_has_an_error_message() -> None:
    """A regex is no explanation: editors and the linter show `errorMessage` instead."""
    missing = [
        pointer for pointer, sub in iter_schemas(load_schema()) if "pattern" in sub and not sub.get("errorMessage")
    ]
    assert missing == []


def test_every_enum_value_is_described() -> None:
    """Values to choose from are documented `const`s (hover shows the hovered one only), each
    carrying the choice's message (editors report the closest branch's)."""
    problems = []
    for pointer, sub in iter_schemas(load_schema()):
        if sub.get("enum"):
            problems.append(f"{pointer}: an enum (hover would list every value): use documented consts")
        if not is_choice(sub) or "description" not in sub["anyOf"][0]:
            continue  # a condition (`if`), not a value to choose
        values = [branch["const"] for branch in sub["anyOf"] if "const" in branch]
        checker = subschema_validator(sub)
        if not all(checker.is_valid(value) for value in values) or checker.is_valid("no such value"):
            problems.append(f"{pointer}: its pattern does not accept exactly its values")
        for index, branch in enumerate(sub["anyOf"]):
            if "const" not in branch:
                continue
            for key in ("description", "markdownDescription"):
                if not (isinstance(branch.get(key), str) and branch[key].strip()):
                    problems.append(f"{pointer}/anyOf/{index}: no {key}")
            if branch.get("errorMessage") != sub.get("errorMessage") or not sub.get("errorMessage"):
                problems.append(f"{pointer}/anyOf/{index}: not the choice's errorMessage")
    assert problems == []


def test_every_example_in_the_schema_is_valid() -> None:
    """Editors offer `examples` as completions: a wrong one would teach a mistake."""
    problems = []
    for pointer, sub in iter_schemas(load_schema()):
        if is_prohibition(sub):
            continue
        checker = subschema_validator(sub)
        for example in sub.get("examples", []):
            for error in checker.iter_errors(example):
                problems.append(f"{pointer}: example {example!r}: {error.message}")
    assert problems == []


def test_defaults_are_valid() -> None:
    problems = []
    for pointer, sub in iter_schemas(load_schema()):
        if "default" in sub and not subschema_validator(sub).is_valid(sub["default"]):
            problems.append(f"{pointer}: default {sub['default']!r}")
    assert problems == []


# -- documents --------------------------------------------------------------------------------


def test_there_are_examples_to_check() -> None:
    assert EXAMPLES


@pytest.mark.parametrize("path", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_file_is_valid(path: Path) -> None:
    assert error_summaries(load_yaml(path)) == []


def document(**fields: Any) -> Document:
    """A minimal valid document with one site, TRADE, plus (or minus, with None) `fields`."""
    doc: Document = {
        "version": 1,
        "organization": "Contoso",
        "exchange": "5.0",
        "sites": [{"name": "TRADE", "servers": ["TRADE"]}],
    }
    doc.update(fields)
    return {key: value for key, value in doc.items() if value is not None}


def with_connector(**fields: Any) -> Document:
    """`document()` with one Internet Mail Service, changed by `fields` (None drops a key)."""
    connector: dict[str, Any] = {
        "name": "Internet Mail Service (TRADE)",
        "kind": "internet_mail",
        "server": "TRADE",
        "address_spaces": [{"type": "SMTP", "address": "*", "cost": 1}],
    }
    connector.update(fields)
    return document(connectors=[{k: v for k, v in connector.items() if v is not None}])


def msmail(**fields: Any) -> Document:
    """`with_connector()` as an MS Mail Connector on post office CA/TCAHQPO."""
    base: dict[str, Any] = {
        "name": "MS Mail Connector (TRADE)",
        "kind": "msmail",
        "postoffice": "CA/TCAHQPO",
        "address_spaces": [{"type": "MS", "address": "CA/*"}],
    }
    base.update(fields)
    return with_connector(**base)


def with_address_space(address_space: Any) -> Document:
    return with_connector(address_spaces=[address_space])


def with_routing_test(**fields: Any) -> Document:
    routing_test: dict[str, Any] = {
        "from": "TRADE",
        "recipient": "SMTP:user1@domain1.com",
        "expect": "Internet Mail Service (TRADE)",
    }
    routing_test.update(fields)
    return document(routing_tests=[{k: v for k, v in routing_test.items() if v is not None}])


CONNECTOR = ("connectors", 0)
SPACE = (*CONNECTOR, "address_spaces", 0)

INVALID_DOCUMENTS = [
    # (document, jsonschema validator keyword, message fragment, path of the offending node)
    pytest.param(
        with_connector(kind="exchange2007"),
        "pattern",
        "'exchange2007' does not match",
        (*CONNECTOR, "kind"),
        id="wrong-kind",
    ),
    pytest.param(with_connector(kind=None), "required", "'kind' is a required property", CONNECTOR, id="missing-kind"),
    pytest.param(
        with_connector(gateways=[{"type": "SMTP", "postoffice": "CA/GWPO"}]),
        "enum",
        "is not one of []",
        (*CONNECTOR, "gateways"),
        id="gateways-on-internet-mail",
    ),
    pytest.param(
        with_connector(kind="x400", postoffice="CA/TCAHQPO"),
        "enum",
        "'CA/TCAHQPO' is not one of []",
        (*CONNECTOR, "postoffice"),
        id="postoffice-on-x400",
    ),
    pytest.param(
        msmail(connected_sites=[{"name": "LONDON"}]),
        "enum",
        "[{'name': 'LONDON'}] is not one of []",
        (*CONNECTOR, "connected_sites"),
        id="connected-sites-on-msmail",
    ),
    pytest.param(
        with_connector(kind="ccmail", connected_sites=[]),
        "enum",
        "[] is not one of []",
        (*CONNECTOR, "connected_sites"),
        id="connected-sites-on-ccmail",
    ),
    pytest.param(
        with_address_space({"type": "SMTP", "address": "*", "cost": 0}),
        "minimum",
        "0 is less than the minimum of 1",
        (*SPACE, "cost"),
        id="cost-0",
    ),
    pytest.param(
        with_address_space({"type": "SMTP", "address": "*", "cost": 101}),
        "maximum",
        "101 is greater than the maximum of 100",
        (*SPACE, "cost"),
        id="cost-101",
    ),
    pytest.param(
        with_address_space({"type": "SMTP", "cost": "1"}),
        "type",
        "'1' is not of type 'integer'",
        (*SPACE, "cost"),
        id="cost-string",
    ),
    pytest.param(with_address_space("SMTP:*;0"), "pattern", "'SMTP:*;0' does not match", SPACE, id="compact-cost-0"),
    pytest.param(
        with_address_space("SMTP:*;101"), "pattern", "'SMTP:*;101' does not match", SPACE, id="compact-cost-101"
    ),
    pytest.param(with_address_space("SMTP*;1"), "pattern", "'SMTP*;1' does not match", SPACE, id="compact-no-colon"),
    pytest.param(
        with_address_space("smtp:*"), "pattern", "'smtp:*' does not match", SPACE, id="compact-lowercase-type"
    ),
    pytest.param(with_address_space(1), "type", "1 is not of type 'object'", SPACE, id="address-space-number"),
    pytest.param(
        with_address_space({"address": "*"}),
        "required",
        "'type' is a required property",
        SPACE,
        id="address-space-missing-type",
    ),
    pytest.param(
        with_address_space({"type": "smtp"}),
        "pattern",
        "'smtp' does not match",
        (*SPACE, "type"),
        id="address-space-lowercase-type",
    ),
    pytest.param(
        with_address_space({"type": "SMTP", "scope": "global"}),
        "pattern",
        "'global' does not match",
        (*SPACE, "scope"),
        id="address-space-bad-scope",
    ),
    pytest.param(
        with_address_space({"type": "SMTP", "colour": "red"}),
        "additionalProperties",
        "Additional properties are not allowed ('colour' was unexpected)",
        SPACE,
        id="address-space-unknown-property",
    ),
    pytest.param(with_connector(name=None), "required", "'name' is a required property", CONNECTOR, id="missing-name"),
    pytest.param(with_connector(name=""), "minLength", "'' should be non-empty", (*CONNECTOR, "name"), id="empty-name"),
    pytest.param(
        with_connector(colour="red"),
        "additionalProperties",
        "'colour' does not match any of the regexes: '^x-'",
        CONNECTOR,
        id="connector-unknown-property",
    ),
    pytest.param(
        document(colour="red"),
        "additionalProperties",
        "'colour' does not match any of the regexes: '^x-'",
        (),
        id="top-level-unknown-property",
    ),
    pytest.param(document(version=2), "const", "1 was expected", ("version",), id="version-2"),
    pytest.param(document(version=None), "required", "'version' is a required property", (), id="missing-version"),
    pytest.param(
        document(organization=None), "required", "'organization' is a required property", (), id="missing-organization"
    ),
    pytest.param(
        document(organization=""), "minLength", "'' should be non-empty", ("organization",), id="empty-organization"
    ),
    pytest.param(
        document(exchange="6.0"),
        "pattern",
        "'6.0' does not match",
        ("exchange",),
        id="exchange-6.0",
    ),
    pytest.param(
        msmail(postoffice="CA"),
        "pattern",
        "'CA' does not match",
        (*CONNECTOR, "postoffice"),
        id="postoffice-without-slash",
    ),
    pytest.param(
        msmail(postoffice="CALIFORNIA1/PO"),
        "pattern",
        "'CALIFORNIA1/PO' does not match",
        (*CONNECTOR, "postoffice"),
        id="postoffice-network-too-long",
    ),
    pytest.param(
        msmail(postoffice="CA/TCAHQPO/ANN"),
        "pattern",
        "does not match",
        (*CONNECTOR, "postoffice"),
        id="postoffice-three-parts",
    ),
    pytest.param(
        msmail(gateways=[{"postoffice": "CA/GWPO"}]),
        "required",
        "'type' is a required property",
        (*CONNECTOR, "gateways", 0),
        id="gateway-missing-type",
    ),
    pytest.param(
        msmail(gateways=[{"type": "smtp"}]),
        "pattern",
        "'smtp' does not match",
        (*CONNECTOR, "gateways", 0, "type"),
        id="gateway-lowercase-type",
    ),
    pytest.param(
        msmail(gateways=[{"type": "SMTP", "postoffice": "GWPO"}]),
        "pattern",
        "'GWPO' does not match",
        (*CONNECTOR, "gateways", 0, "postoffice"),
        id="gateway-bad-postoffice",
    ),
    pytest.param(
        msmail(gateways=[{"type": "SMTP", "access_components": "yes"}]),
        "type",
        "'yes' is not of type 'boolean'",
        (*CONNECTOR, "gateways", 0, "access_components"),
        id="gateway-access-components-not-boolean",
    ),
    pytest.param(
        with_connector(connected_sites=[{"name": "LONDON", "cost": 0}]),
        "minimum",
        "0 is less than the minimum of 1",
        (*CONNECTOR, "connected_sites", 0, "cost"),
        id="connected-site-cost-0",
    ),
    pytest.param(
        document(sites=[{"servers": ["TRADE"]}]),
        "required",
        "'name' is a required property",
        ("sites", 0),
        id="site-missing-name",
    ),
    pytest.param(
        document(sites=[{"name": "TRADE", "servers": "TRADE"}]),
        "type",
        "'TRADE' is not of type 'array'",
        ("sites", 0, "servers"),
        id="site-servers-not-a-list",
    ),
    pytest.param(
        with_routing_test(expect=None),
        "required",
        "'expect' is a required property",
        ("routing_tests", 0),
        id="routing-test-missing-expect",
    ),
    pytest.param(
        with_routing_test(recipient="user1@domain1.com"),
        "pattern",
        "'user1@domain1.com' does not match",
        ("routing_tests", 0, "recipient"),
        id="routing-test-recipient-without-type",
    ),
    pytest.param(
        with_routing_test(to="TRADE"),
        "additionalProperties",
        "Additional properties are not allowed ('to' was unexpected)",
        ("routing_tests", 0),
        id="routing-test-unknown-property",
    ),
]


@pytest.mark.parametrize(("doc", "keyword", "fragment", "path"), INVALID_DOCUMENTS)
def test_invalid_document_is_rejected_with_one_precise_error(
    doc: Document,
    keyword: str,
    fragment: str,
    path: tuple[Any, ...],
) -> None:
    errors = error_summaries(doc)
    assert len(errors) == 1, errors
    [(actual_keyword, message, actual_path)] = errors
    assert actual_keyword == keyword
    assert fragment in message
    assert actual_path == path


VALID_DOCUMENTS = [
    pytest.param(document(), id="minimal"),
    pytest.param(document(exchange=None, sites=None), id="only-version-and-organization"),
    pytest.param(with_address_space("MS:CA/*"), id="compact-without-cost"),
    pytest.param(with_address_space("SMTP:*@partner.example;1"), id="compact-with-cost"),
    pytest.param(with_address_space("SMTP:*;100"), id="compact-cost-100"),
    pytest.param(with_address_space("SMTP:"), id="compact-blank-address"),
    pytest.param(with_address_space("SMTP:;5"), id="compact-blank-address-with-cost"),
    pytest.param(with_address_space({"type": "SMTP", "address": ""}), id="blank-address"),
    pytest.param(with_address_space({"type": "SMTP"}), id="address-omitted"),
    pytest.param(
        with_address_space({"type": "SMTP", "address": "*", "cost": 100, "scope": "location"}),
        id="cost-100-scope-location",
    ),
    pytest.param(with_connector(address_spaces=[]), id="no-address-spaces"),
    pytest.param(document(**{"x-owner": "messaging team"}), id="x-extension-top-level"),
    pytest.param(with_connector(**{"x-ticket": {"id": "CHG-1042"}}), id="x-extension-connector"),
    pytest.param(document(**{"$schema": "../schemas/exchange-connectors.schema.json"}), id="schema-key-for-json-files"),
    pytest.param(with_routing_test(expect="ndr"), id="routing-test-expects-ndr"),
    pytest.param(
        with_routing_test(recipient="X400:c=US;a= ;p=Contoso;o=Trade;s=Smith"), id="routing-test-x400-recipient"
    ),
    pytest.param(with_connector(connected_sites=[{"name": "LONDON"}]), id="internet-mail-connected-sites"),
    pytest.param(
        with_connector(kind="site", connected_sites=[{"name": "LONDON", "cost": 100}]), id="site-connected-sites"
    ),
    pytest.param(
        with_connector(kind="dynamic_ras", connected_sites=[{"name": "LONDON"}]), id="dynamic-ras-connected-sites"
    ),
    pytest.param(
        msmail(
            gateways=[
                {"type": "SMTP", "postoffice": "CA/GWPO", "access_components": True},
                {"type": "ATT"},
                {"type": "EASYLINK2", "postoffice": "ca/gw1"},
            ]
        ),
        id="msmail-gateways-custom-type",
    ),
    pytest.param(msmail(address_spaces=["MSA:", "FAX:;1", "SMTP:*!*;2"]), id="msmail-compact-gateway-types"),
    pytest.param(
        document(
            connectors=[
                {"name": kind, "kind": kind, "description": f"a {kind} connector"}
                for kind in (
                    "site",
                    "x400",
                    "dynamic_ras",
                    "internet_mail",
                    "msmail",
                    "ccmail",
                    "notes",
                    "groupwise",
                    "profs",
                    "snads",
                )
            ]
        ),
        id="every-kind",
    ),
    pytest.param(
        document(sites=[{"name": "TRADE", "servers": ["TRADE", "TRADE2"], "location": "HQ"}], exchange="5.5"),
        id="site-location",
    ),
]


ERROR_MESSAGES = [
    # (document, the `errorMessage` of the schema that failed: what editors and the linter show)
    pytest.param(
        with_connector(gateways=[{"type": "SMTP"}]),
        "gateways is allowed only when kind is msmail",
        id="gateways-on-internet-mail",
    ),
    pytest.param(
        with_connector(kind="notes", postoffice="CA/PO"),
        "postoffice is allowed only when kind is msmail",
        id="postoffice-on-notes",
    ),
    pytest.param(
        msmail(connected_sites=[]),
        "connected_sites is allowed only when kind is site, x400, dynamic_ras or internet_mail",
        id="connected-sites-on-msmail",
    ),
    pytest.param(msmail(postoffice="CA"), "expected an MS Mail post office NETWORK/PO", id="bad-postoffice"),
    pytest.param(with_address_space("SMTP*;1"), "expected TYPE:ADDRESS or TYPE:ADDRESS;COST", id="bad-compact"),
    pytest.param(with_address_space({"type": "smtp"}), "expected an address type in capitals", id="bad-type"),
    pytest.param(msmail(gateways=[{"type": "smtp"}]), "expected a gateway type in capitals", id="bad-gateway-type"),
    pytest.param(with_routing_test(recipient="ann"), "expected TYPE:address", id="bad-recipient"),
]


@pytest.mark.parametrize(("doc", "error_message"), ERROR_MESSAGES)
def test_failing_schema_carries_an_error_message(doc: Document, error_message: str) -> None:
    [error] = validator().iter_errors(doc)
    assert isinstance(error.schema, dict)
    assert str(error.schema.get("errorMessage", "")).startswith(error_message)


@pytest.mark.parametrize("doc", VALID_DOCUMENTS)
def test_valid_edge_case_is_accepted(doc: Document) -> None:
    assert error_summaries(doc) == []


@pytest.mark.parametrize(
    "compact",
    [
        "SMTP:*",
        "SMTP:*@partner.example;1",
        "SMTP:*;100",
        "SMTP:*;99",
        "SMTP:",
        "SMTP:;1",
        "MS:CA/*",
        "MS:CA/TCAHQPO/",
        "X400:c=US;a= ;p=Contoso;10",
        "X400:c=US;a= ;p=Contoso;o=Trade",
        "X400:c=US;a= ;p=Contoso;",
        "X400:c=826",
        "X400:c=*;a=;5",
        "CCMAIL:Smith, Grover at Ferguson",
        "GWISE:GWDOM1.*.*;3",
        "PROFS:NODE1(USER1)",
        "EX:/O=Contoso/OU=TRADE",
        "SMTP:%@x.example",
        "FAX:123",
    ],
)
def test_compact_address_space_is_accepted(compact: str) -> None:
    assert subschema_validator({"$ref": "#/$defs/addressSpace"}).is_valid(compact)


@pytest.mark.parametrize(
    "compact",
    [
        "SMTP*;1",  # no colon
        "smtp:*",  # type not in capitals
        "1SMTP:*",  # type starts with a digit
        ":*",  # no type
        "SM-TP:*",  # not a type
        "SMTP:*;0",  # the trailing ;digits is the cost: 1-100
        "SMTP:*;101",
        "SMTP:*;01",
        "SMTP:*;1000",
        "SMTP:a\tb",  # control characters
        "SMTP:a\nb;1",
        "",
    ],
)
def test_bad_compact_address_space_is_rejected(compact: str) -> None:
    assert not subschema_validator({"$ref": "#/$defs/addressSpace"}).is_valid(compact)
