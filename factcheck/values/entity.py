"""Places, people, ranks and names, related through the pack's knowledge."""

from __future__ import annotations

from dataclasses import dataclass

from .relation import COMPATIBLE, CONFLICT, SAME, Knowledge


@dataclass(frozen=True, slots=True)
class Entity:
    """A place, person, rank or name: the pack's canonical name, or the text as written if unknown."""

    type: str  # place | person | rank | name
    name: str
    known: bool = True

    def __str__(self) -> str:
        return self.name

    def readable(self, short: bool = False) -> str:
        return self.name

    @property
    def specificity(self) -> int:
        return len(self.name.split())

    def relate(self, other: "Entity", kb: Knowledge) -> str:
        if not isinstance(other, Entity):  # a place described from another (geo.Located) knows how
            return other.relate(self, kb)
        if self.name == other.name or kb.same_entity(self.type, self.name, other.name):
            return SAME
        if other.name in kb.ancestors(self.type, self.name) or self.name in kb.ancestors(self.type, other.name):
            return COMPATIBLE
        return CONFLICT

    def refines(self, other: "Entity", kb: Knowledge) -> bool:
        return isinstance(other, Entity) and other.name in kb.ancestors(self.type, self.name)
