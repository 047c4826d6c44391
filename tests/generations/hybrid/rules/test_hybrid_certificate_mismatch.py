"""EXL420 hybrid-certificate-mismatch: catalog S40, "550 5.7.64 TenantAttribution; Relay Access Denied".

Source: https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp
"""

from __future__ import annotations

from exchange_lint.generations.hybrid.certificates import recognises, subject_name
from exchange_lint.generations.hybrid.rules.hybrid_certificate_mismatch import RULE
from tests.generations.hybrid.pair_text import ONLINE, ONPREM, SERVERS, TENANT, findings, found, hybrid_send
from tests.lint_helpers import lint_example


def _tenant(certificate: str | None, extra: str = "") -> str:
    name = f", tls_sender_certificate_name: {certificate}" if certificate else ""
    return (
        TENANT
        + "inbound_connectors:\n"
        + f"  - {{name: From on-premises, connector_type: OnPremises, sender_domains: ['*']{name}{extra}}}\n"
    )  # the connector is line 7; `tls_sender_certificate_name`'s value starts at column 110


def test_doc_example() -> None:
    assert lint_example(RULE.doc.example, "EXL420") == [(11, 34, "EXL420")]
    assert lint_example(RULE.doc.use_instead) == []


def test_a_name_the_inbound_connector_does_not_know_is_reported_on_both_sides() -> None:
    servers = SERVERS + hybrid_send()
    (finding,) = findings(_tenant("smtp.contoso.com"), servers, "EXL420")
    assert (finding.location.path, finding.location.region.start_line, finding.location.region.start_column) == (
        ONLINE,
        7,
        110,
    )
    assert [(r.path, r.region.start_line) for r in finding.related] == [(ONPREM, 10)]
    assert "mail.contoso.com" in finding.message and "5.7.64" in finding.message


def test_same_name_or_a_wildcard_parent_is_recognised() -> None:
    servers = SERVERS + hybrid_send()
    assert found(_tenant("mail.contoso.com"), servers, "EXL420") == []
    assert found(_tenant("MAIL.contoso.com."), servers, "EXL420") == []
    assert found(_tenant("'*.contoso.com'"), servers, "EXL420") == []
    assert found(_tenant("'*.fabrikam.example'"), servers, "EXL420") == [(ONLINE, 7, 110)]


def test_the_fqdn_names_the_certificate_when_no_certificate_name_is_declared() -> None:
    servers = SERVERS + hybrid_send("", ", fqdn: hybrid.contoso.com")
    assert found(_tenant("mail.contoso.com"), servers, "EXL420") == [(ONLINE, 7, 110)]
    assert found(_tenant("hybrid.contoso.com"), servers, "EXL420") == []


def test_nothing_to_compare() -> None:
    servers = SERVERS + hybrid_send()
    assert found(_tenant(None), servers, "EXL420") == []  # attributed by IP address only
    assert found(_tenant("smtp.contoso.com", ", enabled: false"), servers, "EXL420") == []
    assert found(_tenant("smtp.contoso.com"), SERVERS + hybrid_send(extra=", enabled: false"), "EXL420") == []
    assert found(_tenant("smtp.contoso.com"), SERVERS + hybrid_send("mail.contoso.com"), "EXL420") == []  # EXL408's


def test_certificate_names_as_exchange_writes_them() -> None:
    assert subject_name("<I>CN=R3, O=Let's Encrypt, C=US<S>CN=Mail.Contoso.com, O=Contoso") == "mail.contoso.com"
    assert subject_name("<I>CN=R3<S>O=Contoso") is None and subject_name("mail.contoso.com") is None
    assert recognises("*.contoso.com", "a.b.contoso.com") and not recognises("*.contoso.com", "contoso.com")
    assert not recognises("*.contoso.com", "*.contoso.net") and recognises("*.contoso.com", "*.contoso.com")
