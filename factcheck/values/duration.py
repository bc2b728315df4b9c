"""Durations such as four days or a week."""

from __future__ import annotations

from dataclasses import dataclass

from .relation import CONFLICT, SAME, Knowledge

_UNIT_DAYS = {"D": 1, "W": 7}


_UNIT_NAMES = {"H": "hour", "D": "day", "W": "week", "M": "month", "Y": "year"}


@dataclass(frozen=True, slots=True)
class Duration:
    """An ISO 8601 duration such as P4D or P1W; days and weeks compare by their length in days."""

    amount: int
    unit: str  # H, D, W, M, Y
    type = "duration"

    def __str__(self) -> str:
        return f"PT{self.amount}H" if self.unit == "H" else f"P{self.amount}{self.unit}"

    def readable(self, short: bool = False) -> str:
        """'4 days', '1 week', '36 hours'."""
        return f"{self.amount} {_UNIT_NAMES.get(self.unit, self.unit)}{'s' * (self.amount != 1)}"

    def _days(self) -> tuple[int, str]:
        if self.unit in _UNIT_DAYS:
            return self.amount * _UNIT_DAYS[self.unit], "D"
        return self.amount, self.unit

    specificity = 1

    def relate(self, other: "Duration", kb: Knowledge | None = None) -> str:
        return SAME if self._days() == other._days() else CONFLICT

    def refines(self, other: "Duration", kb: Knowledge | None = None) -> bool:
        return False  # durations are equal or in conflict, never one more specific
