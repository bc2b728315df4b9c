"""Event reference across sentences: a definite description refers to the event its paragraph named
last, the evidence says so, and a new line or a new mention starts afresh."""

from factcheck.authoring.examples import run_sentence
from factcheck.authoring.explain import explain
from factcheck.ingest.sources import Source
from factcheck.packs.pack import load_packs
from paths import FIXTURES, REPO  # the frozen event, never the live one

EARLIER = "Both armies held a similar drill in October 2023."
LATER = "The four-day exercise opened on 9 October near the river."


def _claims(text):
    return {(c.topic, str(c.value)): c for c in run_sentence(text, load_packs(str(FIXTURES / "claims")), "2025-05-20")}


def test_a_definite_description_takes_the_earlier_edition_and_says_so():
    got = _claims(f"{EARLIER} {LATER}")
    c = got[("prior_exercise.date", "2023-10-09")]
    assert "'The four-day exercise' read as the earlier edition" in c.note
    assert "year from 'October 2023'" in c.note
    assert not any(t in ("exercise.start", "exercise.duration") for t, _ in got)


def test_a_new_line_starts_afresh():
    got = _claims(f"{EARLIER}\n{LATER}")
    assert ("exercise.start", "2025-10-09") in got and ("exercise.duration", "P4D") in got


def test_a_sentence_that_names_the_event_switches_back():
    got = _claims(f"{EARLIER} This year's exercise opened on Sunday near the river.")
    assert ("exercise.start", "2025-05-18") in got


def test_explain_marks_the_phrase_read_as_the_earlier_event():
    src = Source(id="p", path="p.txt", text=f"{EARLIER} {LATER}\n", page=False)
    assert "'The four-day exercise'→previous (the event the paragraph named last)" in explain(src, load_packs(str(FIXTURES / "claims")))


def test_a_pronoun_takes_the_earlier_edition_and_says_so():
    got = _claims(f"{EARLIER} It opened on 9 October near the river.")
    c = got[("prior_exercise.date", "2023-10-09")]
    assert "'It' read as the earlier edition" in c.note
    assert not any(t == "exercise.start" for t, _ in got)


def test_a_pronoun_whose_verb_is_no_event_s_is_not_the_event():
    got = _claims("The exercise opened on Sunday. They were flown home from near the river on 21 May.")
    assert ("exercise.start", "2025-05-18") in got and not any(t == "exercise.end" for t, _ in got)
    src = Source(id="p", path="p.txt", text="The exercise opened on Sunday. They were flown home on 21 May.\n", page=False)
    out = explain(src, load_packs(str(FIXTURES / "claims")), "exercise.end")
    assert "'They' is not read as the event the paragraph named" in out


STORM = REPO / "tests" / "corpus" / "storm-pack.yaml"  # a frozen pack whose death toll needs subject 'event'


def test_a_count_in_a_sentence_naming_no_event_is_the_paragraph_s_and_explain_says_why():
    text = "The storm made landfall near Port Halden. The death toll rose to 16, officials said.\n"
    c = {(c.topic, str(c.value)): c for c in run_sentence(text, load_packs(str(STORM)))}[("storm.deaths", "16")]
    assert "names no event" in c.note
    earlier = "A similar storm hit the coast in 2019. The death toll rose to 16, officials said.\n"
    assert not [c for c in run_sentence(earlier, load_packs(str(STORM))) if c.topic == "storm.deaths"]
    out = explain(Source(id="p", path="p.txt", text=earlier, page=False), load_packs(str(STORM)), "storm.deaths")
    assert "carries on the one the paragraph named last (previous)" in out
