"""The `time` and `measure` frames: a clock time or a measure bound to the event (or to a
secondary event such as an aftershock).

Each frame yields (start, end, value, rel) in sentence offsets; extract.py wraps them as
candidates. A time's zone is resolved later (resolve.py), from what `rel` carries: the zone the
text names and the date the sentence gives the time.
"""

from __future__ import annotations

import bisect
import re

from ..language import asof, clock, lang, units
from ..language.spans import Spans
from ..values.quantity import normalize
from ..values.time import Time
from .tag import Tagged, subject_fits

# A clock time after one of these is when something else holds: a deadline, an as-of, a curfew.
_NOT_AT = ("by", "until", "till", "since", "from", "before", "after", "as", "of", "between", "to", "past")
_AT = ("at", "around", "about", "approximately", "roughly", "shortly", "just", "in", "on", "during", "early",
       "late", "this", "yesterday", "today", "overnight")
# "16 km northwest of the town", "40 miles from the capital": a distance that places something from an anchor
_PLACING = re.compile(r"\s+(?:(?:(?:north|south)(?:[\s-]?(?:east|west))?|east|west)(?:ern)?\s+of|(?:away\s+)?from|"
                      r"outside|off|short\s+of)\b")
_MODIFIERS = ("around", "about", "approximately", "roughly", "circa", "ca.", "some", "sometime", "shortly", "just",
              "soon", "a", "moments", "minutes",
              "between")  # "struck around 4 pm", "between 3 and 4 am": the modifier is the preposition
_MORE = re.compile(r"\s*(?:or|and)\s+(?:higher|greater|more|above|larger|stronger|over)\b|\s*\+")


_AFTER = re.compile(r"[\s-]+(?:[a-z]+[\s-]+){0,2}?")


def _subject(t: Tagged, start: int, end: int) -> str | None:
    """Whose a mention is: the event noun it modifies ("a 6.1-magnitude aftershock", "the 7.2
    quake"), else the cue that governs it."""
    after = _AFTER.match(t.lower, end)
    if after is not None:
        at = after.end()
        k = bisect.bisect_right(t.cue_starts, at + 1)
        for c in t.cues[max(0, k - 3) : k]:  # the cues that open by then: the mention's own noun phrase is among the last
            if c.start <= at <= c.start + 1 or (c.start <= end and at <= c.end):
                if not any(w in lang.VERB_FORMS for w in t.lower[end:at].split()):
                    return c.subject
    return t.subject_of(start, end)


_ASIDE_CLAUSE = frozenset(("and", "but", "while", "when", "as", "after", "before", "because", "which", "who", "where"))


def _near_over_asides(t: Tagged, verbs, start: int, window: int) -> int | None:
    """A verb of happening before the time, beyond the window only by asides set off by commas ("the
    blast hit X, a depot run by the city, just outside Y, on Monday evening"). An aside
    with a clause of its own (a verb of happening, a reporting verb, a conjunction) stops it."""
    d = t.nearest(verbs, start, start + 1, before_only=True, within=3 * window)
    if d is None:
        return None
    verb_end = t.tokens[max(0, t.tok(start) - d - 1)][1]
    pieces = t.lower[verb_end:start].split(",")
    asides = [p.split() for p in pieces[1:-1]]
    if not asides or any(_ASIDE_CLAUSE.intersection(w) or set(w) & set(lang.REPORTING_VERBS) or set(w) & set(verbs)
                         for w in asides):
        return None
    d -= sum(map(len, asides))
    return d if d <= window else None


def f_time(t: Tagged, topic, rule):
    """'struck at 12:50 pm', 'took place at 3:40 pm (Tokyo time)', 'the quake at 4:10 pm', 'hit
    shortly after midnight': a time after at/around/on Friday... that a verb of happening (the pack's
    verbs, the rule's triggers, "occurred", "took place"...) or the event's noun right before it
    ties to the event; not "resumed the search at 6 am after the quake". A time in brackets after a
    taken one is the same moment in another zone ("12:50 pm local time (3:20 pm Tokyo time)")."""
    taken_end = None
    verbs = rule.triggers + t.pack.verbs + clock.HAPPENING
    for c in clock.find(t.text):
        bracketed = taken_end is not None and re.fullmatch(r"\s*\(\s*", t.text[taken_end : c.start]) is not None
        i = t.tok_before(c.start)
        prev = t.words[i] if i >= 0 else ""
        if not bracketed:
            said = t.nearest(lang.REPORTING_VERBS, c.start, c.end, before_only=True, within=2)
            if said is not None and t.nearest(clock.NOTICED, c.start, c.end, before_only=True, within=2) == said:
                said = None  # "was first reported at 10:10 am": when the event was noticed
            if prev in _NOT_AT or said is not None:  # "said at 9 pm"
                continue
            if any(a.start <= c.start < a.end for a in t.attributions):
                continue  # "according to a Sunday afternoon update from X": when it was said
            modified = not t.lower[c.start : c.start + 1].isdigit() and t.lower[c.start : c.end].split()[0] in _MODIFIERS
            phrase = _in_event_phrase(t, c, prev)  # "the 7:58 a.m. temblor": written into the event's phrase
            if not (prev in _AT or prev in lang.WEEKDAYS or modified or phrase):
                continue
            near = t.nearest(verbs, c.start, c.end, within=rule.window)
            if near is None:
                near = _near_over_asides(t, verbs, c.start, rule.window)
            cue = t.governing(c.start, c.end)
            right_after_noun = (cue is not None and cue.end <= c.start and t.tok(c.start) - t.tok_before(cue.end) - 1 <= 2
                                and _word_before(t, cue.start) not in ("of", "after", "since", "before", "following")
                                # "called the rally off at 9 pm": a phrasal verb around the noun acts on it then
                                and not _PARTICLES.intersection(t.words[t.tok_before(cue.end) + 1 : t.tok(c.start)]))
            if near is None and not right_after_noun and not phrase:
                continue
            if not right_after_noun and not phrase and _verb_past_clause(t, c, verbs, rule.window):
                continue  # "resumed the search at 6 am after the ferry sank", "left at 4 pm and sank later"
            ended = t.nearest(_END_VERBS, c.start, c.end, before_only=True, within=rule.window)
            if ended is not None and (near is None or ended < near):
                continue  # "which began at 4 pm, ended shortly after 8 pm": the end's time, not the event's
            if not (phrase and topic.subject in ("event", "any")) and not subject_fits(topic.subject, _subject(t, c.start, c.end)):
                continue
        date, drel = _date_of(t, c)
        lo, hi = c.lo, c.hi
        if date is not None and lo == hi == 0 and "midnight" in t.lower[c.start : c.end]:
            lo = hi = 1440  # "midnight on Wednesday" ends that day (see timex: the date is the next day's)
        value = Time(lo, hi, None, c.approx, None, c.zone_text)
        yield c.start, c.end, value, ("zone", c.zone, date, drel)
        taken_end = c.end


# between a clock time and the event's noun in its phrase: the same moment in another zone, a zone
_PHRASE_GAP = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?(?:local\s+time\s+)?")


def _in_event_phrase(t: Tagged, c: clock.Clock, prev: str) -> bool:
    """A clock time between a determiner and the event's noun: "the 7:58 a.m. (2358 GMT) temblor",
    "Monday's 4:10 pm quake" (a date written into the phrase dates the event the same way)."""
    if not (prev in lang.DETERMINERS or prev.endswith(("'s", "\u2019s"))):
        return False
    gap = _PHRASE_GAP.match(t.lower, c.end)
    noun = t.pack.patterns.nouns.match(t.lower, gap.end())
    return noun is not None and subject_fits("event", _subject(t, noun.start(), noun.end()))


_PARTICLES = {"off", "up", "down", "out"}
_JOINERS = lang.SUBORDINATORS | {"and", "but"}


def _verb_past_clause(t: Tagged, c: clock.Clock, verbs, window: int) -> bool:
    """The only verb of happening near the time comes after it, past a conjunction that opens another
    clause: the time is that of the clause it stands in ("resumed the search at 6 am after the ferry
    sank", "left port at 4 pm and sank soon after")."""
    if t.nearest(verbs, c.start, c.end, before_only=True, within=window) is not None:
        return False
    heads = {v.split()[0] for v in verbs}
    k = t.tok_before(c.end) + 1
    for w in t.words[k : k + window]:
        if w in heads:
            return False
        if w in _JOINERS:
            return True
    return False
_END_VERBS = lang.END_WORDS + lang.END_PHRASES


def _word_before(t: Tagged, offset: int) -> str:
    i = t.tok_before(offset)
    return t.words[i] if i >= 0 else ""


_DATE_GAP = 64  # characters between a clock time and its date ("at 4 pm on Friday"): a few words at most


def _date_of(t: Tagged, c: clock.Clock):
    """The date the sentence gives this time ("at 4 pm on Friday, May 2", "on Friday at 4 pm")."""
    starts = t.memo.get("timex starts")
    if starts is None:
        starts = t.memo["timex starts"] = [x.start for x in t.timexes]
        t.memo["longest timex"] = max((x.end - x.start for x in t.timexes), default=0)
    lo = bisect.bisect_left(starts, c.start - t.memo["longest timex"] - _DATE_GAP)
    for x in t.timexes[lo : bisect.bisect_right(starts, c.end + _DATE_GAP)]:  # only dates next to it
        if x.kind != "date":
            continue
        between = t.lower[c.end : x.start] if x.start >= c.end else t.lower[x.end : c.start]
        if re.fullmatch(r"[\s,)]*(?:on|of)?[\s,]*" if x.start >= c.end else r"[\s,]*(?:at|,)?\s*", between):
            return x.value, x.rel
    return None, ()


def f_measure(t: Tagged, topic, rule):
    """A measure of the topic's dimension bound to the event: by a trigger ("a depth of 10 km", "10
    km deep"), or, for a magnitude, by itself ("a 7.7-magnitude earthquake", "magnitude 7.7", "an
    aftershock measuring 6.4", "the 6.8 quake"). Not a threshold ("magnitude 6 or higher")."""
    target = topic.unit
    dim = units.dimension(target)
    found = list(units.find(t.text))
    if dim == "magnitude":
        found += _bare_magnitudes(t, found)
    else:
        found += _unit_elided(t, found, dim)
    found = [m for m in found if (m.unit is None and dim == "magnitude")
             or (m.unit is not None and units.dimension(m.unit) == dim)]
    reach = {id(m): _reach(t, m, rule) for m in found}
    rivals = [r for tp in t.pack.topics.values() if tp.id != topic.id and tp.type == "quantity"
              and units.dimension(tp.unit) == dim for r in tp.rules if r.frame == "measure" and r.triggers]
    closest: dict[tuple[int, int], int] = {}  # trigger span -> the distance of its nearest measure
    for r in reach.values():
        if r is not None:
            closest[r[1]] = min(r[0], closest.get(r[1], r[0]))
    ends = {m.end for m in found}
    for m in found:
        past = _PAST_OF.search(t.lower, max(0, m.start - 60), m.start) is not None
        if past and not _asks_past(rule):
            continue  # "beating the previous record high of 127": the past's figure, for a topic that asks for it
        if _DEPARTURE.match(t.lower, m.end) or _threshold(t, m):
            continue  # "20 degrees above normal", "in temperatures above 120 degrees": nothing read here
        if _MORE.match(t.lower, m.end) or (t.dated_earlier(m.end) and not _past_by_trigger(t, reach[id(m)])):
            continue
        if _restated(t, m, [x for x in found if reach[id(x)] is not None]):
            continue  # "the 12-metre (39-foot) plane": the bracket converts the figure before it
        if dim == "percentage" and _CEILING.match(m.text):
            continue  # "a fatality rate of up to 70%": the most a kind of thing reaches, no share measured here
        if _FORECAST_AFTER.match(t.lower, m.end):
            continue  # "aftershocks as high as magnitude 7 are expected to occur": a forecast, nothing measured

        if dim == "percentage" and asof.PROGRESS.match(t.lower, m.end) and asof.PROGRESS_OPENS.search(t.lower, max(0, m.start - 40), m.start):
            continue  # "with 97% of votes counted": how far a count has gone, no one's share
        if topic.subject == "event" and _second_of_pair(t, m, ends):
            continue
        subject = _subject(t, m.start, m.end)
        carried = subject is None and t.carried is not None  # a figure in a sentence naming no event
        if not subject_fits(topic.subject, t.carried if carried else subject):
            continue
        if not (dim == "magnitude" and m.unit in ("magnitude", None)):
            own = reach[id(m)]
            if own is None or _PLACING.match(t.lower, m.end):
                continue
            # a trigger binds the nearest measure: "16 km north of the town at a depth of 10 km"
            if closest[own[1]] < own[0]:
                continue
            # and a measure goes to the topic whose trigger binds it most closely: "38.2% for the
            # challenger in a vote that saw a 62.3% turnout" is no share of the challenger's
            if any(r is not None and r[0] < own[0] for r in (_reach(t, m, x) for x in rivals if not past or _asks_past(x))):
                continue
        v = normalize(m.lo, m.hi, m.unit, m.step, target, m.text, units.linear)
        if v is not None:
            yield m.start, m.end, v, ()


_OPENING = re.compile(r"\s*\(\s*")


def _restated(t: Tagged, m: units.Measure, bound: list[units.Measure]) -> bool:
    """The measure opens a bracket right after another of its dimension that a trigger binds: the
    same figure in another unit ("45 miles (72 km)"), never a second value of the source's. When
    only the bracket's figure is bound ("the 10-mile (16-km) deep quake"), it stands for both."""
    return any(x.end <= m.start and _OPENING.fullmatch(t.text, x.end, m.start) for x in bound)


def _second_of_pair(t: Tagged, m: units.Measure, ends: set[int]) -> bool:
    """'earthquakes of 7.7 and 6.4 magnitude': news gives two events' figures in their order, the
    main one first; the second is another's (an aftershock, a second quake), never the event's."""
    k = m.start
    while k > 0 and t.text[k - 1].isspace():
        k -= 1
    for w in ("and", "&"):
        if t.lower.endswith(w, 0, k):
            j = k - len(w)
            j -= len(t.lower[:j]) - len(t.lower[:j].rstrip(" ,"))
            return j in ends
    return False


# How far a reading stands from the usual, not the reading: "running 20 degrees above normal"
_DEPARTURE = re.compile(r"\s+(?:above|below|higher\s+than|lower\s+than|warmer\s+than|colder\s+than|hotter\s+than|"
                        r"cooler\s+than)\s+(?:the\s+)?(?:normal|average|usual|norm|seasonal|long-term)\b")
# A condition's bound, not a measure: "can't fly in temperatures above 120 degrees", "when the heat
# index surpasses 99 degrees", "if winds exceed 90 km/h"
_THRESHOLD = re.compile(r"\b(?:(?:when|if|once|whenever|unless)\s+(?:[\w']+\s+){0,4}?|in\s+(?:temperatures|heat|winds|"
                        r"conditions)\s+)(?:above|over|exceeds?|exceeding|"
                        r"surpass(?:es)?|tops?|more\s+than|higher\s+than|hotter\s+than|below|under|less\s+than|"
                        r"colder\s+than)\s+$")


def _threshold(t: Tagged, m: units.Measure) -> bool:
    f = re.search(r"[-\u2212]?\d|\bminus\b", m.text)
    at = m.start + (f.start() if f else 0)
    return _THRESHOLD.search(t.lower, max(0, at - 80), at) is not None


_PAST = re.compile(r"\b(?:previous|prior|earlier|former|old|last)\b")
def _asks_past(rule) -> bool:
    return any(_PAST.search(tr) for tr in rule.triggers)


_PAST_OF = re.compile(r"\b(?:previous|prior|former|old)\s+(?:[a-z-]+\s+){0,3}?of\s+$")


def _past_by_trigger(t: Tagged, reach) -> bool:
    """A measure whose trigger, or the word or two before it, says it is of the past ("the previous
    record of 49 degrees set in 2001"): the earlier year dates what is measured, no figure to set aside."""
    if reach is None:
        return False
    (a, b) = reach[1]
    return _PAST.search(t.lower, t.tokens[max(0, a - 2)][0], t.tokens[b][1]) is not None


def _reach(t: Tagged, m: units.Measure, rule) -> tuple[int, tuple[int, int]] | None:
    """(distance in words, trigger span) of the nearest trigger within the window; a measure in
    brackets is read against the words before the bracket ("the depth of the quake (about 10 km)")."""
    best = None
    i = m.start  # "(  10 km)": only spaces back to an opening bracket (read in place, not by copying the sentence)
    while i > 0 and t.text[i - 1].isspace():
        i -= 1
    opening = i > 0 and t.text[i - 1] == "("
    a, b = t.tok(m.start), t.tok_before(m.end)
    for sp in t.spans_near(tuple(rule.triggers), a - rule.window - 8, b + rule.window + 1):
        if _in_aside(t, sp, m.start) or _in_other_person(t, sp, rule):
            continue
        if sp[0] > b and not _NAMES_AFTER.fullmatch(t.lower, m.end, t.tokens[sp[0]][0]):
            continue  # "50.6%, and the challenger 39.4%": a trigger after binds only what it names
        if sp[1] < a and _LISTED_BESIDE.fullmatch(t.lower, t.tokens[sp[1]][1], m.start):
            continue  # "winds and 300 mm of rain": a trigger listed beside the measure is not what it measures
        d = t.distance(sp, m.start, m.end)
        if d is None and opening and sp[1] < t.tok(m.start):
            d = t.tok(m.start) - sp[1] - 1
        if d is None and sp[1] < a and _LABEL_GAP.fullmatch(t.text, t.tokens[sp[1]][1], m.start):
            d = 0  # "(case fatality rate: 24%)", "Containment: 40%": the trigger labels the figure
        if d is not None and d <= rule.window and (best is None or d < best[0]):
            best = (d, sp)
    return best


def _in_other_person(t: Tagged, sp: tuple[int, int], rule) -> bool:
    """A surname two listed people share ("Dunsel"): a rule that names its person in full takes it
    alone or inside that person's name, never inside the other's ("Piet Dunsel took 6.1%")."""
    own = {name for name in t.pack.gazetteer.people if name.lower() in rule.triggers}
    if not own:
        return False
    a, b = t.tokens[sp[0]][0], t.tokens[sp[1]][1]
    return any(e.kind == "person" and e.start <= a and b <= e.end and e.entity.name not in own
               for e in t.entities)


# a share given as a ceiling says what such things reach at most (a disease's fatality rate over its
# outbreaks), where a peak of wind or rain is this event's own ("winds of up to 135 km/h")
_CEILING = re.compile(r"(?:up\s+to|as\s+high\s+as|as\s+much\s+as|as\s+many\s+as)\b", re.I)
# A measure in the subject of a forecast: "aftershocks of magnitude 6 to 7 may occur in the coming
# days", "tremors as strong as magnitude 7 are expected to follow"
_FORECAST_AFTER = re.compile(r"(?:\s+(?!(?:and|or|but|while|whereas)\b)[a-z][\w'-]*){0,3}?\s+(?:(?:(?:is|are)\s+)?"
                             r"(?:expected|likely|forecast|predicted|set)\s+to|(?:may|might|could|will|would|can)"
                             r"(?:\s+(?:still|also|well))?)\s+(?:occur|follow|strike|hit|happen|come|continue|rattle|shake)\b")

_LABEL_GAP = re.compile(r"\s*:\s*")
_ASIDE_OPENS = re.compile(r",\s*(?:[a-z]+ed|[a-z]+ing|with|which)\b")


def _in_aside(t: Tagged, sp: tuple[int, int], at: int) -> bool:
    """A trigger inside an aside set off by commas that the measure stands after: "the river, fed by
    torrential rain, rose 26 feet" measures the river, not the rain."""
    start, end = t.tokens[sp[0]][0], t.tokens[sp[1]][1]
    if end > at:
        return False
    c1 = t.text.rfind(",", max(0, start - 60), start)
    return c1 >= 0 and bool(_ASIDE_OPENS.match(t.lower, c1)) and "," in t.text[end:at] \
        and not re.search(r"[;:]", t.text[c1:at])


# Between a measure and a trigger after it that says what it measures: at most two words, no mark
# and no preposition but "of" ("10 km deep", "300 mm of rain", "a 62.3 percent voter turnout"); a
# hyphen may join the measure to them ("a 3km-stretch of river", "a 3km-long stretch").
# ... past a bracket that restates the figure in another unit ("8 miles (13 km) deep")
_NAMES_AFTER = re.compile(r"(?:-(?:[a-z][\w'-]*)?)?(?:\s*\(\s*[\d.,]+[^()\d]{0,20}\))?(?:\s+(?!(?:and|or|but|while|whereas|against|versus|vs|than|to|from|with|"
                          r"compared|in|at|on|by|after|before|over|under)\b)[a-z][\w'-]*){0,2}\s*")
_LISTED_BESIDE = re.compile(r"\s*(?:,\s*)?(?:and|or|&)\s+(?:(?:about|some|nearly|almost|around|roughly|just|"
                            r"over|under|up\s+to|more\s+than|less\s+than)\s+)?")


# "hit 47C, beating the previous record of 46.2.": a second figure after "of", with no unit,
# ending its clause, is given in the unit of the measure before it in the sentence
_ELIDED = re.compile(r"(?<=\bof\s)(\d{1,3}(?:,\d{3})*(?:\.\d+)?)(?=\s*(?:[.;,)]|$|\s+(?:set|in|on|recorded)\b))")


def _unit_elided(t: Tagged, found, dim: str) -> list[units.Measure]:
    before = [m for m in found if m.unit is not None and units.dimension(m.unit) == dim]
    if not before:
        return []
    taken = Spans((x.start, x.end) for x in found)
    out = []
    for m in _ELIDED.finditer(t.text, before[0].end):
        if not taken.covers(m.start()) and not t.text[m.end() : m.end() + 1].isalpha():
            unit = [x for x in before if x.end <= m.start()][-1].unit
            n = float(m.group(1).replace(",", ""))
            step = 10.0 ** -len(m.group(1).split(".")[1]) if "." in m.group(1) else 1.0
            out.append(units.Measure(m.start(), m.end(), n, n, unit, step, m.group(1)))
    return out


def _bare_magnitudes(t: Tagged, found) -> list[units.Measure]:
    """'the 6.8 quake': a decimal figure written into an event's noun phrase."""
    out = []
    taken = Spans((x.start, x.end) for x in found)
    for c in t.cues:
        for m in re.finditer(r"(?<![\w.])(\d\.\d)(?![\w.])", t.text[c.start : c.end]):
            a, b = c.start + m.start(), c.start + m.end()
            if not taken.covers(a):
                out.append(units.Measure(a, b, float(m.group(1)), float(m.group(1)), None, 0.1, m.group()))
    return out
