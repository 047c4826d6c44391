"""Outbound connector selection in Exchange Online, one test per step of DESIGN §10, on real YAML."""

from __future__ import annotations

import pytest

from exchange_lint.generations.exchange_online.routing.select import (
    DETERMINISTIC,
    LOCAL,
    MX,
    UNDETERMINED,
    Route,
    route,
)
from tests.generations.exchange_online.tenant_text import TENANT, tenant

CONNECTORS = (
    TENANT
    + """\
  - {name: Partner exact, recipient_domains: [partner.example], tls_settings: DomainValidation}
  - {name: Partner wide, recipient_domains: ["*.partner.example"]}
  - {name: Subsidiary, recipient_domains: ["*.sub.partner.example"]}
  - {name: Everything, recipient_domains: ["*"], use_mx_record: false, smart_hosts: [relay.contoso.com]}
  - name: Hybrid
    connector_type: OnPremises
    all_accepted_domains: true
    use_mx_record: false
    smart_hosts: [mail.contoso.com]
  - {name: Off, enabled: false, recipient_domains: [off.example]}
  - {name: Scoped, is_transport_rule_scoped: true, recipient_domains: [scoped.example], smart_hosts: [svc.example]}
"""
)


def steps(found: Route) -> list[str]:
    return [step.name for step in found.steps]


def test_an_exact_recipient_domain_wins_over_every_wildcard() -> None:
    found = route(tenant(CONNECTORS), "ann@partner.example")
    assert (found.outcome, found.verdict, found.decided_by) == (DETERMINISTIC, "Partner exact", "exact")
    assert found.selected == ("Partner exact",)
    # `*.partner.example` and `*` match too: they are candidates the exact step dropped.
    assert {c.name for c in found.candidates} == {"Partner exact", "Partner wide", "Everything"}
    assert "dropped 'Everything', 'Partner wide'" in found.steps[-1].reason


def test_all_accepted_domains_takes_a_relay_domain_before_any_wildcard() -> None:
    found = route(tenant(CONNECTORS), "pat@fabrikam.example")
    assert (found.verdict, found.decided_by) == ("Hybrid", "accepted")
    assert steps(found) == ["relay", "enabled", "rule", "scope", "accepted"]
    assert steps(found).count(found.decided_by) == 1  # EXL106 quotes the deciding step's reason by its name
    assert "InternalRelay accepted domain" in found.steps[0].reason


def test_all_accepted_domains_does_not_take_a_domain_the_tenant_does_not_accept() -> None:
    found = route(tenant(CONNECTORS), "ann@example.net")
    assert (found.verdict, found.decided_by) == ("Everything", "wildcard")
    assert "Hybrid" not in {c.name for c in found.candidates}


@pytest.mark.parametrize(
    ("recipient", "winner", "pattern"),
    [
        ("ann@deep.sub.partner.example", "Subsidiary", "*.sub.partner.example"),  # 3 labels over 2 over *
        ("ann@sales.partner.example", "Partner wide", "*.partner.example"),
        ("ann@sub.partner.example", "Subsidiary", "*.sub.partner.example"),  # `*.x` takes x itself
        ("ann@example.net", "Everything", "*"),
    ],
)
def test_wildcards_by_specificity(recipient: str, winner: str, pattern: str) -> None:
    found = route(tenant(CONNECTORS), recipient)
    assert (found.verdict, found.decided_by) == (winner, "wildcard")
    assert f"the most specific wildcard pattern is {pattern}" in found.steps[-1].reason


def test_a_transport_rule_scoped_connector_is_used_only_through_a_rule() -> None:
    alone = route(tenant(CONNECTORS), "ann@scoped.example")
    assert (alone.verdict, alone.decided_by) == ("Everything", "wildcard")  # its exact domain does not count
    assert "dropped 'Scoped'" in next(s.reason for s in alone.steps if s.name == "scope")
    ruled = CONNECTORS + (
        "transport_rules:\n"
        "  - {name: To the service, route_message_outbound_connector: Scoped, recipient_domain_is: [example.net]}\n"
    )
    found = route(tenant(ruled), "ann@example.net")
    assert (found.outcome, found.verdict, found.decided_by) == (DETERMINISTIC, "Scoped", "rule")
    assert found.steps[-1].reason == "transport rule 'To the service' routes it to 'Scoped'"
    other = route(tenant(ruled), "ann@partner.example")  # the rule's condition does not hold
    assert other.verdict == "Partner exact"
    assert "'To the service' (recipient_domain_is does not name partner.example)" in other.steps[1].reason


def test_what_a_rule_cannot_judge_is_said_as_an_assumption() -> None:
    ruled = CONNECTORS + (
        "transport_rules:\n"
        "  - name: Signatures\n"
        "    route_message_outbound_connector: Scoped\n"
        "    sent_to_scope: NotInOrganization\n"
        "    except_if_header_matches: {header: X-Signed, pattern: 'true'}\n"
        "  - {name: Stamped only, route_message_outbound_connector: Everything, priority: 0,\n"
        "     header_matches: {header: X-Other, pattern: x}}\n"
    )
    found = route(tenant(ruled), "ann@example.net")
    assert (found.verdict, found.decided_by) == ("Scoped", "rule")
    # Priority 0 is judged first: its header condition is unknown, so it is assumed not to act.
    assert [note.split(":")[0] for note in found.assumptions] == ["rule 'Stamped only'", "rule 'Signatures'"]
    assert "a message as first sent is assumed not to carry it" in found.assumptions[1]
    inside = route(tenant(ruled), "pat@fabrikam.example")  # InOrganization: the rule does not act
    assert inside.verdict == "Hybrid"


def test_a_disabled_connector_is_never_chosen_even_by_a_rule() -> None:
    found = route(tenant(CONNECTORS), "ann@off.example")
    assert (found.verdict, found.decided_by) == ("Everything", "wildcard")
    assert "dropped 'Off'" in found.steps[0].reason
    ruled = CONNECTORS + "transport_rules:\n  - {name: To off, route_message_outbound_connector: Off}\n"
    again = route(tenant(ruled), "ann@off.example")
    assert again.verdict == "Everything"
    assert "'To off' (routes to 'Off', which is disabled)" in again.steps[1].reason


def test_with_no_connector_exchange_online_delivers_by_mx() -> None:
    src = TENANT + "  - {name: Partner exact, recipient_domains: [partner.example]}\n"
    found = route(tenant(src), "ann@example.net")
    assert (found.outcome, found.verdict, found.decided_by, found.selected) == (DETERMINISTIC, MX, "default", ())
    assert found.steps[-1].reason.endswith("Exchange Online delivers by its MX record itself")


def test_an_authoritative_domain_is_delivered_inside() -> None:
    found = route(tenant(CONNECTORS), "kim@contoso.com")
    assert (found.outcome, found.verdict, found.decided_by, found.candidates) == (LOCAL, LOCAL, "local", ())


def test_two_connectors_at_one_step_are_undetermined_never_picked() -> None:
    src = (
        TENANT
        + "  - {name: A, recipient_domains: [partner.example]}\n  - {name: B, recipient_domains: [partner.example]}\n"
    )
    found = route(tenant(src), "ann@partner.example")
    assert (found.outcome, found.verdict, found.decided_by, found.selected) == (
        UNDETERMINED,
        UNDETERMINED,
        "exact",
        ("A", "B"),
    )
    assert "documents no order among these" in found.steps[-1].reason
