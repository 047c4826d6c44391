"""EXL0xx and EXL9xx: problems found while reading files or running rules, not by a model check.

They are rules all the same, so `rules`, `explain`, select/ignore and SARIF metadata treat them
like any other; their checks yield nothing because the loader, validator and engine report them.
"""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def _reported_elsewhere(organization: Organization) -> Iterator[Problem]:
    return iter(())


YAML_SYNTAX = Rule(
    id="EXL001",
    name="yaml-syntax",
    severity=Severity.ERROR,
    summary="file cannot be read or parsed as YAML/JSON",
    tags=("syntax",),
    check=_reported_elsewhere,
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
connectors: [
""",
        use_instead="""\
version: 1
organization: Contoso
connectors: []
""",
    ),
)

SCHEMA = Rule(
    id="EXL002",
    name="schema",
    severity=Severity.ERROR,
    summary="document does not follow the connector file schema",
    tags=("schema",),
    check=_reported_elsewhere,
    doc=RuleDoc(
        what=(
            "Reports each violation of the connector file schema (`exchange-lint schema` prints it) at "
            "the node that violates it: a missing or unknown field, a value of the wrong type, a cost "
            "outside 1-100, an unknown connector kind."
        ),
        why=(
            "Rules reason about what the file means; a field the schema does not know is usually a "
            "typo that silently changes that meaning (a misspelt `address_spaces` means no route)."
        ),
        example="""\
version: 1
organization: Contoso
connectors:
  - name: IMS
    kind: internet_mail
    adress_spaces: ["SMTP:*;1"]
""",
        use_instead="""\
version: 1
organization: Contoso
connectors:
  - name: IMS
    kind: internet_mail
    address_spaces: ["SMTP:*;1"]
""",
    ),
)

DUPLICATE_KEY = Rule(
    id="EXL003",
    name="duplicate-key",
    severity=Severity.ERROR,
    summary="the same key twice in one mapping",
    tags=("syntax",),
    check=_reported_elsewhere,
    doc=RuleDoc(
        what="Reports the second occurrence of a key in one mapping. The first value is the one linted.",
        why=(
            "YAML forbids duplicate keys, but many loaders silently keep the last value, so what "
            "Exchange is configured with depends on the tool that reads the file."
        ),
        example="""\
version: 1
organization: Contoso
organization: Fabrikam
""",
        use_instead="""\
version: 1
organization: Contoso
""",
        autofix=(
            "Removes the repeated entry when its value is the same as the first one's (same types "
            "too: `1` and `\"1\"` differ). Different values need a person to choose."
        ),
    ),
)

UNSUPPORTED_TAG = Rule(
    id="EXL004",
    name="unsupported-tag",
    severity=Severity.ERROR,
    summary="YAML tag that connector files do not use (never constructed)",
    tags=("syntax", "security"),
    check=_reported_elsewhere,
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
organization: !!python/object/apply:os.system ["echo hi"]
""",
        use_instead="""\
version: 1
organization: Contoso
""",
    ),
)

RULE_CRASHED = Rule(
    id="EXL901",
    name="rule-crashed",
    severity=Severity.ERROR,
    summary="a rule raised an error; the other rules still ran",
    tags=("internal",),
    check=_reported_elsewhere,
    doc=RuleDoc(
        what=(
            "Reports a rule (built-in or plugin) that raised an exception while checking an "
            "organization. The finding sits at the start of the organization's first file and names "
            "the rule and the error; every other rule still runs."
        ),
        why="A crashed rule checked nothing, so a clean result would be a lie; it is reported instead.",
        example="",
        use_instead="",
        known_problems="This is the linter's own trouble: please report it with the file that caused it.",
    ),
)

UNUSED_SUPPRESSION = Rule(
    id="EXL005",
    name="unused-suppression",
    severity=Severity.NOTE,
    summary="suppression comment that suppresses nothing, or cannot be read",
    tags=("suppression",),
    check=_reported_elsewhere,
    doc=RuleDoc(
        what=(
            "Reports an `# exchange-lint: disable=...` (or `disable-file=...`) comment that covers no "
            "finding, or that is not written in the form the linter reads."
        ),
        why=(
            "A suppression outlives the problem it hid: once the configuration is fixed, a stale comment "
            "would silently hide the next, different problem on that line. A misspelled one hides nothing "
            "while looking as if it did."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}   # exchange-lint: disable=EXL103 -- nothing ties here (EXL005)
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
""",
    ),
)

SUPPRESSION_WITHOUT_REASON = Rule(
    id="EXL006",
    name="suppression-without-reason",
    severity=Severity.WARNING,
    summary="suppression comment without a `-- reason`",
    tags=("suppression",),
    check=_reported_elsewhere,
    doc=RuleDoc(
        what=(
            "Reports a suppression comment with no reason after `--`. Reasons are required unless the "
            "configuration sets `suppression-reason-required = false`."
        ),
        why=(
            "The reason is what the next reviewer reads: why this route is meant to be load-balanced, or "
            "why this address space is kept. It is also the justification SARIF carries for the suppression."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS 1, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}  # exchange-lint: disable=EXL103
  - {name: IMS 2, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  # exchange-lint: disable=EXL103 -- two IMSs on one server share the load on purpose
  - {name: IMS 1, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS 2, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
""",
    ),
)

RULES = (
    YAML_SYNTAX,
    SCHEMA,
    DUPLICATE_KEY,
    UNSUPPORTED_TAG,
    UNUSED_SUPPRESSION,
    SUPPRESSION_WITHOUT_REASON,
    RULE_CRASHED,
)
