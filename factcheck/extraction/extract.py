"""Bind tagged mentions to topics with the pack's rules.

Each rule names a frame: the package's knowledge of how news states a start, an end, a place, a
commander... (packs/frames.py lists them; FINDERS below finds each). The pack adds the event's
words (triggers) and examples.
"""

from __future__ import annotations

import bisect
import re
import time
from dataclasses import dataclass, field, replace

from . import anchors, measures
from ..language import asof, attribution, clock, lang, numbers, units
from ..errors import PackError, shown
from ..packs.pack import Mention, Pack, Rule, Topic
from ..ingest.segment import Sentence
from ..ingest.sources import Source
from .readers import READERS
from .tag import EVENT, OTHER, PREVIOUS, PRONOUNS, Spans, Tagged, Words, phrase_words, subject_fits, words_of
from ..language.timex import Timex, find as find_timex
from ..values import TIMED, Date, Value, geo
from ..values.number import Number


@dataclass(frozen=True, slots=True)
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
    note: str = ""
    superseded: bool = False  # a figure the source reports as an earlier moment's ("had earlier put it at 27")


_ARTICLES = ("the", "a", "an", "its", "their", "these", "those")
PATTERN_SECONDS = 0.25  # a pack's own regex gets this long per sentence
SOURCE_PATTERN_SECONDS = 10.0  # and all of them together this long per source (a run stays linear in its input)
START = tuple(lang.START_WORDS) + lang.START_PHRASES
END = tuple(lang.END_WORDS) + lang.END_PHRASES


def _subject_ok(t: Tagged, topic: Topic, start: int, end: int) -> bool:
    return subject_fits(topic.subject, t.subject_of(start, end))


_MODAL_VERB = tuple(f"{m} {v}" for m in ("will", "would", "to") for v in lang.PAST_CUES if " " not in v)


def _tense(t: Tagged, start: int, end: int) -> str:
    """Future when the nearest tense cue says so ("will end on Friday"), else past. Cues before the
    date govern it; only when none precedes it in the clause do the ones after count."""
    for before_only in (True, False):
        fut = t.nearest(lang.FUTURE_CUES, start, end, before_only)
        past = t.nearest(lang.PAST_CUES, start, end, before_only)
        if past is not None and t.nearest(_MODAL_VERB, start, end, before_only) == past:
            fut, past = past, None  # "will last until Wednesday", "expected to end on": the modal's verb
        if fut is not None or past is not None:
            if past is not None and (fut is None or fut >= past):
                return "past"
            # "said the storm would hit on Wednesday": the future of a past statement
            return "future-in-past" if t.nearest(("would",), start, end, before_only) == fut else "future"
    return "past"


def _word_before(t: Tagged, start: int) -> str:
    i = t.tok_before(start)
    return t.words[i] if i >= 0 else ""


def _date(x: Timex, t: Tagged, second: bool = False) -> Candidate:
    v = x.value2 if second else x.value
    return Candidate(x.start, x.end, v, x.rel, _tense(t, x.start, x.end), stated_weekday=x.stated_weekday,
                     shift=x.shift)


def _dates(t: Tagged):
    return [x for x in t.timexes if x.kind in ("date", "range") and x.rel[:1] != ("event_day",) and not x.bound
            and not _rank_scope(t, x) and not _other_zones_day(t, x)]


_OPEN_BRACKET = re.compile(r"\(([^()]*)$")


def _other_zones_day(t: Tagged, x: Timex) -> bool:
    """A day in brackets with a clock time in another zone ("at 11 pm (0400 GMT Friday)") is that
    zone's calendar day, not the one the event happened on where it happened."""
    m = _OPEN_BRACKET.search(t.text, max(0, x.start - 40), x.start)
    return m is not None and any(c.zone is not None for c in clock.find(m.group(1)))


# A rank word: "the first hurricane to come ashore this year", "the strongest quake of 2026"; not
# "for the first time in 2019", which dates what happened
_RANK = re.compile(r"\b(?:first|second|third|fourth|fifth|last|only|\w+iest|" + "|".join(lang.SUPERLATIVES)
                   + r")\b(?!\s+time\b)(?:(?!\bsince\b|\bthan\b)[^,;:.()])*$")  # not a baseline's year: "since the X fire of 2012"


def _rank_scope(t: Tagged, x: Timex) -> bool:
    """A year a rank word before it bounds in its clause is the scope the rank holds in ("the first
    hurricane to come ashore in X this year"), not a date of the event."""
    v = x.value
    if x.kind != "date" or not isinstance(v, Date) or v.month or v.day or v.weekday:
        return False
    return _RANK.search(t.lower, max(0, x.start - 80), x.start) is not None


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


# Insertions between a subject and its verb that do not count as distance: "the navy's units,
# together with army engineers, launched ..."
_INSERTION = re.compile(r",\s*(?:together with|along with|as well as|backed by|joined by|supported by|alongside|"
                        r"accompanied by|in cooperation with|with the help of|which|who|whose)\b[^,;]*,")
_CLAUSE_VERBS = frozenset(lang.REPORTING_VERBS) | frozenset(lang.VERB_FORMS) | frozenset(
    "while when whereas although though because after before since until as that which who".split())
_HEAD_LEAD = frozenset("on early late by in at and then but".split())
_COMMA_NEXT = re.compile(r"\s*,")


def _opens_clause(t: Tagged, x: Timex) -> bool:
    """A temporal adverbial at the head of its clause, set off by a comma ("On Tuesday, March 3, the
    navy's coastal units (CDU) ... launched"): it dates that clause's verb, however long the subject."""
    i = t.tok(x.start)
    if i < t.subject_start:  # in the sentence's opening adverbial ("Shortly after 9 pm on Monday, a train ...")
        return True
    own, j = t.clause_of(i), i - 1
    while j >= 0 and t.clause_of(j) == own and t.words[j] in _HEAD_LEAD:
        j -= 1
    return not (j >= 0 and t.clause_of(j) == own) and bool(_COMMA_NEXT.match(t.text, x.end))


_ANNOUNCING = frozenset(("announced", "announces"))


def _gap(t: Tagged, x: Timex, sp: tuple[int, int]) -> int | None:
    """Words between a clause-head date and a trigger after it, leaving out parentheses, insertions
    ("together with ...,", ", which ...,") and a participle phrase that describes the subject ("a
    wildfire fanned by strong winds", "a train travelling from the capital"). None when another
    verb opens first ("On Sunday, officials said the forces launched")."""
    own = t.clause_of(t.tok(x.start))
    skip = Spans((m.start(), m.end()) for m in _INSERTION.finditer(t.text, x.end, t.tokens[sp[0]][0]))
    words = [t.words[k] for k in range(t.tok(x.end), sp[0]) if t.clause_of(k) == own and not skip.covers(t.tokens[k][0])]
    n, participle = 0, False
    for k, w in enumerate(words):
        if w in _CLAUSE_VERBS:
            if w in _ANNOUNCING and all(v in lang.DETERMINERS for v in words[k + 1 :]):
                return n  # "On 12 March, the ministry announced the declaration of ...": announcing it is the act
            return None
        if w.endswith("ed") and not (k and words[k - 1] in lang.DETERMINERS):  # "a crowded train" is no verb
            if words[k + 1 : k + 2] != ["by"]:
                return None
            participle = True  # "fed by the swollen river"
        elif w.endswith("ing") and k and not participle:
            participle = True  # "a train travelling from the capital"
        n += not participle
    return n


def _reach(t: Tagged, x: Timex, phrases, window: int) -> float | None:
    """Token distance to the nearest trigger that can bind this date: one before it within the
    window, or one after it within TRIGGER_AFTER_REACH; a date at the head of its clause reaches its
    verb within the window, not counting parentheses and insertions."""
    best, first = None, t.tok(x.start)
    others = t.date_tokens
    head = _opens_clause(t, x)
    lead = _clock_lead(t, x)
    for sp in t.phrases_near(phrases, x.start, x.end, (3 * window if head else window) + lead):
        if sp[0] > 0 and t.words[sp[0] - 1] in _ARTICLES and sp[0] == sp[1] and t.words[sp[0]].endswith("ed"):
            continue  # "the liberated territories": a participle used as an adjective is no event (a noun is: "the confirmation")
        d = t.distance(sp, x.start, x.end)
        if d is not None and lead and sp[1] < first - lead:
            d -= lead
        after = sp[0] > first
        if d is not None and head and after:
            g = _gap(t, x, sp)
            if g is not None:
                # the clause's verb, however long its subject: within the window it binds
                d = min(d, g, lang.TRIGGER_AFTER_REACH) if g <= window else min(d, g)
        if d is None or d > window or (after and d > lang.TRIGGER_AFTER_REACH):
            continue
        lo, hi = (sp[1], first) if sp[1] < first else (first, sp[0])
        if bisect.bisect_right(others, lo) < bisect.bisect_left(others, hi):
            continue  # a trigger binds the nearest date: "began last Sunday, returned on Thursday"
        if after and _subordinate_between(t, t.tok_before(x.end) + 1, sp[0]):
            continue  # "still digging on Wednesday after a quake struck on Monday": the verb of a clause after the date is not its
        if sp[0] > first:
            d += 1.5  # on a tie the verb before the date governs it ("began on May 19, ended today")
        best = d if best is None else min(best, d)
    return best


_CLOCK_TO_DATE = re.compile(r"[\s,]*(?:on|of)?[\s,]*")


def _clock_lead(t: Tagged, x: Timex) -> int:
    """Tokens of a clock time right before the date, with its preposition ("made landfall near X, at
    11:40 pm local time on Sunday"): the date completes the time, so it is as near the verb as the
    time is."""
    for c in clock.find(t.text):
        if c.end <= x.start and _CLOCK_TO_DATE.fullmatch(t.lower, c.end, x.start):
            k = t.tok(c.start)
            k -= k > 0 and t.words[k - 1] in ("at", "around", "about")
            return t.tok(x.start) - k
    return 0


_NOT_CLAUSE_AFTER = frozenset("many much well of part far long soon early late recently a an".split())  # "as many as"


def _subordinate_between(t: Tagged, i: int, j: int) -> bool:
    """A conjunction between tokens i and j opens the clause token j stands in: what comes after it
    tells of another happening, with its own date ("were still digging on Wednesday after an
    earthquake struck the valley on Monday")."""
    for k in range(i, j):
        w = t.words[k]
        if w in lang.SUBORDINATORS and not (w == "as" and k + 1 < len(t.words) and t.words[k + 1] in _NOT_CLAUSE_AFTER):
            return True
    return False


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
        if _since_elsewhere(t, x):
            continue
        prep = _word_before(t, x.start)
        if prep == "to" and (which == "start" or "from" not in t.words_before(x.start, 8)):
            continue  # "to" ends a window only after a "from"
        if prep in rival_preps:
            continue
        if which == "start" and prep == "since" and _right_after_event_noun(t, x):
            yield _date(x, t)  # "catastrophic flooding since Saturday night": it began then
            continue
        if (prep in own_preps or _wins(_reach(t, x, own + rule.triggers, rule.window),
                                       _reach(t, x, rival, rule.window), _said_on(t, x))) \
                and not _unfulfilled(t, x, rule.window):
            yield _date(x, t)


_PLAN = re.compile("|".join(lang.UNFULFILLED_PLAN))


def _unfulfilled(t: Tagged, x: Timex, window: int) -> bool:
    """The date's verb is a plan the sentence says did not hold ("was to have ended on Monday",
    "had been due to end on Friday"): when it was meant to happen, not when it did. Read back from
    the date through its clause, up to another date or a coordinator ("had been due to end on
    Friday but ended on Sunday": Sunday is what happened)."""
    i = t.tok(x.start)
    dates = set(t.date_tokens)
    for k in range(i - 1, max(-1, i - 1 - window), -1):
        if not t.same_clause(k, i) or k in dates or t.words[k] in _COORDINATORS:
            return False
        if _PLAN.search(t.lower, max(0, t.tokens[k][0] - 60), t.tokens[k][0]):
            return True
    return False


_SINCE = re.compile(r"\bsince\s+(?:(?P<noun>(?:its|their|his|her|the|a|an)\s+(?:[\w'-]+\s+){1,3}?)(?:in\s+|on\s+|of\s+)?)?$")
_RECORD = re.compile(r"\b(?:\w+iest|" + "|".join(lang.SUPERLATIVES) + r")\b")


def _since_elsewhere(t: Tagged, x: Timex) -> bool:
    """A date after "since" that is not the event's: it dates another noun ("since its launch eleven
    years ago") or bounds a record the event sets ("the deadliest crash since 1998")."""
    m = _SINCE.search(t.lower, max(0, x.start - 60), x.start)
    if not m:
        return False
    cue = t.governing(x.start, x.end)
    if m["noun"]:
        return cue is None or not m.start() < cue.start < x.start
    # the record word stands in the event's phrase or just before it ("the highest turnout in an
    # election since 1997")
    return cue is not None and cue.end <= m.start() and bool(
        _RECORD.search(t.lower, max(0, cue.start - _RECORD_REACH), cue.end))


_RECORD_REACH = 40  # characters before the event's phrase: a few words


def _right_after_event_noun(t: Tagged, x: Timex) -> bool:
    """'<event noun> since <date>': the date is when the event began."""
    i = t.tok(x.start) - 1  # "since"
    cue = t.governing(x.start, x.end)
    return i > 0 and cue is not None and cue.subject == EVENT and t.tok_before(cue.end) == i - 1


def f_start(t: Tagged, topic: Topic, rule: Rule):
    return _window_edge(t, topic, rule, "start")


def f_end(t: Tagged, topic: Topic, rule: Rule):
    return _window_edge(t, topic, rule, "end")


def f_when(t: Tagged, topic: Topic, rule: Rule):
    """A date near one of the rule's triggers; for the event's own date, also one written into its
    noun phrase ("12 died in yesterday's incident", "a crush at X early Sunday morning"), with
    triggers or without."""
    for x in _dates(t):
        if rule.triggers:
            if _by_trigger(t, topic, rule, x):
                yield _date(x, t)
                continue
            if topic.subject != EVENT:
                continue
        if not _subject_ok(t, topic, x.start, x.end) or (_said_on(t, x) is not None and not _in_cue(t, x)):
            continue  # "said on Sunday" dates the saying; "said Sunday's rally ..." dates the rally
        elif topic.subject == "event" and not _in_noun_phrase(t, x):
            continue  # an article dates many things beside its event: the event's date is in its phrase
        yield _date(x, t)


def _by_trigger(t: Tagged, topic: Topic, rule: Rule, x: Timex) -> bool:
    if x.kind == "range" or _word_before(t, x.start) in lang.START_PREPS + lang.END_PREPS:
        return False  # "held in the liberated territories from May 19 to 21": the event's own window
    if _AS_OF.search(t.lower, max(0, x.start - 24), x.start):
        return False  # "38 had been confirmed ... as of Friday": when a figure holds, not when it happened
    own = _reach(t, x, rule.triggers, rule.window)
    if not _wins(own, _reach(t, x, START + END, rule.window), _said_on(t, x)):
        return False
    return topic.subject == "any" or topic.subject in t.subjects


def _in_cue(t: Tagged, x: Timex) -> bool:
    cue = t.governing(x.start, x.end)
    return cue is not None and cue.start <= x.start and x.end <= cue.end


_AS_OF = re.compile(r"\bas\s+of\s+(?:early\s+|late\s+)?$")


_NEW_SUBJECT = re.compile(r",\s+(?:" + "|".join(sorted(lang.DETERMINERS)) + r")\b")


def _in_noun_phrase(t: Tagged, x: Timex) -> bool:
    """The date is written into the event's own noun phrase: "the September 16 fire", "a fire at a
    factory in Kosta on Wednesday"; not "the toll rose to 33 on Friday", not "since November 2012"."""
    cue = t.governing(x.start, x.end)
    if cue is None or cue.subject != EVENT:
        return False
    if cue.start <= x.start and x.end <= cue.end:
        return True
    if cue.end > x.start or _word_before(t, x.start) in ("since", "by", "until") or _AS_OF.search(t.lower, max(0, x.start - 24), x.start):
        return False  # "killed by the flooding as of Sunday night": when a figure holds, not the event's day
    i = t.tok_before(cue.start)
    if i >= 0 and (t.words[i] in lang.VERB_FORMS or t.words[i].endswith("ed") or t.words[i] == "of"):
        return False  # "brought the fire under control ... yesterday", "the building of X by 4pm yesterday"
    if _NEW_SUBJECT.search(t.lower, cue.end, x.start):
        return False  # "in response to the outbreak, the ministry on Sunday released ...": another subject's date
    first, last = t.tok(cue.end), t.tok(x.start)
    # a place's name is one word however many it has ("a blast at the X works near Y Z in northern W on Monday")
    named = t.memo.get("place spans")
    if named is None:
        named = t.memo["place spans"] = Spans((e.start, e.end) for e in _places(t))
    ks = []
    for k in range(first, last):  # at most 11 words are read: a long sentence costs no more
        if not (k > first and named.covers(t.tokens[k][0]) and named.covers(t.tokens[k - 1][0])):
            ks.append(k)
            if len(ks) > 10:
                return False
    between = [t.words[k] for k in ks]
    return not any(
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
        head = _HEAD.match(t.lower, x.end)
        head_ok = head is not None and not any(w in lang.OTHER_ACTIVITIES for w in head.group(1).split())
        of_phrase = head_ok and _OF.match(t.lower, x.end) and (
            _event_noun_follows(t, x.end) or t.subject_of(x.start, x.end) == EVENT)  # not "three days of mourning"
        adjectival = head_ok and "-" in t.text[x.start : x.end] and _AS_A.search(
            t.lower, max(0, x.start - 40), x.start)  # "the drill, a two-week programme"
        if of_phrase or adjectival or (trigger is not None and trigger <= rule.window):
            yield Candidate(x.start, x.end, x.value)


_HEAD = re.compile(r"\s+(?:of\s+)?((?:[\w-]+\s+){0,2}?[\w-]+)\b")
_OF = re.compile(r"\s*of ")
_AS_A = re.compile(r"(?:\bas|\bis|\bwas|\bbe|,)\s+an?\s+$")


def _event_noun_follows(t: Tagged, offset: int) -> bool:
    i = t.tok(offset)
    spans, starts, _ = t.sorted_phrases(t.pack.nouns)
    k = bisect.bisect_left(starts, i)
    return k < len(starts) and starts[k] - i <= 3


_AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"}


def _verb_between(t: Tagged, i: int, j: int) -> bool:
    """A verb with its own object between tokens i and j ("the quake caused damage in X", "resulted
    in damage in X"): the place belongs to that object. A verb right before the place ("the drill,
    which opened in X") does not count, nor one followed only by adverbs and dates ("it opened on
    Tuesday in X")."""
    verb = lambda w: (w in lang.VERB_FORMS or w.endswith("ed")) and w not in _AUXILIARIES
    return any(verb(t.words[k]) and any(not verb(t.words[m]) and not t.words[m].endswith("ly") and not _timelike(t, m)
                                        for m in range(k + 1, j))
               for k in range(i + 1, j))


def _timelike(t: Tagged, j: int) -> bool:
    """Token j is part of a date or a clock time, or the preposition before one ("on Friday,
    March 28, around 1:20 PM")."""
    spans = t.memo.get("time spans")
    if spans is None:
        spans = t.memo["time spans"] = Spans(t.time_spans)
    inside = lambda k: spans.covers(t.tokens[k][0])
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
    return t.places


_HYPHENS = ("-", "\u2010", "\u2011")


def _describes_other_place(t: Tagged, e: Mention) -> bool:
    """'the Franco-German border', "France's Alsace region": the place only qualifies another word."""
    if t.raw[e.end : e.end + 1] in _HYPHENS or (e.start and t.raw[e.start - 1] in _HYPHENS):
        # a hyphen joins words; a dash ("Colmar—the second city") ends a phrase; places joined
        # before a stretch of land name it together ("the Corvania-Maridia coastline")
        return not _AREA_AFTER.match(t.lower, e.end)
    # "the worst fire in Corvania history", "... in the history of Corvania": a record's scope
    if _RECORD_SCOPE.match(t.lower, e.end) or _RECORD_OF.search(t.lower[max(0, e.start - 24) : e.start]):
        return True
    # "in France's wine sector", "France's Alsace region": the possessive qualifies a noun
    return bool(re.match(r"'s?\s", t.text[e.end : e.end + 3]))


_RECORD_SCOPE = re.compile(r"(?:'s)?\s+(?:recorded\s+)?(?:" + "|".join(lang.RECORD_NOUNS) + r")\b")
_RECORD_OF = re.compile(r"\b(?:" + "|".join(lang.RECORD_NOUNS) + r")\s+of\s+(?:the\s+)?$")


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


def _preposition(t: Tagged, e: Mention, preps, objects=()) -> int | None:
    """Token index of the preposition that governs a place, looking back over modifiers and over
    the places listed before it ("in Colmar and Mulhouse"), or of a verb in `objects` whose object
    the place is ("hit X and Y", "battered the coast of X"). None when there is none, when the
    place only locates the one listed before it, or stands beside it ("X and neighbouring Y")."""
    i, fillers = t.tok(e.start) - 1, 0
    # "on the Corvania-Maridia coastline", "sank on Lake Oltan"
    area = bool(_AREA_AFTER.match(t.lower, e.end) or _WATER.search(t.lower, e.start, e.end)
                or _WATER_AFTER.match(t.lower, e.end))  # "sank on a Corvanian lake"
    while i >= 0:
        w = t.words[i]
        a, b = t.tokens[i]
        if w in preps or (area and w in lang.AREA_PREPS) or (w in objects and t.text[b : b + 1] != ","):
            return i
        if w in lang.NEIGHBOUR_WORDS and i > 0 and t.words[i - 1] == "and":
            return None  # "struck X and neighbouring Y": Y is beside the ground, not the ground
        if w == "of" and i > 0 and t.words[i - 1] in lang.AREA_NOUNS:  # "the streets of X"
            area = True
        # "near the town of Colmar", "in a district called Colmar", "a village known as Colmar"
        naming = 1 if w in ("of", "called", "named") else 2 if w == "as" and i > 0 and t.words[i - 1] == "known" else 0
        if naming and i >= naming and (t.words[i - naming] in lang.PLACE_NOUNS or t.words[i - naming] in lang.AREA_NOUNS):
            i -= naming + 1
            if i > 0 and t.text[t.tokens[i][0]].isupper() and t.words[i - 1] in ("the", "a", "an") \
                    and t.place_at(t.tokens[i][0]) is None:
                i -= 1  # "in the French city of Colmar": a nationality before the place noun
            continue
        prev = t.place_at(a)
        if prev is not None:
            if _locates_other(t, e, prev) and not re.search(r"\b(?:and|or)(?:\s+the)?\s*$", t.text[prev.end : e.start]):
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


_AREA_AFTER = re.compile(rf"(?:-[\w' ]+?)?\s+(?:{'|'.join(lang.AREA_NOUNS)})\b")
_WATER = re.compile(rf"\b(?:{'|'.join(lang.WATER_WORDS)})\b")
_WATER_AFTER = re.compile(rf"\s+(?:{'|'.join(lang.WATER_WORDS)})\b")


# "hit Kosta", "hit the Varesk province", "inundated large parts of Kosta", "swept across much of X"
_OBJECT_BEFORE = re.compile(r"(?:\s+(?:(?:large|wide|vast|many|some|most|all|much|parts?|swathes?|areas?)\s+)+of)?"
                            r"(?:\s+the)?\s*$")


def _object_of(t: Tagged, e: Mention, objects: tuple[str, ...]) -> bool:
    """The place is the object of one of the verbs `objects` (_objects: "the floods hit Kosta", "a
    quake jolted the Varesk province"), not a word qualifying a noun after it ("hit Kosta residents")."""
    m = _OBJECT_BEFORE.search(t.lower, max(0, e.start - 30), e.start)
    i = t.tok_before(m.start()) if m else -1
    if i < 0 or t.words[i] not in objects:
        return False
    return not _qualifies_next(t, e)


def _qualifies_next(t: Tagged, e: Mention) -> bool:
    """The place qualifies the people named after it ("jolted Oltan residents"): it is no object."""
    k = t.tok(e.end)
    return k < len(t.words) and t.words[k] in lang.PEOPLE_NOUNS  # not a verb or conjunction after it ("as", "was")


def _placed_site(t: Tagged, p: int) -> bool:
    """'near' at token p follows a site that is itself where something is ("at the firing range
    near X", "in a village near X"): near X places what happened there."""
    if p < 2 or t.words[p - 1] not in lang.PLACE_NOUNS:
        return False
    return any(w in lang.LOCATIVE for w in t.words[max(0, p - 5) : p - 1])


_SITE_WORDS = 6  # "at the Lantern Ghat fairground": the site's own phrase, a few words at most


def _site_between(t: Tagged, i: int, p: int) -> bool:
    """Between the event's noun (token i) and the preposition at p stands only the site it is at
    ("a stampede at the river festival in X", "the blast at a market near X"): no verb, no clause
    mark, a few words."""
    between = t.words[i + 1 : p]
    return (0 < len(between) - 1 <= _SITE_WORDS and between[0] in ("at", "inside", "outside") and t.same_clause(i, p)
            and not any(w in lang.VERB_FORMS or w.endswith(("ed", "ing")) or w in _STOPS for w in between[1:])
            and not any(t.place_at(t.tokens[k][0]) for k in range(i + 2, p)))


_STOPS = {"of", "to", "from", "by", "for", "with", "into", "on", "and", "or", "that", "which", "as", "is", "was",
          "are", "were", "said", "says"}


_LEAD_VOICE = re.compile(rf"\s+(?:{'|'.join(lang.LOCAL_VOICES)})\b")
_WHERE = re.compile(r"(?:\s+[a-z]+){0,2},?\s+(?:where|in which)\s+")


def _where_clause(t: Tagged, e: Mention, topic: Topic) -> bool:
    m = _WHERE.match(t.text, e.end)
    if not m:
        return False
    after = m.end()
    cue = t.first_cue_from(after)
    return cue is not None and cue.start - after <= 20 and (topic.subject == "any" or cue.subject == topic.subject) \
        and t.nearest(lang.PLACE_VERBS, cue.start, cue.end) is not None


_SAID_AFTER = re.compile(r"\s*,?\s*(?:" + "|".join(lang.REPORTING_VERBS) + r")\b")


def f_location(t: Tagged, topic: Topic, rule: Rule):
    own = set(lang.PLACE_VERBS) | set(t.pack.nouns) | set(rule.triggers)
    objects = _objects(t, rule)
    # "the epicentre was at 21.9N 96.0E"; for the event's point only after the rule's own words: "the
    # eye of the storm lay near 17.4N 88.2W" is a position on its path, not its landfall
    placing = tuple(rule.triggers) if _about_point(rule) else tuple(own)
    for a, b, v in geo.coordinates(t.text):
        d = t.nearest(placing, a, b, before_only=True)
        if d is not None and d <= rule.window and _subject_ok(t, topic, a, b):
            yield Candidate(a, b, v)
    for e in _places(t):
        if _describes_other_place(t, e):
            continue
        if _SAID_AFTER.match(t.text, e.end):
            continue  # "the defence ministry in Baku said": where the speaker is, not the event
        if (_names_the_event(t, e) or _event_of(t, e)) and _subject_ok(t, topic, e.start, e.end):
            yield Candidate(e.start, e.end, e.entity)  # "the Lyon rally": where it is held
            continue
        if _where_clause(t, e, topic):  # "the Colmar district, where the drill is being held"
            yield Candidate(e.start, e.end, e.entity)
            continue
        # "16 km northwest of X", "about 17 km from X", "near X": the words before X place the event
        described = geo.before_anchor(t.text, e.start, e.entity.name)
        if described is not None:
            p, value, start = t.tok(described[0]), described[1], described[0]
        else:
            p, value, start = _preposition(t, e, lang.LOCATIVE, objects), e.entity, e.start
        if p is None:
            if described is None and _object_of(t, e, objects) and _subject_ok(t, topic, e.start, e.end):
                yield Candidate(e.start, e.end, e.entity)  # "the floods hit Kosta", "the quake jolted Oltan"
            continue
        if t.words[p] in objects and _qualifies_next(t, e):
            continue
        if t.words[p] in lang.PATH_PREPS and _about_point(rule) and not any(
                t.words[p - len(tr.split()) + 1 : p + 1] == tr.split() for tr in rule.triggers):
            continue  # "swept through the port of X": a path, not the epicentre ("passed through" as a landfall's trigger)
        own_verb = t.words[p] in objects and (t.words[p] in t.pack.verbs or t.words[p] in rule.triggers)  # names the event
        triggered = any(w in rule.triggers for w in t.words[max(0, p - 3) : p])
        if p > 0 and t.words[p - 1] in lang.LOCATIVE_BLOCKERS and not triggered:
            continue  # "units based in Alsace"; but "the epicentre was located near X"
        if t.words[p] == "near" and not any(w in own for w in _words_before(t, p, 3)) and not _placed_site(t, p):
            continue  # "held last month near Colmar" places the event; "a factory near Lyon" the factory
        k = p - 1 - (p > 1 and t.words[p - 1] in lang.PLACE_NOUNS)  # "the Colmar district, 40 km north of X"
        before = t.place_ending.get(t.tokens[k][1]) if k >= 0 else None
        if before is not None and not _point_from(t, p, k, described) and _locates_other(t, e, before):
            continue  # "Colmar in eastern France"; but "France, in the Alsace region" refines
        if not _subject_ok(t, topic, e.start, e.end):
            continue
        cue = t.governing(e.start, e.end)
        anchors = []
        if cue is not None and cue.end <= t.tokens[p][0]:
            gap = p - t.tok_before(cue.end) - 1
            if gap > lang.CUE_PLACE_REACH and _site_between(t, t.tok_before(cue.end), p):
                gap = lang.CUE_PLACE_REACH  # "a stampede at the river festival in X": X holds the site
            # "the drill in Alsace", "the exercise, on Sunday, in X"; not "the quake caused damage in X"
            if gap <= lang.CUE_PLACE_REACH and not _verb_between(t, t.tok_before(cue.end), p):
                anchors.append((gap, "cue", t.tok_before(cue.end)))
        at = t.tokens[p]
        for sp in t.phrases_near(t.pack.nouns, *at, lang.CUE_PLACE_REACH):  # a bare event noun: "observing drills in Alsace"
            if sp[1] < p and p - sp[1] - 1 <= lang.CUE_PLACE_REACH and t.same_clause(sp[1], p) \
                    and not _verb_between(t, sp[1], p):
                anchors.append((p - sp[1] - 1, "cue", sp[1]))
        # only anchors within the window can place the event: nearer ones decide, farther never do
        for kind, words in (("verb", lang.PLACE_VERBS + rule.triggers), ("cross", lang.CROSSING_VERBS)):
            for sp in t.phrases_near(words, *at, 3 * rule.window):
                if sp[0] > 0 and t.words[sp[0] - 1] in lang.IDIOM_SUBJECTS or t.not_done(*sp):
                    continue  # "tragedy struck in X", "never made landfall in X" is no event's verb
                if _named(t).covers(t.tokens[sp[0]][0]):
                    continue  # a word of a name is no verb: "Harrow Cross", "King's Cross"
                # a trigger may end on the preposition itself ("passed through", "made landfall in")
                if (sp[1] < p or sp[0] < sp[1] == p) and t.same_clause(sp[1], p):
                    anchors.append((sum(not _timelike(t, j) for j in range(sp[1] + 1, p)), kind, sp[1]))
        # "training following a mine blast in X", "the drill, despite a landslide in X": the
        # place is in the phrase those words open, and belongs to what it tells of
        anchors = [(d, kind, k) for d, kind, k in anchors if not _other_happening(t, k + 1, p)]
        if own_verb:
            anchors.append((0, "verb", p))
        if not anchors:
            continue
        # a crossing verb places a crossing point, not the event, unless the rule names it
        # ("the storm crossed the coast at X" for a landfall): then the rule's reading wins a tie
        dist, kind, _ = min(anchors, key=lambda x: (x[0], x[1] == "cross"))
        if kind != "cross" and dist <= rule.window:
            yield Candidate(start, e.end, value)


_OTHER_HAPPENING = {"following", "after", "despite", "amid", "amidst"}


def _named(t: Tagged) -> Spans:
    """The spans of the sentence's places and names, asked in linear time."""
    named = t.memo.get("named spans")
    if named is None:
        named = t.memo["named spans"] = Spans((e.start, e.end) for e in t.entities if e.kind in ("place", "name"))
    return named


_WIDE_PLACES = {"region", "province", "district", "area", "county", "governorate", "oblast", "prefecture", "state",
                "municipality", "zone", "territory"}


def _point_from(t: Tagged, p: int, k: int, described) -> bool:
    """A distance from another place set off after the event's place ("near X station, 30 km from
    Y") is where that spot lies, so the event's too; a bearing alone ("X, north of Y"), or a
    distance after a wide area ("X district, 40 km northeast of Y"), only says roughly where it is."""
    return described is not None and described[1].km is not None and not (k < p - 1 and t.words[p - 1] in _WIDE_PLACES)


def _other_happening(t: Tagged, i: int, j: int) -> bool:
    """One of _OTHER_HAPPENING opens a phrase between tokens i and j; not "following" as an
    adjective ("the explosion and following blaze at X", "the following fire")."""
    return any(w in _OTHER_HAPPENING and not (w == "following" and k > 0 and t.words[k - 1] in ("and", "or", "the", "a"))
               for k, w in enumerate(t.words[i:j], i))


def _objects(t: Tagged, rule: Rule) -> tuple[str, ...]:
    """Verbs whose object is the event's ground: those of impact ("battered the coast of X"), the
    event's own one-word verbs and the rule's one-word triggers; none for a rule about the event's
    point ("epicentre", "made landfall"), which the ground it swept does not give."""
    if _about_point(rule):
        return ()
    return lang.IMPACT_VERBS + tuple(w for w in (*t.pack.verbs, *rule.triggers) if " " not in w)


def _about_point(rule: Rule) -> bool:
    """The rule is about the point an event started from (its triggers name an epicentre or a landfall)."""
    return any(w in lang.POINT_WORDS for tr in rule.triggers for w in tr.split())


def _names_the_event(t: Tagged, e: Mention) -> bool:
    """A place written into the event's own phrase, right before its noun ("the Lyon rally",
    "Sunday's Lyon rally"). With participants, such a place says who takes part ("the Oltan-Corvania
    drill"), not where."""
    if t.pack.participants:
        return False
    cue = t.governing(e.start, e.end)
    if cue is None or cue.subject != EVENT or not cue.start <= e.start < e.end < cue.end:
        # "the Varnmouth port's explosion": the cue opens on the site right after the place
        cue = next((c for c in t.cues if c.start == e.end + 1 and t.text[e.end].isspace()), None)
        if cue is None or cue.subject != EVENT or cue.speech:
            return False
    words = t.lower[e.end : cue.end].strip(" -")
    return words in t.pack.nouns or bool(_SITE_EVENT.fullmatch(words)) and words.split()[-1] in t.pack.nouns


# "port explosion", "plant's blast": a site the place names, then the event's noun
_SITE_EVENT = re.compile(rf"(?:{'|'.join(lang.SITE_NOUNS)})(?:'s)?\s+\w+")


_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?$")


def _event_of(t: Tagged, e: Mention) -> bool:
    """A place that an event noun governs with "of": "the flooding of the Sarn valley" (a noun's
    own object, as "the floods hit X" is the verb's)."""
    m = _OF_PLACE.search(t.lower, max(0, e.start - 12), e.start)
    if m is None:
        return False
    cue = next((c for c in t.cues if c.end == m.start()), None)
    return cue is not None and cue.subject == EVENT and not cue.speech \
        and t.lower[cue.start : cue.end].split()[-1] in t.pack.nouns


_CROSSING_NOUN = re.compile(r"\s+(?:" + "|".join(lang.CROSSING_NOUNS) + r")\b")


_OTHER_SIDE = re.compile(r"-[A-Z][\w']*(?:\s+[A-Z][\w']*){0,2}(?=\s+(?:" + "|".join(lang.CROSSING_NOUNS) + r"|border)\b)")


def f_crossing(t: Tagged, topic: Topic, rule: Rule):
    verbs = lang.CROSSING_VERBS + rule.triggers
    for e in _places(t):
        # "via the Northgate-Southport border": a crossing named by the places on its two sides is
        # read by the first; the second only describes it
        pair = _OTHER_SIDE.match(t.text, e.end)
        if pair is not None and not (e.start and t.text[e.start - 1] == "-"):
            end = pair.end()
        elif _describes_other_place(t, e):
            continue
        else:
            end = e.end
        if not _subject_ok(t, topic, e.start, e.end):
            continue
        noun = _CROSSING_NOUN.match(t.lower, end)
        p = _preposition(t, e, lang.CROSSING_PREPS)
        verb = t.nearest(verbs, e.start, e.end, before_only=True)
        by_verb = p is not None and verb is not None and verb <= rule.window
        # "the X checkpoint" names a crossing by itself; "the X border" only with a verb of crossing;
        # and only in a sentence about the event ("a new terminal at the X crossing" is not a crossing made)
        by_noun = noun is not None and (verb is not None or (noun.group().split()[-1] != "border" and EVENT in t.subjects))
        if by_verb or by_noun:
            yield Candidate(e.start, e.end, e.entity)


_NAMING = re.compile(r"\b(?:code-?named|dubbed|titled|named|called|known as)\s+[\"'](?P<n>[^\"']{2,40})[\"']")


def f_name(t: Tagged, topic: Topic, rule: Rule):
    entities = Spans((e.start, e.end) for e in t.entities)  # the names among them included
    for e in t.entities:
        if e.kind == "name":
            yield Candidate(e.start, e.end, e.entity)
    for m in _NAMING.finditer(t.text):
        a, b = m.start("n"), m.end("n")
        if entities.covers(a):
            continue
        if _subject_ok(t, topic, a, b):
            yield Candidate(a, b, t.pack.gazetteer.canonical("name", m.group("n")))


_APPOSITIVE = re.compile(r",\s+(?:who\b|the\b|an?\b|[a-z][\w-]*\b)[^,;]{0,600}(?:,\s*(?:and\s+)?who\b[^,;]{0,600})?")


def f_role(t: Tagged, topic: Topic, rule: Rule):
    """A person near a role word that is itself tied to the event: "the drill's lead officer",
    "commander of the exercise", "led the exercise"; not "commanded special forces in the 2020 war"."""
    roles = sorted(t.find_phrases(rule.triggers))
    if topic.subject != "any":  # the role must be this event's ("led the rescue" may be anyone's)
        cues = [c for c in t.cues if c.subject == topic.subject]
        starts = [t.tok(c.start) for c in cues]
        longest = max((t.tok_before(c.end) - t.tok(c.start) + 1 for c in cues), default=0)
        reach = lang.ROLE_CUE_REACH

        def tied(sp):  # a cue of the event at most ROLE_CUE_REACH tokens away
            near = cues[bisect.bisect_left(starts, sp[0] - reach - 1 - longest): bisect.bisect_right(starts, sp[1] + reach + 1)]
            return any((d := t.distance(sp, c.start, c.end)) is not None and d <= reach for c in near)

        roles = [sp for sp in roles if tied(sp)]
    role_starts = [sp[0] for sp in roles]
    role_long = max((sp[1] - sp[0] + 1 for sp in roles), default=0)
    for e in t.entities:
        if e.kind != "person":
            continue
        # An appositive describes the person however long it is (up to a limit that keeps a comma-less
        # page linear): "X, who ... served as the commander of the drill, said".
        app = _APPOSITIVE.match(t.text, e.end)
        app_end = app.end() if app else e.end
        a, b = t.tok(e.start), max(t.tok(e.start), t.tok_before(e.end))
        lo = bisect.bisect_left(role_starts, a - rule.window - role_long)
        hi = bisect.bisect_right(role_starts, max(b + rule.window + 1, t.tok_before(app_end)))
        near = [sp for sp in roles[lo:hi] if not (sp[0] > b and _TOWARD_ANOTHER.search(t.lower, e.end, t.tokens[sp[0]][0]))
                and ((t.tokens[sp[0]][0] >= e.end and t.tokens[sp[1]][1] <= app_end) or
                ((d := t.distance(sp, e.start, e.end)) is not None and d <= rule.window)
                or t.text[t.tokens[sp[1]][1] : e.start].strip() == ":")]  # "the only survivor: X" names X
        if near:
            yield Candidate(e.start, e.end, e.entity, person=e)


# "X congratulated the president-elect": the role is another's, the object of what X does
_TOWARD_ANOTHER = re.compile(r"\b(?:" + "|".join(lang.TOWARD_ANOTHER) + r")\s+(?:the|his|her|their|its)\s+$")


class PatternBudget:
    """What is left of a source's time for the packs' own regexes: a pattern that stays under the
    per-sentence limit on every sentence must still not stall on one long source. Per source, not per
    run, so that a run of 100,000 sources is not stopped by a budget meant for one."""

    left = SOURCE_PATTERN_SECONDS

    @classmethod
    def reset(cls) -> None:
        cls.left = SOURCE_PATTERN_SECONDS


class PatternTimeout(PackError):
    """A pattern ran out of time; extract() adds the source it was reading."""


def _pattern_matches(w: Words, rule: Rule, pack: Pack) -> list:
    """A pack's own regex over a sentence, bounded in time; run once per sentence and rule, whether
    the gate or the frame asks first."""
    hit = w.found.get(id(rule.pattern))
    if hit is not None and hit[0] is rule.pattern:
        return hit[1]
    limit = min(PATTERN_SECONDS, PatternBudget.left)
    began = time.perf_counter()
    try:
        if limit <= 0:
            raise TimeoutError
        matches = list(rule.pattern.finditer(w.text, timeout=limit))
    except TimeoutError:
        if limit < PATTERN_SECONDS:
            raise PatternTimeout(f"rule {rule.id}: the packs' patterns used up their {SOURCE_PATTERN_SECONDS:g} s "
                                 "for one source (slow on long text?)", pack.path, rule.line) from None
        raise PatternTimeout(f"rule {rule.id}: pattern took over {PATTERN_SECONDS} s on one sentence "
                             f"(catastrophic backtracking?): '{shown(w.raw[:80])}'", pack.path, rule.line) from None
    finally:
        PatternBudget.left -= time.perf_counter() - began
    w.found[id(rule.pattern)] = (rule.pattern, matches)  # the pattern itself, so that a reused id never matches
    return matches


def f_pattern(t: Tagged, topic: Topic, rule: Rule):
    for m in _pattern_matches(t.layout, rule, t.pack):
        a, b = m.span("value")
        if a < 0 or not _subject_ok(t, topic, a, b):
            continue
        v = READERS[topic.type].parse(m.group("value"), t, topic)
        if topic.type in ("place", "person") and v is not None and not v.known and not t.text[a : a + 1].isupper():
            continue  # a pattern matches without case: a word the pack does not know is a name only with a capital
        if v is not None:
            rel = ()
            if topic.type == "date":
                xs = find_timex(m.group("value"))
                rel = xs[0].rel if xs else ()
            elif topic.type == "time":
                rel = ("zone", clock.find(m.group("value"))[0].zone, None, ())
            yield Candidate(a, b, v, rel, _tense(t, a, b))


_BETWEEN_OK = {*lang.PEOPLE_NOUNS, *lang.PERSON_NOUNS, "other", "were", "was", "are", "have", "had", "been",
               "reportedly", "confirmed", "reported", "of", "them", "whom", "which", "who", "already", "still", "now", "may", "might", "could",
               "believed", "feared", "thought", "to", "be", "being", "also", "more", "additional",
               "remain", "remained", "remains", "said",
               "got", "get", "gets", "getting",  # "nine fans got hurt": a passive with "get"
               # what befell them, said with a verb and its object: "14 people lost their lives",
               # "90 residents sustained injuries", "23 suffered burns"
               "lost", "their", "sustained", "suffered"}
_COORDINATORS = {"and", "but", "while", "whereas"}
# "ten campers are missing, along with one counselor": the figure after joins the one before, it
# is not what the trigger before it counts
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
# "35.2 million, or 79.4 percent, voted": the same figure restated as a share, read past like a part
_SHARE_INSERTED = re.compile(r"(\s*,\s*or\s+(?:about\s+|some\s+|nearly\s+|almost\s+|roughly\s+)?\d[\d.,]*\s*"
                             r"(?:%|percent|per\s+cent)(?:\s+of\s+(?:the\s+)?[a-z]+)?\s*,)")
_BOTH_GROUPS = re.compile(r"\s*(?:and|or|&)\s+(?:" + "|".join(lang.PEOPLE_NOUNS) + r")\b")
_CASUALTY_OF = re.compile(r"\b(?:" + "|".join(w for ws in lang.CASUALTY_KINDS.values() for w in ws) + r"|toll)\s+of\s+$")


def _adjective(w: str) -> bool:
    return w not in lang.VERB_FORMS and w not in lang.REPORTING_VERBS and w not in _STOPS and \
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


_MORE_WORDS = 0.01  # less than any step of a count's distance: it only breaks a tie


def _plural(w: str) -> str:
    return w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "s"


# "82 people died across six counties": a figure before a place noun counts places, not people; so
# does one before buildings or vehicles ("gutted four warehouses", "about 50 ambulances")
_THINGS = {_plural(w) for w in lang.PLACE_NOUNS + lang.STRUCTURES if " " not in w and not w.endswith(("s", "x"))}
_PLACES_NEXT = re.compile(r"\s+(?:[a-z-]+\s+)?(" + "|".join(sorted(_THINGS | set(lang.VEHICLE_NOUNS)))
                          + r"|countries|communities|neighbourhoods|neighborhoods)\b")


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
    aside, clauses = _aside_tokens(t)
    within = next((x for x, y in clauses if x <= a < y), None)  # a number in a relative clause is its own
    k = 0 if within is not None else bisect.bisect_left(aside, t.tok(a))
    verb = _change_verb(t, a)
    # "19 people, including six pupils, were killed": the part set off by commas is read past
    ins = _PART_INSERTED.match(t.text, b) or _SHARE_INSERTED.match(t.lower, b) or _SPREAD.match(t.lower, b)
    skip = (t.tok(ins.start(1)), t.tok_before(ins.end(1))) if ins else (len(t.words), -1)
    skipped = skip[1] - skip[0] + 1 if ins else 0
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
        if skip[0] <= sp[0] <= skip[1]:
            continue  # "38 people, including nine dead, were ...": the part's own word counts the part only
        if d is not None and sp[0] > skip[1] >= 0:
            d -= skipped
        if d is None or d > window:
            continue
        if sp[1] < t.tok(a) and (part or _counts_own_item(t, sp, a) or _number_between(t, sp[1], a)
                                 or _ADDED.search(t.lower, 0, a) or _OF_WHOM.match(t.lower, b)):
            continue  # a verb or noun before binds the nearest number after it, no farther
        if sp[1] == t.tok(a) - 2 and _CASUALTY_OF.search(t.lower, 0, a):
            d = -0.5  # "the lives of 64 passengers on board": as close as what a trigger after counts
        if sp[1] < t.tok(a) and any(w in _COORDINATORS for w in t.words[sp[1] + 1 : t.tok(a)]):
            if t.words[sp[1]] in _COUNTED:
                continue  # "passengers, crew and two farm workers": a list item, not the crew's count
            d += 3  # "were killed and 7,000 more are missing": the number opens the next clause
        if d == 0 and sp[1] < t.tok(a) and _verb(t.words[sp[1]]):
            d -= 1  # "detained 30 protesters": the verb says what befell them, the noun only names them
        if sp[0] > last:
            if part and "," in t.text[b : t.tokens[sp[0]][0]]:
                continue  # "19 people, including six pupils, were killed": the part's insertion ends at its comma
            if _figure_in(t, b, t.tokens[sp[0]][0], ins.span(1) if ins else None):
                continue  # "Kills 23, Dozens Still Missing": a trigger after counts the figure nearest it, no farther
            # a name written into the phrase is one modifier ("10 Kerr County residents")
            named = _named(t)
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
                   and not (n - k <= 2 and all(map(_modifier, between[k:]))) for k, w in enumerate(between)):
                continue
            if t.words[sp[0]] in _COUNTED and sp[0] == sp[1] and (_BOTH_GROUPS.match(t.lower, t.tokens[sp[1]][1])
                                                                  or _CASUALTY_OF.search(t.lower, 0, a)):
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
    "two carriages of the night express were derailed", "four members of one family were killed"
    name whose they are, and the verb after still says what befell them. Not over a figure, a verb
    or more than a short noun phrase ("five members of the team said 14 ...")."""
    for i, w in enumerate(words[:-1]):
        if w != "of" or not i or (words[i - 1] not in _COUNTED and words[i - 1] not in own):
            continue
        if words[i + 1] not in lang.DETERMINERS and words[i + 1] != "one" and not words[i + 1].endswith("'s"):
            return words
        j = next((k for k in range(i + 1, len(words)) if words[k] in _PARTITIVE_END), len(words))
        phrase = words[i + 2 : j]
        if len(phrase) > 3 or any(_verb(x) or _figure_word(x) or x in lang.REPORTING_VERBS for x in phrase):
            return words
        return words[:i] + words[j:]
    return words


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
        if _subordinate_between(t, k, k + 1):
            return "," not in t.text[t.tokens[k][1] : t.tokens[j][0]] and (k + 1 == j or any(map(_verb, t.words[k + 1 : j])))
    return False


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


def _number_starts(t: Tagged) -> list[int]:
    starts = t.memo.get("number starts")
    if starts is None:
        starts = t.memo["number starts"] = [x for x, _, _ in numbers.find(t.text)]
    return starts


def _counts_things(t: Tagged, a: int) -> bool:
    """The figure starting at character `a` counts places, buildings or vehicles ("four warehouses")."""
    ends = t.memo.get("number ends")
    if ends is None:
        ends = t.memo["number ends"] = {x: y for x, y, _ in numbers.find(t.text)}
    end = ends.get(a)
    return end is not None and bool(_PLACES_NEXT.match(t.lower, end))


def _counts_own_item(t: Tagged, sp: tuple[int, int], a: int) -> bool:
    """In a list ("210 tanks, and 12 ships") a noun that already counts the number before it does not
    reach across the comma to the next item's number."""
    gap = t.text[t.tokens[sp[1]][1] : a]
    if "," not in gap and ";" not in gap:
        return False
    before = t.words[max(0, sp[0] - 3) : sp[0]]
    return any(w[:1].isdigit() or w in lang.NUMBER_WORDS for w in before)


_PAIR_GAP = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?(" + "|".join(lang.PEOPLE_NOUNS) + r")\s+(?:and|plus)\s+")
_PAIR_NOUN = re.compile(r"\s+([a-z]+)(?:\s+([a-z]+))?\b")


def _clause_word(w: str, triggers: set[str]) -> bool:
    """A word that goes on the clause rather than name a group: a verb, a trigger, a preposition."""
    return w in triggers or (w in _BETWEEN_OK and w not in _COUNTED) or w in _KIND_OF or w in lang.VERB_FORMS or w in _STOPS \
        or w in ("who", "whom", "whose", "that", "which") \
        or w.endswith(("ed", "ing"))


def _groups_added(t: Tagged, rules: list[Rule]) -> list[tuple]:
    """The sentence's numbers, two groups counted together read as their sum: "five campers and one
    counselor remain missing" are six missing, as "96 passengers and crew" are everyone on board.
    Not when a count rule counts one of the groups by its noun ("230 passengers and 12 crew": a
    topic for each), nor when either figure is inexact."""
    found = list(numbers.find(t.text))
    nouns = {w for r in rules for tr in r.triggers for w in tr.split()}
    out, i = [], 0
    while i < len(found):
        a, b, n = found[i]
        if i + 1 < len(found) and n.lo == n.hi and found[i + 1][2].lo == found[i + 1][2].hi:
            a2, b2, n2 = found[i + 1]
            gap, tail = _PAIR_GAP.fullmatch(t.lower, b, a2), _PAIR_NOUN.match(t.lower, b2)
            # the second group's noun: its last word, "one counselor", "one camp counselor"
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
        if _FORECAST.search(t.text[max(0, a - 120) : a]) or _sub_count(t, a, b) or t.dated_earlier(b):
            continue
        # each count rule's binding, kept for f_count, which asks the same of its own rule
        own = {r.id: (d, _other_kind(t, a, b, r.triggers)) for r in rules
               if (d := _count_distance(t, r.triggers, a, b, r.window)) is not None}
        ds = [(own[r.id][0], r.topic, own[r.id][1]) for r in rules if r.id in own]
        hit.append((a, b, n, ds, numbers.increment(t.text, a, b), earlier, own))
    t.memo["counted"] = hit
    return hit


_FORECAST = re.compile("|".join(lang.FORECAST_BEFORE), re.I)
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
_PART_CARED = re.compile(rf"\s+of\s+(?:the|those|these|them)(?:\s+(?:{'|'.join(lang.CASUALTY_KINDS['injured'])}))?"
                         rf"(?:\s+(?:{_FILLERS}|currently|now))*\s+(?:{_CARE})\b")


_OF_INJURED = re.compile(rf"\bof\s+(?:the|those|these)\s+(?:{'|'.join(lang.CASUALTY_KINDS['injured'])})\s*,\s*$")


def _part_in_care(t: Tagged, a: int, b: int) -> bool:
    """A part of the injured that a verb of care counts ("85 of those hurt are still hospitalised",
    "of the injured, 85 are still in hospital"), when a rule of the pack counts those in hospital."""
    part = _PART_CARED.match(t.lower, b) or (_OF_INJURED.search(t.lower, max(0, a - 40), a) and _cared_for(t, a, b))
    return bool(part) and any(
        tr in lang.CARE_VERBS for tp in t.pack.topics.values() for r in tp.rules if r.frame == "count" for tr in r.triggers)


def _cared_for(t: Tagged, a: int, b: int) -> bool:
    """A verb of care counts the injured, whatever the phrase after it names: "medics treated 40
    people for burns", "dozens were hospitalised"."""
    return bool(_CARE_BEFORE.search(t.lower, max(0, a - 40), a) or _CARE_AFTER.match(t.lower, b))


def _partial_place(t: Tagged, e: Mention) -> bool:
    """A place inside another of the pack's places, or one the pack does not know: one town of the
    affected area, not the whole of it."""
    return not e.entity.known or bool(t.pack.gazetteer.ancestors("place", e.entity.name))


SUB_COUNT_REACH = 400
_WHEN_WORDS = "also|late|early|morning|afternoon|evening|night|" + "|".join(lang.WEEKDAYS)
# "three deaths and three people missing in X": the place ends a list of counts, and holds for each
_LISTED_COUNT = (r"and\s+(?:\d+|" + "|".join(w for w, n in lang.NUMBER_WORDS.items() if n and w not in ("a", "an"))
                 + r")(?:\s+(?:" + "|".join(lang.PEOPLE_NOUNS) + r"))?\s+(?:missing|dead|injured|hurt|wounded|displaced)")
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
_COLLAPSE = re.compile(r"\b(?:the|a|its|this)\s+collapse\b[^;]*$")


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
    by_start = {e.start: e for e in _places(t)}
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


def _sub_count(t: Tagged, a: int, b: int) -> bool:
    """A figure for one town or building, not the total: "20 deaths in Colmar", "killed three
    workers at the site", "Colmar suffered 69 deaths", "a mosque in X collapsed, killing 30"."""
    if _split_by_where_died(t, b):
        return True
    places = t.memo.get("partial places")
    if places is None:
        places = t.memo["partial places"] = {}
        for e in _places(t):
            if _partial_place(t, e):
                places.setdefault(e.start, e)
    m = _AT_PLACE.match(t.lower[b : b + 80])
    if m:
        at = b + m.end()
        if _STRUCTURE_AT.match(t.lower, at) and not _cared_for(t, a, b) and not _IN_HOSPITAL.match(t.lower, at - 3):
            return True  # "treated in hospital", "died in hospital": where, not whose
        here = places.get(at)
        if here is not None and not _event_noun_follows(t, here.end) and not _whole_list(t, here):
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
        if not opening.end() and _LEAD_VOICE.match(t.lower, lead.end):
            return True  # "X officials have confirmed 27 deaths": those who speak for X count X's
        if not opening.end() and _SUBJECT_VERB.match(t.lower, lead.end):
            return True  # "Colmar evacuated 800 people": the place is the subject that counts them
    # "a mosque in X caved in, killing 30" (the count follows from the structure's fall, not from
    # "the quake destroyed buildings in X and killed 144"), "the collapse killed three workers";
    # read within SUB_COUNT_REACH characters before the number, so a long sentence costs no more
    lo = max(0, a - SUB_COUNT_REACH)
    if _STRUCTURE_FELL.search(t.lower, lo, a):
        return True
    return "collapse" not in t.pack.nouns and bool(_COLLAPSE.search(t.lower, lo, a))


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
    for a, b, n, ds, inc, earlier, bound in counted:
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
        if any(d < own and not other for d, tp, other in ds if tp != topic.id):
            continue
        if inc:
            others = before_this | (added_this if numbers.another(t.text, a) else set())
            if not others or topic.id in others:
                continue
        note = _CARRIED if carried and topic.subject == EVENT else ""
        yield Candidate(a, b, n, superseded=earlier, note=note)


_CARRIED = "this sentence names no event: the count is the event's an earlier sentence of the paragraph named"


def _wrap(frame):
    def run(t: Tagged, topic: Topic, rule: Rule):
        for a, b, v, rel in frame(t, topic, rule):
            yield Candidate(a, b, v, rel, _tense(t, a, b))
    return run


def _owners(ds: list[tuple[float, str, bool]]) -> set[str]:
    best = min(d for d, _, _ in ds)
    return {tp for d, tp, _ in ds if d == best}


def f_rank(t: Tagged, rule: Rule, people: list[Candidate]):
    """The rank of a person another topic (`of`) found: read after every other frame."""
    for c in people:
        if c.person is not None and c.person.rank is not None:
            r = c.person.rank
            yield Candidate(r.start, r.end, r.entity)


# What finds the values of each frame in packs/frames.py. A frame in LATER reads what the others
# found for the topic its rule names in `of`, so it runs after them.
FINDERS = {"start": f_start, "end": f_end, "when": f_when, "duration": f_duration, "location": f_location,
           "crossing": f_crossing, "name": f_name, "role": f_role, "count": f_count, "pattern": f_pattern,
           "time": _wrap(measures.f_time), "measure": _wrap(measures.f_measure)}
LATER = {"rank": f_rank}


_PRONOUNS = frozenset(PRONOUNS)


class Phrases:
    """Words or phrases a gate test looks for (as Tagged.find_phrases finds them). A one-word phrase
    is in the sentence when the word is, which one set test shows; a longer one is looked for only
    where its first word is."""

    def __init__(self, phrases):
        self.phrases = tuple(phrases)
        split = [(p, ws) for p, ws in zip(self.phrases, map(phrase_words, self.phrases)) if ws]
        self.words = frozenset(ws[0] for _, ws in split if len(ws) == 1)
        self.longer = tuple(p for p, ws in split if len(ws) > 1)
        self.firsts = frozenset(ws[0] for _, ws in split if len(ws) > 1)

    def in_(self, w: Words) -> bool:
        return not self.words.isdisjoint(w.positions) or (
            not self.firsts.isdisjoint(w.positions) and bool(w.find_phrases(self.longer)))


# What each frame's finder needs in a sentence before it can find anything there, read off the
# finder above: a test on the sentence's words and cheap pack-independent finds (tag.Words), true
# wherever the finder could yield. Each takes (gate, rule, the Phrases NEED_PHRASES gives it, the
# sentence). On top of it, every finder but the event's own names asks whose a mention is
# (_subject_ok, subject_fits): a rule whose topic is not about `any` event needs a cue (Gate).
NEEDS = {
    # a range, a day that bounds the event by itself, a bounding preposition ("from", "until"),
    # "since" (start), or one of the edge's words or the rule's triggers (_window_edge)
    "start": lambda gate, rule, phrases, w: (phrases.in_(w) or anchors.spans_days(w)) and anchors.dates(w),
    "end": lambda gate, rule, phrases, w: (phrases.in_(w) or anchors.spans_days(w)) and anchors.dates(w),
    # the triggers' reach; the event's own date also in its noun phrase, triggers or not (f_when)
    "when": lambda gate, rule, phrases, w: (not rule.triggers or phrases.in_(w)
                                            or gate.pack.topics[rule.topic].subject == EVENT) and anchors.dates(w),
    "duration": lambda gate, rule, phrases, w: anchors.durations(w),
    # a number its trigger binds (_count_distance reads only the triggers' occurrences)
    "count": lambda gate, rule, phrases, w: phrases.in_(w) and w.figures,
    "time": lambda gate, rule, phrases, w: anchors.clocks(w),
    # a magnitude binds itself; any other measure needs its trigger (measures._reach)
    "measure": lambda gate, rule, phrases, w: (not phrases.phrases or phrases.in_(w)) and anchors.measures(w),
    # a place, or coordinates, with an anchor: a cue, a bare event noun, a verb of place or the rule's trigger
    "location": lambda gate, rule, phrases, w: (phrases.in_(w) or gate.could_cue(w)) and (
        w.coordinates or gate.could_place(w)),
    # a place after a verb of crossing, or before a crossing noun
    "crossing": lambda gate, rule, phrases, w: (phrases.in_(w) or any(n in w.lower for n in lang.CROSSING_NOUNS))
    and gate.could_place(w),
    # one of the event's names, or a name given in quotes after "named", "dubbed"... (_NAMING)
    "name": lambda gate, rule, phrases, w: gate.pack.gazetteer.may_name_event(w.text) or (
        ('"' in w.text or "'" in w.text) and any(k in w.lower for k in ("named", "dubbed", "titled", "called",
                                                                          "known as"))),
    "role": lambda gate, rule, phrases, w: phrases.in_(w),  # a role word (f_role reads only its triggers)
    "pattern": lambda gate, rule, phrases, w: bool(_pattern_matches(w, rule, gate.pack)),
    "rank": lambda gate, rule, phrases, w: False,  # reads what the other rules found (LATER)
}
CARRIED = {"count", "measure"}  # the frames that read the paragraph's event in a sentence naming none
# The phrases a frame's test looks for, from its rule and pack.
NEED_PHRASES = {
    "start": lambda rule, pack: START + rule.triggers + lang.START_PREPS + ("since",),
    "end": lambda rule, pack: END + rule.triggers + lang.END_PREPS,
    "when": lambda rule, pack: rule.triggers,
    # a verb of care stands for an injured count's trigger (_count_distance, _cared_for)
    "count": lambda rule, pack: rule.triggers + (lang.CARE_VERBS if any(
        w in rule.triggers for w in lang.CASUALTY_KINDS["injured"]) else ()),
    "measure": lambda rule, pack: () if units.dimension(pack.topics[rule.topic].unit) == "magnitude" else rule.triggers,
    "location": lambda rule, pack: lang.PLACE_VERBS + rule.triggers + tuple(pack.nouns),
    "crossing": lambda rule, pack: lang.CROSSING_VERBS + rule.triggers,
    "role": lambda rule, pack: rule.triggers,
}


class Gate:
    """Which sentences can hold a claim for a pack, read from anchors (the rules' triggers, the
    event's nouns and names, numbers, dates, clock times, measures) before any tagging: only those,
    and those that name an event a later one of the paragraph may refer back to, are tagged
    (referents). Sound by construction: a sentence it turns away yields nothing for the pack."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.cue_words = Phrases(pack.secondary + pack.verbs + pack.patterns.activities)
        self.editions = tuple(rx for rx, _ in pack.patterns.editions)
        self.tests = [(NEEDS[r.frame], r, Phrases(NEED_PHRASES[r.frame](r, pack) if r.frame in NEED_PHRASES else ()),
                       tp.subject == "any", r.frame in CARRIED)
                      for tp in pack.topics.values() for r in tp.rules if r.frame not in LATER]

    def could_claim(self, w: Words, cue: bool, carried: bool = False) -> frozenset[str]:
        """The ids of the rules that can find anything here (none: the sentence holds no claim for the
        pack). `cue`: could_cue(w); a rule about the event (or an earlier edition...) binds a mention
        only where a cue says whose it is, and the event's name is itself one. `carried`: an earlier
        sentence of the paragraph may have named an event, which a frame in CARRIED reads in a
        sentence that names none (Tagged.carried)."""
        return frozenset(rule.id for need, rule, phrases, anyone, carries in self.tests
                         if (anyone or cue or (carried and carries)) and need(self, rule, phrases, w))

    def could_place(self, w: Words) -> bool:
        """Whether Tagged._entities can find a place here: a known one, one named with a place noun,
        a capitalised word the gazetteer reads as a misspelt place, or a place's adjective before a
        stretch of land. Kept on the sentence: every location rule of the pack asks."""
        key = (self, "place")
        hit = w.found.get(key)
        if hit is None:
            gaz = self.pack.gazetteer
            hit = w.found[key] = bool(
                gaz.may_name_place(w.text) or w.unknown_places or any(gaz.fuzzy("place", c) for c in w.capitalised)
                or any(gaz.place_of_adjective(a) for a in w.area_adjectives))
        return hit

    def could_cue(self, w: Words) -> bool:
        """Whether Tagged._cues can find any cue here: an event's name, one of the event's nouns,
        verbs or secondary nouns, another activity, a previous edition, or a pronoun that may refer
        to the event the paragraph spoke of ("It struck at 12:50"). Kept on the sentence: the
        location rules ask again."""
        key = (self, "cue")
        hit = w.found.get(key)
        if hit is None:
            hit = w.found[key] = bool(
                self.cue_words.in_(w) or not _PRONOUNS.isdisjoint(w.positions)
                or self.pack.patterns.nouns.search(w.lower) is not None
                or w.previous or self.pack.gazetteer.may_name_event(w.text)
                or any(rx.search(w.text) for rx in self.editions)
                or (bool(self.pack.years) and _OPENS_DATED.match(w.lower) is not None))  # Tagged._opens_earlier
        return hit


_OPENS_DATED = re.compile(r"\s*(?:back\s+)?(?:in|during)\s[^.;]{0,30}?(?:19|20)\d\d")


GATED = True  # extract() reads through the pack's Gate (the tests compare every output without it)


def gate(pack: Pack) -> Gate:
    g = pack.compiled.get("gate")
    if g is None:
        g = pack.compiled["gate"] = Gate(pack)
    return g


def extract_sentence(t: Tagged, pack: Pack, only: frozenset[str] | None = None) -> list[tuple[Topic, Rule, Candidate]]:
    """`only`: the ids of the rules that can find anything here (Gate); the others are not run."""
    out, by_topic = [], {}
    later = []
    for topic in pack.topics.values():
        for rule in topic.rules:
            if rule.frame in LATER:
                later.append((topic, rule))
                continue
            if only is not None and rule.id not in only:
                continue
            for c in FINDERS[rule.frame](t, topic, rule):
                out.append((topic, rule, c))
                by_topic.setdefault(topic.id, []).append(c)
    for topic, rule in later:
        for c in LATER[rule.frame](t, rule, by_topic.get(rule.of, [])):
            out.append((topic, rule, c))
    # One claim per topic and span: the first rule that fired wins.
    seen, kept = set(), []
    for topic, rule, c in out:
        k = (topic.id, c.start, c.end)
        if k not in seen:
            seen.add(k)
            kept.append((topic, rule, c))
    return kept


def _read(s: Sentence, pack: Pack, inherit: str | None = None, only: frozenset[str] | None = None) -> tuple:
    """What the rules take from a sentence, who it attributes figures to, the moments it names, and
    the event it speaks of last: all depend on its words, the pack and what the paragraph spoke of
    before only (`only`, the rules the gate lets through, follows from the words and the pack)."""
    t = Tagged(s, pack, inherit)
    found = extract_sentence(t, pack, only)
    if inherit:  # say so in the evidence when a value went to the event an earlier sentence named
        found = [(topic, rule, _referred(t, c)) for topic, rule, c in found]
    # a moment is a date, or a time of day ("as of 6 pm")
    timed = any(tp.type in TIMED for tp in pack.topics.values()) and (
        anchors.DATE.in_(t.layout) or anchors.CLOCK.in_(t.layout))
    return found, t.attributions, asof.find(t.text) if timed else (), t.last_event


class SentenceMemo(dict):
    """What _read found in each sentence, kept by one run: wire copies and rewrites repeat sentences
    word for word across sources, so each is read once. Emptied when full, so a long run stays
    bounded."""

    MAX = 200_000

    def taken(self, s: Sentence, pack: Pack, inherit: str | None = None, only: frozenset[str] | None = None) -> tuple:
        k = (pack.digest + pack.path, s.text, inherit)
        hit = self.get(k)
        if hit is None:
            if len(self) >= self.MAX:
                self.clear()
            hit = self[k] = _read(s, pack, inherit, only)
        return hit


_NAMED_BEFORE = {PREVIOUS: "the earlier edition", OTHER: "the other event"}

# "About 50 others were also hurt.": an additive "also" early in a sentence adds to what
# the sentence before said, even when a page sets each sentence on a line of its own.
_ALSO = re.compile(r"(?:\S+\s+){0,7}?also\b", re.I)


def _goes_on(prev: Sentence, s: Sentence) -> bool:
    """Whether a sentence that opens a new line carries on the one before it: an additive "also"
    after a line that ends as a sentence does (a heading, with no final stop, never goes on)."""
    return prev.text.rstrip().endswith((".", "!", "?", '"', "\u201d")) and _ALSO.match(s.text.lstrip()) is not None


def _referred(t: Tagged, c: Candidate) -> Candidate:
    cue = t.governing(c.start, c.end)
    if cue is None or not cue.inherited or cue.subject not in _NAMED_BEFORE:
        return c
    return replace(c, note=f"{t.raw[cue.start:cue.end]!r} read as {_NAMED_BEFORE[cue.subject]} an earlier "
                           "sentence of the paragraph named")


def referents(text: str, sentences: list[Sentence], pack: Pack, memo: SentenceMemo | None = None,
              gated: bool = False):
    """Each sentence with the event its paragraph (its line of `text`) spoke of last, and what was
    read from it: "They held a similar drill in 2023. The exercise opened on 12 October" dates the
    earlier drill; "The quake was felt in X. It struck at 12:50" the event. A sentence that names an event
    switches it; one that names none keeps it; a new line starts afresh.

    `gated`: a sentence the pack's Gate turns away is not tagged: it yields no claim, only who it
    attributes figures to (when a later sentence can hold one and the pack knows agencies); and
    unless a later sentence of its paragraph can hold a claim, the event it speaks of is left unread
    (nothing can refer back to it then). One with a figure and a counting noun is read all the same:
    its figure may count what the sentence before did (_generic_counts), as of the moment it names."""
    starts = [prev is None or ("\n" in text[prev.end : s.start] and not _goes_on(prev, s))
              for prev, s in zip([None, *sentences], sentences)]
    read = [True] * len(sentences)
    voices = list(read)  # who a sentence attributes figures to matters to the claims after it
    rules: list[frozenset[str] | None] = [None] * len(sentences)  # None: all of them
    if gated:
        g = gate(pack)
        layout = [words_of(s.text) for s in sentences]
        later = after = False  # a later sentence of the paragraph, of the source, can hold a claim
        voiced = bool(pack.gazetteer.agencies)  # only a known agency's voice carries over (extract)
        cues = [g.could_cue(w) for w in layout]
        named = [False] * len(sentences)  # an earlier sentence of the paragraph may name an event
        for i in range(1, len(sentences)):
            named[i] = not starts[i] and (named[i - 1] or cues[i - 1])
        for i in range(len(sentences) - 1, -1, -1):
            cue = cues[i]
            rules[i] = g.could_claim(layout[i], cue, named[i])
            # a figure given with a counting noun may count what the sentence before did (_generic_counts)
            generic = not starts[i] and not _GENERIC_NOUNS.isdisjoint(layout[i].positions) and layout[i].figures
            read[i], voices[i] = bool(rules[i]) or (later and cue) or generic, after and voiced
            later = (later or bool(rules[i])) and not starts[i]
            after = after or bool(rules[i])
    last = None
    for s, new_line, full, voiced, only in zip(sentences, starts, read, voices, rules):
        if new_line:
            last = None
        inherit = last
        if full:
            hit = memo.taken(s, pack, inherit, only) if memo is not None else _read(s, pack, inherit, only)
        else:
            hit = ([], attribution.find(words_of(s.text).text, pack.gazetteer.agency) if voiced else (), (), None)
        yield s, inherit, hit
        last = hit[3] or last


# "Police put it at 20,000, while organisers said 50,000": of two voices a contrast sets apart, each
# speaks for its own side only (one voice alone speaks across it: "killing four, while damaging roads, X said")
_CONTRAST = re.compile(r",\s*(?:while|whereas|but)\b|;")


def _contrasted(text: str, voice, c) -> bool:
    """A contrast stands between the voice and the figure."""
    return _CONTRAST.search(text, min(voice.end, c.end), max(voice.start, c.start)) is not None


def _same_side(text: str, voices: list, c) -> list:
    return [a for a in voices if not _contrasted(text, a, c)]


class _Nearest:
    """The item (with start/end) closest to a span, nearest start first on a tie, None if there is
    none: sorted once per sentence and searched outwards, so many claims and attributions in one
    long sentence cost no more than a few each."""

    def __init__(self, items):
        self.items = sorted(items, key=lambda a: a.start)
        self.starts = [a.start for a in self.items]
        self.long = max((a.end - a.start for a in self.items), default=0)

    def of(self, start: int, end: int):
        key = lambda a: (max(a.start - end, start - a.end, 0), a.start)
        k = bisect.bisect_left(self.starts, end)
        best = self.items[k] if k < len(self.items) else None  # the first at or after the span's end
        for i in range(k - 1, -1, -1):
            a = self.items[i]
            if best is not None and start - (a.start + self.long) > key(best)[0]:
                break  # nothing that starts earlier can come nearer
            if best is None or key(a) <= key(best):
                best = a
        return best


def extract(source: Source, sentences: list[Sentence], pack: Pack, memo: SentenceMemo | None = None) -> list[Claim]:
    claims = []
    voice, line = "", None  # an agency named earlier in the paragraph speaks for what follows
    last = ""  # the agency named last in the article: who "the agency" / "the survey" is
    try:
        read = list(referents(source.text, sentences, pack, memo, gated=GATED))
    except PatternTimeout as e:
        raise PackError(f"{e.message}, reading {shown(source.path)}", e.path, e.line) from None
    counted = None  # the count topic and rule the paragraph's last sentence bound a figure to
    told = None  # the moment the paragraph stated last
    for s, _, (found, attributions, moments, _spoke) in read:
        if s.line != line:
            voice, line, counted, told = "", s.line, None, None
        found, counted = _generic_counts(s, found, counted)
        # "the agency also recorded ...": the agency the paragraph named before
        named = [replace(a, who=last) if last and a.who.lower() in lang.ANAPHORIC_VOICES else a
                 for a in attributions if a.who]
        known = [a for a in named if pack.gazetteer.agency(a.who)]
        if found:
            near_known, near_named, near_moment = _Nearest(known), _Nearest(named), _Nearest(moments)
        for topic, rule, c in found:
            who = near_known.of(c.start, c.end) or near_named.of(c.start, c.end)
            if who is not None and _contrasted(s.text, who, c):  # two voices set against each other
                who = _Nearest(_same_side(s.text, known, c)).of(c.start, c.end) or \
                    _Nearest(_same_side(s.text, named, c)).of(c.start, c.end) or who
            when = near_moment.of(c.start, c.end) if topic.type in TIMED else None
            how = "stated" if when else ""
            if when is None and told is not None and topic.type in TIMED:
                when, how = told, PARAGRAPH_MOMENT
            claims.append(Claim(
                topic=topic.id, source=source.id, value=c.value, text=s.text[c.start : c.end],
                sentence=s.text, line=s.line, start=s.start + c.start, end=s.start + c.end,
                sentence_start=s.start, rule=rule.id,
                rel=c.rel, tense=c.tense, stated_weekday=c.stated_weekday, shift=c.shift, note=c.note,
                according_to=who.who if who else (voice if not attributions else ""),
                as_of=when.date if when else None, as_of_part=when.part if when else "",
                as_of_rel=when.rel if when else (), as_of_how=how,
                superseded=c.superseded,
            ))
        if known:
            voice = last = known[-1].who
        if moments:
            told = moments[-1]
    return _shared_moments(_shared_voices(claims))


# "As of 3 March, 52 cases ... Health teams are tracing 265 contacts.": a bulletin dates its
# paragraph once. The moment is used only where the source has no day of its own (resolve.py).
PARAGRAPH_MOMENT = "stated earlier in the paragraph"


_GENERIC_NOUNS = frozenset(lang.GENERIC_COUNT_NOUNS)
_GENERIC_BEFORE = re.compile(rf"\b(?:{'|'.join(lang.GENERIC_COUNT_NOUNS)})\s+(?:(?:{'|'.join(lang.GENERIC_COUNT_LINKS)})\s+){{1,3}}$")
# the figure stands alone: "a total of 12 schools" counts schools
_ALONE_AFTER = re.compile(r"\s*(?:[,.;:)]|$|(?:on|by|in|as|and|while|but|according|after|before|when|for|people)\b)")


def _generic_counts(s: Sentence, found: list, counted: tuple | None) -> tuple[list, tuple | None]:
    """A figure given with a counting noun that names nothing ("Police gave a figure of 107,000",
    "organisers put the number at 300,000") counts what the paragraph's sentence before counted,
    when this one binds no count of its own. Returns the sentence's findings and what it counted."""
    own = [(tp, r) for tp, r, _ in found if r.frame == "count"]
    if own:
        return found, own[-1]
    if counted is None:
        return found, None
    extra = [(counted[0], counted[1], Candidate(a, b, n)) for a, b, n in numbers.find(s.text)
             if _GENERIC_BEFORE.search(s.text.lower(), max(0, a - 40), a) and _ALONE_AFTER.match(s.text, b)
             and not numbers.not_a_total(s.text, a, b)]
    return list(found) + extra, (counted if extra else None)


# a figure as written, in digits or in words ("five deaths" in a headline, "five" again in the body)
_FIGURE = re.compile(r"\d[\d,.]*\d|\d|\b(?:" + "|".join(w for w, n in lang.NUMBER_WORDS.items() if n and w not in ("a", "an"))
                     + r")\b", re.I)


def _shared_moments(claims: list[Claim]) -> list[Claim]:
    """A figure a source dates once ("has risen to at least 65 as of May 29") holds for that moment
    wherever the same source repeats it (the headline's "toll rises to 65"): the same figure as
    written, whatever words around it widen or narrow it."""
    def figure(c: Claim):
        return c.topic, tuple(f.lower() for f in _FIGURE.findall(c.text))
    dated: dict[tuple, Claim] = {}
    for c in claims:
        if c.as_of is not None and not c.superseded:
            dated.setdefault(figure(c), c)
    out = []
    for c in claims:
        d = None if c.as_of is not None or c.superseded or not _FIGURE.search(c.text) else dated.get(figure(c))
        out.append(c if d is None else replace(c, as_of=d.as_of, as_of_part=d.as_of_part,
                                                  as_of_rel=d.as_of_rel, as_of_how=d.as_of_how))
    return out


def _shared_voices(claims: list[Claim]) -> list[Claim]:
    """A figure a source attributes once ("according to the agency, 6.3") is that agency's wherever
    the source repeats it (the headline's "6.3 quake")."""
    said: dict[tuple[str, str], str] = {}
    for c in claims:
        if c.according_to:
            said.setdefault((c.topic, str(c.value)), c.according_to)
    return [c if c.according_to else replace(c, according_to=said.get((c.topic, str(c.value)), "")) for c in claims]
