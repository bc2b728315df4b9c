"""Mermaid diagrams that GitHub draws: a gantt of date windows, an xychart of a value over time.

Every label is built from a closed set of characters, so neither source text nor a pack can reach
Mermaid's syntax (":" and "#" end a task's text, ";" ends a statement, "%%" starts a comment, a
date or a keyword at the start of a task line is read as syntax: "click ...", "topAxis", a weekday):
a task's text therefore starts with a mark of ours, "▸". The test suite renders every block with the mermaid library.
"""

from __future__ import annotations

import datetime as dt
import re

# Letters and digits of any script, spaces and plain punctuation; everything else becomes a space.
_UNSAFE = re.compile(r"[^\w .,'()/+\u2013-]|_")
_SPACES = re.compile(r"\s+")
MAX_LABEL = 60


def label(s: str) -> str:
    """Text safe in a Mermaid title, section or task name: one line of letters, digits and plain
    punctuation, at most MAX_LABEL characters, never empty."""
    s = _SPACES.sub(" ", _UNSAFE.sub(" ", str(s))).strip()
    if len(s) > MAX_LABEL:
        s = s[: MAX_LABEL - 1].rstrip() + "\u2026"
    return s or "-"


def gantt(title: str, sections: list[tuple[str, list[tuple[str, dt.date, dt.date]]]]) -> list[str]:
    """A gantt chart: per section (a source, or a group of sources), bars (text, first day, last day),
    both days inclusive; a bar of one day is a milestone."""
    days = [d for _, bars in sections for _, first, last in bars for d in (first, last)]
    span = (max(days) - min(days)).days if days else 0
    width = max([len(label(name)) for name, _ in sections] + [10])
    # Room at the left for the section names (about 7 pixels a character), a tick a day or a week.
    out = ["```mermaid", "---", "config:", "  gantt:", f"    leftPadding: {min(60, width) * 7 + 20}", "---",
           "gantt", f"    title {label(title)}", "    dateFormat YYYY-MM-DD", "    axisFormat %d %b",
           f"    tickInterval {'1day' if span <= 21 else '1week'}"]
    for name, bars in sections:
        out.append(f"    section {label(name)}")
        for text, first, last in bars:
            days = (last - first).days + 1
            when = f"milestone, {first.isoformat()}, 0d" if days <= 1 else f"{first.isoformat()}, {days}d"
            out.append(f"    \u25b8 {label(text)} : {when}")
    return out + ["```"]


def xychart(title: str, points: list[tuple[str, float]], y_label: str = "") -> list[str]:
    """A line chart of one value over time ('revised' series): points are (x label, value), in order."""
    xs = ", ".join(f'"{label(x)}"' for x, _ in points)
    ys = ", ".join(f"{y:g}" for _, y in points)
    lo, hi = min(y for _, y in points), max(y for _, y in points)
    out = ["```mermaid", "xychart-beta", f'    title "{label(title)}"', f"    x-axis [{xs}]"]
    out.append(f'    y-axis "{label(y_label or "value")}" {min(0, lo):g} --> {hi * 1.1 if hi > 0 else 1:g}')
    return out + [f"    line [{ys}]", "```"]
