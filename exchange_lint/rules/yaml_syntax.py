"""EXL001: file cannot be read or parsed as YAML/JSON."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EVERY
from exchange_lint.rules.api import Rule, RuleDoc

RULE = Rule(
    generations=(EVERY,),
    id="EXL001",
    name="yaml-syntax",
    severity=Severity.ERROR,
    summary="file cannot be read or parsed as YAML/JSON",
    tags=("syntax",),
    doc=RuleDoc(
        what=(
            "Reports a file that cannot be read as one YAML (or JSON) document: a syntax error, text "
            "that is not UTF-8, a binary file, a file over the size limit, more than one document, or "
            "a document too deep or too large (alias bombs) to read safely. The finding sits at the "
            "position of the error."
        ),
        why="Nothing in a file that cannot be read is checked, so every other rule is silent about it.",
        example="""\
version: 1
organization: Contoso
sites: [{name: TRADE, servers: [TRADE]}]
connectors: [
  {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
routing_tests: []   # EXL001: the list above is never closed
""",
        use_instead="""\
version: 1
organization: Contoso
sites: [{name: TRADE, servers: [TRADE]}]
connectors: [
  {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
]
routing_tests: []
""",
    ),
)
