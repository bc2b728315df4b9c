"""Clock times and measures in news sentences (tests/corpus/measures.yaml), through the pipeline
with a frozen pack: every expected value exactly, and nothing from the look-alikes."""

from pathlib import Path

import pytest
import yaml

from factcheck.comparison.compare import most_specific
from factcheck.authoring.examples import run_sentence
from factcheck.packs.pack import load_packs

HERE = Path(__file__).resolve().parent / "corpus"
ENTRIES = yaml.safe_load((HERE / "measures.yaml").read_text())["entries"]
PACKS = load_packs(str(HERE / "measures-pack.yaml"))


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["text"][:50] for e in ENTRIES])
def test_sentence(entry):
    claims = run_sentence(entry["text"], PACKS, entry.get("reference"))
    kb = PACKS[0].gazetteer
    got = {}
    for c in claims:
        got.setdefault(c.topic, []).append(c)
    values = {t: sorted(str(c.value) for c in most_specific(cs, kb)) for t, cs in got.items()}
    for topic, want in (entry.get("expect") or {}).items():
        want = sorted([want] if isinstance(want, str) else want)
        assert values.get(topic) == want, (topic, values)
    for topic in entry.get("absent") or ():
        assert topic not in values, (topic, values)
