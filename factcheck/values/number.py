"""Counts, exact or as an interval."""

from __future__ import annotations

from dataclasses import dataclass

from .relation import COMPATIBLE, CONFLICT, SAME, Knowledge


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
