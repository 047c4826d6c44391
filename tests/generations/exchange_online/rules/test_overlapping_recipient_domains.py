"""EXL120 overlapping-recipient-domains: New-OutboundConnector -RecipientDomains and
-AllAcceptedDomains, with the winner from outbound selection (DESIGN §10).

Source: https://learn.microsoft.com/powershell/module/exchange/new-outboundconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.overlapping_recipient_domains import RULE
from tests.lint_helpers import lint_findings, lint_text

SRC = HEADER + (
    "  - {domain: fabrikam.example, type: InternalRelay}\n"
    "outbound_connectors:\n"
    "  - {name: Everything, recipient_domains: ['*'], use_mx_record: false, smart_hosts: [relay.contoso.com]}\n"
    "  - {name: Partner, recipient_domains: [woodgrove.example, '*.woodgrove.example']}\n"
    "  - {name: Partner again, recipient_domains: [woodgrove.example]}\n"
    "  - {name: On-premises, connector_type: OnPremises, all_accepted_domains: true, use_mx_record: false,\n"
    "     smart_hosts: [mail.contoso.com]}\n"
    "  - {name: Scoped, is_transport_rule_scoped: true, recipient_domains: ['*']}\n"
    "  - {name: Off, enabled: false, recipient_domains: ['*']}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL120") == [(12, 25, "EXL120")]
    assert lint_text(RULE.doc.use_instead, "EXL120") == []


def _reported(src: str) -> list[tuple[int, int, str, str]]:
    return [
        (f.location.region.start_line, f.location.region.start_column, f.severity.value, f.message)
        for f in lint_findings(src)
        if f.rule_id == "EXL120"
    ]


def test_each_overlap_explained_by_the_precedence() -> None:
    found = _reported(SRC)
    assert [(line, column, severity) for line, column, severity, _ in found] == [
        (9, 41, "note"),
        (9, 60, "note"),
        (10, 47, "note"),
        (10, 47, "warning"),
        (11, 75, "note"),
    ]
    messages = [message for *_, message in found]
    assert messages[1].endswith(
        "for the subdomains of woodgrove.example Exchange Online picks 'Partner' (the most specific wildcard wins)"
    )
    assert messages[3].endswith(
        "for woodgrove.example neither wins ('Partner', 'Partner again' are left; no order is documented)"
    )
    assert messages[4] == (
        "outbound connector 'On-premises' (all_accepted_domains) overlaps 'Everything' (*): for fabrikam.example "
        "Exchange Online picks 'On-premises' (all_accepted_domains comes before wildcards)"
    )


def test_an_exact_name_wins_over_wildcards() -> None:
    src = SRC.replace(
        "Partner again, recipient_domains: [woodgrove.example]", "Partner again, recipient_domains: [a.example]"
    )
    assert _reported(src)[0][3].endswith(
        "for woodgrove.example Exchange Online picks 'Partner' (recipient_domains names it exactly)"
    )


def test_no_overlap_with_scoped_or_disabled_connectors_nor_on_authoritative_domains() -> None:
    alone = SRC.split("  - {name: Partner,")[0] + SRC.split("smart_hosts: [mail.contoso.com]}\n")[1]
    assert _reported(alone) == []
    assert _reported(alone + "  - {name: Own, recipient_domains: [contoso.com]}\n") == []
