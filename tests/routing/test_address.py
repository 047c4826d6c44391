"""Matching per address type and its match classes (domain doc §1.3, §3)."""

from __future__ import annotations

import pytest

from exchange_lint.addresses import BLANK, EXACT, WILDCARD, match, parse_recipient


def _match(space_type: str, pattern: str, recipient: str) -> tuple[str, int] | None:
    parsed = parse_recipient(recipient)
    assert parsed is not None
    found = match(space_type, pattern, parsed)
    return None if found is None else (found.kind, found.literals)


@pytest.mark.parametrize("pattern", ["company.com", "@company.com", "COMPANY.COM"])
def test_q229961_a_bare_domain_never_matches_a_normal_address(pattern: str) -> None:
    """KB Q229961: the MTA compares the whole address, local part included."""
    assert _match("SMTP", pattern, "SMTP:user@company.com") is None


def test_q196793_star_at_domain_matches_every_user_of_the_domain() -> None:
    assert _match("SMTP", "*@company.com", "SMTP:User@Company.COM") == (WILDCARD, 12)
    assert _match("SMTP", "*@company.com", "SMTP:user@sub.company.com") is None


def test_excc05_10_star_dot_com_matches_the_ending() -> None:
    assert _match("SMTP", "*.com", "SMTP:user@company.com") == (WILDCARD, 4)


def test_xog04003_percent_matches_exactly_one_character() -> None:
    assert _match("SMTP", "user%@x.com", "SMTP:user1@x.com") == (WILDCARD, 10)
    assert _match("SMTP", "user%@x.com", "SMTP:user12@x.com") is None
    assert _match("SMTP", "user%@x.com", "SMTP:user@x.com") is None


def test_exact_address_is_the_exact_class() -> None:
    assert _match("SMTP", "ann@x.com", "SMTP:ANN@x.com") == (EXACT, 9)


def test_q152471_blank_is_a_type_only_match_and_other_types_never_match() -> None:
    assert _match("SMTP", "", "SMTP:anything@x.com") == (BLANK, 0)
    assert _match("SMTP", "*", "X400:c=US;a= ;p=X") is None
    assert _match("smtp", "*", "SMTP:a@b.c") == (WILDCARD, 0)


def test_q147044_att_bang_paths_match_only_bang_patterns() -> None:
    """KB Q147044: `*!*` takes AT&T bang paths, `*!*@*` mixed ones, everything else goes to blank."""
    assert _match("SMTP", "*!*", "SMTP:attmail!user") == (WILDCARD, 1)
    assert _match("SMTP", "*!*", "SMTP:user@example.com") is None
    assert _match("SMTP", "*!*@*", "SMTP:attmail!user") is None
    assert _match("SMTP", "*!*@*", "SMTP:host!user@example.com") == (WILDCARD, 2)


def test_bores_mta_x400_is_compared_attribute_by_attribute_down_the_hierarchy() -> None:
    recipient = "X400:c=GB;a=TMAILUK;p=Partner;o=Sales;s=Smith"
    assert _match("X400", "c=GB;a=TMAILUK;p=*", recipient) == (WILDCARD, 9)
    # Every routing attribute the recipient has is matched literally: an exact O/R match (the personal
    # name `s` is not a routing attribute).
    assert _match("X400", "c=gb/a=tmailuk/p=partner/o=sales", recipient) == (EXACT, 21)
    assert _match("X400", "c=US", recipient) is None
    assert _match("X400", "c=GB;a=TMAILUK;p=Other", recipient) is None
    assert _match("X400", "c=*", recipient) == (WILDCARD, 0)


def test_q145585_single_space_admd_matches_any_admd() -> None:
    assert _match("X400", "c=US;a= ;p=Contoso", "X400:c=US;a=ATTMAIL;p=Contoso;o=Trade") == (WILDCARD, 9)
    assert _match("X400", "c=US;a= ;p=Contoso", "X400:c=US;a= ;p=Contoso") == (EXACT, 9)


def test_xgsac004_ms_mail_is_component_wise_and_case_insensitive() -> None:
    assert _match("MS", "CA/*", "MS:ca/tcahqpo/ann") == (WILDCARD, 2)
    assert _match("MS", "CA/TCAHQPO", "MS:CA/TCAHQPO/ANN") == (WILDCARD, 9)
    assert _match("MS", "CA/TCAHQPO/ANN", "MS:ca/tcahqpo/ann") == (EXACT, 12)
    assert _match("MS", "CA/OTHER", "MS:CA/TCAHQPO/ANN") is None
    assert _match("MS", "NET/PO/ANN", "MS:NET/PO") is None


def test_custom_types_use_the_generic_wildcard() -> None:
    assert _match("CCMAIL", "* at Ferguson", "CCMAIL:Smith, Grover at Ferguson") == (WILDCARD, 12)
    assert _match("GWISE", "GWDOM1.*.*", "GWISE:GWDOM1.PO.ann") == (WILDCARD, 8)
    assert _match("GWISE", "GWDOM1.*.*", "GWISE:GWDOM2.PO.ann") is None


def test_recipient_needs_a_type() -> None:
    assert parse_recipient("ann@example.com") is None
    assert parse_recipient("smtp:ann@example.com") is not None


def test_x400_values_may_hold_commas_and_slashes_and_ou_repeats_in_order() -> None:
    assert _match("X400", "c=US;a=MCI;p=Acme;o=Acme, Inc.", "X400:c=US;a=MCI;p=Acme;o=Acme, Inc.;s=Lee") == (
        EXACT,
        19,  # US + MCI + Acme + "Acme, Inc."
    )
    recipient = "X400:c=US;a= ;p=Corp;o=Corp;ou=Sales;ou=East;s=Lee;dda=MS:NET/PO/BOB"
    assert _match("X400", "c=US;a= ;p=Corp;o=Corp;ou1=Sales;ou2=East", recipient) is not None
    assert _match("X400", "c=US;a= ;p=Corp;o=Corp;ou1=East", recipient) is None


def test_hostile_wildcard_patterns_match_in_linear_time() -> None:
    """`*a*a*a...%` against a long near-miss: a backtracking regex would take minutes here."""
    pattern = "*a" * 40 + "%"
    assert _match("SMTP", pattern, "SMTP:" + "a" * 60 + "@b") is None
    assert _match("SMTP", pattern, "SMTP:" + "a" * 60 + "x") == (WILDCARD, 40)


def test_whitespace_around_a_pattern_is_ignored_consistently() -> None:
    assert _match("SMTP", " * ", "SMTP:a@b.example") == (WILDCARD, 0)
    assert _match("SMTP", "  ", "SMTP:a@b.example") == (BLANK, 0)
