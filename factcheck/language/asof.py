"""The moment a figure holds for, as news states it: "as of Friday evening", "by Friday night",
"on Saturday the toll rose to", "latest figures on Sunday".

A moment is a day (resolved later against the source's reference date, like any date) and, when the
text gives one, a part of that day or a time of day, written as TIMEX3 writes it: `2025-03-28TEV`
is that day's evening, `2025-03-28T18:00` its 6 pm ("as of 6 pm"). Parts of a day follow each other
(morning, afternoon, evening, night), so two moments of one day are ordered when both name their
part or time.

A vote count adds a clock of its own: "with 94.4% of ballots counted", "with 80% of polling stations
reporting", "after all votes were counted", "final results" (progress, per cent of the count). Snapshots
of one day taken further into the count come later; the label adds it after the day,
`2026-03-08 (94.4% counted)`, `2026-03-08 (all counted)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import clock, numbers, timex
from ..values import Date

# TIMEX3 parts of day, with the hours they cover (for ordering and overlap).
PARTS = {"MO": (6, 12), "MI": (12, 13), "AF": (12, 18), "EV": (18, 22), "NI": (21, 24)}
_PART_WORDS = {"morning": "MO", "midday": "MI", "noon": "MI", "afternoon": "AF", "evening": "EV",
               "night": "NI", "tonight": "NI"}
_BEFORE = re.compile(r"(?:\bas\s+(?:of|at)\s+(?:(?:the|their|its)\s+)?(?:[a-z]+\s+){0,2}?(?:(?:on|from)\s+)?"
                     r"|\b(?:by|until|till|up\s+to|through)\s+(?:(?:late|early)\s+)?(?:on\s+)?)$", re.I)
# "the minister announced late on Friday", "officials said on Sunday": the figures they gave held then
_SAID_BEFORE = re.compile(r"\b(?:said|announced|reported|told\s+(?:reporters|journalists))\s+(?:(?:late|early)\s+)?(?:on\s+)?$",
                          re.I)
# "the latest figures on Sunday", "on Saturday the toll rose to": a date beside a tally's noun
_TALLY = r"(?:toll|tolls|figures?|tally|count|statement|update|data|numbers?|bulletin|report)"
_TALLY_BEFORE = re.compile(rf"\b{_TALLY}\s+(?:[a-z]+\s+){{0,2}}?(?:on|of|released\s+on|issued\s+on)\s+$"
                           rf"|(?:\d|\b(?:{numbers.WORDS}))\s+(?:on|by)\s+$", re.I)  # "the latest figures on Sunday", "rose to nine on Sunday"
# "at least 128 people were missing yesterday": a state a count is in holds for the day right after it
# (not "were killed on Monday", which dates the event)
_STATE_BEFORE = re.compile(r"\d[\d,]*\s+(?:[a-z]+\s+){0,2}?(?:were|are|was|is|remain|remained)\s+(?:still\s+)?"
                           r"(?:missing|unaccounted\s+for|trapped|stranded|displaced)\s+(?:on\s+|as\s+of\s+)?$", re.I)
_TALLY_AFTER = re.compile(rf"^,?\s+(?:the\s+)?(?:death\s+|official\s+|latest\s+)?{_TALLY}\b", re.I)


@dataclass(frozen=True)
class Moment:
    start: int
    end: int
    date: Date
    rel: tuple
    part: str = ""  # a key of PARTS, a time of day ("18:30"), or ""


# "as of 6 pm", "by 9:30 pm on Thursday", "up to 11 am Friday": a time of day a tally holds at
_CLOCK_BEFORE = re.compile(r"\b(?:as\s+(?:of|at)|by|until|till|up\s+to)\s+(?:(?:about|around|roughly)\s+)?$", re.I)
_CLOCK_TO_DAY = re.compile(r"\s*(?:,\s*)?(?:on\s+)?")


def find(text: str) -> tuple[Moment, ...]:
    """Stated moments in a folded sentence, each with the span of the words that state it."""
    out, dates = [], [x for x in timex.find(text) if x.kind == "date"]
    used = set()
    for c in clock.find(text):
        m = _CLOCK_BEFORE.search(text, max(0, c.start - 30), c.start)
        if m is None or c.lo != c.hi or c.zone is not None:
            continue  # a part of the day is read with its date below; a time in another zone is not the day's
        hour = f"{c.lo // 60 % 24:02d}:{c.lo % 60:02d}"
        day = next((x for x in dates if x.start >= c.end and _CLOCK_TO_DAY.fullmatch(text, c.end, x.start)), None)
        if day is not None:
            used.add(day.start)
            out.append(Moment(m.start(), day.end, day.value, day.rel, hour))
        else:  # "As of 6 pm, 44 were dead": that day's, the source's own
            out.append(Moment(m.start(), c.end, Date(), ("days", 0), hour))
    for x in dates:
        if x.start in used:
            continue
        before, after = text[max(0, x.start - 60) : x.start], text[x.end : x.end + 40]
        m = _BEFORE.search(before) or _TALLY_BEFORE.search(before) or _SAID_BEFORE.search(before)
        if m is None and not _TALLY_AFTER.match(after) and not _STATE_BEFORE.search(before):
            continue
        start = x.start - (len(before) - m.start()) if m else x.start
        words = re.findall(r"[a-z]+", text[x.start : x.end].lower())
        tail = re.match(r"\s+([a-z]+)", after.lower())
        part = next((_PART_WORDS[w] for w in words if w in _PART_WORDS), "") or (
            _PART_WORDS.get(tail.group(1), "") if tail else "")
        out.append(Moment(start, x.end, x.value, x.rel, part))
    return tuple(sorted(out, key=lambda mo: mo.start))


def span(date: Date | None, part: str = "") -> tuple[float, float] | None:
    """The moment as hours since the start of year 1 (lo, hi), for ordering; None if not dated."""
    week = date.days() if date is not None else []
    if week:  # a week: from its Monday's start to its Sunday's end
        return week[0].toordinal() * 24.0, week[-1].toordinal() * 24.0 + 24
    if date is None or not date.full:
        return None
    base = date.as_date().toordinal() * 24.0
    if ":" in part:  # a time of day ("18:30"): a point of it
        h, m = map(int, part.split(":"))
        return base + h + m / 60, base + h + m / 60
    lo, hi = PARTS.get(part, (0, 24))
    return base + lo, base + hi


def label(date: Date | None, part: str = "", progress: float | None = None) -> str:
    """TIMEX3: 2025-03-28, 2025-03-28TEV; and how far a count had gone: 2026-03-08 (94.4% counted);
    "" when nothing dates the figure."""
    day = "" if date is None else f"{date}T{part}" if part else str(date)
    if progress is None:
        return day
    count = "all counted" if progress >= 100 else f"{progress:g}% counted"
    return f"{day} ({count})" if day else f"({count})"


# a share of the ballots counted or of the stations reporting is the progress of a count, in a
# phrase of its own ("with 97% of votes counted", "after 100% of the ballots were counted"); after
# a verb it is a share of what was counted ("won 52% of the votes counted so far")
PROGRESS_OPENS = re.compile(r"\b(?:with|after|once|when|until|as|counting|count\s+of)\s+"
                            r"(?:(?:around|about|nearly|almost|over|just\s+over|more\s+than|some|roughly)\s+)?$")
_COUNTED = (r"(?:votes?|ballots?|precincts?|polling\s+stations?|stations?|districts?)\s+"
            r"(?:(?:were|was|had\s+been|have\s+been|has\s+been|being)\s+)?(?:counted|tallied|processed|reported|reporting)\b")
PROGRESS = re.compile(r"\s+of\s+(?:the\s+|all\s+)?(?:[a-z]+\s+)?" + _COUNTED)
_SHARE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)")
# "after all votes were counted", "with all precincts reporting", "final results": the whole count
_WHOLE = re.compile(r"\b(?:with|after|once|when)\s+(?:all|every)\s+(?:of\s+)?(?:the\s+)?(?:[a-z]+\s+)?" + _COUNTED
                    + r"|\b(?:with|after|once|when)\s+the\s+count(?:ing)?\s+(?:was\s+|is\s+|had\s+been\s+)?"
                      r"(?:complete|completed|finished|over)\b"
                      r"|\bfinal\s+(?:official\s+)?(?:results?|count|tally|tallies)\b")


@dataclass(frozen=True)
class Progress:
    start: int
    end: int
    share: float  # per cent of the count done: 100 for the whole count


def progress(text: str) -> tuple[Progress, ...]:
    """How far a vote count had gone, each time a sentence says so."""
    low, out = text.lower(), []
    for m in _SHARE.finditer(low):
        if PROGRESS.match(low, m.end()) and PROGRESS_OPENS.search(low, max(0, m.start() - 40), m.start()):
            share = float(m.group(1))
            if share <= 100:
                out.append(Progress(m.start(), PROGRESS.match(low, m.end()).end(), share))
    out += [Progress(m.start(), m.end(), 100.0) for m in _WHOLE.finditer(low)]
    return tuple(sorted(out, key=lambda p: p.start))
