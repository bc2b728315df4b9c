"""Compare per topic: which sources agree, which refine each other, which conflict.

Never pick a winner: every value is kept with the sources that give it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..extraction.extract import Claim
from ..values import COMPATIBLE, CONFLICT, SAME, Date, Entity, Knowledge, Value, refines

AGREE, SINGLE, SILENT = "agree", "single", "silent"
STATUSES = (CONFLICT, COMPATIBLE, AGREE, SINGLE, SILENT)


@dataclass
class ValueGroup:
    value: Value
    claims: list[Claim]
    sources: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)  # the originals behind the sources
    independent: int = 0  # sources counted once per reprint family


@dataclass
class Finding:
    topic: str
    status: str
    values: list[ValueGroup]
    silent: list[str]

    @property
    def fingerprint(self) -> str:
        return self.topic + ":" + "|".join(sorted(str(g.value) for g in self.values))


def most_specific(claims: list[Claim], kb: Knowledge) -> list[Claim]:
    """A source's claims for one topic without the values another of its values refines
    ("Alsace" goes when the same source says "Colmar"); the first claim of each value stays."""
    firsts: dict[str, Claim] = {}
    for c in sorted(claims, key=lambda c: (c.derived, c.start)):
        firsts.setdefault(str(c.value), c)
    keep = []
    for v, c in firsts.items():
        if not any(refines(d.value, c.value, kb) for w, d in firsts.items() if w != v):
            keep.append(c)
    return keep


def compare(topic: str, claims: list[Claim], source_ids: list[str], kb: Knowledge,
            family: dict[str, str] | None = None) -> Finding:
    """One finding for a topic over all sources; `family` maps a reprint to the source it copies."""
    family = family or {}
    per_source: dict[str, list[Claim]] = {}
    for c in claims:
        per_source.setdefault(c.source, []).append(c)
    groups: list[ValueGroup] = []
    by_value: dict[Value, ValueGroup] = {}  # a value seen before joins its group without comparing
    values: dict[str, list[Value]] = {}  # each source's values, as their groups hold them
    for sid in sorted(per_source):
        values[sid] = []
        for c in most_specific(per_source[sid], kb):
            g = by_value.get(c.value) or next((g for g in groups if g.value.relate(c.value, kb) == SAME), None)
            if g is None:
                groups.append(g := ValueGroup(c.value, []))
            by_value[c.value] = g
            g.claims.append(c)
            if not g.sources or g.sources[-1] != sid:  # sources come one after another
                g.sources.append(sid)
                values[sid].append(g.value)
    for g in groups:
        g.families = sorted({family.get(s, s) for s in g.sources})
        g.independent = len(g.families)
    groups.sort(key=lambda g: (-g.independent, -len(g.sources), str(g.value)))
    silent = sorted(set(source_ids) - set(per_source))
    stated = {str(g.value) for g in groups if not _undated(g.value)}
    return Finding(topic, _status(values, len(stated) if stated else len(groups), kb), groups, silent)


def _undated(v: Value) -> bool:
    """A weekday or a day with no year that nothing could anchor: it says less than the sources that
    date it, not something else, so it does not turn their agreement into a refinement."""
    return isinstance(v, Date) and (v.year is None) and (v.weekday is not None or v.day is not None)


def _sources_conflict(a: list[Value], b: list[Value], kb: Knowledge) -> bool:
    if all(isinstance(v, Entity) and v.type == "place" for v in a + b):
        # Places add up ("in Colmar and Mulhouse"): two sources conflict only if no place of one
        # fits any place of the other.
        return all(x.relate(y, kb) == CONFLICT for x in a for y in b)
    return any(x.relate(y, kb) == CONFLICT for x in a for y in b)


def _status(values: dict[str, list[Value]], n_groups: int, kb: Knowledge) -> str:
    if not values:
        return SILENT
    # Sources that give the same values relate the same way: compare each distinct set once, so
    # thousands of sources cost what their few distinct answers cost.
    sets = list({tuple(sorted(map(str, vs))): vs for vs in values.values()}.values())
    if any(_sources_conflict(vs, vs, kb) for vs in sets if len(vs) > 1 and not
           all(isinstance(v, Entity) and v.type == "place" for v in vs)):
        return CONFLICT  # a source contradicts itself
    if any(_sources_conflict(a, b, kb) for i, a in enumerate(sets) for b in sets[i + 1:]):
        return CONFLICT
    if len(values) == 1:
        return SINGLE
    # n_groups counts the distinct dated values; undated ones that fit them (no conflict above)
    # leave an agreement an agreement: "21 May" everywhere and one outlet's bare "Wednesday".
    return AGREE if n_groups == 1 else COMPATIBLE
