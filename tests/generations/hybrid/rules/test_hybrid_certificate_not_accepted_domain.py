"""EXL421 hybrid-certificate-not-accepted-domain: catalog S40, "Important notice for Office 365 email
customers who have configured connectors" (the certificate's name must be an accepted domain).

Source: https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp
"""

from __future__ import annotations

from exchange_lint.generations.hybrid.certificates import within_domain
from exchange_lint.generations.hybrid.rules.hybrid_certificate_not_accepted_domain import RULE
from tests.generations.hybrid.pair_text import ONLINE, ONPREM, SERVERS, TENANT, findings, found, hybrid_send
from tests.lint_helpers import lint_example

ATTRIBUTING = (
    "inbound_connectors:\n"
    "  - {name: From on-premises, connector_type: OnPremises, sender_domains: ['*'], "
    "tls_sender_certificate_name: mail.contoso.net}\n"
)  # line 7; the certificate name's value starts at column 110


def test_doc_example() -> None:
    assert lint_example(RULE.doc.example, "EXL421") == [(11, 34, "EXL421")]
    assert lint_example(RULE.doc.use_instead) == []


def test_a_certificate_outside_the_tenants_domains_sits_on_the_tenants_connector() -> None:
    servers = SERVERS + hybrid_send("<I>CN=CA<S>CN=mail.contoso.net")
    (finding,) = findings(TENANT + ATTRIBUTING, servers, "EXL421")
    assert (finding.location.path, finding.location.region.start_line, finding.location.region.start_column) == (
        ONLINE,
        7,
        110,
    )
    assert [(r.path, r.region.start_line) for r in finding.related] == [(ONPREM, 10)]


def test_without_a_certificate_based_connector_the_tenants_accepted_domains_are_related() -> None:
    servers = SERVERS + hybrid_send("<I>CN=CA<S>CN=mail.contoso.net")
    (finding,) = findings(TENANT, servers, "EXL421")
    assert (finding.location.path, finding.location.region.start_line) == (ONLINE, 5)
    assert finding.related[0].message == "the certificate 'Outbound to Office 365' presents: mail.contoso.net"


def test_a_host_in_an_accepted_domain_or_a_wildcard_of_one_is_accepted() -> None:
    for certificate in ("mail.contoso.com", "contoso.com", "*.contoso.com", "a.b.Contoso.com"):
        assert found(TENANT, SERVERS + hybrid_send(f"<I>CN=CA<S>CN={certificate}"), "EXL421") == [], certificate
    assert found(TENANT, SERVERS + hybrid_send("<I>CN=CA<S>CN=notcontoso.com"), "EXL421") == [(ONLINE, 5, 5)]
    assert not within_domain("mail.contoso.com", "") and within_domain("mail.contoso.com", "*.contoso.com")
