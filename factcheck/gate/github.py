"""GitHub Actions: workflow-command annotations and the job summary.

Escaping follows the Actions toolkit (@actions/core, command.ts): in a message % \\r \\n are
percent-encoded; in a property value also : and , since they separate properties.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .gate import CURRENT, Outcome, plain


def active(env: Mapping[str, str] = os.environ) -> bool:
    return env.get("GITHUB_ACTIONS") == "true"


def escape_data(s: str) -> str:
    return str(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props) -> str:
    """`::kind file=…,line=…,title=…::message`, properties in a fixed order and None ones left out."""
    order = ("file", "line", "endLine", "col", "title")
    parts = [f"{k}={escape_property(str(props[k]))}" for k in order if props.get(k) is not None]
    return f"::{kind}{' ' + ','.join(parts) if parts else ''}::{escape_data(message)}"


def workspace_path(path: str, cwd: str | None = None) -> str:
    """A path as the annotation wants it: relative to the checkout, forward slashes."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path(cwd or os.getcwd()).resolve())
        except ValueError:
            pass
    return p.as_posix()


def annotations(outcome: Outcome, accept_command) -> list[str]:
    """An error on each evidence line of each new conflict, one for a stale report, a warning on
    each accepted conflict that is gone."""
    out = []
    paths = outcome.paths
    for f in outcome.new:
        seen = set()
        for g in f.values:
            others = "; ".join(f"{plain(h.value)} ({', '.join(map(plain, h.sources))})" for h in f.values if h is not g)
            for c in sorted(g.claims, key=lambda c: (c.source, c.line)):
                where = (paths.get(c.source, c.source), c.line)
                if where in seen:
                    continue
                seen.add(where)
                msg = (f"{f.topic}: this source gives {plain(g.value)}; other sources give {others}. "
                       f"If the conflict is real, accept it: {accept_command(f.topic)}")
                out.append(command("error", msg, file=workspace_path(where[0]), line=c.line,
                                   title=f"factcheck: new conflict in {f.topic}"))
    if outcome.report_state != CURRENT:
        out.append(command("error", f"{outcome.report_path} is {outcome.report_state}; regenerate and commit it",
                           file=workspace_path(outcome.report_path), title="factcheck: report out of date"))
    for e in outcome.stale:
        out.append(command("warning", f"accepted conflict no longer found: {e.topic} {', '.join(e.values)}; "
                           "delete this entry", file=workspace_path(outcome.baseline.path), line=e.line,
                           title="factcheck: stale acceptance"))
    return out


def append_summary(markdown: str, env: Mapping[str, str] = os.environ) -> None:
    """Append to the job summary file, when the runner provides one."""
    path = env.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(markdown.rstrip("\n") + "\n\n")
