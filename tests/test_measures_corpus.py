"""Clock times and measures in news sentences (tests/corpus/measures.yaml, an earthquake;
tests/corpus/storm.yaml, a hurricane; tests/corpus/heat.yaml, a heat wave), through the pipeline with a frozen pack each: every expected
value exactly, and nothing from the look-alikes."""

from pathlib import Path

import pytest
import yaml

from factcheck.comparison.compare import most_specific
from factcheck.authoring.examples import run_sentence
from factcheck.packs.pack import load_packs

HERE = Path(__file__).resolve().parent / "corpus"
CORPORA = {"measures": load_packs(str(HERE / "measures-pack.yaml")), "storm": load_packs(str(HERE / "storm-pack.yaml")),
           "heat": load_packs(str(HERE / "heat-pack.yaml"))}
ENTRIES = [(name, e) for name in CORPORA for e in yaml.safe_load((HERE / f"{name}.yaml").read_text())["entries"]]


@pytest.mark.parametrize("corpus, entry", ENTRIES, ids=[f"{n}: {e['text'][:50]}" for n, e in ENTRIES])
def test_sentence(corpus, entry):
    packs = CORPORA[corpus]
    claims = run_sentence(entry["text"], packs, entry.get("reference"))
    kb = packs[0].gazetteer
    got = {}
    for c in claims:
        got.setdefault(c.topic, []).append(c)
    values = {t: sorted(str(c.value) for c in most_specific(cs, kb)) for t, cs in got.items()}
    for topic, want in (entry.get("expect") or {}).items():
        want = sorted([want] if isinstance(want, str) else want)
        assert values.get(topic) == want, (topic, values)
    for topic in entry.get("absent") or ():
        assert topic not in values, (topic, values)
