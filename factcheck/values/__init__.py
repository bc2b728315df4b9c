"""The closed set of value types.

Each type is defined in one place here: how a value is printed (its normalized string) and how
two values relate (`same`, `compatible` — one refines the other — or `conflict`). Comparison is by
type, never by string. Entity types (place, person, rank, name) relate through the knowledge of the
pack (what contains what, which spellings are one name), passed in as a `Gazetteer`.
"""

from __future__ import annotations

from .date import Date
from .duration import Duration
from .entity import Entity
from .number import Number
from .quantity import Quantity
from .relation import COMPATIBLE, CONFLICT, SAME, Knowledge
from .time import Time

Value = Date | Duration | Number | Entity | Time | Quantity

# The closed set: a pack names one of these as a topic's `type`.
TYPES = ("date", "duration", "number", "place", "person", "rank", "name", "time", "quantity")


def refines(a: Value, b: Value, kb: Knowledge) -> bool:
    """True when `a` is strictly more specific than `b` and does not contradict it."""
    if a.relate(b, kb) != COMPATIBLE:
        return False
    if isinstance(a, (Time, Quantity)):
        return a.refines(b)
    if hasattr(a, "refines"):  # places and the other entities, described places (geo.Located)
        return a.refines(b, kb)
    if isinstance(a, Number):
        return (b.lo is None or (a.lo is not None and a.lo >= b.lo)) and (
            b.hi is None or (a.hi is not None and a.hi <= b.hi)
        ) and a != b
    return a.specificity > b.specificity
