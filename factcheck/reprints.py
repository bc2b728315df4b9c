"""Reprints: a source that copies or lightly rewrites another is one voice, not two.

Candidate pairs come from shared word 4-grams (an inverted index, so thousands of sources stay
cheap); a pair is confirmed by rapidfuzz over sentences: enough of the shorter source's sentences
have a close match in the other.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from .segment import Sentence
from .text import key

MIN_WORDS = 8            # shorter sentences are too generic to show copying
SENTENCE_MATCH = 85      # token_sort_ratio for "the same sentence, lightly edited"
SHARE = 0.5              # of the shorter source's sentences
COMMON_SHINGLE = 50      # a 4-gram in more sources than this is boilerplate, not evidence


@dataclass(frozen=True)
class Reprint:
    copy: str       # the later source (or the larger id when dates are unknown)
    original: str
    share: float    # fraction of the copy's sentences found in the original

    def __str__(self) -> str:
        return f"{self.copy} repeats {self.share:.0%} of its sentences from {self.original}"


def _sentences(sents: list[Sentence]) -> list[str]:
    return [k for s in sents if len((k := key(s.text)).split()) >= MIN_WORDS]


def _shingles(sents: list[str]) -> set[str]:
    out = set()
    for s in sents:
        w = re.findall(r"\w+", s)
        out.update(" ".join(w[i : i + 4]) for i in range(len(w) - 3))
    return out


def _share(a: list[str], b: list[str]) -> float:
    """Fraction of a's sentences with a close match in b."""
    if not a or not b:
        return 0.0
    hits = sum(1 for s in a if any(fuzz.token_sort_ratio(s, t, score_cutoff=SENTENCE_MATCH) for t in b))
    return hits / len(a)


def find(texts: dict[str, list[Sentence]], order: dict[str, str]) -> list[Reprint]:
    """Reprint pairs among sources; `order` gives each source a sort key (its date, then id)."""
    sents = {sid: _sentences(ss) for sid, ss in texts.items()}
    shingles = {sid: _shingles(ss) for sid, ss in sents.items()}
    index: dict[str, list[str]] = {}
    for sid, sh in shingles.items():
        for h in sh:
            index.setdefault(h, []).append(sid)
    shared: Counter = Counter()
    for ids in index.values():
        if 1 < len(ids) <= COMMON_SHINGLE:
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    shared[(a, b) if a < b else (b, a)] += 1
    out = []
    for (a, b), n in sorted(shared.items()):
        smaller = min(len(shingles[a]), len(shingles[b]))
        if n < 0.2 * smaller:
            continue
        first, later = sorted((a, b), key=lambda s: (order[s], s))
        share = _share(sents[later], sents[first])
        if share >= SHARE:
            out.append(Reprint(later, first, round(share, 2)))
    return out


def families(reprints: list[Reprint], ids: list[str]) -> dict[str, str]:
    """Each source mapped to the original its reprint chain leads back to."""
    parent = {s: s for s in ids}

    def root(s):
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for r in sorted(reprints, key=lambda r: (r.original, r.copy)):
        ra, rb = root(r.original), root(r.copy)
        if ra != rb:
            parent[rb] = ra
    return {s: root(s) for s in ids}
