"""Who states a fact: "according to the agency", "officials said", "the government told a news agency".

News names its source in a handful of shapes; this module finds them in a folded sentence and says
who speaks: a known agency (the pack's canonical name, matched through its aliases), a person, or a
generic voice ("officials", "state media"). The words that carry an attribution ("according to a
statement by …") are not an activity of their own, so the tagger may ignore nouns inside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import lang
from .spans import Spans

_CAP = r"[A-Z][\w.'&-]*"
# A proper name of up to eight words, "of/for/and/the" allowed inside, an acronym in brackets after.
_NAME = rf"{_CAP}(?:\s+(?:of|for|and|the|on|de)\s+{_CAP}|\s+{_CAP}){{0,7}}(?:\s*\([A-Z][A-Za-z]{{1,9}}\))?"
_GENERIC = "|".join(sorted(map(re.escape, lang.ATTRIBUTION_NOUNS), key=len, reverse=True))
_STOP = r"(?:while|and|but|as|when|after|before|since|which|who|that|of|in|on|at|to|for|with|by|from|said|told)"
_ADJ = rf"(?:(?!{_STOP}\b)(?i:[a-z]+)\s+){{0,2}}"  # "local", "state news agency", "a televised"
# "Corvania's health ministry", "the country's authorities": a possessive stands for the article
_OWNER = r"(?:(?i:the|a|its|their)\s+)?(?:[A-Z][\w-]*|(?i:country|nation|province|state|city|region))['\u2019]s\s+"
_VOICE = rf"(?:(?i:the|a|an|its|their)\s+|{_OWNER})?{_ADJ}(?i:{_GENERIC})(?:\s+{_NAME})?(?!\w)|(?:(?i:the|a)\s+)?{_ADJ}{_NAME}"
_VERBS = "|".join(lang.ATTRIBUTION_VERBS)
# "a televised statement by X", "data released by X", "figures from X", "reports from the ground"
# "a Sunday afternoon update from X": the words before the carrier may date it, with a capital
_CARRIER = rf"(?:(?:the|a|an|their|its|his|her)\s+)?(?:(?i:[a-z]+)\s+){{0,2}}?(?:{'|'.join(lang.ATTRIBUTION_CARRIERS)})" \
           rf"(?:\s+(?:released|issued|published|given|provided))?\s+(?:by|from|of)\s+"

_ACCORDING = re.compile(rf"\b(?:[Aa]ccording\s+to|as\s+(?:confirmed|reported|announced|stated|cited)\s+by|"
                        rf"citing)\s+(?:{_CARRIER})?(?P<who>{_VOICE})")
_SAID = re.compile(rf"(?<![\w'\u2019-])(?P<who>{_VOICE})(?:\s+in\s+{_CAP})?(?:\s*,[^,]{{1,60}},+)?\s+(?:has\s+|have\s+|had\s+)?"
                   rf"(?:also\s+)?(?:{_VERBS})\b")
# "initial estimates were that ...": a word of saying followed by a copula is a noun, not the verb
_COPULA_AFTER = re.compile(r"\s+(?:were|was|are|is)\b")
_SAID_AFTER = re.compile(rf"(?:,|\")\s*(?:{_VERBS})\s+(?P<who>{_VOICE})")
# "in a statement", "in their latest statement": the carrier alone, the speaker named elsewhere.
_CARRIER_ONLY = re.compile(rf"\b(?:in|as\s+of|according\s+to)\s+(?:a|an|the|its|their|his|her)\s+(?:[a-z]+\s+){{0,2}}?"
                           rf"(?:{'|'.join(lang.ATTRIBUTION_CARRIERS)})\b")
# a determiner alone ("An estimated 18 ...": the adjective, not a verb of saying) names nobody
_LEAD = re.compile(r"^(?:(?:the|a|an|its|their)(?:\s+|$))+", re.I)
# The words every attribution holds: a sentence without one is not searched further.
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_OPENERS = re.compile(rf"\b(?:[Aa]ccording|by|citing|{'|'.join(lang.ATTRIBUTION_CARRIERS)})\b")
REACH = 160  # characters a speaker may stand before the verb ("The National Seismic Bureau, ..., said")
_PRONOUNS = {"it", "he", "she", "they", "we", "i", "you", "this", "that", "there", "which", "who"}


@dataclass(frozen=True)
class Attribution:
    start: int  # the whole phrase, sentence-relative
    end: int
    who: str  # a known agency's canonical name, else the words as written


def find(text: str, agencies=None) -> tuple[Attribution, ...]:
    """Attributions in a folded sentence. `agencies` maps a spelling to a canonical agency name
    (pack.Gazetteer.agency); a voice naming a known agency is reported by that name. None: the pack
    knows no agency, and the packs that know none share the answer (several read each sentence)."""
    if agencies is None:
        return _find_unnamed(text)
    found: list[Attribution] = []
    taken = Spans()  # where found attributions stand
    voices, carriers = _phrases(text)
    for m in voices:
        if taken.covers(m.start("who")):
            continue
        who = _who(m.group("who"), agencies)
        if who:
            found.append(Attribution(m.start(), m.end(), who))
            taken.add(m.start(), m.end())
    for m in carriers:
        if not taken.overlaps(m.start(), m.end()):
            found.append(Attribution(m.start(), m.end(), ""))
            taken.add(m.start(), m.end())
    return tuple(sorted(found, key=lambda a: a.start))


@lru_cache(maxsize=512)
def _find_unnamed(text: str) -> tuple[Attribution, ...]:
    return find(text, _no_agency)


def _no_agency(_words: str) -> None:
    return None


@lru_cache(maxsize=512)
def _phrases(text: str) -> tuple[tuple[re.Match, ...], tuple[re.Match, ...]]:
    """Where a voice may stand, in the order find() weighs them, and the carriers alone ("in a
    statement"): the same for every pack, so found once per sentence."""
    voices = []
    verbs = [v.end() for v in _VERB.finditer(text)]
    opened = _OPENERS.search(text) is not None
    for rx in (_ACCORDING, _SAID_AFTER, _SAID):
        if (rx is _ACCORDING and not opened) or (rx is not _ACCORDING and not verbs):
            continue
        # a speaker before a verb is looked for just before each verb, not from every position
        spans = [(max(0, v - REACH), v) for v in verbs] if rx is _SAID else [(0, len(text))]
        for lo, hi in spans:
            # "initial estimates were that ...": a word of saying before a copula is a noun
            voices.extend(m for m in rx.finditer(text, lo, hi)
                          if not (rx is _SAID and _COPULA_AFTER.match(text, m.end())))
    return tuple(voices), tuple(_CARRIER_ONLY.finditer(text)) if opened else ()


def _who(words: str, agencies) -> str:
    words = words.strip()
    if re.search(r"'s?$", words):
        return ""  # "the agency's stated aim": a possessive, not a speaker
    if words.endswith(".") and not re.search(r"(?:^|[\s.])\w\.$", words):  # a full stop, not "U.S."
        words = words[:-1]
    # a known agency anywhere in the voice ("the state news agency Ruripress", "the NSB")
    for k in range(len(words)):
        if k == 0 or not words[k - 1].isalnum():
            hit = agencies(words[k:]) if words[k:k + 1].isalpha() else None
            if hit:
                return hit
    # "the National Seismic Bureau (NSB)": the acronym may be the known spelling
    acro = re.search(r"\(([A-Z][A-Za-z]{1,9})\)$", words)
    if acro and agencies(acro.group(1)):
        return agencies(acro.group(1))
    bare = _LEAD.sub("", re.sub(r"\s*\([^)]*\)$", "", words)).strip()
    if not bare or bare.lower() in _PRONOUNS or bare.split()[0].lower() in _PRONOUNS:
        return ""
    low = bare.lower()
    if bare[:1].islower() and not any(re.search(rf"\b{re.escape(g)}\b", low) for g in lang.ATTRIBUTION_NOUNS):
        return ""
    return bare
