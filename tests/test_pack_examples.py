"""How a rule's examples are judged (what `factcheck validate` runs): an example holds when its rule's
topic gets its value from the sentence, a look-alike when the topic gets nothing. On a pack of its own."""

import pytest

from factcheck.authoring.examples import check_example
from factcheck.packs.pack import Example, load_pack

PACK = """\
pack: harbour-fair-2024
event:
  nouns: [fair]
topics:
  fair.start:
    type: date
    rules:
      - id: start.opened
        frame: start
        triggers: [opened]
        examples: [{text: The fair opened on 8 June 2024., value: 2024-06-08}]
        not: [The bakery opened on 8 June 2024.]
  fair.end:
    type: date
    rules:
      - id: end.closed
        frame: end
        triggers: [closed]
        examples: [{text: The fair closed on 10 June 2024., value: 2024-06-10}]
        not: [The bakery closed on 10 June 2024.]
  fair.length:
    type: duration
    derive: {start: fair.start, end: fair.end}
    rules:
      - id: length.days
        frame: duration
        examples: [{text: The three-day fair drew crowds., value: P3D}]
        not: [The fair drew crowds for a second weekend.]
"""


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    f = tmp_path_factory.mktemp("packs") / "fair.yaml"
    f.write_text(PACK, encoding="utf-8")
    return load_pack(str(f))


def _rule(pack, rid):
    return next(r for t in pack.topics.values() for r in t.rules if r.id == rid)


def _check(pack, rid, text, value, reference=None):
    return check_example(pack, _rule(pack, rid), Example(text, value, reference, 1))


def test_an_example_that_yields_its_value_holds(pack):
    assert _check(pack, "start.opened", "The harbour fair opened on 8 June 2024.", "2024-06-08") is None


def test_an_example_that_yields_another_value_fails_and_says_both(pack):
    failure = _check(pack, "start.opened", "The harbour fair opened on 8 June 2024.", "2024-06-09")
    assert (failure.expected, failure.obtained) == ("2024-06-09", ("2024-06-08",))
    assert failure.message() == ("rule start.opened: expected '2024-06-09', got 2024-06-08: "
                                 "'The harbour fair opened on 8 June 2024.'")


def test_the_value_must_come_to_the_rules_own_topic(pack):
    """The sentence gives 2024-06-10 to fair.end; the start rule's example asking for it fails."""
    failure = _check(pack, "start.opened", "The harbour fair closed on 10 June 2024.", "2024-06-10")
    assert failure is not None and failure.obtained == ()


def test_a_derived_value_does_not_hold_an_example(pack):
    """A start and an end give the fair a derived length of three days; the rule stated none."""
    failure = _check(pack, "length.days", "The harbour fair opened on 8 June 2024 and closed on 10 June 2024.",
                     "P3D")
    assert failure is not None and failure.obtained == ()


def test_the_examples_reference_date_anchors_a_weekday(pack):
    text = "The harbour fair opened on Saturday."  # 8 June 2024 was a Saturday
    assert _check(pack, "start.opened", text, "2024-06-08", reference="2024-06-09") is None
    assert _check(pack, "start.opened", text, "2024-06-08") is not None  # no reference: no date to give


def test_a_look_alike_that_yields_nothing_holds(pack):
    assert _check(pack, "start.opened", "The bakery opened on 8 June 2024.", None) is None


def test_a_look_alike_that_yields_a_value_fails_and_says_it(pack):
    failure = _check(pack, "start.opened", "The harbour fair opened on 8 June 2024.", None)
    assert failure.obtained == ("2024-06-08",)
    assert failure.message().startswith("rule start.opened: expected nothing (look-alike), got 2024-06-08")


def test_a_look_alike_may_give_other_topics_a_value(pack):
    """Only the rule's own topic must stay empty: the end date here is no failure of the start rule."""
    assert _check(pack, "start.opened", "The harbour fair closed on 10 June 2024.", None) is None
