"""EXL406: a password-like value written in a connector file, of any generation (misconfiguration
catalog S25: the file keeps a reference to a credential, never the secret)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from exchange_lint.findings import Location, Severity
from exchange_lint.generation import EVERY
from exchange_lint.load import Document, NodePath
from exchange_lint.rules.api import Rule, RuleDoc

# Keys whose value is a secret: `password`, `smtp_pwd`, `client_secret`, `credential`, `api_key`, `token`.
SECRET_KEY = re.compile(r"(?:^|_)pass(?:word|wd|phrase)?$|pwd|secret|credential|api[_-]?key|token", re.IGNORECASE)
# A reference to where a secret is kept (`vault:smtp/relay`, `env:SMTP_PASSWORD`, `keyvault://…`).
REFERENCE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?://)?[^\s:][^\s]*$")
HINT = 'keep the secret in a vault and write a reference instead (`credential_ref: "vault:smtp/relay"`)'


def is_reference(value: Any) -> bool:
    return isinstance(value, str) and REFERENCE.match(value.strip()) is not None


def _walk(data: Any, path: NodePath) -> Iterator[tuple[NodePath, str]]:
    """(path, key) of every scalar value under a secret-looking key."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str) and SECRET_KEY.search(key) and _literal(value):
                yield (*path, key), key
            else:
                yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _walk(item, (*path, index))


def _literal(value: Any) -> bool:
    """A written value that is not a reference (an empty one or a boolean flag holds no secret)."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(value.strip()) and not is_reference(value)


def secrets(document: Document) -> Iterator[tuple[str, Location, str]]:
    """(message, location, hint) for each secret in the file. The message names the key, never the value."""
    for path, key in _walk(document.data, ()):
        where = Location(document.path, document.span(path).value, document.anchor(path))
        yield f"`{key}` holds a literal value, not a reference: a secret in the file is a secret in git", where, HINT


RULE = Rule(
    generations=(EVERY,),
    id="EXL406",
    name="secret-in-file",
    severity=Severity.ERROR,
    summary="a password-like value written in a connector file",
    tags=("security",),
    doc=RuleDoc(
        what=(
            "Reports, anywhere in a connector file, a key like `password`, `pwd`, `secret`, `credential`, "
            "`api_key` or `token` (`credential_ref` included) whose value is written out rather than a reference "
            "such as `vault:smtp/relay` or `env:SMTP_PASSWORD`. The finding never repeats the value."
        ),
        why=(
            "Connector files live in git: a password written there is readable by everyone with the "
            "repository, in every clone and in its history for good. Smart-host authentication needs a "
            "credential (`-AuthenticationCredential`); the file should say where it is kept."
        ),
        example="""\
version: 1
organization: Contoso
exchange: "2019"
send_connectors:
  - name: Relay via ISP
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [smtp.isp.example]
    smart_host_auth: BasicAuthRequireTLS
    credential_ref: "vault:smtp/isp"
    password: "Summer2024!"                  # EXL406
sites: [{name: HQ, servers: [EX01]}]
""",
        use_instead="""\
version: 1
organization: Contoso
exchange: "2019"
send_connectors:
  - name: Relay via ISP
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [smtp.isp.example]
    smart_host_auth: BasicAuthRequireTLS
    credential_ref: "vault:smtp/isp"
sites: [{name: HQ, servers: [EX01]}]
""",
        references=(
            "New-SendConnector (-AuthenticationCredential) "
            "https://learn.microsoft.com/powershell/module/exchange/new-sendconnector",
        ),
        known_problems="A secret under an innocent key name (`note: hunter2`) is not found.",
    ),
)
