"""Bind tagged mentions to topics with the pack's rules.

Each rule names a frame: the package's knowledge of how news states a start, an end, a place, a
commander... (`_FRAMES` below). The pack adds the event's words (triggers) and examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..language import lang, numbers
from ..errors import PackError
from ..packs.pack import Mention, Pack, Rule, Topic
from ..ingest.segment import Sentence
from ..ingest.sources import Source
from .tag import EVENT, OTHER, PREVIOUS, Tagged
from ..language.timex import Timex, find as find_timex
from ..values import Value


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


_ARTICLES = ("the", "a", "an", "its", "their", "these", "those")
PATTERN_SECONDS = 0.25  # a pack's own regex gets this long per sentence
START = tuple(lang.START_WORDS) + lang.START_PHRASES
END = tuple(lang.END_WORDS) + lang.END_PHRASES


def _subject_ok(t: Tagged, topic: Topic, start: int, end: int) -> bool:
    s = t.subject_of(start, end)
    if topic.subject == "any":
        return s not in (OTHER, PREVIOUS)
    return s == topic.subject


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


def _places(t: Tagged):
    return [e for e in t.entities if e.kind == "place"]


def _describes_other_place(t: Tagged, e: Mention) -> bool:
    """'the Franco-German border', "France's Alsace region": the place only qualifies another word."""
    if t.text[e.end : e.end + 1] == "-" or (e.start and t.text[e.start - 1] == "-"):
        return True
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
    for e in _places(t):
        if _describes_other_place(t, e):
            continue
        if _where_clause(t, e, topic):  # "the Colmar district, where the drill is being held"
            yield Candidate(e.start, e.end, e.entity)
            continue
        p = _preposition(t, e, lang.LOCATIVE)
        if p is None or (p > 0 and t.words[p - 1] in lang.LOCATIVE_BLOCKERS):
            continue
        if t.words[p] == "near" and not any(w in lang.PLACE_VERBS or w in t.pack.nouns for w in t.words[max(0, p - 3) : p]):
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
            if gap <= lang.CUE_PLACE_REACH:  # "the drill in Alsace", "the exercise, on Sunday, in X"
                anchors.append((gap, "cue"))
        for sp in t.find_phrases(t.pack.nouns):  # a bare event noun: "observing drills in Alsace"
            if sp[1] < p and p - sp[1] - 1 <= lang.CUE_PLACE_REACH and t.same_clause(sp[1], p):
                anchors.append((p - sp[1] - 1, "cue"))
        for kind, words in (("verb", lang.PLACE_VERBS + rule.triggers), ("cross", lang.CROSSING_VERBS)):
            for sp in t.find_phrases(words):
                if sp[1] < p and t.same_clause(sp[1], p):
                    anchors.append((p - sp[1] - 1, kind))
        if not anchors:
            continue
        dist, kind = min(anchors)
        if kind != "cross" and dist <= rule.window:
            yield Candidate(e.start, e.end, e.entity)


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


def parse_value(vtype: str, text: str, t: Tagged) -> Value | None:
    """A pattern rule's captured text, read as its topic's type."""
    if vtype in ("date", "duration"):
        xs = [x for x in find_timex(text) if (x.kind == "duration") == (vtype == "duration")]
        return xs[0].value if xs else None
    if vtype == "number":
        found = numbers.find(text)
        return found[0][2] if found else None
    return t.pack.gazetteer.canonical(vtype, text)


def f_pattern(t: Tagged, topic: Topic, rule: Rule):
    try:
        matches = list(rule.pattern.finditer(t.text, timeout=PATTERN_SECONDS))
    except TimeoutError:
        raise PackError(f"rule {rule.id}: pattern took over {PATTERN_SECONDS} s on one sentence "
                        f"(catastrophic backtracking?): {t.raw[:80]!r}", t.pack.path, rule.line) from None
    for m in matches:
        a, b = m.span("value")
        if a < 0 or not _subject_ok(t, topic, a, b):
            continue
        v = parse_value(topic.type, m.group("value"), t)
        if v is not None:
            rel = ()
            if topic.type == "date":
                xs = find_timex(m.group("value"))
                rel = xs[0].rel if xs else ()
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


def f_count(t: Tagged, topic: Topic, rule: Rule):
    """A count bound to what it counts: 'more than 1,200 troops', 'killed at least 30'. A number
    goes to the count topic whose trigger binds it most closely."""
    taken = [(x.start, x.end) for x in t.timexes] + [(e.start, e.end) for e in t.entities]
    rivals = [r for tp in t.pack.topics.values() for r in tp.rules if r.frame == "count" and r.topic != topic.id]
    for a, b, n in numbers.find(t.text):
        if any(x <= a < y for x, y in taken) or numbers.not_a_total(t.text, a, b):
            continue
        own = _count_distance(t, rule.triggers, a, b, rule.window)
        if own is None or not _subject_ok(t, topic, a, b):
            continue
        if any((d := _count_distance(t, r.triggers, a, b, r.window)) is not None and d < own for r in rivals):
            continue
        yield Candidate(a, b, n)


_FRAMES = {"start": f_start, "count": f_count, "end": f_end, "when": f_when, "duration": f_duration, "location": f_location,
           "crossing": f_crossing, "name": f_name, "role": f_role, "pattern": f_pattern}


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


_SEEN: dict[tuple[str, str], list] = {}  # (pack, sentence) -> what its rules took
_SEEN_MAX = 200_000


def _extract_cached(s: Sentence, pack: Pack) -> list[tuple[Topic, Rule, Candidate]]:
    """What the rules take from a sentence depends on its words and the pack only, and wire copies
    and rewrites repeat sentences word for word across sources: each is read once."""
    k = (pack.digest + pack.path, s.text)
    hit = _SEEN.get(k)
    if hit is None:
        if len(_SEEN) >= _SEEN_MAX:
            _SEEN.clear()
        hit = _SEEN[k] = extract_sentence(Tagged(s, pack), pack)
    return hit


def extract(source: Source, sentences: list[Sentence], pack: Pack) -> list[Claim]:
    claims = []
    for s in sentences:
        for topic, rule, c in _extract_cached(s, pack):
            claims.append(Claim(
                topic=topic.id, source=source.id, value=c.value, text=s.text[c.start : c.end],
                sentence=s.text, line=s.line, start=s.start + c.start, end=s.start + c.end,
                sentence_start=s.start, rule=rule.id,
                rel=c.rel, tense=c.tense, stated_weekday=c.stated_weekday, shift=c.shift,
            ))
    return claims
