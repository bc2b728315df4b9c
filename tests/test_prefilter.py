"""The gate that spares the tagger the sentences that can hold no claim (extraction.extract.Gate)
changes no output: a sentence it turns away yields nothing for the pack and names no event, and the
reports of the fixture event and of the examples' events are the same byte for byte with and without
it. The news-sentence corpus and every sentence of those events are read against their packs one by
one, under each event a paragraph may have spoken of before."""

from pathlib import Path

import pytest
import yaml

from factcheck.authoring.examples import run_sentence
from factcheck.extraction import anchors, counts, extract
from factcheck.extraction.tag import EVENT, OTHER, PREVIOUS, Tagged, words_of
from factcheck.ingest import segment
from factcheck.ingest.segment import Sentence
from factcheck.ingest.sources import load
from factcheck.outputs import render
from factcheck.packs.pack import load_packs
from factcheck.run.pipeline import run
from paths import FIXTURES, REPO

EVENTS = [(FIXTURES / "tram-strike", "pack.yaml")] + [
    (d, "pack.yaml") for d in sorted((REPO / "examples").iterdir()) if (d / "pack.yaml").is_file()]
CORPUS = REPO / "tests" / "corpus"


def _reports(event: Path, pack: str) -> tuple[str, str]:
    result = run(["sources"], pack)
    return render.markdown(result, "."), render.as_json(result)


@pytest.mark.parametrize("event,pack", EVENTS, ids=[e.name for e, _ in EVENTS])
def test_reports_are_the_same_without_the_gate(event, pack, monkeypatch):
    monkeypatch.chdir(event)
    gated = _reports(event, pack)
    monkeypatch.setattr(extract, "GATED", False)
    assert _reports(event, pack) == gated


def _corpus_sentences() -> list[tuple[str, list]]:
    """(sentence, packs) for each corpus entry, and every sentence of the fixture and example events."""
    out = []
    entries = yaml.safe_load((CORPUS / "news_sentences.yaml").read_text(encoding="utf-8"))["entries"]
    fixture = load_packs(str(FIXTURES / "claims"))
    for e in entries:
        out.append((e["text"], load_packs(str(CORPUS / "packs" / f"{e['pack']}.yaml")) if e.get("pack") else fixture))
    for name in ("measures", "storm"):
        data = yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))
        packs = load_packs(str(CORPUS / f"{name}-pack.yaml"))
        out += [(e["text"], packs) for e in data["entries"]]
    for event, pack in EVENTS:
        packs = load_packs(str(event / pack))
        for src in load([str(event / "sources")]):
            out += [(s.text, packs) for s in segment.split(src)]
    return out


SENTENCES = _corpus_sentences()


def test_a_sentence_the_gate_turns_away_yields_nothing_nor_a_rule_it_stops():
    turned_away = 0
    for text, packs in SENTENCES:
        w = words_of(text)
        for pack in packs:
            g = extract.gate(pack)
            cue = g.could_cue(w)
            for inherit in (None, EVENT, PREVIOUS, OTHER):
                claim = g.could_claim(w, cue, carried=inherit is not None)
                t = Tagged(Sentence(0, len(text), 1, text), pack, inherit)
                if not cue:
                    assert t.cues == [], (text, pack.id)
                found = extract.extract_sentence(t, pack)
                if not claim:
                    assert found == [], (text, pack.id, inherit)
                else:  # the rules the gate lets through find all there is
                    assert extract.extract_sentence(t, pack, claim) == found, (text, pack.id, inherit)
                turned_away += not claim
    assert turned_away > len(SENTENCES) // 2  # not a formality, even on sentences written to hold claims


def test_a_figure_that_counts_what_the_sentence_before_did_keeps_its_moment_through_the_gate(monkeypatch):
    # the second sentence holds no claim of its own, but its figure counts the dead of the first
    text = "The quake killed 12 people on Monday. As of Tuesday evening, officials gave a figure of 30."
    packs = load_packs(str(CORPUS / "packs" / "quake.yaml"))

    def deaths():
        return {(str(c.value), str(c.as_of)) for c in run_sentence(text, packs, "2026-03-05") if c.topic == "quake.deaths"}

    gated = deaths()
    assert ("30", "2026-03-03") in gated  # Tuesday before a Thursday publication
    monkeypatch.setattr(extract, "GATED", False)
    assert deaths() == gated


def test_the_gate_reads_anchors():
    pack = load_packs(str(FIXTURES / "claims"))[0]
    g = extract.gate(pack)
    quiet = words_of("Commuters waited in the rain outside the main station.")
    assert not g.could_claim(quiet, g.could_cue(quiet))
    for text in ("The exercise began on Sunday.", "Special forces of both countries drilled near Fuzuli."):
        w = words_of(text)
        assert g.could_claim(w, g.could_cue(w)), text


def test_every_frame_says_what_it_needs():
    from factcheck.packs.frames import FRAMES

    assert set(extract.NEEDS) == set(FRAMES) == set(extract.FINDERS) | set(extract.LATER)


# Sentences at the edges of the anchors: a unit of time glued or hyphenated, clock times written
# every way, magnitudes by symbol, a unit glued to its figure, a month in capitals, a day derived
# from no other date, and letters the fold leaves alone.
EDGES = [
    "The drill lasted an hour.", "It was a weeklong drill.", "The 3-day drill ended.", "A fortnight later it ended.",
    "The quake hit at 12.50pm.", "It hit at 0620 GMT.", "It struck at 23:11 local time.", "It hit at 3 p.m. on Friday.",
    "It struck shortly after noon.", "It struck in the early hours.", "Fire broke out overnight.",
    "The Mw 7 quake struck.", "Magnitudes were Ms between 5 and 6.", "A magnitude-7.9 quake struck.",
    "The road was cut for 10km.", "Turnout was 35%.", "Floods covered 300 sq. km of farmland.",
    "The drill began on 20 MAY.", "It began on Sept. 3.", "It began on 2024-05-03.", "It ended the same day.",
    "Officials said hours later that the drill had ended.", "It began on the third day of the summit.",
    "The drill ran from 19 to 21 May.", "Rescuers worked through the nıght.", "The storm hit on Christmas Eve.",
    "The fire broke out on Halloween.",
]
FINDS = [  # each anchor, and what the gate asks behind it
    (anchors.DATE, lambda w: w.dates or w.durations), (anchors.SPANS_DAYS, lambda w: w.spans_days),
    (anchors.DURATION, lambda w: w.durations), (anchors.CLOCK, lambda w: w.clocks),
    (anchors.MEASURE, lambda w: w.measures),
]


def test_an_anchor_stands_wherever_its_find_finds_anything():
    found = {anchor: 0 for anchor, _ in FINDS}
    missing = dict(found)
    for text in sorted({t for t, _ in SENTENCES} | set(EDGES)):
        w = words_of(text)
        for anchor, find in FINDS:
            if find(w):
                assert anchor.in_(w), (anchor, text)
                found[anchor] += 1
            missing[anchor] += not anchor.in_(w)
    assert min(found.values()) >= 5, found  # each find does find things here
    assert min(missing.values()) > len(SENTENCES) // 4, missing  # and each anchor spares many sentences


def test_a_count_rule_without_its_triggers_binds_no_number():
    """_count_distance skips the full reading where no trigger of the rule is in the sentence; the
    full reading gives the same for every number and count rule of the corpus."""
    from factcheck.language import lang, numbers

    injured_kind = set(lang.CASUALTY_KINDS["injured"])
    skipped = 0
    for text, packs in SENTENCES:
        for pack in packs:
            rules = [r for tp in pack.topics.values() for r in tp.rules if r.frame == "count"]
            if not rules or not numbers.find(text):
                continue
            t = Tagged(Sentence(0, len(text), 1, text), pack)
            for a, b, _ in numbers.find(text):
                for r in rules:
                    injured = bool(injured_kind & set(r.triggers))
                    care = bool(set(lang.CARE_VERBS) & set(r.triggers))
                    full = counts._binding(t, r.triggers, a, b, r.window, injured, care)
                    assert counts._count_distance(t, r.triggers, a, b, r.window) == full, (text, r.id)
                    skipped += not injured and not care and not t.find_phrases(r.triggers)
    assert skipped > 100  # the shortcut is taken, and often


def _corpus_pages() -> list[tuple[str, str | None]]:
    """(text, published) of every entry of the corpora in tests/corpus: a news sentence, a measure,
    a storm report, a whole page."""
    out = []
    for name, field in (("news_sentences", "text"), ("measures", "text"), ("storm", "text"), ("pages", "page")):
        for e in yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))["entries"]:
            published = e.get("published")
            out.append((e[field], str(published) if published else None))
    return out


def _all_packs() -> list:
    paths = sorted((CORPUS / "packs").glob("*.yaml")) + [CORPUS / "measures-pack.yaml", CORPUS / "storm-pack.yaml",
                                                        CORPUS / "heat-pack.yaml"]
    return [p for path in paths for p in load_packs(str(path))] + load_packs(str(FIXTURES / "claims"))


def test_every_corpus_entry_says_the_same_to_every_pack_without_the_gate(monkeypatch):
    """Each corpus entry read as a source by every test pack at once, as a desk reads its feed: not
    only the pack it was written for, so the gate turns away (and must lose nothing on) sentences
    about other events too."""
    from factcheck.ingest.sources import Source
    from factcheck.run.pipeline import analyse_source

    packs, pages = _all_packs(), _corpus_pages()

    def claims() -> list:
        return [analyse_source(Source(f"e{i}", f"e{i}.txt", text, published=published), packs).claims
                for i, (text, published) in enumerate(pages)]

    gated = claims()
    assert sum(map(len, gated)) > len(pages)  # the packs do find claims here
    monkeypatch.setattr(extract, "GATED", False)
    assert claims() == gated


def test_a_derived_date_stands_where_derived_starts_says_whatever_dates_it_is_given():
    from factcheck.language import timex

    seen = 0
    for text in sorted({t for t, _ in SENTENCES} | set(EDGES)):
        found = timex.find(text)
        where = set(timex.derived_starts(text)) | {x.start for x in found}
        for given in (found, (), found[:1]):
            for x in timex.derived(text, given):
                assert x.start in where, (text, x)
                seen += 1
    assert seen >= 5
