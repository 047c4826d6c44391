"""EXL118 subdomain-edge-loop: "554 5.4.14 Hop count exceeded - possible mail loop", a subdomain of an
accepted domain routed through Edge (misconfiguration catalog S33b).

Source: https://learn.microsoft.com/exchange/troubleshoot/mailflow/hop-count-exceeded-possible-mail-loop
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.subdomain_edge_loop import RULE
from tests.lint_helpers import lint_findings, lint_text

ORG = (
    HEADER
    + """\
edge_subscriptions:
  - {edge: EDGE01, site: HQ}
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
send_connectors:
"""
)


def _send(name: str, server: str, spaces: str) -> str:
    return f"  - {{name: {name}, source_transport_servers: [{server}], address_spaces: [{spaces}]}}\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL118") == [(16, 34, "EXL118")]
    assert lint_text(RULE.doc.use_instead, "EXL118") == []


def test_bad_exact_and_wildcard_subdomains_on_the_edge() -> None:
    src = ORG + _send("Edge", "EDGE01", "'SMTP:*;1', 'SMTP:App.Contoso.com;1', 'SMTP:*.eu.contoso.com;2'")
    assert lint_text(src, "EXL118") == [(14, 83, "EXL118"), (14, 109, "EXL118")]
    found = [f for f in lint_findings(src) if f.rule_id == "EXL118"]
    assert [(r.region.start_line, r.region.start_column) for r in found[0].related] == [(12, 5)]
    assert found[0].severity.value == "warning"


def test_good_accepted_subdomain_parent_itself_other_domains_or_not_on_the_edge() -> None:
    accepted = ORG.replace(
        "  - {domain: contoso.com, type: Authoritative}\n",
        "  - {domain: contoso.com, type: Authoritative}\n  - {domain: '*.eu.contoso.com', type: InternalRelay}\n"
        "  - {domain: app.contoso.com, type: InternalRelay}\n",
    )
    assert (
        lint_text(accepted + _send("Edge", "EDGE01", "'SMTP:app.contoso.com;1', 'SMTP:x.eu.contoso.com;1'"), "EXL118")
        == []
    )
    others = ORG + _send("Edge", "EDGE01", "'SMTP:contoso.com;1', 'SMTP:fabrikam.example;1', 'SMTP:--;1'")
    assert lint_text(others, "EXL118") == []
    from_mailbox = ORG + _send("App", "EX01", "'SMTP:app.contoso.com;1'")
    assert lint_text(from_mailbox, "EXL118") == []
