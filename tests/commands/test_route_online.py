"""`exchange-lint route online RECIPIENT` on the Northwind tenant (examples/northwind-online.yaml):
the JSON of DESIGN §6 with §9's `decided_by` and the tenant's `assumptions`, the text step by step,
and the hybrid pair with the 2019 example linting clean."""

from __future__ import annotations

import json

from tests.conftest import REPO, RunCli

ONLINE = str(REPO / "examples" / "northwind-online.yaml")
ON_PREMISES = str(REPO / "examples" / "northwind-2019.yaml")


def test_the_hybrid_example_pair_is_clean(run_cli: RunCli) -> None:
    result = run_cli(["check", ON_PREMISES, ONLINE])
    assert (result.code, result.out) == (0, "All checked: no problems found.\n")


def test_json_through_a_transport_rule_says_what_it_assumed(run_cli: RunCli) -> None:
    result = run_cli(["route", "online", "SMTP:ann@example.net", "--format", "json", ON_PREMISES, ONLINE])
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == [
        "from",
        "recipient",
        "candidates",
        "steps",
        "selected",
        "outcome",
        "verdict",
        "decided_by",
        "assumptions",
    ]
    assert (data["from"], data["recipient"]) == ("online", "SMTP:ann@example.net")
    assert (data["selected"], data["outcome"], data["decided_by"]) == (["Signature service"], "deterministic", "rule")
    assert [step["step"] for step in data["steps"]] == ["enabled", "rule"]
    assert (
        data["steps"][-1]["reason"] == "transport rule 'Signatures on outgoing mail' routes it to 'Signature service'"
    )
    assert [(c["connector"], c["match"], c["scope"]) for c in data["candidates"]] == [
        ("Signature service", "wildcard", "transport-rule"),
        ("Signature service", "transport_rule", "transport-rule"),
    ]
    [assumed] = data["assumptions"]
    assert assumed.startswith("rule 'Signatures on outgoing mail': except_if_header_matches X-Signature-Stamped")


def test_json_with_no_connector_is_delivery_by_mx(run_cli: RunCli) -> None:
    data = json.loads(run_cli(["route", "online", "SMTP:buyer@tailspintoys.com", "--format", "json", ONLINE]).out)
    assert (data["selected"], data["outcome"], data["verdict"], data["decided_by"]) == (
        [],
        "deterministic",
        "mx",
        "default",
    )
    assert data["assumptions"] == []


def test_text_explains_each_step(run_cli: RunCli) -> None:
    result = run_cli(["route", "online", "SMTP:pat@fabrikam.com", ONLINE])
    assert result.code == 0
    assert result.out == (
        "Route from online (tenant of 'Northwind Traders') to SMTP:pat@fabrikam.com\n"
        "  candidates (an outbound connector that takes the recipient):\n"
        "   - 'Outbound to Northwind on-premises' fabrikam.com: match exact, OnPremises, smart hosts mail.contoso.com\n"
        "   - 'Signature service' *: match wildcard, Partner, smart hosts smtp.signatures.example, "
        "transport-rule scoped\n"
        "  1. relay: fabrikam.com is an InternalRelay accepted domain: a recipient with a mailbox in the tenant "
        "is delivered inside, any other is routed out as follows\n"
        "  2. enabled: enabled connectors only (a disabled connector is never chosen): kept 'Outbound to Northwind "
        "on-premises', 'Signature service'\n"
        "  3. rule: no transport rule routes it: 'Signatures on outgoing mail' (sent_to_scope is NotInOrganization, "
        "the recipient is InOrganization)\n"
        "  4. scope: not transport-rule scoped (only a rule routes to those): kept 'Outbound to Northwind "
        "on-premises'; dropped 'Signature service'\n"
        "  5. exact: recipient_domains names fabrikam.com exactly: kept 'Outbound to Northwind on-premises'\n"
        "  outcome: deterministic: 'Outbound to Northwind on-premises' (decided by exact)\n"
    )


def test_text_of_a_local_recipient(run_cli: RunCli) -> None:
    out = run_cli(["route", "online", "SMTP:kim@contoso.com", ONLINE]).out
    assert out.endswith("  outcome: local: an Authoritative accepted domain, delivered inside the tenant\n")


def test_a_site_of_the_hybrid_pair_is_still_routed_on_premises(run_cli: RunCli) -> None:
    result = run_cli(["route", "HQ", "SMTP:ann@example.net", ON_PREMISES, ONLINE])
    assert result.code == 0 and "deterministic: 'Internet HQ'" in result.out


def test_usage_errors(run_cli: RunCli) -> None:
    site = run_cli(["route", "HQ", "SMTP:ann@example.net", ONLINE])
    assert site.code == 2 and "route it from `online`, not 'HQ'" in site.err
    fax = run_cli(["route", "online", "FAX:12345", ONLINE])
    assert fax.code == 2 and "is not an SMTP address" in fax.err
    size = run_cli(["route", "online", "SMTP:ann@example.net", "--size", "10MB", ONLINE])
    assert size.code == 2 and "--size applies to Exchange 2007–SE" in size.err
    gwart = run_cli(["gwart", ONLINE])
    assert gwart.code == 2 and "is an Exchange Online tenant here" in gwart.err
    assert "Traceback" not in gwart.err
