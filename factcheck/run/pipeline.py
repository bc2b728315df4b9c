"""The whole flow, one direction: load → segment → tag/extract → resolve → derive → compare."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import Callable, Iterator, MutableMapping, Protocol

from ..comparison import compare as cmp
from ..comparison import reprints as rp
from ..errors import SourceError
from ..extraction.extract import Claim, PatternBudget, SentenceMemo, extract
from ..ingest import segment
from ..ingest.sources import DEFAULT_MAX_BYTES, Source, discover, read_source
from ..packs.pack import Pack, load_packs
from ..resolution.derive import derive
from ..resolution.resolve import Reference, inconsistencies, reference, resolve
from . import executors


@dataclass(slots=True)
class SourceResult:
    source: Source | SourceFacts  # SourceFacts once a run has read it
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


def analyse_source(src: Source, packs: list[Pack], sentences: list | None = None,
                   memo: SentenceMemo | None = None) -> SourceResult:
    """Everything one source says, resolved and derived; independent of the other sources. A run
    passes its `memo`, so a sentence repeated across its sources is read once."""
    PatternBudget.reset()  # the packs' patterns get their time per source
    ref = reference(src, event_year(packs))
    sentences = segment.split(src) if sentences is None else sentences
    claims, notes = [], []
    for pack in packs:
        found = resolve(extract(src, sentences, pack, memo), ref, pack.timeline, (pack.timezone, src.timezone),
                        event_year(packs))
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
    """The one year the packs give their events (Pack.years), if they agree on one."""
    years = set().union(*(p.years for p in packs))
    return years.pop() if len(years) == 1 else None


class Comparisons(Protocol):
    """Topic comparisons kept between runs (cache.Comparisons): key -> compare.as_refs data."""

    def get(self, key: str) -> dict | None: ...
    def add(self, key: str, topic: str, data: dict) -> None: ...


class SourceCache(Protocol):
    """Where per-source results are kept between runs (cache.Cache)."""

    def get(self, sources: list[Source], packs: list[Pack]) -> dict[str, SourceResult]: ...
    def put(self, source: Source, packs: list[Pack], result: SourceResult) -> None: ...
    def fingerprint(self, source: Source, packs: list[Pack]) -> str: ...
    def shares(self) -> MutableMapping[tuple[str, str], float]: ...
    def comparisons(self) -> Comparisons | None: ...
    def flush(self) -> None: ...


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """What the report says of a source beside its claims; its text is not kept once it is read."""
    id: str
    path: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    timezone: str | None = None


def slim(r: SourceResult) -> SourceResult:
    """A result as a run keeps it: the claims carry their own evidence sentences, so the text goes."""
    s = r.source
    return replace(r, source=SourceFacts(s.id, s.path, s.outlet, s.url, s.published, getattr(s, "timezone", None)))


def analyse_slim(context: tuple[list[Pack], SentenceMemo], src: Source) -> SourceResult:
    """analyse_source as executors call it (context first), returning what a run keeps. The context
    carries the run's sentence memo: in-process it is the run's own, and each worker process gets
    its own copy, so nothing outlives the run."""
    packs, memo = context
    return slim(analyse_source(src, packs, memo=memo))


PARALLEL_FROM = 32  # fewer sources than this are extracted in-process: starting workers costs more
READ_BATCH = 256    # sources read (and looked up in the cache) at a time


def run(paths: list[str], claims_path: str, max_bytes: int = DEFAULT_MAX_BYTES,
        cache: SourceCache | None = None, jobs: int = 1,
        progress: Callable[[int, int], None] | None = None,
        engine: str = "local", scheduler: str | None = None) -> Result:
    """Everything the sources say about the packs' topics. Sources are read a batch at a time and
    reduced to their claims as they go, so memory holds claims, not texts. The sources that are not
    cached are extracted by the executor `engine` and `jobs` choose (executors.executor); the
    result is the same wherever they ran. The cache keeps what is put until the caller flushes it,
    once the whole run has succeeded."""
    packs = load_packs(claims_path)
    entries = discover(paths)
    where = {f.stem: (f, meta) for f, meta in entries}
    fingerprint: dict[str, str] = {}  # id -> cache key (or id): names the source in stored reprint shares
    digest: dict[str, bytes] = {}     # id -> digest of the text read, to know a re-read finds the same
    cached: dict[str, SourceResult] = {}
    sent: dict[str, Source] = {}      # sources being extracted, until their result is stored
    done = [0]

    def tick() -> None:
        done[0] += 1
        if progress:
            progress(done[0], len(entries))

    def to_extract() -> Iterator[Source]:
        """The sources, read a batch at a time; cached results are set aside, the others yielded."""
        for i in range(0, len(entries), READ_BATCH):
            batch = [read_source(f, meta, max_bytes) for f, meta in entries[i : i + READ_BATCH]]
            hits = cache.get(batch, packs) if cache is not None else {}
            for s in batch:
                fingerprint[s.id] = cache.fingerprint(s, packs) if cache is not None else s.id
                digest[s.id] = _digest(s)
                if s.id in hits:
                    cached[s.id] = slim(hits[s.id])
                    tick()
                else:
                    if cache is not None:
                        sent[s.id] = s
                    yield s

    todo = to_extract()
    head = list(islice(todo, PARALLEL_FROM))
    runner = executors.executor(engine, jobs, scheduler)
    if len(head) < PARALLEL_FROM and engine == "local":
        runner = executors.InProcess()
    fresh: dict[str, SourceResult] = {}
    for r in runner.map(analyse_slim, (packs, SentenceMemo()), chain(head, todo)):
        fresh[r.source.id] = r
        if cache is not None:
            cache.put(sent.pop(r.source.id), packs, r)
        tick()
    results = [cached.get(f.stem) or fresh[f.stem] for f, _ in entries]

    def sentences_of(sid: str) -> list:
        """A source read again for reprint detection: only those in a candidate pair are."""
        src = read_source(*where[sid], max_bytes)
        if _digest(src) != digest[sid]:
            raise SourceError("changed while it was being read; run again", src.path)
        return segment.split(src)

    known = cache.shares() if cache is not None else {}
    reprints = rp.find({r.source.id: r.sketch for r in results}, {r.source.id: r.source.published or "9999" for r in results},
                       sentences_of, known, fingerprint)
    stored = cache.comparisons() if cache is not None else None
    return Result(packs, results, findings(packs, results, reprints, stored, fingerprint), reprints, sorted(fresh))


def _digest(src: Source) -> bytes:
    return hashlib.blake2b(src.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def findings(packs: list[Pack], results: list[SourceResult], reprints: list[rp.Reprint],
             stored: Comparisons | None = None, fingerprint: dict[str, str] | None = None) -> list[cmp.Finding]:
    """A finding per topic of the packs. With `stored` comparisons and each source's `fingerprint`
    (its cache key: its content, the packs and the code), a topic whose claims come from the same
    sources as in an earlier run is rebuilt from that run's comparison: adding a source to a
    thousand compares again only the topics it has claims for."""
    ids = [r.source.id for r in results]
    family = rp.families(reprints, ids)
    by_topic: dict[str, list[Claim]] = {}
    for r in results:
        for c in r.claims:
            by_topic.setdefault(c.topic, []).append(c)
    out = []
    for pack in packs:
        for topic in pack.topics:
            claims = by_topic.get(topic, [])
            if stored is None or fingerprint is None:
                out.append(cmp.compare(topic, claims, ids, pack.gazetteer, family))
                continue
            key = topic_key(pack, topic, claims, family, fingerprint)
            try:
                out.append(cmp.from_refs(topic, stored.get(key), claims, ids))
            except ValueError:  # none stored, or not what as_refs writes
                out.append(cmp.compare(topic, claims, ids, pack.gazetteer, family))
                stored.add(key, topic, cmp.as_refs(out[-1], claims))
    return out


def topic_key(pack: Pack, topic: str, claims: list[Claim], family: dict[str, str], fingerprint: dict[str, str]) -> str:
    """What a topic's comparison depends on: the pack, the topic, and the sources its claims come
    from in their order, each by its fingerprint (which covers its claims, the packs and the code) and
    its reprint family's; the sources that say nothing only make the silent list, worked out anew."""
    sources = list(dict.fromkeys(c.source for c in claims))
    parts = [pack.digest, topic, *(f"{fingerprint[s]}<{fingerprint[family.get(s, s)]}" for s in sources)]
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
