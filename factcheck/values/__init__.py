"""The closed set of value types: the only list of them is VALUE_TYPES below.

Comparison is by type, never by string. Entity types (place, person, rank, name) relate through the
knowledge of the pack (what contains what, which spellings are one name), passed in as `Knowledge`.

Adding a value type: a module here with its class, a line in VALUE_TYPES, a row in docs/packs.md's
value types, and a reader in extraction/readers.py (reading text needs language knowledge, which sits
above this package). tests/test_registries.py names whatever is missing. A value class is a frozen
dataclass with:

- fields of plain types (str, int, float, bool, None), other value classes and unions of them,
  which is all the cache and the JSON need to store and rebuild it;
- `type`, the name a pack gives it (a class attribute, or a field when one class serves several);
- `__str__`, its normalized form: what the report prints and accepted conflicts are matched on;
- `specificity`, an int: of two compatible values from one source the more specific is reported;
- `relate(other, kb)`, SAME, COMPATIBLE or CONFLICT against a value of the same type;
- `refines(other, kb)`, for a compatible pair: whether it is the strictly more specific one.

Shared by every type: SAME, COMPATIBLE, CONFLICT and the Knowledge protocol (relation.py).
What the stages ask of a type by name is listed here too (TIMED, FALLING, AS_WRITTEN), nowhere else.
"""

from __future__ import annotations

from typing import Union

from .date import Date
from .duration import Duration
from .entity import Entity
from .geo import Located
from .number import Number
from .quantity import Quantity
from .relation import COMPATIBLE, CONFLICT, SAME, Knowledge
from .time import Time

# The registry: the name a pack's topic gives as its `type`, and the classes its values come in
# (usually one; a type whose values take several forms lists each).
VALUE_TYPES: dict[str, tuple[type, ...]] = {
    "date": (Date,),
    "duration": (Duration,),
    "number": (Number,),
    "place": (Entity, Located),
    "person": (Entity,),
    "rank": (Entity,),
    "name": (Entity,),
    "time": (Time,),
    "quantity": (Quantity,),
}

TYPES = tuple(VALUE_TYPES)
TIMED = ("number", "quantity")  # types whose figures hold for a moment (a toll at Friday evening)
# Types a later figure of which may be lower than an earlier one and still revise it: a count of
# those still missing or without power falls as time goes on. A measure either adds up (a turnout
# through the day, a rainfall total) or is of one past moment (a quake's depth, the height a plane
# reached): one lower on a later day contradicts the earlier, it does not revise it.
FALLING = ("number",)
# Types whose equal values may be written differently (one instant in two zones, one length in two
# units): a group of them shows the form most of its sources write, each evidence row its own.
AS_WRITTEN = ("time", "quantity")
CLASSES = tuple(dict.fromkeys(cls for classes in VALUE_TYPES.values() for cls in classes))
Value = Union[CLASSES]  # any registered value


def refines(a: Value, b: Value, kb: Knowledge) -> bool:
    """True when `a` is strictly more specific than `b` and does not contradict it."""
    return a.relate(b, kb) == COMPATIBLE and a.refines(b, kb)
