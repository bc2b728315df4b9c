"""Counts as news writes them, read as intervals; expected values worked out by hand."""

import pytest

from factcheck.language.numbers import earlier_figure, find, increment, not_a_total


@pytest.mark.parametrize("text,value", [
    ("at least 30 workers", "30.."), ("more than 1,200 troops", "1201.."), ("nearly 40 dead", "36..39"),
    ("about 900 evacuated", "810..990"), ("some 3,000 soldiers", "2700..3300"), ("fewer than 100", "0..99"),
    ("dozens were hurt", "24..99"), ("Twenty-seven workers", "27"), ("between 20 and 30 people", "20..30"),
    ("5-6 people", "5..6"), ("1,000-1,200 troops", "1000..1200"), ("a magnitude 6.2 earthquake", "6.2"),
    ("the 7.1-magnitude quake", "7.1"), ("2 million people", "2000000"), ("4.1 million voters", "4100000"),
    ("some 2.3 million residents", "2070000..2530000"), ("the sole survivor", "1"), ("a lone gunman", "1"),
    # a vague multiple of a round figure: several = 3-9 of it, a few = 2-5
    ("several hundred thousand marchers", "300000..999999"), ("a few thousand fans", "2000..5999"),
    ("several dozen officers", "36..119"), ("several hundred homes", "300..999"),
    ("tens of millions of voters", "20000000..99999999"), ("hundreds of millions of viewers", "200000000..999999999"),
    # lakhs and crores, as South Asian English counts: a lakh is 100,000, a crore ten million
    ("2.5 lakh devotees", "250000"), ("about 3 crore pilgrims", "27000000..33000000"),
    ("over 4 crore bathers", "40000001.."), ("lakhs of visitors", "200000..9999999"),
    ("crores of pilgrims", "20000000..999999999"),
])
def test_counts(text, value):
    (found,) = find(text)
    assert str(found[2]) == value


@pytest.mark.parametrize("text", ["no one was hurt", "No one died in the blaze", "15 per cent of the vote", "a turnout of 48%", "at 10:40 p.m.",
                                  "a nine-storey warehouse", "the three-day festival", "the ferry MV-31 sank",
                                  "a COVID-19 ward"])
def test_not_counts(text):
    assert find(text) == ()


@pytest.mark.parametrize("text,total", [
    ("said Rokeya Begum, 45, who", False), ("Eleven of the injured", False), ("Tk 2 lakh", False),
    ("killed 12 people", True), ("struck at 11.40 pm", False), ("19 minutes later", False),
    ("denied that the toll had reached 9,100", False), ("instead of 2,900 dead", False),
    ("410 dead, not 436", False), ("after the first shock, they counted 14 dead", True),
    ("had earlier put the toll at 27", False), ("the toll could surpass 1,000", False),
    ("the toll could range between 100 and 1,000", False), ("fear the toll could reach into the hundreds", False),
    ("the toll surpassed 1,000", True), ("divers found the wreck of a Velta 540 jet", False),
    ("the coach was taking Route 9 downhill", False), ("Ferry Toll In Harbour Sinking Rises To 14", True),
    ("in Brenmoor 14 people drowned", True), ("on Tuesday 14 died", True), ("three pupils among the dead", False),
    ("the fair is expected to draw about 3 crore pilgrims", False), ("the festival could attract 40,000 visitors", False),
    ("the festival drew 40,000 visitors", True), ("Rs 4 lakh", False), ("an ex gratia of 6 lakh each to the families", False), ("nearly 6 lakh pilgrims", True),
])
def test_totals(text, total):
    a, b, _ = find(text)[-1]
    assert not_a_total(text, a, b) is not total


@pytest.mark.parametrize("text,inc", [("two more workers died", True), ("another 80 are missing", True),
                                      ("40 additional soldiers", True), ("80 are missing", False)])
def test_increments(text, inc):
    a, b, _ = find(text)[0]
    assert increment(text, a, b) is inc


@pytest.mark.parametrize("text,value", [
    ("the toll went up to 640", "640"), ("as many as 512 people", "512"), ("expected to exceed 15,000", "15001.."),
    ("the toll passes 3,000", "3001.."), ("up to 300 people", "0..300"),
])
def test_hedges_read_by_their_verb(text, value):
    assert str(find(text)[-1][2]) == value


def test_two_counts_in_one_sentence_are_two():
    assert [str(n) for _, _, n in find("killed 12 and 40 were injured")] == ["12", "40"]


@pytest.mark.parametrize("text,earlier", [
    # a figure the source replaces is a point of the same series ...
    ("the toll rose to 33 from 27", True), ("revised down from 310", True), ("up from 120 on Monday", True),
    # ... a year's or an edition's before it is not: it compares with another event
    ("14 ships took part, up from 9 last year", False), ("1,200 marchers, down from 3,000 in 2019", False),
    ("40 units, up from 25 a year earlier", False), ("twelve teams, up from eight at the previous edition", False),
])
def test_replaced_figure_or_earlier_year(text, earlier):
    a, b, _ = find(text)[-1]
    assert earlier_figure(text, a, b) is earlier
