"""Binding takes time linear in a sentence's length: a page without a full stop is read about as fast
as the same words in ordinary sentences (sizes scaled down from bench/linear.py's 1 KB .. 1 MB).

Before binding searched bounded windows it paired every date with every trigger of a sentence: one
32 KB sentence took tens of times longer than the same words as prose."""

import time
from pathlib import Path

import yaml

from bench.linear import no_stops, prose
from factcheck.extraction import extract
from factcheck.ingest.segment import split
from factcheck.packs.pack import load_packs
from factcheck.run.pipeline import analyse_source
from factcheck.ingest.sources import Source

ROOT = Path(__file__).resolve().parent.parent
TOTAL = 32 * 1024


def _sentences() -> list[str]:
    data = yaml.safe_load((ROOT / "tests" / "corpus" / "news_sentences.yaml").read_text(encoding="utf-8"))
    return [e["text"].rstrip(".!?\"'\u201d ") for e in data["entries"]]


def _seconds(text: str, packs) -> float:
    extract._SEEN.clear()  # every sentence read anew
    src = Source("t", "t.txt", text + "\n", page=False)
    start = time.perf_counter()
    analyse_source(src, packs)
    return time.perf_counter() - start


def test_time_per_kb_is_flat_in_sentence_length():
    packs = load_packs(str(ROOT / "claims"))
    sents = _sentences()
    one = no_stops(sents, TOTAL, TOTAL)
    assert len(split(Source("t", "t.txt", one, page=False))) == 1 and len(one) > 30_000  # really one sentence
    texts = {"prose": prose(sents, TOTAL), "small": no_stops(sents, TOTAL, 1024), "one": one}
    best = {k: float("inf") for k in texts}
    for _ in range(4):  # the fastest of four, taken in turns: the machine is shared
        for k, text in texts.items():
            best[k] = min(best[k], _seconds(text, packs))
    assert best["one"] < 3 * best["prose"], best
    assert best["one"] < 2 * best["small"], best
