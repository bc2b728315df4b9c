"""Load sources: files, their facts from sources.yaml, and which lines are the article itself.

Page furniture (navigation, related-article tails, footnotes, captions, citation and address blocks)
is cut by the general markers in `lang`, line by line, so offsets and line numbers stay those of
the original file.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import lang
from .errors import SourceError
from .text import fold

SOURCE_SUFFIXES = (".txt", ".md", ".text")
DEFAULT_MAX_BYTES = 5_000_000
META_KEYS = {"outlet", "url", "published"}
_PUBLISHED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    text: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD or YYYY-MM
    content: tuple[tuple[int, int], ...] = ()  # (start, end) of each line that is the article
    line_starts: tuple[int, ...] = field(default=(0,), repr=False)

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self.line_starts, offset)


def load(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Source]:
    """Sources from files and directories, sorted by id. Raises SourceError on any bad input."""
    files: list[Path] = []
    metas: dict[Path, dict] = {}
    for p in paths:
        path = Path(p)
        if path.is_dir():
            meta_file = path / "sources.yaml"
            meta = read_meta(meta_file) if meta_file.exists() else {}
            found = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix in SOURCE_SUFFIXES)
            stems = {f.stem for f in found}
            for stem in meta:
                if stem not in stems:
                    raise SourceError(f"entry '{stem}' names no source file in {path}", str(meta_file))
            for f in found:
                metas[f] = meta.get(f.stem, {})
            files += found
        elif path.is_file():
            meta_file = path.parent / "sources.yaml"
            meta = read_meta(meta_file) if meta_file.exists() else {}
            metas[path] = meta.get(path.stem, {})
            files.append(path)
        else:
            raise SourceError("no such file or directory", p)
    if not files:
        raise SourceError("no source files found (expected *.txt or *.md)", ", ".join(paths))
    sources, seen = [], {}
    for f in files:
        src = read_source(f, metas[f], max_bytes)
        if src.id in seen:
            raise SourceError(f"duplicate source id '{src.id}' (also {seen[src.id]})", str(f))
        seen[src.id] = str(f)
        sources.append(src)
    return sorted(sources, key=lambda s: s.id)


def read_meta(path: Path) -> dict[str, dict]:
    """sources.yaml: stem -> {outlet, url, published}. Strict: unknown keys and bad dates refused."""
    raw = _read_text(path, DEFAULT_MAX_BYTES, allow_empty=True)
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise SourceError(f"malformed YAML: {getattr(e, 'problem', None) or e}", str(path),
                          mark.line + 1 if mark else None) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError("expected a mapping of source id to its facts", str(path))
    lines = raw.splitlines()
    out = {}
    for stem, facts in data.items():
        line = _line_of_key(lines, stem)
        stem = str(stem)
        if "/" in stem or "\\" in stem or stem in (".", "..") or stem.startswith("."):
            raise SourceError(f"source id '{stem}' points outside its directory", str(path), line)
        if facts is None:
            facts = {}
        if not isinstance(facts, dict):
            raise SourceError(f"'{stem}': expected outlet/url/published", str(path), line)
        unknown = set(map(str, facts)) - META_KEYS
        if unknown:
            raise SourceError(f"'{stem}': unknown key '{sorted(unknown)[0]}' (allowed: outlet, url, published)",
                              str(path), line)
        entry = {k: None if v is None else str(v).strip() for k, v in facts.items()}
        pub = facts.get("published")
        if isinstance(pub, dt.date):
            entry["published"] = pub.isoformat()
        elif pub is not None and not _valid_published(str(pub)):
            raise SourceError(f"'{stem}': published must be YYYY-MM-DD or YYYY-MM, got '{pub}'", str(path), line)
        out[stem] = entry
    return out


def _valid_published(s: str) -> bool:
    m = _PUBLISHED.match(s.strip())
    if not m:
        return False
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        return False
    return True


def _line_of_key(lines: list[str], key) -> int | None:
    pat = re.compile(r"^['\"]?" + re.escape(str(key)) + r"['\"]?\s*:")
    return next((i + 1 for i, ln in enumerate(lines) if pat.match(ln)), None)


def _read_text(path: Path, max_bytes: int, allow_empty: bool = False) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(f"file is {size} bytes, over the {max_bytes}-byte limit (--max-bytes)", str(path))
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"cannot read: {e.strerror or e}", str(path)) from None
    if not data.strip() and not allow_empty:
        raise SourceError("file is empty", str(path))
    if b"\x00" in data:
        raise SourceError("binary file (contains NUL bytes), expected UTF-8 text", str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(f"not UTF-8 text (invalid byte at offset {e.start}); re-encode it as UTF-8",
                          str(path)) from None


def read_source(path: Path, meta: dict, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    text = _read_text(path, max_bytes)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return Source(
        id=path.stem,
        path=os.path.normpath(str(path)),
        text=text,
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        published=meta.get("published"),
        content=tuple(content_lines(text, starts)),
        line_starts=tuple(starts),
    )


_TAIL = tuple(lang.TAIL_MARKERS)
_LINE = re.compile(r"^\s*(?:" + "|".join(lang.LINE_MARKERS) + ")", re.I)
_CAPTION = re.compile("|".join(lang.CAPTION_MARKERS), re.I)


def _is_tail(line: str) -> bool:
    s = re.sub(r"[\s:.\-]+$", "", fold(line).strip().lower())
    return any(s == m or (len(m.split()) >= 3 and s.startswith(m)) for m in _TAIL)


def content_lines(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Spans of the lines that are the article: stops at a tail marker, skips furniture lines."""
    spans, previous = [], None
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        line = text[start:end].rstrip("\r")
        if not line.strip():
            continue
        if _is_tail(line):
            break
        same_as_previous = line.strip() == previous
        previous = line.strip()
        if _LINE.match(line) or _CAPTION.search(line) or same_as_previous:
            continue
        spans.append((start, start + len(line)))
    return spans
