"""Temporal grammar of news English: dates, ranges, weekdays, relative expressions, durations.

`find(text)` returns every time expression in a (folded) sentence with its span. Values are left
underspecified where the text is: a weekday is `Date(weekday=7)`, "May 21" is `Date(None, 5, 21)`;
`rel` records what is needed to resolve it against a reference date later (resolve.py).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import lang
from .text import any_of
from ..values import Date, Duration

# rel kinds, resolved in resolve.py:
#   ("year",)             fill the year: "May 21"
#   ("weekday", tense, mod) the weekday nearest the reference in the tense's direction
#   ("month", mod)        "last November": the month before/after the reference
#   ("years", n)          year offset: "last year" -1, "two years ago" -2
#   ("months", n)         month offset: "last month" -1
#   ("days", n)           day offset: "yesterday" -1
#   ("event_day", n)      "the third day of the drill": start + n - 1
#   ("weeks", n)          week offset: "last week" -1, "earlier this week" 0
#   ("week_of",)          "the week of 12 May": the week of that day once its year is known
#   ("month_of_day",)     "on the 14th": the month (and year) the reference gives, in the tense's direction


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    kind: str  # date | range | duration
    value: Date | Duration
    value2: Date | None = None  # end of a range
    rel: tuple = ()
    stated_weekday: int | None = None  # "Sunday, May 19": checked against the date once resolved
    approx: bool = False
    shift: int = 0  # days to add once resolved: "eight days later", "the third day of the drill"
    bound: str | None = None  # "start"/"end": this date is the event's first or last day by itself


def _month_alt() -> str:
    names = sorted(lang.MONTHS, key=len, reverse=True)
    forms = []
    for n in names:
        full = len(n) > 3 and n not in ("sept",)
        t = n.capitalize()
        forms += [t, n.upper()] if full else [t + r"\.?"]
    return "|".join(forms)


# The grammar is case-insensitive ("Last October"), but month and weekday names must be
# capitalized: "may" and "march" are verbs far more often than months.
_M = rf"(?-i:{_month_alt()})(?![a-z])"
_WD = r"(?-i:" + "|".join(w.capitalize() for w in lang.WEEKDAYS) + r")"
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d{1,3}|" + any_of(w for w in lang.NUMBER_WORDS if w not in ("a", "an")) + r")"  # longest first
_APPROX_WORDS = ("approximately", "about", "around", "roughly", "some", "nearly", "almost", "more than", "over",
                 "just over", "less than")
_APPROX = rf"(?:{any_of(_APPROX_WORDS)}\s+)"
_TO = r"\s*(?:-|to|and|until|till|through|thru)\s*"
_PREP_BEFORE_MONTH = any_of(("in since by until till through during from to early late mid of before after between and "
                             "or throughout end beginning start").split())

# A day of the month without its month ("on the 14th", "by Sunday the 3rd"): news writes it when the
# month is clear from the dateline. Only after a preposition or a weekday, with its ordinal suffix, and
# where no noun follows ("on the 14th floor", "the 3rd Battalion" are not days).
_DAY_PREP = r"(?:on|by|since|until|till|before|after|from)"
_DAY_FOLLOW = any_of({*lang.SUBORDINATORS, *lang.LOCATIVE, *"and or but when where with amid during following on for to from "
                      "against along around outside off over".split()})
_DAY_ONLY = (rf"(?:{_DAY_PREP}\s+)?(?P<body>(?:(?P<wd>{_WD}),?\s+)?the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th))"
             rf"(?:\s+of\s+(?:this|the)\s+month)?"
             rf"(?=\s*(?:[,;:.)\u2014\u2013]|$)|\s+{_DAY_FOLLOW}\b)(?!\s*(?:[.,]\d|\s+and\s+(?:final|last)\b))")

_PATTERNS = [
    ("range_dm", rf"(?:(?:from|between)\s+)?(?:the\s+)?(?P<d1>{_D}){_TO}(?:the\s+)?(?P<d2>{_D})\s+(?:of\s+)?(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?(?![\d:])"),
    ("range_md", rf"(?:(?:from|between)\s+)?(?P<m>{_M})\s+(?P<d1>{_D}){_TO}(?P<d2>{_D})(?![\d:]|\s*(?:{_M}|[ap]\.?m\b))(?:,?\s+(?P<y>{_Y}))?(?![\d:])"),
    ("range_dmdm", rf"(?P<d1>{_D})\s+(?P<m1>{_M})\s*-\s*(?P<d2>{_D})\s+(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?"),
    ("range_mdmd", rf"(?P<m1>{_M})\s+(?P<d1>{_D})\s*-\s*(?P<m>{_M})\s+(?P<d2>{_D})(?:,?\s+(?P<y>{_Y}))?"),
    ("iso", rf"(?P<y>{_Y})-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    ("dmy", rf"(?:(?P<wd>{_WD}),?\s+(?:the\s+)?)?(?P<d>{_D})\s+(?:of\s+)?(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?(?![\d:])"),
    ("mdy", rf"(?:(?P<wd>{_WD}),?\s+)?(?P<m>{_M})\s+(?P<d>{_D})(?![\d:])(?:,?\s+(?P<y>{_Y})(?!\d))?"),
    ("day_only", _DAY_ONLY),
    ("month_year", rf"(?:(?P<mod>early|mid|late|the end of|end of|the beginning of|beginning of)[\s-]+)?(?P<m>{_M})(?:\s+of)?,?\s+(?P<y>{_Y})(?!\d)"),
    ("month_rel_year", rf"(?P<m>{_M})\s+(?:of\s+)?(?P<rel>last|this|next|the previous|the following)\s+year"),
    ("rel_month", rf"(?P<rel>last|this|next|past|previous|coming)\s+(?P<m>{_M})"),
    ("feast", r"(?-i:(?P<f>" + "|".join(re.escape(f).replace("'", "['\u2019]") for f in lang.FIXED_FEASTS) + r"))\b"),
    ("month_only", rf"\b{_PREP_BEFORE_MONTH}\s+(?P<m>{_M})(?!\s*\d|(?:\s+of)?,?\s+(?:{_Y}|(?:last|this|next|the previous|the following)\s+year))"),
    ("years_ago", rf"(?P<approx>{_APPROX})?(?P<n>{_NUM}|a|one)\s+years?\s+ago"),
    ("months_ago", rf"(?P<approx>{_APPROX})?(?P<n>{_NUM}|a|one)\s+months?\s+ago"),
    ("year_rel", r"(?P<rel>(?:earlier|later)\s+this\s+year|this\s+year|last\s+year|next\s+year|the\s+previous\s+year|the\s+year\s+before|a\s+year\s+earlier|a\s+year\s+ago)(?!')"),
    ("week_rel", r"(?P<rel>(?:earlier|later)\s+this\s+week|this\s+week|last\s+week|next\s+week)(?![\w'-])"),
    ("week_of", rf"the\s+week\s+(?:of|beginning|starting)\s+(?:(?P<wd>{_WD}),?\s+)?(?:(?P<d>{_D})\s+(?:of\s+)?(?P<m>{_M})|"
                rf"(?P<m2>{_M})\s+(?P<d2>{_D}))(?![\d:])(?:,?\s+(?P<y>{_Y})(?!\d))?"),
    ("month_rel", r"(?P<rel>(?:earlier|later)\s+this\s+month|this\s+month|last\s+month|next\s+month)"),
    ("season_year", rf"(?:(?:early|mid|late|the\s+(?:spring|summer|autumn|fall|winter|start|end|beginning)\s+of)[\s-]+)(?P<y>{_Y})(?!\d)"),
    ("year", rf"(?<![\w/.\-#$]){_Y}(?![\w/\-]|\.\d|,\d|\s*%)"),
    ("event_day", r"(?:on\s+)?the\s+(?P<ord>" + "|".join(lang.ORDINALS) + r")\s+day\s+of\b"),
    ("day_rel", r"\b(?P<rel>earlier today|later today|today|tonight|yesterday|last night|tomorrow|this morning|this afternoon|this evening)\b"),
    ("weekday", rf"(?:(?P<mod>last|this|next|coming|past)\s+)?(?P<wd>{_WD})(?!s\b)(?:'s)?(?:\s+(?:morning|afternoon|evening|night))?"),
    ("duration", rf"(?P<approx>{_APPROX})?(?P<n>{_NUM}|a|an)(?:\s*-\s*|\s+)(?P<u>hour|day|week|month|year)s?(?:[\s-]long)?(?![\w-])"),
    ("span_word", r"(?:(?P<a>a|one)\s+(?P<u>week|fortnight)(?:[\s-]long)?|(?P<u2>week)[\s-]?long)(?![\w-])"),
]
# How the forms open, whatever they may leave out: a digit, a month's, a weekday's or a feast's
# name, a preposition before a month's name, "the" before what a form reads after it, "a" or "an"
# before a unit, or one of these words. Most word starts open none, and are turned down at this
# first test instead of by every form in turn.
_OPENERS = (r"\d", _M, _WD, "(?-i:" + any_of({f.split()[0].split("'")[0] for f in lang.FIXED_FEASTS}) + ")",
            rf"\b{_PREP_BEFORE_MONTH}\s+{_M}", r"an?[\s-]", r"on\s+the\s", rf"{_DAY_PREP}\s+the\s+\d",
            r"the\s+(?:\d|" + any_of(["week", "end", "beginning", "previous", "year", "spring", "summer", "autumn", "fall",
                                   "winter", "start", *lang.ORDINALS]) + ")",
            any_of(["from", "between", "early", "mid", "late", "end", "beginning", "last", "this", "next", "past",
                    "previous", "coming", "earlier", "later", "today", "tonight", "yesterday", "tomorrow", "week",
                    *_APPROX_WORDS, *(w for w in lang.NUMBER_WORDS if w not in ("a", "an"))]))


# One scanner for all forms; the first alternative that matches at a position wins. Field groups
# are renamed per form ("range_dm__d1") since a name may appear once only.
def _form(name: str, pat: str) -> str:
    fields = re.sub(r"[(][?]P<([a-z0-9]+)>", lambda m: f"(?P<{name}__{m.group(1)}>", pat)
    return f"(?P<{name}>{fields})"


_GRAMMAR = re.compile(f"(?=(?:{'|'.join(_OPENERS)}))(?:" + "|".join(_form(name, pat) for name, pat in _PATTERNS)
                      + ")", re.I)
# Each form's (group, field) names, so a match reads its own few fields, not all of the grammar's.
_FORM_FIELDS = {name: [(g, g.split("__", 1)[1]) for g in _GRAMMAR.groupindex if g.startswith(name + "__")]
                for name, _ in _PATTERNS}


class _Fields:
    """The fields of one form's match, read by their plain names."""

    def __init__(self, m: re.Match, kind: str):
        self.m, self.kind = m, kind
        self.fields = {field: m.group(group) for group, field in _FORM_FIELDS[kind]}

    def group(self) -> str:
        return self.m.group(self.kind)

    def groupdict(self) -> dict:
        return self.fields

    def start(self, field: str) -> int:
        return self.m.start(f"{self.kind}__{field}") - self.m.start(self.kind)


def _month(s: str) -> int:
    return lang.MONTHS[s.rstrip(".").lower()]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _num(s: str) -> int | None:
    s = s.lower()
    return int(s) if s.isdigit() else lang.NUMBER_WORDS.get(s)


def _valid(y, m, d) -> bool:
    return d is None or 1 <= d <= calendar.monthrange(y or 2024, m)[1]  # 2024: 29 February exists


# Every expression holds one of these words or a digit. The grammar is tried only at word starts a
# few words before one, which is far cheaper than scanning every position of every sentence.
_ANCHOR_WORDS = frozenset(
    "ago last next this past previous coming today tonight yesterday tomorrow earlier later week weeks weekend "
    "fortnight year years month months day days hour hours long eve halloween".split()) | {w for w in lang.NUMBER_WORDS if len(w) > 2}
_ANCHOR_NAMES = frozenset({m[:3].capitalize() for m in lang.MONTHS} | {w[:3].capitalize() for w in lang.WEEKDAYS})
# Where a run of digits, a word beginning like a month's or weekday's name, or a relative-time
# word stands (words are runs of ASCII letters, the relative words matched in any ASCII case). A
# word start inside a run of digits is none, so the run's first digit is the only anchor needed.
_ANCHORS = re.compile(r"\d+|(?<![A-Za-z])(?:" + any_of(_ANCHOR_NAMES) + r"|(?ai:" + any_of(_ANCHOR_WORDS)
                      + r")(?![A-Za-z]))")
_WORD_START = re.compile(r"\b\w")
_LOOKBACK = 48  # characters: "approximately two years ago", "from the 3 to 6 June", "the beginning of May"


@lru_cache(maxsize=4096)
def find(text: str) -> tuple[Timex, ...]:
    out, pos, last = [], 0, -1
    for anchor in _ANCHORS.finditer(text):
        # The grammar is tried at the word starts whose next anchor is this one, no further back than
        # the look-back: each word start once, in order, none inside an expression found.
        a = anchor.start()
        lo, last = max(pos, last + 1, a - _LOOKBACK), a
        if lo > a:
            continue
        for w in _WORD_START.finditer(text, lo, a + 1):
            s = w.start()
            if s < pos:
                continue
            m = _GRAMMAR.match(text, s)
            if m is None:
                continue
            kind = m.lastgroup
            t = _build(kind, _Fields(m, kind), s)
            if t is not None:
                out.append(t)
                pos = m.end()
    # "today, Tuesday, May 12": one expression, which states the date (the date's own clause when
    # bracketed is the one the relative word stands in)
    merged = []
    for x in out:
        if merged and _restated(text, merged[-1], x):
            x = replace(x, start=merged.pop().start)
        if x.kind == "date" and (x.value.day or x.value.weekday) and _ends_at_midnight(text, x):
            x = replace(x, shift=x.shift + 1)
        merged.append(x)
    return tuple(merged)


# "around midnight on Wednesday", "midnight Wednesday", "on Wednesday at midnight": news counts
# midnight with the day that is ending, so the instant falls on the next day's date. Not "shortly
# after midnight on Sunday" (Sunday's first minutes), nor a bound ("until midnight Friday" ends Friday).
_MIDNIGHT_BEFORE = re.compile(r"(?:(\w+)\s+)?midnight(?:\s+on\b|\s*,)?\s*$", re.I)
_MIDNIGHT_AFTER = re.compile(r"\s*,?\s*at\s+(?:(?:around|about|approximately)\s+)?midnight\b", re.I)
_NOT_DAY_END = {"after", "before", "until", "till", "by", "since", "from", "through"}


def _ends_at_midnight(text: str, x: Timex) -> bool:
    if "idnight" not in text:
        return False
    m = _MIDNIGHT_BEFORE.search(text, max(0, x.start - 40), x.start)
    if m is not None:
        return (m.group(1) or "").lower() not in _NOT_DAY_END
    return _MIDNIGHT_AFTER.match(text, x.end) is not None


_APPOSITION = re.compile(r"\s*(?:,|\()\s*")


def _restated(text: str, t: Timex, nxt: Timex) -> bool:
    """A relative day the calendar date right after it restates ("today, Tuesday, May 12", "today
    (May 12)"): the date is what the source states, the relative word only repeats it, and is not
    dropped as a day the source's date must resolve."""
    return (t.rel[:1] == ("days",) and nxt.kind == "date" and nxt.value.day is not None
            and bool(_APPOSITION.fullmatch(text, t.end, nxt.start)))


def _build(kind: str, g: _Fields, offset: int) -> Timex | None:
    start, end = offset, offset + len(g.group())
    get = g.groupdict().get

    def low(k):
        v = get(k)
        return v.lower() if v else v

    y = int(get("y")) if get("y") else None
    if kind in ("range_dm", "range_md", "range_dmdm", "range_mdmd"):
        m2 = _month(get("m"))
        m1 = _month(get("m1")) if get("m1") else m2
        d1, d2 = _day(get("d1")), _day(get("d2"))
        if not (_valid(y, m1, d1) and _valid(y, m2, d2)) or (m1 == m2 and d1 >= d2):
            return None
        y1 = y - 1 if y and m1 > m2 else y
        rel = () if y else ("year",)
        return Timex(start, end, "range", Date(y1, m1, d1), Date(y, m2, d2), rel)
    if kind == "iso":
        mo, d = int(get("mn")), int(get("d"))
        return Timex(start, end, "date", Date(y, mo, d)) if 1 <= mo <= 12 and _valid(y, mo, d) else None
    if kind in ("dmy", "mdy"):
        mo, d = _month(get("m")), _day(get("d"))
        if not _valid(y, mo, d):
            return None
        wd = lang.WEEKDAYS[get("wd").lower()] if get("wd") else None
        return Timex(start, end, "date", Date(y, mo, d), rel=() if y else ("year",), stated_weekday=wd)
    if kind == "day_only":
        d = _day(get("d"))
        if not (get("wd") or g.start("body")) or not 1 <= d <= 31:
            return None  # "the 3rd" alone is as often a rank as a day
        wd = lang.WEEKDAYS[get("wd").lower()] if get("wd") else None
        return Timex(offset + g.start("body"), end, "date", Date(None, None, d), rel=("month_of_day",),
                     stated_weekday=wd)
    if kind == "month_year":
        return Timex(start, end, "date", Date(y, _month(get("m"))))
    if kind == "month_rel_year":
        off = {"last": -1, "this": 0, "next": 1, "the previous": -1, "the following": 1}[low("rel")]
        return Timex(start, end, "date", Date(None, _month(get("m"))), rel=("month_in_year", off))
    if kind == "rel_month":
        mod = {"past": "last", "previous": "last", "coming": "next"}.get(low("rel"), low("rel"))
        return Timex(start, end, "date", Date(None, _month(get("m"))), rel=("month", mod))
    if kind == "feast":
        mo, d = lang.FIXED_FEASTS[g.group().replace("\u2019", "'")]
        return Timex(start, end, "date", Date(None, mo, d), rel=("year",))
    if kind == "month_only":  # the preposition is context, not part of the expression
        return Timex(offset + g.start("m"), end, "date", Date(None, _month(get("m"))), rel=("month", None))
    if kind in ("years_ago", "months_ago"):
        n = _num(low("n")) if low("n") not in ("a", "one") else 1
        if not n:
            return None
        unit = "years" if kind == "years_ago" else "months"
        return Timex(start, end, "date", Date(), rel=(unit, -n), approx=bool(low("approx")))
    if kind == "year_rel":
        r = low("rel")
        off = -1 if any(w in r for w in ("last", "previous", "before", "earlier", "ago")) and "this" not in r else (
            1 if "next" in r else 0)
        return Timex(start, end, "date", Date(), rel=("years", off))
    if kind == "month_rel":
        r = low("rel")
        off = -1 if r.startswith("last") else 1 if r.startswith("next") else 0
        return Timex(start, end, "date", Date(), rel=("months", off))
    if kind == "week_rel":
        r = low("rel")
        off = -1 if r.startswith("last") else 1 if r.startswith("next") else 0
        return Timex(start, end, "date", Date(), rel=("weeks", off))
    if kind == "week_of":
        mo, d = _month(get("m") or get("m2")), _day(get("d") or get("d2"))
        if not _valid(y, mo, d):
            return None
        if y:
            return Timex(start, end, "date", Date.week_of(dt.date(y, mo, d)))
        return Timex(start, end, "date", Date(None, mo, d), rel=("week_of",))
    if kind == "season_year":
        return Timex(start, end, "date", Date(y))
    if kind == "year":
        return Timex(start, end, "date", Date(int(g.group())))
    if kind == "event_day":
        n = lang.ORDINALS[low("ord")]
        return Timex(start, end, "date", Date(), rel=("event_day", n))
    if kind == "day_rel":
        r = low("rel")
        off = -1 if r in ("yesterday", "last night") else 1 if r == "tomorrow" else 0
        return Timex(start, end, "date", Date(), rel=("days", off))
    if kind == "weekday":
        return Timex(start, end, "date", Date(weekday=lang.WEEKDAYS[get("wd").lower()]),
                     rel=("weekday", low("mod")))
    if kind == "duration":
        n = 1 if low("n") in ("a", "an") else _num(low("n"))
        if not n:
            return None
        return Timex(start, end, "duration", Duration(n, lang.UNITS[low("u")]), approx=bool(low("approx")))
    if kind == "span_word":
        u = low("u") or low("u2")
        amount, unit = lang.SPAN_WORDS[u]
        return Timex(start, end, "duration", Duration(amount, unit))
    return None


_OFFSET = re.compile(rf"\b(?P<n>{_NUM}|a)\s+(?P<u>day|week)s?\s+(?:later|afterwards|after that|on)\b", re.I)


# The day before or after a date said before in the sentence: "said on Tuesday that the train had
# derailed late the previous evening" is the Monday. Not "the day before the vote" (a preposition).
_NEXT_DAY = re.compile(r"\bthe\s+(?:(?P<back>previous|preceding)\s+(?:day|morning|afternoon|evening|night)|"
                       r"(?:day|morning|afternoon|evening|night)\s+(?P<back2>before)|"
                       r"(?:following|next)\s+(?:day|morning|afternoon|evening|night)|(?:day|morning)\s+after)\b"
                       r"(?!\s+(?:the|a|an|its|their|this|that|his|her)\b)", re.I)


_GAP = re.compile(r"\s*,?\s*$")
# The day of a date said before in the sentence: "said on Wednesday night that the drill had started
# earlier in the day" dates the start to that Wednesday.
_SAME_DAY = re.compile(r"\b(?:(?:earlier|later)\s+(?:in\s+the|that)\s+(?:day|morning|afternoon|evening|night)|"
                       r"(?:that|the)\s+same\s+day|(?:a\s+few\s+|several\s+|some\s+)?hours\s+(?:earlier|later))\b", re.I)


_DAYLESS = re.compile(r"(?:that|the)\s+same", re.I)  # "that same day" needs a day said before


def derived_starts(text: str) -> list[int]:
    """Where derived() may put a date whatever dates it is given: a phrase it reads ("eight days
    later", "the next day", "earlier that day"), or a day that bounds the event (found by find)."""
    out = [m.start() for m in _OFFSET.finditer(text)] if ("day" in text or "week" in text) else []
    out += [m.start() for m in _NEXT_DAY.finditer(text)] if "the" in text else []
    if "day" in text or "hours" in text or "later" in text or "earlier" in text:
        out += [m.start() for m in _SAME_DAY.finditer(text)]
    return out


def derived(text: str, found: tuple[Timex, ...]) -> list[Timex]:
    """Dates computed from another date of the same sentence.

    "on 10 May ... eight days later" is 18 May; "On Tuesday, the third day of the drill" makes the
    drill's first day two days before that Tuesday ("the final day" makes that Tuesday its last).
    """
    dates = [x for x in found if x.kind == "date" and (x.value.day or x.value.weekday) and not x.shift]
    out = []
    ends = [x.end for x in dates]  # found in order, never overlapping: ends are sorted too
    for m in _OFFSET.finditer(text) if ("day" in text or "week" in text) else ():
        k = bisect.bisect_right(ends, m.start())
        anchor = dates[k - 1] if k else None
        n = 1 if m["n"].lower() == "a" else _num(m["n"])
        if anchor and n:
            days = n * (7 if m["u"].lower() == "week" else 1)
            out.append(Timex(m.start(), m.end(), "date", anchor.value, rel=anchor.rel, shift=anchor.shift + days))
    for m in _NEXT_DAY.finditer(text) if ("the" in text) else ():
        k = bisect.bisect_right(ends, m.start())
        if k:
            anchor = dates[k - 1]
            days = -1 if m["back"] or m["back2"] else 1
            out.append(Timex(m.start(), m.end(), "date", anchor.value, rel=anchor.rel, shift=anchor.shift + days))
    for m in _SAME_DAY.finditer(text) if ("day" in text or "hours" in text or "later" in text or "earlier" in text) else ():
        k = bisect.bisect_right(ends, m.start())
        if k:
            anchor = dates[k - 1]
            out.append(Timex(m.start(), m.end(), "date", anchor.value, rel=anchor.rel, shift=anchor.shift))
        elif not dates and not _DAYLESS.match(m.group()):  # no date in the sentence: the day of the report
            out.append(Timex(m.start(), m.end(), "date", Date(), rel=("days", 0)))
    for x in found:
        if x.rel[:1] != ("event_day",):
            continue
        # the first date (in order) that ends where x begins, past it, or just before it with only
        # a comma between ("On Tuesday, the third day")
        k = bisect.bisect_left(ends, x.start)
        before = dates[k - 1] if k and _GAP.match(text, dates[k - 1].end, x.start) else None
        anchor = before or (dates[k] if k < len(dates) else None)
        if anchor is None:
            continue
        n = x.rel[1]
        if n == -1:
            out.append(replace(anchor, start=x.start, end=x.end, bound="end"))
        else:
            out.append(replace(anchor, start=x.start, end=x.end, shift=-(n - 1), bound="start"))
    return out
