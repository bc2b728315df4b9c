"""A measure with its unit, normalized to the unit the topic asks for."""

from __future__ import annotations

from dataclasses import dataclass, field

from .relation import COMPATIBLE, CONFLICT, SAME


def _num(x: float) -> str:
    return f"{float(f'{x:.6g}'):g}"


@dataclass(frozen=True, slots=True)
class Quantity:
    """An interval in `unit` ('10 km', '10..30 km', '9..11 km' for "approximately 10 km", '7.7
    magnitude'), with `tol`: half the rounding step of the figure as written, in `unit` (0 when it
    was written in `unit`). "6 miles" is 9.66 km ± 0.8 km: it says what "10 km" says, rounded.
    `original` keeps the words as written ("6 miles") as evidence."""

    lo: float | None
    hi: float | None
    unit: str
    tol: float = 0.0
    original: str = field(default="", compare=False)
    type = "quantity"

    def __str__(self) -> str:
        if self.lo == self.hi and self.lo is not None:
            n = _num(self.lo)
        else:
            n = f"{'' if self.lo is None else _num(self.lo)}..{'' if self.hi is None else _num(self.hi)}"
        return f"{n} {self.unit}"

    def readable(self, short: bool = False) -> str:
        """'10 km', '10–30 km', 'at least 10 km', 'up to 30 km'."""
        if self.lo is not None and self.lo == self.hi:
            return f"{_num(self.lo)} {self.unit}"
        if self.hi is None and self.lo is not None:
            return f"at least {_num(self.lo)} {self.unit}"
        if self.lo is None and self.hi is not None:
            return f"up to {_num(self.hi)} {self.unit}"
        if self.lo is None:
            return f"? {self.unit}"
        return f"{_num(self.lo)}\u2013{_num(self.hi)} {self.unit}"

    @property
    def exact(self) -> bool:
        return self.lo is not None and self.lo == self.hi

    @property
    def specificity(self) -> int:
        return 2 if self.exact else (self.lo is not None) + (self.hi is not None)

    def _bounds(self) -> tuple[float, float]:
        lo = float("-inf") if self.lo is None else self.lo - self.tol
        hi = float("inf") if self.hi is None else self.hi + self.tol
        return lo, hi

    def relate(self, other: "Quantity", kb=None) -> str:
        if self == other:
            return SAME
        if self.unit != other.unit:
            return CONFLICT  # both are normalized to their topic's unit; never compared across topics
        if self.exact and other.exact and abs(self.lo - other.lo) <= max(self.tol, other.tol) + 1e-9:
            return SAME
        (a, b), (c, d) = self._bounds(), other._bounds()
        return COMPATIBLE if max(a, c) <= min(b, d) + 1e-9 else CONFLICT

    def refines(self, other: "Quantity", kb=None) -> bool:
        (a, b), (c, d) = self._bounds(), other._bounds()
        return c <= a and b <= d and (a, b) != (c, d)


def normalize(lo: float | None, hi: float | None, unit: str | None, step: float, to: str, text: str,
              convert) -> "Quantity | None":
    """A measure as written, in the topic's unit `to`; None when its unit is of another dimension.
    A figure with no unit is taken as given in `to` (a frame only offers one where that is meant).
    `convert(src, dst)` gives (f, c) with x src = x * f + c dst (units.linear: temperatures have an offset)."""
    fl = lambda x: None if x is None else float(x)
    if unit is None or unit == to:
        return Quantity(fl(lo), fl(hi), to, 0.0, text)
    try:
        f, c = convert(unit, to)
    except (ValueError, KeyError):
        return None
    r = lambda x: None if x is None else float(f"{x * f + c:.3g}")  # as precise as a figure news writes
    return Quantity(r(lo), r(hi), to, step * f / 2, text)
