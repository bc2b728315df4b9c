"""Command line: a thin layer over the library. Exit 0 ok, 1 findings to act on, 2 bad input or usage."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .errors import FactcheckError
from .errors import shown as plain
from .defaults import ACCEPTED_FILE, DEFAULT_MAX_BYTES
from .files import check_target, clean_stale, locked, write_atomic
from .outputs import FORMATS
from .project import DEFAULTS
from .suggest import did_you_mean

DEFAULT_SOURCES, DEFAULT_CLAIMS, DEFAULT_REPORT = (DEFAULTS[k] for k in ("sources", "claims", "report"))
CACHE_DIR = ".factcheck-cache"


class UsageError(FactcheckError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump; main() turns it into exit 2
        if message.startswith("unrecognized arguments:"):
            first = message.split(":", 1)[1].split()[0]
            message += did_you_mean(first.split("=")[0], _options(self)) if first.startswith("-") else ""
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of the parser and its subcommands: unknown arguments surface at the top."""
    out = set(parser._option_string_actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sp in action.choices.values():
                out |= _options(sp)
    return out


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="factcheck", description="Find where news sources disagree about the same event.")
    p.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    def common(sp):
        sp.add_argument("paths", nargs="*", metavar="PATH",
                        help="source files or directories (default: the project's sources, "
                             f"{DEFAULT_SOURCES}/ unless factcheck.toml says otherwise)")
        claims_option(sp)
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
                   help=f"where to write (default: the project's report, {DEFAULT_REPORT}, for {to_file}; "
                        f"- for {to_stdout})")
    r.add_argument("--force", action="store_true",
                   help="replace FILE even when it is not a regular file (a symlink, a FIFO, a device)")

    c = sub.add_parser("check", help="the CI gate: fail on a conflict nobody accepted or a stale report",
                       description="Exit 0 when every conflict is accepted and the report is current; 1 when "
                                   "a conflict is not accepted or the report is stale; 2 on bad input.")
    common(c)
    c.add_argument("--baseline", metavar="FILE",
                   help=f"accepted conflicts (default: {ACCEPTED_FILE} in the claims directory)")
    c.add_argument("--report", metavar="FILE",
                   help=f"the committed report to keep current (default: the project's, {DEFAULT_REPORT})")
    c.add_argument("--exit-zero", action="store_true", help="advisory: report findings but exit 0")
    c.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                   help="text for people (default), json for scripts, sarif for code scanning")
    c.add_argument("-o", "--output", metavar="FILE|-", default="-", help="where to write the verdict (default: -)")
    c.add_argument("--since", metavar="REF",
                   help="annotate only sources added or changed since REF (default in a pull request: its base)")

    v = sub.add_parser("validate", help="check event packs strictly and run every rule example")
    claims_option(v)

    i = sub.add_parser("init", help="scaffold an event repository whose gate passes at once",
                       description="Write sources/ with an example, claims/pack.yaml, claims/accepted.yaml, "
                                   "the report, a GitHub workflow, a pre-commit config, factcheck.toml and a README.")
    i.add_argument("dir", nargs="?", default=".", metavar="DIR", help="where to create it (default: here)")
    i.add_argument("--name", metavar="NAME", help="the pack's id (default: from DIR's name), e.g. port-strike-2025")
    i.add_argument("--force", action="store_true", help="overwrite files that exist already")
    i.add_argument("--action", metavar="OWNER/REPO@REF",
                   help="the factcheck Action the workflow uses (default: the release this version comes from)")

    e = sub.add_parser("explain", help="show, sentence by sentence, what the rules did with one source")
    e.add_argument("source", metavar="SOURCE", help="a source file")
    claims_option(e)
    e.add_argument("--topic", metavar="TOPIC", help="only this topic, including the sentences where nothing fired")

    a = sub.add_parser("accept", help="accept a topic's current conflict in the baseline, with a reason")
    a.add_argument("topic", nargs="?", metavar="TOPIC", help="the topic whose conflict is accepted")
    common(a)
    a.add_argument("--reason", help="why the conflict is accepted (kept in the baseline)")
    a.add_argument("--prune", action="store_true", help="remove accepted conflicts that no longer exist")
    a.add_argument("--baseline", metavar="FILE",
                   help=f"accepted conflicts (default: {ACCEPTED_FILE} in the claims directory)")
    return p


def claims_option(sp) -> None:
    sp.add_argument("--claims", metavar="PATH",
                    help=f"an event pack or a directory of packs (default: the project's, {DEFAULT_CLAIMS}/)")


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
    from . import api
    from .run.cache import Cache

    if args.jobs < 1:
        raise UsageError("--jobs must be 1 or more")
    args.cache = None if args.no_cache else Cache(CACHE_DIR)  # main() writes it once the command succeeds
    usable = args.cache if args.cache is not None and not args.cache.refused else None
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    return api.run(args.paths or [args.project.sources], args.claims, max_bytes=args.max_bytes, cache=usable,
                   jobs=args.jobs, progress=Progress(), engine=args.engine, scheduler=args.scheduler)


def _wrote(path: str, what: str) -> None:
    """Every command says what it wrote and where (on stderr when the data itself went to stdout)."""
    print(f"factcheck: wrote {what} to {plain(path)}", file=sys.stderr if path == "-" else sys.stdout)


def _is_subset(args) -> bool:
    """Sources named on the command line that are not the project's whole sources directory."""
    whole = Path(args.project.sources).resolve()
    return bool(args.paths) and [Path(p).resolve() for p in args.paths] != [whole]


def cmd_report(args) -> int:
    fmt = FORMATS[args.format]
    if args.output and args.output != "-":
        check_target(args.output, args.force, " (--force replaces it)")  # before a long run, not after
    out = args.output or ("-" if fmt.stdout else args.project.report)
    result = _analyse(args)  # first: bad input is reported as such
    if args.output is None and not fmt.stdout and _is_subset(args):
        raise UsageError(f"{out} is the committed report of all sources in {args.project.sources}; "
                         "a report of some sources needs -o naming another file")
    write_atomic(out, fmt.write(result, _folder(out)), force=args.force, hint=" (--force replaces it)")
    if out != "-":
        _wrote(out, f"the {args.format} report of {len(result.sources)} sources")
    return 0


def _folder(output: str) -> str:
    """Where a report's relative links start from: its own folder (the working folder for stdout)."""
    return os.path.dirname(output) if output != "-" else "."


def _same_input(args) -> list[str]:
    """The options that chose this run's input, to spell a fix command that sees the same input."""
    out = list(args.paths)
    if args.claims != args.project.claims:
        out += ["--claims", args.claims]
    if args.max_bytes != DEFAULT_MAX_BYTES:
        out += ["--max-bytes", str(args.max_bytes)]
    return out


def _fixes(args):
    from .gate.gate import Fixes

    report = ["factcheck", "report", *_same_input(args)] + (["-o", args.report] if args.report != args.project.report or _is_subset(args) else [])
    baseline = ["--baseline", args.baseline] if args.baseline else []
    return Fixes(
        report=shlex.join(report),
        accept=lambda topic: shlex.join(["factcheck", "accept", topic, *_same_input(args), *baseline,
                                         "--reason", "<why it is accepted>"]),
    )


def cmd_check(args) -> int:
    from . import api
    from .gate import baseline as bl
    from .gate import changes, gate, github, sarif

    args.report = args.report or args.project.report
    since = args.since or changes.default_base()
    baseline = args.baseline or bl.default_path(args.claims)
    bl.load(baseline)  # a malformed baseline fails before the analysis
    outcome = api.check(_analyse(args), baseline, args.report)
    fixes = _fixes(args)
    changed = _changed(since, explicit=bool(args.since))
    if args.format == "text":
        write_atomic(args.output, gate.text(outcome, fixes))
    elif args.format == "json":
        write_atomic(args.output, gate.as_json(outcome, fixes.accept, fixes.report))
    else:
        write_atomic(args.output, sarif.sarif(outcome, fixes.accept, changed))
    if args.output != "-":
        _wrote(args.output, f"the verdict as {args.format}")
    if github.active():
        found = github.annotations(outcome, fixes.accept, changed)
        for line in github.commands(found):
            print(line)
        github.append_summary(gate.summary(outcome, fixes) + "\n" + github.summary_list(found))
    sys.stdout.flush()
    return 1 if outcome.failed and not args.exit_zero else 0


def _changed(since: str | None, explicit: bool):
    """Files changed since the base, or None (annotate everything) when there is no base. A base
    taken from the environment that git cannot find is a warning, not a failure of the gate."""
    from .gate import changes

    if not since:
        return None
    try:
        return changes.changed(since)
    except FactcheckError as e:
        if explicit:
            raise
        print(f"factcheck: warning: {e}; annotating every source", file=sys.stderr)
        return None


def cmd_accept(args) -> int:
    from .gate import baseline as bl
    from .comparison.compare import CONFLICT

    if args.prune == bool(args.topic):
        raise UsageError("name a TOPIC to accept, or give --prune to remove stale entries")
    reason = " ".join((args.reason or "").split())
    if args.topic and args.reason is None:
        raise UsageError(f"accept {args.topic} needs --reason \"why it is accepted\"")
    if args.topic and not reason:
        raise UsageError("--reason must say why the conflict is accepted")
    path = args.baseline or bl.default_path(args.claims)
    bl.load(path)  # a malformed baseline fails before the analysis
    result = _analyse(args)
    finding = None
    if args.topic:
        finding = next((f for f in result.findings if f.topic == args.topic), None)
        if finding is None:
            raise UsageError(f"unknown topic '{args.topic}'{did_you_mean(args.topic, (f.topic for f in result.findings))}")
        if finding.status != CONFLICT:
            raise UsageError(f"topic '{args.topic}' has no conflict to accept (its status is {finding.status})")
    with locked(path):  # read, change and write in one turn: concurrent accepts lose nothing
        base = bl.load(path)
        if args.prune:
            gone = base.prune(result.findings)
            if gone:
                write_atomic(path, bl.dump(base))
            for e in gone:
                print(f"factcheck: removed the stale entry for {plain(e.topic)} ({', '.join(map(plain, e.values))})")
            print(f"factcheck: {len(gone)} stale entr{'y' if len(gone) == 1 else 'ies'} removed from {path}"
                  if gone else f"factcheck: no stale entries in {path}; nothing written")
            return 0
        existing = base.find(finding)
        if existing:
            print(f"factcheck: {args.topic} is already accepted with these values ({path}:{existing.line}); nothing written")
            return 0
        entry, replaced = base.add(finding, reason)
        write_atomic(path, bl.dump(base))
    values = ", ".join(plain(v) for v in entry.values)
    print(f"factcheck: accepted the conflict in {plain(args.topic)} ({values}); wrote {plain(path)}")
    for e in replaced:
        print(f"factcheck: it replaces the entry for {', '.join(map(plain, e.values))}, whose reason is kept in history")
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
    from . import api
    from .authoring import scaffold
    from .outputs import render

    root = Path(args.dir)
    name = args.name or scaffold.slug(root.resolve().name)
    files = scaffold.files(name, args.action or scaffold.ACTION)
    report = scaffold.REPORT
    clash = scaffold.existing(root, [*files, report])
    if clash and not args.force:
        raise UsageError(f"{args.dir}: would overwrite {', '.join(clash)}; use --force to replace them")
    for rel, text in files.items():
        write_atomic(str(root / rel), text)
    here = os.getcwd()
    os.chdir(root)  # the report names sources as `check` will, from the root
    try:
        write_atomic(report, render.markdown(api.run([scaffold.SOURCES], scaffold.CLAIMS)))
    finally:
        os.chdir(here)
    for rel in sorted([*files, report]):
        print(f"factcheck: wrote {(root / rel).as_posix()}")
    print(f"factcheck: next: cd {shlex.quote(args.dir)} && factcheck check; then see README.md")
    return 0


def cmd_explain(args) -> int:
    from .authoring.explain import explain
    from .packs.pack import load_packs
    from .ingest.sources import load

    packs = load_packs(args.claims)
    if args.topic and not any(args.topic in p.topics for p in packs):
        raise UsageError(f"unknown topic '{args.topic}'{did_you_mean(args.topic, (t for p in packs for t in p.topics))}")
    if Path(args.source).is_dir():
        raise UsageError(f"{args.source} is a directory; explain takes one source file")
    (src,) = load([args.source])
    sys.stdout.write(explain(src, packs, args.topic))
    return 0


COMMANDS = {"report": cmd_report, "check": cmd_check, "accept": cmd_accept, "validate": cmd_validate,
            "init": cmd_init, "explain": cmd_explain}


@contextmanager
def _at_root(args):
    """Run at the project's root, found upward from the working directory, with the paths given on
    the command line re-expressed from there: a run from a subfolder sees the same files, the
    report names them the same way, and annotations get paths from the checkout's root."""
    from .project import find, from_root

    args.project = project = find()
    for name in ("paths", "claims", "baseline", "report", "output", "source"):
        value = getattr(args, name, None)
        if isinstance(value, list):
            setattr(args, name, [from_root(project.root, v) for v in value])
        elif value is not None and value != "-":
            setattr(args, name, from_root(project.root, value))
    if args.claims is None:
        args.claims = project.claims
    if args.command == "check" and args.report is None:
        args.report = project.report
    here = os.getcwd()
    os.chdir(project.root)
    try:
        yield
    finally:
        os.chdir(here)


def _clean_up(args) -> None:
    """Temporary files a killed run left beside what this command writes or checks (they are
    git-ignored and never read, but need not pile up)."""
    from .gate.baseline import default_path

    if args.command == "report":
        path = args.output or (args.project.report if args.format == "markdown" else "-")
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
        if args.command == "init":
            return cmd_init(args)
        with _at_root(args):
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
