"""Per-source cache of extraction results, so re-checking after adding one source extracts one source.

An entry is keyed by everything the result depends on: the source's text and facts, the packs'
digests, and the code that extracts (package version, the package's own source files, the versions
of the libraries it calls). It is plain JSON, never pickle, and carries a checksum of its payload.
Anything unexpected in an entry (unreadable, truncated, another key, another shape, a wrong type)
makes it a miss: the source is extracted again and the entry rewritten. The cache only ever saves
time; it is never trusted over a fresh result.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import tempfile
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
# Values and claims to and from plain dicts. Each field is checked against its annotation, so a
# tampered or damaged entry cannot smuggle a wrong type into a Claim.

_VALUE_TYPES = {cls.__name__: cls for cls in (Date, Duration, Number, Entity)}


def _check(value, annotation: str, what: str):
    kinds = {"str": str, "int": int, "bool": bool, "None": type(None)}
    allowed = [a.strip() for a in annotation.split("|")]
    for a in allowed:
        if a not in kinds:
            raise Invalid(f"{what}: cannot check a field typed {annotation}")
        if a == "int" and isinstance(value, int) and not isinstance(value, bool):
            return value
        if a != "int" and type(value) is kinds[a]:
            return value
    raise Invalid(f"{what}: expected {annotation}, got {type(value).__name__}")


def _fields(cls, d: dict, what: str) -> dict:
    if not isinstance(d, dict):
        raise Invalid(f"{what}: expected an object")
    names = [f.name for f in dataclasses.fields(cls)]
    if sorted(d) != sorted(names):
        raise Invalid(f"{what}: fields {sorted(d)} are not {sorted(names)}")
    return {f.name: f for f in dataclasses.fields(cls)}


def value_to_dict(v) -> dict:
    if type(v).__name__ not in _VALUE_TYPES or type(v) is not _VALUE_TYPES[type(v).__name__]:
        raise Invalid(f"not a value type: {type(v).__name__}")
    return {"kind": type(v).__name__, **dataclasses.asdict(v)}


def value_from_dict(d) -> Date | Duration | Number | Entity:
    if not isinstance(d, dict) or d.get("kind") not in _VALUE_TYPES:
        raise Invalid("value: unknown kind")
    cls = _VALUE_TYPES[d["kind"]]
    body = {k: v for k, v in d.items() if k != "kind"}
    fields = _fields(cls, body, cls.__name__)
    return cls(**{k: _check(v, fields[k].type, f"{cls.__name__}.{k}") for k, v in body.items()})


def _to_json(x):
    if isinstance(x, (tuple, list)):
        return [_to_json(i) for i in x]
    if x is None or isinstance(x, (str, int, bool)):
        return x
    raise Invalid(f"cannot store {type(x).__name__}")


def _to_tuple(x):
    if isinstance(x, list):
        return tuple(_to_tuple(i) for i in x)
    if x is None or isinstance(x, (str, int, bool)):
        return x
    raise Invalid(f"unexpected {type(x).__name__}")


def claim_to_dict(c: Claim) -> dict:
    out = {}
    for f in dataclasses.fields(Claim):
        v = getattr(c, f.name)
        out[f.name] = value_to_dict(v) if f.name == "value" else _to_json(v)
    return out


def claim_from_dict(d) -> Claim:
    fields = _fields(Claim, d, "claim")
    kwargs = {}
    for name, f in fields.items():
        v = d[name]
        if name == "value":
            kwargs[name] = value_from_dict(v)
        elif f.type == "tuple":
            if not isinstance(v, list):
                raise Invalid(f"claim.{name}: expected a list")
            kwargs[name] = _to_tuple(v)
        else:
            kwargs[name] = _check(v, f.type, f"claim.{name}")
    return Claim(**kwargs)


def result_to_dict(r: SourceResult) -> dict:
    """What analyse_source found for one source; the source itself is loaded afresh every run."""
    date = r.reference.date
    return {
        "reference": {"date": None if date is None else value_to_dict(date), "how": r.reference.how},
        "claims": [claim_to_dict(c) for c in r.claims],
        "notes": list(r.notes),
    }


def result_from_dict(d, source: Source) -> SourceResult:
    if not isinstance(d, dict) or sorted(d) != ["claims", "notes", "reference"]:
        raise Invalid("result: unexpected fields")
    ref = d["reference"]
    if not isinstance(ref, dict) or sorted(ref) != ["date", "how"]:
        raise Invalid("reference: unexpected fields")
    date = None if ref["date"] is None else value_from_dict(ref["date"])
    if date is not None and not isinstance(date, Date):
        raise Invalid("reference: date is not a Date")
    if not isinstance(d["claims"], list) or not isinstance(d["notes"], list):
        raise Invalid("result: claims and notes are lists")
    claims = [claim_from_dict(c) for c in d["claims"]]
    if any(c.source != source.id for c in claims):
        raise Invalid("claims of another source")
    notes = [_check(n, "str", "note") for n in d["notes"]]
    return SourceResult(source, Reference(date, _check(ref["how"], "str", "reference.how")), claims, notes)


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
    """A directory of entries, one JSON file per key."""

    def __init__(self, directory: str | os.PathLike = DEFAULT_DIR):
        self.dir = Path(directory)
        self.hits = 0
        self.misses = 0

    def get(self, source: Source, packs: list[Pack]) -> SourceResult | None:
        k = key(source, packs)
        try:
            entry = json.loads((self.dir / f"{k}.json").read_bytes())
            if not isinstance(entry, dict) or sorted(entry) != ["format", "key", "payload", "sha256"]:
                raise Invalid("entry: unexpected fields")
            if entry["format"] != FORMAT or entry["key"] != k:
                raise Invalid("entry: another format or key")
            if hashlib.sha256(_canonical(entry["payload"])).hexdigest() != entry["sha256"]:
                raise Invalid("entry: checksum does not match")
            result = result_from_dict(entry["payload"], source)
        except (OSError, ValueError, TypeError, RecursionError):  # json and Invalid errors are ValueErrors
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
            data = json.dumps(entry, sort_keys=True, ensure_ascii=True).encode()
            self._prepare()
            fd, tmp = tempfile.mkstemp(prefix=f".{k}.", dir=self.dir)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, self.dir / f"{k}.json")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, Invalid):
            pass

    def _prepare(self) -> None:
        if self.dir.is_dir():
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        # Ignored by git and marked as a cache for backup tools, wherever it is created.
        (self.dir / ".gitignore").write_text("*\n", encoding="utf-8")
        (self.dir / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck extraction cache; safe to delete.\n",
            encoding="utf-8")
