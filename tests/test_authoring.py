"""Tools for pack authors: the starter pack validates as written; explain says what fired and why not."""

import pytest

from factcheck.authoring.examples import check_pack
from factcheck.authoring.explain import explain
from factcheck.packs.pack import load_pack, load_packs
from factcheck.authoring.scaffold import starter
from factcheck.ingest.sources import load
from paths import REPO


def test_starter_pack_loads_and_its_examples_hold(tmp_path):
    f = tmp_path / "geneva-summit.yaml"
    f.write_text(starter("geneva-summit", str(f)), encoding="utf-8")
    pack = load_pack(str(f))
    assert set(pack.topics) == {"event.start", "event.end", "event.duration", "event.location"}
    assert check_pack(pack) == []


FAIR = """\
pack: harbour-fair-2024
event:
  nouns: [fair]
topics:
  fair.start:
    type: date
    rules:
      - id: start.{first}
        frame: start
        {triggers_first}
        examples: [{{text: The fair opened on 8 June 2024., value: 2024-06-08}}]
        not: [The bakery opened on 8 June 2024.]
      - id: start.{second}
        frame: start
        {triggers_second}
        examples: [{{text: The fair opened on 8 June 2024., value: 2024-06-08}}]
        not: [The bakery opened on 8 June 2024.]
"""
# Two rules of the start frame that both take the fair's date; the mayor's visit has its own date.
FAIR_SOURCE = ("The harbour fair opened on 8 June 2024 on the quay.\n"
               "The mayor made an official visit on 7 June to inspect the stalls.\n")


def _explain_fair(tmp_path, first: str, second: str) -> str:
    triggers = {"opened": "triggers: [opened]", "verbs": "description: the built-in start verbs only"}
    f = tmp_path / "fair.yaml"
    f.write_text(FAIR.format(first=first, second=second, triggers_first=triggers[first],
                             triggers_second=triggers[second]), encoding="utf-8")
    src = tmp_path / "fair.txt"
    src.write_text(FAIR_SOURCE, encoding="utf-8")
    (source,) = load([str(src)])
    return explain(source, [load_pack(str(f))], "fair.start")


@pytest.mark.parametrize("first,second", [("opened", "verbs"), ("verbs", "opened")])
def test_explain_shows_the_rule_that_fired(tmp_path, first, second):
    """Both rules take the date; the first one the pack lists wins, and explain names it alone."""
    text = _explain_fair(tmp_path, first, second)
    assert f"fair.start: rule start.{first} took '8 June 2024' → 2024-06-08" in text
    assert f"rule start.{second}" not in text


def test_explain_shows_the_mention_no_rule_took_and_why(tmp_path):
    text = _explain_fair(tmp_path, "opened", "verbs")
    assert "fair.start: no rule took date '7 June': belongs to 'an official visit' (other)" in text


QUAKE = str(REPO / "tests" / "corpus" / "packs" / "quake.yaml")


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


def test_explain_tells_a_sentence_that_names_no_event_from_another_event(tmp_path):
    out = _explain_text(tmp_path, "Heavy rain hit the valley on Monday, the weather office said.\n",
                        load_packs(QUAKE))
    assert "quake.date: nothing bound date 'Monday': no event named:" in out
    assert "other event" not in out


def test_explain_does_not_ask_a_topic_of_subject_any_for_subject_any(tmp_path):
    """A count topic of subject 'any' turns away another event's toll: the line says so, rather
    than telling the author to set the subject the topic already has."""
    out = _explain_text(tmp_path, "Another earthquake struck Kessar in 2019, killing 12 people.\n\n"
                        "Nine people were still missing on Monday.\n", load_packs(QUAKE))
    assert "quake.deaths: nothing bound count '12': other event:" in out
    assert "subject 'any' still keeps out other and earlier events" in out
    assert "needs subject 'any'" not in out


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
