"""The command lines the fuzzer runs; the first byte of an input picks one (see fuzz_lint.py)."""

from __future__ import annotations

import os

FROM, TO = "{from}", "{to}"  # placeholders: a route's origin and recipient
COMMANDS = (
    ["--format", "json", "org.yaml"],
    ["--format", "sarif", "-o", os.devnull, "org.yaml"],
    ["--format", "github", "org.yaml"],
    ["--format", "text", "--color", "always", "org.yaml"],
    ["route", FROM, TO, "org.yaml", "--format", "json"],
    ["gwart", "org.yaml", "--format", "json"],
    ["graph", "org.yaml", "--format", "dot"],
    ["check", "--diff", "org.yaml"],
    ["check", "--fix", "--format", "json", "org.yaml"],
    ["route", FROM, TO, "org.yaml", "--size", "20MB", "--format", "json"],
    ["route", FROM, TO, "org.yaml", "--size", "200MB"],
    ["gwart", "org.yaml"],
    ["graph", "org.yaml", "--format", "mermaid"],
    ["--format", "sarif", "--include-suppressed", "-o", os.devnull, "org.yaml"],
)
# Where a raw file is routed from: the 5.x examples' site, the 2007–SE examples' ones, a tenant.
RAW_ROUTES = (
    ("TRADE", "SMTP:user1@domain1.com"),
    ("HQ", "SMTP:ann@fabrikam.example"),
    ("EX03", "SMTP:a@b.example"),
    ("online", "SMTP:pat@fabrikam.com"),
)
STRUCTURED = 0x80  # a first byte with this bit set: the rest builds a 2007–SE document (se_documents.py)
ONLINE = 0x40  # with STRUCTURED too: a tenant, alone or beside a 2007–SE organization (online_documents.py)
COMMAND_COUNT = len(COMMANDS)
