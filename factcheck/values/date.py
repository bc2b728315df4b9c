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
    TIMEX3 value XXXX-WXX-N. A day with no known year prints as XXXX-MM-DD. A week ("last week",
    "the week of 12 May") keeps its ISO `year` and `week` and prints as the TIMEX3 value 2025-W20;
    it fits each day inside it and conflicts with any day, month or week wholly outside it.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    week: int | None = None  # ISO week of the ISO `year`, at week precision (no month or day)
    type = "date"

    def __str__(self) -> str:
        if self.week is not None:
            return (f"{self.year:04d}" if self.year is not None else "XXXX") + f"-W{self.week:02d}"
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
        if self.week is not None and self.year is not None:
            a, b = self.days()[0], self.days()[-1]
            first = f"{a.day}" + ("" if a.month == b.month else f" {_MONTHS[a.month][:3]}") + (
                f" {a.year}" if a.year != b.year else "")
            return f"the week of {first}\u2013{b.day} {_MONTHS[b.month][:3]} {b.year}"
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

    def days(self) -> list[dt.date]:
        """The seven days of a week (Monday first); none for any other date."""
        if self.week is None or self.year is None:
            return []
        return [dt.date.fromisocalendar(self.year, self.week, n) for n in range(1, 8)]

    @property
    def specificity(self) -> int:
        # a week says more than its month and less than one of its days
        return (sum(f is not None for f in (self.year, self.month, self.day)) * 2 + (self.weekday is not None)
                + 3 * (self.week is not None))

    @staticmethod
    def of(d: dt.date) -> "Date":
        return Date(d.year, d.month, d.day)

    @staticmethod
    def week_of(d: dt.date) -> "Date":
        y, w, _ = d.isocalendar()
        return Date(y, week=w)

    def relate(self, other: "Date", kb: Knowledge | None = None) -> str:
        if self == other:
            return SAME
        if self.week is not None or other.week is not None:
            return _relate_week(self, other) if self.week is not None else _relate_week(other, self)
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


def _relate_week(week: Date, other: Date) -> str:
    """A week fits a date that one of its days fits (a day inside it, its month, its year, a weekday
    alone), and conflicts with one none of them fits (a day outside it, another week)."""
    days = week.days()
    if other.week is not None or not days:
        return CONFLICT if str(week) != str(other) and days and other.days() else COMPATIBLE
    fits = any(Date.of(d).relate(other) != CONFLICT for d in days)
    return COMPATIBLE if fits else CONFLICT
