"""EXL005: suppression comment that suppresses nothing, or cannot be read."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EVERY
from exchange_lint.rules.api import Rule, RuleDoc

RULE = Rule(
    generations=(EVERY,),
    id="EXL005",
    name="unused-suppression",
    severity=Severity.NOTE,
    summary="suppression comment that suppresses nothing, or cannot be read",
    tags=("suppression",),
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
  - {name: TRADE, servers: [TRADE]}   # exchange-lint: disable=EXL103 -- nothing ties here   # EXL005
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
""",
    ),
)
