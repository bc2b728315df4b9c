"""Claims computed from other claims: an event's duration from its start and end, counted inclusively."""

from __future__ import annotations

from dataclasses import replace

from ..extraction.extract import Claim
from ..packs.pack import Topic
from ..values import Date, Duration


def _days(start: Date, end: Date) -> int | None:
    if start.full and end.full:
        n = (end.as_date() - start.as_date()).days + 1
        return n if n >= 1 else None
    ws, we = start.iso_weekday(), end.iso_weekday()
    if ws is None or we is None or start.relate(end) == "conflict" and start.full == end.full:
        return None
    return (we - ws) % 7 + 1  # Sunday to Wednesday is four days


def derive(claims: list[Claim], topics: dict[str, Topic]) -> tuple[list[Claim], list[str]]:
    """Derived claims for one source, and notes where a stated value disagrees with the derived one."""
    out, notes = [], []
    for topic in topics.values():
        if not topic.derive:
            continue
        s_topic, e_topic = topic.derive
        starts = _one(claims, s_topic)
        ends = _one(claims, e_topic)
        if not (starts and ends):
            continue
        n = _days(starts.value, ends.value)
        if n is None:
            continue
        value = Duration(n, "D")
        stated = [c for c in claims if c.topic == topic.id]
        if stated:
            for c in stated:
                if c.value.relate(value) != "same":
                    notes.append(f"line {c.line}: states {topic.id} {c.value}, but its {s_topic} {starts.value} "
                                 f"and {e_topic} {ends.value} make {value}")
            continue
        out.append(replace(
            starts, topic=topic.id, value=value, rule=f"derived from {s_topic} and {e_topic}", derived=True,
            text=f"{starts.text} … {ends.text}", rel=(), stated_weekday=None,
            note=f"{starts.value} (line {starts.line}) to {ends.value} (line {ends.line}), inclusive",
        ))
    return out, notes


def _one(claims: list[Claim], topic: str) -> Claim | None:
    """The source's single most specific value for a date topic; None when it gives several."""
    cs = [c for c in claims if c.topic == topic and isinstance(c.value, Date)]
    values = {str(c.value) for c in cs}
    return cs[0] if len(values) == 1 else None
