"""Bind tagged mentions to topics with the pack's rules.

Each rule names a frame: the package's knowledge of how news states a start, an end, a place, a
commander... (packs/frames.py lists them; FINDERS below finds each: the count frame lives in
counts.py, the clock-time and measure frames in measures.py). The pack adds the event's words
(triggers) and examples. The gate in front of the frames, what a paragraph's earlier sentences
lend a later one, and who states each claim and when it holds are here too.
"""

from __future__ import annotations

import bisect
import re
import time
from dataclasses import dataclass, replace

from . import anchors, measures
from .counts import COORDINATORS, FORECAST, OF_INJURED, ONE_WHO, PAIR_GAP, PART_CARED, f_count
from .frame import AUXILIARIES, STOPS, Candidate, event_noun_follows, named_spans, place_mentions, subordinate_between
from ..language import asof, attribution, clock, lang, numbers, units
from ..errors import PackError, shown
from ..packs.pack import Mention, Pack, Rule, Topic
from ..ingest.segment import Sentence
from ..ingest.sources import Source
from .readers import READERS
from .tag import EVENT, OTHER, PREVIOUS, PRONOUNS, Spans, Tagged, Words, phrase_words, subject_fits, words_of
from ..language.timex import Timex, find as find_timex
from ..values import TIMED, Date, Value, geo


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
    as_of_progress: float | None = None  # how far a vote count had gone, per cent ("with 94% of ballots counted")
    superseded: bool = False  # the count of a moment before as_of, as the source reports it


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
            and not _rank_scope(t, x) and not _other_zones_day(t, x) and not t.seasonal(x)]


_OPEN_BRACKET = re.compile(r"\(([^()]*)$")


def _other_zones_day(t: Tagged, x: Timex) -> bool:
    """A day in brackets with a clock time in another zone ("at 11 pm (0400 GMT Friday)") is that
    zone's calendar day, not the one the event happened on where it happened."""
    m = _OPEN_BRACKET.search(t.text, max(0, x.start - 40), x.start)
    if m is None:
        return False
    # the day may stand inside the zone's clock: "(2358 Tuesday GMT)" is read as "2358 GMT"
    rest = _CLOSE_BRACKET.match(t.text, x.end)
    inside = " ".join((m.group(1) + " " + (rest.group(1) if rest else "")).split())
    return any(c.zone is not None for c in clock.find(inside))


_CLOSE_BRACKET = re.compile(r"([^()]{0,20})\)")


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
        if after and subordinate_between(t, t.tok_before(x.end) + 1, sp[0]):
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
        if not t.same_clause(k, i) or k in dates or t.words[k] in COORDINATORS:
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
        named = t.memo["place spans"] = Spans((e.start, e.end) for e in place_mentions(t))
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
        if nxt in lang.DURATION_NEGATIVE_NEXT and (trigger != 0 or event_noun_follows(t, x.end)):
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
            event_noun_follows(t, x.end) or t.subject_of(x.start, x.end) == EVENT)  # not "three days of mourning"
        adjectival = head_ok and "-" in t.text[x.start : x.end] and _AS_A.search(
            t.lower, max(0, x.start - 40), x.start)  # "the drill, a two-week programme"
        if of_phrase or adjectival or (trigger is not None and trigger <= rule.window):
            yield Candidate(x.start, x.end, x.value)


_HEAD = re.compile(r"\s+(?:of\s+)?((?:[\w-]+\s+){0,2}?[\w-]+)\b")
_OF = re.compile(r"\s*of ")
_AS_A = re.compile(r"(?:\bas|\bis|\bwas|\bbe|,)\s+an?\s+$")


def _verb_between(t: Tagged, i: int, j: int) -> bool:
    """A verb with its own object between tokens i and j ("the quake caused damage in X", "resulted
    in damage in X"): the place belongs to that object. A verb right before the place ("the drill,
    which opened in X") does not count, nor one followed only by adverbs and dates ("it opened on
    Tuesday in X")."""
    verb = lambda w: (w in lang.VERB_FORMS or w.endswith("ed")) and w not in AUXILIARIES
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
        if w.endswith("'s") or (t.text[a].islower() and w not in lang.LOCATIVE and w not in STOPS and fillers < 3):
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
            and not any(w in lang.VERB_FORMS or w.endswith(("ed", "ing")) or w in STOPS for w in between[1:])
            and not any(t.place_at(t.tokens[k][0]) for k in range(i + 2, p)))


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
    for e in place_mentions(t):
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
        if any(w in lang.SENSING_VERBS for w in _words_before(t, p, 2)):
            continue  # "the tremor was also felt in X": how far it reached, not where it was
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
        # a rule about the event's point that takes sentences naming no event ("The epicentre was 25 km
        # south of X") is placed there by its own words only: "the deaths occurred in X", "tremors in
        # X" tell where the quake did harm, not where it started
        point_any = topic.subject == "any" and _about_point(rule) and (cue is None or cue.subject != "event")
        if cue is not None and cue.end <= t.tokens[p][0] and not point_any:
            gap = p - t.tok_before(cue.end) - 1
            if gap > lang.CUE_PLACE_REACH and _site_between(t, t.tok_before(cue.end), p):
                gap = lang.CUE_PLACE_REACH  # "a stampede at the river festival in X": X holds the site
            # "the drill in Alsace", "the exercise, on Sunday, in X"; not "the quake caused damage in X"
            if gap <= lang.CUE_PLACE_REACH and not _verb_between(t, t.tok_before(cue.end), p):
                anchors.append((gap, "cue", t.tok_before(cue.end)))
        at = t.tokens[p]
        for sp in t.phrases_near(t.pack.nouns, *at, lang.CUE_PLACE_REACH):  # a bare event noun: "observing drills in Alsace"
            if point_any:
                break
            if sp[1] < p and p - sp[1] - 1 <= lang.CUE_PLACE_REACH and t.same_clause(sp[1], p) \
                    and not _verb_between(t, sp[1], p):
                anchors.append((p - sp[1] - 1, "cue", sp[1]))
        # only anchors within the window can place the event: nearer ones decide, farther never do
        for kind, words in ((("verb", rule.triggers),) if point_any else (("verb", lang.PLACE_VERBS + rule.triggers), ("cross", lang.CROSSING_VERBS))):
            for sp in t.phrases_near(words, *at, 3 * rule.window):
                if sp[0] > 0 and t.words[sp[0] - 1] in lang.IDIOM_SUBJECTS or t.not_done(*sp):
                    continue  # "tragedy struck in X", "never made landfall in X" is no event's verb
                if named_spans(t).covers(t.tokens[sp[0]][0]):
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
    for e in place_mentions(t):
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


def _wrap(frame):
    def run(t: Tagged, topic: Topic, rule: Rule):
        for a, b, v, rel in frame(t, topic, rule):
            yield Candidate(a, b, v, rel, _tense(t, a, b))
    return run


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
    # a range, a day that bounds the event by itself, one of the edge's words or the rule's triggers,
    # or right before a date a bounding preposition ("from", "until"), "since" (start), or "to" after
    # a "from" (end): _window_edge reads no other (a "to" or "from" elsewhere bounds nothing)
    "start": lambda gate, rule, phrases, w: (phrases.in_(w) or anchors.spans_days(w) or anchors.dated_after(
        w, _START_LEADS)) and anchors.dates(w),
    "end": lambda gate, rule, phrases, w: (phrases.in_(w) or anchors.spans_days(w) or anchors.dated_after(
        w, _END_LEADS) or ("from" in w.positions and anchors.dated_after(w, ("to",)))) and anchors.dates(w),
    # the triggers' reach; the event's own date also in its noun phrase, triggers or not (f_when)
    "when": lambda gate, rule, phrases, w: (not rule.triggers or phrases.in_(w)
                                            or gate.pack.topics[rule.topic].subject == EVENT) and anchors.dates(w),
    "duration": lambda gate, rule, phrases, w: anchors.durations(w),
    # a number its trigger binds (_count_distance reads only the triggers' occurrences) that can be a count
    "count": lambda gate, rule, phrases, w: phrases.in_(w) and _may_count(w),
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
# The one-word bounding prepositions _window_edge reads right before a date ("as of" is two words: the
# word before a date is never it); "to" ends a window only after a "from".
_START_LEADS = frozenset(p for p in lang.START_PREPS if " " not in p) | {"since"}
_END_LEADS = frozenset(p for p in lang.END_PREPS if " " not in p) - {"to"}


def _may_count(w: Words) -> bool:
    """Whether a number of the sentence can be a count (_counted): no forecast before it, and a
    total, an earlier figure or a part in care; or one that may open two groups counted together
    (_groups_added), whose end is read further on. Kept on the sentence: every count rule asks."""
    hit = w.found.get("may count")
    if hit is None:
        found, text, lower = numbers.find(w.text), w.text, w.lower
        hit = w.found["may count"] = any(
            not FORECAST.search(text[max(0, a - 120) : a]) and (
                (i + 1 < len(found) and PAIR_GAP.fullmatch(lower, b, found[i + 1][0]) is not None)
                or numbers.earlier_figure(text, a, b) or not numbers.not_a_total(text, a, b)
                or PART_CARED.match(lower, b) is not None or OF_INJURED.search(lower, max(0, a - 40), a) is not None)
            for i, (a, b, _) in enumerate(found)) or ONE_WHO.search(lower) is not None  # "a hiker died"
    return hit


CARRIED = {"count", "measure"}  # the frames that read the paragraph's event in a sentence naming none
# The phrases a frame's test looks for, from its rule and pack.
NEED_PHRASES = {
    "start": lambda rule, pack: START + rule.triggers,
    "end": lambda rule, pack: END + rule.triggers,
    "when": lambda rule, pack: rule.triggers,
    # a verb of care stands for an injured count's trigger (_count_distance, _cared_for)
    "count": lambda rule, pack: lang.passive_forms(rule.triggers) + (lang.CARE_VERBS if any(
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
    counting = None  # how far a vote count had gone, as the paragraph said last
    for s, _, (found, attributions, moments, _spoke) in read:
        if s.line != line:
            voice, line, counted, told, counting = "", s.line, None, None, None
        found, counted = _generic_counts(s, found, counted)
        progress = asof.progress(s.text)
        # "the agency also recorded ...": the agency the paragraph named before
        named = [replace(a, who=last) if last and a.who.lower() in lang.ANAPHORIC_VOICES else a
                 for a in attributions if a.who]
        known = [a for a in named if pack.gazetteer.agency(a.who)]
        if found:
            near_known, near_named, near_moment = _Nearest(known), _Nearest(named), _Nearest(moments)
            near_progress = _Nearest(progress)
        for topic, rule, c in found:
            who = near_known.of(c.start, c.end) or near_named.of(c.start, c.end)
            if who is not None and _contrasted(s.text, who, c):  # two voices set against each other
                who = _Nearest(_same_side(s.text, known, c)).of(c.start, c.end) or \
                    _Nearest(_same_side(s.text, named, c)).of(c.start, c.end) or who
            when = near_moment.of(c.start, c.end) if topic.type in TIMED else None
            how = "stated" if when else ""
            if when is None and told is not None and topic.type in TIMED:
                when, how = told, PARAGRAPH_MOMENT
            # "With 94% of ballots counted, Voss led. She had 48.8%": the paragraph's count goes on
            counted_so_far = (near_progress.of(c.start, c.end) or counting) if topic.type in TIMED else None
            claims.append(Claim(
                topic=topic.id, source=source.id, value=c.value, text=s.text[c.start : c.end],
                sentence=s.text, line=s.line, start=s.start + c.start, end=s.start + c.end,
                sentence_start=s.start, rule=rule.id,
                rel=c.rel, tense=c.tense, stated_weekday=c.stated_weekday, shift=c.shift, note=c.note,
                according_to=who.who if who else (voice if not attributions else ""),
                as_of=when.date if when else None, as_of_part=when.part if when else "",
                as_of_rel=when.rel if when else (), as_of_how=how,
                as_of_progress=counted_so_far.share if counted_so_far else None,
                superseded=c.superseded,
            ))
        if progress:
            counting = progress[-1]
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
_FIGURE = re.compile(rf"\d[\d,.]*\d|\d|\b(?:{numbers.WORDS})\b", re.I)


def _shared_moments(claims: list[Claim]) -> list[Claim]:
    """A figure a source dates once ("has risen to at least 65 as of May 29") holds for that moment
    wherever the same source repeats it (the headline's "toll rises to 65"): the same figure as
    written, whatever words around it widen or narrow it."""
    def figure(c: Claim):
        return c.topic, tuple(f.lower() for f in _FIGURE.findall(c.text))
    dated: dict[tuple, Claim] = {}
    counts: dict[tuple, float] = {}
    for c in claims:
        if c.as_of is not None and not c.superseded:
            dated.setdefault(figure(c), c)
        if c.as_of_progress is not None and not c.superseded:
            counts.setdefault(figure(c), c.as_of_progress)
    out = []
    for c in claims:
        d = None if c.as_of is not None or c.superseded or not _FIGURE.search(c.text) else dated.get(figure(c))
        c = c if d is None else replace(c, as_of=d.as_of, as_of_part=d.as_of_part,
                                        as_of_rel=d.as_of_rel, as_of_how=d.as_of_how)
        # the count's progress the same way: "Voss leads with 48.8%" over "with 94% counted, Voss had 48.8%"
        p = None if c.as_of_progress is not None or c.superseded or not _FIGURE.search(c.text) else counts.get(figure(c))
        out.append(c if p is None else replace(c, as_of_progress=p))
    return out


def _shared_voices(claims: list[Claim]) -> list[Claim]:
    """A figure a source attributes once ("according to the agency, 6.3") is that agency's wherever
    the source repeats it (the headline's "6.3 quake")."""
    said: dict[tuple[str, str], str] = {}
    for c in claims:
        if c.according_to:
            said.setdefault((c.topic, str(c.value)), c.according_to)
    return [c if c.according_to else replace(c, according_to=said.get((c.topic, str(c.value)), "")) for c in claims]
