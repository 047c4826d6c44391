"""EXL416 treat-messages-as-internal: New-InboundConnector -TreatMessagesAsInternal (catalog S38).

Source: https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.treat_messages_as_internal import RULE
from tests.lint_helpers import lint_text

SRC = HEADER + (
    "inbound_connectors:\n"
    "  - {name: Gateway, connector_type: OnPremises, sender_domains: ['*'], treat_messages_as_internal: true}\n"
    "  - {name: Hybrid, connector_type: OnPremises, sender_domains: ['*'], cloud_services_mail_enabled: true}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL416") == [(12, 33, "EXL416")]
    assert lint_text(RULE.doc.use_instead, "EXL416") == []


def test_the_allowed_combination_is_a_security_warning() -> None:
    assert lint_text(SRC, "EXL416") == [(7, 100, "EXL416")]
    assert RULE.severity.value == "warning" and "security" in RULE.tags


def test_refused_combinations_are_the_schemas_alone() -> None:
    partner = SRC.replace("connector_type: OnPremises, sender_domains: ['*'], treat", "sender_domains: ['*'], treat")
    both = SRC.replace(
        "treat_messages_as_internal: true}", "treat_messages_as_internal: true, cloud_services_mail_enabled: true}"
    )
    for src in (partner, both):
        found = lint_text(src)
        assert "EXL416" not in {rule for _, _, rule in found}
        assert [rule for _, _, rule in found if rule == "EXL002"] == ["EXL002"]
