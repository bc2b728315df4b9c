"""The closed set of value types.

Each type is defined in one place here: how a value is printed (its normalized string) and how
two values relate (`same`, `compatible` — one refines the other — or `conflict`). Comparison is by
type, never by string. Entity types (place, person, rank, name) relate through the knowledge of the
pack (what contains what, which spellings are one name), passed in as a `Gazetteer`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

SAME, COMPATIBLE, CONFLICT = "same", "compatible", "conflict"


class Knowledge(Protocol):
    """What entity comparison needs from a pack; implemented by pack.Gazetteer."""

    def ancestors(self, kind: str, name: str) -> tuple[str, ...]: ...
    def same_entity(self, kind: str, a: str, b: str) -> bool: ...


@dataclass(frozen=True)
class Date:
    """A calendar date at the precision the text gives; unknown fields are None.

    A weekday with no resolvable date keeps only `weekday` (ISO, Monday = 1) and prints as the
    TIMEX3 value XXXX-WXX-N. A day with no known year prints as XXXX-MM-DD.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    type = "date"

    def __str__(self) -> str:
        if self.day is None and self.month is None and self.year is None:
            return f"XXXX-WXX-{self.weekday}" if self.weekday else "XXXX"
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.month is None:
            return y
        if self.day is None:
            return f"{y}-{self.month:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"

    @property
    def full(self) -> bool:
        return None not in (self.year, self.month, self.day)

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.full else None

    def iso_weekday(self) -> int | None:
        d = self.as_date()
        return d.isoweekday() if d else self.weekday

    @property
    def specificity(self) -> int:
        return sum(f is not None for f in (self.year, self.month, self.day)) * 2 + (self.weekday is not None)

    @staticmethod
    def of(d: dt.date) -> "Date":
        return Date(d.year, d.month, d.day)

    def relate(self, other: "Date", kb: Knowledge | None = None) -> str:
        if self == other:
            return SAME
        for a, b in ((self.year, other.year), (self.month, other.month), (self.day, other.day)):
            if a is not None and b is not None and a != b:
                return CONFLICT
        wa, wb = self.iso_weekday(), other.iso_weekday()
        if wa is not None and wb is not None and wa != wb:
            return CONFLICT
        if str(self) == str(other) and wa == wb:
            return SAME
        return COMPATIBLE


_UNIT_DAYS = {"D": 1, "W": 7}


@dataclass(frozen=True)
class Duration:
    """An ISO 8601 duration such as P4D or P1W; days and weeks compare by their length in days."""

    amount: int
    unit: str  # H, D, W, M, Y
    type = "duration"

    def __str__(self) -> str:
        return f"PT{self.amount}H" if self.unit == "H" else f"P{self.amount}{self.unit}"

    def _days(self) -> tuple[int, str]:
        if self.unit in _UNIT_DAYS:
            return self.amount * _UNIT_DAYS[self.unit], "D"
        return self.amount, self.unit

    specificity = 1

    def relate(self, other: "Duration", kb: Knowledge | None = None) -> str:
        return SAME if self._days() == other._days() else CONFLICT


@dataclass(frozen=True)
class Number:
    """A count as an interval: 'more than 1,200' is [1201, ∞), 'nearly 400' is [360, 399].

    Printed as the number when exact, else as `lo..hi` with an open end left blank.
    """

    lo: int | float | None  # a float only for a decimal figure ("magnitude 6.2")
    hi: int | float | None
    type = "number"

    def __str__(self) -> str:
        if self.lo == self.hi and self.lo is not None:
            return f"{self.lo:g}" if isinstance(self.lo, float) else str(self.lo)
        return f"{'' if self.lo is None else self.lo}..{'' if self.hi is None else self.hi}"

    @property
    def specificity(self) -> int:
        return 2 if self.lo == self.hi else (self.lo is not None) + (self.hi is not None)

    def relate(self, other: "Number", kb: Knowledge | None = None) -> str:
        if self == other:
            return SAME
        lo = max(x for x in (self.lo, other.lo, float("-inf")) if x is not None)
        hi = min(x for x in (self.hi, other.hi, float("inf")) if x is not None)
        return COMPATIBLE if lo <= hi else CONFLICT


@dataclass(frozen=True)
class Entity:
    """A place, person, rank or name: the pack's canonical name, or the text as written if unknown."""

    type: str  # place | person | rank | name
    name: str
    known: bool = True

    def __str__(self) -> str:
        return self.name

    @property
    def specificity(self) -> int:
        return len(self.name.split())

    def relate(self, other: "Entity", kb: Knowledge) -> str:
        if self.name == other.name or kb.same_entity(self.type, self.name, other.name):
            return SAME
        if other.name in kb.ancestors(self.type, self.name) or self.name in kb.ancestors(self.type, other.name):
            return COMPATIBLE
        return CONFLICT

    def refines(self, other: "Entity", kb: Knowledge) -> bool:
        return other.name in kb.ancestors(self.type, self.name)


Value = Date | Duration | Number | Entity

# The closed set: a pack names one of these as a topic's `type`.
TYPES = ("date", "duration", "number", "place", "person", "rank", "name", "time", "quantity")


def refines(a: Value, b: Value, kb: Knowledge) -> bool:
    """True when `a` is strictly more specific than `b` and does not contradict it."""
    if a.relate(b, kb) != COMPATIBLE:
        return False
    if isinstance(a, Entity):
        return a.refines(b, kb)
    if a.type in ("time", "quantity"):
        return a.refines(b)
    if isinstance(a, Number):
        return (b.lo is None or (a.lo is not None and a.lo >= b.lo)) and (
            b.hi is None or (a.hi is not None and a.hi <= b.hi)
        ) and a != b
    return a.specificity > b.specificity
