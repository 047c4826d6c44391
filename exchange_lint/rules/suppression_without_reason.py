"""EXL006: suppression comment without a `-- reason`."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EVERY
from exchange_lint.rules.api import Rule, RuleDoc

RULE = Rule(
    generations=(EVERY,),
    id="EXL006",
    name="suppression-without-reason",
    severity=Severity.WARNING,
    summary="suppression comment without a `-- reason`",
    tags=("suppression",),
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
  - name: IMS 1
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]   # EXL006  # exchange-lint: disable=EXL103
  - name: IMS 2
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: IMS 1
    kind: internet_mail
    server: TRADE
    # exchange-lint: disable=EXL103 -- two IMSs on one server share the load on purpose
    address_spaces: ["SMTP:*;1"]
  - name: IMS 2
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
""",
    ),
)
