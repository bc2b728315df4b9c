"""Calendar dates at the precision the text gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .relation import COMPATIBLE, CONFLICT, SAME, Knowledge


# English names for readable(), fixed rather than from the locale so reports are the same everywhere.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


@dataclass(frozen=True, slots=True)
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
            return y if self.day is None else f"{y}-XX-{self.day:02d}"
        if self.day is None:
            return f"{y}-{self.month:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"

    def readable(self, short: bool = False) -> str:
        """As an editor writes it: 'Sun 18 May 2025' ('18 May 2025' short), 'May 2025', '2024',
        'a Sunday (date unknown)', 'Wed 21 May (year unknown)'."""
        wd = self.iso_weekday()
        if self.day is not None and self.month is not None:
            day = f"{self.day} {_MONTHS[self.month][:3]}"
            if self.year is not None:
                return f"{day} {self.year}" if short or wd is None else f"{_DAYS[wd - 1]} {day} {self.year}"
            return (f"{_DAYS[wd - 1]} " if wd else "") + day + ("" if short else " (year unknown)")
        if self.month is not None:
            when = f"{_MONTHS[self.month]} {self.year}" if self.year is not None else _MONTHS[self.month]
        else:
            when = str(self.year) if self.year is not None else ""
        if wd is not None:
            return f"a {_WEEKDAYS[wd - 1]}" + (f" in {when}" if when else "" if short else " (date unknown)")
        return when or "unknown"

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

    def refines(self, other: "Date", kb: Knowledge | None = None) -> bool:
        return self.specificity > other.specificity
