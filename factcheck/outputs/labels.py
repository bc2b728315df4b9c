"""What a reader calls a source: its outlet's name from sources.yaml, else its id.

Long names are cut at their first aside ("The Levant Files (blog; ...)" reads "The Levant Files");
two sources that would read the same get the shortest start of their ids that tells them apart.
"""

from __future__ import annotations

import re

MAX_LABEL = 40
_SPACES = re.compile(r"\s+")
_ASIDE = re.compile(r"\s*[(;,\u2013\u2014]|\s+-\s")  # where a name's aside begins


def _short(name: str) -> str:
    if len(name) > MAX_LABEL:
        m = _ASIDE.search(name, 3)
        if m:
            name = name[: m.start()]
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "\u2026"


def source_labels(sources) -> dict[str, str]:
    """Source id -> a short, unique label. `sources` are Source objects (id, outlet)."""
    first = {s.id: _short(_SPACES.sub(" ", s.outlet).strip()) if s.outlet and s.outlet.strip() else s.id
             for s in sources}
    same: dict[str, list[str]] = {}
    for sid, label in first.items():
        same.setdefault(label, []).append(sid)
    out = {}
    for label, ids in same.items():
        for sid in ids:
            out[sid] = label if len(ids) == 1 else f"{label} ({_prefix(sid, ids)})"
    return out


def _prefix(sid: str, ids: list[str]) -> str:
    """The shortest start of `sid` (three characters at least) that no other of `ids` starts with."""
    for n in range(3, len(sid)):
        if not any(o != sid and o.startswith(sid[:n]) for o in ids):
            return sid[:n]
    return sid
