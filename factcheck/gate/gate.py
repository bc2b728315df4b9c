"""The CI gate's verdict: conflicts nobody has accepted, a committed report that is out of date,
acceptances whose conflict is gone; and how to say so on a terminal and in a markdown summary.

Pure: the caller reads the files and passes what it found; nothing here touches the disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

from . import baseline as bl
from ..comparison.compare import Finding
from ..errors import shown
from ..run.pipeline import Result
from ..outputs.digest import quote_window
from ..outputs.labels import source_labels
from ..outputs.render import code, md

CURRENT, STALE, MISSING = "current", "stale", "missing"
SCHEMA_VERSION = 1  # of as_json, described by factcheck/schemas/check.schema.json


@dataclass(frozen=True)
class Fixes:
    """The commands that fix each finding, spelled with the options of the run that found it."""

    report: str
    accept: Callable[[str], str]  # topic -> command


@dataclass
class Outcome:
    result: Result
    baseline: bl.Baseline
    report_path: str
    report_state: str  # current | stale | missing
    conflicts: list[Finding] = field(default_factory=list)
    new: list[Finding] = field(default_factory=list)  # conflicts not in the baseline
    stale: list[bl.Acceptance] = field(default_factory=list)  # accepted conflicts that are gone

    @property
    def failed(self) -> bool:
        return bool(self.new) or self.report_state != CURRENT

    @cached_property
    def paths(self) -> dict[str, str]:
        return {r.source.id: r.source.path for r in self.result.sources}

    @cached_property
    def labels(self) -> dict[str, str]:
        """Source id -> its outlet's name, as the report calls it."""
        return source_labels([r.source for r in self.result.sources])

    def previously_accepted(self, f: Finding) -> list[bl.Acceptance]:
        """Entries for the same topic whose values no longer match: what this conflict replaces."""
        return [e for e in self.stale if e.topic == f.topic]


def _normal(text: str) -> str:
    return "\n".join(text.splitlines())


def evaluate(result: Result, baseline: bl.Baseline, report_path: str, render: Callable[[], str],
             committed: str | None, opening: list[str]) -> Outcome:
    """committed: the report file's text, None when there is none; render: the report this result
    gives, whose first lines are `opening`."""
    return Outcome(result, baseline, report_path, report_state(committed, opening, render),
                   bl.conflicts(result.findings), bl.unaccepted(result.findings, baseline),
                   bl.stale(result.findings, baseline))


def report_state(committed: str | None, opening: list[str], render: Callable[[], str]) -> str:
    """Whether the committed report is the one this result renders. A committed text that does not
    open with the report's first lines (its title and counts: a source added shows there) cannot be
    it, and is stale without rendering the rest, which at a thousand sources cost a third of a check."""
    if committed is None:
        return MISSING
    text = _normal(committed)  # a checkout with CRLF line ends holds the same report
    if not text.startswith(_normal("\n".join(opening) + "\n") + "\n"):
        return STALE
    return CURRENT if text == _normal(render()) else STALE


# ---------------------------------------------------------------------------------------------
# Terminal


def plain(s: str) -> str:
    """Untrusted text for a terminal or a CI log: one line, every non-printable character escaped."""
    return shown(s)


def said_by(outcome: Outcome, groups) -> str:
    """Values with the outlets that give them, on one line: 'Oltan (Desk A); Kosta (B, C)'."""
    return "; ".join(f"{plain(g.value)} ({', '.join(plain(outcome.labels.get(s, s)) for s in g.sources)})"
                     for g in groups)


def _quoted(value) -> str:
    return '"' + plain(str(value)).replace('"', '\\"') + '"'


QUOTE = 90  # characters of a claim's sentence shown on a terminal, around the words read


SHOWN = 5  # claims shown per value on a terminal; the report lists every one


def _evidence(outcome: Outcome, g) -> list[str]:
    """One line per claim of a value (at most SHOWN): who says it, where, and in which words."""
    out = []
    of: dict[str, list] = {}  # the value's claims by source, gathered once (a popular value has hundreds)
    for c in g.claims:
        of.setdefault(c.source, []).append(c)
    for sid in g.sources:
        claims = sorted(of.get(sid, ()), key=lambda c: (c.line, c.start))
        seen = set()
        for c in claims or [None]:
            where = plain(outcome.paths.get(sid, sid)) + (f":{c.line}" if c else "")
            words = plain("".join(quote_window(c.sentence, c.start - c.sentence_start,
                                               c.end - c.sentence_start, QUOTE))) if c else ""
            if (where, words) in seen:
                continue
            seen.add((where, words))
            out.append(f"{plain(outcome.labels.get(sid, sid))} ({where})" + (f' "{words}"' if words else ""))
    if len(out) > SHOWN:
        out[SHOWN:] = [f"... and {len(out) - SHOWN} more (the report lists them)"]
    return out


def text(outcome: Outcome, fixes: Fixes) -> str:
    r = outcome.result
    n_cached = len(r.sources) - len(r.fresh)
    lines = [f"factcheck: {len(r.sources)} sources ({len(r.fresh)} extracted, {n_cached} from cache), "
             f"{len(outcome.conflicts)} conflicts, {len(outcome.conflicts) - len(outcome.new)} accepted "
             f"in {plain(outcome.baseline.path)}" + ("" if outcome.baseline.exists else " (no such file yet)")]
    for f in outcome.new:
        replaced = outcome.previously_accepted(f)
        known = {v for e in replaced for v in e.values}
        lines.append(f"NEW CONFLICT {plain(f.topic)} (not accepted in {plain(outcome.baseline.path)})")
        for g in f.values:
            mark = "  <- new" if replaced and str(g.value) not in known else ""
            lines.append(f"  {_quoted(g.value)}{mark}")
            lines += [f"    {e}" for e in _evidence(outcome, g)]
        for e in replaced:
            lines.append(f"  replaces the accepted {', '.join(map(_quoted, e.values))} "
                         f"({plain(outcome.baseline.path)}:{e.line})")
        lines.append("  after checking the sources, accept it:")
        lines.append("    " + plain(fixes.accept(f.topic)))
    if outcome.report_state != CURRENT:
        what = "is missing" if outcome.report_state == MISSING else "is out of date with the sources"
        lines.append(f"STALE REPORT {plain(outcome.report_path)} {what}; regenerate and commit it:")
        lines.append("    " + plain(fixes.report))
    for e in outcome.stale:
        if outcome.new and any(e.topic == f.topic for f in outcome.new):
            continue  # already shown as replaced above
        lines.append(f"note: accepted conflict no longer found: {plain(e.topic)} "
                     f"{', '.join(map(_quoted, e.values))}; delete its entry at "
                     f"{plain(outcome.baseline.path)}:{e.line}")
    if outcome.failed:
        why = []
        if outcome.new:
            why.append(f"{len(outcome.new)} new conflict{'s' if len(outcome.new) != 1 else ''}")
        if outcome.report_state != CURRENT:
            why.append(f"report {outcome.report_state}")
        lines.append(f"factcheck: FAIL: {', '.join(why)}")
    else:
        lines.append(f"factcheck: ok: every conflict is accepted and {plain(outcome.report_path)} is current")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Markdown summary (GitHub's job summary); every piece of source text escaped


def summary(outcome: Outcome, fixes: Fixes) -> str:
    r = outcome.result
    verdict = "failed" if outcome.failed else "passed"
    out = [f"## factcheck gate: {verdict}", "",
           f"{len(r.sources)} sources · {len(outcome.conflicts)} conflicts · "
           f"{len(outcome.conflicts) - len(outcome.new)} accepted · {len(outcome.new)} new · "
           f"report {code(outcome.report_path)} {outcome.report_state}", ""]
    if outcome.new:
        out += ["### New conflicts", "", "| Topic | Values and sources | Accept it after review |", "|---|---|---|"]
        for f in outcome.new:
            values = "<br>".join(f"{code(g.value)} — {', '.join(md(outcome.labels.get(s, s)) for s in g.sources)}"
                                 for g in f.values)
            out.append(f"| {md(f.topic)} | {values} | {code(fixes.accept(f.topic))} |")
        out.append("")
    if outcome.report_state != CURRENT:
        out += ["### Report out of date", "",
                f"{code(outcome.report_path)} is {outcome.report_state}. Regenerate and commit it: "
                f"{code(fixes.report)}", ""]
    if outcome.stale:
        out += ["### Accepted conflicts no longer found", ""]
        out += [f"- {md(e.topic)}: {', '.join(code(v) for v in e.values)} "
                f"({code(f'{outcome.baseline.path}:{e.line}')})" for e in outcome.stale]
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# JSON for scripts and bots (check --format json)


def as_json(outcome: Outcome, accept_command, report_command: str) -> str:
    """The whole verdict; its schema is factcheck/schemas/check.schema.json."""

    def value(g):
        lines: dict[str, list[int]] = {}
        for c in g.claims:
            lines.setdefault(c.source, []).append(c.line)
        return {"value": str(g.value), "sources": [
            {"id": s, "path": outcome.paths.get(s, s), "lines": sorted(set(lines.get(s, [])))} for s in g.sources]}

    data = {
        "schema_version": SCHEMA_VERSION,
        "failed": outcome.failed,
        "sources": len(outcome.result.sources),
        "conflicts": len(outcome.conflicts),
        "accepted": len(outcome.conflicts) - len(outcome.new),
        "baseline": outcome.baseline.path,
        "report": {"path": outcome.report_path, "state": outcome.report_state,
                   "fix": None if outcome.report_state == CURRENT else report_command},
        "new_conflicts": [{"topic": f.topic, "values": [value(g) for g in f.values],
                           "replaces": [{"values": list(e.values), "line": e.line} for e in outcome.previously_accepted(f)],
                           "fix": accept_command(f.topic)} for f in sorted(outcome.new, key=lambda f: f.topic)],
        "stale_acceptances": [{"topic": e.topic, "values": list(e.values), "line": e.line} for e in outcome.stale],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def claims_of(f) -> list:
    return sorted((c for g in f.values for c in g.claims), key=lambda c: (c.source, c.line, c.start))


def new_evidence(outcome: Outcome, f, changed: set[Path] | None = None) -> list:
    """The claims that bring the conflict: from changed sources when known, else those whose value
    the replaced acceptance did not have, else all; never empty when the conflict has evidence."""
    claims = claims_of(f)
    if changed is not None:
        mine = [c for c in claims if Path(outcome.paths.get(c.source, c.source)).resolve() in changed]
        if mine:
            return mine
    known = {v for e in outcome.previously_accepted(f) for v in e.values}
    if known:
        fresh = [c for c in claims if str(c.value) not in known]
        if fresh:
            return fresh
    return claims
