"""Tools for pack authors: the starter pack validates as written; explain says what fired and why not."""

import pytest

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
