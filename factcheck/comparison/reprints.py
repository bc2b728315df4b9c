"""Reprints: a source that copies or lightly rewrites another is one voice, not two.

Candidate pairs come from a bottom-k sketch of each source's word 4-grams (sources sharing several
sketch entries overlap a lot), so thousands of sources stay cheap. A pair is confirmed sentence by
sentence: enough of the later source's sentences appear in the earlier one, as they are or lightly
edited (rapidfuzz). Pairs are tried most similar first, and one already joined to the other through
earlier confirmations is not tried again. Sketches and measured shares are kept with the cache, so a
run that adds one source segments only the sources it is compared with for the first time.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Callable, MutableMapping

from rapidfuzz import fuzz, process

from ..ingest.segment import Sentence
from ..language.text import key

MIN_WORDS = 8            # shorter sentences are too generic to show copying
SENTENCE_MATCH = 85      # token_sort_ratio for "the same sentence, lightly edited"
SHARE = 0.5              # of the later source's sentences
SKETCH = 16              # 4-grams kept per source for finding candidates
MIN_SHARED = 3           # sketch entries two sources must share to be compared
COMMON = 50              # a 4-gram in more sources than this is boilerplate, not evidence


@dataclass(frozen=True)
class Reprint:
    copy: str       # the later source (or the larger id when dates are unknown)
    original: str
    share: float    # fraction of the copy's sentences found in the original

    def __str__(self) -> str:
        return f"{self.copy} repeats {self.share:.0%} of its sentences from {self.original}"


def _sentences(sents: list[Sentence]) -> list[str]:
    return [k for s in sents if len((k := key(s.text)).split()) >= MIN_WORDS]


SKETCH_SENTENCES = 15    # a copy shows in its first sentences; sketching more costs without finding more


def sketch(sents: list[Sentence]) -> tuple[int, ...]:
    """The SKETCH smallest hashes of the word 4-grams of a source's first sentences: two sources
    sharing several were written from the same text."""
    grams = set()
    for s in _sentences(sents[: 2 * SKETCH_SENTENCES])[:SKETCH_SENTENCES]:
        w = re.findall(r"\w+", s)
        grams.update(zlib.crc32(" ".join(w[i : i + 4]).encode()) for i in range(0, len(w) - 3, 2))
    return tuple(sorted(grams)[:SKETCH])


def _share(a: list[str], b: list[str]) -> float:
    """Fraction of a's sentences found in b, as they are or lightly edited: their sorted words
    alike (token_sort_ratio, with each side's words sorted once rather than at every comparison)."""
    if not a or not b:
        return 0.0
    exact = set(b)
    b_sorted = [" ".join(sorted(s.split())) for s in b]
    hits = 0
    for i, s in enumerate(a):
        if s in exact or process.extractOne(" ".join(sorted(s.split())), b_sorted, scorer=fuzz.ratio,
                                            score_cutoff=SENTENCE_MATCH):
            hits += 1
        elif hits + (len(a) - i - 1) < SHARE * len(a):
            break  # cannot reach the share any more
    return hits / len(a)


def find(sketches: dict[str, tuple[int, ...]], order: dict[str, str],
         sentences: Callable[[str], list[Sentence]], known: MutableMapping[tuple[str, str], float],
         fingerprint: dict[str, str]) -> list[Reprint]:
    """Reprint pairs among sources. `order` gives each source a sort key (its date, then id);
    `sentences` segments a source, asked only for those in a candidate pair; `known` holds shares
    measured before, keyed by the two sources' `fingerprint` (their content), and takes the new ones."""
    keys: dict[str, list[str]] = {}

    def sentence_keys(sid: str) -> list[str]:
        if sid not in keys:
            keys[sid] = _sentences(sentences(sid))
        return keys[sid]

    buckets: dict[int, list[str]] = {}
    for sid in sorted(sketches):
        for h in sketches[sid]:
            buckets.setdefault(h, []).append(sid)
    shared: Counter = Counter()
    for ids in buckets.values():
        if 1 < len(ids) <= COMMON:
            shared.update(combinations(ids, 2))
    family = {sid: sid for sid in sketches}
    out = []
    candidates = sorted([(-n, pair) for pair, n in shared.items() if n >= MIN_SHARED])
    for _, (a, b) in candidates:
        if _root(family, a) == _root(family, b):
            continue
        first, later = (a, b) if (order[a], a) < (order[b], b) else (b, a)
        pair = (fingerprint[later], fingerprint[first])
        share = known.get(pair)
        if share is None:
            share = known[pair] = _share(sentence_keys(later), sentence_keys(first))
        if share >= SHARE:
            out.append(Reprint(later, first, round(share, 2)))
            family[_root(family, later)] = _root(family, first)
    return sorted(out, key=lambda r: (r.copy, r.original))


def _root(parent: dict[str, str], s: str) -> str:
    """The original a source's chain of reprints leads back to (union-find, paths halved)."""
    while parent[s] != s:
        parent[s] = parent[parent[s]]
        s = parent[s]
    return s


def families(reprints: list[Reprint], ids: list[str]) -> dict[str, str]:
    """Each source mapped to the original its reprint chain leads back to."""
    parent = {s: s for s in ids}
    for r in sorted(reprints, key=lambda r: (r.original, r.copy)):
        ra, rb = _root(parent, r.original), _root(parent, r.copy)
        if ra != rb:
            parent[rb] = ra
    return {s: _root(parent, s) for s in ids}
