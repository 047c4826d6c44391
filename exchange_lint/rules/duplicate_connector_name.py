"""EXL303: two connectors with the same name in one organization."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55, EXCHANGE_2007_SE
from exchange_lint.rules.api import Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER, per_generation

RULE = Rule(
    generations=(EXCHANGE_40_55.id, EXCHANGE_2007_SE.id),
    id="EXL303",
    name="duplicate-connector-name",
    severity=Severity.ERROR,
    summary="two connectors with the same name in one organization (2007–SE: Receive connectors per server)",
    tags=("references",),
    check=per_generation("duplicate_connector_name"),
    doc=RuleDoc(
        what=(
            "Reports a connector whose name (compared without case) is already used in the organization, in any "
            "file. For Exchange 2007–SE: two Send connectors with one name (Send connector names are unique "
            "in the organization), or two Receive connectors with one name on the same server (a Receive "
            "connector's identity is `SERVER\\Name`: the same name on two servers is normal)."
        ),
        why=(
            "Connector names identify routes in the GWART, in `routing_tests` and in findings. Two "
            "connectors with one name make every reference to it ambiguous; across files it usually "
            "means a definition was copied and not renamed."
        ),
        example=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}   # EXL303, the next is related
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}
""",
        use_instead=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}
""",
        references=(
            "New-SendConnector (-SourceTransportServers, -Name) https://learn.microsoft.com/powershell/module/exchange/new-sendconnector",
            "New-ReceiveConnector (-Server, -Name) https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector",
        ),
    ),
)
