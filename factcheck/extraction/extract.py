"""Bind tagged mentions to topics with the pack's rules.

Each rule names a frame: the package's knowledge of how news states a start, an end, a place, a
commander... (`_FRAMES` below). The pack adds the event's words (triggers) and examples.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace

from . import measures
from ..language import asof, attribution, clock, lang, numbers, units
from ..errors import PackError, shown
from ..packs.pack import Mention, Pack, Rule, Topic
from ..ingest.segment import Sentence
from ..ingest.sources import Source
from .tag import EVENT, OTHER, PREVIOUS, Tagged, subject_fits
from ..language.timex import Timex, find as find_timex
from ..values import Date, Value, geo
from ..values.quantity import normalize
from ..values.time import Time


@dataclass(frozen=True)
class Claim:
    topic: str
    source: str
    value: Value
    text: str  # the words the value was read from
    sentence: str
    line: int
    start: int  # character offsets into the original file
    end: int
    sentence_start: int
    rule: str
    derived: bool = False
    rel: tuple = ()  # what resolution still needs (see timex)
    tense: str = "past"
    stated_weekday: int | None = None  # "Sunday, May 19": checked once the date is resolved
    shift: int = 0  # days to add once resolved
    note: str = ""  # how the value was resolved or derived
    according_to: str = ""  # who states it, when the text names one (an agency's canonical name)
    as_of: Date | None = None  # the day the figure holds for: stated, else the source's reference date
    as_of_part: str = ""  # a part of that day (asof.PARTS), when stated
    as_of_rel: tuple = ()  # what resolving the stated day still needs
    as_of_how: str = ""  # stated | the reference date's origin
    superseded: bool = False  # the count of a moment before as_of, as the source reports it


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
    superseded: bool = False  # a figure the source reports as an earlier moment's ("had earlier put it at 27")


_ARTICLES = ("the", "a", "an", "its", "their", "these", "those")
PATTERN_SECONDS = 0.25  # a pack's own regex gets this long per sentence
RUN_PATTERN_SECONDS = 30.0  # and all of them together this long per run (per process: --jobs N has N)
START = tuple(lang.START_WORDS) + lang.START_PHRASES
END = tuple(lang.END_WORDS) + lang.END_PHRASES


def _subject_ok(t: Tagged, topic: Topic, start: int, end: int) -> bool:
    return subject_fits(topic.subject, t.subject_of(start, end))


def _tense(t: Tagged, start: int, end: int) -> str:
    """Future when the nearest tense cue says so ("will end on Friday"), else past. Cues before the
    date govern it; only when none precedes it in the clause do the ones after count."""
    for before_only in (True, False):
        fut = t.nearest(lang.FUTURE_CUES, start, end, before_only)
        past = t.nearest(lang.PAST_CUES, start, end, before_only)
        if fut is not None or past is not None:
            return "future" if past is None or (fut is not None and fut < past) else "past"
    return "past"


def _word_before(t: Tagged, start: int) -> str:
    i = t.tok_before(start)
    return t.words[i] if i >= 0 else ""


def _date(x: Timex, t: Tagged, second: bool = False) -> Candidate:
    v = x.value2 if second else x.value
    return Candidate(x.start, x.end, v, x.rel, _tense(t, x.start, x.end), stated_weekday=x.stated_weekday,
                     shift=x.shift)


def _dates(t: Tagged):
    return [x for x in t.timexes if x.kind in ("date", "range") and x.rel[:1] != ("event_day",) and not x.bound]


def _said_on(t: Tagged, x: Timex) -> int | None:
    """Distance from a reporting verb just before a date ("said on Wednesday", "told reporters on
    Thursday"): such a date is when something was said, unless a nearer trigger claims it."""
    d = t.nearest(lang.REPORTING_VERBS, x.start, x.end, before_only=True)
    return d if d is not None and d <= 3 else None


def _bound(t: Tagged, topic: Topic, which: str):
    """Dates that are the event's first or last day by themselves ("the third day of the drill")."""
    for x in t.timexes:
        if x.bound == which and _subject_ok(t, topic, x.start, x.end):
            yield _date(x, t)


def _reach(t: Tagged, x: Timex, phrases, window: int) -> float | None:
    """Token distance to the nearest trigger that can bind this date: one before it within the
    window, or one after it within TRIGGER_AFTER_REACH."""
    best, first = None, t.tok(x.start)
    others = [t.tok(y.start) for y in t.timexes if y is not x and y.kind != "duration"]
    for sp in t.find_phrases(phrases):
        if sp[0] > 0 and t.words[sp[0] - 1] in _ARTICLES and sp[0] == sp[1]:
            continue  # "the liberated territories": a participle used as an adjective is no event
        d = t.distance(sp, x.start, x.end)
        if d is None or d > window or (sp[0] > first and d > lang.TRIGGER_AFTER_REACH):
            continue
        lo, hi = (sp[1], first) if sp[1] < first else (first, sp[0])
        if any(lo < o < hi for o in others):
            continue  # a trigger binds the nearest date: "began last Sunday, returned on Thursday"
        if sp[0] > first:
            d += 1.5  # on a tie the verb before the date governs it ("began on May 19, ended today")
        best = d if best is None else min(best, d)
    return best


def _wins(own: int | None, *rivals: int | None) -> bool:
    return own is not None and all(r is None or own <= r for r in rivals)


def _window_edge(t: Tagged, topic: Topic, rule: Rule, which: str):
    """The first ('start') or last ('end') day: a range's end, a date right after a bounding
    preposition ("from 19 May", "until May 21"), or a date whose nearest trigger is this edge's."""
    own, rival = (START, END) if which == "start" else (END, START)
    own_preps, rival_preps = (lang.START_PREPS, lang.END_PREPS) if which == "start" else (lang.END_PREPS,
                                                                                        lang.START_PREPS)
    yield from _bound(t, topic, which)
    for x in _dates(t):
        if not _subject_ok(t, topic, x.start, x.end):
            continue
        if x.kind == "range":
            yield _date(x, t, second=which == "end")
            continue
        prep = _word_before(t, x.start)
        if prep == "to" and (which == "start" or "from" not in t.words_before(x.start, 8)):
            continue  # "to" ends a window only after a "from"
        if prep in rival_preps:
            continue
        if prep in own_preps or _wins(_reach(t, x, own + rule.triggers, rule.window),
                                      _reach(t, x, rival, rule.window), _said_on(t, x)):
            yield _date(x, t)


def f_start(t: Tagged, topic: Topic, rule: Rule):
    return _window_edge(t, topic, rule, "start")


def f_end(t: Tagged, topic: Topic, rule: Rule):
    return _window_edge(t, topic, rule, "end")


def f_when(t: Tagged, topic: Topic, rule: Rule):
    for x in _dates(t):
        if rule.triggers:
            if x.kind == "range" or _word_before(t, x.start) in lang.START_PREPS + lang.END_PREPS:
                continue  # "held in the liberated territories from May 19 to 21": the event's own window
            own = _reach(t, x, rule.triggers, rule.window)
            if not _wins(own, _reach(t, x, START + END, rule.window), _said_on(t, x)):
                continue
            if topic.subject != "any" and topic.subject not in t.subjects:
                continue
        elif not _subject_ok(t, topic, x.start, x.end) or _said_on(t, x) is not None:
            continue
        elif topic.subject == "event" and not _in_noun_phrase(t, x):
            continue  # an article dates many things beside its event: the event's date is in its phrase
        yield _date(x, t)


def _in_noun_phrase(t: Tagged, x: Timex) -> bool:
    """The date is written into the event's own noun phrase: "the September 16 fire", "a fire at a
    factory in Ashulia on Wednesday"; not "the toll rose to 33 on Friday", not "since November 2012"."""
    cue = t.governing(x.start, x.end)
    if cue is None or cue.subject != EVENT:
        return False
    if cue.start <= x.start and x.end <= cue.end:
        return True
    if cue.end > x.start or _word_before(t, x.start) == "since":
        return False
    i = t.tok_before(cue.start)
    if i >= 0 and (t.words[i] in lang.VERB_FORMS or t.words[i].endswith("ed") or t.words[i] == "of"):
        return False  # "brought the fire under control ... yesterday", "the building of X by 4pm yesterday"
    between = t.words[t.tok(cue.end) : t.tok(x.start)]
    return len(between) <= 10 and not any(
        w in lang.VERB_FORMS or w.endswith(("ed", "ing")) or w in lang.REPORTING_VERBS for w in between)


def f_duration(t: Tagged, topic: Topic, rule: Rule):
    for x in t.timexes:
        if x.kind != "duration":
            continue
        trigger = t.nearest(lang.DURATION_WORDS + rule.triggers, x.start, x.end, before_only=True)
        nxt = t.words[t.tok(x.end)] if t.tok(x.end) < len(t.words) else ""
        if nxt in lang.DURATION_NEGATIVE_NEXT and (trigger != 0 or _event_noun_follows(t, x.end)):
            continue  # "two days after", "trained for six months before the exercise"; not "raged for 16 hours before"
        cue = t.governing(x.start, x.end)
        if cue is not None and cue.start <= x.start and x.end <= cue.end:  # "the four-day exercise"
            if cue.subject == topic.subject or (topic.subject == "any" and cue.subject == EVENT):
                yield Candidate(x.start, x.end, x.value)
            continue
        if not _subject_ok(t, topic, x.start, x.end):
            continue
        # "four days of joint training", "the drill, a two-week programme": not "two days of talks",
        # not "a two-day visit"
        head = re.match(r"\s+(?:of\s+)?((?:[\w-]+\s+){0,2}?[\w-]+)\b", t.lower[x.end :])
        head_ok = head is not None and not any(w in lang.OTHER_ACTIVITIES for w in head.group(1).split())
        of_phrase = head_ok and t.lower[x.end :].lstrip().startswith("of ") and (
            _event_noun_follows(t, x.end) or t.subject_of(x.start, x.end) == EVENT)  # not "three days of mourning"
        adjectival = head_ok and "-" in t.text[x.start : x.end] and re.search(
            r"(?:\bas|\bis|\bwas|\bbe|,)\s+an?\s+$", t.lower[: x.start])  # "the drill, a two-week programme"
        if of_phrase or adjectival or (trigger is not None and trigger <= rule.window):
            yield Candidate(x.start, x.end, x.value)


def _event_noun_follows(t: Tagged, offset: int) -> bool:
    i = t.tok(offset)
    return any(sp[0] - i <= 3 and sp[0] >= i for sp in t.find_phrases(t.pack.nouns))


_AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"}


def _verb_between(t: Tagged, i: int, j: int) -> bool:
    """A verb with its own object between tokens i and j ("the quake caused damage in X"): the
    place belongs to that object. A verb right before the place ("the drill, which opened in X") does not count."""
    words = t.words[i + 1 : j]
    verb = lambda w: (w in lang.VERB_FORMS or w.endswith("ed")) and w not in _AUXILIARIES
    return any(verb(w) and any(not verb(x) and not x.endswith("ly") for x in words[k + 1 :])
               for k, w in enumerate(words))


def _timelike(t: Tagged, j: int) -> bool:
    """Token j is part of a date or a clock time, or the preposition before one ("on Friday,
    March 28, around 1:20 PM")."""
    spans = t.time_spans
    inside = lambda k: any(x <= t.tokens[k][0] < y for x, y in spans)
    return inside(j) or (t.words[j] in ("on", "at", "by") and j + 1 < len(t.tokens) and inside(j + 1))


def _words_before(t: Tagged, p: int, n: int) -> list[str]:
    """Up to n words before token p, passing over the dates and clock times between ("struck on
    Friday, March 28, around 1:20 PM near X")."""
    out, j = [], p - 1
    while j >= 0 and len(out) < n:
        if not _timelike(t, j):
            out.append(t.words[j])
        j -= 1
    return out


def _places(t: Tagged):
    return [e for e in t.entities if e.kind == "place"]


_HYPHENS = ("-", "\u2010", "\u2011")


def _describes_other_place(t: Tagged, e: Mention) -> bool:
    """'the Franco-German border', "France's Alsace region": the place only qualifies another word."""
    if t.raw[e.end : e.end + 1] in _HYPHENS or (e.start and t.raw[e.start - 1] in _HYPHENS):
        return True  # a hyphen joins words; a dash ("Colmar—the second city") ends a phrase
    # "in France's wine sector", "France's Alsace region": the possessive qualifies a noun
    return bool(re.match(r"'s?\s", t.text[e.end : e.end + 3]))


def _locates_other(t: Tagged, e: Mention, other: Mention) -> bool:
    """`e` only says where `other` lies ("Colmar, Alsace", "Colmar in eastern France"):
    it contains `other`, or how the two relate is unknown."""
    kb = t.pack.gazetteer
    mine, theirs = kb.ancestors("place", e.entity.name), kb.ancestors("place", other.entity.name)
    if e.entity.name in theirs:
        return True
    if other.entity.name in mine or (mine[:1] and mine[:1] == theirs[:1]):
        return False  # a refinement, or a sibling in a list ("Colmar, Mulhouse and Strasbourg")
    return True


def _preposition(t: Tagged, e: Mention, preps) -> int | None:
    """Token index of the preposition that governs a place, looking back over modifiers and over
    the places listed before it ("in Colmar and Mulhouse"). None when there is none, or when the
    place only locates the one listed before it."""
    places = _places(t)
    i, fillers = t.tok(e.start) - 1, 0
    while i >= 0:
        w = t.words[i]
        a, b = t.tokens[i]
        if w in preps:
            return i
        if w == "of" and i > 0 and t.words[i - 1] in lang.PLACE_NOUNS:  # "near the town of Colmar"
            i -= 2
            continue
        prev = next((p for p in places if p.start <= a < p.end), None)
        if prev is not None:
            if _locates_other(t, e, prev) and not re.search(r"\b(?:and|or)\s*$", t.text[prev.end : e.start]):
                return None
            i = t.tok(prev.start) - 1
            continue
        if w in ("and", "or", "the", "a", "an"):
            i -= 1
            continue
        if t.text[b : b + 1] == ",":  # a comma only inside a list of places
            return None
        if w.endswith("'s") or (t.text[a].islower() and w not in lang.LOCATIVE and w not in _STOPS and fillers < 3):
            fillers += 1
            i -= 1
            continue
        return None
    return None


_STOPS = {"of", "to", "from", "by", "for", "with", "into", "on", "and", "or", "that", "which", "as", "is", "was",
          "are", "were", "said", "says"}


def _where_clause(t: Tagged, e: Mention, topic: Topic) -> bool:
    m = re.match(r"(?:\s+[a-z]+){0,2},?\s+(?:where|in which)\s+", t.text[e.end :])
    if not m:
        return False
    after = e.end + m.end()
    cue = next((c for c in t.cues if c.start >= after), None)
    return cue is not None and cue.start - after <= 20 and (topic.subject == "any" or cue.subject == topic.subject) \
        and t.nearest(lang.PLACE_VERBS, cue.start, cue.end) is not None


def f_location(t: Tagged, topic: Topic, rule: Rule):
    own = set(lang.PLACE_VERBS) | set(t.pack.nouns) | set(rule.triggers)
    for a, b, v in geo.coordinates(t.text):  # "the epicentre was at 21.9N 96.0E"
        d = t.nearest(tuple(own), a, b, before_only=True)
        if d is not None and d <= rule.window and _subject_ok(t, topic, a, b):
            yield Candidate(a, b, v)
    for e in _places(t):
        if _describes_other_place(t, e):
            continue
        if _where_clause(t, e, topic):  # "the Colmar district, where the drill is being held"
            yield Candidate(e.start, e.end, e.entity)
            continue
        # "16 km northwest of X", "about 17 km from X", "near X": the words before X place the event
        described = geo.before_anchor(t.text, e.start, e.entity.name)
        if described is not None:
            p, value, start = t.tok(described[0]), described[1], described[0]
        else:
            p, value, start = _preposition(t, e, lang.LOCATIVE), e.entity, e.start
        if p is None:
            continue
        triggered = any(w in rule.triggers for w in t.words[max(0, p - 3) : p])
        if p > 0 and t.words[p - 1] in lang.LOCATIVE_BLOCKERS and not triggered:
            continue  # "units based in Alsace"; but "the epicentre was located near X"
        if t.words[p] == "near" and not any(w in own for w in _words_before(t, p, 3)):
            continue  # "held last month near Colmar" places the event; "a factory near Lyon" the factory
        before = next((q for q in _places(t) if p > 0 and q.end == t.tokens[p - 1][1]), None)
        if before is not None and _locates_other(t, e, before):
            continue  # "Colmar in eastern France"; but "France, in the Alsace region" refines
        if not _subject_ok(t, topic, e.start, e.end):
            continue
        cue = t.governing(e.start, e.end)
        anchors = []
        if cue is not None and cue.end <= t.tokens[p][0]:
            gap = p - t.tok_before(cue.end) - 1
            # "the drill in Alsace", "the exercise, on Sunday, in X"; not "the quake caused damage in X"
            if gap <= lang.CUE_PLACE_REACH and not _verb_between(t, t.tok_before(cue.end), p):
                anchors.append((gap, "cue"))
        for sp in t.find_phrases(t.pack.nouns):  # a bare event noun: "observing drills in Alsace"
            if sp[1] < p and p - sp[1] - 1 <= lang.CUE_PLACE_REACH and t.same_clause(sp[1], p) \
                    and not _verb_between(t, sp[1], p):
                anchors.append((p - sp[1] - 1, "cue"))
        for kind, words in (("verb", lang.PLACE_VERBS + rule.triggers), ("cross", lang.CROSSING_VERBS)):
            for sp in t.find_phrases(words):
                if sp[0] > 0 and t.words[sp[0] - 1] in lang.IDIOM_SUBJECTS:
                    continue  # "tragedy struck in X" is no event's verb
                if sp[1] < p and t.same_clause(sp[1], p):
                    anchors.append((sum(not _timelike(t, j) for j in range(sp[1] + 1, p)), kind))
        if not anchors:
            continue
        dist, kind = min(anchors)
        if kind != "cross" and dist <= rule.window:
            yield Candidate(start, e.end, value)


def f_crossing(t: Tagged, topic: Topic, rule: Rule):
    verbs = lang.CROSSING_VERBS + rule.triggers
    for e in _places(t):
        if _describes_other_place(t, e) or not _subject_ok(t, topic, e.start, e.end):
            continue
        noun = re.match(r"\s+(?:" + "|".join(lang.CROSSING_NOUNS) + r")\b", t.lower[e.end :])
        p = _preposition(t, e, lang.CROSSING_PREPS)
        verb = t.nearest(verbs, e.start, e.end, before_only=True)
        by_verb = p is not None and verb is not None and verb <= rule.window
        # "the X checkpoint" names a crossing by itself; "the X border" only with a verb of crossing
        by_noun = noun is not None and (verb is not None or noun.group().split()[-1] != "border")
        if by_verb or by_noun:
            yield Candidate(e.start, e.end, e.entity)


_NAMING = re.compile(r"\b(?:code-?named|dubbed|titled|named|called|known as)\s+[\"'](?P<n>[^\"']{2,40})[\"']")


def f_name(t: Tagged, topic: Topic, rule: Rule):
    seen = set()
    for e in t.entities:
        if e.kind == "name":
            seen.add((e.start, e.end))
            yield Candidate(e.start, e.end, e.entity)
    for m in _NAMING.finditer(t.text):
        a, b = m.start("n"), m.end("n")
        if any(x <= a < y for x, y in seen) or any(e.start <= a < e.end for e in t.entities):
            continue
        if _subject_ok(t, topic, a, b):
            yield Candidate(a, b, t.pack.gazetteer.canonical("name", m.group("n")))


def f_role(t: Tagged, topic: Topic, rule: Rule):
    """A person near a role word that is itself tied to the event: "the drill's lead officer",
    "commander of the exercise", "led the exercise"; not "commanded special forces in the 2020 war"."""
    roles = t.find_phrases(rule.triggers)
    if topic.subject != "any":  # the role must be this event's ("led the rescue" may be anyone's)
        cues = [c for c in t.cues if c.subject == topic.subject]
        roles = [sp for sp in roles if any((d := t.distance(sp, c.start, c.end)) is not None
                                           and d <= lang.ROLE_CUE_REACH for c in cues)]
    for e in t.entities:
        if e.kind != "person":
            continue
        # An appositive describes the person however long it is: "X, who ... served as the commander
        # of the drill, said".
        app = re.match(r",\s+(?:who\b|the\b|an?\b|[a-z][\w-]*\b)[^,;]*(?:,\s*(?:and\s+)?who\b[^,;]*)?", t.text[e.end :])
        app_end = e.end + app.end() if app else e.end
        near = [sp for sp in roles if (t.tokens[sp[0]][0] >= e.end and t.tokens[sp[1]][1] <= app_end) or
                ((d := t.distance(sp, e.start, e.end)) is not None and d <= rule.window)]
        if near:
            yield Candidate(e.start, e.end, e.entity, person=e)


def parse_value(vtype: str, text: str, t: Tagged, topic_unit: str | None = None) -> Value | None:
    """A pattern rule's captured text, read as its topic's type."""
    if vtype in ("date", "duration"):
        xs = [x for x in find_timex(text) if (x.kind == "duration") == (vtype == "duration")]
        return xs[0].value if xs else None
    if vtype == "number":
        found = numbers.find(text)
        return found[0][2] if found else None
    if vtype == "time":
        found = clock.find(text)
        return Time(found[0].lo, found[0].hi, None, found[0].approx) if found else None
    if vtype == "quantity":
        found = [m for m in units.find(text)] or [units.Measure(0, len(text), n.lo, n.hi, None, 1.0, text)
                                                    for _, _, n in numbers.find(text)[:1]]
        return normalize(found[0].lo, found[0].hi, found[0].unit, found[0].step, topic_unit, text,
                         units.factor) if found else None
    return t.pack.gazetteer.canonical(vtype, text)


class PatternBudget:
    """What is left of the run's time for the packs' own regexes: a pattern that stays under the
    per-sentence limit on every sentence must still not stall the gate over many sentences."""

    left = RUN_PATTERN_SECONDS

    @classmethod
    def reset(cls) -> None:
        cls.left = RUN_PATTERN_SECONDS


class PatternTimeout(PackError):
    """A pattern ran out of time; extract() adds the source it was reading."""


def f_pattern(t: Tagged, topic: Topic, rule: Rule):
    limit = min(PATTERN_SECONDS, PatternBudget.left)
    began = time.perf_counter()
    try:
        if limit <= 0:
            raise TimeoutError
        matches = list(rule.pattern.finditer(t.text, timeout=limit))
    except TimeoutError:
        if limit < PATTERN_SECONDS:
            raise PatternTimeout(f"rule {rule.id}: the packs' patterns used up their {RUN_PATTERN_SECONDS:g} s "
                                 "for this run (slow on long text?)", t.pack.path, rule.line) from None
        raise PatternTimeout(f"rule {rule.id}: pattern took over {PATTERN_SECONDS} s on one sentence "
                             f"(catastrophic backtracking?): '{shown(t.raw[:80])}'", t.pack.path, rule.line) from None
    finally:
        PatternBudget.left -= time.perf_counter() - began
    for m in matches:
        a, b = m.span("value")
        if a < 0 or not _subject_ok(t, topic, a, b):
            continue
        v = parse_value(topic.type, m.group("value"), t, topic.unit)
        if v is not None:
            rel = ()
            if topic.type == "date":
                xs = find_timex(m.group("value"))
                rel = xs[0].rel if xs else ()
            elif topic.type == "time":
                rel = ("zone", clock.find(m.group("value"))[0].zone, None, ())
            yield Candidate(a, b, v, rel, _tense(t, a, b))


_BETWEEN_OK = {"people", "persons", "workers", "others", "other", "were", "was", "are", "have", "had", "been",
               "reportedly", "confirmed", "reported", "civilians", "of", "them", "passengers", "residents"}
_COUNTED = {"people", "persons", "workers", "civilians", "passengers", "residents", "others"}


def _count_distance(t: Tagged, triggers, a: int, b: int, window: int) -> float | None:
    """How closely a number is bound to one of the triggers: a trigger after it counts it directly
    ("30 workers were killed", "60 others injured") and wins a tie over a verb before it ("killed
    and about 60 others injured"); words between a number and a later trigger may only be the
    counted people and auxiliaries ("21 relatives to identify bodies" counts relatives)."""
    best = None
    last = t.tok_before(b)
    for sp in t.find_phrases(triggers):
        d = t.distance(sp, a, b)
        if d is None or d > window:
            continue
        if sp[0] > last:
            between = t.words[last + 1 : sp[0]]
            # only the counted people (with one word before them: "30 factory workers") and auxiliaries
            if any(w not in _BETWEEN_OK and not (k + 1 < len(between) and between[k + 1] in _COUNTED)
                   for k, w in enumerate(between)):
                continue
            d -= 0.5
        best = d if best is None else min(best, d)
    return best


_FORECAST = re.compile("|".join(lang.FORECAST_BEFORE), re.I)
_FILLERS = "|".join(map(re.escape, lang.COUNT_FILLERS))
_KIND_OF = {w: k for k, ws in lang.CASUALTY_KINDS.items() for w in ws}
_STRUCTURE = "|".join(map(re.escape, lang.STRUCTURES))


def _other_kind(t: Tagged, b: int, triggers: tuple[str, ...]) -> bool:
    """The words after a number say it counts another kind of casualty than the rule's
    ("81 people remain missing" for a death toll)."""
    m = re.match(rf"(?:[\s,]+(?:{_FILLERS}))*[\s,]+([a-z]+)", t.lower[b : b + 80])
    kind = _KIND_OF.get(m.group(1)) if m else None
    return kind is not None and m.group(1) not in triggers and not any(
        w in triggers for w in lang.CASUALTY_KINDS[kind])


def _partial_place(t: Tagged, e: Mention) -> bool:
    """A place inside another of the pack's places, or one the pack does not know: one town of the
    affected area, not the whole of it."""
    return not e.entity.known or bool(t.pack.gazetteer.ancestors("place", e.entity.name))


def _sub_count(t: Tagged, a: int, b: int) -> bool:
    """A figure for one town or building, not the total: "20 deaths in Colmar", "killed three
    workers at the site", "Colmar suffered 69 deaths", "a mosque in X collapsed, killing 30"."""
    places = [e for e in _places(t) if _partial_place(t, e)]
    m = re.match(rf"(?:\s+(?:{_FILLERS}|[a-z]+ed|deaths?|dead|injur\w+|missing|fatalities|lives))*\s+(?:in|at)\s+"
                 rf"(?:the\s+)?(?:(?:city|town|village|district)\s+of\s+)?", t.lower[b : b + 80])
    if m:
        at = b + m.end()
        if re.match(rf"(?:{_STRUCTURE})\b", t.lower[at:]):
            return True
        here = next((e for e in places if e.start == at), None)
        if here is not None and not _event_noun_follows(t, here.end):
            return True
    first = re.match(r"(?:in\s+)?", t.lower)
    lead = next((e for e in places if e.start == first.end()), None)
    if lead is not None and lead.end < a and re.match(rf"\s*,?\s*(?:{'|'.join(lang.SCOPE_VERBS)})\b", t.lower[lead.end :]):
        return True  # "Colmar suffered ... with 69 deaths", "In Colmar alone, ..."
    before = t.lower[: a]
    # "a mosque in X caved in, killing 30" (the count follows from the structure's fall, not from
    # "the quake destroyed buildings in X and killed 144"), "the collapse killed three workers"
    if re.search(rf"\b(?:{_STRUCTURE})\s+(?:in|at)\s+[^;]*\b(?:killing|resulting\s+in|leaving|claiming)\b[^;]*$", before):
        return True
    return "collapse" not in t.pack.nouns and bool(re.search(r"\b(?:the|a|its|this)\s+collapse\b[^;]*$", before))


def f_count(t: Tagged, topic: Topic, rule: Rule):
    """A count bound to what it counts: 'more than 1,200 troops', 'killed at least 30'. A number
    goes to the count topic whose trigger binds it most closely. Never a forecast ("could reach
    1,000"), another kind of casualty ("81 remain missing"), or one town's or building's share."""
    taken = [(x.start, x.end) for x in t.timexes] + [(e.start, e.end) for e in t.entities]
    rivals = [r for tp in t.pack.topics.values() for r in tp.rules if r.frame == "count" and r.topic != topic.id]
    for a, b, n in numbers.find(t.text):
        earlier = numbers.earlier_figure(t.text, a, b)  # kept for the topic's series
        if any(x <= a < y for x, y in taken) or (not earlier and numbers.not_a_total(t.text, a, b)):
            continue
        if _FORECAST.search(t.text[max(0, a - 120) : a]) or _other_kind(t, b, rule.triggers):
            continue
        if _sub_count(t, a, b):
            continue
        own = _count_distance(t, rule.triggers, a, b, rule.window)
        if own is None or not _subject_ok(t, topic, a, b):
            continue
        if any((d := _count_distance(t, r.triggers, a, b, r.window)) is not None and d < own
               and not _other_kind(t, b, r.triggers) for r in rivals):  # "80 died and 350 others were injured"
            continue
        yield Candidate(a, b, n, superseded=earlier)


def _wrap(frame):
    def run(t: Tagged, topic: Topic, rule: Rule):
        for a, b, v, rel in frame(t, topic, rule):
            yield Candidate(a, b, v, rel, _tense(t, a, b))
    return run


_FRAMES = {"start": f_start, "count": f_count, "end": f_end, "when": f_when, "duration": f_duration, "location": f_location,
           "crossing": f_crossing, "name": f_name, "role": f_role, "pattern": f_pattern,
           "time": _wrap(measures.f_time), "measure": _wrap(measures.f_measure)}


def _rank_candidates(t: Tagged, rule: Rule, people: list[Candidate]):
    for c in people:
        if c.person is not None and c.person.rank is not None:
            r = c.person.rank
            yield Candidate(r.start, r.end, r.entity)


def extract_sentence(t: Tagged, pack: Pack) -> list[tuple[Topic, Rule, Candidate]]:
    out, by_topic = [], {}
    later = []
    for topic in pack.topics.values():
        for rule in topic.rules:
            if rule.frame == "rank":
                later.append((topic, rule))
                continue
            for c in _FRAMES[rule.frame](t, topic, rule):
                out.append((topic, rule, c))
                by_topic.setdefault(topic.id, []).append(c)
    for topic, rule in later:
        for c in _rank_candidates(t, rule, by_topic.get(rule.of, [])):
            out.append((topic, rule, c))
    # One claim per topic and span: the first rule that fired wins.
    seen, kept = set(), []
    for topic, rule, c in out:
        k = (topic.id, c.start, c.end)
        if k not in seen:
            seen.add(k)
            kept.append((topic, rule, c))
    return kept


_SEEN: dict[tuple[str, str], tuple] = {}  # (pack, sentence) -> what its rules took, who says it, for when
_SEEN_MAX = 200_000
TIMED = ("number", "quantity")  # types whose figures hold for a moment (a toll at Friday evening)


def _extract_cached(s: Sentence, pack: Pack) -> tuple:
    """What the rules take from a sentence depends on its words and the pack only, and wire copies
    and rewrites repeat sentences word for word across sources: each is read once."""
    k = (pack.digest + pack.path, s.text)
    hit = _SEEN.get(k)
    if hit is None:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        t = Tagged(s, pack)
        hit = _SEEN[k] = (extract_sentence(t, pack), t.attributions,
                          asof.find(t.text) if any(tp.type in TIMED for tp in pack.topics.values()) else ())
    return hit


def _nearest(items, start: int, end: int):
    """The item (with start/end) closest to a span, None if there is none."""
    return min(items, key=lambda a: (max(a.start - end, start - a.end, 0), a.start), default=None)


def extract(source: Source, sentences: list[Sentence], pack: Pack) -> list[Claim]:
    claims = []
    voice, line = "", None  # an agency named earlier in the paragraph speaks for what follows
    last = ""  # the agency named last in the article: who "the agency" / "the survey" is
    for s in sentences:
        try:
            found, attributions, moments = _extract_cached(s, pack)
        except PatternTimeout as e:
            raise PackError(f"{e.message}, reading {shown(source.path)}", e.path, e.line) from None
        if s.line != line:
            voice, line = "", s.line
        # "the agency also recorded ...": the agency the paragraph named before
        named = [replace(a, who=last) if last and a.who.lower() in lang.ANAPHORIC_VOICES else a
                 for a in attributions if a.who]
        known = [a for a in named if pack.gazetteer.agency(a.who)]
        for topic, rule, c in found:
            who = _nearest(known, c.start, c.end) or _nearest(named, c.start, c.end)
            when = _nearest(moments, c.start, c.end) if topic.type in TIMED else None
            claims.append(Claim(
                topic=topic.id, source=source.id, value=c.value, text=s.text[c.start : c.end],
                sentence=s.text, line=s.line, start=s.start + c.start, end=s.start + c.end,
                sentence_start=s.start, rule=rule.id,
                rel=c.rel, tense=c.tense, stated_weekday=c.stated_weekday, shift=c.shift,
                according_to=who.who if who else (voice if not attributions else ""),
                as_of=when.date if when else None, as_of_part=when.part if when else "",
                as_of_rel=when.rel if when else (), as_of_how="stated" if when else "",
                superseded=c.superseded,
            ))
        if known:
            voice = last = known[-1].who
    return _shared_voices(claims)


def _shared_voices(claims: list[Claim]) -> list[Claim]:
    """A figure a source attributes once ("according to the agency, 6.3") is that agency's wherever
    the source repeats it (the headline's "6.3 quake")."""
    said: dict[tuple[str, str], str] = {}
    for c in claims:
        if c.according_to:
            said.setdefault((c.topic, str(c.value)), c.according_to)
    return [c if c.according_to else replace(c, according_to=said.get((c.topic, str(c.value)), "")) for c in claims]
