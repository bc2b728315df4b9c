"""The count frame: which number a rule's trigger binds ("30 workers were killed", "the death toll
rose to 33", "killed at least 30"), and the ways news writes a figure that is not the event's total:
a part, an increment, a forecast, one town's or building's share, another kind of casualty, an
earlier year's figure. extract.py runs f_count like every other frame."""

from __future__ import annotations

import bisect
import re

from ..language import lang, numbers, units
from ..language.spans import Spans
from ..packs.pack import Mention, Rule, Topic
from ..values.number import Number
from .frame import (AUXILIARIES, LEAD_VOICE, STOPS, Candidate, event_noun_follows, named_spans, place_mentions,
                    subordinate_between)
from .tag import EVENT, Tagged, phrase_words, subject_fits


_BETWEEN_OK = {*lang.PEOPLE_NOUNS, *lang.PERSON_NOUNS, "other", "were", "was", "are", "have", "had", "been",
               "reportedly", "confirmed", "reported", "of", "them", "whom", "which", "who", "already", "still", "now", "may", "might", "could",
               "believed", "feared", "thought", "to", "be", "being", "also", "more", "additional",
               "remain", "remained", "remains", "said",
               "got", "get", "gets", "getting",  # "nine fans got hurt": a passive with "get"
               # what befell them, said with a verb and its object: "14 people lost their lives",
               # "90 residents sustained injuries", "23 suffered burns"
               "lost", "their", "sustained", "suffered"}
COORDINATORS = {"and", "but", "while", "whereas"}
# "eight hikers are missing, along with one guide": the figure after joins the one before, it
# is not what the trigger before it counts. This and _CASUALTY_OF end on "$": read them in the 40
# characters before the number, as every look-back here, so a long sentence costs no more per mention
_ADDED = re.compile(r"\b(?:along\s+with|together\s+with|as\s+well\s+as|plus)\s+$")
_COUNTED = set(lang.PEOPLE_NOUNS)
# "the passengers, one of whom had climbed out": a part of the noun before, which only its own clause counts
_OF_WHOM = re.compile(r"\s+of\s+(?:whom|which|them)\b")
_PART_INSERTED = re.compile(r"(?:\s+[a-z]+){0,2}?(\s*,\s*(?:including|among\s+them)\b[^,;.]{1,80},)"
                            r"(?=\s*(?:were|was|are|is|have|has|had|died|remain|remained)\b)")
# "3,500 people across the delta have been evacuated": a spread over the whole area, read past like
# a part set off by commas (not "in X", which may be one town's or building's share)
_SPREAD = re.compile(r"(?:\s+[a-z-]+){0,2}?(\s+(?:across|throughout)\s+(?:the\s+|all\s+)?(?:[a-z'-]+\s+)?[a-z'-]+)"
                     r"(?=\s+(?:have|has|had|were|was|are|is|been)\b)")
# "96 passengers and crew": the figure counts both groups, so a trigger naming one of them does not bind it
# "8.1 million, or 62.3 percent, voted": the same figure restated as a share, read past like a part
_SHARE_INSERTED = re.compile(r"(\s*,\s*or\s+(?:about\s+|some\s+|nearly\s+|almost\s+|roughly\s+)?\d[\d.,]*\s*"
                             r"(?:%|percent|per\s+cent)(?:\s+of\s+(?:the\s+)?[a-z]+)?\s*,)")
_BOTH_GROUPS = re.compile(r"\s*(?:and|or|&)\s+(?:" + "|".join(lang.PEOPLE_NOUNS) + r")\b")
_CASUALTY_OF = re.compile(r"\b(?:" + "|".join(w for ws in lang.CASUALTY_KINDS.values() for w in ws)
                          + r"|toll)\s+of\s+(?:all\s+(?:the\s+)?)?$")


def _adjective(w: str) -> bool:
    return w not in lang.VERB_FORMS and w not in lang.REPORTING_VERBS and w not in STOPS and \
        not w.endswith(("ed", "ing")) and not w[:1].isdigit() and w not in lang.NUMBER_WORDS


def _modifier(w: str) -> bool:
    """An adjective, or words hyphenated into one modifier ("large-scale", "well-armed")."""
    return _adjective(w) or ("-" in w and not w[:1].isdigit())


def _joined_words(t: Tagged, ks: list[int]) -> list[str]:
    """The words of tokens ks, those a hyphen joins read as one word ("large-scale")."""
    out: list[str] = []
    for i, k in enumerate(ks):
        if i and ks[i - 1] == k - 1 and t.text[t.tokens[k - 1][1] : t.tokens[k][0]] == "-":
            out[-1] += "-" + t.words[k]
        else:
            out.append(t.words[k])
    return out


def _verb(w: str) -> bool:
    return w.endswith(("ed", "ing")) or w in lang.VERB_FORMS


# "among the dead", "among those injured": the whole the figure after it is a part of
_AMONG = re.compile(r"\bamong\s+(?:the\s+|those\s+)?(?:[a-z]+\s+)?$")

_MORE_WORDS = 0.01  # less than any step of a count's distance: it only breaks a tie


def _plural(w: str) -> str:
    return w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "s"


# "82 people died across six counties": a figure before a place noun counts places, not people; so
# does one before buildings or vehicles ("gutted four warehouses", "about 50 ambulances") and one before
# the places a vote is held and counted in ("at 9,400 polling stations", "from 212 constituencies")
_THINGS = {_plural(w) for w in lang.PLACE_NOUNS + lang.STRUCTURES if " " not in w and not w.endswith(("s", "x"))}
_PLACES_NEXT = re.compile(r"\s+(?:[a-z-]+\s+)?(" + "|".join(sorted(_THINGS | set(lang.VEHICLE_NOUNS)))
                          + r"|countries|communities|neighbourhoods|neighborhoods"
                          + r"|stations|precincts|constituencies|booths)\b")


def _count_distance(t: Tagged, triggers, a: int, b: int, window: int) -> float | None:
    """How closely a number is bound to one of the triggers: a trigger after it counts it directly
    ("30 workers were killed", "60 others injured") and wins a tie over a verb before it ("killed
    and about 60 others injured"); words between a number and a later trigger may only be the
    counted people and auxiliaries ("21 relatives to identify bodies" counts relatives)."""
    injured = any(w in triggers for w in lang.CASUALTY_KINDS["injured"])
    care = any(tr in lang.CARE_VERBS for tr in triggers)
    if not injured and not care and not t.sorted_phrases(triggers)[0]:
        return None  # no trigger anywhere in the sentence: _binding finds none to bind the number
    return _binding(t, triggers, a, b, window, injured, care)


def _binding(t: Tagged, triggers, a: int, b: int, window: int, injured: bool, care_rule: bool) -> float | None:
    """_count_distance read in full. `injured`: the triggers count the injured; `care_rule`: they
    name a verb of care (those in hospital)."""
    whole = numbers.whole_of(t.text, b)
    if whole is not None:
        b = whole[1]  # "four of the country's 28 districts": the four are districts, read as one figure
    places = _PLACES_NEXT.match(t.lower, b)
    if places and not any(places.group(1) in tr.split() for tr in triggers):
        return None
    best = None
    last = t.tok_before(b)
    if _counts_events(t, last + 1, triggers):
        return None  # "crews battle several wildfires", "three fires broke out": the figure counts events
    part = numbers.PART_OPENER.search(t.text, max(0, a - 20), a)  # "including 210 children": not the injured
    # "All the deaths were in X, among them three hikers killed": a part of a whole this topic's own
    # words named before the opener, not its count
    part_of_own = part is not None and any(sp[1] < t.tok(part.start())
                                           for sp in t.phrases_near(triggers, part.start(), part.end(), 2 * window))
    aside, clauses = _aside_tokens(t)
    within = next((x for x, y in clauses if x <= a < y), None)  # a number in a relative clause is its own
    k = 0 if within is not None else bisect.bisect_left(aside, t.tok(a))
    verb = _change_verb(t, a)
    # "19 people, including six pupils, were killed": the part set off by commas is read past
    ins = _PART_INSERTED.match(t.text, b) or _SHARE_INSERTED.match(t.lower, b) or _SPREAD.match(t.lower, b)
    span = (ins.start(1), ins.end(1)) if ins else _at_site(t, b) or _aboard(t, b)
    skip = (t.tok(span[0]), t.tok_before(span[1])) if span else (len(t.words), -1)
    skipped = skip[1] - skip[0] + 1 if span else 0
    whole = span is not None and not ins and _whole_aboard(t, a, b) is not None
    reach = 2 * window + k + skipped
    if verb is not None:
        reach = max(reach, t.tok(a) - verb + lang.COUNT_SUBJECT_REACH)
    for sp in t.phrases_near(triggers, a, b, reach):  # a superset: the event's phrase is reached over too
        d = t.distance(sp, a, b)
        if d is not None and verb is not None and sp[1] < verb and not _verb(t.words[sp[1]]) \
                and verb - sp[1] - 1 <= lang.COUNT_SUBJECT_REACH and t.same_clause(sp[1], verb) \
                and not lang.SUBORDINATORS.intersection(t.words[sp[1] + 1 : verb]):
            d = min(d, t.tok(a) - verb)  # "the toll from Monday's collapse in X rose sharply to 21"
        elif d is not None and sp[1] < t.tok(a):
            if within is not None and t.tokens[sp[1]][1] <= within:
                continue  # "the death toll from the storm, which damaged 300 homes, ..." counts no homes
            if _clause_between(t, sp[1] + 1, t.tok(a)):
                continue  # "the toll rose as floodwaters reached 300 homes": the number is that clause's
            d -= k - bisect.bisect_right(aside, sp[1]) + _event_after(t, sp[1], t.tok(a))
        if skip[0] <= sp[0] <= skip[1] and not whole:
            continue  # "38 people, including nine dead, were ...": the part's own word counts the part only
        if sp[1] < t.tok(a) and _AMONG.search(t.lower, max(0, t.tokens[sp[0]][0] - 40), t.tokens[sp[0]][0]):
            continue  # "Among the dead, three were hikers": the whole a part is of, not its count
        if sp[0] > last and part_of_own:
            continue
        if d is not None and sp[0] > skip[1] >= 0:
            d -= skipped
        if d is None or d > window:
            continue
        if sp[1] < t.tok(a) and (part or _counts_own_item(t, sp, a) or _number_between(t, sp[1], a)
                                 or _ADDED.search(t.lower, max(0, a - 40), a) or _OF_WHOM.match(t.lower, b)):
            continue  # a verb or noun before binds the nearest number after it, no farther
        if sp[1] < t.tok(a) and set(t.words[sp[1] + 1 : t.tok(a)]) <= {"of", "all", "the"} \
                and _CASUALTY_OF.search(t.lower, max(0, a - 40), a):
            d = -0.5  # "the lives of 64 passengers on board": as close as what a trigger after counts
        if sp[1] < t.tok(a) and t.words[sp[1]] in _COUNTED and any(
                _verb(w) and w not in AUXILIARIES and i != verb for i, w in enumerate(t.words[sp[1] + 1 : t.tok(a)], sp[1] + 1)):
            continue  # "rescuers were trying to reach two people": the people they act on are no count of them
        if sp[1] < t.tok(a) and any(w in COORDINATORS for w in t.words[sp[1] + 1 : t.tok(a)]):
            if t.words[sp[1]] in _COUNTED:
                continue  # "passengers, crew and two farm workers": a list item, not the crew's count
            if verb is None and _own_clause_after(t, sp[1], a, last, triggers):
                continue
            d += 3  # "were killed and 7,000 more are missing": the number opens the next clause
        if d == 0 and sp[1] < t.tok(a) and _verb(t.words[sp[1]]):
            d -= 1  # "detained 30 protesters": the verb says what befell them, the noun only names them
        if sp[0] > last:
            if part and "," in t.text[b : t.tokens[sp[0]][0]]:
                continue  # "19 people, including six pupils, were killed": the part's insertion ends at its comma
            if _figure_in(t, b, t.tokens[sp[0]][0], ins.span(1) if ins else None):
                continue  # "Kills 23, Dozens Still Missing": a trigger after counts the figure nearest it, no farther
            # a name written into the phrase is one modifier ("10 Varesk County residents")
            named = named_spans(t)
            between = _joined_words(t, [k for k in range(last + 1, sp[0]) if not skip[0] <= k <= skip[1]
                                        and not (k > last + 1 and named.covers(t.tokens[k][0])
                                                 and named.covers(t.tokens[k - 1][0]))])
            # only the counted people (with one word before them: "30 factory workers") and auxiliaries
            # ... or up to two adjectives right before the trigger that names them ("three strong
            # quakes", "12,000 Corvanian troops", "16 large-scale field drills")
            # (not "61, including passengers, crew": a list of what a figure holds names no count of its own)
            # ... and two groups joined ("48 passengers and crew were killed"); or what a trigger
            # ending on this one names ("400 homes were destroyed" under a trigger "homes destroyed")
            last_word = t.words[sp[1]]
            own = {x for tr in triggers if tr.endswith(" " + last_word) for x in tr.split()[:-1]}
            between = _past_partitive(between, own)
            n = len(between)
            if any(w not in _BETWEEN_OK and w not in own and not (k + 1 < n and between[k + 1] in _COUNTED and (_adjective(w) or w == "and"))
                   and not (n - k <= 2 and all(map(_modifier, between[k:])))
                   and not (w in ("found", "pronounced") and k and between[k - 1] in AUXILIARIES)  # "15 people were found dead"
                   for k, w in enumerate(between)):
                continue
            if t.words[sp[0]] in _COUNTED and sp[0] == sp[1] and (_BOTH_GROUPS.match(t.lower, t.tokens[sp[1]][1])
                                                                  or _CASUALTY_OF.search(t.lower, max(0, a - 40), a)):
                continue  # "96 passengers and crew", "the lives of 64 passengers": no count of the passengers
            d -= 0.5
        d -= _MORE_WORDS * (sp[1] - sp[0])  # of two triggers as close, the longer says more: "killed on the ground"
        best = d if best is None else min(best, d)
    if _part_in_care(t, a, b):
        return -0.5 if care_rule else None  # the part is those in hospital, never the injured's total
    if not _cared_for(t, a, b):
        return best
    if best is not None and care_rule:
        return min(best, -0.5)  # "85 are still hospitalised" under a rule of its own: those in hospital, before the injured
    if injured and not part:
        # "treated 40 people for burns" counts the injured; "600 injured, of whom 85 were hospitalised" a part
        best = 0 if best is None else min(best, 0)
    return best


_PARTITIVE_END = {"were", "was", "are", "is", "have", "has", "had", "been", "reportedly"}  # its verb's auxiliary


def _past_partitive(words: list[str], own: set[str]) -> list[str]:
    """The words between a number and its trigger without a partitive right after the counted noun:
    "two carriages of the night express were derailed", "four members of one family were killed",
    "one of the riders was pronounced dead" name whose they are, and the verb after still says what befell them. Not over a figure, a verb
    or more than a short noun phrase ("five members of the team said 14 ...")."""
    for i, w in enumerate(words[:-1]):
        # "one of the riders was pronounced dead": right after the figure, the group it is a part of
        if w != "of" or (i and words[i - 1] not in _COUNTED and words[i - 1] not in own):
            continue
        if words[i + 1] not in lang.DETERMINERS and words[i + 1] != "one" and not words[i + 1].endswith("'s"):
            return words
        j = next((k for k in range(i + 1, len(words)) if words[k] in _PARTITIVE_END), len(words))
        phrase = words[i + 2 : j]
        if len(phrase) > 3 or any(_verb(x) or _figure_word(x) or x in lang.REPORTING_VERBS for x in phrase):
            return words
        return words[:i] + words[j:]
    return words


def _own_clause_after(t: Tagged, i: int, a: int, last: int, triggers) -> bool:
    """After a coordinator, the number at `a` belongs to the clause it opens, not to the trigger
    ending at token i, when that clause has a verb of its own before it ("recovered nine bodies and
    were still searching for 109 others") or the number counts a thing of its own named right after
    it ("400 people joined the rescue effort and 6 ambulances were sent")."""
    c = max(k for k in range(i + 1, t.tok(a)) if t.words[k] in COORDINATORS)
    if any(_verb(w) and w not in AUXILIARIES for w in t.words[c + 1 : t.tok(a)]):
        return True
    if last + 1 >= len(t.words):
        return False
    w = t.words[last + 1]
    return w.isalpha() and w not in _BETWEEN_OK and not _verb(w) and not any(w in tr.split() for tr in triggers)


# "six people aboard the air taxi were killed": where the counted people were is read past, like a
# spread over the area, and the verb after says what befell them; those on board are a part of the
# whole on board unless "all" makes them the whole ("all six people aboard ... were killed" counts both)
_ABOARD_PHRASE = (r"(?:\s+[a-z-]+){0,2}?(\s+(?:aboard|on\s+board|onboard|on-board)"
                  r"(?:\s+(?:the|a|an|its|their)(?:\s+(?!(?:there|that|which|who|it|they|and|but|when|as|while)\b)"
                  r"[a-z-]+){1,3}?)?)")
_ABOARD = re.compile(_ABOARD_PHRASE + r"(?=\s+(?:have|has|had|were|was|are|is|been|[a-z]+ed)\b)")
# "claimed the lives of all nine people on board": the figure ends its phrase, the dead named before it
_ABOARD_END = re.compile(_ABOARD_PHRASE + r"(?=\s*(?:[,.;]|$))")
_ALL_BEFORE = re.compile(r"\ball\s+(?:the\s+|of\s+the\s+)?$")


def _aboard(t: Tagged, b: int) -> tuple[int, int] | None:
    """The span of 'aboard the plane' between the people a figure ending at b counts and their verb."""
    m = _ABOARD.match(t.lower, b)
    return m.span(1) if m else None


def _whole_aboard(t: Tagged, a: int, b: int) -> tuple[int, int] | None:
    """The 'aboard ...' span after a figure that "all" opens: the figure is everyone on board too."""
    if not _ALL_BEFORE.search(t.lower, max(0, a - 20), a):
        return None
    span = _aboard(t, b)
    if span is None and _CASUALTY_OF.search(t.lower, max(0, a - 40), a):
        m = _ABOARD_END.match(t.lower, b)
        span = m.span(1) if m else None
    return span


_SITE_IN = re.compile(r"(?:\s+[a-z-]+){0,2}?(\s+(?:in|at)\s+(?:the\s+)?(?:(?:" + "|".join(lang.PLACE_NOUNS)
                      + r")\s+of\s+)?)")
_SITE_NEXT = re.compile(r"\s*,\s*|\s+in\s+")
_SITE_VERB = re.compile(r"\s+(?:have|has|had|were|was|are|is|been|remain|remained|remains)\b")


def _at_site(t: Tagged, b: int) -> tuple[int, int] | None:
    """The span of 'in the village of X[ in Y]' right after the figure ending at b, where every place
    is the event's site or holds it and a verb follows: "60 people in the village of X were missing"
    counts the event's whole, read past like a spread over the area."""
    m = _SITE_IN.match(t.lower, b)
    if not m:
        return None
    by_start = t.memo.get("places by start")
    if by_start is None:
        by_start = t.memo["places by start"] = {e.start: e for e in place_mentions(t)}
    e, end = by_start.get(m.end()), None
    while e is not None and e.entity.known and t.pack.gazetteer.holds_site(e.entity.name):
        end = e.end
        nxt = _SITE_NEXT.match(t.lower, end)
        e = by_start.get(nxt.end()) if nxt else None
    if end is None or not _SITE_VERB.match(t.lower, end):
        return None
    return m.start(1), end


def _counts_events(t: Tagged, k: int, triggers) -> bool:
    """The word at token k, right after a figure, is one of the event's nouns as the pack lists it,
    neither what a trigger counts ("17 million votes", "8,000 rally-goers" where those are counted)
    nor a modifier of one ("three fire deaths")."""
    if k >= len(t.words) or t.words[k] not in t.pack.nouns or not t.text[t.tokens[k - 1][1] : t.tokens[k][0]].isspace():
        return False  # not "injuring more than 100, fire officials said"
    if k + 1 < len(t.words) and t.words[k + 1] in lang.COMPOUND_HEADS:
        return False  # "20 fire crews": the noun qualifies another
    if any(t.words[k : k + len(ws)] == ws for ws in map(phrase_words, triggers)):
        return False  # "8,000 rally-goers" under a trigger "rally-goers"
    return k + 1 >= len(t.words) or t.words[k + 1] not in triggers


def _clause_between(t: Tagged, i: int, j: int) -> bool:
    """A conjunction between tokens i and j opens a clause with a verb of its own before token j
    ("the toll rose as crews reached 19 villages"): what a trigger before it counts, it counts no
    number of that clause; one closed by a comma before it is an aside ("killed, as officials
    feared, at least 30"). A number right after the conjunction is its clause's subject ("were
    injured after three coaches derailed")."""
    for k in range(i, j):
        if subordinate_between(t, k, k + 1):
            return "," not in t.text[t.tokens[k][1] : t.tokens[j][0]] and (
                k + 1 == j or any(map(_verb, t.words[k + 1 : j])) or _headline_verb(t, k + 1, j))
    return False


def _headline_verb(t: Tagged, i: int, j: int) -> bool:
    """Headlines tell of the event in the present ("after mudslide buries dozens", "as quake kills
    30"): a word in -s right after one of the event's nouns, between tokens i and j, is its verb."""
    return any(t.words[k] in t.pack.nouns and t.words[k + 1].endswith("s") and t.words[k + 1].isalpha()
               and t.words[k + 1] not in t.pack.nouns for k in range(i, j - 1))


def _change_verb(t: Tagged, a: int) -> int | None:
    """The token of a verb by which a toll changes or stands, right before the number at `a` save a
    few adverbs and prepositions ("rose sharply overnight to at least 21"), else None."""
    i, reach = t.tok(a) - 1, 4
    while i >= 0 and t.tok(a) - i <= reach:
        if t.words[i] in lang.COUNT_CHANGE_FILLERS:
            i -= 1
        elif i > 0 and t.words[i - 1] == "by" and _figure_word(t.words[i]):
            i, reach = i - 2, reach + 2  # "rose by three to 31": the change is read past
        else:
            break
    return i if i >= 0 and t.words[i] in lang.COUNT_CHANGE_VERBS else None


def _figure_word(w: str) -> bool:
    return w[:1].isdigit() or w in lang.NUMBER_WORDS


_RELATIVE_ASIDE = re.compile(r",\s*(?:which|who)\b[^,;:()]*,")


def _aside_tokens(t: Tagged) -> tuple[list[int], list[tuple[int, int]]]:
    """The tokens of relative clauses set off by commas, which a count's trigger reaches over ("the
    death toll, which officials updated overnight, rose to 65"), and their spans (a number inside one
    is that clause's)."""
    found = t.memo.get("aside tokens")
    if found is None:
        clauses = [m.span() for m in _RELATIVE_ASIDE.finditer(t.lower)]
        found = t.memo["aside tokens"] = (
            sorted({k for x, y in clauses for k in range(t.tok(x), t.tok_before(y) + 1)}), clauses)
    return found


def _event_after(t: Tagged, i: int, j: int) -> int:
    """The length of the event's own phrase right after a trigger and its preposition, before token j
    ("the death toll from the powerful Cyclone X has risen to 65"): the trigger reaches over it."""
    if i + 2 >= j or t.words[i + 1] not in ("from", "of", "in"):
        return 0
    cue = t.first_cue_from(t.tokens[i + 2][0])
    if cue is None or cue.subject != EVENT or cue.start != t.tokens[i + 2][0]:
        return 0
    return min(t.tok_before(cue.end), j - 1) - (i + 2) + 1


def _number_between(t: Tagged, tok: int, a: int) -> bool:
    """Another number stands between token `tok` and the number starting at character `a`."""
    starts = _number_starts(t)
    k = bisect.bisect_left(starts, a)
    while k > 0 and starts[k - 1] >= t.tokens[tok][1] and (numbers.change_by(t.text, starts[k - 1])
                                                           or _counts_things(t, starts[k - 1])):
        k -= 1  # "cases rose by three to 31": the change stands between the noun and its count; so do
        # "the toll in the fire that gutted four warehouses rose to 31": the four count buildings
    return k > 0 and starts[k - 1] >= t.tokens[tok][1]


def _figure_in(t: Tagged, lo: int, hi: int, aside: tuple[int, int] | None) -> bool:
    """Another figure starts between characters lo and hi, outside an inserted part ("19 people,
    including six pupils, were killed" reads past the six) and not after "of" ("four members of one
    family were killed": whose they are, see _past_partitive)."""
    starts = _number_starts(t)
    k = bisect.bisect_left(starts, lo)
    while k < len(starts) and starts[k] < hi:
        if not (aside and aside[0] <= starts[k] < aside[1]) and not t.lower.endswith("of ", 0, starts[k]):
            return True
        k += 1
    return False


def _number_spans(t: Tagged) -> tuple[list[int], dict[int, int]]:
    """The sentence's numbers: their starts in order (for bisection), and each one's end by its start."""
    hit = t.memo.get("number spans")
    if hit is None:
        found = numbers.find(t.text)
        hit = t.memo["number spans"] = ([x for x, _, _ in found], {x: y for x, y, _ in found})
    return hit


def _number_starts(t: Tagged) -> list[int]:
    return _number_spans(t)[0]


def _counts_things(t: Tagged, a: int) -> bool:
    """The figure starting at character `a` counts places, buildings or vehicles ("four warehouses")."""
    end = _number_spans(t)[1].get(a)
    return end is not None and bool(_PLACES_NEXT.match(t.lower, end))


def _counts_own_item(t: Tagged, sp: tuple[int, int], a: int) -> bool:
    """In a list ("210 tanks, and 12 ships") a noun that already counts the number before it does not
    reach across the comma to the next item's number."""
    gap = t.text[t.tokens[sp[1]][1] : a]
    figure = lambda w: w[:1].isdigit() or w in lang.NUMBER_WORDS
    if "," not in gap and ";" not in gap:
        # "flooded 85 villages forcing 63,000 to flee", "85 villages in 17 village tracts": a noun
        # right after its own number has counted it, and counts nothing further on
        return sp[0] > 0 and figure(t.words[sp[0] - 1]) and t.words[sp[0] - 1] not in ("a", "an") \
            and not _verb(t.words[sp[1]]) \
            and t.text[t.tokens[sp[0] - 1][1] : t.tokens[sp[0]][0]].isspace()
    before = t.words[max(0, sp[0] - 3) : sp[0]]
    return any(figure(w) for w in before)


PAIR_GAP = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?(" + "|".join(lang.PEOPLE_NOUNS) + r")\s+(?:and|plus)\s+")
_PAIR_NOUN = re.compile(r"\s+([a-z]+)(?:\s+([a-z]+))?\b")


def _clause_word(w: str, triggers: set[str]) -> bool:
    """A word that goes on the clause rather than name a group: a verb, a trigger, a preposition."""
    return w in triggers or (w in _BETWEEN_OK and w not in _COUNTED) or w in _KIND_OF or w in lang.VERB_FORMS or w in STOPS \
        or w in ("who", "whom", "whose", "that", "which") \
        or w.endswith(("ed", "ing"))


# "A cyclist died", "a hiker was found dead": one person, the subject of what befell them, is a
# toll of one; the figure is the article with its noun ("a cyclist"), so nothing stands between.
# Not "even a firefighter has died", "including a child": one of many dead, singled out
ONE_WHO = re.compile(r"(?<![\w'-])(?<!\beven\s)(?<!\balso\s)(?<!\bincluding\s)an?\s+(?:[a-z-]+\s+)?(?!(?:number|total|group|few|lot|couple|dozen|handful|"
                      r"third|fourth|fifth|second|record)\b)[a-z-]+(?=\s+(?:has\s+|had\s+|later\s+)?(?:died\b(?!\s+(?:down|out|away))|"
                      r"drowned\b|(?:was|is)\s+(?:killed|dead|pronounced\s+dead|found\s+dead)\b))")


def _one_who(t: Tagged, found: list[tuple]) -> list[tuple]:
    taken = Spans([(a, b) for a, b, _ in found])
    return [(m.start(), m.end(), Number(1, 1)) for m in ONE_WHO.finditer(t.lower) if not taken.overlaps(m.start(), m.end())]


def _groups_added(t: Tagged, rules: list[Rule]) -> list[tuple]:
    """The sentence's numbers, two groups counted together read as their sum: "five hikers and one
    guide remain missing" are six missing, as "96 passengers and crew" are everyone on board.
    Not when a count rule counts one of the groups by its noun ("230 passengers and 12 crew": a
    topic for each), nor when either figure is inexact."""
    found = list(numbers.find(t.text))
    found = sorted(found + _one_who(t, found), key=lambda x: x[0])
    nouns = {w for r in rules for tr in r.triggers for w in tr.split()}
    out, i = [], 0
    while i < len(found):
        a, b, n = found[i]
        if i + 1 < len(found) and n.lo == n.hi and found[i + 1][2].lo == found[i + 1][2].hi:
            a2, b2, n2 = found[i + 1]
            gap, tail = PAIR_GAP.fullmatch(t.lower, b, a2), _PAIR_NOUN.match(t.lower, b2)
            # the second group's noun: its last word, "one guide", "one mountain guide"
            g = 2 if tail and tail.group(2) and not _clause_word(tail.group(2), nouns) else 1
            # one group split by a modifier ("three first-year students and two final-year students")
            # is a breakdown news gives beside its total, not who makes up a count
            same = gap and gap.group(1) in t.lower[b2 : b2 + 30].split()[:3]
            if gap and tail and not same and not {gap.group(1), tail.group(g)} & nouns \
                    and not _clause_word(tail.group(1), nouns) and tail.group(g) not in units.WORDS:
                out.append((a, tail.end(g), Number(n.lo + n2.lo, n.hi + n2.hi)))
                i += 2
                continue
        out.append((a, b, n))
        i += 1
    return out


def _counted(t: Tagged) -> list[tuple]:
    """Every number of the sentence that can be a count, with how closely each count rule's
    triggers bind it (and whether the words after it name another kind than that rule's), whether it
    is an increment, and whether the source reports it as an earlier moment's figure."""
    hit = t.memo.get("counted")
    if hit is not None:
        return hit
    taken = Spans([(x.start, x.end) for x in t.timexes] + [(e.start, e.end) for e in t.entities])
    rules = [r for tp in t.pack.topics.values() for r in tp.rules if r.frame == "count"]
    hit = []
    for a, b, n in _groups_added(t, rules):
        earlier = numbers.earlier_figure(t.text, a, b)  # kept for the topic's series
        if taken.covers(a) or (not earlier and numbers.not_a_total(t.text, a, b) and not _part_in_care(t, a, b)):
            continue
        if FORECAST.search(t.text[max(0, a - 120) : a]) or _sub_count(t, a, b) or t.dated_earlier(b) \
                or t.earlier_subject(a) or t.dated_to_a_month(a):
            continue
        # each count rule's binding, kept for f_count, which asks the same of its own rule
        own = {r.id: (d, _other_kind(t, a, b, r.triggers)) for r in rules
               if (d := _count_distance(t, lang.passive_forms(r.triggers), a, b, r.window)) is not None}
        ds = [(own[r.id][0], r.topic, own[r.id][1]) for r in rules if r.id in own]
        hit.append((a, b, n, ds, numbers.increment(t.text, a, b), earlier, own, _on_board(t, rules, a, b)))
    t.memo["counted"] = hit
    return hit


def _on_board(t: Tagged, rules, a: int, b: int) -> frozenset[str]:
    """The topics whose trigger stands in the 'aboard ...' span of "all six people aboard the plane
    were killed": they count the figure beside the verb's topic, not against it."""
    span = _whole_aboard(t, a, b)
    if span is None:
        return frozenset()
    said = " " + " ".join(t.lower[span[0] : span[1]].split()) + " "
    return frozenset(r.topic for r in rules if any(f" {tr} " in said for tr in r.triggers))


FORECAST = re.compile("|".join(lang.FORECAST_BEFORE), re.I)
_FILLERS = "|".join(map(re.escape, lang.COUNT_FILLERS))
# a number's qualifier, or "another", between a verb and the number ("killed at least", "treated another")
_QUALIFIED = r"(?:(?:" + "|".join(q.replace(" ", r"\s+") for q in (*numbers.QUALIFIERS, "another")) + r")\s+)?"
_KIND_OF = {w: k for k, ws in lang.CASUALTY_KINDS.items() for w in ws}
_STRUCTURE = "|".join(map(re.escape, lang.STRUCTURES))
# a verb of what befell the people right before their number ("killed at least two people")
_KIND_BEFORE = re.compile(rf"\b({'|'.join(_KIND_OF)})\s+{_QUALIFIED}$")
# the first word after a number and the people it counts ("40 medical students injured")
# ... said with a verb and its object ("20 passengers suffered serious injuries", "lost their lives")
_BEFELL = r"(?:(?:lost|sustained|suffered)\s+(?:their\s+|[a-z-]+\s+(?=(?:injuries|wounds|burns)\b))?)?"
_KIND_AFTER = re.compile(rf"(?:[\s,]+(?:{_FILLERS}|[a-z-]+\s+(?:{'|'.join(lang.PEOPLE_NOUNS)})\b))*\s+{_BEFELL}([a-z]+)")


_SAVED_BEFORE = re.compile(rf"\b(?:saved|save|saves|saving|spared)\s+{_QUALIFIED}$")


def _other_kind(t: Tagged, a: int, b: int, triggers: tuple[str, ...]) -> bool:
    """The words after a number say it counts another kind of casualty than the rule's
    ("81 people remain missing" for a death toll), or a verb of care says it counts the injured, or
    else a verb right before it says what befell them ("killed two people" for a crowd's size)."""
    # not across a comma that opens the next item: "killed 17 people, injured 40"
    m = _KIND_AFTER.match(t.lower[b : b + 80])
    cared = _cared_for(t, a, b)
    if cared and any(tr in lang.CARE_VERBS for tr in triggers):
        return False  # a rule that counts those in hospital ("85 are still hospitalised") takes its own verb
    kind = "injured" if cared else _KIND_OF.get(m.group(1)) if m else None
    if kind == "dead" and m.group(1) == "lives" and _SAVED_BEFORE.search(t.lower, max(0, a - 40), a):
        # "crews saved more than 850 lives": the lives are the people rescued
        return not any(w in triggers for w in lang.CASUALTY_KINDS["rescued"])
    if kind is None and (v := _KIND_BEFORE.search(t.lower, max(0, a - 40), a)):
        kind, m = _KIND_OF[v.group(1)], None  # "killed two people": no crowd, whatever names them
    if kind is None or any(w in triggers for w in lang.CASUALTY_KINDS[kind]):
        return False
    if m is None:
        return not any(w in lang.CASUALTY_KINDS[kind] for tr in triggers for w in tr.split())
    if m.group(1) in triggers:
        return False
    said = t.lower[b : b + m.end() + 40]  # unless a trigger names both: "passengers killed", "feared dead"
    return not any(m.group(1) in tr.split() and tr in said for tr in triggers)


_CARE = "|".join(lang.CARE_VERBS)
_CARE_BEFORE = re.compile(rf"\b(?:{_CARE})\s+{_QUALIFIED}$")
# not across a comma, as _other_kind; the people may be any ("15 riot officers were treated"), never the dead
_CARE_AFTER = re.compile(rf"(?:\s+(?!(?:{'|'.join(_KIND_OF)})\b)[a-z-]+){{0,2}}?(?:[\s,]+(?:{_FILLERS}))*\s+(?:{_CARE})\b")


# "85 of those hurt are still hospitalised": a part of the injured, counted by the verb of care after it
PART_CARED = re.compile(rf"\s+of\s+(?:the|those|these|them)(?:\s+(?:{'|'.join(lang.CASUALTY_KINDS['injured'])}))?"
                         rf"(?:\s+(?:{_FILLERS}|currently|now))*\s+(?:{_CARE})\b")


OF_INJURED = re.compile(rf"\bof\s+(?:the|those|these)\s+(?:{'|'.join(lang.CASUALTY_KINDS['injured'])})\s*,\s*$")


def _part_in_care(t: Tagged, a: int, b: int) -> bool:
    """A part of the injured that a verb of care counts ("85 of those hurt are still hospitalised",
    "of the injured, 85 are still in hospital"), when a rule of the pack counts those in hospital."""
    part = PART_CARED.match(t.lower, b) or (OF_INJURED.search(t.lower, max(0, a - 40), a) and _cared_for(t, a, b))
    return bool(part) and any(
        tr in lang.CARE_VERBS for tp in t.pack.topics.values() for r in tp.rules if r.frame == "count" for tr in r.triggers)


def _cared_for(t: Tagged, a: int, b: int) -> bool:
    """A verb of care counts the injured, whatever the phrase after it names: "medics treated 40
    people for burns", "dozens were hospitalised"."""
    return bool(_CARE_BEFORE.search(t.lower, max(0, a - 40), a) or _CARE_AFTER.match(t.lower, b))


def _partial_place(t: Tagged, e: Mention) -> bool:
    """A place inside another of the pack's places, or one the pack does not know: one town of the
    affected area, not the whole of it. Not the event's site nor a place around it: a landslide that
    buried one village has its whole toll there ("118 people in the village of X were missing")."""
    gaz = t.pack.gazetteer
    return not e.entity.known or (bool(gaz.ancestors("place", e.entity.name)) and not gaz.holds_site(e.entity.name))


SUB_COUNT_REACH = 400
_WHEN_WORDS = "also|late|early|morning|afternoon|evening|night|" + "|".join(lang.WEEKDAYS)
# "three deaths and three people missing in X": the place ends a list of counts, and holds for each
_LISTED_COUNT = (r"and\s+(?:\d+|" + numbers.WORDS + r")(?:\s+(?:" + "|".join(lang.PEOPLE_NOUNS) + r"))?"
                 r"\s+(?:missing|dead|injured|hurt|wounded|displaced)")
# "killing one cyclist in southern X": who is counted (one word, "cyclist" as well as "people"), then
# the place, with a compass word before it
_COMPASS = r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?|central"
_AT_PLACE = re.compile(rf"(?:\s+[a-z]+(?=\s+(?:in|at)\s))?"
                       rf"(?:\s+(?:{_FILLERS}|[a-z]+ed|deaths?|dead|injur\w+|missing|fatalities|lives|{_WHEN_WORDS}|"
                       rf"{_LISTED_COUNT}))*\s+(?:in|at)\s+"
                       rf"(?:the\s+)?(?:(?:city|town|village|district)\s+of\s+)?(?:(?:{_COMPASS})\s+)?")
_STRUCTURE_AT = re.compile(rf"(?:{_STRUCTURE})\b")
# "died in hospital" with no article: the idiom for where the wounded die, not one building's toll
_IN_HOSPITAL = re.compile(r"in\s+hospital\b")
_AT_SCENE_RX = re.compile("|".join(lang.DIED_AT_SCENE))
_IN_HOSPITAL_RX = re.compile("|".join(lang.DIED_IN_HOSPITAL))
_DIED_WHERE = re.compile(r"(?:\s+[a-z-]+){0,4}?\s+(?:died|killed|dead|succumbed|perished)(?:\s+[a-z-]+){0,2}?\s+"
                         rf"(?P<where>{'|'.join(lang.DIED_AT_SCENE + lang.DIED_IN_HOSPITAL)})\b")
_SCOPE_VERB = re.compile(rf"\s*,?\s*(?:{'|'.join(lang.SCOPE_VERBS)})\b")
_STRUCTURE_FELL = re.compile(rf"\b(?:{_STRUCTURE})\s+(?:in|at)\s+[^;]*\b(?:killing|resulting\s+in|leaving|claiming)\b[^;]*$")
_COLLAPSE = re.compile(r"\b(?:the|a|its|this)\s+(collapse)\b[^;]*$")


_OPENING_IN = re.compile(r"(?:in\s+)?")
_ALONE = re.compile(r"[^,;:]{0,60}?\b(?:in|from|at)\s+(?:that|this|his|her|their|its|the)\s+(?:own\s+)?"
                    r"(?:county|city|town|village|district|province|state|region|area|camp|site)\s+alone\b")
_WHERE_CLAUSE = re.compile(r"\s*,\s*where\b")
_SUBJECT_VERB = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?[a-z]+ed\b")
_ASIDE = re.compile(r"\s*,[^,;:]{1,60},")


def _aside_end(text: str, i: int) -> int:
    """Where an aside set off by commas right after position i ends ("X, bearing the brunt, reported")."""
    m = _ASIDE.match(text, i)
    return m.end() if m else i


_LOCAL_VOICE = re.compile(rf"(?:the\s+)?(?:[a-z]+\s+){{0,2}}?(?:{'|'.join(lang.LOCAL_VOICES)})\s+(?:in|at)\s+(?:the\s+)?")
_LIST_NEXT = re.compile(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:{'|'.join(lang.NEIGHBOUR_WORDS)})\s+)?")


def _whole_list(t: Tagged, first: Mention) -> bool:
    """Places listed together that make up the whole of the one containing them ("killed in Corvania
    and neighbouring Maridia" when the pack's region holds just these two): the whole, not a part."""
    by_start = {e.start: e for e in place_mentions(t)}
    names, e = {first.entity.name}, first
    while (m := _LIST_NEXT.match(t.lower, e.end)) and (e := by_start.get(m.end())) is not None:
        names.add(e.entity.name)
    gaz = t.pack.gazetteer
    parents = {gaz.parent.get(n) for n in names}
    if len(names) < 2 or len(parents) != 1 or None in parents:
        return False
    whole = parents.pop()
    return {c for c, up in gaz.parent.items() if up == whole} <= names


def _split_by_where_died(t: Tagged, b: int) -> bool:
    """A toll split by where the victims died: "12 died at the scene, while three died in hospital"
    gives two parts, neither of them the toll (a lone "two died in hospital" may be the whole)."""
    m = _DIED_WHERE.match(t.lower, b)
    if not m:
        return False
    other = _IN_HOSPITAL_RX if _AT_SCENE_RX.fullmatch(m["where"]) else _AT_SCENE_RX
    return bool(other.search(t.lower))


# "buried eight members of his family", "lost five of her relatives": one household's loss, as one
# witness tells it, is a part of the toll like one building's
_HOUSEHOLD = re.compile(r"\s+(?:members\s+of\s+(?:his|her|their|my|our|one|a|the\s+same)\s+(?:own\s+)?family"
                        r"|of\s+(?:his|her|their|my|our)\s+(?:own\s+)?(?:relatives|family\s+members|children))\b")


def _sub_count(t: Tagged, a: int, b: int) -> bool:
    """A figure for one town or building, not the total: "20 deaths in Colmar", "killed three
    workers at the site", "Colmar suffered 69 deaths", "a mosque in X collapsed, killing 30"."""
    if _split_by_where_died(t, b) or _HOUSEHOLD.match(t.lower, b):
        return True
    places = t.memo.get("partial places")
    if places is None:
        places = t.memo["partial places"] = {}
        for e in place_mentions(t):
            if _partial_place(t, e):
                places.setdefault(e.start, e)
    m = _AT_PLACE.match(t.lower[b : b + 80])
    if m:
        at = b + m.end()
        if _STRUCTURE_AT.match(t.lower, at) and not _cared_for(t, a, b) and not _IN_HOSPITAL.match(t.lower, at - 3):
            return True  # "treated in hospital", "died in hospital": where, not whose
        here = places.get(at)
        if here is not None and not event_noun_follows(t, here.end) and not _whole_list(t, here):
            return True
    if _ALONE.match(t.lower, b):
        return True  # "59 were confirmed dead in his county alone"
    for e in places.values():
        where = _WHERE_CLAUSE.match(t.lower, e.end)
        if where and e.end < a and where.end() <= a and not re.search(r"[,;:]", t.lower[where.end() : a]) \
                and not any(where.end() <= c.start < b + 40 and not c.speech for c in t.cues):
            return True  # "in X, where 60 people were rescued": X's own figure (not "where the quake left 23 dead")
    voice = _LOCAL_VOICE.match(t.lower)
    local = places.get(voice.end()) if voice else None
    if local is not None and local.end < a and not _whole_list(t, local):
        return True  # "Officials in X confirmed nine deaths": those who speak for X count X's
    opening = _OPENING_IN.match(t.lower)
    lead = places.get(opening.end())
    if lead is not None and lead.end < a:
        if _SCOPE_VERB.match(t.lower, lead.end) or _SCOPE_VERB.match(t.lower, _aside_end(t.lower, lead.end)):
            return True  # "Colmar suffered ... with 69 deaths", "In Colmar alone, ...", "Colmar, the worst hit, reported 69"
        if opening.end() and t.lower[lead.end : lead.end + 1] == ",":
            return True  # "In Colmar, rescuers counted 69 dead": the opening sets the scene of the sentence
        if not opening.end() and LEAD_VOICE.match(t.lower, lead.end):
            return True  # "X officials have confirmed 27 deaths": those who speak for X count X's
        if not opening.end() and _SUBJECT_VERB.match(t.lower, lead.end):
            return True  # "Colmar evacuated 800 people": the place is the subject that counts them
    # "a mosque in X caved in, killing 30" (the count follows from the structure's fall, not from
    # "the quake destroyed buildings in X and killed 144"), "the collapse killed three workers";
    # read within SUB_COUNT_REACH characters before the number, so a long sentence costs no more
    lo = max(0, a - SUB_COUNT_REACH)
    if _STRUCTURE_FELL.search(t.lower, lo, a):
        return True
    fell = _COLLAPSE.search(t.lower, lo, a)
    # "the collapse of the spillway caused flooding that killed one": the killing is the event's
    return "collapse" not in t.pack.nouns and fell is not None and not _event_noun_between(t, fell.end(1), a)


def _event_noun_between(t: Tagged, i: int, j: int) -> bool:
    """One of the pack's event nouns between character offsets i and j."""
    spans, starts, _ = t.sorted_phrases(t.pack.nouns)
    k = bisect.bisect_left(starts, t.tok(i))
    return k < len(starts) and t.tokens[starts[k]][0] < j


def f_count(t: Tagged, topic: Topic, rule: Rule):
    """A count bound to what it counts: 'more than 1,200 troops', 'killed at least 30'. A number
    goes to the count topic whose trigger binds it most closely. Never a forecast ("could reach
    1,000"), another kind of casualty ("81 remain missing"), or one town's or building's share. An
    increment ("two more died", "another 80") is a total only beside an earlier count of something
    else ("2,000 were killed and 7,000 more are missing"); "another" beside an earlier increment of
    something else too: it counts other people ("two more were missing, while another 20 were
    injured"), where "two more died and three more were hurt" adds to both counts."""
    counted = _counted(t)
    before: set[str] = set()  # the topics that own an earlier number (not an increment) of the sentence
    added: set[str] = set()  # the topics that own an earlier increment
    for a, b, n, ds, inc, earlier, bound, aboard in counted:
        before_this, added_this = set(before), set(added)
        if inc:  # every kind an earlier increment may add to: "two more passengers were missing"
            added.update(tp for _, tp, _ in ds)
        elif ds:
            before |= _owners(ds)
        own, other_kind = bound.get(rule.id, (None, False))  # _count_distance, _other_kind (_counted)
        if own is None or other_kind:
            continue
        subject = t.subject_of(a, b)
        carried = subject is None and t.carried is not None
        if not subject_fits(topic.subject, t.carried if carried else subject):
            continue
        # "80 died and 350 others were injured": a closer trigger of another topic wins, unless the
        # words after the number say it counts this rule's kind
        if any(d < own and not other for d, tp, other in ds
               if tp != topic.id and (tp in aboard) == (topic.id in aboard)):
            continue
        if inc:
            others = before_this | (added_this if numbers.another(t.text, a) else set())
            if not others or topic.id in others:
                continue
        note = _CARRIED if carried and topic.subject == EVENT else ""
        yield Candidate(a, b, n, superseded=earlier, note=note)


_CARRIED = "this sentence names no event: the count is the event's an earlier sentence of the paragraph named"


def _owners(ds: list[tuple[float, str, bool]]) -> set[str]:
    best = min(d for d, _, _ in ds)
    return {tp for d, tp, _ in ds if d == best}
