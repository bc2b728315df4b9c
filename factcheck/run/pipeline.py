"""The whole flow, one direction: load → segment → tag/extract → resolve → derive → compare."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, MutableMapping, Protocol

from ..comparison import compare as cmp
from ..comparison import reprints as rp
from ..ingest import segment
from ..resolution.derive import derive
from ..extraction.extract import Claim, PatternBudget, extract
from ..packs.pack import Pack, load_packs
from ..resolution.resolve import Reference, inconsistencies, reference, resolve
from ..ingest.sources import DEFAULT_MAX_BYTES, Source, load


@dataclass
class SourceResult:
    source: Source
    reference: Reference
    claims: list[Claim]
    notes: list[str] = field(default_factory=list)  # where the source contradicts itself
    sketch: tuple[int, ...] = ()  # for finding reprints (reprints.sketch)


@dataclass
class Result:
    packs: list[Pack]
    sources: list[SourceResult]
    findings: list[cmp.Finding]
    reprints: list[rp.Reprint] = field(default_factory=list)
    fresh: list[str] = field(default_factory=list)  # ids extracted in this run, not read from a cache

    @property
    def claims(self) -> list[Claim]:
        return [c for s in self.sources for c in s.claims]


def analyse_source(src: Source, packs: list[Pack], sentences: list | None = None) -> SourceResult:
    """Everything one source says, resolved and derived; independent of the other sources."""
    ref = reference(src, event_year(packs))
    sentences = segment.split(src) if sentences is None else sentences
    claims, notes = [], []
    for pack in packs:
        found = resolve(extract(src, sentences, pack), ref, pack.timeline, (pack.timezone, src.timezone))
        derived, derive_notes = derive(found, pack.topics)
        claims += found + derived
        notes += derive_notes
    notes += inconsistencies(claims)
    cut = {s.start: s.cut_from for s in sentences if s.cut_from}
    if cut:  # the evidence says its sentence is a part of a longer run of text
        claims = [c if c.sentence_start not in cut else replace(c, note="; ".join(filter(None, [
            c.note, f"read from a part of a {cut[c.sentence_start]:,}-character sentence, cut at a clause mark "
                    f"or a space (sentences over {segment.MAX_SENTENCE:,} characters are read in parts)"])))
                  for c in claims]
    claims.sort(key=lambda c: (c.topic, c.start, c.derived, str(c.value)))
    return SourceResult(src, ref, claims, sorted(set(notes)), rp.sketch(sentences))


def event_year(packs: list[Pack]) -> int | None:
    """The one year the packs give their events ("Expo 2025", "... (September 2025)",
    "port-strike-2025"): in the event's names, else its title, else the pack id."""
    for texts in ([n for p in packs for n in p.gazetteer.names], [p.title for p in packs], [p.id for p in packs]):
        years = {int(y) for s in texts for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", s)}
        if years:
            return years.pop() if len(years) == 1 else None
    return None


class SourceCache(Protocol):
    """Where per-source results are kept between runs (cache.Cache)."""

    def get(self, sources: list[Source], packs: list[Pack]) -> dict[str, SourceResult]: ...
    def put(self, source: Source, packs: list[Pack], result: SourceResult) -> None: ...
    def fingerprint(self, source: Source, packs: list[Pack]) -> str: ...
    def shares(self) -> MutableMapping[tuple[str, str], float]: ...
    def flush(self) -> None: ...


PARALLEL_FROM = 32  # fewer sources than this are extracted in-process: starting workers costs more


def run(paths: list[str], claims_path: str, max_bytes: int = DEFAULT_MAX_BYTES,
        cache: SourceCache | None = None, jobs: int = 1,
        progress: Callable[[int, int], None] | None = None) -> Result:
    """Everything the sources say about the packs' topics. `jobs` processes extract the sources that
    are not cached; the result is the same whatever their number."""
    packs = load_packs(claims_path)
    sources = load(paths, max_bytes)
    PatternBudget.reset()
    by_id = {s.id: s for s in sources}
    cached = cache.get(sources, packs) if cache is not None else {}
    todo = [s for s in sources if s.id not in cached]
    sentences: dict[str, list] = {}  # segmented once, for extraction and for reprints

    def sentences_of(sid: str) -> list:
        if sid not in sentences:
            sentences[sid] = segment.split(by_id[sid])
        return sentences[sid]

    fresh = {r.source.id: r for r in _extract(todo, packs, claims_path, jobs, progress, sentences_of)}
    results = [cached.get(s.id) or fresh[s.id] for s in sources]
    if cache is None:
        known, fingerprint = {}, {s.id: s.id for s in sources}
    else:
        known, fingerprint = cache.shares(), {s.id: cache.fingerprint(s, packs) for s in sources}
    reprints = rp.find({r.source.id: r.sketch for r in results}, {s.id: s.published or "9999" for s in sources},
                       sentences_of, known, fingerprint)
    if cache is not None:  # kept until the caller flushes it, once the whole run has succeeded
        for r in fresh.values():
            cache.put(r.source, packs, r)
    return Result(packs, results, findings(packs, results, reprints), reprints, [s.id for s in todo])


def _extract(todo: list[Source], packs: list[Pack], claims_path: str, jobs: int, progress, sentences_of):
    if jobs <= 1 or len(todo) < PARALLEL_FROM:
        for i, s in enumerate(todo, 1):
            yield analyse_source(s, packs, sentences_of(s.id))
            if progress:
                progress(i, len(todo))
        return
    from concurrent.futures import ProcessPoolExecutor  # only large runs pay for importing it

    chunk = max(1, min(64, len(todo) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=(claims_path,)) as pool:
        for i, r in enumerate(pool.map(_worker_analyse, todo, chunksize=chunk), 1):
            yield r
            if progress:
                progress(i, len(todo))


_WORKER_PACKS: list[Pack] = []


def _worker_init(claims_path: str) -> None:
    _WORKER_PACKS[:] = load_packs(claims_path)
    PatternBudget.reset()


def _worker_analyse(src: Source) -> SourceResult:
    return analyse_source(src, _WORKER_PACKS)


def findings(packs: list[Pack], results: list[SourceResult], reprints: list[rp.Reprint]) -> list[cmp.Finding]:
    ids = [r.source.id for r in results]
    family = rp.families(reprints, ids)
    by_topic: dict[str, list[Claim]] = {}
    for r in results:
        for c in r.claims:
            by_topic.setdefault(c.topic, []).append(c)
    return [cmp.compare(topic, by_topic.get(topic, []), ids, pack.gazetteer, family)
            for pack in packs for topic in pack.topics]
