"""Tools for pack authors: the starter pack validates as written; explain says what fired and why not."""

from factcheck.authoring.examples import check_pack
from factcheck.authoring.explain import explain
from factcheck.packs.pack import load_pack, load_packs
from factcheck.authoring.scaffold import starter
from factcheck.ingest.sources import load


def test_starter_pack_loads_and_its_examples_hold(tmp_path):
    f = tmp_path / "geneva-summit.yaml"
    f.write_text(starter("geneva-summit", str(f)), encoding="utf-8")
    pack = load_pack(str(f))
    assert set(pack.topics) == {"event.start", "event.end", "event.duration", "event.location"}
    assert check_pack(pack) == []


def test_explain_shows_the_rule_that_fired_and_the_mention_it_left():
    src = next(s for s in load(["seeds"]) if s.id.startswith("003_"))
    text = explain(src, load_packs("claims"), "exercise.start")
    assert "rule start.range took '19-21 May 2025' → 2025-05-19" in text or \
        "rule start.trigger took '19-21 May 2025' → 2025-05-19" in text
    # the defence minister's visit on 19 May is left, and the reason is that it belongs to the visit
    assert "no rule took date '19 May': belongs to 'an official visit' (other)" in text


QUAKE = "tests/corpus/packs/quake.yaml"


def _explain_text(tmp_path, text, packs):
    f = tmp_path / "article.txt"
    f.write_text(text, encoding="utf-8")
    return explain(load([str(f)])[0], packs)


def test_explain_says_why_nothing_bound_where_a_topic_s_trigger_met_a_mention(tmp_path):
    text = ("Another earthquake struck on Wednesday in Kessar, killing three people.\n\n"
            "The ministry denied that the toll had reached 90 in a message to reporters.\n\n"
            "The number of people who were killed when the old market hall and the school next to it fell is now 44.\n")
    out = _explain_text(tmp_path, text, load_packs(QUAKE))
    assert "quake.date: nothing bound date 'Wednesday': other event: belongs to" in out
    assert "quake.deaths: nothing bound count '90': superseded or not a total" in out
    assert "quake.deaths: nothing bound count '44': too far: rule deaths.count's nearest trigger is" in out


PATTERN_PACK = """\
pack: quake-2026
title: Earthquake
event:
  nouns: [earthquake, quake]
topics:
  quake.magnitude:
    type: number
    rules:
      - id: magnitude.pattern
        frame: pattern
        pattern: 'magnitude (?P<value>\\d+\\.\\d)'
        examples:
          - text: The quake had a magnitude 6.4 reading, the observatory said.
            value: "6.4"
        not:
          - Rescue teams arrived on Tuesday.
"""


def test_explain_reports_a_pattern_dropped_for_lack_of_an_event_noun(tmp_path):
    pack = tmp_path / "quake.yaml"
    pack.write_text(PATTERN_PACK, encoding="utf-8")
    out = _explain_text(tmp_path, "Seismologists measured magnitude 6.4 at the coastal station.\n",
                        [load_pack(str(pack))])
    assert "quake.magnitude: rule magnitude.pattern: pattern matched '6.4' but it was dropped: " \
           "no event noun in the sentence governs it" in out
