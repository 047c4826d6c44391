"""EXL002: document does not follow the connector file schema."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EVERY
from exchange_lint.rules.api import Rule, RuleDoc

RULE = Rule(
    generations=(EVERY,),
    id="EXL002",
    name="schema",
    severity=Severity.ERROR,
    summary="document does not follow the connector file schema",
    tags=("schema",),
    doc=RuleDoc(
        what=(
            "Reports each violation of the connector file schema (`exchange-lint schema` prints it) at "
            "the node that violates it: a missing or unknown field, a value of the wrong type, a cost "
            "outside 1-100, an unknown connector kind, a combination a cmdlet refuses (`ignore_starttls: "
            "true` with `require_tls: true`, `None` beside another `auth_mechanism`). A key of another "
            'generation (`connectors` in an `exchange: "2019"` file, `send_connectors` in a 5.5 file) is '
            "one finding that names the generation it belongs to."
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
    adress_spaces: ["SMTP:*;1"]   # EXL002
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
