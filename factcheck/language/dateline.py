"""Datelines and timestamps at the top of an article: where the body starts, and the date they give.

Shapes: 'LYON, France, Sept 17 (AFP) - A fire ...', 'BAKU (Reuters) — ...', 'MOSCOW -- ...',
'SINGAPORE: ...', 'Lyon, Sept 17 (AFP): ...', 'ANKARA, Turkey, June 2.' on a line of its own or before
the text, the same after a syndicator's credit ('(Syndicator- Agency) LYON, Sept 17 (AFP) -- ...'),
'Sept 17 (AFP) - ...' with no place, '02 June 2024 09:15 (UTC+03:00)', 'Published: May 18, 2025', and
the byline and timestamp blocks of news sites: 'By Jane Roe | Lyon | Updated: 3 March 2026 14:05 IST',
'Agency, Lyon, Mar 3, 2026'. A dateline's place is where the story was filed from, never a claim
about the event. `stamps` reads a timestamp line's dates with their labels ('Published: ... |
Updated: ...'), so a page's own date can be told from the date it was last updated.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from . import clock, timex
from .text import fold
from ..values import Date

LINES = 4  # datelines are looked for among the first lines of the article only

_WIRE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*)"        # LYON, NEW DELHI
    r"(?P<mid>(?:,\s*[^,()\-:]{1,40}?){0,3}?)"               # , France, Sept 17
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?"                   # (Reuters)
    r"\s*(?:-{1,2}|:|\u2022|\.$|$|(?P<stop>\.)(?=\s+[A-Z\"\u201c]))\s*"  # - / -- / : / bullet / end of line / a stop
)
# a syndicator's credit before the dateline: '(Syndicator- Northwire (NW)) DRAVIK, March 3 (NW) -- ...'
_CREDIT = re.compile(r"^\((?:[^()]|\([^()]*\)){1,80}\)\s*")
# 'Lyon, Sept 17:' and 'Lyon (AFP) -': a city in title case is a dateline only with a date or an agency
# ('Warning: ...' and 'Lyon: ...' are not told apart without one).
_TITLED = re.compile(
    r"^(?P<city>[A-Z][a-z'.\-]+(?: [A-Z][a-z'.\-]+){0,2})"
    r"(?P<mid>(?:,\s*[^,()\-:]{1,40}?){0,3}?)"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?"
    r"\s*(?:-{1,2}|:|\u2022)(?:\s+|$)"
)
# 'March 29 (Agency) -': a wire story's date and agency with no place before them ('May 12 (local
# time) -' and a timeline's 'March 3 (Tuesday) -' name no agency)
_DATED = re.compile(r"^(?P<mid>[A-Z][a-z]{2,8}\.? \d{1,2})\s*\((?P<agency>(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\))"
                    r"[A-Z][^)]{1,40})\)\s*(?:-{1,2}|:|\u2022)\s*")
_LABEL = r"(?:first published|last updated|last modified|published|posted|updated|modified|date)"
_STAMP = re.compile(r"^(?i:" + _LABEL + r")\b\s*(?P<colon>:?)\s*(?:(?i:on|at)\b\s*)?(?P<rest>.*)$")
# labels saying the page was changed after it was first put out
_UPDATE = frozenset({"last updated", "last modified", "updated", "modified"})
UPDATED, PUBLISHED = "updated", "published"


def split(line: str) -> tuple[int, Date | None] | None:
    """(offset where the article's own text starts, the date given) when the line opens with a
    dateline or is a timestamp; None otherwise. Offsets are into `line`."""
    text = fold(line)
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    found = stamp(body)
    if found is not None:
        return len(line), found[0]
    credit = _CREDIT.match(body)
    if credit and (inner := split(body[credit.end():])) is not None and inner[1] is not None:
        return lead + credit.end() + inner[0], inner[1]
    m = _WIRE.match(body)
    if m and len(m["city"]) >= 3:
        date = _date_in(m["mid"]) if m["mid"] else None
        if m["stop"] and not date:
            return None  # 'ANKARA, Turkey, June 2. The ...': a stop ends a dateline only after its date
        sep = re.match(r"\s*(?:\([^)]*\))?\s*(-|:|\u2022)", body[m.end("mid"):])
        # capitals alone ("FRANCE, GERMANY HOLD DRILLS") are a headline; a colon needs a long name
        # ("SINGAPORE:"), not an acronym that is a source ("USGS: the quake ...")
        if date or m["agency"] or (sep and (sep[1] != ":" or len(m["city"]) >= 5)):
            return lead + m.end(), date
    m = _TITLED.match(body)
    if m:
        date = _date_in(m["mid"]) if m["mid"] else None
        if date or m["agency"]:
            return lead + m.end(), date
    m = _DATED.match(body)
    if m and (date := _date_in(m["mid"])) is not None and date.day:
        return lead + m.end(), date
    return None


_LABELS = re.compile(r"(?<![\w-])(?i:" + _LABEL + r")\b")


def stamps(line: str) -> list[tuple[str | None, Date]]:
    """Each date a timestamp line gives, with what its label says it is: UPDATED ('Updated:', 'Last
    modified'), PUBLISHED ('Published', 'Posted', 'Date:') or None (no label). 'Published: May 12,
    2025 | Updated: May 13, 2025' gives both; a line that is no timestamp gives none."""
    body = fold(line).strip()
    if stamp(body) is None:
        return []
    cuts = [m.start() for m in _LABELS.finditer(body)]
    out = []
    for a, b in zip([0, *cuts], [*cuts, len(body)]):
        piece = body[a:b]
        label = _LABELS.match(piece)
        rest = piece[label.end():] if label else piece
        xs = _dates(rest)
        date = xs[0].value if xs else _timestamp(rest.strip(" .,:-|").removeprefix("on ").removeprefix("at "))
        if date is not None:
            name = " ".join(label[0].lower().split()) if label else None
            out.append((None if name is None else UPDATED if name in _UPDATE else PUBLISHED, date))
    return out


# Lower-case words a byline or timestamp block is made of: everything else in one is a name, a place,
# a date, a clock time or a separator. A line of prose has other lower-case words (verbs, articles).
# Zone abbreviations are the clock's, so a byline in any zone it knows reads alike.
_BLOCK_WORDS = frozenset("""
by and of staff reporter reporters correspondent correspondents writer writers editor editors desk bureau team
news agency agencies online web digital updated published posted modified edited written reviewed reported
first last on at ago min mins minute minutes hour hours hr hrs day days read am pm a.m. p.m. a.m p.m
""".split()) | frozenset(clock.ABBREVIATIONS)
_BYLINE = re.compile(r"^(?i:(?:written |edited |reported |compiled )?by)\s+[A-Z]")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\b")
_LOWER = re.compile(r"(?<![\w'])[a-z][a-z.']*")


def stamp(body: str) -> tuple[Date | None] | None:
    """(the date it gives,) when the whole line is a timestamp or a byline block: 'Published: May
    18, 2025', '02/06/2024 09:15', 'By Jane Roe, Staff Reporter | Lyon | Updated: 3 March 2026
    14:05 IST', 'Agency, Lyon, Mar 3, 2026, 20:10 IST', 'Jane Roe 11 minutes ago'. None for prose:
    'Updated figures showed ...', 'By Monday the toll had risen', 'March 3: the toll rose to 30'."""
    body = body.strip().lstrip("/|-\u2022 ").strip()
    if not body or len(body) > 160:
        return None
    m = _STAMP.match(body)
    text = m["rest"] if m else body
    digits = any(map(str.isdigit, text))  # asked of every line near the top
    labelled = bool(m and (m["colon"] or digits))  # 'Updated figures' is prose
    if not (labelled or digits or _BYLINE.match(text)):
        return None  # most lines: neither a label, a date nor a byline
    if not _words_ok(text) and not _timestamp(text.strip(" .,")):
        return None  # prose: a lower-case word no byline has (dates are capitals and digits)
    xs = _dates(text)
    rest = text
    for x in reversed(xs):
        rest = rest[: x.start] + " | " + rest[x.end :]
    if (xs or labelled or _BYLINE.match(text)) and _block(rest, bool(xs)):
        return (xs[0].value if xs else _timestamp(text.strip(" .,")),)
    date = _timestamp(text.strip(" .,"))  # numeric: '2024-06-02T09:15', '02/06/2024 09:15'
    return (date,) if date else (None,) if _NUMERIC.match(text.strip(" .,")) and _ambiguous(text) else None


def _block(s: str, dated: bool) -> bool:
    """Names, places, labels and clock times between separators, no prose: each piece at most four
    capitalized words, every lower-case word one of a byline's. A piece of digits needs a date beside it."""
    s = _CLOCK.sub(" ", s)
    pieces = re.split(r"[|,;\u2022\u00b7/:()]+|\s-+\s", s)
    return _words_ok(s, dated) and all(sum(w[:1].isupper() for w in p.split()) <= 4 for p in pieces)


def _words_ok(s: str, digits: bool = True) -> bool:
    """Every lower-case word one of a byline's; numbers only where a date stands beside them."""
    return all(m[0].rstrip(".'") in _BLOCK_WORDS for m in _LOWER.finditer(s)) and (digits or not re.search(r"\d", s))


def _dates(s: str) -> list:
    """The calendar dates in s (a month at least), not relative ones."""
    return [x for x in timex.find(s) if x.kind == "date" and x.value.month and x.rel[1:] == ()]


def _date_in(s: str) -> Date | None:
    xs = _dates(s.strip(" .,"))
    return xs[0].value if xs else None


_NUMERIC = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
# '7/8/2024': July 8 on an American page, 7 August on a British one. A slash date whose first two
# numbers could each be the month gives its year only (the line is still a timestamp); dots and
# dashes ('25.06.2017', '28-04-2025') are written day first.
_SLASHED = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2,4})\b")


def _ambiguous(s: str) -> bool:
    m = _SLASHED.match(s)
    return bool(m) and int(m[1]) <= 12 and int(m[2]) <= 12 and int(m[1]) != int(m[2])


@lru_cache(maxsize=256)
def _timestamp(s: str) -> Date | None:
    """Numeric timestamps ('2024-06-02T09:15', '13/06/2024 09:15'): an isolated string for dateparser."""
    if not _NUMERIC.match(s) or len(s) > 40:
        return None
    if _ambiguous(s):
        year = _SLASHED.match(s)[3]
        return Date(int(year)) if len(year) == 4 else None
    import dateparser  # slow to import; only sources without a published date need it

    d = dateparser.parse(s, languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(2000, 1, 1), "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
    })
    return Date(d.year, d.month, d.day) if d else None
