"""The temporal grammar on isolated expressions; expected values worked out by hand."""

import pytest

from factcheck.resolution.resolve import resolve_value
from factcheck.language.text import fold
from factcheck.language.timex import derived, find
from factcheck.values import Date


def one(text, kind=None):
    found = [x for x in find(fold(text)) if kind is None or x.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,value,value2", [
    ("took place on 19-21 May 2025", "2025-05-19", "2025-05-21"),
    ("held May 19\u201321, 2025", "2025-05-19", "2025-05-21"),
    ("from 3 to 6 June 2024", "2024-06-03", "2024-06-06"),
    ("June 3 to 6", "XXXX-06-03", "XXXX-06-06"),
    ("between 5-8 October", "XXXX-10-05", "XXXX-10-08"),
    ("30 May-2 June 2025", "2025-05-30", "2025-06-02"),
])
def test_ranges(text, value, value2):
    x = one(text, "range")
    assert (str(x.value), str(x.value2)) == (value, value2)


@pytest.mark.parametrize("text,value", [
    ("on 21 May 2025", "2025-05-21"), ("until May 21", "XXXX-05-21"), ("on May 21st, 2025", "2025-05-21"),
    ("in December 2023", "2023-12"), ("in October of 2023", "2023-10"), ("2025-05-18", "2025-05-18"),
    ("in 2020", "2020"), ("in late 2023", "2023"), ("on Sunday", "XXXX-WXX-7"), ("Saturday afternoon", "XXXX-WXX-6"),
    ("on the 3rd of June", "XXXX-06-03"),
])
def test_dates(text, value):
    assert str(one(text, "date").value) == value


@pytest.mark.parametrize("text,value", [
    ("the four-day exercise", "P4D"), ("a 5-day drill", "P5D"), ("for five days", "P5D"),
    ("will last a week", "P1W"), ("a week-long drill", "P1W"), ("two-week", "P2W"),
])
def test_durations(text, value):
    assert str(one(text, "duration").value) == value


@pytest.mark.parametrize("text", ["a 59-year-old officer", "Aras-2025", "2019\u2013present", "they may soon be",
                                  "No. 2025/37", "1,200 troops", "it will march on"])
def test_not_time_expressions(text):
    assert [x for x in find(fold(text)) if x.kind != "duration"] == []


def test_weekday_stated_with_a_date_is_kept_for_the_consistency_check():
    x = one("on Sunday, May 19, 2025", "date")
    assert str(x.value) == "2025-05-19" and x.stated_weekday == 7


@pytest.mark.parametrize("text,tense,ref,value", [
    ("last November", "past", Date(2025, 5, 20), "2024-11"),
    ("in October of last year", "past", Date(2025, 5, 20), "2024-10"),
    ("last year", "past", Date(2025, 5), "2024"),
    ("three years ago", "past", Date(2025, 5, 20), "2022"),
    ("last month", "past", Date(2025, 1, 10), "2024-12"),
    ("earlier this year", "past", Date(2025, 5, 20), "2025"),
    ("on Sunday", "past", Date(2025, 5, 20), "2025-05-18"),      # 20 May 2025 is a Tuesday
    ("on Sunday", "past", Date(2025, 5, 18), "2025-05-18"),      # the same day
    ("on Friday", "future", Date(2025, 5, 19), "2025-05-23"),
    ("next Monday", "past", Date(2025, 5, 19), "2025-05-26"),    # 19 May 2025 is a Monday
    ("until May 21", "future", Date(2025, 5, 18), "2025-05-21"),
    ("on December 28", "past", Date(2025, 1, 5), "2024-12-28"),  # the nearest December 28
    ("yesterday", "past", Date(2025, 5, 1), "2025-04-30"),
    # "said it would ...": the future of a past statement, the nearer day or month to the report
    ("on Wednesday", "future-in-past", Date(2025, 5, 22), "2025-05-21"),  # a Thursday: the day before
    ("on Friday", "future-in-past", Date(2025, 5, 20), "2025-05-23"),     # a Tuesday: three days on
    ("in January", "future-in-past", Date(2025, 12, 3), "2026-01"),
    ("in November", "future-in-past", Date(2025, 12, 3), "2025-11"),
    # a day of the month alone: the nearest such day on or before the reference, after it if future
    ("held the vote on the 3rd.", "past", Date(2025, 5, 20), "2025-05-03"),
    ("on the 14th, crews found", "past", Date(2025, 5, 14), "2025-05-14"),     # the same day
    ("which broke out on the 26th", "past", Date(2025, 5, 20), "2025-04-26"),  # the month before
    ("which broke out on the 26th", "past", Date(2025, 1, 9), "2024-12-26"),   # and the year before
    ("fell on the 31st", "past", Date(2025, 5, 2), "2025-03-31"),               # April has no 31st
    ("will close on the 2nd", "future", Date(2025, 5, 20), "2025-06-02"),
    ("will close on the 28th", "future", Date(2025, 5, 20), "2025-05-28"),
    ("said it would end on the 2nd", "future-in-past", Date(2025, 5, 30), "2025-06-02"),
    ("said it would end on the 27th", "future-in-past", Date(2025, 5, 30), "2025-05-27"),
    ("reopened on the 9th", "past", Date(2025, 5), "2025-05-09"),             # a month-only reference
    # weeks (ISO, Monday first): 20 May 2025 is the Tuesday of week 21
    ("last week", "past", Date(2025, 5, 20), "2025-W20"),
    ("earlier this week", "past", Date(2025, 5, 20), "2025-W21"),
    ("later this week", "future", Date(2025, 5, 20), "2025-W21"),
    ("next week", "future", Date(2025, 5, 20), "2025-W22"),
    ("last week", "past", Date(2025, 1, 2), "2024-W52"),
    ("in the week of 12 May", "past", Date(2025, 5, 20), "2025-W20"),
    ("the week of December 29", "past", Date(2026, 1, 7), "2026-W01"),          # the ISO year
])
def test_resolution_against_the_reference(text, tense, ref, value):
    x = one(text, "date")
    assert str(resolve_value(x.value, x.rel, tense, ref)[0]) == value


@pytest.mark.parametrize("text,day,weekday", [
    ("held its general election on the 3rd.", 3, None), ("On the 14th, divers reached the hull", 14, None),
    ("the blaze, which broke out on the 26th and spread", 26, None), ("since the 9th", 9, None),
    ("by Sunday the 3rd, the road was open", 3, 7), ("was signed on the 12th of this month", 12, None),
])
def test_day_of_the_month_alone(text, day, weekday):
    x = one(text, "date")
    assert (x.value, x.rel, x.stated_weekday) == (Date(None, None, day), ("month_of_day",), weekday)


@pytest.mark.parametrize("text", ["a fire on the 14th floor", "the 3rd Battalion", "on the 3rd day of the drill",
                                  "the 20th century", "came the 2nd", "on the 5th and final day of talks",
                                  "its 4th anniversary on the 4th of"])
def test_ordinals_that_are_no_day_of_the_month(text):
    assert [x for x in find(fold(text)) if x.rel == ("month_of_day",)] == []


def test_week_with_its_year_needs_no_reference():
    assert str(one("during the week of May 12, 2025", "date").value) == "2025-W20"


@pytest.mark.parametrize("text", ["last week's storm", "this week's talks", "the week-long drill", "last weekend"])
def test_weeks_that_are_no_date(text):
    assert [x for x in find(fold(text)) if x.rel[:1] in (("weeks",), ("week_of",))] == []


def test_week_without_a_day_precise_reference_stays_unresolved():
    x = one("last week", "date")
    assert resolve_value(x.value, x.rel, "past", Date(2025, 5))[0] == Date()


def test_day_of_the_month_without_a_reference_says_nothing():
    x = one("on the 14th, divers reached the hull", "date")
    assert resolve_value(x.value, x.rel, "past", None)[0] == Date(None, None, 14)


def test_weekday_without_a_day_precise_reference_stays_underspecified():
    x = one("on Sunday", "date")
    assert str(resolve_value(x.value, x.rel, "past", Date(2025, 5))[0]) == "XXXX-WXX-7"


@pytest.mark.parametrize("text,shift", [
    ("said on 10 May that it had begun the previous evening", -1),
    ("said on 10 May that it had begun the night before", -1),
    ("began on 10 May and ended the following day", 1),
])
def test_day_next_to_a_date_said_before(text, shift):
    found = find(fold(text))
    (x,) = derived(fold(text), found)
    assert (str(x.value), x.shift) == ("XXXX-05-10", shift)


def test_the_day_before_an_event_is_no_date():
    text = "met on 10 May, the day before the vote"
    assert derived(text, find(text)) == []


@pytest.mark.parametrize("text,start,value", [
    ("crashed today, Tuesday, May 12, after", 8, "XXXX-05-12"),
    ("broke out yesterday (11 August) near", 10, "XXXX-08-11"),
])
def test_a_relative_day_restated_by_a_date_is_that_date(text, start, value):
    x = one(text)
    assert (x.start, str(x.value)) == (start, value) and x.rel[:1] != ("days",)  # no longer a day relative to the source


def test_a_relative_day_not_restated_stays_relative():
    found = find("said today, two days after the May 10 audit")
    assert [x.rel for x in found if x.kind == "date"][0] == ("days", 0)
