"""Clock times of day as news writes them, with the zone the text gives.

`find(text)` returns every clock time in a folded sentence: "12:50 pm", "12.50pm", "23:11",
"11:11 p.m. local time", "3:40 pm (Tokyo time)", "0620 GMT", "15:11 UTC-7", "around 1:20 PM",
"shortly after midnight", "at midday" (a part of the day is an interval of minutes). Minutes count
from the local midnight; an interval that runs past midnight ends after 1440 ("overnight").

A zone is what the text says, never guessed here: a fixed UTC offset ("GMT", "UTC+8", "EST"), a
zone of the tz database ("Beijing time", "Japan time", "Tokyo time"), the event's own zone ("local
time", resolved later from the pack), or a zone the text names that this table does not know (kept
unknown, so that nothing else is put in its place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# How far "shortly after noon" or "just before 3 pm" reaches from the clock time, in minutes.
NEAR_MINUTES = 30

# A zone: ("offset", minutes east of UTC) | ("iana", name) | ("local",) | ("unknown", words).
Zone = tuple
LOCAL: Zone = ("local",)

# Zone abbreviations and names news uses. Abbreviations that stand for one fixed offset keep it
# ("EST" is UTC-5 all year); names of a region's civil time follow its rules through the year.
ABBREVIATIONS: dict[str, Zone] = {
    "gmt": ("offset", 0), "utc": ("offset", 0), "z": ("offset", 0), "zulu": ("offset", 0),
    "bst": ("offset", 60), "ist": ("offset", 330), "cet": ("offset", 60), "cest": ("offset", 120),
    "eet": ("offset", 120), "eest": ("offset", 180), "wet": ("offset", 0), "west": ("offset", 60),
    "msk": ("offset", 180), "est": ("offset", -300), "edt": ("offset", -240), "cst": ("offset", -360),
    "cdt": ("offset", -300), "mst": ("offset", -420), "mdt": ("offset", -360), "pst": ("offset", -480),
    "pdt": ("offset", -420), "akst": ("offset", -540), "hst": ("offset", -600), "jst": ("offset", 540),
    "kst": ("offset", 540), "hkt": ("offset", 480), "sgt": ("offset", 480), "pht": ("offset", 480),
    "wib": ("offset", 420), "ict": ("offset", 420), "pkt": ("offset", 300), "aest": ("offset", 600),
    "aedt": ("offset", 660), "acst": ("offset", 570), "awst": ("offset", 480), "nzst": ("offset", 720),
    "nzdt": ("offset", 780), "sast": ("offset", 120), "eat": ("offset", 180), "wat": ("offset", 60),
    "cat": ("offset", 120), "irst": ("offset", 210), "gst": ("offset", 240),
    "et": ("iana", "America/New_York"), "ct": ("iana", "America/Chicago"), "mt": ("iana", "America/Denver"),
    "pt": ("iana", "America/Los_Angeles"),
}
# "<name> time" for names the tz database does not spell as a city or a single-zone country.
NAMED: dict[str, Zone] = {
    "local": LOCAL, "local time": LOCAL, "greenwich mean time": ("offset", 0),
    "coordinated universal time": ("offset", 0), "universal time": ("offset", 0),
    "beijing": ("iana", "Asia/Shanghai"), "china standard": ("iana", "Asia/Shanghai"),
    "chinese": ("iana", "Asia/Shanghai"), "japanese": ("iana", "Asia/Tokyo"),
    "japan standard": ("iana", "Asia/Tokyo"), "korean": ("iana", "Asia/Seoul"),
    "indian": ("iana", "Asia/Kolkata"), "indian standard": ("iana", "Asia/Kolkata"),
    "delhi": ("iana", "Asia/Kolkata"), "thai": ("iana", "Asia/Bangkok"), "british": ("iana", "Europe/London"),
    "uk": ("iana", "Europe/London"), "moscow": ("iana", "Europe/Moscow"), "eastern": ("iana", "America/New_York"),
    "central": ("iana", "America/Chicago"), "mountain": ("iana", "America/Denver"),
    "pacific": ("iana", "America/Los_Angeles"), "central european": ("iana", "Europe/Paris"),
    "eastern european": ("iana", "Europe/Athens"), "western european": ("iana", "Europe/Lisbon"),
    "gulf standard": ("offset", 240), "arabia standard": ("offset", 180), "turkish": ("iana", "Europe/Istanbul"),
    "iranian": ("iana", "Asia/Tehran"), "pakistan standard": ("iana", "Asia/Karachi"),
    "philippine": ("iana", "Asia/Manila"), "indonesian western": ("iana", "Asia/Jakarta"),
    "vietnamese": ("iana", "Asia/Ho_Chi_Minh"), "israeli": ("iana", "Asia/Jerusalem"),
    "hong kong": ("iana", "Asia/Hong_Kong"), "new york": ("iana", "America/New_York"),
    "washington": ("iana", "America/New_York"), "los angeles": ("iana", "America/Los_Angeles"),
}

# Verbs that say when something happened: a clock time near one is the time of what happened.
HAPPENING = ("occurred", "happened", "took place", "struck", "hit", "began", "started", "erupted", "broke out",
             "exploded", "collapsed", "crashed", "derailed", "was recorded", "were recorded", "was felt",
             "was detected", "jolted", "shook", "rocked", "sank", "capsized", "landed", "made landfall",
             "launched", "overturned", "plunged", "caught fire", "went off", "burst", "kicked off", "got under way",
             *(f"{be} {first}{verb}" for be in ("was", "were") for first in ("", "first ", "initially ")
               for verb in ("reported", "spotted")))
# "The fire was first reported at 10:10 am": a passive verb of reporting with the event as its
# subject says when it was noticed, not when someone spoke ("said at 9 pm").
NOTICED = tuple(h for h in HAPPENING if h.endswith(("reported", "spotted")))

# Parts of the day as intervals of local minutes; an end past 1440 is the next morning.
PARTS_OF_DAY: dict[str, tuple[int, int]] = {
    "in the early hours": (0, 300), "early hours": (0, 300), "dawn": (270, 420), "daybreak": (270, 420),
    "early morning": (180, 480), "morning": (300, 720), "late morning": (600, 720),
    "midday": (660, 840), "lunchtime": (690, 840), "early afternoon": (720, 900), "afternoon": (720, 1080),
    "late afternoon": (900, 1080), "dusk": (1020, 1200), "early evening": (1020, 1170), "evening": (1020, 1320),
    "late evening": (1200, 1380), "night": (1200, 1740), "late night": (1320, 1620), "overnight": (1260, 1800),
    "tonight": (1200, 1740),
}
POINTS = {"noon": 720, "midnight": 0}  # named instants

_APPROX = ("approximately", "about", "around", "roughly", "circa", "ca.", "some time around", "sometime around")
_AFTER = ("shortly after", "just after", "soon after", "a little after", "moments after", "minutes after")
_BEFORE = ("shortly before", "just before", "a little before", "moments before", "minutes before")
_MOD = "|".join(re.escape(m) for m in sorted(_APPROX + _AFTER + _BEFORE, key=len, reverse=True))

_AMPM = r"(?P<ap>[ap])\.?\s?m\b\.?"
_CLOCK = (
    rf"(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s?{_AMPM}"          # 12:50 pm, 12.50pm, 3 p.m.
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"                      # 23:11
    r"|(?P<hw>[01]\d|2[0-3])(?P<mw>[0-5]\d)(?=\s*(?:hrs\b|hours\b|h\b|\(?\s*(?:gmt|utc)\b))"  # 0620 GMT, 1250 hrs
    r"|(?P<point>noon|midnight)"
    r"|(?P<part>" + "|".join(sorted(map(re.escape, PARTS_OF_DAY), key=len, reverse=True)) + r")"
)
_OFFSET = r"(?P<base>gmt|utc)(?:\s?(?P<sign>[+-])\s?(?P<oh>\d{1,2})(?::?(?P<om>[0-5]\d))?)?(?![\w+-])"
_ZONE = (
    r"(?:\s?(?:hrs|hours|h)\b\.?)?"
    r"(?P<zwrap>,?\s*\(?\s*(?:"
    + _OFFSET
    + r"|(?P<abbr>(?-i:[A-Z]{1,4}))(?![\w+-])"                                 # IST, EST: capitals only
    r"|(?P<named>(?:[A-Za-z]+\s){0,2}?(?:standard\s)?time)\b"                  # local time, Beijing time
    r"|(?P<local>local)\b"
    r")\s*\)?)?"
)


@lru_cache(maxsize=1)
def _rx() -> re.Pattern:  # compiled on first use: most runs read no clock time at start-up
    return re.compile(rf"(?<![\w:.,])(?:(?P<mod>{_MOD})\s+)?(?:{_CLOCK})" + _ZONE, re.I)


@dataclass(frozen=True)
class Clock:
    start: int
    end: int
    lo: int  # minutes after local midnight
    hi: int
    approx: bool = False
    zone: Zone | None = None
    zone_text: str = ""


@lru_cache(maxsize=1)
def _tz_names() -> dict[str, str]:
    """'<city> time' and '<country> time' for every tz database city and single-zone country."""
    from importlib import resources

    out: dict[str, str] = {}
    try:
        import zoneinfo

        names = zoneinfo.available_timezones()
        base = resources.files("tzdata") / "zoneinfo"
        countries = dict(l.split("\t")[:2] for l in (base / "iso3166.tab").read_text().splitlines()
                         if l and not l.startswith("#"))
        zones: dict[str, list[str]] = {}
        for l in (base / "zone.tab").read_text().splitlines():
            if l and not l.startswith("#"):
                cc, _, tz = l.split("\t")[:3]
                zones.setdefault(cc, []).append(tz)
    except (ImportError, OSError, ValueError):  # no tz data: the named table above still serves
        return out
    for tz in names:
        if "/" in tz and not tz.startswith(("Etc/", "SystemV/")):
            out[tz.rsplit("/", 1)[1].replace("_", " ").lower()] = tz
    for cc, tzs in zones.items():
        if len(tzs) == 1 and cc in countries:
            out[countries[cc].lower()] = tzs[0]
    return out


def named_zone(words: str) -> Zone | None:
    """The zone a name stands for ('Beijing time', 'Japan', 'local time', 'EST'), else None."""
    w = re.sub(r"\s+", " ", words.strip().lower())
    if w in ABBREVIATIONS:
        return ABBREVIATIONS[w]
    w = re.sub(r"\s*\btime$", "", w).strip() or w
    if w in NAMED:
        return NAMED[w]
    tz = _tz_names().get(w)
    return ("iana", tz) if tz else None


def _zone(m: re.Match) -> tuple[Zone | None, str]:
    if not m["zwrap"]:
        return None, ""
    text = m["zwrap"].strip(" ,()")
    if m["base"]:
        off = 0
        if m["sign"]:
            if int(m["oh"]) > 14:  # no zone is further than UTC+14
                return None, ""
            off = (int(m["oh"]) * 60 + int(m["om"] or 0)) * (1 if m["sign"] == "+" else -1)
        return ("offset", off), text
    if m["local"]:
        return LOCAL, text
    if m["abbr"]:
        z = ABBREVIATIONS.get(m["abbr"].lower())
        return (z, text) if z else (None, "")  # capitals that name no zone are another word
    words = m["named"].lower()
    z = named_zone(words)
    if z is None:
        # "the same time", "a time": no zone named. "Ruritania time": a zone we do not know.
        head = words.split()[0]
        if head in ("the", "a", "that", "this", "same", "any", "each", "every", "which", "prime", "peak", "at"):
            return None, ""
        return ("unknown", text), text
    return z, text


def _minutes(m: re.Match) -> tuple[int, int] | None:
    if m["h12"]:
        h, mi = int(m["h12"]) % 12, int(m["m12"] or 0)
        if m["ap"].lower() == "p":
            h += 12
        return h * 60 + mi, h * 60 + mi
    if m["h24"]:
        v = int(m["h24"]) * 60 + int(m["m24"])
        return v, v
    if m["hw"]:
        v = int(m["hw"]) * 60 + int(m["mw"])
        return v, v
    if m["point"]:
        v = POINTS[m["point"].lower()]
        return v, v
    return PARTS_OF_DAY[re.sub(r"\s+", " ", m["part"].lower())]


# "between 3 and 4 am", "between 3-4am", "between 3am and 4 am", "between 4:00 and 4:45 am": a span of
# the clock. The first end may be a bare hour that takes the second's am/pm.
_RANGE_OPEN = re.compile(r"\bbetween\s+(?:(?P<bare>1[0-2]|0?[1-9])(?:[:.](?P<bm>[0-5]\d))?\s*)?$", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|and|to)\s*$", re.I)
# Both end on "$": each is read in the characters right before a time ("between 10:30 " is 13), not
# from the sentence's start, so a sentence of many times costs no more per time
_RANGE_REACH = 40


def _ranges(text: str, found: list[Clock]) -> list[Clock]:
    """Join "between <time> and <time>" into one interval of the clock (it starts at "between"),
    so that it reads like a part of the day rather than as two moments."""
    out: list[Clock] = []
    for c in found:
        prev = out[-1] if out else None
        if prev is not None and prev.lo == prev.hi and c.lo == c.hi and _RANGE_JOIN.search(text, prev.end, c.start):
            opened = _RANGE_OPEN.search(text, max(0, prev.start - _RANGE_REACH), prev.start)
            if opened and not opened["bare"]:  # "between 3am and 4 am", "between 4:00 and 4:45 am"
                lo = prev.lo
                if lo + 720 <= c.lo and not re.search(r"[ap]\.?\s?m\b", text[prev.start : prev.end], re.I):
                    lo += 720  # "between 4:00 and 4:45 pm": the first end shares the afternoon
                out[-1] = _span(opened.start(), lo, c, prev.zone or c.zone, prev.zone_text or c.zone_text)
                continue
        join = _RANGE_JOIN.search(text, max(0, c.start - _RANGE_REACH), c.start)
        opened = _RANGE_OPEN.search(text, max(0, join.start() - _RANGE_REACH), join.start()) if join else None
        if c.lo == c.hi and opened and opened["bare"]:  # "between 3-4am", "between 3 and 4 am"
            lo = int(opened["bare"]) % 12 * 60 + int(opened["bm"] or 0) + (c.lo // 720) * 720
            if lo > c.lo:  # "between 11 and 1 pm": the first end is in the morning
                lo -= 720
            out.append(_span(opened.start(), lo, c, c.zone, c.zone_text))
            continue
        out.append(c)
    return out


def _span(start: int, lo: int, last: Clock, zone: Zone | None, zone_text: str) -> Clock:
    hi = last.hi if last.hi >= lo else last.hi + 1440  # "between 11 pm and 1 am" runs past midnight
    return Clock(start, last.end, lo, hi, False, zone, zone_text)


@lru_cache(maxsize=4096)
def find(text: str) -> tuple[Clock, ...]:
    """Every clock time or part of the day in a folded sentence, with its zone as written; a span
    "between" two times is one interval."""
    out = []
    for m in _rx().finditer(text):
        lo, hi = _minutes(m)
        mod = (m["mod"] or "").lower()
        if m["part"] and mod in _AFTER + _BEFORE:
            continue  # "shortly after the morning" is no clock time
        if mod in _AFTER:
            hi = lo + NEAR_MINUTES
        elif mod in _BEFORE:
            lo = lo - NEAR_MINUTES if lo >= NEAR_MINUTES else lo + 1440 - NEAR_MINUTES
            hi = lo + NEAR_MINUTES
        zone, ztext = _zone(m)
        end = m.end() if zone is not None or not m["zwrap"] else m.start("zwrap")
        while end > m.start() and (text[end - 1] in " ," or (text[end - 1] == ")" and "(" not in text[m.start():end])):
            end -= 1  # "12:50 pm (local time)" keeps its brackets, "(3:20 pm Japan time)" drops the last
        out.append(Clock(m.start(), end, lo, hi, mod in _APPROX, zone, ztext))
    return tuple(_ranges(text, out))


def offset(zone: Zone | None, day=None, minute: int = 720, year: int = 2025, month: int | None = None) -> int | None:
    """Minutes east of UTC of a zone on a day (a datetime.date), so daylight saving is right for
    that day. With no day, a zone whose offset changes through `year` gives None: it is not
    guessed, unless the `month` is known and the offset holds from its first day to its last (July
    in London is UTC+1 whichever day it was)."""
    if zone is None or zone[0] in ("local", "unknown"):
        return None
    if zone[0] == "offset":
        return zone[1]
    import datetime as dt
    import zoneinfo

    try:
        tz = zoneinfo.ZoneInfo(zone[1])
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    at = dt.time(minute // 60 % 24, minute % 60)
    if day is not None:
        return int(dt.datetime.combine(day, at, tz).utcoffset().total_seconds() // 60)
    days = (dt.date(year, 1, 15), dt.date(year, 7, 15))
    if month is not None:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
        days = (dt.date(year, month, 1), dt.date(year, month, last))
    offs = {int(dt.datetime.combine(d, at, tz).utcoffset().total_seconds() // 60) for d in days}
    return offs.pop() if len(offs) == 1 else None


@lru_cache(maxsize=None)
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name, to check a zone and suggest one for a name that does not exist. Read
    once: listing the tz database walks its files (about 16 ms), and sources.yaml asks per source."""
    import zoneinfo

    return tuple(sorted(zoneinfo.available_timezones()))  # sorted: suggestions tie the same way every run
