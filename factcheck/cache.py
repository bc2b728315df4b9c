"""Per-source cache of extraction results, so re-checking after adding one source extracts one source.

An entry is keyed by everything the result depends on: the source's text and facts, the packs'
digests, and the code that extracts (package version, the package's own source files, the versions
of the libraries it calls). It is plain JSON, never pickle, with a checksum of its payload, kept as a
row of one SQLite file.
Anything unexpected in an entry (unreadable, truncated, another key, another shape, a wrong type)
makes it a miss: the source is extracted again and the entry rewritten. The cache only ever saves
time; it is never trusted over a fresh result.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import __version__
from .extract import Claim
from .pack import Pack
from .pipeline import SourceResult
from .resolve import Reference
from .sources import Source
from .values import Date, Duration, Entity, Number

DEFAULT_DIR = ".factcheck-cache"
FORMAT = 1
_DEPENDENCIES = ("dateparser", "PyYAML", "rapidfuzz", "regex")


class Invalid(ValueError):
    """An entry that does not decode to exactly what was stored."""


# ---------------------------------------------------------------------------------------------
# Results to and from plain JSON. Generic over the dataclasses' fields, so a field added to a Claim
# or a Reference is stored too; every field is checked against its annotation on the way back.

_CLASSES = {cls.__name__: cls for cls in (Claim, Reference, Date, Duration, Number, Entity)}
_VALUES = (Date, Duration, Number, Entity)
_PRIMITIVES = {"str": str, "bool": bool, "None": type(None)}


def encode(x):
    """A claim, reference or value (and what they hold) as JSON data; tuples tagged to come back as tuples."""
    if type(x).__name__ in _CLASSES and type(x) is _CLASSES[type(x).__name__]:
        return {"@": type(x).__name__, **{n: encode(getattr(x, n)) for n in _fields(type(x))[0]}}
    if isinstance(x, tuple):
        return {"@": "tuple", "items": [encode(i) for i in x]}
    if isinstance(x, list):
        return [encode(i) for i in x]
    if x is None or isinstance(x, (str, bool, int, float)):
        return x
    raise Invalid(f"cannot store a {type(x).__name__}")


def decode(d):
    if isinstance(d, list):
        return [decode(i) for i in d]
    if isinstance(d, dict):
        kind = d.get("@")
        if kind == "tuple":
            if sorted(d) != ["@", "items"] or not isinstance(d["items"], list):
                raise Invalid("tuple: unexpected fields")
            return tuple(decode(i) for i in d["items"])
        cls = _CLASSES.get(kind) if isinstance(kind, str) else None
        if cls is None:
            raise Invalid(f"unknown kind {kind!r}")
        names, types = _fields(cls)
        if len(d) != len(names) + 1 or any(n not in d for n in names):
            raise Invalid(f"{kind}: fields {sorted(k for k in d if k != '@')} are not {sorted(names)}")
        kwargs = {n: decode(d[n]) for n in names}
        for name, annotation in zip(names, types):
            if not _conforms(kwargs[name], annotation):
                raise Invalid(f"{kind}.{name}: not a {annotation}")
        return cls(**kwargs)
    if d is None or isinstance(d, (str, bool, int, float)):
        return d
    raise Invalid(f"unexpected {type(d).__name__}")


@lru_cache(maxsize=None)
def _fields(cls) -> tuple[tuple[str, ...], tuple[str, ...]]:
    fs = dataclasses.fields(cls)
    return tuple(f.name for f in fs), tuple(f.type for f in fs)


@lru_cache(maxsize=None)
def _alternatives(annotation: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in annotation.split("|"))


def _conforms(value, annotation) -> bool:
    """Whether value has the type an annotation names (the few kinds results are made of)."""
    if not isinstance(annotation, str):
        return False
    for t in _alternatives(annotation):
        if t in _PRIMITIVES and type(value) is _PRIMITIVES[t]:
            return True
        if t == "int" and type(value) is int:
            return True
        if t == "float" and type(value) is float:
            return True
        if t == "tuple" and type(value) is tuple:
            return True
        if t == "Value" and type(value) in _VALUES:
            return True
        if t in _CLASSES and type(value) is _CLASSES[t]:
            return True
        if t.startswith("list[") and t.endswith("]") and type(value) is list:
            return all(_conforms(v, t[5:-1]) for v in value)
    return False


def result_to_dict(r: SourceResult) -> dict:
    """What analyse_source found for one source; the source itself is loaded afresh every run."""
    return {f.name: encode(getattr(r, f.name)) for f in dataclasses.fields(SourceResult) if f.name != "source"}


def result_from_dict(d, source: Source) -> SourceResult:
    fields = {f.name: f for f in dataclasses.fields(SourceResult) if f.name != "source"}
    if not isinstance(d, dict) or sorted(d) != sorted(fields):
        raise Invalid("result: unexpected fields")
    kwargs = {k: decode(v) for k, v in d.items()}
    for name, f in fields.items():
        if not _conforms(kwargs[name], f.type):
            raise Invalid(f"result.{name}: not a {f.type}")
    if any(c.source != source.id for c in kwargs["claims"]):
        raise Invalid("claims of another source")
    return SourceResult(source=source, **kwargs)


# ---------------------------------------------------------------------------------------------
# Keys and entries


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The package's own source files and the libraries it calls: during development the version
    number stays put while the extractors change, and a stale entry must not outlive them."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for name in _DEPENDENCIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{name}={version}\0".encode())
    h.update(f"python={sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    return h.hexdigest()


def key(source: Source, packs: list[Pack]) -> str:
    header = json.dumps({
        "format": FORMAT, "version": __version__, "code": code_digest(),
        "packs": [p.digest for p in packs],
        "source": {"id": source.id, "outlet": source.outlet, "url": source.url, "published": source.published},
    }, sort_keys=True, ensure_ascii=True)
    h = hashlib.sha256(header.encode() + b"\0")
    h.update(source.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _canonical(payload) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()


class Cache:
    """Entries in one SQLite file in the cache directory, a row per key.

    A row holds the same checked JSON entry a file would; one file for all of them because creating
    a file costs about a millisecond here, which at a thousand sources was a third of a run. An
    interrupted run loses only what it had not committed; a file that is not a database is
    replaced.
    """

    FILE = "entries.sqlite3"

    def __init__(self, directory: str | os.PathLike = DEFAULT_DIR):
        self.dir = Path(directory)
        self.path = self.dir / self.FILE
        self.hits = 0
        self.misses = 0
        self._conn: sqlite3.Connection | None = None
        self._broken = False

    def get(self, source: Source, packs: list[Pack]) -> SourceResult | None:
        k = key(source, packs)
        try:
            row = self._read(k)
            if row is None:
                raise Invalid("no entry")
            entry = json.loads(row)
            if not isinstance(entry, dict) or sorted(entry) != ["format", "key", "payload", "sha256"]:
                raise Invalid("entry: unexpected fields")
            if entry["format"] != FORMAT or entry["key"] != k:
                raise Invalid("entry: another format or key")
            if hashlib.sha256(_canonical(entry["payload"])).hexdigest() != entry["sha256"]:
                raise Invalid("entry: checksum does not match")
            result = result_from_dict(entry["payload"], source)
        except (OSError, ValueError, TypeError, RecursionError, sqlite3.Error):  # json and Invalid: ValueErrors
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, source: Source, packs: list[Pack], result: SourceResult) -> None:
        """Store a result; a cache that cannot be written only costs time, so failures pass silently."""
        k = key(source, packs)
        try:
            payload = result_to_dict(result)
            entry = {"format": FORMAT, "key": k, "payload": payload,
                     "sha256": hashlib.sha256(_canonical(payload)).hexdigest()}
            conn = self._db(create=True)
            if conn is not None:
                conn.execute("INSERT OR REPLACE INTO entries (key, data) VALUES (?, ?)",
                             (k, json.dumps(entry, sort_keys=True, ensure_ascii=True).encode()))
        except (OSError, ValueError, TypeError, RecursionError, sqlite3.Error):  # Invalid is a ValueError
            pass

    def flush(self) -> None:
        """Commit what put() stored (one transaction for the whole run)."""
        try:
            if self._conn is not None:
                self._conn.commit()
        except sqlite3.Error:
            pass

    def _read(self, k: str) -> bytes | None:
        conn = self._db(create=False)
        if conn is None:
            return None
        row = conn.execute("SELECT data FROM entries WHERE key = ?", (k,)).fetchone()
        if row is None or not isinstance(row[0], bytes):
            return None
        return row[0]

    def _db(self, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        if not create and not self.path.is_file():
            return None
        try:
            self._prepare()
            for attempt in (1, 2):
                try:
                    conn = sqlite3.connect(self.path)
                    conn.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
                    conn.execute("SELECT count(*) FROM entries").fetchone()
                    self._conn = conn
                    return conn
                except sqlite3.DatabaseError:
                    if attempt == 2:
                        raise
                    self.path.unlink(missing_ok=True)  # not a database: start a new one
        except (OSError, sqlite3.Error):
            self._broken = True
        return None

    def _prepare(self) -> None:
        if self.dir.is_dir():
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        # Ignored by git and marked as a cache for backup tools, wherever it is created.
        (self.dir / ".gitignore").write_text("*\n", encoding="utf-8")
        (self.dir / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck extraction cache; safe to delete.\n",
            encoding="utf-8")
