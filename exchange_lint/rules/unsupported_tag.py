"""EXL004: YAML tag that connector files do not use (never constructed)."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EVERY
from exchange_lint.rules.api import Rule, RuleDoc

RULE = Rule(
    generations=(EVERY,),
    id="EXL004",
    name="unsupported-tag",
    severity=Severity.ERROR,
    summary="YAML tag that connector files do not use (never constructed)",
    tags=("syntax", "security"),
    doc=RuleDoc(
        what=(
            "Reports a node with an explicit tag other than the YAML core ones (`!!str`, `!!int`, "
            "`!!float`, `!!bool`, `!!null`, `!!seq`, `!!map`), such as `!!python/object` or a local "
            "`!custom` tag. The value is read as plain text; nothing is ever constructed from a tag. "
            "A merge key (`<<: *anchor`, YAML 1.1's `!!merge`) is reported too: YAML 1.2 has none, so "
            "nothing is merged and the fields it would bring are missing."
        ),
        why=(
            "Connector files are data. A language-specific tag in one is at best a mistake and at worst "
            "an attempt to run code in a tool that loads YAML unsafely."
        ),
        example="""\
version: 1
organization: !!python/object/apply:os.system ["echo hi"]   # EXL004
""",
        use_instead="""\
version: 1
organization: Contoso
""",
    ),
)
