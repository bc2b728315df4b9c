"""Tag a sentence: tokens and clauses, time expressions, entities, and subject cues.

A subject cue is a noun phrase that names an event: the pack's event ("the drill", "Expo 2025"),
an earlier edition ("a similar exercise", "Expo 2024"), or something else that carries its own
dates and places ("an official visit", "a joint exercise with a third country"). Every mention is governed
by one cue, which is how a date or place is bound to the right event.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..language import attribution, clock, lang, timex, units
from ..packs.pack import Mention, Pack
from ..ingest.segment import Sentence
from ..language.text import fold, squash
from ..values import Entity

EVENT, PREVIOUS, OTHER, SECONDARY = "event", "previous", "other", "secondary"


def subject_fits(wanted: str, s: str | None) -> bool:
    """A topic's `subject` against whose a mention is: `any` takes all but another event, an
    earlier edition or a secondary event (an aftershock is not the event)."""
    if wanted == "any":
        return s not in (OTHER, PREVIOUS, SECONDARY)
    return s == wanted

# Words; a capital after lower-case letters starts a new word, so a lost space ("inAlsace")
# still leaves the preposition in front of the name.
_TOKEN = re.compile(r"[A-Z]*[a-z0-9]+(?:'[a-z]+)?|[A-Z0-9]+(?![a-z])(?:'[a-z]+)?")
_CLAUSE_BREAK = re.compile(r"[;()\[\]\u2014]|(?<!\d):|:(?!\d)|\s[\u2013-]\s|\s-{2}\s")  # not "12:50"
# Where a new clause opens after a comma; a mention is bound within its own clause first.
# Not at "which", "who" or "where": a relative clause belongs to the noun before it ("the drill,
# which opened on Sunday").
_SUBCLAUSE = re.compile(r",\s+(?=(?:when|while|whereas|although|though|but|because|after|before|since|until|"
                        r"as|holding|saying|adding|prompting|leaving)\b)")
_CAP_SEQ = r"[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){0,2}"
_QUOTE = re.compile(r'["\u201c\u201d]')
_NOT_RANK_BEFORE = re.compile(r"\b(?:" + "|".join(lang.NOT_RANK_BEFORE) + r")\s*$")
_PREVIOUS_RX = re.compile(
    "|".join(map(re.escape, lang.PREVIOUS_PHRASES))
    + r"|\b(?:the\s+|a\s+|its\s+)?(?:" + "|".join(lang.PREVIOUS_MARKERS) + r"|last year's)\s+"
    r"(?:edition|round|iteration|installment|instalment|version|stage)s?\b(?:\s+of\s+(?:the|this|its)\s+[\w-]+)?")
_PARTICIPATE = r"\b(?:join|joins|joined|joining|take part in|takes part in|took part in|taking part in|" \
               r"participate in|participated in|participating in|attend|attended|attending)\s+(?:[\w-]+\s+){0,2}$"
_TITLE_RX = re.compile(r"(?<![\w-])(?:" + "|".join(
    re.escape(t) for t in sorted(lang.TITLES, key=len, reverse=True)) + r")(?![\w-])")
_PLACE_WITH_NOUN = re.compile(
    rf"(?P<n>{_CAP_SEQ})\s+(?:" + "|".join(sorted(map(re.escape, lang.PLACE_NOUNS), key=len, reverse=True)) + r")\b")
_CROSSED_AT = re.compile(
    r"\b(?:" + "|".join(lang.CROSSING_VERBS) + rf")\s+(?:at|via|through)\s+(?:the\s+)?(?P<n>{_CAP_SEQ})")
_PLACE_OF = re.compile(r"\b(?:town|village|city|district|province|region|county|governorate|municipality|"
                       rf"island|port|hamlet|suburb|neighbourhood|neighborhood)\s+of\s+(?P<n>{_CAP_SEQ})")
_DEMONYM = re.compile(r"(?:ian|ani|ese|ish|ern|ic|i)$")
_NOT_NAMES = set(lang.MONTHS) | set(lang.WEEKDAYS) | {"the", "this", "that", "these", "those", "there", "their",
                                                      "they", "when", "while", "with", "from", "after", "before"}
_STOP_BACK = {"of", "in", "at", "on", "for", "with", "by", "from", "to", "into", "and", "or", "but", "that",
              "which", "who", "as", "than", "is", "was", "are", "were", "be", "been", "during", "after",
              "before", "while", "since", "said", "says", "about", "across", "over", "under", "between"}
_DETERMINERS = {"the", "this", "these", "that", "those", "its", "their", "a", "an", "our", "his", "her"}


@lru_cache(maxsize=256)
def _phrase_index(phrases: tuple[str, ...]) -> dict[str, list[tuple[int, list[str]]]]:
    """First word -> (place in the list, words) of each phrase: a sentence's few words pick the
    phrases worth comparing, not the other way round."""
    index: dict[str, list[tuple[int, list[str]]]] = {}
    for k, ws in enumerate(p.split() for p in phrases):
        if ws:
            index.setdefault(ws[0], []).append((k, ws))
    return index


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    subject: str  # event | previous | other
    name: Mention | None = None


class Tagged:
    """Everything the extraction rules look at in one sentence. Offsets are sentence-relative."""

    def __init__(self, sentence: Sentence, pack: Pack):
        self.sentence = sentence
        self.raw = sentence.text
        self.text = fold(sentence.text)
        self.lower = self.text.lower()
        self.pack = pack
        self.tokens = [m.span() for m in _TOKEN.finditer(self.text)]
        lower = self.lower
        self.words = [lower[a:b] for a, b in self.tokens]
        self._ends = [b for _, b in self.tokens]
        self._positions: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self._positions.setdefault(w, []).append(i)
        self._phrase_cache: dict[tuple, list[tuple[int, int]]] = {}
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(self.raw)]
        quotes = [m.start() for m in _QUOTE.finditer(self.raw)]  # speech is its own clause
        self._segments = sorted(breaks + quotes + [m.start() for m in _SUBCLAUSE.finditer(lower)])
        self.clause = [bisect.bisect_left(breaks, a) for a, _ in self.tokens] if breaks else [0] * len(self.tokens)
        # A headline drops its articles ("27 killed as fire guts factory"): short, no final stop.
        self.headline = len(self.tokens) <= 16 and not re.search(r"[.!?][\"'\u201d\u2019)]*$", self.raw)
        self.entities = self._entities()
        spans = [(e.start, e.end) for e in self.entities if e.kind != "rank"]
        found = tuple(t for t in timex.find(self.text) if not any(a <= t.start < b for a, b in spans))
        self.timexes = sorted(found + tuple(timex.derived(self.text, found)), key=lambda x: (x.start, x.end))
        self.attributions = attribution.find(self.text, pack.gazetteer.agency)
        self.cues = self._cues()

    # -- token geometry -----------------------------------------------------------------------
    def tok(self, offset: int) -> int:
        """Index of the token at or after a character offset."""
        return bisect.bisect_right(self._ends, offset)

    def tok_before(self, offset: int) -> int:
        """Index of the last token ending at or before an offset (-1 if none)."""
        return bisect.bisect_right(self._ends, offset) - 1

    def same_clause(self, i: int, j: int) -> bool:
        n = len(self.clause)
        return self.clause[min(i, n - 1)] == self.clause[min(j, n - 1)] if n else True

    def find_phrases(self, phrases) -> list[tuple[int, int]]:
        """Token spans (first, last) of each occurrence of the given words or phrases."""
        key = tuple(phrases)
        hit = self._phrase_cache.get(key)
        if hit is None:
            index = _phrase_index(key)
            present = sorted(p for w in index.keys() & self._positions.keys() for p in index[w])
            hit = []
            for _, ws in present:  # in the order the phrases were given
                n = len(ws)
                for i in self._positions[ws[0]]:
                    if n == 1 or self.words[i : i + n] == ws:
                        hit.append((i, i + n - 1))
            self._phrase_cache[key] = hit
        return hit

    def distance(self, span: tuple[int, int], start: int, end: int) -> int | None:
        """Tokens between a phrase (token span) and a mention (char span), None across clauses."""
        a, b = self.tok(start), max(self.tok(start), self.tok_before(end))
        if not self.same_clause(span[0], a):
            return None
        if span[1] < a:
            return a - span[1] - 1
        if span[0] > b:
            return span[0] - b - 1
        return 0

    def nearest(self, phrases, start: int, end: int, before_only: bool = False, within: int | None = None) -> int | None:
        """Tokens to the nearest of the phrases in the mention's clause; with `within`, only those
        that close (looked up around the mention, so a long sentence stays linear)."""
        best = None
        spans = self.find_phrases(phrases)
        if within is not None:
            spans = self.spans_near(tuple(phrases), self.tok(start) - within - 8, self.tok_before(end) + within + 1)
        for sp in spans:
            if before_only and sp[1] >= self.tok(start):
                continue
            d = self.distance(sp, start, end)
            if d is not None and (best is None or d < best) and (within is None or d <= within):
                best = d
        return best

    def spans_near(self, phrases: tuple, lo: int, hi: int) -> list[tuple[int, int]]:
        """Token spans of the phrases that start from token `lo` to token `hi`."""
        key = ("sorted", phrases)
        spans = self._phrase_cache.get(key)
        if spans is None:
            spans = self._phrase_cache[key] = sorted(self.find_phrases(phrases))
        return spans[bisect.bisect_left(spans, (lo, -1)) : bisect.bisect_right(spans, (hi, len(self.words)))]

    def words_before(self, offset: int, n: int) -> list[str]:
        i = self.tok(offset)
        return self.words[max(0, i - n) : i]

    # -- subjects -----------------------------------------------------------------------------
    def governing(self, start: int, end: int) -> Cue | None:
        """The cue a mention belongs to: the one containing it, else the last before it in its
        segment, else the next in its segment, else the last before it in the sentence. A segment
        ends where a clause opens ("..., when 112 workers were killed in a blaze at the Smith plant")."""
        inside = [c for c in self.cues if c.start <= start and end <= c.end]
        if inside:
            return inside[-1]
        if re.match(r"\s*,\s*when\b", self.text[end:]):  # "since November 2012, when ... at the Smith plant"
            nxt = [c for c in self.cues if c.start >= end and self._segment(c.start) == self._segment(end + 2)]
            if nxt:
                return nxt[0]
        seg = self._segment(start)
        before = [c for c in self.cues if c.end <= start]
        same = [c for c in before if self._segment(c.start) == seg]
        if same:
            return same[-1]
        after = [c for c in self.cues if c.start >= end and self._segment(c.start) == seg]
        if after:
            return after[0]
        return before[-1] if before else None

    def _segment(self, offset: int) -> int:
        return bisect.bisect_right(self._segments, offset)

    def subject_of(self, start: int, end: int) -> str | None:
        c = self.governing(start, end)
        return c.subject if c else None

    @cached_property
    def cue_starts(self) -> list[int]:
        return [c.start for c in self.cues]

    @cached_property
    def time_spans(self) -> list[tuple[int, int]]:
        """Where the sentence's dates and clock times stand."""
        return [(x.start, x.end) for x in self.timexes if x.kind != "duration"] + [
            (c.start, c.end) for c in clock.find(self.text)]

    @cached_property
    def subjects(self) -> set[str]:
        return {c.subject for c in self.cues}

    # -- tagging ------------------------------------------------------------------------------
    def _entities(self) -> list[Mention]:
        gaz = self.pack.gazetteer
        found = gaz.find(self.text)
        found += self._edition_names(found)
        taken = [(m.start, m.end) for m in found]

        def free(a, b):
            return all(b <= x or a >= y for x, y in taken)

        # Places the pack does not know, named with a place noun ("the Colmar district").
        for m in _PLACE_WITH_NOUN.finditer(self.text):
            self._unknown(m, "n", "place", free, taken, found)
        for m in _CROSSED_AT.finditer(self.text):
            self._unknown(m, "n", "place", free, taken, found)
        for m in _PLACE_OF.finditer(self.text):  # "near the town of Colmar"
            self._unknown(m, "n", "place", free, taken, found)
        # Known names misspelt: a dropped or doubled letter ("Karabbakh"), an apostrophe ("Ma'dani").
        for m in re.finditer(r"(?<![\w-])[A-Z][a-z']{3,}(?:[\s-][A-Z][a-z']+)?(?![\w-])", self.text):
            if free(m.start(), m.end()) and m.group().split()[0].lower() not in _NOT_NAMES:
                for kind in ("person", "place") if " " in m.group() else ("place",):
                    canon = gaz.fuzzy(kind, m.group())
                    if canon:
                        found.append(Mention(kind, m.start(), m.end(), Entity(kind, canon)))
                        taken.append((m.start(), m.end()))
                        break
        # A rank is not one inside a title ("Director General", "Secretary General").
        found = [m for m in found if not (m.kind == "rank" and _NOT_RANK_BEFORE.search(self.lower[: m.start]))]
        taken[:] = [(m.start, m.end) for m in found]
        # People the pack does not know, introduced by a rank or a civilian title
        # ("Major General Aziz Nasirzadeh", "Deputy Commissioner Abdul Karim Mollah").
        ranks = [m for m in found if m.kind == "rank"]
        titles = [Mention("title", m.start(), m.end(), Entity("rank", m.group()))
                  for m in _TITLE_RX.finditer(self.text) if free(m.start(), m.end())]
        for r in ranks + titles:
            m = re.match(rf"\s+(?P<n>{_CAP_SEQ})", self.text[r.end :])
            if m and r.start < len(self.text) and self.text[r.start].isupper():
                a, b = r.end + m.start("n"), r.end + m.end("n")
                name = self.text[a:b]
                canon = gaz.fuzzy("person", name)
                if free(a, b) and (canon or len(name.split()) >= 2):
                    ent = Entity("person", canon) if canon else gaz.canonical("person", name)
                    found.append(Mention("person", a, b, ent))
                    taken.append((a, b))
        found.sort(key=lambda m: m.start)
        return [self._with_rank(m, ranks) if m.kind == "person" else m for m in found]

    def _unknown(self, m, group, kind, free, taken, found):
        a, b = m.start(group), m.end(group)
        name = m.group(group)
        words = name.split()
        if words[0].lower() in ("the", "a", "an", "this", "its", "their", "in", "at", "on"):
            a += len(words[0]) + 1
            words = words[1:]
            name = " ".join(words)
        if not words or not free(a, b) or (len(words) == 1 and _DEMONYM.search(name.lower())):
            return
        low = name.lower().split()[0]
        if low in lang.MONTHS or low in lang.WEEKDAYS or low in lang.RANKS or name in lang.RANKS:
            return
        found.append(Mention(kind, a, b, self.pack.gazetteer.canonical(kind, name)))
        taken.append((a, b))

    def _edition_names(self, found: list[Mention]) -> list[Mention]:
        """The event's name with another year is another edition ("Expo 2024" beside "Expo 2025")."""
        out = []
        for rx, own_year in self.pack.patterns.editions:
            for hit in rx.finditer(self.text):
                year = int(hit.group(1))
                if year < own_year and not any(f.start <= hit.start() < f.end for f in found):
                    out.append(Mention("previous_name", hit.start(), hit.end(),
                                       Entity("name", fold(hit.group()))))
        return out

    def _with_rank(self, m: Mention, ranks: list[Mention]) -> Mention:
        for r in ranks:
            if r.end <= m.start and not self.text[r.end : m.start].strip():
                return Mention(m.kind, m.start, m.end, m.entity, rank=r)
        ap = re.match(r",\s+(?:a|an|the)\s+", self.text[m.end :])
        if ap:
            for r in ranks:
                if r.start == m.end + ap.end():
                    return Mention(m.kind, m.start, m.end, m.entity, rank=r)
        return m

    def _cues(self) -> list[Cue]:
        pack = self.pack
        cues = []
        for e in self.entities:
            if e.kind == "name":
                cues.append(Cue(e.start, e.end, EVENT, e))
            elif e.kind == "previous_name":
                cues.append(Cue(e.start, e.end, PREVIOUS, e))
            elif e.kind == "other_name":
                cues.append(Cue(e.start, e.end, OTHER, e))
        for m in pack.patterns.nouns.finditer(self.lower):
            nxt = re.match(r"[\s-]+([a-z]+)", self.lower[m.end() :])
            if nxt and nxt.group(1) in lang.COMPOUND_HEADS:
                continue  # "the fire service", "the exercise area"
            if self.raw[m.start()].isupper() and any(a.start <= m.start() < a.end for a in self.attributions):
                continue  # a word of a speaker's name ("the National Earthquake Center said")
            subject, start = self._noun_subject(m.start(), m.end())
            if subject is None and (self.headline or re.search(_PARTICIPATE, self.lower[max(0, m.start() - 30) : m.start()])):
                subject = EVENT  # "to join drills", "took part in exercises", "27 killed as fire guts factory"
            if subject:
                cues.append(Cue(start, m.end(), subject))
        for sp in self.find_phrases(pack.secondary):  # "a 6.1-magnitude aftershock": a smaller event that follows
            a, b = self.tokens[sp[0]][0], self.tokens[sp[1]][1]
            subject, start = self._noun_subject(a, b)
            cues.append(Cue(start, b, subject if subject in (PREVIOUS, OTHER) else SECONDARY))
        for sp in self.find_phrases(pack.verbs):  # the pack's own verbs: "special forces drilled"
            if sp[0] > 0 and self.words[sp[0] - 1] in lang.IDIOM_SUBJECTS:
                continue  # "tragedy struck": not the event
            back = self.words[max(0, sp[0] - 4) : sp[0]]  # "another train derailed" is another event
            subject = OTHER if any(w in lang.OTHER_MARKERS for w in back) else (
                PREVIOUS if any(w in lang.PREVIOUS_MARKERS for w in back) else EVENT)
            if subject == EVENT and any(w in pack.secondary for w in back[-2:]):
                subject = SECONDARY  # "an aftershock struck at ...": the verb is the aftershock's
            subject = self._named_after(self.tokens[sp[1]][1], near=True) or subject  # "derailed near Lyon", Lyon an earlier event's name
            cues.append(Cue(self.tokens[sp[0]][0], self.tokens[sp[1]][1], subject))
        for sp in self.find_phrases(pack.patterns.activities):
            if any(a.start <= self.tokens[sp[0]][0] < a.end for a in self.attributions):
                continue  # "according to a statement by X": whose words, not another happening
            j = sp[0]  # widen to "an official visit", "Lavrov's meeting"
            while j > 0 and sp[0] - j < 3:
                w = self.words[j - 1]
                if w in _DETERMINERS or w.endswith("'s"):
                    j -= 1
                    break
                if w not in lang.EVENT_NOUN_MODIFIERS and w not in lang.ACTIVITY_MODIFIERS:
                    break
                j -= 1
            cues.append(Cue(self.tokens[j][0], self.tokens[sp[1]][1], OTHER))
        for m in _PREVIOUS_RX.finditer(self.lower):
            cues.append(Cue(m.start(), m.end(), PREVIOUS))
        # A cue inside a larger one ("the exercise" in "a previous edition of the exercise") is
        # read as part of it.
        cues = [c for c in cues if not any(o is not c and o.start <= c.start and c.end <= o.end and
                                           (o.end - o.start) > (c.end - c.start) for o in cues)]
        cues.sort(key=lambda c: (c.start, c.end))
        return cues

    def _noun_subject(self, start: int, end: int) -> tuple[str | None, int]:
        """Read the words before an event noun back to its determiner: whose event is it?"""
        i = self.tok(start)
        j, det, mods = i - 1, None, []
        while j >= 0 and i - j <= 6 and self.same_clause(j, i):
            w = self.words[j]
            if w in _DETERMINERS:
                det = w
                break
            if w.endswith("'s") and w not in ("year's", "week's", "month's"):
                det = w
                break
            if w in ("year's", "week's", "month's"):  # "this year's drill", "last year's drill"
                mods.append(w)
                j -= 1
                continue
            a, b = self.tokens[j]
            known = (w in lang.EVENT_NOUN_MODIFIERS or w in lang.EVENT_MARKERS or w in lang.PREVIOUS_MARKERS
                     or w in lang.OTHER_MARKERS or w in lang.NUMBER_WORDS or w.isdigit() or self.text[a].isupper()
                     or w in units.WORDS)  # "the 7.2-magnitude quake", "a 10-km-deep quake"
            if not known and w not in _STOP_BACK and not w.endswith(("ing", "ed")) and j > 0 and (
                    self.words[j - 1] in _DETERMINERS or self.words[j - 1].endswith("'s")):
                known = True  # one noun between the determiner and the event noun: "the train derailment"
            if w in _STOP_BACK or not known:
                break
            mods.append(w)
            j -= 1
        first = self.tokens[j][0] if det else (self.tokens[i - len(mods)][0] if mods else start)
        names = [e for e in self.entities if e.kind in ("name", "previous_name", "other_name") and first <= e.start < end]
        if any(e.kind == "other_name" for e in names):
            return OTHER, first
        if any(e.kind == "previous_name" for e in names):
            return PREVIOUS, first
        if any(w in lang.PREVIOUS_MARKERS for w in mods):
            return PREVIOUS, first
        named_after = self._named_after(end)  # "a blaze at the Smith plant"
        if named_after:
            return named_after, first
        if any(w in lang.OTHER_MARKERS for w in mods) or det in ("another",):
            return OTHER, first
        if not names:
            edition = self._named_edition(mods, first, start)
            if edition:
                return edition, first
        if self._with_outsider(start, end, first):
            return OTHER, first
        if det or names or any(w in lang.EVENT_MARKERS for w in mods):
            return EVENT, first
        return None, first

    def _named_after(self, end: int, near: bool = False) -> str | None:
        """An event noun tied to a name that is not this event's: 'a blaze at the Smith plant'
        (with `near`, a few words may come between: 'derailed, injuring three, near Lyon')."""
        m = re.match(r"\s+(?:[\w-]+\s+){0,2}?(?:at|in|of|on|near)\s+(?:the\s+)?" if near else
                     r"\s+(?:at|in|of|on|near)\s+(?:the\s+)?", self.text[end:])
        if not m:
            return None
        e = next((e for e in self.entities if e.start == end + m.end()), None)
        if e is not None and e.kind == "previous_name":
            return PREVIOUS
        if e is not None and e.kind == "other_name":
            return OTHER
        return None

    def _named_edition(self, mods: list[str], first: int, start: int) -> str | None:
        """A year or a quoted name in front of the noun that is not the event's own:
        'the 2024 exercise' is an earlier edition, 'the "Caucasian Eagle-2024" exercise' another event."""
        span = self.text[first:start]
        years = [int(w) for w in mods if re.fullmatch(r"(?:19|20)\d\d", w)]
        if '"' in span:
            return OTHER
        if not years:
            return None
        own = [int(y) for n in self.pack.gazetteer.names for y in re.findall(r"(?:19|20)\d\d", n)]
        if not own or years[0] in own:
            return None
        places = {squash(e.entity.name) for e in self.entities if e.kind == "place" and first <= e.start < start}
        named = [w for w in re.findall(r"[A-Z][a-z]+", span) if squash(w) not in places and not _DEMONYM.search(w.lower())]
        if named:
            return OTHER
        return PREVIOUS if years[0] < max(own) else OTHER

    def _with_outsider(self, start: int, end: int, first: int) -> bool:
        """'an exercise with Norway', 'the Franco-Norwegian drill': a party that is not a participant."""
        parts = set(self.pack.participants)
        if not parts:
            return False
        gaz = self.pack.gazetteer
        after = re.match(r"\s+(?:with|between|involving)\s+(?:the\s+)?", self.text[end:])
        places = [e for e in self.entities if e.kind == "place"]
        for e in places:
            near = after and e.start == end + after.end()
            inside = first <= e.start < start
            if (near or inside) and not _is_participant(e.entity.name, parts, gaz):
                return True
        return False


def _is_participant(name: str, parts: set[str], gaz) -> bool:
    return name in parts or any(p in gaz.ancestors("place", name) for p in parts)

