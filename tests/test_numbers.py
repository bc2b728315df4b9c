"""Counts as news writes them, read as intervals; expected values worked out by hand."""

import pytest

from factcheck.language.numbers import find, not_a_total


@pytest.mark.parametrize("text,value", [
    ("at least 30 workers", "30.."), ("more than 1,200 troops", "1201.."), ("nearly 40 dead", "36..39"),
    ("about 900 evacuated", "810..990"), ("some 3,000 soldiers", "2700..3300"), ("fewer than 100", "0..99"),
    ("dozens were hurt", "24..99"), ("Twenty-seven workers", "27"), ("between 20 and 30 people", "20..30"),
    ("5-6 people", "5..6"), ("1,000-1,200 troops", "1000..1200"), ("a magnitude 6.2 earthquake", "6.2"),
    ("the 7.1-magnitude quake", "7.1"), ("2 million people", "2000000"),
])
def test_counts(text, value):
    (found,) = find(text)
    assert str(found[2]) == value


@pytest.mark.parametrize("text", ["15 per cent of the vote", "a turnout of 48%", "at 10:40 p.m."])
def test_not_counts(text):
    assert find(text) == ()


@pytest.mark.parametrize("text,total", [
    ("said Rokeya Begum, 45, who", False), ("Eleven of the injured", False), ("two more workers died", False),
    ("Tk 2 lakh", False), ("killed 12 people", True),
])
def test_totals(text, total):
    a, b, _ = find(text)[0]
    assert not_a_total(text, a, b) is not total


def test_two_counts_in_one_sentence_are_two():
    assert [str(n) for _, _, n in find("killed 12 and 40 were injured")] == ["12", "40"]
