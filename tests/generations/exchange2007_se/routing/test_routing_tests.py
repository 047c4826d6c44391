"""EXL106 on 2007–SE `routing_tests` (connector, `local`, `unreachable`, `ndr`, `size`)."""

from __future__ import annotations

from tests.conftest import REPO
from tests.generations.exchange2007_se.org_text import HQ_BRANCH
from tests.lint_helpers import lint_text

CONNECTORS = HQ_BRANCH + (
    '  - {name: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"], max_message_size: 35MB}\n'
    "routing_tests:\n"
)


def test_the_example_organizations_tests_pass() -> None:
    src = (REPO / "tests" / "data" / "exchange2007_se" / "contoso.yaml").read_text(encoding="utf-8")
    assert lint_text(src, "EXL106") == []


def test_each_way_a_2007_se_routing_test_fails() -> None:
    src = CONNECTORS + (
        '  - {from: HQ, recipient: "SMTP:ann@example.net", expect: Internet}\n'  # passes
        '  - {from: HQ, recipient: "SMTP:ann@example.net", size: 50MB, expect: Internet}\n'  # too large: ndr
        '  - {from: HQ, recipient: "SMTP:ann@contoso.com", expect: Internet}\n'  # local
        '  - {from: HQ, recipient: "X400:c=US;a= ;p=F;s=Ann", expect: unreachable}\n'  # non-SMTP: ndr
        '  - {from: NOWHERE, recipient: "SMTP:ann@example.net", expect: Internet}\n'
        '  - {from: HQ, recipient: "SMTP:ann@example.net", expect: No such}\n'
        '  - {from: HQ, recipient: "SMTP:ann@example.net", size: 50MB, expect: NDR}\n'  # passes
    )
    assert lint_text(src, "EXL106") == [(line, 5, "EXL106") for line in (17, 18, 19, 20, 21)]


def test_a_failure_quotes_the_step_that_decided_not_the_last_one() -> None:
    """From BRANCH the local partner connector wins by cost; the name step comes after and decided nothing."""
    from tests.lint_helpers import lint_findings

    src = CONNECTORS.replace("routing_tests:\n", "") + (
        '  - {name: Partner, source_transport_servers: [EX03], address_spaces: ["SMTP:*;1"], dns_routing: false,'
        " smart_hosts: [mail.fabrikam.example]}\n"
        "routing_tests:\n"
        '  - {from: BRANCH, recipient: "SMTP:ann@example.net", expect: Internet}\n'
    )
    messages = [f.message for f in lint_findings(src) if f.rule_id == "EXL106"]
    assert len(messages) == 1
    assert (
        "goes to 'Partner' (decided by cost: lowest aggregate cost is 1: kept 'Partner'; dropped 'Internet')"
        in messages[0]
    )
    assert "name sorts lowest" not in messages[0]
