"""Fingerprints are stable: every rule's doc Example keeps its fingerprints when it is edited the
way config repos are edited, lines added above and unrelated entries added before the offending one."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest

from exchange_lint.findings import Finding
from exchange_lint.generation import EXCHANGE_2007_SE, EXCHANGE_ONLINE, generation_of
from exchange_lint.load import load_text
from exchange_lint.rules.api import Rule, example_files
from tests.lint_helpers import TRADE, lint_files_findings, lint_findings, rules

EXAMPLES = [rule for rule in rules() if rule.doc.example]
UNRELATED_SPACE = '"X400:c=ZZ;a= ;p=Unrelated;1"'

# An edit gives the edited text and where each original line went (1-based, old -> new).
Edit = Callable[[str, list[Finding]], tuple[str, Callable[[int], int]]]


def _insert(text: str, after: int, new_lines: list[str]) -> tuple[str, Callable[[int], int]]:
    """`new_lines` inserted after line `after` (0: at the top)."""
    lines = text.splitlines(keepends=True)
    edited = "".join([*lines[:after], *(line + "\n" for line in new_lines), *lines[after:]])
    return edited, lambda line: line + len(new_lines) if line > after else line


def comments_above(text: str, found: list[Finding]) -> tuple[str, Callable[[int], int]]:
    """Three comment lines at the top, and one right above every line a finding is on."""
    marked = sorted({finding.location.region.start_line for finding in found})
    lines = text.splitlines(keepends=True)
    for line in reversed(marked):
        lines.insert(line - 1, "# reviewed in the March audit\n")
    edited = "# Contoso routing\n# owner: messaging team\n# see the runbook\n" + "".join(lines)
    return edited, lambda line: line + 3 + sum(1 for other in marked if other <= line)


def _first_server(text: str) -> str | None:
    data = load_text("example.yaml", text).data
    sites = data.get("sites") if isinstance(data, dict) else None
    for site in sites if isinstance(sites, list) else ():
        servers = site.get("servers") if isinstance(site, dict) else None
        if isinstance(servers, list) and servers and isinstance(servers[0], str):
            return servers[0]
    return None


def _is_2007_se(text: str) -> bool:
    data = load_text("example.yaml", text).data
    return isinstance(data, dict) and generation_of(data.get("exchange")) is EXCHANGE_2007_SE


def _is_online(text: str) -> bool:
    data = load_text("example.yaml", text).data
    return isinstance(data, dict) and generation_of(data.get("exchange")) is EXCHANGE_ONLINE


def unrelated_connector_first(text: str, found: list[Finding]) -> tuple[str, Callable[[int], int]]:
    """A connector no other route competes with, first in the connector list (or in a new list
    right after `organization`, where the example has none): an X.400 connector to a country no
    route names for 4.0–5.5, a Send connector for a domain nobody uses for 2007–SE, a disabled
    outbound connector for such a domain for Exchange Online."""
    server = _first_server(text)
    key = "connectors"
    item = "{name: Unrelated X.400, kind: x400" + (f", server: {server}" if server else "")
    item += f", address_spaces: [{UNRELATED_SPACE}]}}"
    if _is_online(text):
        key = "outbound_connectors"
        item = "{name: Unrelated partner, recipient_domains: [unrelated.example], enabled: false}"
    elif _is_2007_se(text):
        key = "send_connectors"
        sources = f", source_transport_servers: [{server}]" if server else ""
        item = f'{{name: Unrelated partner{sources}, address_spaces: ["SMTP:unrelated.example;1"]}}'
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        found_key = re.match(key + r":\s*(\[)?\s*(#.*)?$", line)
        if found_key is None:
            continue
        if found_key.group(1):  # a flow list left open over several lines (EXL001's example)
            return _insert(text, number, [f"  {item},"])
        indent = len(lines[number]) - len(lines[number].lstrip())
        return _insert(text, number, [" " * indent + f"- {item}"])
    organization = next(n for n, line in enumerate(lines, start=1) if line.startswith("organization:"))
    return _insert(text, organization, [f"{key}:", f"  - {item}"])


def unrelated_site_first(text: str, found: list[Finding]) -> tuple[str, Callable[[int], int]]:
    """A site no connector uses, first in `sites` (left as it is where sites are not a block list)."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if re.match(r"sites:\s*$", line):
            indent = len(lines[number]) - len(lines[number].lstrip())
            return _insert(text, number, [" " * indent + "- {name: UNRELATED, servers: [UNRELATED1]}"])
    return text, lambda line: line


EDITS: list[Edit] = [comments_above, unrelated_connector_first, unrelated_site_first]


def _places(found: list[Finding], moved: Callable[[int], int] = lambda line: line) -> list[tuple[int, int, str]]:
    return sorted((moved(f.location.region.start_line), f.location.region.start_column, f.rule_id) for f in found)


# Every edit of every example, but a site added where the example has no block `sites:` list:
# that edit leaves the text as it is, and comparing a text with itself could not fail.
EDITED = [
    pytest.param(rule, edit, id=f"{rule.id}-{edit.__name__}")
    for rule in EXAMPLES
    for edit in EDITS
    if edit is not unrelated_site_first or re.search(r"^sites:\s*$", rule.doc.example, re.M)
]


@pytest.mark.parametrize(("rule", "edit"), EDITED)
def test_doc_example_fingerprints_survive_edits_above(rule: Rule, edit: Edit) -> None:
    if len(example_files(rule.doc.example)) > 1:
        _files_survive(rule.doc.example, edit)
        return
    before = lint_findings(rule.doc.example)
    edited, moved = edit(rule.doc.example, before)
    assert edited != rule.doc.example
    after = lint_findings(edited)
    # The findings really moved with their lines (and none came or went)...
    assert _places(after) == _places(before, moved)
    # ...and kept their fingerprints.
    assert Counter(f.fingerprint for f in after) == Counter(f.fingerprint for f in before)


def _files_survive(example: str, edit: Edit) -> None:
    """The same for an Example of several files (a hybrid rule's two sides): each file is edited."""
    files = {name: part for name, _, part in example_files(example)}
    before = lint_files_findings(files)
    edited, moves = {}, {}
    for name, part in files.items():
        edited[name], moves[name] = edit(part, [f for f in before if f.location.path == name])
    assert edited != files
    after = lint_files_findings(edited)
    assert sorted((f.location.path, *_places([f])[0]) for f in after) == sorted(
        (f.location.path, *_places([f], moves[f.location.path])[0]) for f in before
    )
    assert Counter(f.fingerprint for f in after) == Counter(f.fingerprint for f in before)


def test_the_edits_do_what_they_say() -> None:
    """The unrelated entries are parsed where they are meant to be, so the test above tests something."""
    example = next(rule for rule in EXAMPLES if rule.id == "EXL101").doc.example
    edited, moved = unrelated_connector_first(example, [])
    data = load_text("example.yaml", edited).data
    assert data["connectors"][0] == {
        "name": "Unrelated X.400",
        "kind": "x400",
        "server": "TRADE",
        "address_spaces": ["X400:c=ZZ;a= ;p=Unrelated;1"],
    }
    assert moved(5) == 5 and moved(6) == 7
    edited, moved = unrelated_site_first(example, [])
    assert load_text("example.yaml", edited).data["sites"][0] == {"name": "UNRELATED", "servers": ["UNRELATED1"]}
    assert moved(3) == 3 and moved(4) == 5
    without_connectors = next(rule for rule in EXAMPLES if rule.id == "EXL003").doc.example
    edited, moved = unrelated_connector_first(without_connectors, [])
    assert load_text("example.yaml", edited).data["connectors"][0]["name"] == "Unrelated X.400"
    assert moved(2) == 2 and moved(3) == 5
    modern = next(rule for rule in EXAMPLES if rule.id == "EXL114").doc.example
    edited, moved = unrelated_connector_first(modern, [])
    first = load_text("example.yaml", edited).data["send_connectors"][0]
    assert first["name"] == "Unrelated partner" and first["address_spaces"] == ["SMTP:unrelated.example;1"]
    edited, moved = comments_above(example, lint_findings(example))
    assert edited.count("# reviewed in the March audit") == 1 and moved(16) == 20
    assert lint_findings(edited) != [] and edited.splitlines()[moved(16) - 2] == "# reviewed in the March audit"


UNUSED = "  # exchange-lint: disable=EXL103 -- kept from the migration"


@pytest.mark.parametrize(
    ("before", "after", "anchor"),
    [
        pytest.param(
            TRADE + '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}' + UNUSED,
            TRADE
            + "  - {name: X.400, kind: x400, server: TRADE}\n"
            + '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}'
            + UNUSED,
            "connectors[IMS]#disable=EXL103",
            id="first item of a list, then second",
        ),
        pytest.param(
            "version: 1" + UNUSED + "\norganization: Contoso\n",
            'exchange: "5.5"\nversion: 1' + UNUSED + "\norganization: Contoso\n",
            "version#disable=EXL103",
            id="first key of the document, then second",
        ),
        pytest.param(
            TRADE + "  - name: IMS\n    kind: internet_mail\n    reroute:\n      enabled: false" + UNUSED + "\n",
            TRADE
            + "  - name: IMS\n    kind: internet_mail\n    reroute:\n      allow_from: []\n      enabled: false"
            + UNUSED
            + "\n",
            "connectors[IMS]/reroute/enabled#disable=EXL103",
            id="first key of a block mapping, then second",
        ),
    ],
)
def test_a_suppression_is_named_by_the_entry_it_sits_on_not_by_the_list_it_opens(
    before: str, after: str, anchor: str
) -> None:
    """What a directive is about does not change when an entry is added before the one it sits on
    (EXL005 and EXL006 used to name the whole list, or the document, when it was on the first)."""
    (unused,) = (f for f in lint_findings(before) if f.rule_id == "EXL005")
    (moved,) = (f for f in lint_findings(after) if f.rule_id == "EXL005")
    assert unused.location.anchor == moved.location.anchor == anchor
    assert moved.location.region.start_line == unused.location.region.start_line + 1
    assert unused.fingerprint == moved.fingerprint


def test_a_fingerprint_is_the_sha256_of_rule_file_and_anchor_whichever_implementation_computes_it() -> None:
    """Baselines written before the built-in SHA-256 replaced `hashlib` still match: the digest is
    the same, non-UTF-8 file names (surrogate escapes) included."""
    import hashlib

    (found,) = (f for f in lint_findings("version: 1\norganization: Contoso\nbogus: 1\n") if f.rule_id == "EXL002")
    assert found.location.anchor
    for path in (found.location.path, "caf\udce9.yaml"):
        finding = found._replace(location=found.location._replace(path=path))
        key = "\x1f".join(("EXL002", path, found.location.anchor))
        assert finding.fingerprint == hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
