"""Counts, exact or as an interval."""

from __future__ import annotations

from dataclasses import dataclass

from .relation import COMPATIBLE, CONFLICT, SAME, Knowledge


def _n(x: int | float) -> str:
    return f"{x:,g}" if isinstance(x, float) else f"{x:,}"


@dataclass(frozen=True, slots=True)
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

    def readable(self, short: bool = False) -> str:
        """The hedge the count was written with, read back from its interval (language/numbers.py
        makes them): 'at least 30', 'more than 1,200', 'nearly 40 (36–39)', 'about 40 (36–44)',
        'up to 50', '20–30'. The short form leaves out the exact range."""
        lo, hi = self.lo, self.hi
        if lo is not None and lo == hi:
            return _n(lo)
        if hi is None and lo is not None:
            return f"more than {_n(lo - 1)}" if (lo - 1) % 10 == 0 and lo > 1 else f"at least {_n(lo)}"
        if lo in (None, 0) and hi is not None:
            return f"fewer than {_n(hi + 1)}" if (hi + 1) % 10 == 0 else f"up to {_n(hi)}"
        if lo is None or hi is None:
            return "unknown"
        exact, hedge = f"{_n(lo)}\u2013{_n(hi)}", None
        if isinstance(hi, int) and round((hi + 1) * 0.9) == lo:
            hedge = f"nearly {_n(hi + 1)}"
        elif isinstance(lo, int) and isinstance(hi, int):
            mid = round((lo + hi) / 2)
            if mid > 0 and round(mid * 0.9) == lo and round(mid * 1.1) == hi:
                hedge = f"about {_n(mid)}"
        if hedge is None:
            return exact
        return hedge if short else f"{hedge} ({exact})"

    @property
    def specificity(self) -> int:
        return 2 if self.lo == self.hi else (self.lo is not None) + (self.hi is not None)

    def relate(self, other: "Number", kb: Knowledge | None = None) -> str:
        if self == other:
            return SAME
        lo = max(x for x in (self.lo, other.lo, float("-inf")) if x is not None)
        hi = min(x for x in (self.hi, other.hi, float("inf")) if x is not None)
        return COMPATIBLE if lo <= hi else CONFLICT

    def refines(self, other: "Number", kb: Knowledge | None = None) -> bool:
        """A narrower interval inside the other one."""
        return (other.lo is None or (self.lo is not None and self.lo >= other.lo)) and (
            other.hi is None or (self.hi is not None and self.hi <= other.hi)
        ) and self != other
