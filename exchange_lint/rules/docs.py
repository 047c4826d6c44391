"""A rule's page as text and Markdown: `explain`, SARIF `help` and docs/rules.md all come from here."""

from __future__ import annotations

from collections.abc import Sequence

from exchange_lint.generation import grouped, title
from exchange_lint.rules.api import PROFILES, Rule, docs_uri


def _sections(rule: Rule) -> list[tuple[str, str, bool]]:
    """(heading, body, is_yaml) in ruff's order; empty sections are left out."""
    doc = rule.doc
    sections = [
        ("What it does", doc.what, False),
        ("Why is this bad?", doc.why, False),
        ("Known problems", doc.known_problems, False),
        ("Example", doc.example, True),
        ("Use instead", doc.use_instead, True),
        ("Automatic fix (`check --fix`)", doc.autofix, False),
        ("References", "\n".join(f"- {ref}" for ref in doc.references), False),
    ]
    return [(heading, body.strip("\n"), is_yaml) for heading, body, is_yaml in sections if body.strip()]


def _generations(rule: Rule) -> str:
    return "; ".join(title(generation) for generation in rule.generations)


def profiles_note(rule: Rule) -> str:
    """How a benchmark's rule is switched on: `off unless profile = ["disa"] (DISA Exchange STIG)`."""
    if not rule.profiles:
        return ""
    named = " or ".join(f'profile = ["{profile}"] ({PROFILES[profile]})' for profile in rule.profiles)
    return f"off unless the configuration selects {named}"


def as_text(rule: Rule) -> str:
    lines = [f"{rule.id} {rule.name} [{rule.severity.value}]", rule.summary, f"Applies to: {_generations(rule)}"]
    if rule.profiles:
        lines.append(f"Profile: {profiles_note(rule)}")
    lines.append("")
    for heading, body, is_yaml in _sections(rule):
        lines.append(f"{heading}")
        lines.extend(("    " + line).rstrip() if is_yaml else line for line in body.splitlines())
        lines.append("")
    lines.append(f"Docs: {rule.help_uri or docs_uri(rule.id)}")
    return "\n".join(lines) + "\n"


def as_markdown(rule: Rule, heading_level: int = 2) -> str:
    hashes = "#" * heading_level
    lines = [
        f"{hashes} {rule.id} {rule.name}",
        "",
        f"{rule.summary} (default severity: `{rule.severity.value}`)",
        "",
        f"Applies to: {_generations(rule)}.",
        "",
    ]
    if rule.profiles:
        lines.extend((f"Profile: {profiles_note(rule)}.", ""))
    for heading, body, is_yaml in _sections(rule):
        lines.extend((f"{hashes}# {heading}", ""))
        lines.extend(("```yaml", body, "```") if is_yaml else (body,))
        lines.append("")
    return "\n".join(lines)


def _profile_mark(rule: Rule) -> str:
    return f" (profile: {', '.join(f'`{profile}`' for profile in rule.profiles)})" if rule.profiles else ""


def reference_markdown(rules: Sequence[Rule]) -> str:
    """docs/rules.md: the table, then every rule's page."""
    lines = [
        "# exchange-lint rules",
        "",
        "Generated from the rules' own documentation by `python -m exchange_lint.rules.docs`; "
        "`exchange-lint explain ID` prints the same text.",
        "",
    ]
    for generation, members in grouped(rules, lambda rule: rule.generations):
        if not members:
            continue
        lines.extend((f"## {title(generation)}", "", "| ID | name | default severity | summary |", "|---|---|---|---|"))
        lines.extend(
            f"| [{rule.id}](#{rule.id.lower()}) | `{rule.name}` | {rule.severity.value} | "
            f"{rule.summary}{_profile_mark(rule)} |"
            for rule in members
        )
        lines.append("")
    lines.extend(("## Rule pages", ""))
    body = "\n".join(
        as_markdown(rule).replace(f"## {rule.id} ", f'## <a id="{rule.id.lower()}"></a>{rule.id} ', 1) for rule in rules
    )
    return "\n".join(lines) + "\n" + body


if __name__ == "__main__":
    import sys

    from exchange_lint.rules.registry import load_rules

    sys.stdout.write(reference_markdown(load_rules()))
