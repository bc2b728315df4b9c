"""Clock times as news writes them: the minutes, the zone the text names, and what is no time."""

import time

import pytest

from factcheck.language.clock import LOCAL, find, named_zone


def one(text):
    found = find(text)
    assert len(found) == 1, found
    c = found[0]
    return text[c.start : c.end], c.lo, c.hi, c.approx, c.zone


@pytest.mark.parametrize("text, span, minute, zone", [
    ("The ferry sank at 4:35 pm on Tuesday.", "4:35 pm", 16 * 60 + 35, None),
    ("Sirens sounded at 9.05am, residents said.", "9.05am", 9 * 60 + 5, None),
    ("The dam gave way at 23:48, the operator said.", "23:48", 23 * 60 + 48, None),
    ("It happened at 11:02 p.m. local time.", "11:02 p.m. local time", 23 * 60 + 2, LOCAL),
    ("The launch was at 6:15 pm (Tokyo time).", "6:15 pm (Tokyo time)", 18 * 60 + 15, ("iana", "Asia/Tokyo")),
    ("Power failed at 3:40 pm Beijing time.", "3:40 pm Beijing time", 15 * 60 + 40, ("iana", "Asia/Shanghai")),
    ("The first tremor came at 0410 GMT.", "0410 GMT", 4 * 60 + 10, ("offset", 0)),
    ("The alarm went off at 19:05 UTC-7.", "19:05 UTC-7", 19 * 60 + 5, ("offset", -420)),
    ("Voting closed at 8 p.m. EST.", "8 p.m. EST", 20 * 60, ("offset", -300)),
    ("The blast was heard at 7:45 a.m. GMT+5:30.", "7:45 a.m. GMT+5:30", 7 * 60 + 45, ("offset", 330)),
    ("The bridge closed at 5:10 pm India time.", "5:10 pm India time", 17 * 60 + 10, ("iana", "Asia/Kolkata")),
])
def test_clock_times_and_their_zones(text, span, minute, zone):
    got_span, lo, hi, approx, got_zone = one(text)
    assert (got_span, lo, hi, approx, got_zone) == (span, minute, minute, False, zone)


def test_around_marks_an_approximate_time():
    assert one("The shaking began around 3:05 PM near the coast.")[1:5] == (905, 905, True, None)


def test_parts_of_the_day_are_intervals():
    _, lo, hi, _, _ = one("The storm made landfall at midday on Sunday.")
    assert lo < 12 * 60 < hi and hi - lo >= 120
    _, lo, hi, _, _ = one("A fire broke out shortly after midnight.")
    assert (lo, hi) == (0, 30)
    _, lo, hi, _, _ = one("The ship docked just before noon.")
    assert (lo, hi) == (690, 720)
    _, lo, hi, _, _ = one("Crews worked overnight to clear the line.")
    assert lo < 24 * 60 < hi  # an interval that runs past midnight


def test_a_zone_the_table_does_not_know_stays_unknown():
    # never replaced later by the event's or the outlet's zone: the text did name one
    assert one("It began at 3 pm Ruritania time.")[4] == ("unknown", "Ruritania time")


def test_local_time_then_another_zone_in_brackets():
    found = find("The ship left at 12:40 PM local time (2:40 PM Seoul time).")
    assert [(c.lo, c.zone) for c in found] == [(760, LOCAL), (880, ("iana", "Asia/Seoul"))]


@pytest.mark.parametrize("text", [
    "The firm expects 7.5 percent growth.",
    "A 6.2-magnitude quake shook the island.",
    "Prices rose 3.40 per cent in May.",
    "The score was 21-14 at half time.",
])
def test_no_clock_time(text):
    assert find(text) == ()


def test_what_a_time_is_not_followed_by():
    assert one("Talks resumed at 3 pm at the same time as the vote.")[4] is None


def test_named_zones():
    assert named_zone("Japan time") == ("iana", "Asia/Tokyo")
    assert named_zone("local time") == LOCAL
    assert named_zone("IST") == ("offset", 330)
    assert named_zone("Narnia time") is None


from hypothesis import given, settings, strategies as st

_ALPHABET = st.sampled_from(list("0123456789 .,:-()apm") + ["PM", " GMT", "UTC+", "UTC-", " local time", " around ",
                                                            "noon", "midnight", " Tokyo time", " EST", "shortly after "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_any_text_gives_well_formed_times(text):
    for c in find(text):
        assert 0 <= c.start < c.end <= len(text)
        assert 0 <= c.lo <= c.hi < 2 * 1440
        assert c.zone is None or c.zone[0] in ("offset", "iana", "local", "unknown")
        assert c.zone is None or c.zone[0] != "offset" or abs(c.zone[1]) <= 14 * 60


def test_an_offset_beyond_any_zone_is_no_zone():
    assert find("at 10:00 UTC+23")[0].zone is None


def test_a_sentence_of_many_times_is_read_in_linear_time():
    """Joining "between <time> and <time>" reads the words right before each time, never the whole
    sentence before it: one run-on sentence of 2,400 times costs about what the same times cost in
    sentences of 100, not thousands of times more."""
    piece = " ".join(f"the ferry left at {h % 12 + 1}:{m:02d} am and" for h in range(10) for m in range(10))
    whole = " ".join([piece] * 24)
    begin = time.perf_counter()
    for _ in range(24):
        find(piece)
    pieces = time.perf_counter() - begin
    begin = time.perf_counter()
    found = find(whole)
    one = time.perf_counter() - begin
    assert len(found) == 2400
    assert one < 10 * pieces + 0.2


def test_a_known_month_gives_the_offset_when_it_holds_all_month():
    from factcheck.language.clock import offset

    berlin = ("iana", "Europe/Berlin")
    assert offset(berlin, None, 16 * 60, 2026) is None  # the year alone: summer or winter time
    assert offset(berlin, None, 16 * 60, 2026, 7) == 120  # July is summer time on every day
    assert offset(berlin, None, 16 * 60, 2026, 1) == 60
    assert offset(berlin, None, 16 * 60, 2026, 3) is None  # the clocks change in March
    assert offset(berlin, None, 16 * 60, 2026, 12) == 60  # December's last day is in the same year


def test_latin_words_with_look_alike_letters_are_read_as_latin():
    from factcheck.language.text import fold

    assert fold("Loпdoп Bυrпham") == "London Burnham"  # Cyrillic п, Greek υ inside English words
    assert fold("Москва and Αθήνα") == "Москва and Αθήνα"  # words wholly in another script stay as written
