"""Command line: a thin layer over the library. Exit 0 ok, 1 findings to act on, 2 bad input or usage."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import __version__
from .errors import FactcheckError
from .sources import DEFAULT_MAX_BYTES

DEFAULT_SOURCES = "seeds"
DEFAULT_CLAIMS = "claims"
DEFAULT_REPORT = "reports/discrepancies.md"


class UsageError(FactcheckError):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump; main() turns it into exit 2
        raise UsageError(f"{message} (see '{self.prog} --help')")


def write_atomic(path: str, text: str) -> None:
    """Write via a temporary file and a rename, so an interrupted run leaves the old file whole."""
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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

    r = sub.add_parser("report", help="write the discrepancy report")
    common(r)
    r.add_argument("--format", choices=("markdown", "json"), default="markdown")
    r.add_argument("-o", "--output", metavar="FILE|-",
                   help=f"where to write (default: {DEFAULT_REPORT} for markdown, - for json)")
    return p


def cmd_report(args) -> int:
    from . import render
    from .pipeline import run

    result = run(args.paths or [DEFAULT_SOURCES], args.claims, args.max_bytes)
    if args.format == "json":
        write_atomic(args.output or "-", render.as_json(result))
    else:
        write_atomic(args.output or DEFAULT_REPORT, render.markdown(result))
    return 0


COMMANDS = {"report": cmd_report}


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if getattr(args, "max_bytes", 1) <= 0:
            raise UsageError("--max-bytes must be a positive number")
        return COMMANDS[args.command](args)
    except FactcheckError as e:
        print(f"factcheck: error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"factcheck: error: {e.filename or ''}: {e.strerror or e}".replace(": :", ":"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factcheck: interrupted; no file was changed", file=sys.stderr)
        return 130


def run() -> None:
    sys.exit(main())
