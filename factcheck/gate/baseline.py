"""The baseline: conflicts people have looked at and accepted, each with the reason why.

A conflict is identified by its fingerprint: the topic and the sorted normalized values (ISO dates,
canonical names). Line numbers, sentences and which sources say what stay out of it, so edits
elsewhere in the sources do not churn the file; a new value in the topic does change it, and that
is the point: a new source that brings a new disagreement has to be looked at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..ingest import yamlread
from ..comparison.compare import CONFLICT, Finding
from ..errors import BaselineError
from ..files import read_regular
from ..defaults import ACCEPTED_FILE

HEADER = """\
# Conflicts accepted after review. `factcheck check` fails on a conflict that is not listed here.
# An entry matches a conflict by its topic and its sorted values (as the report prints them), so
# edits elsewhere in the sources do not change it. Add one with:
#   factcheck accept TOPIC --reason "why it is accepted"
# An entry whose conflict no longer exists is reported by `factcheck check`; delete it then.
"""

Fingerprint = tuple[str, tuple[str, ...]]


def fingerprint(f: Finding) -> Fingerprint:
    return f.topic, tuple(sorted({str(g.value) for g in f.values}))


@dataclass(frozen=True)
class Acceptance:
    topic: str
    values: tuple[str, ...]  # sorted
    reason: str
    line: int | None = field(default=None, compare=False)  # where it is in the file, for messages
    history: tuple[tuple[tuple[str, ...], str], ...] = ()  # (values, reason) this entry superseded, newest first

    @property
    def fingerprint(self) -> Fingerprint:
        return self.topic, self.values


@dataclass
class Baseline:
    path: str
    entries: list[Acceptance]
    exists: bool = True

    def accepts(self, f: Finding) -> bool:
        return fingerprint(f) in {e.fingerprint for e in self.entries}

    def find(self, f: Finding) -> Acceptance | None:
        return next((e for e in self.entries if e.fingerprint == fingerprint(f)), None)

    def add(self, f: Finding, reason: str) -> tuple[Acceptance, list[Acceptance]]:
        """Accept f's conflict; entries of its topic for other values are superseded: removed, their
        values and reasons kept in the new entry's history. Returns the entry and what it replaced."""
        topic, values = fingerprint(f)
        old = [e for e in self.entries if e.topic == topic and e.values != values]
        history = tuple(h for e in sorted(old, key=lambda e: e.values) for h in ((e.values, e.reason), *e.history))
        entry = Acceptance(topic, values, reason, history=history)
        self.entries = [e for e in self.entries if e not in old] + [entry]
        return entry, old

    def prune(self, findings: list[Finding]) -> list[Acceptance]:
        """Remove the entries whose conflict no longer exists; returns them."""
        gone = stale(findings, self)
        self.entries = [e for e in self.entries if e not in gone]
        return gone


def default_path(claims_path: str) -> str:
    """accepted.yaml beside the packs: in the claims directory, or next to a single pack file."""
    p = Path(claims_path)
    return str((p if p.is_dir() else p.parent) / ACCEPTED_FILE)


def conflicts(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.status == CONFLICT]


def unaccepted(findings: list[Finding], baseline: Baseline) -> list[Finding]:
    return [f for f in conflicts(findings) if not baseline.accepts(f)]


def stale(findings: list[Finding], baseline: Baseline) -> list[Acceptance]:
    """Entries whose conflict no longer exists."""
    now = {fingerprint(f) for f in conflicts(findings)}
    return sorted((e for e in baseline.entries if e.fingerprint not in now), key=lambda e: e.fingerprint)


def load(path: str) -> Baseline:
    """The baseline at path; a missing file is an empty baseline. Malformed: BaselineError, file:line."""
    p = Path(path)
    if not p.exists():
        return Baseline(path, [], exists=False)
    try:
        raw = read_regular(p, BaselineError).decode("utf-8")
    except UnicodeDecodeError:
        raise BaselineError("not UTF-8 text", path) from None
    root = yamlread.compose(raw, path, BaselineError)
    if root is None or yamlread.is_null(root):
        return Baseline(path, [])
    top = yamlread.mapping(root, path, "expected a mapping with the key 'accepted'", BaselineError)
    entries: list[Acceptance] = []
    seen: dict[Fingerprint, int] = {}
    for k, k_line, node in top:
        if k != "accepted":
            raise BaselineError(f"unknown key '{k}' (expected 'accepted')", path, k_line)
        if yamlread.is_null(node):
            continue
        for item in yamlread.sequence(node, path, "accepted: expected a list of entries", BaselineError):
            entry = _entry(item, path)
            if entry.fingerprint in seen:
                raise BaselineError(f"the same conflict is accepted twice (also line {seen[entry.fingerprint]})",
                                    path, entry.line)
            seen[entry.fingerprint] = entry.line
            entries.append(entry)
    return Baseline(path, entries)


def _entry(node: yaml.Node, path: str) -> Acceptance:
    line = yamlread.line(node)
    fields = {}
    for k, k_line, v in yamlread.mapping(node, path, "an entry is a mapping with topic, values and reason",
                                         BaselineError):
        if k not in ("topic", "values", "reason", "history"):
            raise BaselineError(f"unknown key '{k}' (allowed: topic, values, reason, history)", path, k_line)
        if k == "history":
            fields[k] = _history(v, path)
        elif k == "values":
            items = yamlread.sequence(v, path, "values: expected a list of the conflicting values", BaselineError)
            fields[k] = [yamlread.text(i, path, "values: each value is text", BaselineError) for i in items]
            if not fields[k] or any(x is None or not x.strip() for x in fields[k]):
                raise BaselineError("values: expected a non-empty list of values", path, k_line)
        else:
            fields[k] = yamlread.text(v, path, f"{k}: expected text", BaselineError)
            if not (fields[k] or "").strip():
                raise BaselineError(f"{k}: must not be empty", path, k_line)
    for k in ("topic", "values", "reason"):
        if k not in fields:
            raise BaselineError(f"entry without '{k}'", path, line)
    return Acceptance(fields["topic"].strip(), tuple(sorted(set(fields["values"]))),
                      " ".join(fields["reason"].split()), line, fields.get("history", ()))


def _history(node: yaml.Node, path: str) -> tuple:
    """history: the values and reasons an entry superseded, each a mapping with both."""
    out = []
    for item in yamlread.sequence(node, path, "history: expected a list of {values, reason}", BaselineError):
        got = {}
        for k, k_line, v in yamlread.mapping(item, path, "history: each item has values and reason", BaselineError):
            if k == "values":
                vals = yamlread.sequence(v, path, "history values: expected a list", BaselineError)
                got[k] = tuple(sorted({yamlread.text(i, path, "values: each value is text", BaselineError) or ""
                                       for i in vals}))
            elif k == "reason":
                got[k] = " ".join((yamlread.text(v, path, "reason: expected text", BaselineError) or "").split())
            else:
                raise BaselineError(f"history: unknown key '{k}' (allowed: values, reason)", path, k_line)
        if set(got) != {"values", "reason"}:
            raise BaselineError("history: each item has values and reason", path, yamlread.line(item))
        out.append((got["values"], got["reason"]))
    return tuple(out)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, s: str):
    # Single-quoted and plain scalars fold NEL and the Unicode line separators into spaces; only the
    # double-quoted style escapes them, so a value comes back exactly as written.
    style = '"' if any(c in s for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", s, style=style)


_Dumper.add_representer(str, _str)


def dump(baseline: Baseline) -> str:
    """The file's text: entries sorted by fingerprint, so it diffs cleanly."""
    entries = sorted(baseline.entries, key=lambda e: e.fingerprint)
    data = {"accepted": [{"topic": e.topic, "values": list(e.values), "reason": e.reason,
                          **({"history": [{"values": list(v), "reason": r} for v, r in e.history]} if e.history else {})}
                         for e in entries]}
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None)
    return HEADER + "\n" + body
