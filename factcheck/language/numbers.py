"""Counts as news writes them, normalized to intervals: 'more than 1,200', 'dozens', 'nearly 400'."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from . import lang
from .text import any_of, finditer_at
from ..values import Number

# Word lists as prefix trees (text.any_of): the longest word that fits is tried first, as in a list
# sorted longest first, and a word that fits nothing is turned down in a letter or two. WORDS, the
# number words but "a" and "an", is the one such regex the other readers of figures use too.
WORDS = any_of(w for w, n in lang.NUMBER_WORDS.items() if n and w not in ("a", "an"))
_MULT = {"twin": 2, "triple": 3, "quadruple": 4, "sole": 1, "lone": 1}  # "the sole survivor" is one
# South Asian English writes large counts in lakhs (100,000) and crores (10 million): "2.5 crore bathers"
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000}
_ROUND = {"dozen": 12, "hundred": 100, **_SCALE}
_VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
          "millions": (2_000_000, 9_999_999),
          "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
          "tens of millions": (20_000_000, 99_999_999), "hundreds of millions": (200_000_000, 999_999_999),
          "lakhs": (200_000, 9_999_999), "crores": (20_000_000, 999_999_999),
          "a dozen": (12, 12), "a handful": (2, 6), "several": (3, 9), "a few": (2, 5), "a couple": (2, 2)}
QUALIFIERS = ("more than", "over", "at least", "nearly", "almost", "about", "around", "some", "roughly",
          "approximately", "up to", "at most", "fewer than", "less than", "as many as", "an estimated",
          "close to", "just over", "just under", "under", "upwards of", "no fewer than", "no less than",
          "no more than", "not more than")  # the last two are a ceiling, never "more than"

_TENS = "|".join(w for w, n in lang.NUMBER_WORDS.items() if n and 20 <= n <= 90)
_UNITS = "|".join(w for w, n in lang.NUMBER_WORDS.items() if n and 1 <= n <= 9 and w not in ("a", "an"))
# A figure hyphenated to letters before it is a code, not a count ("flight TR-212", "COVID-19")
_RX = re.compile(
    r"(?<![\w.,:$\u20ac\u00a3])(?<!\d-)(?<![A-Za-z]-)(?:(?P<q>" + any_of(QUALIFIERS) + r")\s+)?"
    # "several hundred thousand": a vague multiple of a round figure, before "several" alone
    r"(?:(?P<few>several|a\s+few)\s+(?P<round>dozen|hundred(?:\s+(?:thousand|million))?|thousand|million|billion)\b"
    r"|(?P<vague>" + any_of(_VAGUE) + r")"
    r"|(?P<compound>(?:" + _TENS + r")[\s-](?:" + _UNITS + r"))"      # twenty-seven
    r"|(?P<mult>twin|triple|quadruple|sole|lone)(?=[\s-]+[a-z])"       # "twin quakes", "the sole survivor"
    r"|(?P<one>(?:half\s+)?an?)\s+(?P<one_scale>thousand|million|billion)"  # "nearly a million", "half a million"
    r"|(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + WORDS + r")(?:\s+(?P<scale>thousand|million|billion|lakhs?|crores?|dozen))?)"
    # "7.1-magnitude" counts; "5-6", "5%" and "six-storey" (a word joined by a hyphen) do not
    r"(?!\w|-\d|(?<=[a-z])-|,\d|\.\d|:\d|\s*%|\s*per\s*cent)",
    re.I,
)


# What a verb right before a figure makes of it: "exceed 15,000", "passed 3,000" are more than it;
# "went up to 640", "rose to 33" are it exactly (the "up to" of a rise is no ceiling).
_BEYOND = re.compile(r"\b(?:exceed|exceeds|exceeded|exceeding|pass|passes|passed|passing|surpass|surpasses|"
                     r"surpassed|surpassing|top|tops|topped|topping|cross|crosses|crossed|crossing)\s+$", re.I)
_RISE = re.compile(r"\b(?:go|goes|went|gone|going|climb|climbs|climbed|climbing|rise|rises|rose|risen|rising|"
                   r"jump|jumps|jumped|jumping|shot|soar|soars|soared|soaring|move|moves|moved)\s+$", re.I)


_PLUS_AFTER = re.compile(r"\+(?![\d\w])|-plus\b", re.I)


def _interval(q: str | None, n: int) -> tuple[int | None, int | None]:
    q = (q or "").lower()
    if q in ("more than", "over", "just over", "upwards of"):
        return n + 1, None
    if q in ("at least", "no fewer than", "no less than"):
        return n, None
    if q in ("nearly", "almost", "close to", "just under"):
        return round(n * 0.9), max(n - 1, 0)
    if q in ("about", "around", "some", "roughly", "approximately", "an estimated"):
        return round(n * 0.9), round(n * 1.1)  # round, not ceil: 1.1 * 900 is 990.0000000000001
    if q == "as many as":  # stresses how large a stated figure is; no range below it
        return n, n
    if q in ("up to", "at most", "no more than", "not more than"):
        return 0, n
    if q in ("fewer than", "less than", "under"):
        return 0, max(n - 1, 0)
    return n, n


_INT = r"\d{1,3}(?:,\d{3})+|\d+"
_RANGE = re.compile(rf"(?<![\w.,:$\u20ac\u00a3-])(?:between\s+(?P<a>{_INT})\s+and\s+(?P<b>{_INT})"
                    rf"|(?P<c>{_INT})\s*(?:-|to)\s*(?P<d>{_INT}))(?![\w.,:-]\d|\s*%|\s*per\s*cent)", re.I)


# Both patterns open, at a word's start, with a figure, "between", a qualifier, "a"/"an", "half"
# or a number's word: they are tried only where one of those begins, which finds what scanning
# every position does.
_OPENERS = re.compile(r"(?<!\w)(?=\d|an?\s|" + any_of(
    {"between", "several", "half", *QUALIFIERS, *_VAGUE, *_MULT, *lang.NUMBER_WORDS} - {"a", "an"}) + ")", re.I)


@lru_cache(maxsize=4096)
def find(text: str) -> tuple[tuple[int, int, Number], ...]:
    """(start, end, Number) for every count in a sentence. Years and dates are not counts."""
    out, spans = [], []
    openers = [m.start() for m in _OPENERS.finditer(text)]
    if not openers:
        return ()
    for m in finditer_at(_RANGE, text, openers):  # "20 to 30 people", "between 20 and 30": an interval
        a, b = (int((m[k] or m[j]).replace(",", "")) for k, j in (("a", "c"), ("b", "d")))
        if a < b:
            out.append((m.start(), m.end(), Number(a, b)))
            spans.append((m.start(), m.end()))
    starts = [x for x, _ in spans]  # ranges never overlap
    for m in finditer_at(_RX, text, openers):
        k = bisect.bisect_right(starts, m.start())
        if k and m.start() < spans[k - 1][1]:
            continue
        if m["few"]:
            lo, hi = _VAGUE[re.sub(r"\s+", " ", m["few"].lower())]
            unit = 1
            for word in m["round"].lower().split():
                unit *= _ROUND[word]
            out.append((m.start(), m.end(), Number(lo * unit, (hi + 1) * unit - 1)))
            continue
        if m["vague"]:
            lo, hi = _VAGUE[m["vague"].lower()]
            out.append((m.start(), m.end(), Number(lo, hi)))
            continue
        if m["mult"]:
            k = _MULT[m["mult"].lower()]
            out.append((m.start(), m.end(), Number(k, k)))
            continue
        if m["n"] and m["n"].lower() == "one" and re.search(r"\bno\s+$", text[max(0, m.start() - 4) : m.start()], re.I):
            continue  # "no one was hurt" counts nobody
        if m["one"]:
            n = _SCALE[m["one_scale"].lower()] // (2 if m["one"].lower().startswith("half") else 1)
        elif m["compound"]:
            tens, unit = re.split(r"[\s-]", m["compound"].lower())
            n = lang.NUMBER_WORDS[tens] + lang.NUMBER_WORDS[unit]
        else:
            raw = m["n"].replace(",", "").lower()
            n = float(raw) if raw[0].isdigit() else lang.NUMBER_WORDS.get(raw)
        if n is None:
            continue
        if m["scale"]:  # "4.1 million" is a whole count (in floats 4.1 * 10**6 is 4099999.9999999995); "two dozen" is 24
            n = round(n * _ROUND[m["scale"].lower()])
        if n != int(n):  # a decimal figure is a measurement ("magnitude 6.2"): exact as written
            out.append((m.start(), m.end(), Number(n, n)))
            continue
        before = text[max(0, m.start() - 20) : m.start()]
        q, start = m["q"], m.start()
        if q and q.lower() == "over" and _word_before(before) in lang.OVER_VERBS:
            q, start = None, m.start("n")  # "swept over 46 homes": the homes swept, not more than 46
        if q is None and _BEYOND.search(before):
            q = "more than"
        elif q and q.lower() == "up to" and _RISE.search(before):
            q = None
        end, plus = m.end(), _PLUS_AFTER.match(text, m.end())
        if q is None and plus:
            q, end = "at least", plus.end()  # "150+ missing", "a 200-plus crowd": the figure is a floor
        lo, hi = _interval(q, int(n))
        out.append((start, end, Number(lo, hi)))
    return tuple(sorted(out, key=lambda x: x[0]))


def _word_before(before: str) -> str:
    """The last word of the text before a figure, lower-cased ('' when there is none)."""
    m = re.search(r"([A-Za-z]+)\W*$", before)
    return m[1].lower() if m else ""


# What makes a number something other than a total: an age ("Rokeya Begum, 45,"), a part ("eleven
# of the injured"), money ("Tk 2 lakh", "$1,640"), a clock time or a measure ("at 11.40 pm", "19
# minutes later"), a figure the source itself has superseded ("had earlier put the toll at 27") or sets
# aside ("denied that the toll had reached 9,100", "instead of 2,900", "410, not 436"). An increment
# ("two more died", "another 80") is told apart by `increment`: only its sentence knows whether it adds
# to a count of the same thing.
_MONEY_BEFORE = re.compile(r"(?:[$\u20ac\u00a3\u00a5\u20b9]|\b(?:tk|usd|eur|rs|inr|taka|dollars?|euros?|pounds?|rupees?)\.?"
                           r"|\b(?:ex[\s-]gratia|compensation)\s+(?:of\s+)?)\s*$", re.I)
# "6 lakh each for the families": an amount paid to each, not a count
_LAKH_EACH = re.compile(r"(?:lakhs?|crores?)\s+each\b", re.I)
_MONEY_AFTER = re.compile(r"^\s*(?:lakh|crore|taka|dollars?|euros?|pounds?|rupees?|usd|eur|manat|rials?|tomans?)\b", re.I)
_MEASURE_AFTER = re.compile(r"^\s*(?:a\.?m\b|p\.?m\b|hrs\b|o'clock\b|gmt\b|utc\b|(?:seconds?|minutes?|hours?|days?|"
                            r"weeks?|months?|years?|km|kilometres?|kilometers?|miles?|metres?|meters?)\b)", re.I)
# "30 of whom are in isolation", "19 of them in isolation": a part counted by what its own clause says
# of it, where "210 of them children" only breaks the group down
_PART_PREDICATE = r"(?:are|were|is|was|have|has|had|remain|remained|remains|still|now|in|died|recovered)\b"
_PART_AFTER = re.compile(r"^\s*(?:of\s+(?:the|those|these|its|their|his|her|our|[\w-]+['\u2019]s)\b|of\s+(?:them|whom|which)\b(?!\s+" + _PART_PREDICATE + r")|others?\s+were\s+still|"
                        r"(?:[\w-]+\s+){0,3}?(?:were\s+|are\s+)?among\s+(?:the\s+|those\s+)?(?:dead|killed|victims|injured))",
                        re.I)  # "three pupils among the dead", "at one of Oltan's ports": a part, not a count
# "one of the riders was pronounced dead", "two of the passengers died": a part of a group of people,
# counted by what befell it (not of a casualty: "eleven of the injured" is a part of a count)
_GROUP_PART = re.compile(r"\s*of\s+(?:the|those|these|its|their)\s+(?!(?:injured|dead|victims|wounded|missing|"
                         r"survivors|casualties)\b)(?:[a-z-]+\s+){0,2}?[a-z-]+s\s+(?:in\s+the\s+(?:group|party)\s+)?"
                         r"(?:died|drowned|perished|(?:was|were|had\s+been|have\s+been)\s+(?:pronounced\s+|later\s+|"
                         r"confirmed\s+)?(?:dead|killed|injured|hurt|wounded|hospitali[sz]ed|missing|rescued)\b)", re.I)
_PART_BEFORE = re.compile(r"(?:\bof\s+(?:the|those|these)\s+\w+,\s*|\bamong\s+(?:the|them|those)\b[^,.;]{0,30}\b(?:were|are|was)\s+)$", re.I)
# "26 were hurt, four seriously", "with two suffering critical injuries": how many of those counted
# were hurt badly, a part of the count before it
_SEVERITY_AFTER = re.compile(r"^\s+(?:of\s+them\s+)?(?:(?:seriously|critically|severely|gravely|badly)\s*(?:[,;.)]|and\b|$)|"
                             r"(?:suffering|sustaining|with)\s+(?:serious|critical|severe|grave|life-threatening)\b)", re.I)
# "rose by three to 31": the figure after "by" is how much a count changed, not the count
_CHANGE_BY = re.compile(r"\b(?:rose|risen|rises|increased|increases|climbed|climbs|jumped|grew|grown|went\s+up|gone\s+up|"
                        r"fell|fallen|dropped|decreased|declined|up|down)\s+by\s+$", re.I)
# "seven of the 30 districts in the country", "six of the country's 30 districts": the second figure
# is how many such places there are, the first how many the event reached
_FIGURE = r"(?:\d[\d,]*|" + WORDS + r")"
_AREA = r"(?:country|nation|state|province|region|city|county)"
_STOCK_OF = re.compile(rf"\s*of\s+(?:the|its|their)\s+(?:(?P<poss>{_AREA}['\u2019]s)\s+)?(?P<m>{_FIGURE})"
                       rf"(?P<tail>\s+[a-z-]+(?:\s+(?:in|of|across)\s+(?:the|this)\s+{_AREA}\b)?)", re.I)


def whole_of(text: str, end: int) -> tuple[int, int] | None:
    """The span of the whole a figure ending at `end` is a part of, when that whole is how many such
    things a place has ("four of the country's 28 districts", "six of the 28 districts in the
    country"); else None. The figure before it is then the count."""
    m = _STOCK_OF.match(text, end)
    if m is None or not (m["poss"] or " in " in m["tail"] or " of " in m["tail"] or " across " in m["tail"]):
        return None
    return m.start("m"), m.end("m")


def _in_whole(text: str, start: int) -> bool:
    """The figure at `start` is such a whole: "of the country's 28 districts"."""
    lo = max(0, start - 60)
    m = re.search(rf"\b({_FIGURE})\s+of\s+[^.;]*$", text[lo:start], re.I)
    if m is None:
        return False
    span = whole_of(text, lo + m.end(1))
    return span is not None and span[0] == start


_INCREMENT_AFTER = re.compile(r"^\s*(?:more|additional)\b", re.I)
_INCREMENT_BEFORE = re.compile(r"\banother\s*$", re.I)
# "three bodies were found on Tuesday, bringing the toll to four": the figure is what the day added
_BRINGING_AFTER = re.compile(r"^[^.;:]{0,80}?,\s*(?:bringing|taking|raising|pushing|lifting)\s+(?:the|its|their)\s+"
                             r"[^.;:]{0,50}?\bto\s+", re.I)
_AGE = re.compile(r"[A-Z][a-z]+,\s*$")
_COMMA_NEXT = re.compile(r"^\s*,")
_HYPHENATED = re.compile(r"-[a-z]", re.I)
# "five times its capacity", "three times the legal load": a multiplier, no one counted
_TIMES_AFTER = re.compile(r"\s+times\b", re.I)
_SPEAKER_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?!(?:are|is|was|were|been|be|being|have|has|had)\s)[a-z]+\s+"
                            r"(?:said|says|told|tells|added|noted|recalled|wrote)\b")
# A milestone is a running total over years ("passed a milestone of one billion passengers"), not a
# count of one event.
_MILESTONE = re.compile(r"\b(?:milestone|landmark)\s+(?:of\s+)?(?:(?:more\s+than|over|some|nearly|almost|about|around)\s+)?$",
                        re.I)
# A figure right after a capitalized word inside running text names a model, a flight, a runway
# ("a Velta 540", "Flight 212", "Runway 9"); not in a title-case headline ("Ferry Toll Rises To 14"),
# not after a weekday or a month ("on Monday 30 people died"), nor before who it counts ("In Oltan
# 41 people died").
_DESIGNATION = re.compile(r"(?<=\S\s)([A-Z][A-Za-z]+)\s$")
_RUNNING_TEXT = re.compile(r"\b[a-z]{4,}\b")
_SUPERSEDED = re.compile(r"\b(?:earlier|initially|previously|first|originally)\s+(?:[\w-]+\s+)?(?:put|puts|gave|given|"
                         r"reported|said|says|estimated|set|announced|stated|counted|listed|cited|claimed)\b[^.;]{0,30}$", re.I)
_SET_ASIDE = re.compile(r"(?:\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)"
                        r"\b[^.;,]{0,60}|(?:\b(?:and|but)|,)\s+not\s+|\b(?:instead\s+of|rather\s+than|down\s+from|up\s+from|"
                        r"revised\s+from|corrected\s+from|from\s+an\s+earlier|from\s+a\s+previous)\s+(?:the\s+)?)$", re.I)
# A forecast is no count: "the toll could surpass 1,000", "is expected to exceed 15,000"; nor is an
# expected attendance ("the fair is expected to draw about 3 crore pilgrims").
_FORECAST = re.compile(r"\b(?:could|may|might|would|will|expected\s+to|likely\s+to|feared\s+to|set\s+to|projected\s+to|"
                       r"forecast\s+to|estimated\s+to)\s+(?:\w+\s+)?(?:surpass|exceed|top|pass|cross|reach|rise\s+(?:to|above|beyond)|"
                       r"draw|attract|bring\s+in|welcome|host|"
                       r"climb\s+(?:to|above)|go\s+(?:up\s+)?(?:to|above|beyond)|hit|range|(?:reach|run|climb)\s+into)\s+"
                       r"(?:more\s+than\s+|over\s+|above\s+|the\s+)?$", re.I)
# "540 injured, including 210 children": a part, counted by the noun after it, never by a trigger before
# "the passengers included 150 nationals of X": a breakdown of the group, not its size
PART_OPENER = re.compile(r"\b(?:including|included|includes|include|among\s+them|of\s+whom|of\s+which)\s+$", re.I)


# A figure the source reports as the count of an earlier moment: "had earlier put the toll at 27",
# "revised down from 310", "rose to 33 from 27". Not the source's current figure, but a point of the
# topic's series.
_EARLIER = re.compile(r"(?:\b(?:earlier|initially|previously|originally)\b[^.;]{0,30}|\b(?:revised|corrected|lowered|"
                      r"raised|down|up)\s+(?:\w+\s+)?from\s+(?:an?\s+|the\s+)?(?:earlier\s+|previous\s+|initial\s+)?|"
                      r"\b(?:rose|risen|climbed|jumped|increased|fell|dropped)\s+to\s+[\d,]+\s+from\s+)$", re.I)


# "16 drills, up from 10 last year": the figure of an earlier year or edition, no point of this one's series
_EARLIER_PERIOD = re.compile(r"\s*(?:(?:at|in|during)\s+)?(?:last|the\s+previous|the\s+prior)\s+(?:year|edition|time)\b"
                             r"|\s*a\s+year\s+(?:earlier|ago|before)\b|\s*in\s+(?:19|20)\d\d\b", re.I)


def earlier_figure(text: str, start: int, end: int) -> bool:
    return bool(_EARLIER.search(text[max(0, start - 40) : start])) and not _EARLIER_PERIOD.match(text, end)


def not_a_total(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after) or _MEASURE_AFTER.match(after):
        return True
    if _LAKH_EACH.search(text, start, end + 6):
        return True
    if _in_whole(text, start):
        return True  # "six of the country's 30 districts": how many there are, not how many it reached
    if (_PART_AFTER.match(after) and whole_of(text, end) is None and not _GROUP_PART.match(text, end)) or _PART_BEFORE.search(before) or _SEVERITY_AFTER.match(after) or _SUPERSEDED.search(before) or _CHANGE_BY.search(before):
        return True
    if _SET_ASIDE.search(text, max(0, start - 80), start) or _FORECAST.search(text, max(0, start - 60), start):
        return True
    if designation(text, start, end) or _MILESTONE.search(before):
        return True
    if _HYPHENATED.match(after) or _TIMES_AFTER.match(after):
        return True  # a compound modifier ("a six-storey building", "a 30-minute delay") counts nothing
    if _SPEAKER_AFTER.match(after):
        return True  # "one sheriff said ...": who speaks, not a count
    return bool(_AGE.search(before) and _COMMA_NEXT.match(after))


# the people a figure counts, or what befell them; not a verb ("Flight 212 was carrying...")
_COUNTED_NEXT = frozenset(lang.PEOPLE_NOUNS) | {w for ws in lang.CASUALTY_KINDS.values() for w in ws}


_WORD_NEXT = re.compile(r"\s+([a-z]+)")


def designation(text: str, start: int, end: int) -> bool:
    m = _DESIGNATION.search(text, max(0, start - 30), start)
    word = m and m.group(1).lower()
    if not word or word in lang.WEEKDAYS or word in lang.MONTHS or len(_RUNNING_TEXT.findall(text)) <= 2:
        return False
    after = _WORD_NEXT.match(text[end : end + 30])
    return not (after and after.group(1) in _COUNTED_NEXT)  # "in Oltan 41 people died" counts people


def change_by(text: str, start: int) -> bool:
    """'rose by three to 31': the number at `start` says how much a count changed."""
    return bool(_CHANGE_BY.search(text[max(0, start - 30) : start]))


def another(text: str, start: int) -> bool:
    """'another 20': other people than the figure before it counts, where 'two more' adds to a count."""
    return bool(_INCREMENT_BEFORE.search(text[max(0, start - 20) : start]))


def increment(text: str, start: int, end: int) -> bool:
    """'two more', 'another 80', '40 additional': a number added to some count."""
    return bool(_INCREMENT_AFTER.match(text[end : end + 20]) or _INCREMENT_BEFORE.search(text[max(0, start - 20) : start])
                or _BRINGING_AFTER.match(text[end : end + 160]))
