"""Binding takes time linear in a sentence's length: a page without a full stop is read about as fast
as the same words in ordinary sentences (sizes scaled down from bench/linear.py's 1 KB .. 1 MB).

Before binding searched bounded windows it paired every date with every trigger of a sentence: one
32 KB sentence took tens of times longer than the same words as prose."""

import time
from pathlib import Path

import yaml

from bench.linear import no_stops, prose
from paths import FIXTURES  # the frozen event, never the live one
from factcheck.extraction import extract
from factcheck.extraction.tag import Tagged
from factcheck.ingest.segment import Sentence
from factcheck.packs.pack import load_packs

ROOT = Path(__file__).resolve().parent.parent
TOTAL = 32 * 1024


def _sentences() -> list[str]:
    data = yaml.safe_load((ROOT / "tests" / "corpus" / "news_sentences.yaml").read_text(encoding="utf-8"))
    return [e["text"].rstrip(".!?\"'\u201d ") for e in data["entries"]]


def _seconds(sentences: list[str], pack) -> float:
    """Tag and bind each sentence as given (segmentation would cut a long one into parts: this
    times binding itself)."""
    begin = time.perf_counter()
    for text in sentences:
        extract.extract_sentence(Tagged(Sentence(0, len(text), 1, text), pack), pack)
    return time.perf_counter() - begin


def _split(text: str) -> list[str]:
    return [p + "." for p in text.split(". ") if p]


def test_time_per_kb_is_flat_in_sentence_length():
    pack = load_packs(str(FIXTURES / "claims"))[0]
    sents = _sentences()
    one = no_stops(sents, TOTAL, TOTAL)
    assert ". " not in one and len(one) > 30_000  # really one sentence
    texts = {"prose": _split(prose(sents, TOTAL)), "small": _split(no_stops(sents, TOTAL, 1024)), "one": [one]}
    best = {k: float("inf") for k in texts}
    for _ in range(4):  # the fastest of four, taken in turns: the machine is shared
        for k, parts in texts.items():
            best[k] = min(best[k], _seconds(parts, pack))
    assert best["one"] < 3 * best["prose"], best
    assert best["one"] < 2 * best["small"], best
