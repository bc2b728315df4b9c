"""Cheap tests the sentence gate (extract.Gate) asks before a costly find: each is true wherever its
find can find anything, so a sentence without the anchor is spared the find and loses nothing.

A test is a few literal words looked up in the lower-cased sentence, names looked up as written
(month names are read capitalised only), and a small regex: a few µs where the finds cost tens to
hundreds (timex.find ~200 µs, units.find ~150). Literal look-ups in Python beat one alternation of
every anchor (a regex tries each word at each position) and come within a µs of Aho-Corasick
(pyahocorasick), which is not worth a dependency here.

The words are ASCII, and a sentence the fold left non-ASCII is always let through: there a
case-blind match may meet letters lower() does not give ("ı" matches "i"), and \\d Unicode digits.
"""

from __future__ import annotations

import re

from ..language import clock, lang, units


class Anchor:
    def __init__(self, name: str, words=(), names=(), pattern: str = ""):
        self.name = name
        self.words = tuple(words)
        self.names = re.compile("|".join(map(re.escape, sorted(names)))) if names else None
        self.pattern = re.compile(pattern) if pattern else None  # read in the lower-cased sentence

    def in_(self, w) -> bool:
        """Whether the sentence (tag.Words) holds the anchor; kept on it, so each pack asks once."""
        hit = w.found.get(self)
        if hit is None:
            hit = w.found[self] = not w.text.isascii() or (
                any(k in w.lower for k in self.words)
                or (self.names is not None and self.names.search(w.text) is not None)
                or (self.pattern is not None and self.pattern.search(w.lower) is not None))
        return hit

    def __repr__(self) -> str:
        return f"Anchor({self.name})"


# timex.find's grammar is case-blind but for month and weekday names and feasts, which it reads
# capitalised (or a full month name in capitals): every form holds a month name, a feast, a year,
# or one of these words; a weekday holds "day". A date derived with no other date in the sentence
# is "earlier in the day", "hours later" (timex.derived). A day of the month alone has its ordinal
# suffix ("on the 14th").
_UNITS_OF_TIME = ("hour", "day", "week", "month", "year", "fortnight")
_MONTHS = {m[:3].capitalize() for m in lang.MONTHS} | {m[:3].upper() for m in lang.MONTHS}
DATE = Anchor("date", _UNITS_OF_TIME + ("ago", "today", "tonight", "yesterday", "tomorrow", "night", "morning",
                                        "afternoon", "evening"), _MONTHS | set(lang.FIXED_FEASTS), r"(?:1[89]|20)\d\d|\d(?:st|nd|rd|th)\b")
# A duration counts a unit of time ("three days", "a week-long drill", "a fortnight").
DURATION = Anchor("duration", _UNITS_OF_TIME)
# A range holds a month name; a day that bounds the event by itself is "the third day of".
SPANS_DAYS = Anchor("spans days", (), _MONTHS, r"day\s+of")
# clock.find: a figure before am/pm ("3 p.m.", "12.50pm"), hours and minutes ("23:11"), hours before
# hrs/h/GMT/UTC ("0620 GMT"), noon, midnight or a part of the day.
CLOCK = Anchor("clock", tuple(clock.PARTS_OF_DAY) + tuple(clock.POINTS),
               pattern=r"\d(?:\s?[ap]\.?\s?m|:\d|\s*\(?\s*(?:h|gmt|utc))")
# units.find: a unit word right after a figure (a digit, a space or hyphen after one, or a number
# word glued to it), a magnitude word, a magnitude's symbol ("Mw 7", "ML 4 to 5") or a decimal
# figure (which the gate counts as a possible magnitude besides).
_NUMBER_WORDS = sorted((w for w in lang.NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True)
# A scale's letter counts only glued to a digit ("45C"), else every " of" would open the anchor.
_UNIT_WORDS = sorted(map(re.escape, set(units.WORDS) - set(units.GLUED_ONLY)), key=len, reverse=True)
MEASURE = Anchor("measure", units.MAGNITUDE_WORDS, pattern=(
    rf"\d\.\d|\bm[wsbl]|\d(?:{'|'.join(units.GLUED_ONLY)})(?![\w/])"
    rf"|(?:[\d\s-]|{'|'.join(_NUMBER_WORDS)})(?:{'|'.join(_UNIT_WORDS)})(?![\w/])"))


# The finds the gate asks (tag.Words), each behind its anchor.
def dates(w) -> bool:
    return DATE.in_(w) and w.dates


def dated_after(w, words) -> bool:
    """Whether a date may stand right after one of these words ("from 19 May", "until Friday")."""
    return DATE.in_(w) and not w.positions.keys().isdisjoint(words) and not w.date_leads.isdisjoint(words)


def spans_days(w) -> bool:
    return SPANS_DAYS.in_(w) and w.spans_days


def durations(w) -> bool:
    return DURATION.in_(w) and w.durations


def clocks(w) -> bool:
    return CLOCK.in_(w) and w.clocks


def measures(w) -> bool:
    return MEASURE.in_(w) and w.measures
