"""Extraction on the seed articles scored against the hand-written gold annotation."""

from pathlib import Path

import pytest
import yaml

from factcheck.ingest.sources import load
from factcheck.run.pipeline import run
from paths import FIXTURES
from scoring import assert_scores

GOLD = yaml.safe_load((Path(__file__).parent / "gold" / "seeds.yaml").read_text())


@pytest.fixture(scope="module")
def result():
    return run([str(FIXTURES / "seeds")], str(FIXTURES / "claims"))


def test_gold_covers_every_topic_of_every_source(result):
    topics = {t for p in result.packs for t in p.topics}
    assert set(GOLD) == {r.source.id for r in result.sources}
    for sid, annotated in GOLD.items():
        assert set(annotated) == topics, sid


def test_precision_and_recall_on_seeds(result):
    assert_scores("seeds", result, GOLD)


def test_statuses_read_off_the_articles(result):
    status = {f.topic: f.status for f in result.findings}
    assert status["exercise.start"] == "conflict"        # Sunday 18 May vs 19-21 May
    assert status["exercise.duration"] == "conflict"     # four-day vs 3 days
    assert status["crossing.point"] == "agree"           # Bileh Savar
    assert status["prior_exercise.date"] == "conflict"   # November 2024 vs December 2023
    assert status["territory.recaptured"] == "conflict"  # about two years before vs 2020
    assert status["exercise.name"] == "agree"            # Aras-2025 / Araz-2025 are one name
    assert status["commander.name"] == "agree"           # Vali Madani / Veli Medeni
    assert status["commander.rank"] == "compatible"      # General vs Brigadier General
    assert status["exercise.location"] == "compatible"   # Karabakh vs Khojavend and Shusha
    # 21 May everywhere; 001's "Wednesday" has no date to anchor it but is the same weekday.
    assert status["exercise.end"] == "agree"
    end = next(f for f in result.findings if f.topic == "exercise.end")
    assert [str(g.value) for g in end.values] == ["2025-05-21", "XXXX-WXX-3"]


def test_commentary_adds_no_claims(result):
    commentary = next(r for r in result.sources if r.source.id.startswith("004_"))
    assert commentary.claims == []


def test_every_claim_carries_verifiable_evidence(result):
    for r in result.sources:
        (source,) = load([r.source.path])  # a run keeps the claims, not the text: read it again
        for c in r.claims:
            assert source.text[c.sentence_start:c.sentence_start + len(c.sentence)] == c.sentence
            if not c.derived:
                assert source.text[c.start:c.end] == c.text
                assert source.line_of(c.start) == c.line
