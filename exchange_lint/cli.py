"""Command-line parsing and dispatch; `main(argv)` returns the exit code (DESIGN §4, §6)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from exchange_lint import __version__
from exchange_lint.report import FORMATS, printable

if TYPE_CHECKING:
    from exchange_lint.generations.exchange40_55.model import Organization


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized without `shutil` (whose import every run would pay)."""

    def __init__(self, prog: str) -> None:
        try:
            width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
        except (ValueError, OSError):
            width = 80
        super().__init__(prog, width=max(width - 2, 40))


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `main` owns every exit code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(f"{self.prog}: error: {message}")


class _ArgumentError(Exception):
    pass


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return jobs


def _cpus() -> int:
    """The CPUs this process may run on (a container's share, not the machine's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with `only` the parser of that one command: a run builds no more than
    it parses (each command's arguments cost start-up time)."""
    parser = _Parser(
        prog="exchange-lint",
        description="Lint Microsoft Exchange message-routing connector definitions (YAML/JSON).",
    )
    parser.add_argument("--version", action="version", version=f"exchange-lint {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, add in _COMMAND_PARSERS.items():
        if only is None or only == name:
            add(commands)
    return parser


def _check_parser(commands: Any) -> None:
    check = commands.add_parser("check", help="lint files (the default command)")
    check.add_argument("paths", nargs="*", help="files or folders; default: the project (config `include`)")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "--select",
        type=_codes,
        action="extend",
        default=[],
        metavar="IDS",
        help="only these rules (IDs, prefixes like EXL1, or names; comma-separated)",
    )
    check.add_argument(
        "--ignore",
        type=_codes,
        action="extend",
        default=[],
        metavar="IDS",
        help="skip these rules (IDs, prefixes or names; comma-separated)",
    )
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--automation-id", metavar="ID", help="SARIF runs[0].automationDetails.id")
    check.add_argument("--verbose", "-v", action="store_true", help="also list skipped files")
    check.add_argument(
        "--include-suppressed",
        action="store_true",
        help="SARIF: keep suppressed and baselined findings, marked with their suppression",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=0,
        metavar="N",
        help="lint in N processes, 0 for one per CPU (used from 32 files on); the output is the same (default: 0)",
    )
    check.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the cache (`cache-dir`, .exchange-lint-cache)"
    )
    check.add_argument("--fix", action="store_true", help="apply the certain fixes to the files, then report the rest")
    check.add_argument("--diff", action="store_true", help="show the fixes --fix would make as a diff; write nothing")
    check.add_argument("--diff-base", metavar="REF", help="report only findings on lines changed since the git ref REF")
    check.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline")
    check.add_argument(
        "--write-baseline", metavar="FILE", help="record today's findings in FILE (then exit 0) for --baseline"
    )


def _route_parser(commands: Any) -> None:
    route = commands.add_parser("route", help="show where the MTA sends a recipient from a site or server, and why")
    route.add_argument(
        "origin", metavar="FROM", help="site or server the message starts at, or `online` (an Exchange Online tenant)"
    )
    route.add_argument("recipient", metavar="RECIPIENT", help="TYPE:ADDRESS, e.g. SMTP:ann@example.com")
    route.add_argument(
        "--size", help="message size (35MB, 200 KB, bytes): Exchange 2007–SE drops connectors whose limit is lower"
    )
    _model_arguments(route, ("text", "json"))


def _gwart_parser(commands: Any) -> None:
    gwart = commands.add_parser("gwart", help="print each site's routing table (GWART)")
    gwart.add_argument("--site", help="only this site")
    _model_arguments(gwart, ("text", "json"))


def _graph_parser(commands: Any) -> None:
    graph = commands.add_parser("graph", help="draw sites, servers, connectors and address spaces (Mermaid or DOT)")
    _model_arguments(graph, ("mermaid", "markdown", "dot"))


def _rules_parser(commands: Any) -> None:
    commands.add_parser("rules", help="list every rule, plugins included")


def _explain_parser(commands: Any) -> None:
    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule", help="rule ID or name, e.g. EXL101")


def _schema_parser(commands: Any) -> None:
    schema = commands.add_parser("schema", help="print the JSON Schema of connector files")
    schema.add_argument("--path", action="store_true", help="print where the schema file is instead")


_COMMAND_PARSERS: dict[str, Callable[[Any], None]] = {
    "check": _check_parser,
    "route": _route_parser,
    "gwart": _gwart_parser,
    "graph": _graph_parser,
    "rules": _rules_parser,
    "explain": _explain_parser,
    "schema": _schema_parser,
}
COMMANDS = tuple(_COMMAND_PARSERS)


def _model_arguments(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATHS", help="files or folders; default: the project")
    parser.add_argument("--organization", help="the organization to use when the files declare several")
    parser.add_argument("--format", choices=formats, default=formats[0], help=f"output format (default: {formats[0]})")


def run() -> NoReturn:
    """The console script and `python -m`: `main`, then exit without tearing the heap down.

    Everything a run built (a 10,000-connector organization is millions of objects) would
    otherwise be freed one object at a time on the way out, which took over a second; the
    output is flushed first and no file is open for writing by then. The cyclic collector stays
    off for the whole short run: after the lint (which pauses it anyway) its first full collection
    would scan everything the lint built, 0.5-0.8 s on 10,000 connectors, to free next to nothing."""
    import gc

    gc.disable()
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`| head`): nothing more can be said
        code = code or 1
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not any(a in COMMANDS for a in args_list[:1]) and not any(
        a in ("-h", "--help", "--version") for a in args_list[:1]
    ):
        args_list.insert(0, "check")
    try:
        parser = build_parser(args_list[0] if args_list and args_list[0] in COMMANDS else None)
        args, extra = parser.parse_known_args(args_list)
        # argparse cannot take `route FROM RCPT --format json FILE`: paths after options come back
        # unparsed; they are paths all the same.
        if extra and hasattr(args, "paths") and not any(item.startswith("-") for item in extra):
            args.paths = [*args.paths, *extra]
        elif extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except _ArgumentError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    except SystemExit as exit_:  # --help and --version
        return exit_.code if isinstance(exit_.code, int) else 0
    try:
        return _dispatch(args)
    except KeyboardInterrupt as stop:  # Ctrl-C; or SIGTERM while worker processes ran (parallel.Terminated)
        sys.stderr.write(f"exchange-lint: {str(stop) or 'interrupted'}\n")
        return getattr(stop, "exit_code", 130)
    except Exception as error:  # the last line of defence: a bug of ours, never a traceback
        sys.stderr.write(
            f"exchange-lint: internal error: {type(error).__name__}: {printable(str(error))} (please report it)\n"
        )
        return 2


def _dispatch(args: argparse.Namespace) -> int:
    from exchange_lint.config import ConfigError, discover
    from exchange_lint.files import UsageError
    from exchange_lint.rules.registry import PluginError, load_rules

    try:
        if args.command == "schema":
            from exchange_lint.commands import schema

            return schema.run(sys.stdout, args.path)
        if args.command in ("route", "gwart", "graph"):
            return _model_command(args)
        rules = load_rules()
        if args.command == "rules":
            from exchange_lint.commands import rules as rules_command

            return rules_command.run(rules, sys.stdout)
        if args.command == "explain":
            from exchange_lint.commands import explain

            return explain.run(rules, args.rule, sys.stdout)
        from exchange_lint.commands import check

        cwd = Path.cwd()
        options = check.CheckOptions(
            paths=tuple(args.paths),
            fmt=args.format,
            output=args.output,
            select=tuple(args.select),
            ignore=tuple(args.ignore),
            color=args.color,
            verbose=args.verbose,
            automation_id=args.automation_id,
            baseline=args.baseline,
            write_baseline=args.write_baseline,
            include_suppressed=args.include_suppressed,
            diff_base=args.diff_base,
            fix=args.fix,
            diff=args.diff,
            jobs=args.jobs or _cpus(),
            cache=not args.no_cache,
        )
        return check.run(options, discover(cwd), rules, cwd, sys.stdout, sys.stderr)
    except (UsageError, ConfigError, PluginError) as error:  # their messages may name files and connectors
        sys.stderr.write(f"exchange-lint: error: {printable(str(error))}\n")
        return 2


def _model_command(args: argparse.Namespace) -> int:
    from exchange_lint.commands.loading import load_organization
    from exchange_lint.config import discover
    from exchange_lint.engine import paused_gc

    cwd = Path.cwd()
    config = discover(cwd)
    # `route online` asks about a hybrid organization's tenant; every other question, its servers.
    online = args.command == "route" and args.origin.casefold() == "online"
    with paused_gc():
        # `graph` of files on both sides of a hybrid organization draws the pair.
        pair = args.command == "graph"
        organization = load_organization(args.paths, config, cwd, args.organization, online, pair)
        return _run_model_command(args, organization, config.rule_time_budget)


def _run_model_command(args: argparse.Namespace, organization: Any, budget: float) -> int:
    """The command for the organization's generation (a 2007–SE model, an Exchange Online tenant,
    the 4.0–5.5 one, or for `graph` the hybrid pair)."""
    from exchange_lint.generations.exchange2007_se.model import Organization as Organization2007
    from exchange_lint.generations.exchange_online.model import Organization as OrganizationOnline
    from exchange_lint.generations.hybrid.model import Organization as OrganizationHybrid

    if isinstance(organization, OrganizationHybrid):  # only `graph` asks for the pair
        from exchange_lint.commands import graph_hybrid

        return graph_hybrid.run(organization, args.format, sys.stdout)
    if isinstance(organization, Organization2007):
        return _run_2007_se_command(args, organization)
    if isinstance(organization, OrganizationOnline):
        return _run_online_command(args, organization)
    if args.command == "route" and args.size is not None:
        from exchange_lint.files import UsageError

        raise UsageError("--size applies to Exchange 2007–SE organizations: 4.0–5.5 route selection has no size step")
    return _run_40_55_command(args, organization, budget)


def _run_2007_se_command(args: argparse.Namespace, organization: Any) -> int:
    if args.command == "route":
        from exchange_lint.commands import route_se

        return route_se.run(organization, args.origin, args.recipient, args.format, sys.stdout, args.size)
    if args.command == "gwart":
        from exchange_lint.commands import gwart_se

        return gwart_se.run(organization, args.site, args.format, sys.stdout)
    from exchange_lint.commands import graph_se

    return graph_se.run(organization, args.format, sys.stdout)


def _run_online_command(args: argparse.Namespace, organization: Any) -> int:
    from exchange_lint.files import UsageError

    if args.command != "route":
        raise UsageError(
            f"{args.command} covers on-premises organizations; organization '{organization.name}' is an Exchange "
            "Online tenant here (`route online RECIPIENT` explains its outbound selection)"
        )
    if args.size is not None:
        raise UsageError("--size applies to Exchange 2007–SE organizations: Exchange Online selection has no size step")
    from exchange_lint.commands import route_online

    return route_online.run(organization, args.origin, args.recipient, args.format, sys.stdout)


def _run_40_55_command(args: argparse.Namespace, organization: Organization, budget: float) -> int:
    if args.command == "route":
        from exchange_lint.commands import route

        return route.run(organization, args.origin, args.recipient, args.format, sys.stdout)
    if args.command == "gwart":
        from exchange_lint.commands import gwart

        return gwart.run(organization, args.site, args.format, sys.stdout)
    from exchange_lint.commands import graph

    return graph.run(organization, args.format, sys.stdout, budget)
