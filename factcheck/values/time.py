"""A clock time of day with its UTC offset when known: one instant written in any zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .date import Date
from .relation import COMPATIBLE, CONFLICT, SAME

# "around 1:20 PM" reaches this many minutes either side.
APPROX_MINUTES = 15
_DAY = 1440


def _hhmm(m: int) -> str:
    return f"{m // 60 % 24:02d}:{m % 60:02d}"


def _offset(off: int) -> str:
    sign = "+" if off >= 0 else "-"
    return f"{sign}{abs(off) // 60:02d}:{abs(off) % 60:02d}"


@dataclass(frozen=True, slots=True)
class Time:
    """Local minutes after midnight (`lo` == `hi` for an instant, an interval for "midday"), the
    zone's offset east of UTC in minutes (None: the zone is unknown and only the clock is known),
    and the date when the source dates it. Printed as ISO 8601: `12:50+06:30`,
    `2025-03-28T12:50+06:30`, `11:00+06:30/14:00+06:30`, `~13:20+07:00` for "around", `12:50` with
    no zone."""

    lo: int
    hi: int
    offset: int | None = None
    approx: bool = False
    date: Date | None = None
    zone: str = field(default="", compare=False)  # how the zone was found, for the report
    type = "time"

    def _one(self, m: int) -> str:
        s = _hhmm(m)
        if self.date is not None and self.date.full:
            d = self.date.as_date() + dt.timedelta(days=m // _DAY)
            s = f"{d.isoformat()}T{s}"
        return s + (_offset(self.offset) if self.offset is not None else "")

    def __str__(self) -> str:
        body = self._one(self.lo) if self.lo == self.hi else f"{self._one(self.lo)}/{self._one(self.hi)}"
        return ("~" if self.approx else "") + body

    def readable(self, short: bool = False) -> str:
        """As an editor reads it: '12:50 (UTC+06:30) = 06:20 UTC', 'around 13:20 (UTC+07:00) = 06:20
        UTC', '11:00–14:00 (UTC+06:30)', '12:50 (zone unknown)'; the date first when the source
        gives it. The short form: the UTC time when the zone is known, else the clock."""
        clock = _hhmm(self.lo) if self.lo == self.hi else f"{_hhmm(self.lo)}\u2013{_hhmm(self.hi)}"
        utc = None
        if self.offset is not None:
            utc = _hhmm(self.lo - self.offset) if self.lo == self.hi else \
                f"{_hhmm(self.lo - self.offset)}\u2013{_hhmm(self.hi - self.offset)}"
        around = "around " if self.approx else ""
        if short:
            return f"{around}{utc} UTC" if utc else f"{around}{clock}"
        day = f"{self.date.readable()} " if self.date is not None and self.date.full else ""
        zone = f" (UTC{_offset(self.offset)}) = {utc} UTC" if utc else " (zone unknown)"
        return f"{day}{around}{clock}{zone}"

    @property
    def specificity(self) -> int:
        return (self.lo == self.hi) * 4 + (self.offset is not None) * 2 + (not self.approx) + (
            self.date is not None)

    def _span(self, utc: bool, dated: bool) -> tuple[int, int]:
        tol = APPROX_MINUTES if self.approx else 0
        shift = -(self.offset or 0) if utc else 0
        base = self.date.as_date().toordinal() * _DAY if dated else 0
        return base + self.lo + shift - tol, base + self.hi + shift + tol

    def relate(self, other: "Time", kb=None) -> str:
        if self == other:
            return SAME
        utc = self.offset is not None and other.offset is not None
        dated = all(t.date is not None and t.date.full for t in (self, other))
        (a, b), (c, d) = self._span(utc, dated), other._span(utc, dated)
        if dated:
            overlap = max(a, c) <= min(b, d)
        else:  # times of day on a circle: 23:50 and 00:10 are twenty minutes apart
            overlap = any(max(a, c + k) <= min(b, d + k) for k in (-_DAY, 0, _DAY))
        if not overlap:
            return CONFLICT
        # A date beside one of two equal instants adds nothing to the time: the day is the date topic's.
        # Undated clocks are equal modulo a day: 02:30 at UTC+8 is 18:30 UTC, the UTC day before
        same_instant = self.lo == self.hi and other.lo == other.hi and (
            (a, b) == (c, d) if dated else (a - c) % _DAY == 0 and b - a == d - c)
        if utc and same_instant and self.approx == other.approx:
            return SAME
        return COMPATIBLE

    def refines(self, other: "Time", kb=None) -> bool:
        return self.relate(other) == COMPATIBLE and self.specificity > other.specificity
