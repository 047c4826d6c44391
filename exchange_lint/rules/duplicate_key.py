"""EXL003: the same key twice in one mapping."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EVERY
from exchange_lint.rules.api import Rule, RuleDoc

RULE = Rule(
    generations=(EVERY,),
    id="EXL003",
    name="duplicate-key",
    severity=Severity.ERROR,
    summary="the same key twice in one mapping",
    tags=("syntax",),
    doc=RuleDoc(
        what="Reports the second occurrence of a key in one mapping. The first value is the one linted.",
        why=(
            "YAML forbids duplicate keys, but many loaders silently keep the last value, so what "
            "Exchange is configured with depends on the tool that reads the file."
        ),
        example="""\
version: 1
organization: Contoso
organization: Fabrikam   # EXL003
""",
        use_instead="""\
version: 1
organization: Contoso
""",
        autofix=(
            "Removes the repeated entry when its value is the same as the first one's (same types "
            'too: `1` and `"1"` differ). Different values need a person to choose.'
        ),
    ),
)
