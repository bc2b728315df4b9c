"""Parts of the report: values as an editor reads them (each value type's readable(); JSON keeps the
normalized forms), the majority of a topic, outlet labels."""

import pytest

from factcheck.comparison.compare import Finding, ValueGroup
from factcheck.outputs.digest import majority, quote_window, readable
from factcheck.outputs.labels import source_labels
from factcheck.values import Date, Duration, Entity, Number
from factcheck.values.quantity import Quantity
from factcheck.values.time import Time


@pytest.mark.parametrize("value, long, short", [
    (Date(2025, 5, 18), "Sun 18 May 2025", "18 May 2025"),          # 18 May 2025 was a Sunday
    (Date(2024, 2, 29), "Thu 29 Feb 2024", "29 Feb 2024"),
    (Date(weekday=7), "a Sunday (date unknown)", "a Sunday"),
    (Date(weekday=3), "a Wednesday (date unknown)", "a Wednesday"),
    (Date(None, 5, 21), "21 May (year unknown)", "21 May"),
    (Date(2024, 11), "November 2024", "November 2024"),
    (Date(2023), "2023", "2023"),
    (Duration(4, "D"), "4 days", "4 days"),
    (Duration(1, "W"), "1 week", "1 week"),
    (Duration(36, "H"), "36 hours", "36 hours"),
    (Duration(1, "Y"), "1 year", "1 year"),
    (Number(27, 27), "27", "27"),
    (Number(1250, 1250), "1,250", "1,250"),
    (Number(6.2, 6.2), "6.2", "6.2"),
    (Number(36, 39), "nearly 40 (36–39)", "nearly 40"),             # numbers.py: nearly n is [0.9n, n-1]
    (Number(360, 399), "nearly 400 (360–399)", "nearly 400"),
    (Number(810, 990), "about 900 (810–990)", "about 900"),         # about n is [0.9n, 1.1n]
    (Number(30, None), "at least 30", "at least 30"),
    (Number(1201, None), "more than 1,200", "more than 1,200"),
    (Number(0, 99), "fewer than 100", "fewer than 100"),
    (Number(0, 100), "up to 100", "up to 100"),
    (Number(20, 30), "20–30", "20–30"),
    (Entity("place", "Bileh Savar"), "Bileh Savar", "Bileh Savar"),
    (Time(770, 770, 390), "12:50 (UTC+06:30) = 06:20 UTC", "06:20 UTC"),   # 12:50 at +6:30 is 06:20 UTC
    (Time(800, 800, 420, approx=True), "around 13:20 (UTC+07:00) = 06:20 UTC", "around 06:20 UTC"),
    (Time(770, 770, 390, date=Date(2025, 3, 28)), "Fri 28 Mar 2025 12:50 (UTC+06:30) = 06:20 UTC", "06:20 UTC"),
    (Time(660, 840, 390), "11:00–14:00 (UTC+06:30) = 04:30–07:30 UTC", "04:30–07:30 UTC"),
    (Time(770, 770), "12:50 (zone unknown)", "12:50"),
    (Quantity(10, 10, "km"), "10 km", "10 km"),
    (Quantity(10, 30, "km"), "10–30 km", "10–30 km"),
    (Quantity(10, None, "km"), "at least 10 km", "at least 10 km"),
])
def test_readable_forms(value, long, short):
    assert value.readable() == long
    assert value.readable(short=True) == short


def _g(value: str, independent: int) -> ValueGroup:
    return ValueGroup(Entity("name", value), [], [f"s{i}" for i in range(independent)], [], independent)


def test_one_majority_or_a_tie():
    # Counted by independent sources: a reprint does not make a majority.
    assert majority(Finding("t", "conflict", [_g("A", 3), _g("B", 2)], [])).value.name == "A"
    assert majority(Finding("t", "conflict", [_g("A", 2), _g("B", 2), _g("C", 1)], [])) is None
    assert majority(Finding("t", "single", [_g("A", 1)], [])).value.name == "A"
    assert majority(Finding("t", "silent", [], ["s0"])) is None


class _S:
    def __init__(self, id, outlet=None):
        self.id, self.outlet = id, outlet


def test_outlet_labels():
    labels = source_labels([
        _S("000_a1", "The Harbour Files (blog; text based on a wire report)"),  # over 40: cut at its aside
        _S("001_b2", "Coast Observer"), _S("004_c3", "Coast Observer"),      # the same outlet twice
        _S("005_d4"), _S("006_e5", "  "),                                     # no outlet known
        _S("007_f6", "A Very Long Outlet Name Without Any Aside At All In It"),
    ])
    assert labels == {"000_a1": "The Harbour Files", "001_b2": "Coast Observer (001)", "004_c3": "Coast Observer (004)",
                      "005_d4": "005_d4", "006_e5": "006_e5",
                      "007_f6": "A Very Long Outlet Name Without Any Asi\u2026"}


def test_a_value_type_without_a_readable_form_shows_its_normalized_one():
    class Clock:  # a type added later, before it has readable()
        def __str__(self):
            return "T12:50+06:30"
    assert readable(Clock()) == readable(Clock(), short=True) == "T12:50+06:30"
    assert readable(Date(2025, 5, 18)) == "Sun 18 May 2025"


def test_a_long_quote_is_cut_around_the_words_read():
    sentence = "Officials said on Monday that " + "the crews worked through the night " * 6 + "and 40 people were hurt."
    i = sentence.index("40")
    before, words, after = quote_window(sentence, i, i + 2, 80)
    assert words == "40" and after == " people were hurt."  # near the end: the end is kept whole
    assert before.startswith("\u2026") and sentence[:i].endswith(before[1:])
    assert sentence[i - len(before)] == " "  # cut between words
    assert 60 <= len(before + words + after) <= 81
    before, words, after = quote_window(sentence, 0, 9, 60)  # at the start: the room goes to the right
    assert (before, words) == ("", "Officials") and after.endswith("\u2026") and 40 <= len(after) <= 52
    assert sentence[9:].startswith(after[:-1]) and sentence[9 + len(after) - 1] == " "
    assert quote_window("Short one.", 0, 5, 60) == ("", "Short", " one.")
    # a derived value marks no words: the room is all the sentence's
    assert 60 <= len("".join(quote_window(sentence, 0, 0, 70))) <= 71
