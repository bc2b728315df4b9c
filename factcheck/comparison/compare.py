"""Compare per topic: which sources agree, which refine each other, which conflict.

Never pick a winner: every value is kept with the sources that give it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..extraction.extract import Claim
from ..language import asof
from ..values import AS_WRITTEN, COMPATIBLE, CONFLICT, FALLING, SAME, Date, Knowledge, Value, refines

AGREE, SINGLE, SILENT, REVISED = "agree", "single", "silent", "revised"
STATUSES = (CONFLICT, REVISED, COMPATIBLE, AGREE, SINGLE, SILENT)


@dataclass
class ValueGroup:
    value: Value
    claims: list[Claim]
    sources: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)  # the originals behind the sources
    independent: int = 0  # sources counted once per reprint family


@dataclass(frozen=True)
class Point:
    """One figure of a revised topic's series: when it held, what it was, who reported it."""

    as_of: str  # TIMEX3 ("2025-03-28TEV"); "" when nothing dates it (compared as today, after the rest)
    value: Value
    sources: tuple[str, ...]
    according_to: tuple[str, ...]
    superseded: bool = False  # reported as replaced: it held some time before `as_of`


@dataclass
class Finding:
    topic: str
    status: str
    values: list[ValueGroup]
    silent: list[str]
    series: list[Point] = field(default_factory=list)  # in time order, for a revised topic

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
    earlier = [c for c in claims if c.superseded]  # figures the sources report as replaced: the series only
    per_source: dict[str, list[Claim]] = {}
    for c in claims:
        if not c.superseded:
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
        if g.value.type in AS_WRITTEN:  # one instant in several zones: shown as most sources write it
            counts: dict[str, int] = {}
            for c in g.claims:
                counts[str(c.value)] = counts.get(str(c.value), 0) + 1
            g.value = next(c.value for c in g.claims if counts[str(c.value)] == max(counts.values()))
    groups.sort(key=lambda g: (-g.independent, -len(g.sources), str(g.value)))
    silent = sorted(set(source_ids) - set(per_source))
    stated = {str(g.value) for g in groups if not _undated(g.value)}
    status = _status(values, len(stated) if stated else len(groups), kb)
    series = None
    if status == CONFLICT or (earlier and status != SILENT):
        series = _series([c for g in groups for c in g.claims] + earlier, kb)
    if series and len({str(p.value) for p in series}) > 1:
        return Finding(topic, REVISED, groups, silent, series)
    return Finding(topic, status, groups, silent)


_NOW = (float("inf"), float("inf"))  # an undated figure is compared as today: after every dated one
_BEFORE = 1e-3  # hours: a replaced figure stands right before the moment of the source that replaced it


def _moment(c: Claim) -> tuple[float, float]:
    lo, hi = asof.span(c.as_of, c.as_of_part) or _NOW
    return (lo - _BEFORE, lo - _BEFORE) if c.superseded else (lo, hi)


def _label(c: Claim) -> str:
    return asof.label(c.as_of, c.as_of_part, c.as_of_progress)


def _order(key: tuple) -> tuple:
    """A point's place in the series: its day, then how far the vote count had gone that day (a
    figure with 94% of ballots counted before the final one), then its part of the day."""
    (lo, hi), progress = key[0], key[5]
    day = lo // 24 if lo != float("inf") else lo
    return (day, -1.0 if progress is None else progress, lo, hi) + key[1:5]


def _same_moment(ka: tuple, kz: tuple) -> bool:
    """Two points overlap in time, unless the count had gone further at one of them."""
    (lo_a, hi_a), (lo_b, hi_b) = ka[0], kz[0]
    if ka[5] is not None and kz[5] is not None and ka[5] != kz[5]:
        return False
    return lo_a < hi_b and lo_b < hi_a or ka[0] == kz[0]


def _series(claims: list[Claim], kb: Knowledge) -> list[Point] | None:
    """The figures as a time series when every pair that differs belongs to different moments
    (a toll of 144 on Friday evening, 1,002 later): then the topic was revised, not contradicted.
    None when two differing figures hold for overlapping moments (730 vs 732 from one Friday
    statement, or two shares at one point of a vote count), when two named agencies differ (a
    disagreement between agencies, whatever the dates or the count), when a measure is lower on a
    later day (the height a plane reached: one moment measured differently; not a share taken while
    the votes were still being counted), or when nothing dates the figures."""
    if not any(c.as_of is not None or c.as_of_progress is not None for c in claims):
        return None
    points: dict[tuple, list[Claim]] = {}
    replaced = [c.value for c in claims if c.superseded]
    dated = _dated_alike(claims, kb)
    for c in claims:
        moment, label, progress = dated.get(id(c)) or (_moment(c), _label(c), c.as_of_progress)
        points.setdefault((moment, label, str(c.value), c.according_to, c.superseded, progress), []).append(c)
    keys = sorted(points, key=_order)
    for i, ka in enumerate(keys):
        for kz in keys[i + 1 :]:
            a, b = points[ka][0], points[kz][0]
            if a.superseded or b.superseded or a.value.relate(b.value, kb) != CONFLICT:
                continue  # a replaced figure has no moment of its own to contradict another's
            if _same_moment(ka, kz):
                return None  # the same moment, two figures
            counting = ka[5] is not None and ka[5] < 100  # a share taken mid-count moves either way as it goes on
            if not counting and b.value.type not in FALLING and _below(b.value, a.value) and not any(
                    r.relate(a.value, kb) == SAME for r in replaced):
                return None  # a measure lower on a later day, no source saying the higher one was replaced
            if a.according_to and b.according_to and a.according_to != b.according_to and (
                    kb.agency(a.according_to) and kb.agency(b.according_to)):
                return None  # two agencies measuring differently
    return [Point(k[1], points[k][0].value, tuple(sorted({c.source for c in points[k]})),
                  tuple(sorted({c.according_to for c in points[k] if c.according_to})), k[4]) for k in keys]


def _dated_alike(claims: list[Claim], kb: Knowledge) -> dict[int, tuple]:
    """A figure nothing dates (a page with no date) takes the moment another source first gave the
    same figure: a running total is reported while it is current, so an undated "9 dead" beside a
    dated "9 dead as of 4 March" was most likely the same day's, not today's."""
    dated = sorted(((_moment(c), c) for c in claims if not c.superseded and _moment(c) != _NOW), key=lambda x: x[0])
    out = {}
    for c in claims:
        if c.superseded or _moment(c) != _NOW:
            continue
        d = next((d for _, d in dated if d.source != c.source and d.value.relate(c.value, kb) == SAME), None)
        if d is not None:  # at that moment, as far into the count as either says
            progress = c.as_of_progress if c.as_of_progress is not None else d.as_of_progress
            out[id(c)] = _moment(d), asof.label(d.as_of, d.as_of_part, progress), progress
    # A figure of a day that says nothing of how far the count had gone, where another source gives
    # the same figure that day with its progress ("49.42%" beside "49.42% with all votes counted"),
    # stood at that progress too.
    counted: dict[str, list[Claim]] = {}
    for c in claims:
        if c.as_of_progress is not None and not c.superseded and _moment(c) != _NOW:
            counted.setdefault(str(c.value), []).append(c)
    for c in claims:
        if c.as_of_progress is not None or c.superseded or id(c) in out or (m := _moment(c)) == _NOW:
            continue
        d = next((d for d in counted.get(str(c.value), ()) if d.source != c.source and _moment(d) == m), None)
        if d is not None:
            out[id(c)] = m, asof.label(c.as_of, c.as_of_part, d.as_of_progress), d.as_of_progress
    return out


def _below(later: Value, earlier: Value) -> bool:
    """Of two figures that conflict, the later lies wholly below the earlier."""
    return later.hi is not None and earlier.lo is not None and later.hi < earlier.lo


def _undated(v: Value) -> bool:
    """A weekday or a day with no year that nothing could anchor: it says less than the sources that
    date it, not something else, so it does not turn their agreement into a refinement."""
    return isinstance(v, Date) and (v.year is None) and (v.weekday is not None or v.day is not None)


def _sources_conflict(a: list[Value], b: list[Value], kb: Knowledge) -> bool:
    if all(v.type == "place" for v in a + b):
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
           all(v.type == "place" for v in vs)):
        return CONFLICT  # a source contradicts itself
    if any(_sources_conflict(a, b, kb) for i, a in enumerate(sets) for b in sets[i + 1:]):
        return CONFLICT
    if len(values) == 1:
        return SINGLE
    # n_groups counts the distinct dated values; undated ones that fit them (no conflict above)
    # leave an agreement an agreement: "21 May" everywhere and one outlet's bare "Wednesday".
    return AGREE if n_groups == 1 else COMPATIBLE


# ---------------------------------------------------------------------------------------------
# A finding as plain data, for a later run with the same claims to rebuild without comparing.


def as_refs(f: Finding, claims: list[Claim]) -> dict:
    """`f`, compared from `claims`, with each claim (and each value: a claim's) named by its place in
    that list; the silent sources are left out, as they change with every source added."""
    at = {id(c): i for i, c in enumerate(claims)}
    value_at: dict[int, int] = {}
    for i, c in enumerate(claims):
        value_at.setdefault(id(c.value), i)
    return {"status": f.status,
            "groups": [[[at[id(c)] for c in g.claims], value_at[id(g.value)], list(g.sources), list(g.families),
                        g.independent]
                       for g in f.values],
            "series": [[p.as_of, value_at[id(p.value)], list(p.sources), list(p.according_to), p.superseded]
                       for p in f.series]}


def from_refs(topic: str, data, claims: list[Claim], source_ids: list[str]) -> Finding:
    """The finding as_refs() described, over the same claims, silent sources worked out as compare()
    does; ValueError when the data is not what as_refs() writes."""
    def check(ok: bool) -> None:
        if not ok:
            raise ValueError("a stored comparison that is not what as_refs writes")

    def texts(x) -> list[str]:
        check(type(x) is list and all(type(s) is str for s in x))
        return list(x)  # the finding's own, not the stored data's

    def claim(i) -> Claim:
        check(type(i) is int and 0 <= i < len(claims))
        return claims[i]

    check(type(data) is dict and set(data) == {"status", "groups", "series"} and data["status"] in STATUSES
          and type(data["groups"]) is list and type(data["series"]) is list)
    groups = []
    for g in data["groups"]:
        check(type(g) is list and len(g) == 5 and type(g[0]) is list and type(g[4]) is int)
        groups.append(ValueGroup(claim(g[1]).value, [claim(i) for i in g[0]], texts(g[2]), texts(g[3]), g[4]))
    series = []
    for p in data["series"]:
        check(type(p) is list and len(p) == 5 and type(p[0]) is str and type(p[4]) is bool)
        series.append(Point(p[0], claim(p[1]).value, tuple(texts(p[2])), tuple(texts(p[3])), p[4]))
    silent = sorted(set(source_ids) - {c.source for c in claims if not c.superseded})
    return Finding(topic, data["status"], groups, silent, series)
