"""EXL401 open-relay: on the `reroute` setting of an IMS that relays for every host."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.open_relay import RULE
from tests.lint_helpers import TRADE, lint_text


def _ims(name: str, reroute: str) -> str:
    return (
        f"  - name: {name}\n"
        "    kind: internet_mail\n"
        "    server: TRADE\n"
        f'    address_spaces: ["SMTP:*@{name.lower()}.example;1"]\n'
        f"    reroute: {reroute}\n"
    )


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL401") == [(10, 14, "EXL401")]
    assert lint_text(RULE.doc.use_instead) == []


def test_every_host_allowed_no_restriction_or_an_unreadable_one() -> None:
    src = (
        TRADE
        + _ims("A", '{enabled: true, allow_from: ["0.0.0.0/1", "128.0.0.0 128.0.0.0"]}')  # two halves: all of IPv4
        + _ims("B", '{enabled: true, allow_from: ["::/0"]}')
        + _ims("C", '\n      enabled: true\n      allow_from: ["10.0.0.0/8", "our office"]')
        + _ims("D", "{enabled: true, allow_from: []}")
    )
    assert lint_text(src, "EXL401") == [(10, 14, "EXL401"), (15, 14, "EXL401"), (21, 7, "EXL401"), (27, 14, "EXL401")]


def test_relaying_for_own_networks_or_not_at_all() -> None:
    src = (
        TRADE
        + _ims("A", '{enabled: true, allow_from: ["10.0.0.0/8", "192.168.0.0 255.255.0.0", "2001:db8::/32"]}')
        + _ims("B", '{enabled: false, allow_from: ["0.0.0.0/0"]}')
        + _ims("C", "{enabled: false}")
    )
    assert lint_text(src) == []
    site_connector = TRADE + "  - {name: Site, kind: site, server: TRADE, reroute: {enabled: true}}\n"
    assert lint_text(site_connector, "EXL401") == []  # only the IMS relays (the schema reports the key)
