"""Datelines and timestamps at the top of an article: where the body starts, and the date they give.

Shapes: 'LYON, France, Sept 17 (AFP) - A fire ...', 'BAKU (Reuters) — ...', 'MOSCOW -- ...',
'ANKARA, Turkey, June 2.' on a line of its own, '02 June 2024 09:15 (UTC+03:00)',
'Published: May 18, 2025'.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from . import timex
from .text import fold
from ..values import Date

LINES = 4  # datelines are looked for among the first lines of the article only

_WIRE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+)*)"        # LYON, NEW DELHI
    r"(?P<mid>(?:,\s*[^,()\-:]{1,40}?){0,3}?)"               # , France, Sept 17
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?"                   # (Reuters)
    r"\s*(?:-{1,2}|:|\.$|$)\s*"                              # - / -- / : / end of line
)
_STAMP = re.compile(r"^(?i:published|posted|updated|last updated|date|first published)\s*:?\s*(?P<rest>.*)$")


def split(line: str) -> tuple[int, Date | None] | None:
    """(offset where the article's own text starts, the date given) when the line opens with a
    dateline or is a timestamp; None otherwise. Offsets are into `line`."""
    text = fold(line)
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    m = _STAMP.match(body)
    if m:
        return len(line), _date_in(m["rest"], whole=True)
    if len(body) <= 60 and _date_in(body, whole=True):
        return len(line), _date_in(body, whole=True)  # a line that is only a date or a timestamp
    m = _WIRE.match(body)
    if not m or len(m["city"]) < 3:
        return None
    date = _date_in(m["mid"].strip(" ,"), whole=False) if m["mid"] else None
    dash = re.match(r"\s*(?:\([^)]*\))?\s*-", body[m.end("mid"):])
    if not (date or m["agency"] or dash):
        return None  # capitals alone ("FRANCE, GERMANY HOLD DRILLS") are a headline, not a dateline
    return lead + m.end(), date


def _date_in(s: str, whole: bool) -> Date | None:
    s = s.strip(" .,")
    xs = [x for x in timex.find(s) if x.kind == "date" and x.value.month and x.rel[1:] == ()]
    if xs and (not whole or xs[0].start == 0):
        return xs[0].value
    return _timestamp(s) if whole else None


@lru_cache(maxsize=256)
def _timestamp(s: str) -> Date | None:
    """Numeric timestamps ('2024-06-02T09:15', '02/06/2024 09:15'): an isolated string for dateparser."""
    if not re.match(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", s) or len(s) > 40:
        return None
    import dateparser  # slow to import; only sources without a published date need it

    d = dateparser.parse(s, languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(2000, 1, 1), "DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
    })
    return Date(d.year, d.month, d.day) if d else None
