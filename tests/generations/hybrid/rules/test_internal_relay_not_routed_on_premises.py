"""EXL121 internal-relay-not-routed-on-premises: catalog S39, a6n.co.uk "Exchange hybrid mail loops"
(2025) and KB 2603474.

Source: https://www.a6n.co.uk/2025/07/exchange-hybrid-mail-loops-when-your.html
"""

from __future__ import annotations

from exchange_lint.generations.hybrid.rules.internal_relay_not_routed_on_premises import RULE
from tests.generations.hybrid.pair_text import ONLINE, ONPREM, SERVERS, TENANT, findings, found
from tests.lint_helpers import lint_example, lint_files_findings

RELAY = TENANT + "  - {domain: fabrikam.example, type: InternalRelay}\n"  # line 6


def _outbound(*connectors: str) -> str:
    return RELAY + "outbound_connectors:\n" + "".join(f"  - {{{c}}}\n" for c in connectors)


ON_PREMISES = "name: To on-premises, connector_type: OnPremises, use_mx_record: false, smart_hosts: [mail.contoso.com]"


def test_doc_example() -> None:
    assert lint_example(RULE.doc.example, "EXL121") == [(7, 5, "EXL121")]
    assert lint_example(RULE.doc.use_instead) == []


def test_no_outbound_connector_sends_it_by_mx_on_the_tenant_with_the_on_premises_domain_related() -> None:
    (finding,) = findings(RELAY, SERVERS, "EXL121")
    assert (finding.location.path, finding.location.region.start_line, finding.location.region.start_column) == (
        ONLINE,
        6,
        5,
    )
    assert "by the domain's MX record" in finding.message
    assert [(r.path, r.region.start_line, r.region.start_column, r.message) for r in finding.related] == [
        (ONPREM, 6, 5, "fabrikam.example on-premises (InternalRelay)")
    ]


def test_covered_exactly_by_a_parent_wildcard_or_by_all_accepted_domains() -> None:
    for how in ("recipient_domains: [fabrikam.example]", "recipient_domains: ['*.fabrikam.example']"):
        assert found(_outbound(f"{ON_PREMISES}, {how}"), SERVERS, "EXL121") == []
    assert found(_outbound(f"{ON_PREMISES}, all_accepted_domains: true"), SERVERS, "EXL121") == []


def test_a_disabled_or_rule_scoped_on_premises_connector_does_not_cover_it() -> None:
    covering = f"{ON_PREMISES}, recipient_domains: [fabrikam.example]"
    assert found(_outbound(f"{covering}, enabled: false"), SERVERS, "EXL121") == [(ONLINE, 6, 5)]
    assert found(_outbound(f"{covering}, is_transport_rule_scoped: true"), SERVERS, "EXL121") == [(ONLINE, 6, 5)]


def test_a_partner_connector_that_wins_the_selection_takes_it_away_from_on_premises() -> None:
    partner = "name: Fabrikam partner, connector_type: Partner, recipient_domains: [fabrikam.example]"
    (finding,) = findings(_outbound(partner, f"{ON_PREMISES}, all_accepted_domains: true"), SERVERS, "EXL121")
    assert "leaves through 'Fabrikam partner'" in finding.message
    assert [(r.path, r.region.start_line) for r in finding.related] == [(ONPREM, 6), (ONLINE, 8)]


def test_only_the_tenants_internal_relay_domains_and_only_with_both_sides() -> None:
    authoritative = TENANT + "  - {domain: fabrikam.example, type: Authoritative}\n"
    assert found(authoritative, SERVERS, "EXL121") == []  # on-premises InternalRelay only: EXL117's side
    alone = [f for f in lint_files_findings({ONLINE: RELAY}) if f.rule_id == "EXL121"]
    assert alone == []  # a tenant without its servers is no hybrid pair


def test_an_on_premises_connector_tied_with_a_partner_one_still_covers_the_domain() -> None:
    """S39 asks for an enabled OnPremises connector; the tie itself is EXL120's to report."""
    partner = "name: Fabrikam partner, connector_type: Partner, recipient_domains: [fabrikam.example]"
    tied = _outbound(ON_PREMISES + ", recipient_domains: [fabrikam.example]", partner)
    assert found(tied, SERVERS, "EXL121") == []
    assert found(_outbound(partner), SERVERS, "EXL121") != []
