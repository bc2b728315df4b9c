"""Command line: a thin layer over the library. Exit 0 ok, 1 findings to act on, 2 bad input or usage."""

from __future__ import annotations

import argparse
import difflib
import os
import shlex
import sys
from pathlib import Path

from . import __version__
from .errors import FactcheckError
from .errors import shown as plain
from .files import check_target, clean_stale, locked, read_regular, write_atomic
from .defaults import ACCEPTED_FILE, DEFAULT_MAX_BYTES
from .outputs import FORMATS

DEFAULT_SOURCES = "seeds"
DEFAULT_CLAIMS = "claims"
DEFAULT_REPORT = "reports/discrepancies.md"
CACHE_DIR = ".factcheck-cache"


class UsageError(FactcheckError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump; main() turns it into exit 2
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="factcheck", description="Find where news sources disagree about the same event.")
    p.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def common(sp):
        sp.add_argument("paths", nargs="*", metavar="PATH",
                        help=f"source files or directories (default: {DEFAULT_SOURCES}/)")
        sp.add_argument("--claims", default=DEFAULT_CLAIMS, metavar="PATH",
                        help=f"an event pack or a directory of packs (default: {DEFAULT_CLAIMS}/)")
        sp.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help=f"refuse source files larger than this (default: {DEFAULT_MAX_BYTES})")
        sp.add_argument("--no-cache", action="store_true",
                        help=f"extract every source afresh, without reading or writing {CACHE_DIR}/")
        sp.add_argument("--jobs", type=int, default=_cores(), metavar="N",
                        help="extract in N processes (default: the number of cores); the output is the same")
        sp.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="where to extract: local processes (default) or a Dask cluster "
                             "(pip install 'factcheck[dask]'); the output is the same")
        sp.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 "
                             "(default: a local cluster of --jobs workers)")

    r = sub.add_parser("report", help="write the discrepancy report")
    common(r)
    r.add_argument("--format", choices=tuple(FORMATS), default="markdown")
    to_file = "/".join(n for n, f in FORMATS.items() if not f.stdout)
    to_stdout = "/".join(n for n, f in FORMATS.items() if f.stdout)
    r.add_argument("-o", "--output", metavar="FILE|-",
                   help=f"where to write (default: {DEFAULT_REPORT} for {to_file}, - for {to_stdout})")
    r.add_argument("--force", action="store_true",
                   help="replace FILE even when it is not a regular file (a symlink, a FIFO, a device)")

    c = sub.add_parser("check", help="the CI gate: fail on a conflict nobody accepted or a stale report",
                       description="Exit 0 when every conflict is accepted and the report is current; 1 when "
                                   "a conflict is not accepted or the report is stale; 2 on bad input.")
    common(c)
    c.add_argument("--baseline", metavar="FILE",
                   help=f"accepted conflicts (default: {ACCEPTED_FILE} in the claims directory)")
    c.add_argument("--report", default=DEFAULT_REPORT, metavar="FILE",
                   help=f"the committed report to keep current (default: {DEFAULT_REPORT})")
    c.add_argument("--exit-zero", action="store_true", help="advisory: report findings but exit 0")

    v = sub.add_parser("validate", help="check event packs strictly and run every rule example")
    v.add_argument("--claims", default=DEFAULT_CLAIMS, metavar="PATH",
                   help=f"an event pack or a directory of packs (default: {DEFAULT_CLAIMS}/)")

    i = sub.add_parser("init", help="write a commented starter pack for a new event")
    i.add_argument("name", metavar="NAME", help="the pack's id, e.g. port-strike-2025")
    i.add_argument("--claims", default=DEFAULT_CLAIMS, metavar="DIR",
                   help=f"the directory to write NAME.yaml into (default: {DEFAULT_CLAIMS}/)")

    e = sub.add_parser("explain", help="show, sentence by sentence, what the rules did with one source")
    e.add_argument("source", metavar="SOURCE", help="a source file")
    e.add_argument("--claims", default=DEFAULT_CLAIMS, metavar="PATH",
                   help=f"an event pack or a directory of packs (default: {DEFAULT_CLAIMS}/)")
    e.add_argument("--topic", metavar="TOPIC", help="only this topic, including the sentences where nothing fired")

    a = sub.add_parser("accept", help="accept a topic's current conflict in the baseline, with a reason")
    a.add_argument("topic", metavar="TOPIC", help="the topic whose conflict is accepted")
    common(a)
    a.add_argument("--reason", required=True, help="why the conflict is accepted (kept in the baseline)")
    a.add_argument("--baseline", metavar="FILE",
                   help=f"accepted conflicts (default: {ACCEPTED_FILE} in the claims directory)")
    return p


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class Progress:
    """A progress line on stderr for runs longer than a couple of seconds; silent when stderr is not
    a terminal (piped, CI) so logs stay clean."""

    def __init__(self, stream=sys.stderr, after: float = 2.0):
        import time

        self.clock, self.stream = time.monotonic, stream
        self.start, self.after, self.shown = self.clock(), after, False
        self.live = stream.isatty() and not os.environ.get("CI")

    def __call__(self, done: int, total: int) -> None:
        if self.live and (self.shown or self.clock() - self.start >= self.after):
            self.shown = True
            self.stream.write(f"\rfactcheck: extracted {done}/{total} sources")
            if done == total:
                self.stream.write("\n")
            self.stream.flush()


def _analyse(args):
    from .run.cache import Cache
    from .run.pipeline import run

    if args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    args.cache = None if args.no_cache else Cache(CACHE_DIR)  # main() writes it once the command succeeds
    usable = args.cache if args.cache is not None and not args.cache.refused else None
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    return run(args.paths or [DEFAULT_SOURCES], args.claims, args.max_bytes, usable, jobs=args.jobs,
               progress=Progress(), engine=args.engine, scheduler=args.scheduler)


def cmd_report(args) -> int:
    fmt = FORMATS[args.format]
    if args.output and args.output != "-":
        check_target(args.output, args.force, " (--force replaces it)")  # before a long run, not after
    result = _analyse(args)
    out = args.output or ("-" if fmt.stdout else DEFAULT_REPORT)
    write_atomic(out, fmt.write(result, _folder(out)), force=args.force, hint=" (--force replaces it)")
    return 0


def _folder(output: str) -> str:
    """Where a report's relative links start from: its own folder (the working folder for stdout)."""
    return os.path.dirname(output) if output != "-" else "."


def _same_input(args) -> list[str]:
    """The options that chose this run's input, to spell a fix command that sees the same input."""
    out = list(args.paths)
    if args.claims != DEFAULT_CLAIMS:
        out += ["--claims", args.claims]
    if args.max_bytes != DEFAULT_MAX_BYTES:
        out += ["--max-bytes", str(args.max_bytes)]
    return out


def _fixes(args):
    from .gate.gate import Fixes

    report = ["factcheck", "report", *_same_input(args)] + (["-o", args.report] if args.report != DEFAULT_REPORT else [])
    baseline = ["--baseline", args.baseline] if args.baseline else []
    return Fixes(
        report=shlex.join(report),
        accept=lambda topic: shlex.join(["factcheck", "accept", topic, *_same_input(args), *baseline,
                                         "--reason", "<why it is accepted>"]),
    )


def cmd_check(args) -> int:
    from .gate import baseline as bl
    from .gate import gate, github
    from .outputs import render

    base = bl.load(args.baseline or bl.default_path(args.claims))
    result = _analyse(args)
    report = Path(args.report)
    exists = report.exists() or report.is_symlink()
    committed = read_regular(report, FactcheckError).decode("utf-8", "replace") if exists else None
    outcome = gate.evaluate(result, base, args.report, render.markdown(result, _folder(args.report)), committed)
    fixes = _fixes(args)
    sys.stdout.write(gate.text(outcome, fixes))
    if github.active():
        for line in github.annotations(outcome, fixes.accept):
            print(line)
        github.append_summary(gate.summary(outcome, fixes))
    sys.stdout.flush()
    return 1 if outcome.failed and not args.exit_zero else 0


def cmd_accept(args) -> int:
    from .gate import baseline as bl
    from .comparison.compare import CONFLICT

    reason = " ".join(args.reason.split())
    if not reason:
        raise UsageError("--reason must say why the conflict is accepted")
    path = args.baseline or bl.default_path(args.claims)
    bl.load(path)  # a malformed baseline is refused before the run
    result = _analyse(args)
    finding = next((f for f in result.findings if f.topic == args.topic), None)
    if finding is None:
        close = difflib.get_close_matches(args.topic, sorted(f.topic for f in result.findings), n=1)
        raise UsageError(f"unknown topic '{args.topic}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    if finding.status != CONFLICT:
        raise UsageError(f"topic '{args.topic}' has no conflict to accept (its status is {finding.status})")
    with locked(path):  # read, add and write in one turn: a concurrent accept keeps its entry too
        base = bl.load(path)
        existing = base.find(finding)
        if existing:
            print(f"factcheck: {plain(args.topic)} is already accepted with these values "
                  f"({plain(path)}:{existing.line})")
            return 0
        entry = base.add(finding, reason)
        write_atomic(path, bl.dump(base))
    values = ", ".join(plain(v) for v in entry.values)
    print(f"factcheck: accepted the conflict in {plain(args.topic)} ({values}) in {plain(path)}")
    return 0


def cmd_validate(args) -> int:
    from .authoring.examples import check_pack
    from .packs.pack import load_packs

    packs = load_packs(args.claims)  # the schema: an error here is raised with file:line
    failures = [f for p in packs for f in check_pack(p)]
    for f in failures:
        print(plain(f"{f.pack}:{f.line}: {f.message()}"), file=sys.stderr)
    if failures:
        print(f"factcheck: error: {len(failures)} rule example(s) do not hold", file=sys.stderr)
        return 2
    topics = sum(len(p.topics) for p in packs)
    rules = [r for p in packs for t in p.topics.values() for r in t.rules]
    examples = sum(len(r.examples) for r in rules)
    print(f"factcheck: {len(packs)} pack(s), {topics} topics, {len(rules)} rules, {examples} examples and "
          "look-alikes: all hold")
    return 0


def cmd_init(args) -> int:
    from .authoring.scaffold import starter

    path = Path(args.claims) / f"{args.name}.yaml"
    text = starter(args.name, str(path))
    if path.exists():
        raise UsageError(f"{path} exists already; choose another name or edit it")
    write_atomic(str(path), text)
    print(plain(f"factcheck: wrote {path}; edit it, then run: factcheck validate --claims {path}"))
    return 0


def cmd_explain(args) -> int:
    from .authoring.explain import explain
    from .packs.pack import load_packs
    from .ingest.sources import load

    packs = load_packs(args.claims)
    if args.topic and not any(args.topic in p.topics for p in packs):
        known = sorted(t for p in packs for t in p.topics)
        close = difflib.get_close_matches(args.topic, known, n=1)
        raise UsageError(f"unknown topic '{args.topic}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    if Path(args.source).is_dir():
        raise UsageError(f"{args.source} is a directory; explain takes one source file")
    (src,) = load([args.source])
    sys.stdout.write(explain(src, packs, args.topic))
    return 0


COMMANDS = {"report": cmd_report, "check": cmd_check, "accept": cmd_accept, "validate": cmd_validate,
            "init": cmd_init, "explain": cmd_explain}


def _clean_up(args) -> None:
    """Temporary files a killed run left beside what this command writes or checks (they are
    git-ignored and never read, but need not pile up)."""
    from .gate.baseline import default_path

    if args.command == "report":
        path = args.output or (DEFAULT_REPORT if args.format == "markdown" else "-")
    elif args.command in ("check", "accept"):
        path = args.report if args.command == "check" else args.baseline or default_path(args.claims)
    else:
        return
    if path != "-":
        clean_stale(os.path.dirname(path) or ".")


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if getattr(args, "max_bytes", 1) <= 0:
            raise UsageError("--max-bytes must be a positive number")
        _clean_up(args)
        code = COMMANDS[args.command](args)
        cache = getattr(args, "cache", None)
        if cache is not None:  # a command that ends in an error (exit 2) never gets here: it writes no cache
            if cache.refused:
                print(f"factcheck: note: {plain(cache.refused)}; the cache is neither read nor written",
                      file=sys.stderr)
            cache.flush()
        return code
    except SystemExit as e:  # --help and --version end here
        return e.code if isinstance(e.code, int) else 0
    except FactcheckError as e:
        _error(str(e), e.path, e.line)
        return 2
    except OSError as e:
        _error(f"{e.filename or ''}: {e.strerror or e}".removeprefix(": "), e.filename)
        return 2
    except KeyboardInterrupt:
        print("factcheck: interrupted; no file was changed", file=sys.stderr)
        return 130


def _error(message: str, path=None, line=None) -> None:
    """One line on stderr whatever the message holds; in GitHub Actions also an annotation."""
    from .gate import github

    print(f"factcheck: error: {plain(message)}", file=sys.stderr)
    if github.active():
        print(github.command("error", plain(message), file=plain(github.workspace_path(str(path))) if path else None,
                             line=line, title="factcheck: bad input"))


def run() -> None:
    sys.exit(main())
