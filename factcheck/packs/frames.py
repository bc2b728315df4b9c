"""The frames, the only list of them: every rule of a pack names one.

A frame is the package's knowledge of how news states one kind of fact (a start, an end, a place,
a count, a commander...). The pack schema checks rules against this list; each frame's finder is
registered under the same name in extraction/extract.py (FINDERS) and documented by a row of
docs/packs.md's frames table. tests/test_registries.py names whatever is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..values import TYPES


@dataclass(frozen=True)
class Frame:
    types: tuple[str, ...]  # the value types it gives
    window: int = 12  # words that may separate a trigger from the value, when a rule does not say
    needs: str = ""  # a key every rule of this frame must give: "triggers", "of" or "pattern"
    hint: str = ""  # what that key holds, for the error that says it is missing


FRAMES: dict[str, Frame] = {
    "start": Frame(("date",), window=16),
    "end": Frame(("date",), window=16),
    "when": Frame(("date",), window=16),
    "duration": Frame(("duration",), window=3),
    "location": Frame(("place",)),
    "crossing": Frame(("place",)),
    "name": Frame(("name",)),
    "role": Frame(("person",), needs="triggers", hint="triggers (words for the role, e.g. commander)"),
    "rank": Frame(("rank",), needs="of", hint="'of: <person topic>'"),
    "count": Frame(("number",), window=6),
    "time": Frame(("time",)),
    "measure": Frame(("quantity",), window=6),
    "pattern": Frame(TYPES, needs="pattern", hint="a 'pattern' regex"),
}
