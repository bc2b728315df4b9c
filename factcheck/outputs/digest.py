"""What a report shows, worked out once for every output format: outlet labels, each topic's
majority, the source × topic matrix, the timeline's windows, links to evidence lines.

The majority of a topic is the value the most independent sources give (a reprint and its original
count once); when two values lead equally there is none, and the topic is a tie.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from urllib.parse import quote

from ..comparison.compare import REVISED, Finding, ValueGroup
from ..comparison.reprints import families
from ..run.pipeline import Result
from ..values import CONFLICT, Date
from .labels import source_labels

AGREES, CONTRADICTS, TIE, SILENT = "\u2713", "\u2717", "\u2696", "\u00b7"  # ✓ ✗ ⚖ ·
SERIES = "\u2197"  # ↗ a figure of a revised topic: it neither agrees nor contradicts, it was reported at its moment
REPRINT = "\u21bb"  # ↻
CELL_CHARS = 22  # a matrix cell's value at most, so a row of ten topics stays under 400 characters


def readable(value, short: bool = False) -> str:
    """A value as an editor writes it (its type's readable()); a type without one shows its
    normalized form."""
    form = getattr(value, "readable", None)
    return form(short) if callable(form) else str(value)


def majority(f: Finding) -> ValueGroup | None:
    """The value group with strictly the most independent sources; None on a tie, no value, or a
    revised topic (its figures follow each other in time: none is a majority)."""
    if not f.values or f.status == REVISED:
        return None
    ranked = sorted(f.values, key=lambda g: -g.independent)
    if len(ranked) > 1 and ranked[1].independent == ranked[0].independent:
        return None
    return ranked[0]


@dataclass(frozen=True)
class Cell:
    text: str  # the source's value(s), short and readable; "" when silent
    mark: str  # AGREES, CONTRADICTS, TIE or SILENT
    values: tuple[str, ...] = ()  # normalized, for sorting and titles


def clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "\u2026"


def cells(f: Finding, kb) -> dict[str, Cell]:
    """Per source that gives this topic a value: what it says and how that stands to the majority."""
    lead = majority(f)
    per_source: dict[str, list] = {}
    for g in f.values:
        for s in g.sources:
            per_source.setdefault(s, []).append(g.value)
    out = {}
    for sid, vals in per_source.items():
        shown = [readable(v, short=True) for v in vals[:2]]
        text = ", ".join(shown) + (f" +{len(vals) - 2}" if len(vals) > 2 else "")
        if f.status == REVISED:
            mark = SERIES
        elif lead is None:
            mark = TIE
        elif any(v.relate(lead.value, kb) == CONFLICT for v in vals):
            mark = CONTRADICTS
        else:
            mark = AGREES
        out[sid] = Cell(clip(text, CELL_CHARS), mark, tuple(str(v) for v in vals))
    return out


def line_link(path: str, line: int, base: str, rooted: bool = False) -> str:
    """A link to a line of a source file (GitHub's #L anchors). `rooted`: from the repository root
    ('/seeds/x.txt#L5', which GitHub resolves from the root), so the text does not depend on where
    the report is written; a file outside the working folder, or `rooted` False, is linked relative to
    the report's folder `base`."""
    here = os.path.abspath(".")
    try:
        inside = os.path.commonpath([here, os.path.abspath(path)]) == here
        rel = "/" + os.path.relpath(os.path.abspath(path), here) if rooted and inside else \
            os.path.relpath(os.path.abspath(path), os.path.abspath(base))
    except ValueError:  # another drive
        rel = os.path.abspath(path)
    return quote(rel.replace(os.sep, "/"), safe="/._-~") + f"#L{line}"


def quote_window(sentence: str, i: int, j: int, room: int) -> tuple[str, str, str]:
    """(before, the words read, after), cut to about `room` characters around the words read
    (sentence[i:j]), with an ellipsis where text was left out; the whole sentence when it fits."""
    if len(sentence) <= room:
        return sentence[:i], sentence[i:j], sentence[j:]
    words = clip(sentence[i:j], max(room, 20))
    rest = max(0, room - len(words))
    tail = len(sentence) - j
    left = min(i, rest // 2)
    right = rest - left
    if tail < right:  # the sentence ends soon: the left side gets what the right one does not need
        left, right = min(i, rest - tail), tail
    before, after = sentence[:i], sentence[j:]
    if left < i:  # cut at a space, so no word shows in part
        kept = sentence[i - left:i]
        before = "\u2026" + (kept[kept.find(" ") + 1:] if " " in kept[:-1] else kept).lstrip()
    if right < tail:
        kept = sentence[j:j + right]
        after = (kept[:kept.rfind(" ")] if " " in kept[1:] else kept).rstrip() + "\u2026"
    return before, words, after


@dataclass(frozen=True)
class Window:
    """One source's date window on the timeline; one end may be unknown, never both."""

    start: dt.date | None
    end: dt.date | None

    @property
    def first(self) -> dt.date:
        return self.start or self.end

    @property
    def last(self) -> dt.date:
        return self.end or self.start

    def __str__(self) -> str:
        """'Sun 18 May 2025 – Wed 21 May 2025', or one day with the end it is."""
        if self.start and self.end:
            a, b = readable(Date.of(self.start)), readable(Date.of(self.end))
            return a if a == b else f"{a} \u2013 {b}"
        return f"{readable(Date.of(self.first))} ({'start' if self.start else 'end'} only)"


def windows(result: Result, start_topic: str, end_topic: str):
    """Per source, its window (its first full start and first full end) and what it said that could
    not be placed: ({source id: Window}, {source id: [(which end, Date)]})."""
    placed, unplaced = {}, {}
    for r in result.sources:
        starts = sorted({c.value for c in r.claims if c.topic == start_topic and isinstance(c.value, Date)}, key=str)
        ends = sorted({c.value for c in r.claims if c.topic == end_topic and isinstance(c.value, Date)}, key=str)
        full_s = [d.as_date() for d in starts if d.full]
        full_e = [d.as_date() for d in ends if d.full]
        if full_s and full_e and full_e[0] >= full_s[0]:
            placed[r.source.id] = Window(full_s[0], full_e[0])
        elif full_s or full_e:
            placed[r.source.id] = Window(full_s[0], None) if full_s else Window(None, full_e[0])
        if (starts or ends) and not (full_s and full_e):
            unplaced[r.source.id] = [("start", d) for d in starts] + [("end", d) for d in ends]
    return placed, unplaced


_DIGITS = re.compile(r"(\d+)")


def natural(label: str) -> tuple:
    """A sort key that reads numbers as numbers and ignores case."""
    return tuple(int(p) if p.isdigit() else p for p in _DIGITS.split(label.lower()))


class Outlets:
    """What a reader calls each source (its label), where its file is, the original it reprints, and
    the order a reader looks for sources in: by label, numbers by value ("Town 9" before "Town 10")."""

    def __init__(self, result: Result):
        ids = [r.source.id for r in result.sources]
        self.label = source_labels([r.source for r in result.sources])
        self.path = {r.source.id: r.source.path for r in result.sources}
        self.family = families(result.reprints, ids)

    def key(self, sid: str) -> tuple:
        return natural(self.label.get(sid, sid)), sid

    def first(self, ids: list[str], n: int) -> tuple[list[str], int]:
        """The first n of `ids` in reading order, and how many are left."""
        ordered = sorted(ids, key=self.key)
        return ordered[:n], max(0, len(ordered) - n)


def reprint_groups(outlets: Outlets) -> list[tuple[str, list[str]]]:
    """(original, [copies]) per reprint family, in reading order."""
    groups: dict[str, list[str]] = {}
    for sid, root in outlets.family.items():
        if sid != root:
            groups.setdefault(root, []).append(sid)
    return sorted(((k, sorted(v, key=outlets.key)) for k, v in groups.items()), key=lambda g: outlets.key(g[0]))

