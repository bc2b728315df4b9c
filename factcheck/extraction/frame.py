"""What the frames share: the candidate value a frame yields, and the readings of a sentence's
grammar that several frames ask (does a conjunction open a clause here, does an event noun follow,
where do its places and names stand)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..language import lang
from ..language.spans import Spans
from ..packs.pack import Mention
from ..values import Value
from .tag import Tagged


@dataclass
class Candidate:
    start: int  # sentence-relative
    end: int
    value: Value
    rel: tuple = ()
    tense: str = "past"
    person: Mention | None = field(default=None, compare=False)
    stated_weekday: int | None = None
    shift: int = 0
    note: str = ""
    superseded: bool = False  # a figure the source reports as an earlier moment's ("had earlier put it at 27")


_NOT_CLAUSE_AFTER = frozenset("many much well of part far long soon early late recently a an".split())  # "as many as"


def subordinate_between(t: Tagged, i: int, j: int) -> bool:
    """A conjunction between tokens i and j opens the clause token j stands in: what comes after it
    tells of another happening, with its own date ("were still digging on Wednesday after an
    earthquake struck the valley on Monday")."""
    for k in range(i, j):
        w = t.words[k]
        if w in lang.SUBORDINATORS and not (w == "as" and k + 1 < len(t.words) and t.words[k + 1] in _NOT_CLAUSE_AFTER):
            return True
    return False


def event_noun_follows(t: Tagged, offset: int) -> bool:
    """One of the event's nouns stands within three words after the character `offset`."""
    i = t.tok(offset)
    spans, starts, _ = t.sorted_phrases(t.pack.nouns)
    k = bisect.bisect_left(starts, i)
    return k < len(starts) and starts[k] - i <= 3


AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"}


def place_mentions(t: Tagged):
    """The sentence's place mentions."""
    return t.places


STOPS = {"of", "to", "from", "by", "for", "with", "into", "on", "and", "or", "that", "which", "as", "is", "was",
          "are", "were", "said", "says"}
LEAD_VOICE = re.compile(rf"\s+(?:{'|'.join(lang.LOCAL_VOICES)})\b")


def named_spans(t: Tagged) -> Spans:
    """The spans of the sentence's places and names, asked in linear time."""
    named = t.memo.get("named spans")
    if named is None:
        named = t.memo["named spans"] = Spans((e.start, e.end) for e in t.entities if e.kind in ("place", "name"))
    return named
