"""`routing_tests` with `from: online` (EXL106, the tenant's half): the tests the outbound
selection meets are clean, each way one can fail is one finding on its entry."""

from __future__ import annotations

from tests.generations.exchange_online.tenant_text import TENANT
from tests.lint_helpers import lint_findings, lint_text

# Connectors on lines 8-10; routing tests from line 14.
CONNECTORS = TENANT + (
    "  - {name: To on-premises, connector_type: OnPremises, all_accepted_domains: true, use_mx_record: false,\n"
    "     smart_hosts: [mail.contoso.com]}\n"
    "  - {name: Partner, recipient_domains: [partner.example], tls_settings: DomainValidation}\n"
    "transport_rules:\n"
    "  - {name: Via on-premises, route_message_outbound_connector: To on-premises, recipient_domain_is: [cmt.ex]}\n"
    "routing_tests:\n"
)
PASSING = """\
  - {from: online, recipient: "SMTP:ann@partner.example", expect: Partner}
  - {from: online, recipient: "SMTP:pat@fabrikam.example", expect: To on-premises}
  - {from: online, recipient: "SMTP:joe@cmt.ex", expect: To on-premises}
  - {from: online, recipient: "SMTP:ann@example.net", expect: mx}
  - {from: online, recipient: "SMTP:kim@contoso.com", expect: local}
"""


def test_tests_the_tenant_meets_are_clean() -> None:
    assert lint_text(CONNECTORS + PASSING) == []


def test_each_way_a_routing_test_from_online_fails() -> None:
    src = CONNECTORS + (
        '  - {from: online, recipient: "SMTP:ann@partner.example", expect: To on-premises}\n'  # another wins
        '  - {from: online, recipient: "SMTP:ann@example.net", expect: Partner}\n'  # delivered by MX
        '  - {from: online, recipient: "SMTP:kim@contoso.com", expect: mx}\n'  # local
        '  - {from: online, recipient: "SMTP:ann@partner.example", expect: No such}\n'  # no such connector
    )
    found = [f for f in lint_findings(src) if f.rule_id == "EXL106"]
    assert [(f.location.region.start_line, f.location.region.start_column) for f in found] == [
        (14, 5),
        (15, 5),
        (16, 5),
        (17, 5),
    ]
    assert found[0].message == (
        "routing test failed: SMTP:ann@partner.example from online goes to 'Partner' (decided by exact: "
        "recipient_domains names partner.example exactly: kept 'Partner'), expected 'To on-premises'"
    )
    assert "goes out by MX with no connector" in found[1].message
    assert "is delivered inside the tenant" in found[2].message
    assert "not a declared outbound connector" in found[3].message


def test_a_tie_fails_whatever_was_expected() -> None:
    src = TENANT + (
        "  - {name: Partner, recipient_domains: [partner.example]}\n"
        "  - {name: Partner 2, recipient_domains: [partner.example]}\n"
        "routing_tests:\n"
        '  - {from: online, recipient: "SMTP:ann@partner.example", expect: Partner}\n'
    )
    [finding] = [f for f in lint_findings(src) if f.rule_id == "EXL106"]
    assert finding.location.region.start_line == 11
    assert "has no single connector" in finding.message
    assert "documents no order among these" in finding.message
