"""Hand-made rules and findings for the reporter tests: every format renders the same set."""

from __future__ import annotations

from exchange_lint.findings import Finding, Location, Region, Severity, ToolNotification
from exchange_lint.rules.api import Rule, RuleDoc

MSMAIL_DOC = RuleDoc(
    what="Finds an `SMTP` address space on an MS Mail Connector that has no SMTP gateway behind it.",
    why="Mail the MTA routes there comes back as an NDR (events 2375/2371).",
    example="connectors:\n  - name: MS Mail Connector (TRADE)\n    address_spaces: ['SMTP:*;1']\n",
    use_instead="connectors:\n  - name: MS Mail Connector (TRADE)\n    address_spaces: ['MS:CA/*;1']\n",
    references=("https://support.microsoft.com/kb/169117", "Q169117: SMTP mail returned by the MS Mail Connector"),
)
TIE_DOC = RuleDoc(
    what="Finds recipients for which more than one connector is left after match class, cost and locality.",
    why="The MTA load-balances between them, so the route changes from message to message.",
    example="address_spaces: ['SMTP:*;1']\n",
    use_instead="address_spaces: ['SMTP:*;2']\n",
    known_problems="Only steady state is modelled.",
)

MSMAIL = Rule(
    id="EXL101",
    name="msmail-smtp-without-gateway",
    severity=Severity.ERROR,
    summary="SMTP address space on an MS Mail connector without an SMTP gateway",
    doc=MSMAIL_DOC,
    check=lambda organization: (),
    tags=("routing", "msmail", "Q169117"),
)
TIE = Rule(
    id="EXL103",
    name="ambiguous-route",
    severity=Severity.WARNING,
    summary="More than one connector is left for a route",
    doc=TIE_DOC,
    check=lambda organization: (),
    tags=tuple(f"tag{number}" for number in range(12)),
    help_uri="https://example.com/rules/exl103",
)
RULES = (MSMAIL, TIE)

PATH = "org/trade.yaml"
IMS = Location(PATH, Region(15, 5, 19, 1), "connectors[Internet Mail Service (TRADE)]", "Internet Mail Service (TRADE)")
SMTP_SPACE = Location(PATH, Region(28, 9, 28, 19), "connectors[MS Mail Connector (TRADE)]/address_spaces[SMTP:*]")

SMTP_WITHOUT_GATEWAY = Finding(
    "EXL101",
    "msmail-smtp-without-gateway",
    Severity.ERROR,
    "SMTP address space `*` on MS Mail Connector (TRADE) has no SMTP gateway [Q169117]",
    SMTP_SPACE,
)
TIE_WITH_IMS = Finding(
    "EXL103",
    "ambiguous-route",
    Severity.WARNING,
    "SMTP:user1@domain1.com from TRADE is load-balanced between 2 connectors.",
    SMTP_SPACE,
    related=(IMS, Location("org/other site.yaml", Region(3, 7, 3, 12))),
    hint="give the routes [different] costs",
)
CRASH = Finding(
    "EXL901",
    "rule-crashed",
    Severity.NOTE,
    "rule EXL105 (shadowed-address-space) crashed: ZeroDivisionError: division by zero",
    Location("org/z.yaml", anchor="crash:EXL105"),
)
FINDINGS = (SMTP_WITHOUT_GATEWAY, TIE_WITH_IMS, CRASH)
NOTIFICATION = ToolNotification("EXL103", "rule EXL103 (ambiguous-route) crashed: KeyError: 'TRADE'", CRASH.location)

# The file the findings point into, for the caret display.
SOURCE = [f"# line {number}\n" for number in range(1, 40)]
SOURCE[27] = "      - type: SMTP\n"
