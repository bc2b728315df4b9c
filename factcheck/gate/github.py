"""GitHub Actions: workflow-command annotations and the job summary.

Escaping follows the Actions toolkit (@actions/core, command.ts): in a message % \\r \\n are
percent-encoded; in a property value also : and , since they separate properties.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .gate import CURRENT, Outcome, new_evidence, plain, said_by


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


LIMIT = 10  # GitHub shows about ten annotations per step; the rest go to the job summary


@dataclass(frozen=True)
class Annotation:
    kind: str  # error | warning
    message: str
    file: str | None = None
    line: int | None = None
    title: str | None = None

    def command(self) -> str:
        return command(self.kind, self.message, file=self.file, line=self.line, title=self.title)


def annotations(outcome: Outcome, accept_command, changed: set[Path] | None = None) -> list[Annotation]:
    """An error on each line that brings a new conflict (only in the changed files when they are
    known), one for a stale report, a warning on each accepted conflict that is gone."""

    out = []
    paths = outcome.paths
    for f in outcome.new:
        seen = set()
        for c in new_evidence(outcome, f, changed):
            if changed is not None and Path(paths.get(c.source, c.source)).resolve() not in changed:
                continue  # the change did not touch this source: the summary lists the conflict
            g = next(g for g in f.values if c in g.claims)
            where = (paths.get(c.source, c.source), c.line)
            if where in seen:
                continue
            seen.add(where)
            others = said_by(outcome, [h for h in f.values if h is not g])
            msg = (f"{f.topic}: this source gives {plain(g.value)}; other sources give {others}. "
                   f"If the conflict is real, accept it: {accept_command(f.topic)}")
            out.append(Annotation("error", msg, workspace_path(where[0]), c.line, f"factcheck: new conflict in {f.topic}"))
    if outcome.report_state != CURRENT:
        out.append(Annotation("error", f"{outcome.report_path} is {outcome.report_state}; regenerate and commit it",
                              workspace_path(outcome.report_path), None, "factcheck: report out of date"))
    for e in outcome.stale:
        out.append(Annotation("warning", f"accepted conflict no longer found: {e.topic} {', '.join(e.values)}; "
                              "delete this entry", workspace_path(outcome.baseline.path), e.line,
                              "factcheck: stale acceptance"))
    return out


def commands(found: list[Annotation], limit: int = LIMIT) -> list[str]:
    """The first `limit` as workflow commands, then one notice for the rest."""
    out = [a.command() for a in found[:limit]]
    if len(found) > limit:
        out.append(command("notice", f"and {len(found) - limit} more — see the step summary",
                           title="factcheck: more findings"))
    return out


def summary_list(found: list[Annotation]) -> str:
    """Every annotation as a markdown list for the job summary (the log shows only the first few)."""
    from ..outputs.render import code, md

    if not found:
        return ""
    rows = [f"- {a.kind} {code(a.file + (f':{a.line}' if a.line else '')) if a.file else ''} {md(a.message)}"
            for a in found]
    return "\n".join(["### Annotations", "", *rows, ""])


def append_summary(markdown: str, env: Mapping[str, str] = os.environ) -> None:
    """Append to the job summary file, when the runner provides one."""
    path = env.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(markdown.rstrip("\n") + "\n\n")
