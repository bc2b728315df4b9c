"""Render a Result as markdown (the discrepancy report) or JSON. Deterministic: everything sorted.

Source text is untrusted: every piece of it is escaped so an article cannot break a table or inject
markup, links, images or Mermaid syntax into the report.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from ..comparison.compare import STATUSES, Finding, ValueGroup
from ..language import asof
from ..run.pipeline import Result, SourceResult
from ..values import Date

# Emphasis, code, links and images ([ and ]), tables (|), strikethrough (~), math ($) and HTML (< >).
SCALE_FROM = 13  # from this many sources a topic's evidence is folded per value, the chart grouped
LIST_SOURCES = 8  # source ids listed in full per value; past this a count

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


def _evidence(c) -> str:
    """The verbatim sentence, escaped, with the words the value was read from in bold."""
    if c.derived:
        return md(c.sentence)
    i, j = c.start - c.sentence_start, c.end - c.sentence_start
    return f"{md(c.sentence[:i])}**{md(c.sentence[i:j])}**{md(c.sentence[j:])}"


def _status_label(status: str) -> str:
    return f"**{status}**" if status == "conflict" else status


def _value_list(f: Finding, kb=None) -> str:
    if not f.values:
        return "—"
    parts = []
    voices = len({fam for g in f.values for fam in g.families})
    for g in f.values:
        shown = g.sources if len(g.sources) <= LIST_SOURCES else g.sources[: LIST_SOURCES - 1]
        who = ", ".join(md(s) for s in shown)
        if len(shown) < len(g.sources):
            who += f" and {len(g.sources) - len(shown)} more ({len(g.sources)} sources)"
        extra = f" ({g.independent} independent)" if g.independent != len(g.sources) else ""
        if f.status == "conflict" and g.independent * 2 > voices:
            extra += " — majority"
        said = _voices(g)
        by = f" — according to {', '.join(f'{md(v)} ({n})' for v, n in said.items())}" if said else ""
        parts.append(f"{code(g.value)} — {who}{extra}{by}")
    split = _split_by_agency(f, kb)
    if split:
        said = "; ".join(f"{code(v)} — {md(', '.join(who))}" for v, who in split)
        parts.append(f"split by agency: {said} — a disagreement between agencies, not an outlet's error")
    return "<br>".join(parts)


def _voices(g: ValueGroup) -> dict[str, int]:
    """Who states a value, with how many sources cite each (most cited first)."""
    n: dict[str, set[str]] = {}
    for c in g.claims:
        if c.according_to:
            n.setdefault(c.according_to, set()).add(c.source)
    return {v: len(s) for v, s in sorted(n.items(), key=lambda kv: (-len(kv[1]), kv[0]))}


def _split_by_agency(f: Finding, kb) -> list[tuple[str, list[str]]]:
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
    return [(str(g.value), who) for g, who in said] if crossed else []


def markdown(result: Result) -> str:
    titles = " · ".join(md(p.title) for p in result.packs)
    n = len(result.sources)
    counts = {s: sum(f.status == s for f in result.findings) for s in STATUSES}
    out = [
        f"# Discrepancy report: {titles}",
        "",
        f"{n} sources · {len(result.findings)} topics · "
        + " · ".join(f"{counts[s]} {s}" for s in STATUSES),
        "",
        "Statuses: **conflict**, sources contradict each other; **revised**, the figures differ because "
        "they were reported at different moments (a toll that rose), shown in time order; "
        "**compatible**, one value refines another (a district inside a region, a year and a month of it, a rank and its general form); "
        "**agree**, every source gives the same value (a weekday or day no source could date, that fits it, "
        "counts as the same); **single**, one source only; **silent**, none. "
        "No value is preferred: each is listed with the sources that give it.",
        "",
        "## Summary",
        "",
        "| Topic | Status | Values and sources |",
        "|---|---|---|",
    ]
    kb = {t: p.gazetteer for p in result.packs for t in p.topics}
    for f in result.findings:
        out.append(f"| [{md(f.topic)}](#{_anchor(f.topic)}) | {_status_label(f.status)} | "
                   f"{_value_list(f, kb.get(f.topic))} |")
    out += [""] + _timeline(result)
    topics = {t.id: t for p in result.packs for t in p.topics.values()}
    for f in result.findings:
        out += _section(f, topics[f.topic].description, result)
    notes = [(r.source.id, n) for r in result.sources for n in r.notes]
    if notes:
        out += ["## Sources that contradict themselves", ""]
        out += [f"- {md(sid)}: {md(n)}" for sid, n in notes]
        out.append("")
    if result.reprints:
        out += ["## Reprints", "", "Counted once where the report says how many independent sources back a value.", ""]
        out += [f"- {md(r.copy)} repeats {r.share:.0%} of its sentences from {md(r.original)}" for r in result.reprints]
        out.append("")
    out += _sources_table(result.sources)
    return "\n".join(out).rstrip() + "\n"


def _anchor(topic: str) -> str:
    return re.sub(r"[^a-z0-9 _-]", "", topic.lower()).replace(" ", "-")


def _row(value, c) -> str:
    how = f"rule {code(c.rule)}" if not c.derived else md(c.rule)
    if c.note:
        how += f"; {md(c.note)}"
    if c.according_to:
        how += f"; according to {md(c.according_to)}"
    if c.as_of is not None:
        how += f"; as of {code(asof.label(c.as_of, c.as_of_part))}" + (" (stated)" if c.as_of_how == "stated" else "")
    if c.value.type in ("time", "quantity"):
        value = c.value  # one instant in its own zone, one length in the unit converted from: as the source gives it
    return f"| {code(value)} | {md(c.source)} | line {c.line}: {_evidence(c)} ({how}) |"


def _section(f: Finding, description: str, result: Result) -> list[str]:
    out = [f"## {md(f.topic)}", "", f"Status: {_status_label(f.status)}." + (f" {md(description)}" if description else ""), ""]
    if f.series:
        out += _series(f)
    header = ["| Value | Source | Evidence |", "|---|---|---|"]
    if f.values and len(result.sources) < SCALE_FROM:
        out += header + [_row(g.value, c) for g in f.values for c in sorted(g.claims, key=lambda c: (c.source, c.start))]
        out.append("")
    for g in f.values if len(result.sources) >= SCALE_FROM else ():
        # Many sources: a line per value with its counts, the evidence folded away.
        n = len(g.sources)
        out += [f"- {code(g.value)}: {n} source{'s' * (n != 1)}, {g.independent} independent", "",
                f"<details><summary>Evidence for {md(g.value)} ({n})</summary>", ""] + header
        out += [_row(g.value, c) for c in sorted(g.claims, key=lambda c: (c.source, c.start))]
        out += ["", "</details>", ""]
    if f.silent:
        if len(f.silent) > LIST_SOURCES:
            out += [f"<details><summary>Silent: {len(f.silent)} sources</summary>", "",
                    ", ".join(md(s) for s in f.silent) + ".", "", "</details>", ""]
        else:
            out += [f"Silent: {', '.join(md(s) for s in f.silent)}.", ""]
    return out


def _series(f: Finding) -> list[str]:
    """A revised topic as what it is: its figures in time order, who reported each, and a line chart."""
    out = ["Reported over time (earliest first; a figure with no date is read as the latest):", "",
           "| As of | Value | Sources | According to |", "|---|---|---|---|"]
    for p in f.series:
        when = code(p.as_of) if p.as_of else "undated"
        out.append(f"| {'before ' + when + ' (replaced)' if p.superseded else when} | {code(p.value)} | "
                   f"{', '.join(md(s) for s in p.sources)} | {', '.join(md(a) for a in p.according_to) or '—'} |")
    out.append("")
    points = [(("before " if p.superseded else "") + (p.as_of or "undated"), _low(p.value)) for p in f.series]
    points = [(x, y) for x, y in points if y is not None]
    if len(points) >= 2:
        xs = ", ".join(f'"{_mermaid_name(x)}"' for x, _ in points)
        ys = ", ".join(f"{y:g}" for _, y in points)
        out += ["```mermaid", "xychart-beta", f'    title "{_mermaid_name(f.topic)}"', f"    x-axis [{xs}]",
                f'    y-axis "{_mermaid_name(f.topic)}"', f"    line [{ys}]", "```", ""]
    return out


def _low(v) -> float | None:
    """The figure a chart draws for a value: an exact number, or the lower end of an interval."""
    lo = getattr(v, "lo", None)
    return float(lo) if isinstance(lo, (int, float)) else None


def _mermaid_name(s: str) -> str:
    """Text safe inside a Mermaid line: no line breaks, colons, semicolons, comment or directive marks."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w .,'\"()\u2013-]", " ", s)).strip()[:80] or "-"


def _timeline(result: Result) -> list[str]:
    windows = [(p, p.timeline) for p in result.packs if p.timeline]
    if not windows:
        return []
    out = []
    for pack, (s_topic, e_topic) in windows:
        rows, unplaced, windows_seen = [], [], {}
        for r in result.sources:
            starts = sorted({c.value for c in r.claims if c.topic == s_topic and isinstance(c.value, Date)}, key=str)
            ends = sorted({c.value for c in r.claims if c.topic == e_topic and isinstance(c.value, Date)}, key=str)
            full_s = [d for d in starts if d.full]
            full_e = [d for d in ends if d.full]
            name = _mermaid_name(r.source.id)
            if full_s and full_e and full_e[0].as_date() >= full_s[0].as_date():
                days = (full_e[0].as_date() - full_s[0].as_date()).days + 1
                row = f"{full_s[0]} to {full_e[0]} : {full_s[0]}, {days}d"
            elif full_s or full_e:
                d = (full_s or full_e)[0]
                row = f"{'start' if full_s else 'end'} {d} : milestone, {d}, 0d"
            else:
                row = None
            if row:
                windows_seen.setdefault(row, []).append(name)
                rows += [f"    section {name}", f"    {row}"]
            if (starts or ends) and not (full_s and full_e):
                said = ", ".join([f"start {code(d)}" for d in starts] + [f"end {code(d)}" for d in ends])
                unplaced.append(f"- {md(r.source.id)}: {said}")
        out += [f"## Timeline: {md(s_topic)} to {md(e_topic)}", ""]
        if len(result.sources) >= SCALE_FROM:  # one bar per distinct window, with how many give it
            rows = []
            for row, names in sorted(windows_seen.items(), key=lambda kv: (-len(kv[1]), kv[0])):
                rows += [f"    section {len(names)} source{'s' * (len(names) != 1)}", f"    {row}"]
            unplaced = unplaced if len(unplaced) <= LIST_SOURCES else [
                f"- {len(unplaced)} sources give a window without full dates; see the topics' sections"]
        if rows:
            out += ["```mermaid", "gantt", f"    title {_mermaid_name(pack.title)}", "    dateFormat YYYY-MM-DD",
                    "    axisFormat %d %b"] + rows + ["```", ""]
        if unplaced:
            out += ["Not fully placed on the chart (no full date for both ends):", ""] + unplaced + [""]
    return out


def _url(u: str | None) -> str:
    if not u:
        return "—"
    return f"<{u}>" if re.fullmatch(r"https?://[^\s<>|`\\\x00-\x1f\x7f-\x9f]+", u) and "##[" not in u else md(u)


def _sources_table(sources: list[SourceResult]) -> list[str]:
    out = ["## Sources", ""]
    fold = len(sources) >= SCALE_FROM
    if fold:
        out += [f"<details><summary>{len(sources)} sources</summary>", ""]
    out += ["| Source | Outlet | URL | Published | Reference date | How it was found | Claims |",
            "|---|---|---|---|---|---|---|"]
    for r in sources:
        s = r.source
        out.append(f"| {md(s.id)} | {md(s.outlet or '—')} | {_url(s.url)} | {md(s.published or '—')} | "
                   f"{md(str(r.reference))} | {md(r.reference.how)} | {len(r.claims)} |")
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
    data = {
        "schema_version": SCHEMA_VERSION,
        "sources": [{
            "id": r.source.id, "path": r.source.path, "outlet": r.source.outlet, "url": r.source.url,
            "published": r.source.published, "reference_date": r.reference.date and str(r.reference.date),
            "reference_how": r.reference.how, "notes": r.notes,
        } for r in result.sources],
        "claims": [{
            "topic": c.topic, "source": c.source, "value": str(c.value), "text": c.text, "sentence": c.sentence,
            "line": c.line, "start": c.start, "end": c.end, "rule": c.rule, "derived": c.derived, "note": c.note,
            "according_to": c.according_to or None, "as_of": asof.label(c.as_of, c.as_of_part) or None,
            "as_of_how": c.as_of_how or None, "superseded": c.superseded,
            **_value_fields(c.value),
        } for c in sorted(result.claims, key=lambda c: (c.source, c.topic, c.start, c.derived, str(c.value)))],
        "reprints": [{"copy": r.copy, "original": r.original, "share": r.share} for r in result.reprints],
        "findings": [{
            "topic": f.topic, "status": f.status,
            "values": [{"value": str(g.value), "sources": g.sources, "independent": g.independent,
                        "according_to": _voices(g)} for g in f.values],
            "silent": f.silent,
            **({"series": [{"as_of": p.as_of or None, "value": str(p.value), "sources": list(p.sources),
                            "according_to": list(p.according_to), "superseded": p.superseded}
                           for p in f.series]} if f.series else {}),
        } for f in result.findings],
    }
    return _json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


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
