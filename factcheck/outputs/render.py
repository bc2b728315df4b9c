"""Render a Result as markdown (the discrepancy report) or JSON. Deterministic: everything sorted.

Source text is untrusted: every piece of it is escaped so an article cannot break a table or inject
markup, links, images or Mermaid syntax into the report.

The report reads top-down for an editor: the source × topic matrix, a summary per topic with values
as people write them (the exact normalized form beside), the timeline, then each topic's evidence,
every quote linked to its line in the source file.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterator
from functools import lru_cache

from ..comparison.compare import REVISED, STATUSES, Finding, ValueGroup
from ..language import asof
from ..run.pipeline import Result, SourceResult
from ..values import AS_WRITTEN
from . import digest, mermaid

SCALE_FROM = 13  # from this many sources a topic's evidence is folded per value, the chart grouped
LIST_SOURCES = 4  # outlets named per value before "and N more"
EVIDENCE_SOURCES = 6  # at scale, quotes shown per value (one per reprint family first)
MAX_LINE = 400  # characters in a line of the report, for readers and diff viewers

# Markup characters escaped, HTML's three entities, control characters replaced: one pass.
_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_[]|~$"}, "&": "&amp;", "<": "&lt;", ">": "&gt;",
                          **{chr(i): "\ufffd" for i in _CONTROLS}})
_CONTROL = str.maketrans({chr(i): "\ufffd" for i in _CONTROLS})
_SPACES = re.compile(r"\s+")
# GitHub turns bare "http://..." and "www...." into links; an escaped ":" or "." stays plain text.
_BARE_LINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<![a-z0-9])(www)(\.)")


def _clean(s) -> str:
    """One line, no control characters (they have no business in a report and confuse viewers)."""
    return _SPACES.sub(" ", str(s)).translate(_CONTROL)


@lru_cache(maxsize=65536)  # copies repeat sentences: escape each once
def md(s: str) -> str:
    """Escape text for a markdown table cell: no markup, links, HTML, math or line breaks survive."""
    s = str(s)
    if "  " in s or not s.isprintable():  # a line break, a tab, a run of spaces: else nothing to fold
        s = _SPACES.sub(" ", s)
    s = s.translate(_ESCAPES)
    if "//" in s or "ww" in s.lower():
        s = _BARE_LINK.sub(lambda m: "\\:" if m.group(1) else m.group(2) + "\\.", s)
    return s


@lru_cache(maxsize=65536)  # values and rule names repeat in every row
def code(s) -> str:
    """A value in a code span, unless it holds a backtick or a pipe (then escaped plain text)."""
    s = _clean(s).strip()
    return f"`{s}`" if s and "`" not in s and "|" not in s and "##[" not in s else md(s)


def _status_label(status: str) -> str:
    return f"**{status}**" if status == "conflict" else status


def value_text(v) -> str:
    """'Sun 18 May 2025 (`2025-05-18`)': the readable form, and the exact one where they differ."""
    r, exact = digest.readable(v), str(v)
    return code(exact) if r == exact else f"{md(r)} ({code(exact)})"


class _Names(digest.Outlets):
    """Outlet labels, escaped once for markdown."""

    def __init__(self, result: Result):
        super().__init__(result)
        self._md = {sid: md(label) for sid, label in self.label.items()}

    def __call__(self, sid: str) -> str:
        return self._md.get(sid) or md(sid)

    def some(self, ids: list[str], n: int = LIST_SOURCES) -> str:
        """The first n names ("; " between them, as names hold commas) and how many more."""
        shown, more = self.first(ids, n)
        text = "; ".join(self(s) for s in shown)
        return text + f" and {more} more" if more and n else text if n else f"{len(ids)} sources"


def markdown(result: Result, base: str = "reports") -> str:
    """The report, its links relative to the folder `base` it is written to."""
    names = _Names(result)
    out = opening(result)
    out += _matrix(result, names)
    out += [
        "## Summary",
        "",
        *textwrap.wrap("Statuses: **conflict**, sources contradict each other; **revised**, the figures differ because "
        "they were reported at different moments (a toll that rose), shown in time order; "
        "**compatible**, one value refines another "
        "(a district inside a region, a year and a month of it, a rank and its general form); "
        "**agree**, every source gives the same value (a weekday or day no source could date, that fits it, "
        "counts as the same); **single**, one source only; **silent**, none. "
        "No value is preferred: each is listed with the sources that give it; the majority is the value "
        "most independent sources give (a reprint and its original count once).", 110),
        "",
        "| Topic | Status | Values and sources |",
        "|---|---|---|",
    ]
    kbs = {t: p.gazetteer for p in result.packs for t in p.topics}
    for f in result.findings:
        head = f"| [{md(f.topic)}](#{_anchor(f.topic)}) | {_status_label(f.status)} | "
        out.append(head + _value_list(f, names, MAX_LINE - len(head) - 2, kbs.get(f.topic)) + " |")
    out += [""] + _timeline(result, names)
    topics = {t.id: t for p in result.packs for t in p.topics.values()}
    for f in result.findings:
        out += _section(f, topics[f.topic].description, result, names, base)
    notes = [(r.source.id, n) for r in result.sources for n in r.notes]
    if notes:
        out += ["## Sources that contradict themselves", ""]
        out += [f"- {names(sid)}: {md(n)}" for sid, n in notes]
        out.append("")
    out += _reprints(result, names)
    out += _sources_table(result.sources, names, base)
    return "\n".join(out).rstrip() + "\n"


def opening(result: Result) -> list[str]:
    """The report's opening lines: its title and counts, which a source added or a status changed
    changes; markdown() continues after them."""
    titles = " · ".join(md(p.title) for p in result.packs)
    n = len(result.sources)
    counts = {s: sum(f.status == s for f in result.findings) for s in STATUSES}
    return [
        f"# Discrepancy report: {titles}",
        "",
        f"{n} source{'s' * (n != 1)} · {len(result.findings)} topics · "
        + " · ".join(f"{counts[s]} {s}" for s in STATUSES),
        "",
    ]


def _anchor(topic: str) -> str:
    return re.sub(r"[^a-z0-9 _-]", "", topic.lower()).replace(" ", "-")


def _matrix(result: Result, names: _Names) -> list[str]:
    """One row per outlet, one column per topic: the value and how it stands to the majority."""
    kbs = {t: p.gazetteer for p in result.packs for t in p.topics}
    grid = {f.topic: digest.cells(f, kbs[f.topic]) for f in result.findings}
    copies = {r.copy: r.original for r in result.reprints}
    out = ["## At a glance", "", *textwrap.wrap(
           f"Each outlet's value per topic and how it stands to the topic's majority: {digest.AGREES} agrees "
           f"with it or refines it, {digest.CONTRADICTS} contradicts it, {digest.TIE} no majority (the leading "
           f"values are tied), {digest.SERIES} one figure of a revised series (see the topic), {digest.SILENT} says "
           f"nothing. {digest.REPRINT} marks a reprint of another outlet, "
           "counted once.", 110), ""]
    rows = sorted(result.sources, key=lambda r: names.key(r.source.id))
    lines = [["Outlet", "---", "**majority**"] + [names(r.source.id) + (f" {digest.REPRINT}" if r.source.id in copies
                                                                          else "") for r in rows]]
    for f in result.findings:
        g = digest.majority(f)
        lead = (f"**{md(_short(g.value))}**" if g else "revised" if f.status == REVISED else "tie" if f.values
                else digest.SILENT)
        column = [md(f.topic), "---", lead]
        for r in rows:
            c = grid[f.topic].get(r.source.id)
            column.append(f"{md(c.text)} {c.mark}" if c else digest.SILENT)
        lines.append(column)
    # As many topic columns per table as keep every row under MAX_LINE; the outlet column repeats.
    k = 1
    while k < len(lines):
        width = [len(x) + 3 for x in lines[0]]
        end = k
        while end < len(lines):
            grown = [w + len(x) + 3 for w, x in zip(width, lines[end])]
            if end > k and max(grown) + 2 > MAX_LINE:
                break
            width, end = grown, end + 1
        out += ["| " + " | ".join(row) + " |" for row in zip(*[lines[0]] + lines[k:end])] + [""]
        k = end
    return out


def _short(v) -> str:
    return digest.clip(digest.readable(v, short=True), digest.CELL_CHARS)


def _value_list(f: Finding, names: _Names, room: int, kb=None) -> str:
    """Each value with its count, the first outlets that give it and who states it, as much as fits
    in `room` (the topic's section has it all)."""
    if not f.values:
        return "—"
    lead = digest.majority(f)
    many = len(f.values)
    # Give up, in turn: outlets past the first, who states each value, the first outlet, values.
    steps = [(k, many, True) for k in (LIST_SOURCES, 2, 1)] + [(1, many, False), (0, many, False)]
    for n_names, n_values, voices in steps + [(0, k, False) for k in (6, 3, 1) if k < many]:
        parts = []
        for g in f.values[:n_values]:
            n = len(g.sources)
            count = f"{n} source{'s' * (n != 1)}" + (f", {g.independent} independent" if g.independent != n else "")
            who = f": {names.some(g.sources, n_names)}" if n_names else ""
            extra = " — majority" if g is lead and many > 1 else ""
            said = _voices(g) if voices else {}
            by = f" — according to {'; '.join(f'{md(v)} ({k})' for v, k in said.items())}" if said else ""
            parts.append(f"{value_text(g.value)} — {count}{who}{extra}{by}")
        if n_values < many:
            parts.append(f"and {many - n_values} more values")
        split = _split_by_agency(f, kb)
        if split:
            said = "; ".join(f"{value_text(v)} — {md(', '.join(who))}" for v, who in split)
            parts.append(f"split by agency: {said} — a disagreement between agencies, not an outlet's error")
        if lead is None and many > 1 and f.status != REVISED:
            parts.append("no majority: the leading values are tied")
        text = "<br>".join(parts)
        if len(text) <= room:
            break
    return text


def _voices(g: ValueGroup) -> dict[str, int]:
    """Who states a value, with how many sources cite each (most cited first)."""
    n: dict[str, set[str]] = {}
    for c in g.claims:
        if c.according_to:
            n.setdefault(c.according_to, set()).add(c.source)
    return {v: len(s) for v, s in sorted(n.items(), key=lambda kv: (-len(kv[1]), kv[0]))}


def _split_by_agency(f: Finding, kb) -> list[tuple[object, list[str]]]:
    """A conflict along the pack's agencies: values that contradict each other come from different
    agencies, never one agency on both sides. Each value with its agencies ("7.7 — the national
    survey"; "7.9 — the neighbouring network"), else []."""
    if f.status != "conflict" or kb is None:
        return []
    said = [(g, [v for v in _voices(g) if kb.agency(v)]) for g in f.values]
    said = [(g, who) for g, who in said if who]
    crossed = False
    for i, (g, a) in enumerate(said):
        for h, b in said[i + 1 :]:
            if g.value.relate(h.value, kb) == "conflict":
                if set(a) & set(b):
                    return []
                crossed = True
    return [(g.value, who) for g, who in said] if crossed else []


def _evidence(c, names: _Names, base: str, room: int) -> str:
    """'[line 5](../seeds/x.txt#L5): the quote with the words read in bold (rule `r`)', the quote
    cut around the words read when the line would pass MAX_LINE."""
    how = f"rule {code(c.rule)}" if not c.derived else md(c.rule)
    if c.note:
        how += f"; {md(c.note)}"
    if c.according_to:
        how += f"; according to {md(c.according_to)}"
    if c.as_of is not None:
        how += f"; as of {code(asof.label(c.as_of, c.as_of_part, c.as_of_progress))}" + (" (stated)" if c.as_of_how == "stated" else "")
    link = f"[line {c.line}]({digest.line_link(names.path[c.source], c.line, base, rooted=True)})"
    i, j = (0, 0) if c.derived else (c.start - c.sentence_start, c.end - c.sentence_start)
    room -= len(link) + len(how) + 6  # ": ", " (", ")" and the bold marks
    width = room
    while True:  # escaping lengthens text: narrow the window until the escaped quote fits
        a, b, z = digest.quote_window(c.sentence, i, j, max(width, 60))
        quote = f"{md(a)}**{md(b)}**{md(z)}" if j > i else md(a + b + z)
        if len(quote) <= room or width <= 60:
            return f"{link}: {quote} ({how})"
        width -= len(quote) - room + 5


def _row(value, c, names: _Names, base: str) -> str:
    if c.value.type in AS_WRITTEN:
        value = c.value  # one instant in its own zone, one length in the unit converted from: as the source gives it
    head = f"| {value_text(value)} | {names(c.source)} | "
    return head + _evidence(c, names, base, MAX_LINE - len(head) - 2) + " |"


def _section(f: Finding, description: str, result: Result, names: _Names, base: str) -> list[str]:
    out = [f"## {md(f.topic)}", "", f"Status: {_status_label(f.status)}." + (f" {md(description)}" if description else ""), ""]
    if f.series:
        out += _series(f, names)
    header = ["| Value | Outlet | Evidence |", "|---|---|---|"]
    by_claim = lambda c: (names.key(c.source), c.start)  # noqa: E731
    if f.values and len(result.sources) < SCALE_FROM:
        out += header + [_row(g.value, c, names, base) for g in f.values for c in sorted(g.claims, key=by_claim)]
        out.append("")
    for g in f.values if len(result.sources) >= SCALE_FROM else ():
        # Many sources: a line per value with its counts; a few quotes, one per reprint family first.
        n = len(g.sources)
        out += [f"- {value_text(g.value)}: {n} source{'s' * (n != 1)}, {g.independent} independent: "
                f"{names.some(g.sources)}", ""]
        claims = sorted(g.claims, key=by_claim)
        firsts, seen = [], set()
        for c in claims:
            if names.family.get(c.source, c.source) not in seen:
                seen.add(names.family.get(c.source, c.source))
                firsts.append(c)
        shown = (firsts + [c for c in claims if c not in firsts])[:EVIDENCE_SOURCES]
        shown.sort(key=by_claim)
        rest = len({c.source for c in claims}) - len({c.source for c in shown})
        out += [f"<details><summary>Evidence for {md(digest.readable(g.value))} ({len(shown)} of {n} sources)</summary>",
                ""] + header + [_row(g.value, c, names, base) for c in shown]
        if rest:
            out += ["", f"{rest} more source{'s' * (rest != 1)} give the same value; "
                    "`factcheck report --format json` lists every claim."]
        out += ["", "</details>", ""]
    if f.silent:
        if len(f.silent) > LIST_SOURCES:
            out += [f"Silent: {len(f.silent)} sources: {names.some(f.silent)}.", ""]
        else:
            out += [f"Silent: {names.some(f.silent)}.", ""]
    return out


def _series(f: Finding, names: _Names) -> list[str]:
    """A revised topic as what it is: its figures in time order, who reported each, and a line chart."""
    out = ["Reported over time (earliest first; a figure with no date is read as the latest):", "",
           "| As of | Value | Sources | According to |", "|---|---|---|---|"]
    for p in f.series:
        when = code(p.as_of) if p.as_of else "undated"
        out.append(f"| {'before ' + when + ' (replaced)' if p.superseded else when} | {value_text(p.value)} | "
                   f"{names.some(list(p.sources))} | {'; '.join(md(a) for a in p.according_to) or '—'} |")
    return out + [""] + series_chart(f)


def series_chart(f: Finding) -> list[str]:
    """A revised topic's figures over time as a Mermaid line chart (an interval drawn at its lower end)."""
    if f.status != REVISED:
        return []
    # "%" is no character a Mermaid label may hold ("%%" opens a comment): "(94.4 per cent counted)"
    points = [(("before " if p.superseded else "") + (p.as_of or "undated").replace("%", " per cent"), _low(p.value))
              for p in f.series]
    points = [(x, y) for x, y in points if y is not None]
    if len(points) < 2:
        return []
    return mermaid.xychart(f.topic, points, f.topic) + [""]


def _low(v) -> float | None:
    """The figure a chart draws for a value: an exact number, or the lower end of an interval."""
    lo = getattr(v, "lo", None)
    return float(lo) if isinstance(lo, (int, float)) else None


def _timeline(result: Result, names: _Names) -> list[str]:
    out = []
    for pack in result.packs:
        if not pack.timeline:
            continue
        s_topic, e_topic = pack.timeline
        placed, unplaced = digest.windows(result, s_topic, e_topic)
        out += [f"## Timeline: {md(s_topic)} to {md(e_topic)}", ""]
        by_window: dict[digest.Window, list[str]] = {}
        for sid, w in placed.items():
            by_window.setdefault(w, []).append(sid)
        if len(result.sources) >= SCALE_FROM:  # one bar per distinct window, with how many give it
            sections = [(f"{len(ids)} source{'s' * (len(ids) != 1)}", [(str(w), w.first, w.last)])
                        for w, ids in sorted(by_window.items(), key=lambda kv: (-len(kv[1]), kv[0].first, kv[0].last))]
        else:
            order = sorted(placed, key=names.key)
            sections = [(names.label[s], [(str(placed[s]), placed[s].first, placed[s].last)]) for s in order]
        if sections:
            out += mermaid.gantt(pack.title, sections) + [""]
        if unplaced:
            out += ["Not fully placed on the chart (no full date for both ends):", ""]
            items = sorted(unplaced.items(), key=lambda kv: names.key(kv[0]))
            for sid, said in items[:LIST_SOURCES * 2]:
                out.append(f"- {names(sid)}: " + ", ".join(f"{end} {value_text(d)}" for end, d in said))
            if len(items) > LIST_SOURCES * 2:
                out.append(f"- and {len(items) - LIST_SOURCES * 2} more sources; see the topics' sections")
            out.append("")
    return out


def _reprints(result: Result, names: _Names) -> list[str]:
    groups = digest.reprint_groups(names)
    if not groups:
        return []
    share = {r.copy: r.share for r in result.reprints}
    out = ["## Reprints", "", "Counted once where the report says how many independent sources back a value.", ""]
    for original, copies in groups:
        shares = sorted(share[c] for c in copies if c in share)
        span = (f"{shares[0]:.0%}" if shares[0] == shares[-1] else f"{shares[0]:.0%}–{shares[-1]:.0%}") if shares else ""
        n = len(copies)
        out.append(f"- {names(original)} is repeated by {n} source{'s' * (n != 1)} ({span} of their sentences): "
                   f"{names.some(copies)}")
    return out + [""]


def _url(u: str | None) -> str:
    if not u:
        return "—"
    ok = len(u) < MAX_LINE // 2 and re.fullmatch(r"https?://[^\s<>|`\\\x00-\x1f\x7f-\x9f]+", u) and "##[" not in u
    return f"<{u}>" if ok else md(digest.clip(u, 80))


def _sources_table(sources: list[SourceResult], names: _Names, base: str) -> list[str]:
    out = ["## Sources", ""]
    fold = len(sources) >= SCALE_FROM
    if fold:
        out += [f"<details><summary>{len(sources)} sources</summary>", ""]
    out += ["| Outlet | File | URL | Published | Reference date | How it was found | Claims |",
            "|---|---|---|---|---|---|---|"]
    rows = sorted(sources, key=lambda r: names.key(r.source.id))
    for r in rows:
        s = r.source
        full = md(digest.clip(_clean(s.outlet), 100)) if s.outlet else "—"
        file = f"[{md(s.id)}]({digest.line_link(s.path, 1, base, rooted=True).rsplit('#', 1)[0]})"
        ref = value_text(r.reference.date) if r.reference.date else "unknown"
        out.append(f"| {full} | {file} | {_url(s.url)} | {md(s.published or '—')} | "
                   f"{ref} | {md(digest.clip(r.reference.how, 80))} | {len(r.claims)} |")
    return out + (["", "</details>", ""] if fold else [""])


def _value_fields(v) -> dict:
    """What a claim's value carries beside its normalized form: a quantity's unit and the words it
    was given in; a time's zone and how it was found."""
    if v.type == "quantity":
        return {"unit": v.unit, "as_written": v.original}
    if v.type == "time":
        return {"zone": v.zone}
    return {}


SCHEMA_VERSION = 1  # of the JSON below, described by factcheck/schemas/report.schema.json; raised on a breaking change


def as_json(result: Result) -> str:
    return "".join(json_pieces(result))


def json_pieces(result: Result) -> Iterator[str]:
    """The JSON report in pieces, a source, claim, reprint or finding at a time: a run over many
    sources never holds the report as objects or as one string. The pieces join to json.dumps of
    the whole document with indent=2 (made safe for CI logs)."""
    by_id = sorted(result.sources, key=lambda r: r.source.id)  # ids are unique: the claims' order below
    document = {
        "schema_version": SCHEMA_VERSION,
        "sources": ({
            "id": r.source.id, "path": r.source.path, "outlet": r.source.outlet, "url": r.source.url,
            "published": r.source.published, "reference_date": r.reference.date and str(r.reference.date),
            "reference_how": r.reference.how, "notes": r.notes,
        } for r in result.sources),
        "claims": ({
            "topic": c.topic, "source": c.source, "value": str(c.value), "text": c.text, "sentence": c.sentence,
            "line": c.line, "start": c.start, "end": c.end, "rule": c.rule, "derived": c.derived, "note": c.note,
            "according_to": c.according_to or None, "as_of": asof.label(c.as_of, c.as_of_part, c.as_of_progress) or None,
            "as_of_how": c.as_of_how or None, "superseded": c.superseded,
            **_value_fields(c.value),
        } for r in by_id for c in sorted(r.claims, key=lambda c: (c.topic, c.start, c.derived, str(c.value)))),
        "reprints": ({"copy": r.copy, "original": r.original, "share": r.share} for r in result.reprints),
        "findings": ({
            "topic": f.topic, "status": f.status,
            "values": [{"value": str(g.value), "sources": g.sources, "independent": g.independent,
                        "according_to": _voices(g)} for g in f.values],
            "silent": f.silent,
            **({"series": [{"as_of": p.as_of or None, "value": str(p.value), "sources": list(p.sources),
                            "according_to": list(p.according_to), "superseded": p.superseded}
                           for p in f.series]} if f.series else {}),
        } for f in result.findings),
    }
    for piece in _indented(document):
        yield _json_safe(piece)


def _indented(document: dict) -> Iterator[str]:
    """json.dumps(document, ensure_ascii=False, indent=2) + "\n" for a flat object whose members
    are plain values or iterators of items, each item encoded on its own. A value nested n levels
    down is encoded as at the top with n more levels of indent before each of its lines (JSON
    strings hold no raw line break)."""
    dump = lambda x, level: json.dumps(x, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * level)  # noqa: E731
    yield "{"
    for i, (key, value) in enumerate(document.items()):
        yield ("," if i else "") + "\n  " + dump(key, 1) + ": "
        if not isinstance(value, Iterator):
            yield dump(value, 1)
            continue
        empty = True
        for item in value:
            yield ("[" if empty else ",") + "\n    " + dump(item, 2)
            empty = False
        yield "[]" if empty else "\n  ]"
    yield "\n}\n"


def _json_safe(text: str) -> str:
    """JSON printed to a CI log: characters that are not printable as \\u escapes, and the '[' of
    '##[' (which GitHub's runner reads as a command anywhere in a line) as \\u005b. Only ever
    inside strings, where JSON reads them back as the same characters."""
    lines = text.replace("##[", "##\\u005b").split("\n")
    return "\n".join(ln if ln.isprintable() else "".join(c if c.isprintable() else _u(c) for c in ln)
                     for ln in lines)


def _u(ch: str) -> str:
    o = ord(ch)
    if o < 0x10000:
        return f"\\u{o:04x}"
    o -= 0x10000
    return f"\\u{0xD800 + (o >> 10):04x}\\u{0xDC00 + (o & 0x3FF):04x}"
