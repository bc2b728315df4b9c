"""Values as people write them: "Sun 18 May 2025", "a Sunday (date unknown)", "4 days",
"nearly 40 (36–39)". For reading only; the normalized forms (str) stay what is compared and stored.

One function per value type, so each can sit beside its type.
"""

from __future__ import annotations

from .values import Date, Duration, Entity, Number

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def date_text(d: Date, short: bool = False) -> str:
    """'Sun 18 May 2025' ('18 May 2025' short), 'May 2025', '2024', 'a Sunday (date unknown)',
    'Wed 21 May (year unknown)'."""
    wd = d.iso_weekday()
    if d.day is not None and d.month is not None:
        day = f"{d.day} {_MONTH_NAMES[d.month][:3]}"
        if d.year is not None:
            return f"{day} {d.year}" if short or wd is None else f"{_DAYS[wd - 1]} {day} {d.year}"
        return (f"{_DAYS[wd - 1]} " if wd else "") + day + ("" if short else " (year unknown)")
    if d.month is not None:
        when = f"{_MONTH_NAMES[d.month]} {d.year}" if d.year is not None else _MONTH_NAMES[d.month]
    else:
        when = str(d.year) if d.year is not None else ""
    if wd is not None:
        return f"a {_WEEKDAYS[wd - 1]}" + (f" in {when}" if when else "" if short else " (date unknown)")
    return when or "unknown"


_UNITS = {"H": "hour", "D": "day", "W": "week", "M": "month", "Y": "year"}


def duration_text(d: Duration, short: bool = False) -> str:
    """'4 days', '1 week', '36 hours'."""
    unit = _UNITS.get(d.unit, d.unit)
    return f"{d.amount} {unit}{'s' * (d.amount != 1)}"


def _n(x: int | float) -> str:
    return f"{x:,g}" if isinstance(x, float) else f"{x:,}"


def number_text(n: Number, short: bool = False) -> str:
    """The hedge a count was written with, read back from its interval (numbers.py makes them):
    'at least 30', 'more than 1,200', 'nearly 40 (36–39)', 'about 40 (36–44)', 'up to 50', '20–30'.
    The short form leaves out the exact range."""
    lo, hi = n.lo, n.hi
    if lo is not None and lo == hi:
        return _n(lo)
    if hi is None and lo is not None:
        return f"more than {_n(lo - 1)}" if (lo - 1) % 10 == 0 and lo > 1 else f"at least {_n(lo)}"
    if lo in (None, 0) and hi is not None:
        return f"fewer than {_n(hi + 1)}" if (hi + 1) % 10 == 0 else f"up to {_n(hi)}"
    if lo is None or hi is None:
        return "unknown"
    exact = f"{_n(lo)}–{_n(hi)}"
    hedge = None
    if isinstance(hi, int) and round((hi + 1) * 0.9) == lo:
        hedge = f"nearly {_n(hi + 1)}"
    elif isinstance(lo, int) and isinstance(hi, int):
        mid = round((lo + hi) / 2)
        if mid > 0 and round(mid * 0.9) == lo and round(mid * 1.1) == hi:
            hedge = f"about {_n(mid)}"
    if hedge is None:
        return exact
    return hedge if short else f"{hedge} ({exact})"


def entity_text(e: Entity, short: bool = False) -> str:
    return e.name


_BY_TYPE = {Date: date_text, Duration: duration_text, Number: number_text, Entity: entity_text}


def readable(value, short: bool = False) -> str:
    """The value as an editor writes it; the short form fits a table cell."""
    f = _BY_TYPE.get(type(value))
    return f(value, short) if f else str(value)
