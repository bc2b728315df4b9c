"""Pages laid out as news sites lay them out (tests/corpus/pages.yaml), read as a source file is:
furniture cut, the top of the page dating it, then extraction with the corpus's quake pack (or the
corpus pack an entry names with `pack:`).

Each entry checks what a reader of the page sees: the furniture lines gone (`cut`), the article's
own lines kept (`kept`, above all for look-alikes: prose that opens like furniture), the reference
date the page gives (`dated`), and the claims (`expect`, `absent`), never one taken from furniture.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import yaml

from factcheck.comparison.compare import most_specific
from factcheck.ingest.sources import Source
from factcheck.packs.pack import load_packs
from factcheck.run.pipeline import analyse_source
from paths import REPO

CORPUS = REPO / "tests" / "corpus" / "pages.yaml"
PACK = REPO / "tests" / "corpus" / "packs" / "quake.yaml"


def _pack(entry) -> str:
    return str(PACK.with_name(f"{entry.get('pack', 'quake')}.yaml"))
MIN_EACH = 10  # furniture cases and look-alikes


def _text(v) -> str:
    return v.isoformat() if isinstance(v, dt.date) else str(v)


ENTRIES = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["entries"]
IDS = [f"{i:02d}-{e['category']}{'-lookalike' if e.get('lookalike') else ''}" for i, e in enumerate(ENTRIES, 1)]


def test_corpus_is_well_formed():
    kinds = Counter("lookalike" if e.get("lookalike") else "furniture" for e in ENTRIES)
    assert kinds["furniture"] >= MIN_EACH and kinds["lookalike"] >= MIN_EACH, kinds
    for ident, e in zip(IDS, ENTRIES):
        topics = set(load_packs(_pack(e))[0].topics)
        assert e["category"].split(".")[0] in ("furniture", "dateline", "segment"), ident
        assert e.get("expect") or e.get("absent"), f"{ident}: no claim checked"
        assert e.get("cut") or e.get("kept"), f"{ident}: no line checked"
        assert not (set(e.get("expect") or {}) | set(e.get("absent") or [])) - topics, ident
    assert len({e["page"] for e in ENTRIES}) == len(ENTRIES), "duplicate pages"


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_page(entry):
    published = _text(entry["published"]) if entry.get("published") else None
    src = Source(id="page", path="page.txt", text=entry["page"], published=published)
    content = "\n".join(src.text[a:b] for a, b in src.content)
    for words in entry.get("cut") or ():
        assert str(words) not in content, f"{words!r} is furniture, still in:\n{content}"
    for words in entry.get("kept") or ():
        assert str(words) in content, f"{words!r} is the article, cut from:\n{content}"

    result = analyse_source(src, load_packs(_pack(entry)))
    if "dated" in entry:
        want = None if entry["dated"] is None else _text(entry["dated"])
        assert (str(result.reference.date) if result.reference.date else None) == want, result.reference.how
    stated = [c for c in result.claims if not c.derived and not c.superseded]
    gazetteer = load_packs(_pack(entry))[0].gazetteer
    got = {}
    for topic in {c.topic for c in stated}:
        got[topic] = {str(c.value) for c in most_specific([c for c in stated if c.topic == topic], gazetteer)}
    for topic, want in (entry.get("expect") or {}).items():
        want = {_text(v) for v in want} if isinstance(want, list) else {_text(want)}
        assert got.get(topic, set()) == want, f"{topic}: {sorted(got.get(topic, ()))}, expected {sorted(want)}"
    for topic in entry.get("absent") or ():
        assert not got.get(topic), f"{topic}: expected nothing, got {sorted(got[topic])}"
