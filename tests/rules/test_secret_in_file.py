"""EXL406 secret-in-file: New-SendConnector -AuthenticationCredential (catalog S25).

Source: https://learn.microsoft.com/powershell/module/exchange/new-sendconnector
"""

from __future__ import annotations

from exchange_lint.rules.secret_in_file import RULE
from tests.lint_helpers import lint_findings, lint_text

SE = 'version: 1\norganization: Contoso\nexchange: "2019"\n'
OLD = "version: 1\norganization: Contoso\nsites:\n  - {name: TRADE, servers: [TRADE]}\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL406") == [(12, 15, "EXL406")]
    assert lint_text(RULE.doc.use_instead, "EXL406") == []


def test_literal_secrets_in_any_generation_never_echoed() -> None:
    src = (
        SE
        + "send_connectors:\n"
        + "  - name: Relay\n"
        + "    credential_ref: Summer2024!\n"  # not a reference
        + "    auth: {smtp_pwd: 12345678, client_secret: 'x y z'}\n"
    )
    found = [f for f in lint_findings(src) if f.rule_id == "EXL406"]
    assert [(f.location.region.start_line, f.location.region.start_column) for f in found] == [
        (6, 21),
        (7, 22),
        (7, 47),
    ]
    assert not any(secret in f.message for f in found for secret in ("Summer2024!", "12345678", "x y z"))
    assert lint_text(
        OLD + "connectors:\n  - {name: IMS, kind: internet_mail, server: TRADE, password: hunter2}\n", "EXL406"
    ) == [(6, 63, "EXL406")]


def test_references_flags_and_innocent_keys_are_not_secrets() -> None:
    src = (
        SE
        + "send_connectors:\n"
        + "  - name: Relay\n"
        + '    credential_ref: "env:SMTP_PASSWORD"\n'
        + "    password: keyvault://contoso/smtp\n"
        + "    bypass: yes-please\n"
        + "    token: ''\n"
        + "    api_key: true\n"
    )
    assert lint_text(src, "EXL406") == []
