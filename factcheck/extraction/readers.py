"""How each value type is read from text: one reader per entry of values.VALUE_TYPES.

A reader parses a pattern rule's captured text as the topic's type, and lists the mentions of a
sentence a topic of that type could be read from (what `factcheck explain` reports as left).
tests/test_registries.py checks that every value type has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..language import clock, numbers, units
from ..language.timex import find as find_timex
from ..packs.pack import Topic
from ..values import VALUE_TYPES, Entity, Time, Value
from ..values.number import Number
from ..values.quantity import normalize
from .tag import Tagged

# A pattern rule's capture, read for its topic (whose settings a type may need), in its sentence.
Parse = Callable[[str, Tagged, Topic], "Value | None"]


@dataclass(frozen=True)
class Reader:
    parse: Parse  # a pattern rule's capture -> its value, None if unreadable
    mentions: Callable[[Tagged], list[tuple[int, int, str]]]  # (start, end, label) in the sentence


def _timex(duration: bool) -> Parse:
    def parse(text: str, t: Tagged, topic: Topic) -> Value | None:
        xs = [x for x in find_timex(text) if (x.kind == "duration") == duration]
        return xs[0].value if xs else None
    return parse


def _count(text: str, t: Tagged, topic: Topic) -> Value | None:
    found = numbers.find(text)
    if not found and _ONE.fullmatch(text):
        return Number(1, 1)  # "a cyclist" (died): counts.py reads one person as a toll of one
    return found[0][2] if found else None


_ONE = re.compile(r"an?\s+[\w-]+(?:\s+[\w-]+)?", re.I)


def _clock(text: str, t: Tagged, topic: Topic) -> Value | None:
    found = clock.find(text)
    return Time(found[0].lo, found[0].hi, None, found[0].approx) if found else None


def _measure(text: str, t: Tagged, topic: Topic) -> Value | None:
    """A measure in the topic's unit; a bare figure is taken as given in it."""
    found = [m for m in units.find(text)] or [units.Measure(0, len(text), n.lo, n.hi, None, 1.0, text)
                                              for _, _, n in numbers.find(text)[:1]]
    return normalize(found[0].lo, found[0].hi, found[0].unit, found[0].step, topic.unit, text,
                     units.linear) if found else None


def _entity(kind: str) -> Reader:
    return Reader(parse=lambda text, t, topic: t.pack.gazetteer.canonical(kind, text),
                  mentions=lambda t: [(e.start, e.end, kind) for e in t.entities if e.kind == kind])


READERS: dict[str, Reader] = {
    "date": Reader(_timex(False), lambda t: [(x.start, x.end, "date") for x in t.timexes
                                              if x.kind in ("date", "range")]),
    "duration": Reader(_timex(True), lambda t: [(x.start, x.end, "duration") for x in t.timexes
                                                 if x.kind == "duration"]),
    "number": Reader(_count, lambda t: [(a, b, "count") for a, b, _ in numbers.find(t.text)]),
    "time": Reader(_clock, lambda t: [(c.start, c.end, "clock time") for c in clock.find(t.text)]),
    "quantity": Reader(_measure, lambda t: [(m.start, m.end, "measure") for m in units.find(t.text)]),
    # every entity type is a kind of the pack's gazetteer, read the same way
    **{name: _entity(name) for name, classes in VALUE_TYPES.items() if Entity in classes},
}
