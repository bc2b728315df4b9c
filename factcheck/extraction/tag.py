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

from . import anchors
from ..language import attribution, clock, lang, numbers, timex, units
from ..language.spans import Spans
from ..packs.pack import Mention, Pack
from ..ingest.segment import Sentence
from ..language.text import fold, squash
from ..values import Entity, geo

EVENT, PREVIOUS, OTHER, SECONDARY = "event", "previous", "other", "secondary"


def subject_fits(wanted: str, s: str | None) -> bool:
    """A topic's `subject` against whose a mention is: `any` takes all but another event, an
    earlier edition or a secondary event (an aftershock is not the event)."""
    if wanted == "any":
        return s not in (OTHER, PREVIOUS, SECONDARY)
    return s == wanted

# Words; a capital after lower-case letters starts a new word, so a lost space ("inAlsace")
# still leaves the preposition in front of the name.
_WORDS_AFTER = re.compile(r"(?:[ \t]+[A-Za-z][\w&'-]*){1,3}")  # the words that may finish an agency's name
_TOKEN = re.compile(r"[A-Z]*[a-z0-9]+(?:'[a-z]+)?|[A-Z0-9]+(?![a-z])(?:'[a-z]+)?")
_CLAUSE_BREAK = re.compile(r"[;()\[\]\u2014]|(?<!\d):|:(?!\d)|\s[\u2013-]\s|\s-{2}\s")  # not "12:50"
# Where a new clause opens after a comma; a mention is bound within its own clause first.
# Not at "which", "who" or "where": a relative clause belongs to the noun before it ("the drill,
# which opened on Sunday").
_SUBCLAUSE = re.compile(r",\s+(?=(?:when|while|whereas|although|though|but|because|after|before|since|until|"
                        r"as|holding|saying|adding|prompting|leaving)\b)")
_ACCOMPANYING = re.compile(r",\s+(?:as|while|when|after|because|since)\s+(?:(?:the|a|an|its|this|that)\s+)?")
# A comparison's baseline right before a cue: "an increase of 2.3 points from the last election",
# "more than the 2019 flood"
_BASELINE = re.compile(r"\b(?:up|down|increase|decrease|rise|drop|fall|gain|loss|more|less|fewer|higher|lower|"
                       r"compared)\b(?:[^.;]|\.\d){0,40}?\b(?:from|than|on|over|with|to)\s+$")
_SHARE_OF = re.compile(r"(?:%|\bper\s?cent|\bshare|\bmajority)\s+of\s+(?:the\s+|all\s+)?$")
_DATED_AFTER = re.compile(r"\s+(?:in|of)\s+")
def _month_alone(x) -> bool:
    """A date that gives a month and nothing finer or coarser ("July", not "July 2018" or "July 4")."""
    v = x.value
    return x.kind == "date" and v.month is not None and v.day is None and v.weekday is None and v.year is None


_MONTH_JOIN = re.compile(r"\s*(?:and|to|or|-|–)\s*")  # "July and August", "July-August"
_IN_MONTH = re.compile(r"\bin\s+(?:(?:early|mid|late)[\s-]+)?$")  # "in July", "in early August"
_FIGURE_DATED = re.compile(r"(?:\s+(?!in\b)[a-z][\w'-]*){0,2}?\s+in\s+")  # "12,480 votes in 2022": what it counts, then the year
# "the 2008 earthquake": a bare year after a determiner, before a noun, names an earlier happening
_YEAR_MODIFIER = re.compile(r"\d{4}")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an)\s+$")
_NOUN_AFTER = re.compile(r"\s+[a-z]")
_CAP_SEQ = r"[A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){0,2}"
_QUOTE = re.compile(r'["\u201c\u201d]')
_OPPOSING_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(lang.OPPOSING_PREFIXES)) + r")-$")
# A line of a fact box: a short label, a colon, a short value ("Acres burned: 17,234", "- Containment: 0%")
_FACT_LINE = re.compile(r"\W{0,3}(?P<label>[A-Za-z][A-Za-z' ]{0,30}):\s*(?:[^:\s]|\d:\d|\s){1,40}$")
_NOT_RANK_BEFORE = re.compile(r"\b(?:" + "|".join(lang.NOT_RANK_BEFORE) + r")\s*$")
_PREVIOUS_RX = re.compile(
    "|".join(map(re.escape, lang.PREVIOUS_PHRASES))
    + r"|\b(?:the\s+|a\s+|its\s+)?(?:" + "|".join(lang.PREVIOUS_MARKERS) + r"|last year's)\s+"
    r"(?:edition|round|iteration|installment|instalment|version|stage)s?\b(?:\s+of\s+(?:the|this|its)\s+[\w-]+)?")
# "A quake, followed by several aftershocks, struck ...": the noun after such a participle's "by" is
# its agent, never the subject of the verb after it, closing comma or not
_AGENT_OF = re.compile(r"(,)\s*(?:followed|preceded|accompanied|triggered|caused)\s+by\s+$")
_PARTICIPATE = re.compile(r"\b(?:join|joins|joined|joining|take part in|takes part in|took part in|taking part in|"
                          r"participate in|participated in|participating in|attend|attended|attending)\s+(?:[\w-]+\s+){0,2}$")
_TITLE_RX = re.compile(r"(?<![\w-])(?:" + "|".join(
    re.escape(t) for t in sorted(lang.TITLES, key=len, reverse=True)) + r")(?![\w-])")
_PLACE_WITH_NOUN = re.compile(
    rf"(?P<n>{_CAP_SEQ})\s+(?:" + "|".join(sorted(map(re.escape, lang.PLACE_NOUNS), key=len, reverse=True)) + r")\b")
_CROSSED_AT = re.compile(
    r"\b(?:" + "|".join(lang.CROSSING_VERBS) + rf")\s+(?:at|via|through)\s+(?:the\s+)?(?P<n>{_CAP_SEQ})")
# ... or before a body of water ("a Corvanian lake")
_ADJECTIVE_AREA = re.compile(rf"(?<![\w-])([A-Z][a-z]+)(?=\s+(?:{'|'.join(lang.AREA_NOUNS + lang.WATER_WORDS)})\b(?!\s+guards?\b))")
_PLACE_OF = re.compile(r"\b(?:town|village|city|district|province|region|county|governorate|municipality|"
                       rf"island|port|hamlet|suburb|neighbourhood|neighborhood),?\s+(?:of|called|named|known\s+as)\s+"
                       rf"(?P<n>{_CAP_SEQ})")
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z']{3,}(?:[\s-][A-Z][a-z']+)?(?![\w-])")  # a name, maybe misspelt
_DEMONYM = re.compile(r"(?:ian|ani|ese|ish|ern|ic|i)$")
_NOT_NAMES = set(lang.MONTHS) | set(lang.WEEKDAYS) | {"the", "this", "that", "these", "those", "there", "their",
                                                      "they", "when", "while", "with", "from", "after", "before"}
_STOP_BACK = {"of", "in", "at", "on", "for", "with", "by", "from", "to", "into", "and", "or", "but", "that",
              "which", "who", "as", "than", "is", "was", "are", "were", "be", "been", "during", "after",
              "before", "while", "since", "said", "says", "about", "across", "over", "under", "between"}
_PURPOSE = re.compile(r"\bfor\s+(?:(?:an?|the|its|their|this|that)\s+)?(?:[a-z-]+\s+){0,2}$")
_COMMA_WHEN = re.compile(r"\s*,\s*when\b")
# "In 2019, a fire at the same port killed nine", "Back in March 2015, ...": a sentence that opens on
# a time sets everything it tells at that time
_OPENING_TIME = re.compile(r"(?:back\s+)?(?:in|during)\s+(?:(?:early|late|mid)[\s-]+)?$")
_COMMA_AFTER = re.compile(r"\s*,")
_FINAL_STOP = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
_DECIMAL = re.compile(r"\d\.\d")
_NAME_AFTER_RANK = re.compile(rf"\s+(?P<n>{_CAP_SEQ})")
_APPOSITIVE_RANK = re.compile(r",\s+(?:a|an|the)\s+")
_NEXT_WORD = re.compile(r"[\s-]+([a-z]+)")
_NAMED_AFTER = re.compile(r"\s+(?:at|in|of|on|near)\s+(?:the\s+)?")
_NAMED_AFTER_NEAR = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:at|in|of|on|near)\s+(?:the\s+)?")
_WITH_PARTY = re.compile(r"\s+(?:with|between|involving)\s+(?:the\s+)?")
SPEECH_REACH = 3  # tokens after "a statement" that it still dates ("in a statement issued on Monday")
_THAT = re.compile(r"\bthat\b")
# what a statement goes on to report after its own verb of saying: "a report says 300 homes ..."
_SAYS = re.compile(r"\s+(?:(?:also|now|previously|earlier)\s+)?(?:" + "|".join(lang.ATTRIBUTION_VERBS) + r")\b")
_STATEMENTS = frozenset("statement statements announcement report briefing interview speech call remarks".split())
_BRIEFED = frozenset(("press", "news"))  # "a press conference": a statement, not a conference on a subject
_COMPARED = re.compile(r"\b(?:(?:comparable|similar|equal|equivalent|compared)\s+(?:to|with)|reminiscent\s+of|than)"
                       r"\s+(?:the|a|an)\b(?:\s+[\w'-]+){0,3}$")
_TIME_LEAD = frozenset("on early late shortly just soon after before by at around about in the of until".split())
PRONOUNS = ("it", "they")
_AUXILIARIES = frozenset("is are was were be been being has have had will would could may might did also then first "
                         "again already later soon finally eventually".split())


def phrase_words(phrase: str) -> list[str]:
    """A trigger's or noun's words, split as a sentence is, so that a hyphenated one ("large-scale
    drills", "rally-goers") matches."""
    return _TOKEN.findall(fold(phrase).lower())


@lru_cache(maxsize=256)
def _phrase_index(phrases: tuple[str, ...]) -> dict[str, list[tuple[int, list[str]]]]:
    """First word -> (place in the list, words) of each phrase: a sentence's few words pick the
    phrases worth comparing, not the other way round."""
    index: dict[str, list[tuple[int, list[str]]]] = {}
    for k, ws in enumerate(map(phrase_words, phrases)):
        if ws:
            index.setdefault(ws[0], []).append((k, ws))
    return index


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    subject: str  # event | previous | other
    name: Mention | None = None
    speech: bool = False  # "said in a statement": what was said is not another event
    inherited: bool = False  # a definite description read as the event an earlier sentence named


class Words:
    """A sentence's words and clauses: all the tagger reads that does not depend on the pack,
    worked out once per sentence however many packs read it (words_of)."""

    def __init__(self, raw: str):
        self.raw = raw
        self.text = fold(raw)
        self.lower = lower = self.text.lower()
        self.tokens = [m.span() for m in _TOKEN.finditer(self.text)]
        self.words = [lower[a:b] for a, b in self.tokens]
        self.ends = [b for _, b in self.tokens]
        self.positions: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self.positions.setdefault(w, []).append(i)
        self.phrases: dict[tuple, object] = {}  # Tagged.find_phrases and its sorted forms, for any pack
        # A headline drops its articles ("27 killed as fire guts factory"): short, no final stop.
        self.headline = len(self.tokens) <= 16 and not _FINAL_STOP.search(raw)
        self.found: dict[object, object] = {}  # what extract.Gate looked for here, for the rules to reuse

    @cached_property
    def clauses(self) -> tuple:
        """(segment starts, each token's clause, each clause's root, each root's first and last
        token): worked out only for the sentences that are tagged."""
        marks = list(_CLAUSE_BREAK.finditer(self.raw))
        box = _FACT_LINE.match(self.raw)
        if box:  # "Containment: 0%": a fact box's label and its figure are one statement
            marks = [m for m in marks if m.start() != box.end("label")]
        breaks = [m.start() for m in marks]
        quotes = [m.start() for m in _QUOTE.finditer(self.raw)]  # speech is its own clause
        # A parenthesis does not end the segment around it: "the units (CDU) launched the drill".
        segments = sorted([m.start() for m in marks if m.group() not in "()[]"] + quotes +
                          [m.start() for m in _SUBCLAUSE.finditer(self.lower)])
        clause = [bisect.bisect_left(breaks, a) for a, _ in self.tokens] if breaks else [0] * len(self.tokens)
        # A parenthesis is a clause of its own inside the one around it: after ")" that clause goes
        # on ("the coastal units (CDU) launched the drill"). root[k]: the clause that piece k is part of.
        root, stack = [0], []
        for k, m in enumerate(marks, 1):
            ch = m.group()
            if ch in "([":
                stack.append(root[-1])
                root.append(k)
            elif ch in ")]" and stack:
                root.append(stack.pop())
            else:
                root.append(k)
        root_last: dict[int, int] = {}  # last token of each clause
        root_first: dict[int, int] = {}
        for i, c in enumerate(clause):
            r = root[c]
            root_first.setdefault(r, i)
            root_last[r] = i
        return segments, clause, root, root_first, root_last

    def opposing(self, i: int) -> bool:
        """Token i is the tail of "counter-...": the opposing side's word, not the phrase it spells."""
        return i > 0 and self.words[i - 1] in lang.OPPOSING_PREFIXES and self.text[self.ends[i - 1] : self.tokens[i][0]] == "-"

    def find_phrases(self, phrases) -> list[tuple[int, int]]:
        """Token spans (first, last) of each occurrence of the given words or phrases."""
        key = tuple(phrases)
        hit = self.phrases.get(key)
        if hit is None:
            index = _phrase_index(key)
            present = sorted(p for w in index.keys() & self.positions.keys() for p in index[w])
            hit = []
            for _, ws in present:  # in the order the phrases were given
                n = len(ws)
                for i in self.positions[ws[0]]:
                    if (n == 1 or self.words[i : i + n] == ws) and not self.opposing(i):
                        hit.append((i, i + n - 1))
            self.phrases[key] = hit
        return hit

    # What the rules' mentions are read from, before the pack's entities hide any: extract.Gate
    # asks these first, and only a sentence that has what some rule needs is tagged.
    @cached_property
    def dates(self) -> bool:
        """A date or a range: a date frame's need ("the same day" is one without a date before it)."""
        return any(x.kind != "duration" for x in timex.find(self.text)) or bool(timex.derived(self.text, ()))

    @cached_property
    def date_leads(self) -> frozenset[str]:
        """The words right before where a date can start: the tagger's dates are some of timex.find's
        and those timex.derived reads off them (a bounding preposition counts only right before its
        date: extract._window_edge)."""
        starts = [x.start for x in timex.find(self.text)] + timex.derived_starts(self.text)
        return frozenset(self.words[i] for i in (bisect.bisect_right(self.ends, a) - 1 for a in starts) if i >= 0)

    @cached_property
    def spans_days(self) -> bool:
        """A range, or a day that bounds the event by itself ("the third day of the drill")."""
        return any(x.kind == "range" or x.rel[:1] == ("event_day",) for x in timex.find(self.text))

    @cached_property
    def previous_phrases(self) -> tuple[re.Match, ...]:
        """The phrases that name an earlier edition ("a similar exercise"): a cue for every pack."""
        return tuple(_PREVIOUS_RX.finditer(self.lower))

    @cached_property
    def previous(self) -> bool:
        return bool(self.previous_phrases)

    @cached_property
    def coordinates(self) -> bool:
        return next(geo.coordinates(self.text), None) is not None

    # The matches below are the same for every pack: Tagged._entities reads them from here, so a
    # sentence several packs tag is scanned for them once.
    @cached_property
    def unknown_place_names(self) -> tuple[re.Match, ...]:
        """Places named with a place noun, after a verb of crossing, or as "the town of X" ("a
        district called X"): Tagged._entities reads these whatever the pack knows."""
        return tuple(m for rx in (_PLACE_WITH_NOUN, _CROSSED_AT, _PLACE_OF) for m in rx.finditer(self.text))

    @cached_property
    def unknown_places(self) -> bool:
        return bool(self.unknown_place_names)

    @cached_property
    def area_adjective_matches(self) -> tuple[re.Match, ...]:
        """Capitalised words before a stretch of land, which may be a place's adjective ("the Corvanian
        coast": Tagged._entities asks the gazetteer's place_of_adjective)."""
        return tuple(_ADJECTIVE_AREA.finditer(self.text))

    @cached_property
    def area_adjectives(self) -> tuple[str, ...]:
        return tuple(m.group(1) for m in self.area_adjective_matches)

    @cached_property
    def capitalised_matches(self) -> tuple[re.Match, ...]:
        """The words that may be a known name misspelt (Tagged._entities asks the gazetteer's fuzzy match)."""
        return tuple(m for m in _CAPITALISED.finditer(self.text) if m.group().split()[0].lower() not in _NOT_NAMES)

    @cached_property
    def capitalised(self) -> tuple[str, ...]:
        return tuple(m.group() for m in self.capitalised_matches)

    @cached_property
    def titles(self) -> tuple[re.Match, ...]:
        """Civilian titles ("Deputy Commissioner"), which may introduce a person the pack does not know."""
        return tuple(_TITLE_RX.finditer(self.text))

    @cached_property
    def durations(self) -> bool:
        return any(x.kind == "duration" for x in timex.find(self.text))

    @cached_property
    def figures(self) -> bool:
        return bool(numbers.find(self.text))

    @cached_property
    def clocks(self) -> bool:
        return bool(clock.find(self.text))

    @cached_property
    def measures(self) -> bool:
        """A measure, or a decimal figure a magnitude may be written as ("the 6.8 quake")."""
        return bool(units.find(self.text)) or _DECIMAL.search(self.text) is not None


@lru_cache(maxsize=512)
def words_of(raw: str) -> Words:
    """A source's sentences are read against each pack in turn: the packs share their words (a
    source of more sentences than the cache holds is still read right, only slower)."""
    return Words(raw)


class Tagged:
    """Everything the extraction rules look at in one sentence. Offsets are sentence-relative."""

    def __init__(self, sentence: Sentence, pack: Pack, inherit: str | None = None):
        """`inherit`: the event the paragraph last spoke of; a pronoun opening this sentence ("It
        struck at 12:50") refers to it, and so does a bare definite description ("The exercise
        opened ...") when that event is not this one (PREVIOUS or OTHER)."""
        self.sentence = sentence
        self.inherit = inherit
        self.memo: dict[str, object] = {}  # what the frames work out once per sentence and share
        self._definite: set[int] = set()  # starts of cues that are bare definite descriptions
        self.pack = pack
        self.layout = w = words_of(sentence.text)
        self.raw, self.text, self.lower, self.tokens, self.words = w.raw, w.text, w.lower, w.tokens, w.words
        self._ends, self._positions, self._phrase_cache = w.ends, w.positions, w.phrases
        self._segments, self.clause, self._root, self._root_first, self._root_last = w.clauses
        self.headline = w.headline
        self.entities = self._entities()
        self._entity_starts = [e.start for e in self.entities]
        self._entity_at = {}
        for e in self.entities:
            self._entity_at.setdefault(e.start, e)
        spans = Spans((e.start, e.end) for e in self.entities if e.kind != "rank")
        # timex.find only where a date can stand (the same as asking it everywhere, for less)
        found = tuple(t for t in timex.find(self.text) if not spans.covers(t.start)) if anchors.DATE.in_(w) else ()
        self.timexes = sorted(found + tuple(timex.derived(self.text, found)), key=lambda x: (x.start, x.end))
        self.attributions = attribution.find(self.text, pack.gazetteer.agency_lookup)
        self.cues = self._cues()
        # A statement a reporting verb introduces ("said in a statement") dates what is said only
        # when the date stands right after it ("in a statement on Monday"); the rest is about the event.
        self._all_cue_starts = [c.start for c in self.cues]
        self._speech = [c for c in self.cues if c.speech]
        self._speech_ends = [c.end for c in self._speech]
        self._gcues = [c for c in self.cues if not c.speech]
        self._cue_starts = [c.start for c in self._gcues]
        self._cue_long = max((c.end - c.start for c in self._gcues), default=0)
        self.places = [e for e in self.entities if e.kind == "place" and not self._opens_agency(e)]
        self._place_starts = [e.start for e in self.places]

    # -- token geometry -----------------------------------------------------------------------
    def tok(self, offset: int) -> int:
        """Index of the token at or after a character offset."""
        return bisect.bisect_right(self._ends, offset)

    def tok_before(self, offset: int) -> int:
        """Index of the last token ending at or before an offset (-1 if none)."""
        return bisect.bisect_right(self._ends, offset) - 1

    def clause_of(self, i: int) -> int:
        n = len(self.clause)
        return self._root[self.clause[min(i, n - 1)]] if n else 0

    def same_clause(self, i: int, j: int) -> bool:
        return self.clause_of(i) == self.clause_of(j)

    def not_done(self, i: int, j: int) -> bool:
        """The verb phrase of tokens i..j tells of nothing the event did: it is denied ("never
        came ashore in X", "did not strike X"), or a passive whose doer follows *by* ("was hit by a
        falling branch"; when the doer is the event, its own noun names it there)."""
        k = i
        while k > 0 and i - k < 3 and not re.search(r"[^\w\s'-]", self.lower[self.tokens[k - 1][1] : self.tokens[k][0]]):
            k -= 1
            if self.words[k] in lang.NEGATIONS:
                return True
        k = i - 1 - (i > 1 and self.words[i - 1].endswith("ly"))  # "was fatally struck by"
        return k >= 0 and self.words[k] in lang.BE_FORMS and j + 1 < len(self.words) and self.words[j + 1] == "by"

    def sorted_phrases(self, phrases) -> tuple[list[tuple[int, int]], list[int], int]:
        """find_phrases in sentence order, their first tokens, and the longest phrase's length."""
        key = ("sorted index", tuple(phrases))
        cache = self.memo if getattr(self, "places", None) else self._phrase_cache  # place names hide words per pack
        hit = cache.get(key)
        if hit is None:
            spans = sorted(self.find_phrases(key[1]))
            hit = cache[key] = (spans, [sp[0] for sp in spans],
                                             max((sp[1] - sp[0] + 1 for sp in spans), default=0))
        return hit

    def phrases_near(self, phrases, start: int, end: int, reach: int) -> list[tuple[int, int]]:
        """The occurrences of the phrases at most `reach` tokens from a mention (char span), in
        sentence order, whatever the clause: a superset of those `distance` puts within reach."""
        spans, starts, longest = self.sorted_phrases(phrases)
        if not spans or reach < 0:
            return []
        a = self.tok(start)
        b = max(a, self.tok_before(end))
        lo = bisect.bisect_left(starts, a - reach - longest)
        hi = bisect.bisect_right(starts, b + reach + 1)
        return spans[lo:hi]

    def find_phrases(self, phrases) -> list[tuple[int, int]]:
        """Token spans (first, last) of each occurrence of the given words or phrases; not a word
        inside a place's name ("death" in "Death Flats", "fire" in "Fire Point"): a name says nothing."""
        hit = self.layout.find_phrases(phrases)
        if not getattr(self, "places", None) or not hit:  # (asked while tagging, before places are known)
            return hit
        key = ("outside places", tuple(phrases))
        out = self.memo.get(key)  # per sentence and pack: the layout's cache is shared by every pack
        if out is None:
            out = self.memo[key] = [sp for sp in hit if not self._in_place_name(sp)]
        return out

    def _in_place_name(self, sp: tuple[int, int]) -> bool:
        a, b = self.tokens[sp[0]][0], self.tokens[sp[1]][1]
        q = self.place_at(a)
        return q is not None and b <= q.end and (q.start, q.end) != (a, b)

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
        """Token distance to the nearest occurrence of the phrases in the mention's clause (with
        `within`, only one that close). Scans outwards from the mention and stops at the clause's edge
        or once nothing nearer can come, so a long sentence stays linear."""
        spans, starts, longest = self.sorted_phrases(phrases)
        if not spans:
            return None
        a = self.tok(start)
        b = max(a, self.tok_before(end))
        own = self.clause_of(a)
        first, last = self._root_first.get(own, 0), self._root_last.get(own, len(self.tokens))
        best = None
        j = bisect.bisect_right(starts, b)
        for sp in spans[j:] if not before_only else ():  # the first one after it in its clause is the nearest
            if sp[0] > last:
                break
            best = self.distance(sp, start, end)
            if best is not None:
                break
        for i in range(j - 1, -1, -1):
            sp = spans[i]
            if best is not None and a - (sp[0] + longest - 1) - 1 > best:
                break  # even the longest phrase starting here ends too far back
            if sp[0] < first:
                break  # an earlier clause: so is everything before it
            if before_only and sp[1] >= a:
                continue
            d = self.distance(sp, start, end)
            if d is not None and (best is None or d < best):
                best = d
        return best if within is None or best is None or best <= within else None

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
        k = bisect.bisect_right(self._speech_ends, start)
        if k:
            c = self._speech[k - 1]
            if self._segment(c.start) == self._segment(start) and self.tok(start) - self.tok_before(c.end) - 1 <= SPEECH_REACH \
                    and not _THAT.search(self.lower, c.end, start) and not _SAYS.match(self.lower, c.end, start):
                return c  # not what "said in a statement that ..." goes on to report
        cues, starts = self._gcues, self._cue_starts
        k = bisect.bisect_right(starts, start)  # cues[:k] start at or before the mention
        for i in range(k - 1, -1, -1):  # the last cue (in order) that contains the mention
            c = cues[i]
            if c.start + self._cue_long < end:
                break
            if end <= c.end:
                return c
        first_after = bisect.bisect_left(starts, end)
        if _COMMA_WHEN.match(self.text, end):  # "since November 2012, when ... at the Smith plant"
            seg = self._segment(end + 2)
            for c in cues[first_after:]:
                s = self._segment(c.start)
                if s == seg:
                    return c
                if s > seg:
                    break
        seg = self._segment(start)
        last_before = None  # the last cue in order that ends before the mention
        for i in range(k - 1, -1, -1):
            c = cues[i]
            if c.end <= start:
                last_before = c
                break
            if c.start + self._cue_long < start:
                break
        for i in range(k - 1, -1, -1):  # the last one before it in its segment
            c = cues[i]
            if self._segment(c.start) < seg:
                break
            if c.end <= start and self._segment(c.start) == seg:
                return c
        for c in cues[first_after:]:  # else the next one in its segment
            s = self._segment(c.start)
            if s == seg:
                if _BASELINE.search(self.lower, end, c.start):
                    break  # "61%, up four points from the last election": what it is compared with
                if c.subject == OTHER and self.words[self.tok_before(c.end)] in lang.OTHER_ACTIVITIES \
                        and _PURPOSE.search(self.lower, max(0, c.start - 40), c.start):
                    continue  # "500 doses ... for a mass immunisation campaign": what they are for, not where counted
                return c
            if s > seg:
                break
        if last_before is None and first_after < len(cues):
            return self._accompanying(cues[first_after])
        return last_before

    def _accompanying(self, c: Cue) -> Cue | None:
        """A cue that opens a clause a conjunction of time or cause adds after what came before, as its
        subject ("At least four people have been killed, officials said, as the storm kept battering
        the coast"): with no event before it, what the sentence tells happened with that event."""
        s = self._segment(c.start)
        if not s:
            return None
        b = self._segments[s - 1]
        m = _ACCOMPANYING.match(self.lower, b)
        return c if m and self.tok(c.start) - self.tok(m.end()) <= 1 else None

    def _segment(self, offset: int) -> int:
        return bisect.bisect_right(self._segments, offset)

    def subject_of(self, start: int, end: int) -> str | None:
        c = self.governing(start, end)
        return c.subject if c else None

    @property
    def carried(self) -> str | None:
        """The event the paragraph spoke of last, when this sentence names none at all ("The quake
        struck at dawn. The death toll rose to 16, officials said."): what a count in it is about."""
        return None if self._gcues else self.inherit

    @property
    def cue_starts(self) -> list[int]:
        """The cues' starts (statements included), in order."""
        return self._all_cue_starts

    def first_cue_from(self, offset: int) -> Cue | None:
        """The first cue (statements included) starting at or after a character offset."""
        k = bisect.bisect_left(self._all_cue_starts, offset)
        return self.cues[k] if k < len(self.cues) else None

    def place_at(self, offset: int) -> Mention | None:
        """The place whose span holds a character offset (entities never overlap)."""
        k = bisect.bisect_right(self._place_starts, offset)
        return self.places[k - 1] if k and offset < self.places[k - 1].end else None

    @cached_property
    def place_ending(self) -> dict[int, Mention]:
        """The first place ending at each character offset."""
        out: dict[int, Mention] = {}
        for q in self.places:
            out.setdefault(q.end, q)
        return out

    @cached_property
    def date_tokens(self) -> list[int]:
        """First tokens of the dates and ranges, sorted: what may stand between a trigger and a date."""
        return sorted(self.tok(y.start) for y in self.timexes if y.kind != "duration")

    @cached_property
    def time_spans(self) -> list[tuple[int, int]]:
        """Where the sentence's dates and clock times stand."""
        return [(x.start, x.end) for x in self.timexes if x.kind != "duration"] + [
            (c.start, c.end) for c in (clock.find(self.text) if anchors.CLOCK.in_(self.layout) else ())]

    @cached_property
    def subjects(self) -> set[str]:
        return {c.subject for c in self.cues}

    # -- tagging ------------------------------------------------------------------------------
    def _opens_agency(self, e: Mention) -> bool:
        """The place opens the name of one of the pack's agencies ("Essex Police confirmed ...",
        "the Tarsk fire service said"): it names who speaks, not where anything happened."""
        agency = self.pack.gazetteer.agency_lookup
        m = _WORDS_AFTER.match(self.text, e.end)
        if agency is None or m is None:
            return False
        words = m.group().split()
        return any(agency(self.text[e.start : e.end] + " " + " ".join(words[:k])) for k in range(1, len(words) + 1))

    def _entities(self) -> list[Mention]:
        gaz = self.pack.gazetteer
        found = gaz.find(self.text)
        found += self._edition_names(found)
        taken = Spans((m.start, m.end) for m in found)

        def free(a, b):
            return not taken.overlaps(a, b)

        # Places the pack does not know, named with a place noun ("the Colmar district"), after a
        # verb of crossing, as "the town of Colmar" or "a district called Colmar".
        for m in self.layout.unknown_place_names:
            self._unknown(m, "n", "place", free, taken, found)
        # A nationality adjective before a stretch of land stands for its place ("the Corvanian coast").
        for m in self.layout.area_adjective_matches:
            canon = gaz.place_of_adjective(m.group(1))
            if canon and free(m.start(1), m.end(1)):
                found.append(Mention("place", m.start(1), m.end(1), Entity("place", canon)))
                taken.add(m.start(1), m.end(1))
        # Known names misspelt: a dropped or doubled letter ("Karabbakh"), an apostrophe ("Ma'dani").
        for m in self.layout.capitalised_matches:
            if free(m.start(), m.end()):
                for kind in ("person", "place") if " " in m.group() else ("place",):
                    canon = gaz.fuzzy(kind, m.group())
                    if canon:
                        found.append(Mention(kind, m.start(), m.end(), Entity(kind, canon)))
                        taken.add(m.start(), m.end())
                        break
        # A rank is not one inside a title ("Director General", "Secretary General").
        found = [m for m in found if not (m.kind == "rank" and _NOT_RANK_BEFORE.search(self._tail(m.start)))]
        taken = Spans((m.start, m.end) for m in found)
        # People the pack does not know, introduced by a rank or a civilian title
        # ("Major General Aziz Nasirzadeh", "Deputy Commissioner Abdul Karim Mollah").
        ranks = [m for m in found if m.kind == "rank"]
        titles = [Mention("title", m.start(), m.end(), Entity("rank", m.group()))
                  for m in self.layout.titles if free(m.start(), m.end())]
        for r in ranks + titles:
            m = _NAME_AFTER_RANK.match(self.text, r.end)
            if m and r.start < len(self.text) and self.text[r.start].isupper():
                a, b = m.start("n"), m.end("n")
                name = self.text[a:b]
                canon = gaz.fuzzy("person", name)
                if free(a, b) and (canon or len(name.split()) >= 2):
                    ent = Entity("person", canon) if canon else gaz.canonical("person", name)
                    found.append(Mention("person", a, b, ent))
                    taken.add(a, b)
        found.sort(key=lambda m: m.start)
        rank_ends = sorted((r.end, k) for k, r in enumerate(ranks))
        rank_at = {}
        for r in ranks:
            rank_at.setdefault(r.start, r)
        return [self._with_rank(m, ranks, rank_ends, rank_at) if m.kind == "person" else m for m in found]

    def _tail(self, offset: int, reach: int = 80) -> str:
        """The lower-cased text just before an offset, for patterns anchored at its end ("...\\s*$"):
        a bounded look-back, so that asking costs the same anywhere in a long sentence."""
        a = offset
        while a > 0 and self.lower[a - 1].isspace():
            a -= 1
        return self.lower[max(0, a - reach) : offset]

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
        taken.add(a, b)

    def _edition_names(self, found: list[Mention]) -> list[Mention]:
        """The event's name with another year is another edition ("Expo 2024" beside "Expo 2025")."""
        out = []
        known = Spans((f.start, f.end) for f in found)
        for rx, own_year in self.pack.patterns.editions:
            for hit in rx.finditer(self.text):
                year = int(hit.group(1))
                if year < own_year and not known.covers(hit.start()):
                    out.append(Mention("previous_name", hit.start(), hit.end(),
                                       Entity("name", fold(hit.group()))))
        return out

    def _with_rank(self, m: Mention, ranks: list[Mention], rank_ends, rank_at) -> Mention:
        gap = m.start  # a rank right before the name, only spaces between ("Major General X")
        while gap > 0 and self.text[gap - 1].isspace():
            gap -= 1
        right_before = [k for _, k in rank_ends[bisect.bisect_left(rank_ends, (gap, -1)) :
                                               bisect.bisect_right(rank_ends, (m.start, len(ranks)))]]
        if right_before:
            return Mention(m.kind, m.start, m.end, m.entity, rank=ranks[min(right_before)])
        ap = _APPOSITIVE_RANK.match(self.text, m.end)
        if ap and ap.end() in rank_at:
            return Mention(m.kind, m.start, m.end, m.entity, rank=rank_at[ap.end()])
        return m

    def _cues(self) -> list[Cue]:
        pack = self.pack
        cues = []
        wholes: set[int] = set()  # "51.7% of the vote": the whole a share is of
        spoken = Spans((a.start, a.end) for a in self.attributions)  # who said it: "according to X"
        for e in self.entities:
            if e.kind == "name":
                cues.append(Cue(e.start, e.end, EVENT, e))
            elif e.kind == "previous_name":
                cues.append(Cue(e.start, e.end, PREVIOUS, e))
            elif e.kind == "other_name":
                cues.append(Cue(e.start, e.end, OTHER, e))
        for m in pack.patterns.nouns.finditer(self.lower):
            nxt = _NEXT_WORD.match(self.lower, m.end())
            if nxt and nxt.group(1) in lang.COMPOUND_HEADS:
                continue  # "the fire service", "the exercise area"
            if self.raw[m.start()].isupper() and spoken.covers(m.start()):
                continue  # a word of a speaker's name ("the National Earthquake Center said")
            if _OPPOSING_BEFORE.search(self.lower, max(0, m.start() - 12), m.start()):
                cues.append(Cue(self._noun_subject(m.start(), m.end())[1], m.end(), OTHER))
                continue  # "a counter-protest nearby": the other side's
            named = self._titled_other(m.start(), m.end())
            if named is not None:  # "since Cyclone Orla in November 2007", "the Pine Ridge Fire of 2020"
                cues.append(Cue(named[0], named[1], OTHER))
                continue
            subject, start = self._noun_subject(m.start(), m.end())
            if subject is None and (self.headline or _PARTICIPATE.search(self.lower[max(0, m.start() - 30) : m.start()])):
                subject = EVENT  # "to join drills", "took part in exercises", "27 killed as fire guts factory"
            if subject:
                cues.append(Cue(start, m.end(), subject))
                if _SHARE_OF.search(self.lower, max(0, m.start() - 24), m.start()):
                    wholes.add(start)
        for sp in self.find_phrases(pack.secondary):  # "a 6.1-magnitude aftershock": a smaller event that follows
            a, b = self.tokens[sp[0]][0], self.tokens[sp[1]][1]
            subject, start = self._noun_subject(a, b)
            cues.append(Cue(start, b, subject if subject in (PREVIOUS, OTHER) else SECONDARY))
        by_last = {self.tok_before(c.end): c for c in cues}  # the noun cues so far, by their last token
        for sp in self.find_phrases(pack.verbs):  # the pack's own verbs: "special forces drilled"
            if sp[0] > 0 and self.words[sp[0] - 1] in lang.IDIOM_SUBJECTS or self.not_done(*sp):
                continue  # "tragedy struck", "never came ashore", "was hit by a branch": not the event
            back = self.words[max(0, sp[0] - 4) : sp[0]]  # "another train derailed" is another event
            subject = OTHER if any(w in lang.OTHER_MARKERS for w in back) else (
                PREVIOUS if any(w in lang.PREVIOUS_MARKERS for w in back) else EVENT)
            if subject == EVENT and any(w in pack.secondary for w in back[-2:]):
                subject = SECONDARY  # "an aftershock struck at ...": the verb is the aftershock's
            if subject == EVENT and self._opposing_subject(sp[0]):
                subject = OTHER  # "Counter-protesters marched to the bridge": the other side's march
            noun = by_last.get(sp[0] - 1)
            head = self._head_of_agent(noun, by_last) if noun is not None else None
            if head is not None:
                subject = head.subject  # "A quake, followed by aftershocks struck X": the quake struck
            elif noun is not None and noun.subject != EVENT:
                subject = noun.subject  # "a separate fast-moving grass fire broke out": the noun's verb
            elif subject == EVENT and (self._dated_before_event(sp[0]) or (  # "a train derailed there in 2018"
                    self._indefinite_before(sp[0]) and self._coarsely_dated(sp[0]))):  # "A warehouse gave way in March"
                subject = OTHER if self._outsiders_in_clause(sp[0]) else PREVIOUS
            subject = self._named_after(self.tokens[sp[1]][1], near=True) or subject  # "derailed near Lyon", Lyon an earlier event's name
            cues.append(Cue(self.tokens[sp[0]][0], self.tokens[sp[1]][1], subject))
        for sp in self.find_phrases(pack.patterns.activities):
            said = spoken.covers(self.tokens[sp[0]][0])  # "according to a statement by X": whose words
            if said and self.words[sp[1]] not in _STATEMENTS:
                continue  # not another happening
            j = sp[0]  # widen to "an official visit", "Lavrov's meeting"
            while j > 0 and sp[0] - j < 3:
                w = self.words[j - 1]
                if w in lang.DETERMINERS or w.endswith("'s"):
                    j -= 1
                    break
                if w not in lang.EVENT_NOUN_MODIFIERS and w not in lang.ACTIVITY_MODIFIERS:
                    break
                j -= 1
            # "said in a statement on Monday", "told a press conference": where it was said, dated only there
            speech = said or self.words[sp[1]] in _STATEMENTS or (
                self.words[sp[1]] == "conference" and self.words[sp[1] - 1] in _BRIEFED)
            cues.append(Cue(self.tokens[j][0], self.tokens[sp[1]][1], OTHER, speech=speech))
        for m in self.layout.previous_phrases:
            cues.append(Cue(m.start(), m.end(), PREVIOUS))
        opening = self._opens_earlier() if not cues else None
        if opening is not None:  # "In 2019, a crane collapsed, killing nine": another, earlier happening's figures
            cues.append(Cue(*opening, OTHER))
        # A cue inside a larger one ("the exercise" in "a previous edition of the exercise") is
        # read as part of it.
        cues.sort(key=lambda c: (c.start, c.end))
        starts, longest = [c.start for c in cues], max((c.end - c.start for c in cues), default=0)

        def inside_larger(c: Cue) -> bool:
            for o in cues[bisect.bisect_left(starts, c.end - longest) : bisect.bisect_right(starts, c.start)]:
                if o is not c and c.end <= o.end and (o.end - o.start) > (c.end - c.start):
                    return True
            return False

        cues = [c for c in cues if not inside_larger(c)]
        if wholes:  # "an exit poll projected X would win 51.7% of the vote, to 39.3% for Y": the poll's vote
            last = None
            for k, c in enumerate(cues):
                if c.start in wholes and c.subject == EVENT:
                    if last is not None and last.subject in (PREVIOUS, OTHER, SECONDARY):
                        cues[k] = Cue(c.start, c.end, last.subject)
                elif not c.speech:
                    last = c
        earlier = self._earlier_when()
        if earlier:  # "the deadliest since 2011, when 31 died in a collision": that collision is an earlier event
            cues = [Cue(c.start, c.end, PREVIOUS, c.name, c.speech) if c.subject == EVENT and not c.speech and
                    any(a <= c.start < b for a, b in earlier) else c for c in cues]
        pronoun = self._pronoun() if self.inherit else None
        if pronoun is not None:  # "It struck at 12:50": the pronoun, and the verb it is the subject of
            cues.insert(bisect.bisect_left([c.start for c in cues], pronoun[0]), Cue(*pronoun, EVENT))
            self._definite.add(pronoun[0])
            self._definite.update(c.start for c in cues if pronoun[1] < c.start and
                                  self.tok(c.start) - self.tok(pronoun[1]) <= 2 and c.name is None)
        if self.inherit:  # definite descriptions before the sentence names an event itself refer back
            for k, c in enumerate(cues):
                if c.start not in self._definite or c.subject != EVENT:
                    break
                if self.inherit in (PREVIOUS, OTHER) or c.start == (pronoun or (-1,))[0]:
                    cues[k] = Cue(c.start, c.end, self.inherit, c.name, c.speech, inherited=True)
        return cues

    def _titled_other(self, a: int, b: int) -> tuple[int, int] | None:
        """An event noun written with a capital as part of a name that is not the event's: "Cyclone
        Orla", "Hurricane Belza", "the Pine Ridge Fire" (the event's own names are found before, and a
        name of a place the pack knows, "the Oltan Earthquake", is no other event). Not in a line
        set in title case, where every word has a capital."""
        if not self.raw[a].isupper() or self._title_case:
            return None
        after = re.match(r"\s+([A-Z][a-z'\-]+)", self.raw[b:])
        before = re.search(r"([A-Z][a-z'\-]+)\s+$", self.raw[max(0, a - 40) : a])
        for m, span in ((after, (a, b + (after.end() if after else 0))),
                        (before, (a - (len(before.group()) if before else 0), b))):
            if m is None:
                continue
            w = m.group(1)
            lw = w.lower()
            if lw in lang.MONTHS or lw in lang.WEEKDAYS or lw in _NOT_NAMES or w in lang.TITLES or lw in lang.COMPOUND_HEADS:
                continue
            if any(e.kind != "rank" for e in self._entities_in(span[0], span[1])):
                continue  # a known place or name: the event's own, or the pack's reading of it
            if m is before and span[0] == 0:
                continue  # the sentence's first word has a capital anyway
            return span
        return None

    @cached_property
    def _title_case(self) -> bool:
        """A line with a capital on most words (a headline in title case): capitals name nothing there."""
        words = [self.raw[x] for x, _ in self.tokens if self.raw[x].isalpha()]
        return len(words) >= 3 and sum(c.isupper() for c in words) > 0.6 * len(words)

    @cached_property
    def _event_year(self) -> int | None:
        """The event's year: the earliest the pack names (a date before it tells of something else)."""
        return min(self.pack.years, default=None)

    def _before_event_year(self, x) -> bool:
        """Timex x is a date whose year is before the event's ("in 2019", "the 2008 earthquake")."""
        y = getattr(x.value, "year", None)
        return x.kind == "date" and y is not None and self._event_year is not None and y < self._event_year

    def _earlier_when(self) -> list[tuple[int, int]]:
        """Spans of the clauses that tell what happened at an earlier time: "since 2011, when ...",
        "in 2019, when ..." (a year before the event's), up to the clause's end."""
        out = []
        for x in self.timexes:
            m = _COMMA_WHEN.match(self.text, x.end)
            if m is None or x.kind != "date":
                continue
            before = self.lower[max(0, x.start - 6) : x.start]
            year_only = x.value.year is not None and x.value.month is None
            if before.endswith("since ") or (before.endswith("in ") and year_only and self._before_event_year(x)):
                a = m.end() - 4
                k = bisect.bisect_right(self._segments, a)
                out.append((a, self._segments[k] if k < len(self._segments) else len(self.text)))
        return out

    def _pronoun(self) -> tuple[int, int] | None:
        """A subject pronoun opening the sentence or its subject after an opening adverbial ("It
        opened on Tuesday", "On Monday, they began"), as (start, end), when its verb is one an event
        does: the event's own, one that starts, ends or holds things, or a rule's trigger ("It
        struck", "They were held", "It killed"); not "They were taken to hospital", "It is unclear"."""
        i = self.subject_start
        if i >= len(self.words) or self.words[i] not in PRONOUNS:
            return None
        k = i + 1
        while k < len(self.words) and (self.words[k] in _AUXILIARIES or self.words[k].endswith("ly")):
            k += 1
        verbs = self.pack.verbs + lang.START_WORDS + lang.START_PHRASES + lang.END_WORDS + lang.END_PHRASES + lang.DURATION_WORDS + \
            lang.PLACE_VERBS + tuple(w for tp in self.pack.topics.values() for r in tp.rules for w in r.triggers)
        if not any(sp[0] == k for sp in self.spans_near(verbs, k, k)):
            return None
        return self.tokens[i]

    @property
    def last_event(self) -> str | None:
        """The event this sentence speaks of last (for the next sentence's definite descriptions)."""
        spoken = [c for c in self.cues if not c.speech]
        return spoken[-1].subject if spoken else None

    def _head_of_agent(self, noun: Cue, by_last: dict) -> Cue | None:
        """The noun before ", followed by" when `noun` is that participle's agent, else None."""
        m = _AGENT_OF.search(self.lower, max(0, noun.start - 40), noun.start)
        return by_last.get(self.tok_before(m.start(1))) if m else None

    def _opposing_subject(self, verb: int) -> bool:
        """The sentence's subject, before token `verb`, is the opposing side ("Counter-protesters, ...")."""
        i = self.subject_start
        return i < verb and any(self.layout.opposing(k) for k in range(i + 1, min(i + 4, verb)))

    def _noun_subject(self, start: int, end: int) -> tuple[str | None, int]:
        """Read the words before an event noun back to its determiner: whose event is it?"""
        i = self.tok(start)
        j, det, mods = i - 1, None, []
        lo = self.subject_start if i >= self.subject_start else 0  # not back into an opening time adverbial
        while j >= lo and i - j <= 6 and self.same_clause(j, i):
            w = self.words[j]
            gap = self.text[self.tokens[j][1] : self.tokens[j + 1][0]]
            if "," in gap and not (gap == "," and w.isdigit() and self.words[j + 1].isdigit()):
                break  # "had burst hours earlier, flooding much of X": no modifier of the noun (but "a 17,000-acre fire")
            if w in lang.DETERMINERS:
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
                     or w in units.WORDS  # "the 7.2-magnitude quake", "a 10-km-deep quake"
                     or self.text[a - 1 : a] == "-")  # "the four-day drill": hyphenated to the word before
            if not known and self._plain_modifier(j) and self._determined(j, i):
                known = True  # words of any kind up to a determiner: "the lakeside water summit"
            if w in _STOP_BACK or not known:
                break
            mods.append(w)
            j -= 1
        first = self.tokens[j][0] if det else (self.tokens[i - len(mods)][0] if mods else start)
        if det and det.endswith("'s") and j > 0 and self.words[j - 1] in ("last", "this"):
            first = self.tokens[j - 1][0]  # "last night's rally", "this morning's march": the day is in the phrase
        first = self._name_start(first)  # "the "Hold the Line" march": the name's own "the" is no determiner
        names = [e for e in self._entities_in(first, end) if e.kind in ("name", "previous_name", "other_name")]
        if not names and self._since_dated(first, end):
            return PREVIOUS, first  # "the deadliest since the Varesk earthquake in November 2007"
        if any(e.kind == "other_name" for e in names):
            return OTHER, first
        if any(e.kind == "previous_name" for e in names):
            return PREVIOUS, first
        if any(w in lang.PREVIOUS_MARKERS for w in mods):
            return PREVIOUS, first
        named_after = self._named_after(end)  # "a blaze at the Smith plant"
        if named_after:
            return named_after, first
        if any(w in lang.OTHER_MARKERS for w in mods) or det in ("another",) or self._compared(i):
            return OTHER, first
        if not names:
            edition = self._named_edition(mods, first, start)
            if edition:
                return edition, first
        if self._with_outsider(start, end, first) or (det is None and self._compared(i)):
            return OTHER, first
        if det in ("a", "an") and not names and (self._dated_before_event(i) or self._coarsely_dated(i)):
            # "a deadly flood hit the province in 2019": an earlier one; another event when people of
            # a country that does not take part hold it ("Corvanian troops held a joint drill in 2023")
            return (OTHER if self._outsiders_in_clause(i) else PREVIOUS), first
        if det or names or any(w in lang.EVENT_MARKERS for w in mods):
            if det in ("the", "that") and not names and not any(w in lang.EVENT_MARKERS for w in mods):
                self._definite.add(first)  # "the exercise", "that drill": may refer back
            return EVENT, first
        head = self.subject_start
        if j < 0 or (i - len(mods) == head):
            return EVENT, self.tokens[head][0]  # the bare subject of the sentence: "Heavy flooding since Saturday ..."
        if self._bare_subject(i):
            return EVENT, self.tokens[head][0]
        if self._clause_subject(j, end):  # "... after flash flooding killed 24 people"
            return (PREVIOUS if self._dated_before_event(i) else EVENT), first
        if j >= 0 and (self.words[j] in lang.REPORTING_VERBS or (
                self.words[j] == "that" and j and self.words[j - 1] in lang.REPORTING_VERBS)):
            return EVENT, first  # the subject of what is said: "officials said catastrophic flooding since ..."
        return None, first

    @cached_property
    def subject_start(self) -> int:
        """The first token of the sentence's subject: 0, or the one after an opening time adverbial
        set off by a comma ("On Saturday night, flash floods ...", "Shortly after 9 pm on Monday, ...")."""
        comma = self.text.find(",", 0, 80)
        if comma < 0:
            return 0
        times = Spans(self.time_spans)
        lead = [k for k in range(self.tok_before(comma) + 1) if not times.covers(self.tokens[k][0])]
        if len(lead) == self.tok_before(comma) + 1 or any(self.words[k] not in _TIME_LEAD for k in lead):
            return 0
        return min(self.tok(comma), len(self.tokens) - 1)

    def _opens_earlier(self) -> tuple[int, int] | None:
        """The span of an opening "In 2019," or "Back in March 2015," when its year is before the
        event's: a sentence that names no event and opens so tells of something else, earlier."""
        if self._event_year is None:
            return None
        for x in self.timexes:
            if x.start > 24:
                break
            if self._before_event_year(x) and _OPENING_TIME.fullmatch(self.lower, 0, x.start) \
                    and _COMMA_AFTER.match(self.text, x.end):
                return 0, x.end
        return None

    def _since_dated(self, first: int, end: int) -> bool:
        """An event noun phrase right after "since" that a year before the event's follows ("since
        the Varesk earthquake in November 2007", "since the quake of 2011") is the earlier event the
        one reported is measured against; "since the quake (on Monday)" is the time since this one."""
        k = self.tok(first) - 1
        if k < 0 or self.words[k] != "since":
            return False
        m = _DATED_AFTER.match(self.text, end)
        return m is not None and any(
            x.start == m.end() and x.kind == "date" and getattr(x.value, "year", None) is not None
            and (self._event_year is None or self._before_event_year(x)) for x in self.timexes)

    def _dated_before_event(self, i: int) -> bool:
        """Token i's clause dates it to a year before the event's ("a flood hit the province in
        2019"), or to a year before the report's, which is the event's time ("last year", "two years
        ago"); not since then ("a drill planned since 2023", "the deadliest since the quake of 2011")."""
        for x in self.timexes:
            earlier = self._before_event_year(x) or (
                x.kind == "date" and getattr(x.value, "year", None) is None and x.rel[:1] == ("years",) and x.rel[1] < 0)
            k = self.tok(x.start)
            if earlier and self.same_clause(k, i) \
                    and "since" not in self.words[min(i, k) : max(i, k)]:  # "the worst since the 2011 quake": what it is measured against
                return True
        return False

    def dated_earlier(self, end: int) -> bool:
        """A figure dated by "in" right after it to a year before the event's ("the rate recorded
        58.6% in 1995", "a record 12,480 votes in 2022"): an earlier time's figure, not the event's."""
        m = _FIGURE_DATED.match(self.lower, end)
        return m is not None and any(x.start == m.end() and self._before_event_year(x) for x in self.timexes)

    def earlier_subject(self, a: int) -> bool:
        """The figure at `a` stands in a clause whose subject a year before the event's modifies
        ("The 2008 earthquake killed 4,300 people", "the 1999 floods left 300 dead"): background
        about an earlier happening, its figures not the event's."""
        years = self.memo.get("earlier year modifiers")
        if years is None:
            years = self.memo["earlier year modifiers"] = [
                x.start for x in self.timexes if self._before_event_year(x)
                and _YEAR_MODIFIER.fullmatch(self.lower, x.start, x.end)
                and _DETERMINER_BEFORE.search(self.lower, max(0, x.start - 8), x.start)
                and _NOUN_AFTER.match(self.lower, x.end)]
        return any(y < a and self.same_clause(self.tok(y), self.tok(a)) for y in years)

    def dated_to_a_month(self, a: int) -> bool:
        """A figure whose clause dates it by "in" after it to a month and no day ("killed at least 11 in
        July"), or a bare event noun opening the sentence so dated ("Floods in July and August have
        affected 210,000"): news dates its event's figures to the day or to the report, so this is a
        tally of a longer or earlier time, not the event's. Not with a year ("the floods of March 2024
        killed 40": how a later article names its event)."""
        i = self.tok(a)
        for x, at in self._months_after_in():
            if self.same_clause(self.tok(x.start), i) and (x.start > a or self._opening_noun_before(at)):
                return True  # not "collapsed in X in June, killing 14": the event dated as a whole
        return False

    def _months_after_in(self) -> list:
        """The sentence's dates that give a month alone after "in", with where that "in" stands."""
        hit = self.memo.get("months after in")
        if hit is None:
            hit = self.memo["months after in"] = []
            for x in self.timexes:
                if _month_alone(x) and (at := _IN_MONTH.search(self.lower, max(0, x.start - 12), x.start)):
                    hit.append((x, at.start()))
        return hit

    def seasonal(self, x) -> bool:
        """A month of "Floods in July and August ...": a bare event noun opening the sentence dated by
        "in" to months only tells of a season's events, so those months are not the event's date."""
        hit = self.memo.get("seasonal")
        if hit is None:
            hit = self.memo["seasonal"] = set()
            prev = None
            for y in self.timexes:
                if not _month_alone(y):
                    prev = None
                    continue
                at = _IN_MONTH.search(self.lower, max(0, y.start - 12), y.start)
                if (prev is not None and _MONTH_JOIN.fullmatch(self.lower, prev.end, y.start)) \
                        or (at and self._opening_noun_before(at.start())):
                    hit.add(y.start)
                    prev = y
                else:
                    prev = None
        return x.start in hit

    def _opening_noun_before(self, offset: int) -> bool:
        """A bare event noun that opens the sentence ends right before offset ("Floods in July ...")."""
        k = self.tok_before(offset)
        return k < 3 and self.words[k] in self.pack.nouns and not any(w in lang.DETERMINERS for w in self.words[:k])

    def _coarsely_dated(self, i: int) -> bool:
        """In a paragraph that has told of the event, token i's clause dates what it tells only to a
        month ("in March", "last month"): news dates its event to the day, so a new indefinite
        subject so dated is an earlier happening ("The block collapsed on Wednesday. A warehouse
        gave way in March, killing three")."""
        if self.inherit != EVENT:
            return False
        for x in self.timexes:
            if x.kind != "date":
                continue  # a duration has no month
            v = x.value
            coarse = (v.month is not None and v.day is None and v.weekday is None) or (
                x.rel[:1] == ("months",) and x.rel[1] < 0)
            if coarse and self.same_clause(self.tok(x.start), i) \
                    and not self.lower[max(0, x.start - 6) : x.start].endswith("since "):
                return True
        return False

    def _indefinite_before(self, k: int) -> bool:
        """The subject before the verb at token k opens with "a"/"an" ("A warehouse in Dockside gave way")."""
        for j in range(k - 1, max(-1, k - 6), -1):
            if not self.same_clause(j, k) or "," in self.text[self.tokens[j][1] : self.tokens[j + 1][0]]:
                return False
            if self.words[j] in lang.DETERMINERS or self.words[j].endswith("'s"):
                return self.words[j] in ("a", "an")
        return False

    def _outsiders_in_clause(self, i: int) -> bool:
        """A demonym in token i's clause that names no participant ("Corvanian" beside participants Oltan and Kosta)."""
        parts = [squash(p)[:4] for p in self.pack.participants]
        if not parts:
            return False
        for k, w in enumerate(self.words):
            a = self.tokens[k][0]
            if self.text[a].isupper() and _DEMONYM.search(w) and self.same_clause(k, i) \
                    and not any(squash(w).startswith(p) for p in parts):
                return True
        return False

    def _plain_modifier(self, j: int) -> bool:
        """Token j may qualify a noun after it: a lower-case word that is no function word and no verb.
        A word in -ing or -ed only right after a determiner or a known modifier ("the lingering heat
        wave", "a crowded commuter train"), not after a noun it may be the verb of ("the troops
        attending drills")."""
        w, a = self.words[j], self.tokens[j][0]
        if w in _STOP_BACK or w in lang.DETERMINERS or w in lang.VERB_FORMS or w in lang.REPORTING_VERBS \
                or w.endswith("ly") or self.text[a].isupper():
            return False
        if w.endswith(("ing", "ed")):
            before = self.words[j - 1] if j else ""
            return before in lang.DETERMINERS or before.endswith("'s") or before in lang.EVENT_NOUN_MODIFIERS
        return True

    def _determined(self, j: int, i: int) -> bool:
        """The words from token j back reach a determiner or a possessive in i's clause within the
        six words a noun phrase is read back ("the deadly offshore quake", "Friday's powerful
        tremor"); words the pack's reading does not know pass only then."""
        k = j - 1
        while k >= 0 and i - k <= 6 and self.same_clause(k, i):
            w = self.words[k]
            if w in lang.DETERMINERS or w.endswith("'s"):
                return True
            if not (self._plain_modifier(k) or w in lang.EVENT_NOUN_MODIFIERS or w.isdigit()
                    or self.text[self.tokens[k][0] - 1 : self.tokens[k][0]] == "-"):
                return False
            k -= 1
        return False

    def _compared(self, i: int) -> bool:
        """The event noun at token i is what something is compared with: "comparable to the
        devastating 2023 earthquake", "larger than the drill of 2019"."""
        back = " ".join(self.words[max(0, i - 6) : i])
        return bool(_COMPARED.search(back)) if back else False

    def _bare_subject(self, i: int) -> bool:
        """Up to three adjectives from the subject's start to the event noun: "Catastrophic flooding
        since Saturday night has ...", "Heavy rains ..."."""
        if not 0 < i - self.subject_start <= 3:
            return False
        before = self.words[self.subject_start : i]
        return not any(w in _STOP_BACK or w in lang.DETERMINERS or w.endswith("'s") or
                                                w in lang.VERB_FORMS or w.isdigit() for w in before)

    def _clause_subject(self, j: int, end: int) -> bool:
        """A bare event noun that a subordinator opens and a finite verb follows is the subject of
        that clause: "after flash floods killed 24", "since heavy flooding hit the valley"."""
        k = self.tok_before(end) + 1
        if j < 0 or self.words[j] not in lang.SUBORDINATORS or k >= len(self.words) or not self.same_clause(j, k):
            return False
        w = self.words[k]
        return w in lang.VERB_FORMS or (w.endswith("ed") and len(w) > 3)

    def _entities_in(self, a: int, b: int) -> list[Mention]:
        """Entities starting in [a, b), in order."""
        st = self._entity_starts
        return self.entities[bisect.bisect_left(st, a) : bisect.bisect_left(st, b)]

    def _named_after(self, end: int, near: bool = False) -> str | None:
        """An event noun tied to a name that is not this event's: 'a blaze at the Smith plant'
        (with `near`, a few words may come between: 'derailed, injuring three, near Lyon')."""
        m = (_NAMED_AFTER_NEAR if near else _NAMED_AFTER).match(self.text, end)
        if not m:
            return None
        e = self._entity_at.get(m.end())
        if e is not None and e.kind == "previous_name":
            return PREVIOUS
        if e is not None and e.kind == "other_name":
            return OTHER
        return None

    def _name_start(self, first: int) -> int:
        """Where a name that runs over `first` begins, else `first`."""
        for e in self._entities_in(max(0, first - 80), first):
            if e.kind in ("name", "previous_name", "other_name") and e.start < first < e.end:
                return e.start
        return first

    def _named_edition(self, mods: list[str], first: int, start: int) -> str | None:
        """A year or a quoted name in front of the noun that is not the event's own:
        'the 2024 exercise' is an earlier edition, 'the "Caucasian Eagle-2024" exercise' another event."""
        span = self.text[first:start]
        years = [int(w) for w in mods if re.fullmatch(r"(?:19|20)\d\d", w)]
        quoted = re.findall(r'"([^"]*)"', span)
        if any(re.search(r"[A-Z]", q) for q in quoted):
            return OTHER  # a quoted name; lower-case quotes are a phrase held at arm's length ("a "free speech" rally")
        if not years:
            return None
        own = sorted(self.pack.years)
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
        after = _WITH_PARTY.match(self.text, end)
        near = self._entities_in(after.end(), after.end() + 1) if after else []
        for e in self._entities_in(first, start) + near:
            if e.kind == "place" and not _is_participant(e.entity.name, parts, gaz):
                return True
        return False


def _is_participant(name: str, parts: set[str], gaz) -> bool:
    return name in parts or any(p in gaz.ancestors("place", name) for p in parts)

