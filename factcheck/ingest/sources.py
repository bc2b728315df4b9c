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
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import yamlread
from ..language import clock, dateline, lang
from ..defaults import DEFAULT_MAX_BYTES  # noqa: F401  (importers find it here too)
from ..errors import FactcheckError, SourceError, shown
from ..files import kind, read_regular
from ..language.text import fold
from ..suggest import near_file
from ..values import Date

SOURCE_SUFFIXES = (".txt", ".md", ".text")
META_KEYS = {"outlet", "url", "published", "timezone"}
_PUBLISHED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", re.ASCII)
# A page's own date stands in its furniture: a dateline or timestamp among its first lines, or a
# labelled one ('Last updated on ...') among its last. A date in a sentence is the event's, never it.
TOP, BOTTOM = 8, 3
_SENTENCE = re.compile(r"\s*\w.{40,}[.!?\"'\u201d]\s*$")  # a line of the article's text, not a headline
DATELINE = "dateline"  # PageDate.kind of a wire dateline's date ('LYON, Sept 17 (AFP) -')


@dataclass(frozen=True, slots=True)
class PageDate:
    """A date the page's furniture gives itself: `kind` is dateline.UPDATED, dateline.PUBLISHED (as
    its label says), DATELINE, or None (a bare timestamp or byline block); `start`, its line's offset."""
    kind: str | None
    date: Date
    start: int


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    text: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD or YYYY-MM
    timezone: str | None = None  # IANA name of the outlet's zone, for clock times the text leaves unzoned
    page: bool = True  # a web page whose furniture is cut; False: every line is the article

    # The layout is worked out on first use: a source whose result comes from the cache never needs it.
    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        return (0, *(m.end() for m in re.finditer("\n", self.text)))

    @cached_property
    def _layout(self) -> tuple[tuple[tuple[int, int], ...], tuple[int, int] | None, tuple[PageDate, ...]]:
        if not self.page:
            return ((0, len(self.text)),), None, ()
        content, dl, dates = cut_dateline(self.text, content_lines(self.text, self.line_starts))
        return tuple(content), dl, tuple(dates)

    @property
    def content(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each line that is the article."""
        return self._layout[0]

    @property
    def dateline(self) -> tuple[int, int] | None:
        """Span of a dateline or timestamp cut from the top."""
        return self._layout[1]

    @property
    def page_dates(self) -> tuple[PageDate, ...]:
        """The dates the page's furniture gives itself, top to bottom (`published` aside)."""
        return self._layout[2]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return bisect.bisect_right(self.line_starts, offset)


def load(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES) -> list[Source]:
    """Sources from files and directories, sorted by id. Raises SourceError on any bad input."""
    return [read_source(f, meta, max_bytes) for f, meta in discover(paths)]


def discover(paths: list[str]) -> list[tuple[Path, dict]]:
    """The source files under these paths with their facts from sources.yaml, sorted by id, nothing
    read but the facts: a run over many sources reads each text only when it gets to it. Raises
    SourceError for a path, a sources.yaml or a set of ids that is wrong."""
    files: list[Path] = []
    metas: dict[Path, dict] = {}
    real: dict[Path, str] = {}  # where each file really is, links followed
    for p in paths:
        path = Path(p)
        if path.is_dir():
            meta_file = path / "sources.yaml"
            meta = read_meta(meta_file) if meta_file.exists() else _Meta()
            # Not only regular files: a FIFO or a device named like a source is refused when read.
            found = sorted(f for f in path.rglob("*") if f.suffix in SOURCE_SUFFIXES and not f.is_dir())
            root = os.path.join(os.path.realpath(path), "")
            for f in found:
                real[f] = os.path.realpath(f)
                if not real[f].startswith(root):  # a symlink must not pull in files from elsewhere
                    raise SourceError(f"links to a file outside {path}", str(f))
            stems = {f.stem for f in found}
            for stem in meta:
                if stem not in stems:
                    raise SourceError(f"entry '{stem}' names no source file in {path}", str(meta_file),
                                      meta.lines.get(stem))
            for f in found:
                metas[f] = meta.get(f.stem, {})
            files += found
        elif path.is_file():
            meta_file = path.parent / "sources.yaml"
            meta = read_meta(meta_file) if meta_file.exists() else _Meta()
            metas[path] = meta.get(path.stem, {})
            files.append(path)
        elif os.path.lexists(path):
            raise SourceError(f"{kind(os.stat(path).st_mode) if path.exists() else 'a broken symlink'}, "
                              "not a regular file or a directory", shown(p))
        else:
            raise SourceError(f"no such file or directory{near_file(p)}", shown(p))
    if not files:
        raise SourceError("no source files found (expected *.txt, *.md or *.text)", ", ".join(paths))
    found, seen, read = [], {}, set()
    for f in files:
        check_name(f)
        where = real.get(f) or os.path.realpath(f)
        if where in read:  # the same file named twice ("seeds seeds/a.txt") is one source
            continue
        read.add(where)
        if f.stem in seen:
            raise SourceError(f"duplicate source id '{f.stem}' (also {seen[f.stem]})", str(f))
        seen[f.stem] = str(f)
        found.append((f, metas[f]))
    return sorted(found, key=lambda fm: fm[0].stem)


class _Meta(dict):
    """stem -> facts, remembering the line of each stem in sources.yaml."""

    def __init__(self):
        super().__init__()
        self.lines: dict[str, int] = {}


def read_meta(path: Path) -> dict[str, dict]:
    """sources.yaml: stem -> {outlet, url, published, timezone}. Strict: unknown keys, duplicate entries,
    nested values and bad dates are refused with file:line."""
    raw = _read_text(path, DEFAULT_MAX_BYTES, allow_empty=True)
    where = str(path)
    root = yamlread.compose(raw, where, SourceError)
    out = _Meta()
    if root is None or yamlread.is_null(root):
        return out
    for stem, line, node in yamlread.mapping(root, where, "expected a mapping of source id to its facts",
                                             SourceError):
        if not stem.strip():
            raise SourceError("empty source id", where, line)
        if "/" in stem or "\\" in stem or stem in (".", "..") or stem.startswith("."):
            raise SourceError(f"source id '{stem}' points outside its directory", where, line)
        entry: dict[str, str | None] = {}
        key_lines = {}
        if not yamlread.is_null(node):
            for k, k_line, v in yamlread.mapping(node, where, f"'{stem}': expected outlet/url/published/timezone",
                                                 SourceError):
                if k not in META_KEYS:
                    raise SourceError(f"'{stem}': unknown key '{k}' (allowed: {', '.join(sorted(META_KEYS))})",
                                      where, k_line)
                value = yamlread.text(v, where, f"'{stem}': {k} must be text, not a list or mapping", SourceError)
                entry[k] = None if value is None else " ".join(value.split()) or None
                key_lines[k] = k_line
        pub = entry.get("published")
        if pub is not None and not _valid_published(pub):
            raise SourceError(f"'{stem}': published must be YYYY-MM-DD or YYYY-MM, got '{pub}'", where,
                              key_lines["published"])
        tz = entry.get("timezone")
        if tz is not None and tz not in clock.zone_names():
            from rapidfuzz import fuzz, process

            close = process.extractOne(tz, clock.zone_names(), scorer=fuzz.WRatio, processor=lambda s: s.lower())
            hint = f" (did you mean '{close[0]}'?)" if close and close[1] >= 60 else ""
            raise SourceError(f"'{stem}': unknown time zone '{tz}'{hint}; use an IANA name such as 'Asia/Tokyo'",
                              where, key_lines["timezone"])
        out[stem] = entry
        out.lines[stem] = line
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


def _read_text(path: Path, max_bytes: int, allow_empty: bool = False) -> str:
    data = read_regular(path, SourceError, max_bytes)
    if not data.strip() and not allow_empty:
        raise SourceError("file is empty", str(path))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("UTF-16 text; re-encode it as UTF-8", str(path))
    if b"\x00" in data:
        raise SourceError("binary file (contains NUL bytes), expected UTF-8 text", str(path))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(f"not UTF-8 text (invalid byte at offset {e.start}); re-encode it as UTF-8",
                          str(path)) from None
    if not allow_empty and not any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text):
        raise SourceError("file is empty (nothing but spaces, a byte-order mark or invisible characters)", str(path))
    return text


def check_name(path: Path, error: type[FactcheckError] = SourceError) -> None:
    """A file name must be text a person can read and a report can hold: UTF-8 (a byte that is not
    would end the run in an encoding error later) and no control characters (a line break in a
    name would start a new line in a log)."""
    name = str(path)
    if name.isprintable():  # the usual name: neither a surrogate nor a control or line-separator character
        return
    bad = next((ch for ch in name if 0xD800 <= ord(ch) <= 0xDFFF or unicodedata.category(ch) in ("Cc", "Zl", "Zp")),
               None)
    if bad is not None:
        what = "is not UTF-8" if 0xD800 <= ord(bad) <= 0xDFFF else "holds a control character"
        raise error(f"the file name {what}; rename the file", shown(name))


def read_source(path: Path, meta: dict, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    return Source(
        id=path.stem,
        path=os.path.normpath(str(path)),
        text=_read_text(path, max_bytes),
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        published=meta.get("published"),
        timezone=meta.get("timezone"),
    )


def cut_dateline(text: str, spans: list[tuple[int, int]]):
    """Datelines and timestamps among the top lines are furniture: they date the article but are no
    claim, and a dateline's place is where the story was filed, not where the event was. Returns the
    content spans without them, and the span of the one that dates the article (the first with a
    date, else the first). Byline and timestamp lines further down ('Last updated: ...') are cut too.
    Also returns the page's own dates (PageDate): any a top line gives, a labelled one near the bottom."""
    out, found_at, dated, dates, said = [], None, False, [], 0  # said: lines of text so far
    for i, (a, b) in enumerate(spans):
        found = dateline.split(text[a:b]) if i < dateline.LINES else None
        if found is None:
            if i < dateline.LINES or dateline.stamp(fold(text[a:b])) is None:
                out.append((a, b))
                said += bool(_SENTENCE.match(text[a:b]))
            elif (top := i < TOP and said < 2) or i >= len(spans) - BOTTOM:
                # once the article has begun only a labelled one: a bare date there is another's (a
                # lone sentence above the headline is a caption or a teaser, not the article yet)
                dates += [PageDate(k, d, a) for k, d in dateline.stamps(text[a:b]) if top or k is not None]
            continue
        cut = a + found[0]
        if found_at is None or (not dated and found[1] is not None):
            found_at, dated = (a, cut), found[1] is not None
        own = [PageDate(k, d, a) for k, d in dateline.stamps(text[a:b])] if not text[cut:b].strip() else []
        own = own or ([PageDate(DATELINE, found[1], a)] if found[1] is not None else [])
        dates += [p for p in own if said < 2 or p.kind in (dateline.UPDATED, dateline.PUBLISHED)]
        if text[cut:b].strip():
            out.append((cut, b))
            said += bool(_SENTENCE.match(text[cut:b]))
    return out, found_at, dates


_TAIL_EXACT = frozenset(lang.TAIL_MARKERS)
_TAIL_PREFIX = tuple(m for m in lang.TAIL_MARKERS if len(m.split()) >= 3)
_LINE = re.compile(r"^\s*(?:" + "|".join(lang.LINE_MARKERS) + ")", re.I)
_CAPTION = re.compile("|".join(lang.CAPTION_MARKERS), re.I)
_BIO = re.compile(lang.AUTHOR_BIO)  # case matters: it opens with a person's name
_CREDIT = re.compile(lang.CAPTION_CREDIT)  # case matters too, and only the line's end is read
# "(Jane Roe / Agency)" alone on a line, under the caption it credits
_CREDIT_LINE = re.compile(r"^\s*\([A-Z][^()/]{1,40}/\s*[A-Z][^()/]{1,40}\)\s*$")


_TAIL_FIRST = frozenset(m.split()[0] for m in lang.TAIL_MARKERS)


def _is_tail(line: str) -> bool:
    words = line.split(None, 1)
    if not words or fold(words[0]).lower().rstrip(":.-") not in _TAIL_FIRST:
        return False  # most lines: the first word alone rules out every marker
    s = re.sub(r"[\s:.\-]+$", "", fold(line.strip()[:80]).lower())  # markers are short lines
    return s in _TAIL_EXACT or s.startswith(_TAIL_PREFIX)


# A list of other stories ("More Stories") may stand above the body, between the headline and the
# byline: before any paragraph it heads a sidebar of short lines, and the body follows it.
_LIST_HEADS = frozenset(m for m in lang.TAIL_MARKERS if m.startswith(("more ", "related ", "latest ", "most ", "recommended ", "you may")))
_PROSE = re.compile(r".{150,}[.!?\"'\u201d]\s*$")


def content_lines(text: str, starts: tuple[int, ...]) -> list[tuple[int, int]]:
    """Spans of the lines that are the article: stops at a tail marker, skips furniture lines."""
    spans, previous, prose, sidebar = [], None, False, False
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        line = text[start:end].rstrip("\r")
        if not line.strip():
            continue
        if sidebar and not _PROSE.match(line):
            continue  # the sidebar's headlines, the byline under them
        sidebar = False
        if _is_tail(line):
            if not prose and re.sub(r"[\s:.\-]+$", "", fold(line.strip()).lower()) in _LIST_HEADS:
                sidebar = True
                continue
            break
        prose = prose or bool(_PROSE.match(line))
        same_as_previous = line.strip() == previous
        previous = line.strip()
        if _CREDIT_LINE.match(line) and spans and spans[-1][1] - spans[-1][0] < 400 \
                and not text[spans[-1][1] : start].strip():
            spans.pop()  # a credit on a line of its own closes the caption right above it
        if same_as_previous or _is_furniture(line):
            # (the bare one may be cut short: "A sign warns people ... in Varn Nat ...")
            bare = re.sub(r"\s*(?:\.\.\.|\u2026)$", "", text[spans[-1][0] : spans[-1][1]].strip()) if spans else ""
            if spans and not same_as_previous and bare and line.strip().startswith(bare) \
                    and spans[-1][1] - spans[-1][0] < 400:
                spans.pop()  # the caption printed once bare, then again with its credit
            continue
        spans.append((start, start + len(line)))
    return spans


def _is_furniture(line: str) -> bool:
    """A line cut on its own: navigation, credits, links, prompts; captions and bios are short."""
    if _LINE.match(line):
        return True
    end = line.rstrip()
    return len(line) < 400 and bool(_CAPTION.search(line) or _BIO.match(line)
                                    or (end.endswith((")", "]")) and _CREDIT.search(end[-90:])))
