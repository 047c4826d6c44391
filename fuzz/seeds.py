"""Write the fuzzer's seed corpus: the shipped examples and test files, plus the hostile shapes
the adversarial review found (deep nesting, long wildcard patterns, huge literals, names that
try to forge output). The first byte of each seed picks the command (see fuzz_lint.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from fuzz_commands import COMMAND_COUNT, ONLINE, STRUCTURED  # beside this file
from se_documents import RICH_SEED

REPO = Path(__file__).resolve().parent.parent
HEADER = "version: 1\norganization: Contoso\nsites:\n  - {name: TRADE, servers: [TRADE]}\nconnectors:\n"


def hostile() -> dict[str, str]:
    star_run = "*" * 100
    return {
        "deep-flow": "version: 1\norganization: Contoso\nconnectors: " + "[" * 40_000 + "]" * 40_000 + "\n",
        "deep-block": "version: 1\norganization: Contoso\nconnectors: " + "- " * 40_000 + "x\n",
        "long-wildcards": HEADER
        + f'  - {{name: A, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:{star_run}a%;1"]}}\n'
        + f'  - {{name: B, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:{star_run}%a;1"]}}\n',
        "many-trailing-stars": HEADER
        + "".join(
            f'  - {{name: C{n}, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@d{n}.example*;1"]}}\n'
            for n in range(300)
        ),
        "long-literal": HEADER
        + f'  - {{name: L, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:{"a" * 50_000}@x.example;1"]}}\n',
        "forged-names": HEADER
        + '  - {name: "x\\n::warning::forged\\n```\\n\\u001b[31mred", kind: internet_mail, server: TRADE,'
        + ' address_spaces: ["SMTP:*;1"]}\n',
    }


def main(folder: str) -> int:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for path in [*REPO.glob("examples/*.yaml"), *REPO.glob("tests/data/*/*.yaml")]:
        (target / path.name).write_bytes(b"\0" + path.read_bytes())
    for number, (name, text) in enumerate(sorted(hostile().items())):
        (target / f"hostile-{name}").write_bytes(bytes([number]) + text.encode("utf-8"))
    # 2007–SE: the 2007–SE files (examples, tests/data/exchange2007_se) and the rich seed under every
    # command, routed from HQ (the second of fuzz_lint's RAW_ROUTES); then structured documents.
    se_files = sorted(REPO.glob("tests/data/exchange2007_se/*.yaml"))
    texts = [RICH_SEED] + [path.read_text(encoding="utf-8") for path in se_files]
    for number, text in enumerate(texts):
        for command in range(COMMAND_COUNT):
            (target / f"se-{number}-{command}").write_bytes(bytes([COMMAND_COUNT + command]) + text.encode("utf-8"))
    for command in range(COMMAND_COUNT):
        for variant in range(4):
            body = bytes((variant * 37 + command * 11 + i * 13) % 256 for i in range(64 + 64 * variant))
            (target / f"se-structured-{command}-{variant}").write_bytes(bytes([STRUCTURED | command]) + body)
    # Exchange Online: the tenant examples under every command, routed from `online` (the fourth of
    # RAW_ROUTES); then structured tenants and hybrid pairs.
    for path in sorted(REPO.glob("examples/*online*.yaml")):
        for command in range(COMMAND_COUNT):
            selector = 3 * COMMAND_COUNT + command
            (target / f"online-{path.stem}-{command}").write_bytes(bytes([selector]) + path.read_bytes())
    for command in range(COMMAND_COUNT):
        for variant in range(4):
            body = bytes((variant * 41 + command * 7 + i * 17) % 256 for i in range(96 + 96 * variant))
            selector = STRUCTURED | ONLINE | command
            (target / f"online-structured-{command}-{variant}").write_bytes(bytes([selector]) + body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else ".cache/fuzz-corpus"))
