"""The report as one self-contained HTML page, for editors who do not read it on GitHub.

No network: styles and the sorting script are inline, the timeline is an inline SVG drawn here, and
a Content-Security-Policy forbids the page from loading anything at all. The same content as the
markdown report (digest.py works it out for both): the matrix first, sortable by any column; each
topic's evidence folded per value, every quote linked to its line in the source file.
"""

from __future__ import annotations

import datetime as dt
from html import escape as _escape

from ..comparison.compare import REVISED, STATUSES, Finding
from ..run.pipeline import Result
from . import digest

SCALE_FROM = 13  # as in the markdown report: from this many sources the timeline groups equal windows
EVIDENCE_SOURCES = 50  # quotes shown per value; the JSON has every one

def escape(s: str) -> str:
    """HTML-escaped, and "[" as an entity too: a page printed to a CI log must not hold '##[', which
    the runner reads as a command anywhere in a line."""
    return _escape(s).replace("[", "&#91;")


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:100rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;
vertical-align:top;text-align:left}thead th{background:#f6f8fa;cursor:pointer;white-space:nowrap}
thead th[aria-sort=ascending]::after{content:" \\25B2"}thead th[aria-sort=descending]::after{content:" \\25BC"}
tr.lead td{font-weight:600;background:#f6f8fa}.agrees{background:#dafbe1}.contradicts{background:#ffebe9}
.tie{background:#fff8c5}.series{background:#ddf4ff}.silent{color:#8c959f}.conflict{color:#cf222e;font-weight:600}code{font-size:.85em}
details{margin:.3rem 0}summary{cursor:pointer}.exact{color:#57606a}b{background:#fff8c5}
.wrap{overflow-x:auto}.matrix td{white-space:nowrap}svg text{font:12px system-ui,sans-serif}
"""

# Sort the matrix by a column: outlet names as text with numbers read as numbers, topic columns by
# how the cell stands to the majority, then by value. A second click reverses.
_JS = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    th.addEventListener("click", function () {
      var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent;
        var y = b.cells[col].getAttribute("data-sort") || b.cells[col].textContent;
        return dir * x.localeCompare(y, "en", {numeric: true, sensitivity: "base"});
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"""

_MARK_CLASS = {digest.AGREES: "agrees", digest.CONTRADICTS: "contradicts", digest.TIE: "tie",
               digest.SERIES: "series", digest.SILENT: "silent"}
_MARK_ORDER = {digest.AGREES: "1", digest.CONTRADICTS: "2", digest.TIE: "3", digest.SERIES: "4", digest.SILENT: "5"}


def _value(v) -> str:
    r, exact = digest.readable(v), str(v)
    return escape(r) if r == exact else f'{escape(r)} <code class="exact">{escape(exact)}</code>'


def page(result: Result, base: str = "reports") -> str:
    """The HTML report, its links relative to the folder `base` it is written to."""
    outlets = digest.Outlets(result)
    label, order = outlets.label, outlets.key
    name = lambda sid: escape(label.get(sid, sid))  # noqa: E731
    title = " · ".join(p.title for p in result.packs)
    counts = {s: sum(f.status == s for f in result.findings) for s in STATUSES}
    out = ["<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
           'style-src \'unsafe-inline\'; script-src \'unsafe-inline\'">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>Discrepancy report: {escape(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           f"<h1>Discrepancy report: {escape(title)}</h1>",
           f"<p>{len(result.sources)} source{'s' * (len(result.sources) != 1)} · {len(result.findings)} topics · "
           + " · ".join(f"{counts[s]} {s}" for s in STATUSES) + "</p>"]
    out += _matrix(result, label, name, order)
    out += _summary(result, name, order)
    out += _timeline(result, label, order)
    topics = {t.id: t for p in result.packs for t in p.topics.values()}
    for f in result.findings:
        out += _topic(f, topics[f.topic].description, outlets, name, base)
    out += _sources(result, name, order, base)
    out += [f"<script>{_JS}</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _matrix(result: Result, label, name, order) -> list[str]:
    kbs = {t: p.gazetteer for p in result.packs for t in p.topics}
    copies = {r.copy for r in result.reprints}
    grid = {f.topic: digest.cells(f, kbs[f.topic]) for f in result.findings}
    out = ['<h2 id="at-a-glance">At a glance</h2>',
           f"<p>Each outlet's value per topic against the topic's majority (the value most independent sources "
           f"give): {digest.AGREES} agrees or refines, {digest.CONTRADICTS} contradicts, {digest.TIE} no majority "
           f"(a tie), {digest.SERIES} a figure of a revised series, {digest.SILENT} silent; {digest.REPRINT} a reprint, "
           "counted once. Click a column to sort.</p>",
           '<div class="wrap"><table class="matrix sortable">', "<thead><tr><th>Outlet</th>"
           + "".join(f"<th>{escape(f.topic)}</th>" for f in result.findings) + "</tr>"]
    lead = []
    for f in result.findings:
        g = digest.majority(f)
        lead.append(escape(digest.readable(g.value, short=True)) if g else "revised" if f.status == REVISED
                    else "tie" if f.values else digest.SILENT)
    out.append('<tr class="lead"><td>majority</td>' + "".join(f"<td>{x}</td>" for x in lead) + "</tr></thead><tbody>")
    for r in sorted(result.sources, key=lambda r: order(r.source.id)):
        sid = r.source.id
        row = [f'<td data-sort="{escape(label.get(sid, sid))}">{name(sid)}'
               + (f' <span title="reprint">{digest.REPRINT}</span>' if sid in copies else "") + "</td>"]
        for f in result.findings:
            c = grid[f.topic].get(sid)
            if c is None:
                row.append(f'<td class="silent" data-sort="5">{digest.SILENT}</td>')
            else:
                row.append(f'<td class="{_MARK_CLASS[c.mark]}" data-sort="{_MARK_ORDER[c.mark]} {escape(c.text)}" '
                           f'title="{escape(", ".join(c.values))}">{escape(c.text)} {c.mark}</td>')
        out.append("<tr>" + "".join(row) + "</tr>")
    return out + ["</tbody></table></div>"]


def _some(ids: list[str], name, order, n: int = 4) -> str:
    ids = sorted(ids, key=order)
    shown = "; ".join(name(s) for s in ids[:n])
    return shown + (f" and {len(ids) - n} more" if len(ids) > n else "")


def _summary(result: Result, name, order) -> list[str]:
    out = ['<h2 id="summary">Summary</h2>', "<table><thead><tr><th>Topic</th><th>Status</th><th>Values and sources"
           "</th></tr></thead><tbody>"]
    for f in result.findings:
        lead = digest.majority(f)
        parts = []
        for g in f.values:
            n = len(g.sources)
            count = f"{n} source{'s' * (n != 1)}" + (f", {g.independent} independent" if g.independent != n else "")
            mark = " — <b>majority</b>" if g is lead and len(f.values) > 1 else ""
            parts.append(f"{_value(g.value)} — {count}: {_some(g.sources, name, order)}{mark}")
        if lead is None and len(f.values) > 1 and f.status != REVISED:
            parts.append("no majority: the leading values are tied")
        status = f'<span class="conflict">{f.status}</span>' if f.status == "conflict" else f.status
        out.append(f'<tr><td><a href="#{_id(f.topic)}">{escape(f.topic)}</a></td><td>{status}</td>'
                   f'<td>{"<br>".join(parts) or "—"}</td></tr>')
    return out + ["</tbody></table>"]


def _id(topic: str) -> str:
    return "topic-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in topic)


def _timeline(result: Result, label, order) -> list[str]:
    out = []
    for pack in result.packs:
        if not pack.timeline:
            continue
        s_topic, e_topic = pack.timeline
        placed, unplaced = digest.windows(result, s_topic, e_topic)
        if not placed:
            continue
        if len(result.sources) >= SCALE_FROM:
            groups: dict[digest.Window, list[str]] = {}
            for sid, w in placed.items():
                groups.setdefault(w, []).append(sid)
            bars = [(f"{len(ids)} source{'s' * (len(ids) != 1)}", w)
                    for w, ids in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].first, kv[0].last))]
        else:
            bars = [(label.get(s, s), placed[s]) for s in sorted(placed, key=order)]
        out += [f"<h2>Timeline: {escape(s_topic)} to {escape(e_topic)}</h2>", _svg(bars)]
        if unplaced:
            items = sorted(unplaced.items(), key=lambda kv: order(kv[0]))
            out.append("<p>Not fully placed (no full date for both ends): " + "; ".join(
                f"{escape(label.get(sid, sid))}: " + ", ".join(f"{end} {_value(d)}" for end, d in said)
                for sid, said in items[:8]) + (f"; and {len(items) - 8} more" if len(items) > 8 else "") + "</p>")
    return out


def _svg(bars: list[tuple[str, digest.Window]]) -> str:
    """A gantt chart: one row per bar, a day per column, labels at the left."""
    lo = min(w.first for _, w in bars)
    hi = max(w.last for _, w in bars)
    days = (hi - lo).days + 1
    left, width, row = 230, 560, 24
    day_w = width / days
    h = row * len(bars) + 30
    out = [f'<svg role="img" aria-label="timeline" width="{left + width + 10}" height="{h}" '
           f'viewBox="0 0 {left + width + 10} {h}" xmlns="http://www.w3.org/2000/svg">']
    step = 1 if days <= 21 else 7
    for k in range(0, days, step):
        x = left + k * day_w
        d = lo + dt.timedelta(days=k)
        out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{h - 20}" stroke="#eaeef2"/>'
                   f'<text x="{x + 2:.1f}" y="{h - 6}">{d.day} {d.strftime("%b")}</text>')
    for i, (text, w) in enumerate(bars):
        y = i * row + 4
        x = left + (w.first - lo).days * day_w
        span = ((w.last - w.first).days + 1) * day_w
        color = "#0969da" if w.start and w.end else "#8c959f"
        out.append(f'<text x="4" y="{y + 14}">{escape(digest.clip(text, 34))}</text>'
                   f'<rect x="{x:.1f}" y="{y}" width="{span:.1f}" height="{row - 8}" rx="3" fill="{color}">'
                   f"<title>{escape(str(w))}</title></rect>")
    return "\n".join(out + ["</svg>"])


def _topic(f: Finding, description: str, outlets: digest.Outlets, name, base: str) -> list[str]:
    status = f'<span class="conflict">{f.status}</span>' if f.status == "conflict" else f.status
    out = [f'<h2 id="{_id(f.topic)}">{escape(f.topic)}</h2>',
           f"<p>Status: {status}. {escape(description or '')}</p>"]
    order, paths = outlets.key, outlets.path
    if f.series:
        out.append("<table><thead><tr><th>As of</th><th>Value</th><th>Sources</th><th>According to</th></tr></thead><tbody>")
        for p in f.series:
            when = escape(p.as_of) if p.as_of else "undated"
            out.append(f"<tr><td>{'before ' + when + ' (replaced)' if p.superseded else when}</td><td>{_value(p.value)}"
                       f"</td><td>{_some(list(p.sources), name, order)}</td>"
                       f"<td>{escape('; '.join(p.according_to)) or '—'}</td></tr>")
        out.append("</tbody></table>")
    for g in f.values:
        claims = sorted(g.claims, key=lambda c: (order(c.source), c.start))
        shown = claims[:EVIDENCE_SOURCES]
        n = len(g.sources)
        out.append(f"<details><summary>{_value(g.value)} — {n} source{'s' * (n != 1)}</summary>")
        out.append("<table><thead><tr><th>Outlet</th><th>Evidence</th></tr></thead><tbody>")
        for c in shown:
            link = escape(digest.line_link(paths[c.source], c.line, base))
            if c.derived:
                quote = escape(c.sentence)
            else:
                i, j = c.start - c.sentence_start, c.end - c.sentence_start
                quote = f"{escape(c.sentence[:i])}<b>{escape(c.sentence[i:j])}</b>{escape(c.sentence[j:])}"
            how = escape(c.rule if c.derived else f"rule {c.rule}") + (f"; {escape(c.note)}" if c.note else "")
            out.append(f'<tr><td>{name(c.source)}</td><td><a href="{link}">line {c.line}</a>: {quote} '
                       f"<small>({how})</small></td></tr>")
        out.append("</tbody></table>")
        if len(claims) > len(shown):
            out.append(f"<p>and {len(claims) - len(shown)} more; the JSON report lists every claim.</p>")
        out.append("</details>")
    if f.silent:
        out.append(f"<p>Silent: {_some(f.silent, name, order)}.</p>")
    return out


def _sources(result: Result, name, order, base: str) -> list[str]:
    out = ['<h2 id="sources">Sources</h2>', '<details><summary>' + str(len(result.sources)) + " sources</summary>",
           "<table><thead><tr><th>Outlet</th><th>File</th><th>URL</th><th>Published</th><th>Reference date</th>"
           "<th>How it was found</th><th>Claims</th></tr></thead><tbody>"]
    for r in sorted(result.sources, key=lambda r: order(r.source.id)):
        s = r.source
        href = escape(digest.line_link(s.path, 1, base).rsplit("#", 1)[0])
        url = escape(s.url or "—")
        if s.url and s.url.startswith(("https://", "http://")):
            url = f'<a href="{escape(s.url)}" rel="noreferrer">{url}</a>'
        ref = _value(r.reference.date) if r.reference.date else "unknown"
        out.append(f"<tr><td>{escape(s.outlet or '—')}</td><td><a href=\"{href}\">{escape(s.id)}</a></td><td>{url}</td>"
                   f"<td>{escape(s.published or '—')}</td><td>{ref}</td><td>{escape(r.reference.how)}</td>"
                   f"<td>{len(r.claims)}</td></tr>")
    return out + ["</tbody></table></details>"]
