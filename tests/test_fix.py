"""`check --fix` and `--diff` on real files: only the fixed lines change, byte for byte; the write
is atomic and idempotent; a file changed since it was linted is left alone; SARIF carries the
same edits."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from exchange_lint.config import discover
from exchange_lint.decide import Policy
from exchange_lint.engine import lint_serially
from exchange_lint.files import select_files
from exchange_lint.fix_files import FixSession
from exchange_lint.rules.registry import load_rules
from tests.conftest import DATA, REPO, RunCli, line_col

FIX = DATA / "fix"


def _copy(name: str, folder: Path, newline: bytes = b"\n") -> Path:
    target = folder / name
    target.write_bytes((FIX / name).read_bytes().replace(b"\n", newline))
    return target


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _line_of(name: str, needle: str) -> int:
    return line_col(FIX / name, needle)[0]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_fix_changes_only_the_fixed_lines(run_cli: RunCli, tmp_path: Path, newline: bytes) -> None:
    path = _copy("tangled.yaml", tmp_path, newline)
    before = _lines(path)
    smtp = _line_of("tangled.yaml", "- type: SMTP")
    second_cost = [n for n, line in enumerate(before, start=1) if line.rstrip() == b"     cost: 1"][1]
    flow = _line_of("tangled.yaml", '"SMTP:*;2"')

    result = run_cli(["check", "--fix", "tangled.yaml"], cwd=tmp_path)

    assert result.code == 1  # EXL102 and the unknown `cost` field have no certain fix
    assert "fixed 3 finding(s) in tangled.yaml" in result.err
    # The SMTP item is its three lines; the comment line after it belongs to the next item and stays.
    removed = {smtp, smtp + 1, smtp + 2, second_cost}
    expected = [line for number, line in enumerate(before, start=1) if number not in removed]
    flow_index = flow - 1 - sum(1 for number in removed if number < flow)
    expected[flow_index] = before[flow - 1].replace(b' "SMTP:*;2",', b"")
    assert _lines(path) == expected
    assert all(line.endswith(newline) for line in _lines(path))
    assert "EXL101" not in result.out and "EXL003" not in result.out and "EXL102" in result.out


def test_a_second_fix_changes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    path = _copy("tangled.yaml", tmp_path)
    run_cli(["check", "--fix", "tangled.yaml"], cwd=tmp_path)
    once = path.read_bytes()

    again = run_cli(["check", "--fix", "tangled.yaml"], cwd=tmp_path)
    diff = run_cli(["check", "--diff", "tangled.yaml"], cwd=tmp_path)

    assert path.read_bytes() == once
    assert "fixed" not in again.err and again.code == 1
    assert diff.out == "" and diff.code == 0


def test_diff_shows_the_fixes_and_writes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    path = _copy("tangled.yaml", tmp_path)
    before = path.read_bytes()

    result = run_cli(["check", "--diff", "tangled.yaml"], cwd=tmp_path)

    assert result.code == 1
    assert path.read_bytes() == before
    assert result.out.startswith("--- a/tangled.yaml\n+++ b/tangled.yaml\n")
    removed = [line for line in result.out.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in result.out.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any("type: SMTP" in line for line in removed) and len(added) == 1
    assert "3 fix(es) in 1 file(s) would be made by --fix" in result.err


def test_att_only_narrows_to_bang_paths_keeping_the_quoting(run_cli: RunCli, tmp_path: Path) -> None:
    path = _copy("att.yaml", tmp_path)
    before = path.read_text(encoding="utf-8")

    result = run_cli(["check", "--fix", "att.yaml"], cwd=tmp_path)

    assert "EXL101" not in result.out and "fixed 2 finding(s)" in result.err
    assert path.read_text(encoding="utf-8") == before.replace("address: '*'  ", "address: '*!*'  ").replace(
        "- SMTP:*@*;3", "- SMTP:*!*;3"
    )


def test_no_fix_inside_an_anchored_list_an_alias_reuses(run_cli: RunCli, tmp_path: Path) -> None:
    path = _copy("aliased.yaml", tmp_path)
    before = path.read_bytes()

    result = run_cli(["check", "--fix", "aliased.yaml"], cwd=tmp_path)

    assert path.read_bytes() == before
    assert result.out.count("EXL101") == 2 and "fix:" not in result.out and "fixable" not in result.out


def test_duplicate_keys_are_fixed_only_when_the_values_are_equal(run_cli: RunCli, tmp_path: Path) -> None:
    path = _copy("duplicates.yaml", tmp_path)
    before = _lines(path)

    result = run_cli(["check", "--fix", "duplicates.yaml"], cwd=tmp_path)

    organization = line_col(FIX / "duplicates.yaml", "organization: Contoso", 2)[0]
    servers = line_col(FIX / "duplicates.yaml", "servers: [TRADE]", 2)[0]
    notes = _line_of("duplicates.yaml", "Lotus Notes")
    expected = [line for number, line in enumerate(before, start=1) if number not in {organization, servers}]
    expected[notes - 3] = before[notes - 1].replace(b" server: TRADE,", b"", 1)
    assert _lines(path) == expected
    assert result.code == 1
    assert result.out.count("EXL003") == 1 and "address_spaces" in result.out


def test_a_suppressed_finding_is_not_fixed(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    text = (
        (FIX / "att.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "- SMTP:*@*;3       # plain compact form: stays plain",
            "- SMTP:*@*;3  # exchange-lint: disable=EXL101 -- AT&T relays this for us",
        )
    )
    path.write_text(text, encoding="utf-8")

    run_cli(["check", "--fix", "q.yaml"], cwd=tmp_path)

    assert "- SMTP:*@*;3  # exchange-lint" in path.read_text(encoding="utf-8")
    assert "address: '*!*'" in path.read_text(encoding="utf-8")


def test_the_write_is_atomic_keeps_permissions_and_follows_symlinks(run_cli: RunCli, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    target = _copy("att.yaml", real)
    os.chmod(target, 0o640)
    link = tmp_path / "att.yaml"
    link.symlink_to(target)
    before_names = sorted(os.listdir(real))

    run_cli(["check", "--fix", "att.yaml"], cwd=tmp_path)

    assert link.is_symlink() and "*!*" in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(os.listdir(real)) == before_names  # no temporary file left behind


def _lint_folder(folder: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(folder)
    config = discover(folder)
    files = select_files(["att.yaml"], config)
    return lint_serially(files, config, load_rules(), Policy.from_options(config, (), ()).enabled, folder)


def test_a_file_changed_since_it_was_linted_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _copy("att.yaml", tmp_path)
    result = _lint_folder(tmp_path, monkeypatch)
    session = FixSession(tmp_path)
    assert session.apply_pass(result.findings, result.documents) == 2
    edited = path.read_text(encoding="utf-8") + "# someone saved the file meanwhile\n"
    path.write_text(edited, encoding="utf-8")

    session.write()
    late = FixSession(tmp_path)
    late_count = late.apply_pass(result.findings, result.documents)

    assert "changed" in session.refused["att.yaml"]
    assert path.read_text(encoding="utf-8") == edited
    assert late_count == 0 and "changed since it was linted" in late.refused["att.yaml"]


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")], ids=["utf8-bom", "utf16"]
)
def test_the_encoding_and_byte_order_mark_are_kept(run_cli: RunCli, tmp_path: Path, bom: bytes, codec: str) -> None:
    text = (FIX / "att.yaml").read_text(encoding="utf-8")
    path = tmp_path / "att.yaml"
    path.write_bytes(bom + text.encode(codec))

    run_cli(["check", "--fix", "att.yaml"], cwd=tmp_path)

    raw = path.read_bytes()
    assert raw.startswith(bom)
    assert raw[len(bom) :].decode(codec) == text.replace("'*'  ", "'*!*'  ").replace("*@*;3", "*!*;3")


def _apply_sarif_fix(text: str, fix: dict[str, object]) -> str:
    """Carry out a SARIF fix's replacements with nothing but the log's line/column numbers."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits = []
    for change in fix["artifactChanges"]:  # type: ignore[attr-defined]
        for replacement in change["replacements"]:
            region = replacement["deletedRegion"]
            start = starts[region["startLine"] - 1] + region["startColumn"] - 1
            end = starts[region["endLine"] - 1] + region["endColumn"] - 1
            edits.append((start, end, replacement.get("insertedContent", {}).get("text", "")))
    for start, end, inserted in sorted(edits, reverse=True):
        text = text[:start] + inserted + text[end:]
    return text


def test_sarif_carries_the_same_fixes_and_validates(run_cli: RunCli, tmp_path: Path) -> None:
    from tests.sarif_validation import validate_sarif

    path = _copy("tangled.yaml", tmp_path)
    original = path.read_text(encoding="utf-8")
    run_cli(["check", "tangled.yaml", "--format", "sarif", "-o", "out.sarif"], cwd=tmp_path)
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    fixes = [result["fixes"][0] for result in log["runs"][0]["results"] if "fixes" in result]

    run_cli(["check", "--fix", "tangled.yaml"], cwd=tmp_path)

    assert len(fixes) == 3
    assert all(f["artifactChanges"][0]["artifactLocation"]["uri"] == "tangled.yaml" for f in fixes)
    text = original
    for fix in sorted(fixes, key=lambda f: -f["artifactChanges"][0]["replacements"][0]["deletedRegion"]["startLine"]):
        text = _apply_sarif_fix(text, fix)
    assert text == path.read_text(encoding="utf-8")
    assert validate_sarif(tmp_path / "out.sarif") == []


def test_fix_json_lists_the_edits(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copy(FIX / "att.yaml", tmp_path / "att.yaml")
    result = run_cli(["check", "att.yaml", "--format", "json"], cwd=tmp_path)
    fixes = [item["fix"] for item in json.loads(result.out) if item["fix"]]
    line, column = line_col(FIX / "att.yaml", "'*'")
    assert {"region": {"start_line": line, "start_column": column, "end_line": line, "end_column": column + 3},
            "text": "'*!*'"} in fixes[0]["edits"]  # fmt: skip


HEAD = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: Internet Mail Service (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
"""

# (name, file name, text, what the data must become: "same" = unchanged bytes, else a text whose
# data the fixed file's data must equal). Each came from an attempt to break --fix.
MEANING = [
    (
        "a block scalar whose content looks like a comment",
        "f.yaml",
        "version: 1\norganization: Contoso\nx-owner: |\n  team\n  # on call\nx-owner: |\n  team\n  # on call\n",
        "version: 1\norganization: Contoso\nx-owner: |\n  team\n  # on call\n",
    ),
    (
        "blank lines a keep-chomping scalar owns",
        "f.yaml",
        "version: 1\norganization: Contoso\nx-a: |+\n  hi\n\nx-a: |+\n  hi\n\n",
        "same",
    ),
    (
        "an item below its dash",
        "f.yaml",
        HEAD + '    address_spaces:\n      - "MS:CA/*;1"\n      -\n        "SMTP:*;1"\n      - "FAX:*;1"\n',
        "same",
    ),
    (
        "every space would go",
        "f.yaml",
        HEAD + '    address_spaces:\n      - "SMTP:*@a.com;1"\n      - "SMTP:*@b.com;1"\n',
        "same",
    ),
    ("keys 1 and '1' differ", "f.yaml", 'version: 1\norganization: Contoso\nx-map:\n  1: same\n  "1": same\n', "same"),
    (
        "a JSON file stays JSON",
        "f.json",
        '{\n  "version": 1,\n  "organization": "Contoso",\n  "sites": [{"name": "TRADE", "servers": ["TRADE"]}],\n'
        '  "connectors": [\n    {"name": "Internet Mail Service (TRADE)", "kind": "internet_mail", "server": "TRADE",'
        ' "address_spaces": ["SMTP:*;1"]},\n'
        '    {"name": "MS Mail Connector (TRADE)", "kind": "msmail", "server": "TRADE",'
        ' "postoffice": "CA/TCAHQPO",\n'
        '      "address_spaces": [\n        "MS:CA/*;1",\n        "SMTP:*;1"\n      ]}\n  ]\n}\n',
        '{"version": 1, "organization": "Contoso", "sites": [{"name": "TRADE", "servers": ["TRADE"]}],'
        ' "connectors": [{"name": "Internet Mail Service (TRADE)", "kind": "internet_mail", "server": "TRADE",'
        ' "address_spaces": ["SMTP:*;1"]}, {"name": "MS Mail Connector (TRADE)", "kind": "msmail", "server": "TRADE",'
        ' "postoffice": "CA/TCAHQPO", "address_spaces": ["MS:CA/*;1"]}]}',
    ),
    (
        "comma-first flow style",
        "f.yaml",
        HEAD + '    address_spaces: [\n        "SMTP:*;1"\n      , "MS:CA/*;1"\n    ]\n',
        HEAD + '    address_spaces: ["MS:CA/*;1"]\n',
    ),
    (
        "repeats inside repeats need more than a few passes",
        "f.yaml",
        "version: 1\norganization: Contoso\n"
        "x-a: {b: {c: {d: {e: 1, e: 1}, d: {e: 1}}, c: {d: {e: 1}}}, b: {c: {d: {e: 1}}}}\n"
        "x-a: {b: {c: {d: {e: 1}}}}\n",
        "version: 1\norganization: Contoso\nx-a: {b: {c: {d: {e: 1}}}}\n",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), [c[1:] for c in MEANING], ids=[c[0] for c in MEANING])
def test_a_fix_never_changes_what_the_file_means(
    run_cli: RunCli, tmp_path: Path, name: str, text: str, expected: str
) -> None:
    from exchange_lint.load import load_text

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    first = run_cli(["check", "--fix", name], cwd=tmp_path)
    fixed = path.read_text(encoding="utf-8")
    second = run_cli(["check", "--fix", name], cwd=tmp_path)

    assert "Traceback" not in first.err and "not fixed" not in first.err, first.err
    if expected == "same":
        assert fixed == text
    else:
        assert fixed != text and load_text(name, fixed).data == load_text(name, expected).data
        assert "EXL003" not in first.out
    if name.endswith(".json"):
        json.loads(fixed)
    assert path.read_text(encoding="utf-8") == fixed and "fixed" not in second.err


def test_a_refused_file_does_not_stop_the_others(run_cli: RunCli, tmp_path: Path) -> None:
    stuck = _copy("att.yaml", tmp_path)
    os.chmod(stuck, 0o444)
    other = _copy("duplicates.yaml", tmp_path)
    before = other.read_text(encoding="utf-8")

    result = run_cli(["check", "--fix", "att.yaml", "duplicates.yaml"], cwd=tmp_path)

    assert result.code == 2 and "att.yaml: not fixed, the file is read-only" in result.err
    assert "address: '*!*'" not in stuck.read_text(encoding="utf-8")
    assert other.read_text(encoding="utf-8") != before and "fixed 3 finding(s) in duplicates.yaml" in result.err


def test_hard_links_are_not_split(run_cli: RunCli, tmp_path: Path) -> None:
    path = _copy("att.yaml", tmp_path)
    os.link(path, tmp_path / "other-name.yaml.bak")
    result = run_cli(["check", "--fix", "att.yaml"], cwd=tmp_path)
    assert result.code == 2 and "2 hard links" in result.err and "'*!*'" not in path.read_text(encoding="utf-8")


def test_diff_shows_every_pass_as_fix_makes_it(run_cli: RunCli, tmp_path: Path) -> None:
    import difflib

    text = MEANING[-1][2]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "f.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b" / "f.yaml").write_text(text, encoding="utf-8")

    shown = run_cli(["check", "--diff", "f.yaml"], cwd=tmp_path / "a")
    run_cli(["check", "--fix", "f.yaml"], cwd=tmp_path / "b")

    fixed = (tmp_path / "b" / "f.yaml").read_text(encoding="utf-8")
    expected = difflib.unified_diff(
        text.splitlines(keepends=True), fixed.splitlines(keepends=True), "a/f.yaml", "b/f.yaml"
    )
    assert shown.out == "".join(expected) and shown.code == 1


def test_diff_keeps_unusual_line_breaks(run_cli: RunCli, tmp_path: Path) -> None:
    text = (FIX / "att.yaml").read_text(encoding="utf-8").replace("\n", "\u2028")
    (tmp_path / "att.yaml").write_text(text, encoding="utf-8")
    result = run_cli(["check", "--diff", "att.yaml"], cwd=tmp_path)
    assert result.code == 1 and "No newline" not in result.out and "+        address: '*!*'" in result.out


def test_a_repeated_key_whose_value_is_an_alias_is_not_fixed(run_cli: RunCli, tmp_path: Path) -> None:
    """An alias node carries its anchor's marks, before the key: removing "key to value" there
    once copied text instead (found by the fuzzer: the file grew to a million lines)."""
    text = "version: 1\norganization: Contoso\nx-a: &a value\nx-b: *a\nx-b: *a\n"
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli(["check", "--fix", "f.yaml"], cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == text and "EXL003" in result.out


def test_the_fuzzer_input_that_grew_a_file_now_only_shrinks_it(run_cli: RunCli, tmp_path: Path) -> None:
    source = DATA / "fuzz" / "oom-alias-duplicate.yaml"
    path = tmp_path / "org.yaml"
    shutil.copy(source, path)
    result = run_cli(["check", "--fix", "--format", "json", "org.yaml"], cwd=tmp_path)
    assert result.code in (0, 1) and "Traceback" not in result.err
    fixed = path.read_bytes()
    assert len(fixed) < len(source.read_bytes())
    assert set(fixed.splitlines()) <= set(source.read_bytes().splitlines())  # lines removed, none made


ORG = (REPO / "examples" / "q169117-fixed.yaml").read_text(encoding="utf-8")
PARTNER_IMS = """\
  - name: Partner IMS (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:partner.example;1"]
"""


def test_a_removed_line_keeps_its_disable_file_comment(run_cli: RunCli, tmp_path: Path) -> None:
    """The repeated key goes; the file-wide suppression it carried stays, so EXL201 stays suppressed."""
    directive = "# exchange-lint: disable-file=EXL201 -- the partner host is ours"
    text = ORG.replace("routing_tests:", PARTNER_IMS + "routing_tests:").replace(
        "organization: Contoso Fixed\n", f"organization: Contoso Fixed\norganization: Contoso Fixed  {directive}\n"
    )
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")
    assert run_cli(["check", "--format", "json", "org.yaml"], cwd=tmp_path).out.count('"EXL201"') == 0

    result = run_cli(["check", "--fix", "--format", "json", "org.yaml"], cwd=tmp_path)

    assert "fixed 1 finding(s) in org.yaml" in result.err
    assert path.read_text(encoding="utf-8") == text.replace(f"organization: Contoso Fixed  {directive}", directive)
    assert json.loads(result.out) == [] and result.code == 0


def test_a_removal_under_a_line_suppression_is_not_fixed(run_cli: RunCli, tmp_path: Path) -> None:
    """A `disable=` alone on a line covers the line below: removing that line would hand the
    suppression to the next one and hide its EXL201."""
    text = ORG.replace(
        "routing_tests:",
        PARTNER_IMS.replace(
            "    server: TRADE\n",
            "    server: TRADE\n    # exchange-lint: disable=EXL201 -- the partner's host\n    server: TRADE\n",
        )
        + "routing_tests:",
    )
    path = tmp_path / "org.yaml"
    path.write_text(text, encoding="utf-8")

    result = run_cli(["check", "--fix", "org.yaml"], cwd=tmp_path)

    assert path.read_text(encoding="utf-8") == text
    assert "EXL003" in result.out and "EXL201" in result.out and "fixed" not in result.err


@pytest.mark.parametrize(
    ("values", "kept"),
    [
        (["5.0", "5.5", "5.0"], ["5.0", "5.5", "5.0"]),  # removing the third makes a last-wins reader see 5.5
        (["5.0", "5.5", "5.0", "5.0"], ["5.0", "5.5", "5.0"]),  # the last stays: it is what last-wins reads
        (["5.0", "5.0", "5.5"], ["5.0", "5.5"]),  # first and last stay, each reader sees what it saw
        (["5.0", "5.0", "5.0"], ["5.0"]),
    ],
)
def test_repeated_keys_are_removed_only_where_no_reader_sees_a_change(
    values: list[str], kept: list[str], run_cli: RunCli, tmp_path: Path
) -> None:
    """Our loader reads the first of repeated keys; PyYAML, like many readers, reads the last."""
    repeated = "".join(f'exchange: "{value}"\n' for value in values)
    path = tmp_path / "org.yaml"
    path.write_text(ORG.replace('exchange: "5.0"\n', repeated), encoding="utf-8")

    run_cli(["check", "--fix", "org.yaml"], cwd=tmp_path)

    text = path.read_text(encoding="utf-8")
    assert text == ORG.replace('exchange: "5.0"\n', "".join(f'exchange: "{value}"\n' for value in kept))
