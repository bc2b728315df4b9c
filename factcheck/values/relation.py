"""How two values relate, and what entity comparison needs to know to say it."""

from __future__ import annotations

from typing import Protocol

SAME, COMPATIBLE, CONFLICT = "same", "compatible", "conflict"


class Knowledge(Protocol):
    """What entity comparison needs from a pack; implemented by pack.Gazetteer."""

    def ancestors(self, kind: str, name: str) -> tuple[str, ...]: ...
    def same_entity(self, kind: str, a: str, b: str) -> bool: ...
    def coordinates_of(self, name: str) -> tuple[float, float] | None: ...
    def agency(self, text: str) -> str | None: ...
