"""Anchor underspecified dates to the source's reference date, as HeidelTime resolves UNDEF values.

The reference date is the published date from sources.yaml, else the date the page's furniture gives
it (page_date: its last update, else its publication, else a dateline or timestamp at the top). What
still cannot be resolved stays underspecified (a weekday stays XXXX-WXX-N) and is compared only on
the fields it knows. A weekday with no day-precise reference is pinned by the
other end of the event's window when the source gives it ("on Sunday ... until May 21").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..language import clock, dateline
from ..extraction.extract import PARAGRAPH_MOMENT, TIMED, Claim
from ..ingest.sources import DATELINE, Source
from ..values import Date, Time

@dataclass(frozen=True, slots=True)
class Reference:
    date: Date | None
    how: str

    def __str__(self) -> str:
        return str(self.date) if self.date else "unknown"


def reference(source: Source, year_hint: int | None = None) -> Reference:
    """The date relative expressions are resolved against, and how it was found: sources.yaml's
    `published`, else the page's own date (page_date). A dateline without a year ("LYON, Sept 17
    (AFP) -") takes `year_hint`, the year the packs give the event when they agree on one."""
    if source.published:
        y, m, *d = map(int, source.published.split("-"))
        return Reference(Date(y, m, d[0] if d else None), "published (sources.yaml)" + ("" if d else ", month only"))
    found = page_date(source.page_dates, year_hint)
    if found is None:
        return Reference(None, "none found")
    date, how, start = found
    return Reference(date, f"{how}, line {source.line_of(start)}")


_WHAT = {dateline.UPDATED: "the page's update time", dateline.PUBLISHED: "the page's publication time",
         DATELINE: "dateline", None: "the page's timestamp"}


def page_date(dates, year_hint: int | None = None) -> tuple[Date, str, int] | None:
    """The date a page gives itself (PageDate, top to bottom), how it was found and its line's
    offset. A labelled one first: the latest 'Updated', else the latest 'Published' or 'Posted' (the
    figures on a page are those of its last edit). Else a dateline or a bare timestamp among the top lines: one with its
    year over one without, and the last of them, nearest the article, when they differ (a site's
    date of the day heads the page above the headline)."""
    def year(p):
        if p.date.year is None and year_hint:
            return replace(p, date=replace(p.date, year=year_hint)), ", year from the pack"
        return p, ""

    dates = [year(p) for p in dates]
    full = [(p, note) for p, note in dates if p.date.full]
    found = _pick(full) or _pick(dates)  # a day over a year alone ('Updated: 7/8/2024' reads both ways)
    if found and found[0].year and not found[0].month:
        found = found[0], found[1] + ", year only (day and month ambiguous)", found[2]
    return found


def _pick(dates):
    for kind in (dateline.UPDATED, dateline.PUBLISHED):
        labelled = [(p, note) for p, note in dates if p.kind == kind and p.date.year]
        if labelled:
            p, note = max(labelled, key=lambda pn: (pn[0].date.year, pn[0].date.month or 0, pn[0].date.day or 0))
            return p.date, _WHAT[kind] + note, p.start
    rest = [(p, note) for p, note in dates if p.kind in (None, DATELINE)]
    rest = [pn for pn in rest if pn[0].date.year] or rest
    if not rest:
        return None
    p, note = rest[-1]
    return p.date, _WHAT[p.kind] + note, p.start


# ---------------------------------------------------------------------------------------------


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def resolve_value(v: Date, rel: tuple, tense: str, ref: Date | None) -> tuple[Date, str]:
    """The value with what the reference supplies filled in, and a note saying how."""
    if not rel or ref is None:
        return v, ""
    kind = rel[0]
    if kind == "year" and ref.year:
        y = ref.year
        if ref.month and v.month - ref.month > 6:
            y -= 1
        elif ref.month and ref.month - v.month > 6:
            y += 1
        return replace(v, year=y), f"year from reference {ref}"
    if kind == "weekday" and ref.full:
        mod = rel[1]
        base = ref.as_date()
        delta = (v.weekday - base.isoweekday()) % 7
        if mod is None and tense == "future-in-past":
            # seen from a past statement, reported now: the nearer of the two (a report of Saturday
            # saying the storm "would come ashore on Friday night" means the night before)
            d = base + dt.timedelta(days=delta if delta <= 3 else delta - 7)
        elif mod == "next" or (mod != "last" and tense == "future"):
            d = base + dt.timedelta(days=delta if mod != "next" or delta else 7)
        else:
            back = (base.isoweekday() - v.weekday) % 7
            d = base - dt.timedelta(days=back if mod != "last" or back else 7)
        return Date.of(d), f"{tense} weekday from reference {ref}"
    if kind == "month" and ref.year:
        mod = rel[1]
        if not ref.month:
            return replace(v, year=ref.year), f"year from reference {ref}"
        if mod is None and tense == "future-in-past":  # the nearer: "said it would end in January", in December
            y = ref.year - (v.month - ref.month > 6) + (ref.month - v.month > 6)
        elif mod == "last" or (mod is None and tense == "past"):
            y = ref.year if (v.month < ref.month or (mod is None and v.month == ref.month)) else ref.year - 1
        elif mod == "next" or (mod is None and tense == "future"):
            y = ref.year if (v.month > ref.month or (mod is None and v.month == ref.month)) else ref.year + 1
        else:
            y = ref.year
        return replace(v, year=y), f"month {mod or tense} from reference {ref}"
    if kind == "month_of_day" and ref.year and ref.month:
        return _month_of_day(v, tense, ref)
    if kind == "month_in_year" and ref.year:
        return replace(v, year=ref.year + rel[1]), f"year from reference {ref}"
    if kind == "years" and ref.year:
        return Date(ref.year + rel[1]), f"{rel[1]:+d} year(s) from reference {ref}"
    if kind == "months" and ref.month:
        y, m = _shift_month(ref.year, ref.month, rel[1])
        return Date(y, m), f"{rel[1]:+d} month(s) from reference {ref}"
    if kind == "weeks" and ref.full:
        d = ref.as_date() + dt.timedelta(weeks=rel[1])
        return Date.week_of(d), f"{rel[1]:+d} week(s) from reference {ref}"
    if kind == "week_of" and ref.year:
        day, _ = resolve_value(v, ("year",), tense, ref)
        return Date.week_of(day.as_date()), f"the week of {day}, year from reference {ref}"
    if kind == "days" and ref.full:
        return Date.of(ref.as_date() + dt.timedelta(days=rel[1])), f"{rel[1]:+d} day(s) from reference {ref}"
    return v, ""


def _month_of_day(v: Date, tense: str, ref: Date) -> tuple[Date, str]:
    """"On the 14th": the nearest 14th on or before the reference (on or after it for a verb in the
    future, the nearer either way for a future seen from the past); the reference's own month when
    it gives no day."""
    if ref.day is None:
        return replace(v, year=ref.year, month=ref.month), f"month from reference {ref}"

    def nearest(step: int) -> Date:
        y, m = ref.year, ref.month
        if (v.day > ref.day) if step < 0 else (v.day < ref.day):
            y, m = _shift_month(y, m, step)
        while not _valid(y, m, v.day):  # no 31st in this month: the one before (or after) it
            y, m = _shift_month(y, m, step)
        return replace(v, year=y, month=m)

    before, after = nearest(-1), nearest(1)
    if tense == "future":
        return after, f"future day of the month from reference {ref}"
    if tense == "future-in-past":
        gap = lambda d: abs((d.as_date() - ref.as_date()).days)
        return min(before, after, key=gap), f"nearest day of the month to reference {ref}"
    return before, f"day of the month on or before reference {ref}"


def shift(v: Date, days: int) -> Date:
    """A date moved by whole days at the precision it has; a weekday alone moves round the week."""
    if v.full:
        return Date.of(v.as_date() + dt.timedelta(days=days))
    if v.month and v.day:  # no year: a common year is enough to count days within it
        d = dt.date(2001, v.month, v.day) + dt.timedelta(days=days)
        return Date(None, d.month, d.day)
    if v.weekday:
        return Date(weekday=(v.weekday - 1 + days) % 7 + 1)
    return v


def _as_of(c: Claim, ref: Reference) -> Claim:
    """The moment a figure holds for: the day the text states, resolved like any date ("by Friday
    night" in an article of Saturday is the Friday before), else the source's reference date."""
    if c.as_of is not None and c.as_of_how == PARAGRAPH_MOMENT and ref.date is not None and ref.date.full:
        return replace(c, as_of=ref.date, as_of_part="", as_of_rel=(), as_of_how=ref.how)  # its own day first
    if c.as_of is not None:
        v = c.as_of
        if c.as_of_rel:
            v, _ = resolve_value(v, c.as_of_rel, "past", ref.date)
        return replace(c, as_of=v, as_of_rel=())
    if ref.date is not None:
        return replace(c, as_of=ref.date, as_of_how=ref.how)
    return c


def _informative(v) -> bool:
    """Not a date that says nothing: an empty one, or a day of the month no reference placed."""
    return not isinstance(v, Date) or (v != Date() and not (v.day is not None and v.month is None))


def year_by_weekday(v: Date, weekday: int, year_hint: int) -> tuple[Date, str] | None:
    """'Tuesday, March 3' with no year: the event's year when that day is that weekday in it, and the
    reason. Another year is left open: a weekday slip is likelier than another year's event."""
    if not _valid(year_hint, v.month, v.day) or dt.date(year_hint, v.month, v.day).isoweekday() != weekday:
        return None
    return replace(v, year=year_hint), (f"year {year_hint}: the event's year, in which {v.month:02d}-{v.day:02d} "
                                        f"is a {_day_name(weekday)}")


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def resolve_time(c: Claim, ref: Reference, event_zone: str | None, source_zone: str | None) -> Claim:
    """A clock time's zone and date: the zone the text names ("local time" is the event's), else
    the outlet's (sources.yaml `timezone`: a newsroom writes a bare clock time in its own zone and
    labels the others), else the event's (the pack's `event.timezone`), else none: the time is then
    compared on its clock only. An IANA zone's offset is taken on the date the sentence gives, else
    on the source's reference date, so daylight saving is right."""
    _, zone, date, drel = c.rel
    if date is not None and drel:
        date, _ = resolve_value(date, drel, c.tense, ref.date)
    date = date if date is not None and date.full else None
    if zone is None and source_zone:
        zone, how = ("iana", source_zone), f"no zone given: the outlet's ({source_zone})"
    elif zone is None and event_zone:
        zone, how = ("iana", event_zone), f"no zone given: the event's ({event_zone})"
    elif zone == clock.LOCAL:
        zone, how = (("iana", event_zone), f"local time ({event_zone})") if event_zone else (None, "local time, zone unknown")
    elif zone is None or zone[0] == "unknown":
        how = "zone unknown: compared on the clock only"
    else:
        how = f"{c.value.zone or 'as written'}"
    known = date or ref.date
    day = known.as_date() if known is not None and known.full else None
    month = known.month if known is not None and known.year and known.month else None  # "published: 2025-07"
    off = clock.offset(zone, day, c.value.lo, ref.date.year if ref.date and ref.date.year else 2025, month)
    if off is None and zone is not None and zone[0] == "iana" and "unknown" not in how:
        how += ", offset unknown without a date"
    return replace(c, value=replace(c.value, offset=off, date=date, zone=how), rel=(), note=how)


def resolve(claims: list[Claim], ref: Reference, window: tuple[str, str] | None,
            zones: tuple[str | None, str | None] = (None, None), year_hint: int | None = None) -> list[Claim]:
    """Resolve every date claim of one source; pin weekdays to the other end of the event window;
    give clock times their zone (`zones`: the event's and the outlet's). A month-day with its weekday
    and no reference takes the year the weekday fixes in `year_hint`, the event's year."""
    out = []
    # per topic, the first month-year a source states ("in November 2024 ... on 12 November"), else
    # the first year alone ("a similar drill in 2023. It opened on 12 October")
    years = {}
    for c in claims:
        if isinstance(c.value, Date) and c.value.year and not c.value.day and not c.rel:
            years.setdefault((c.topic, c.value.month), c)
    # per topic and clock, the zone the source names for it once: "began at 6 am local time" makes
    # its bare "began at 6 am" the same moment, whatever the outlet's own zone
    named = {(c.topic, c.value.lo, c.value.hi): c.rel[1] for c in claims
             if isinstance(c.value, Time) and c.rel[:1] == ("zone",) and c.rel[1] is not None}
    for c in claims:
        if isinstance(c.value, Time) and c.rel[:1] == ("zone",) and c.rel[1] is None:
            zone = named.get((c.topic, c.value.lo, c.value.hi))
            if zone is not None:
                c = replace(c, rel=(c.rel[0], zone, *c.rel[2:]))
        stated = (years.get((c.topic, c.value.month)) or years.get((c.topic, None))
                  if isinstance(c.value, Date) and c.rel == ("year",) else None)
        if stated is not None and stated.start < c.start:
            c = replace(c, value=replace(c.value, year=stated.value.year), rel=(),
                        note="; ".join(filter(None, [c.note, f"year from {stated.text!r}, line {stated.line}"])))
        if isinstance(c.value, Time) and c.rel[:1] == ("zone",):
            c = resolve_time(c, ref, *zones)
        if c.rel and isinstance(c.value, Date):
            v, note = resolve_value(c.value, c.rel, c.tense, ref.date)
            if not note and c.rel == ("year",) and c.stated_weekday and year_hint and v.month and v.day:
                v, note = year_by_weekday(v, c.stated_weekday, year_hint) or (v, "")
            c = replace(c, value=v, note="; ".join(filter(None, [c.note, note])), rel=c.rel if not note else ())
        if getattr(c.value, "type", "") in TIMED:
            c = _as_of(c, ref)
        if c.shift and isinstance(c.value, Date):
            c = replace(c, value=shift(c.value, c.shift), shift=0,
                        note="; ".join(filter(None, [c.note, f"{c.shift:+d} day(s) from {c.value}"])))
        out.append(c)
    if window:
        out = _pin_weekdays(out, *window)
    out = _without_quoted_days(out, claims)
    # "the week of 12 May" with no year to find its week in says nothing: not the 12th itself
    return [c for c in out if _informative(c.value) and c.rel[:1] != ("week_of",)]


def _quoted(c: Claim) -> bool:
    """The claim stands inside a quotation of its sentence (curly or straight quotes)."""
    before = c.sentence[: c.start - c.sentence_start]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def _without_quoted_days(out: list[Claim], raw: list[Claim]) -> list[Claim]:
    """"We can confirm the flight was involved in an accident today," a statement read: a day counted
    from the speaker's today, which a later article quotes days after. When the source dates the
    same topic otherwise in its own words, the quoted day is the statement's, not the article's."""
    counted = {(c.topic, c.start) for c in raw if isinstance(c.value, Date) and c.rel[:1] == ("days",) and _quoted(c)}
    if not counted:
        return out
    own = {(c.topic, str(c.value)) for c in out if isinstance(c.value, Date) and (c.topic, c.start) not in counted}
    topics = {t for t, _ in own}
    return [c for c in out if (c.topic, c.start) not in counted or c.topic not in topics
            or (c.topic, str(c.value)) in own]


def _pin_weekdays(claims: list[Claim], start_topic: str, end_topic: str) -> list[Claim]:
    def full(topic):
        ds = {c.value for c in claims if c.topic == topic and isinstance(c.value, Date) and c.value.full}
        return ds.pop() if len(ds) == 1 else None

    start, end = full(start_topic), full(end_topic)
    out = []
    for c in claims:
        v = c.value
        if isinstance(v, Date) and v.weekday and not v.full and c.rel[:1] == ("weekday",):
            if c.topic == start_topic and end:
                back = (end.as_date().isoweekday() - v.weekday) % 7
                c = replace(c, value=Date.of(end.as_date() - dt.timedelta(days=back)), rel=(),
                            note=f"the {_day_name(v.weekday)} on or before the stated end {end}")
            elif c.topic == end_topic and start:
                fwd = (v.weekday - start.as_date().isoweekday()) % 7
                c = replace(c, value=Date.of(start.as_date() + dt.timedelta(days=fwd)), rel=(),
                            note=f"the {_day_name(v.weekday)} on or after the stated start {start}")
        out.append(c)
    return out


def _day_name(n: int) -> str:
    return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][n - 1]


def inconsistencies(claims: list[Claim]) -> list[str]:
    """A weekday stated with a date it does not fall on: the source contradicts itself."""
    out = []
    for c in claims:
        if c.stated_weekday and isinstance(c.value, Date) and c.value.full:
            actual = c.value.as_date().isoweekday()
            if actual != c.stated_weekday:
                out.append(f"line {c.line}: \"{c.text}\" — {c.value} is a {_day_name(actual)}, "
                           f"not a {_day_name(c.stated_weekday)}")
    return sorted(set(out))
