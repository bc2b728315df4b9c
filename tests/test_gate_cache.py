"""The per-source cache: exact round trips, one source re-extracted when one is added, and a damaged
or mismatched entry never trusted."""

import dataclasses
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.run import cache as fc
from factcheck.ingest import segment
from factcheck.outputs import render
from factcheck.run import pipeline
from factcheck.extraction.extract import Claim
from factcheck.packs.pack import load_packs
from factcheck.resolution.resolve import Reference
from factcheck.ingest.sources import load
from factcheck.values import Date, Duration, Entity, Number

from paths import FIXTURES as ROOT  # the frozen event, never the live one
from paths import REPO
NEW_SOURCE = ("Joint drill\n\nIranian special forces crossed into Azerbaijan at the Astara crossing for the "
              "Aras 2025 exercise, the IRGC said.\n")


@pytest.fixture
def work(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    return tmp_path


def _run(work, cache):
    result = pipeline.run([str(work / "seeds")], str(work / "claims"), cache=cache)
    if cache is not None:
        cache.flush()  # as the command line does once a run has succeeded
    return result


def _same(a: pipeline.Result, b: pipeline.Result):
    assert [(r.source, r.reference, r.claims, r.notes) for r in a.sources] == \
           [(r.source, r.reference, r.claims, r.notes) for r in b.sources]
    assert render.markdown(a) == render.markdown(b) and render.as_json(a) == render.as_json(b)


def test_seed_results_round_trip_exactly():
    packs = load_packs(str(ROOT / "claims"))
    for src in load([str(ROOT / "seeds")]):
        r = pipeline.analyse_source(src, packs)
        back = fc.result_from_dict(fc.loads(json.dumps(fc.result_to_dict(r)).encode()), src)
        assert back == r
        assert [type(c.value) for c in back.claims] == [type(c.value) for c in r.claims]


def test_a_cached_run_equals_a_fresh_one(work):
    c = fc.Cache(work / "cache")
    first = _run(work, c)
    assert len(first.fresh) == 5 and c.misses == 5
    second = _run(work, c)
    assert second.fresh == [] and c.hits == 5  # the commentary without claims too: its entry is signed
    _same(first, second)
    _same(second, _run(work, None))


def test_adding_a_source_extracts_that_source_only(work):
    c = fc.Cache(work / "cache")
    _run(work, c)
    (work / "seeds/005_new.txt").write_text(NEW_SOURCE, encoding="utf-8")
    assert _run(work, c).fresh == ["005_new"]


def test_what_a_result_depends_on_invalidates_it(work):
    c = fc.Cache(work / "cache")
    _run(work, c)
    seed = work / "seeds/002_59d71dc90c37a2e5.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert _run(work, c).fresh == ["002_59d71dc90c37a2e5"]
    meta = work / "seeds/sources.yaml"  # the published date anchors relative dates
    meta.write_text(meta.read_text(encoding="utf-8").replace("published: 2025-05-18", "published: 2025-05-19"),
                    encoding="utf-8")
    assert _run(work, c).fresh == ["002_59d71dc90c37a2e5"]
    pack = work / "claims/aras-2025.yaml"
    pack.write_text(pack.read_text(encoding="utf-8") + "\n# an edit to the pack\n", encoding="utf-8")
    assert len(_run(work, c).fresh) == 5
    assert _run(work, c).fresh == []


def _rewrite_of(work) -> None:
    """A lightly edited copy of a seed, so the sources hold a reprint pair."""
    text = (work / "seeds/002_59d71dc90c37a2e5.txt").read_text(encoding="utf-8")
    (work / "seeds/009_copy.txt").write_text(text.replace("began a joint", "launched a joint"), encoding="utf-8")


def test_cached_sources_are_not_segmented_again(work, monkeypatch):
    """What reprint detection needs of a cached source (its sketch, the shares measured with the
    others) comes from the cache: a run over cached sources does not lay out or segment any."""
    _rewrite_of(work)
    c = fc.Cache(work / "cache")
    first = _run(work, c)
    assert [(r.copy, r.original) for r in first.reprints] == [("009_copy", "002_59d71dc90c37a2e5")]
    segmented = []
    split = segment.split
    monkeypatch.setattr(segment, "split", lambda src: segmented.append(src.id) or split(src))
    again = _run(work, fc.Cache(work / "cache"))
    assert segmented == [] and again.fresh == []
    _same(first, again)
    assert again.reprints == first.reprints
    (work / "seeds/005_new.txt").write_text(NEW_SOURCE, encoding="utf-8")
    assert _run(work, fc.Cache(work / "cache")).fresh == ["005_new"] and segmented == ["005_new"]


def _compared(monkeypatch) -> list[str]:
    """The topics compare.compare is asked to compare, from now on."""
    from factcheck.comparison import compare as cmp

    asked: list[str] = []
    real = cmp.compare
    monkeypatch.setattr(cmp, "compare", lambda topic, *args: asked.append(topic) or real(topic, *args))
    return asked


def test_only_the_topics_a_new_source_speaks_to_are_compared_again(work, monkeypatch):
    """Every other topic's finding is rebuilt from the comparison stored with the cache, and all of
    them are what comparing everything anew gives: the report, its JSON and its HTML, byte for byte."""
    from factcheck.outputs import html

    _rewrite_of(work)  # a reprint pair: families are part of what a comparison depends on
    c = fc.Cache(work / "cache")
    first = _run(work, c)
    asked = _compared(monkeypatch)
    again = _run(work, fc.Cache(work / "cache"))
    assert asked == [] and again.fresh == []
    _same(first, again)
    (work / "seeds/005_new.txt").write_text(NEW_SOURCE, encoding="utf-8")
    added = _run(work, fc.Cache(work / "cache"))
    spoken = {c.topic for r in added.sources if r.source.id == "005_new" for c in r.claims}
    assert spoken and sorted(asked) == sorted(spoken)
    plain = _run(work, None)
    _same(added, plain)
    assert html.page(added) == html.page(plain)
    assert [f.silent for f in added.findings] == [f.silent for f in plain.findings]


@pytest.mark.parametrize("damage", ["no signing key", "another signature", "signed, not a comparison",
                                    "signed, a claim out of range"])
def test_a_stored_comparison_is_used_only_signed_and_whole(work, monkeypatch, damage):
    """A comparison cannot be checked against the sources short of comparing again: one that is not
    signed with this user's key, or not the shape as_refs writes, is compared again."""
    from factcheck.run import signing

    first = _run(work, fc.Cache(work / "cache"))
    secret = signing.key()
    with sqlite3.connect(work / "cache" / fc.Cache.FILE) as conn:
        rows = conn.execute("SELECT topic, key, payload FROM comparisons").fetchall()
        assert len(rows) == len(first.findings)
        for topic, key, payload in rows:
            data = json.loads(payload)
            if damage == "signed, not a comparison":
                data = {"status": "agree", "groups": "all of them", "series": []}
            elif damage == "signed, a claim out of range":
                data["groups"] = [[[10**6], 10**6, [], [], 0]]
            payload = json.dumps(data).encode()
            mac = signing.sign(b"x" * 32 if damage == "another signature" else secret, key, payload)
            conn.execute("UPDATE comparisons SET payload = ?, mac = ? WHERE topic = ?", (payload, mac, topic))
    if damage == "no signing key":
        monkeypatch.setattr(signing, "key", lambda: None)
    asked = _compared(monkeypatch)
    again = _run(work, fc.Cache(work / "cache"))
    assert len(asked) == len(first.findings)
    _same(first, again)


@pytest.mark.parametrize("share", ["half", 5.0, -1.0, None, 0])
def test_a_damaged_share_is_measured_again(work, share):
    """The reprint pair's stored share replaced by something that is not a fraction: if it were
    believed, the pair would stop being a reprint (or the run would fail)."""
    _rewrite_of(work)
    first = _run(work, fc.Cache(work / "cache"))
    with sqlite3.connect(work / "cache" / fc.Cache.FILE) as conn:
        rows = conn.execute("SELECT later, first FROM shares").fetchall()
        assert rows
        conn.execute("DROP TABLE shares")  # a table without the column's type or constraint
        conn.execute("CREATE TABLE shares (later, first, code, share)")
        conn.executemany("INSERT INTO shares VALUES (?, ?, ?, ?)", [(a, b, fc.code_digest(), share) for a, b in rows])
    again = _run(work, fc.Cache(work / "cache"))
    assert again.reprints == first.reprints
    _same(first, again)


def test_the_cache_keeps_only_what_this_code_can_read(work, monkeypatch):
    """Entries and shares of another version of the code, and files of earlier cache formats, are
    dropped by a run that writes: the cache of a long-running monitor stays bounded."""
    _rewrite_of(work)
    _run(work, fc.Cache(work / "cache"))
    legacy = [work / "cache" / "entries.sqlite3", work / "cache" / ("ab" * 32 + ".json")]
    for f in legacy:
        f.write_bytes(b"left by an earlier format")
    (work / "cache" / "notes.txt").write_text("not the cache's", encoding="utf-8")
    monkeypatch.setattr(fc, "code_digest", lambda: "another version of the code")
    assert len(_run(work, fc.Cache(work / "cache")).fresh) == 6
    with sqlite3.connect(work / "cache" / fc.Cache.FILE) as conn:
        assert conn.execute("SELECT DISTINCT code FROM entries").fetchall() == [("another version of the code",)]
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 6  # one a source
        assert conn.execute("SELECT DISTINCT code FROM shares").fetchall() == [("another version of the code",)]
    assert not any(f.exists() for f in legacy) and (work / "cache" / "notes.txt").exists()


class Entry:
    """One stored entry's payload, read and overwritten behind the cache's back; `checksum=True`
    stores the payload's true checksum with it, so only the decoding can catch the damage."""

    def __init__(self, db: Path, key: str):
        self.db, self.key = db, key

    def read_bytes(self) -> bytes:
        with sqlite3.connect(self.db) as conn:
            return conn.execute("SELECT payload FROM entries WHERE key = ?", (self.key,)).fetchone()[0]

    def write_bytes(self, data: bytes, checksum: bool = True) -> None:
        with sqlite3.connect(self.db) as conn:
            if checksum:
                conn.execute("UPDATE entries SET payload = ?, sha256 = ? WHERE key = ?",
                             (data, hashlib.sha256(data).hexdigest(), self.key))
            else:
                conn.execute("UPDATE entries SET payload = ? WHERE key = ?", (data, self.key))

    def write_text(self, text: str) -> None:
        self.write_bytes(text.encode("utf-8"))

    def set_checksum(self, checksum: str) -> None:
        with sqlite3.connect(self.db) as conn:
            conn.execute("UPDATE entries SET sha256 = ? WHERE key = ?", (checksum, self.key))

    def take_another(self) -> None:
        """Another source's payload and checksum, as a mixed-up key would return."""
        with sqlite3.connect(self.db) as conn:
            for payload, checksum in conn.execute("SELECT payload, sha256 FROM entries WHERE key != ?", (self.key,)):
                if json.loads(payload)["claims"]:
                    conn.execute("UPDATE entries SET payload = ?, sha256 = ? WHERE key = ?",
                                 (payload, checksum, self.key))
                    return
        raise AssertionError("no other entry with claims")


def _entries(d: Path) -> list[tuple[str, str, bytes, str | None]]:
    with sqlite3.connect(d / fc.Cache.FILE) as conn:
        return conn.execute("SELECT key, sha256, payload, mac FROM entries ORDER BY key").fetchall()


def _rewrite(path: Entry, change, checksum=True):
    payload = json.loads(path.read_bytes())
    change(payload)
    path.write_bytes(json.dumps(payload).encode(), checksum)


def _set_first_claim(field, value):
    def change(payload):
        payload["claims"][0][field] = value
    return change


DAMAGE = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "not UTF-8": lambda p: p.write_bytes(b"\xff\xfe\x00garbage"),
    "not an object": lambda p: p.write_text("[1, 2, 3]"),
    "a pickle": lambda p: p.write_bytes(b"\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00N."),
    "deeply nested": lambda p: p.write_text("[" * 100000 + "]" * 100000),
    "checksum of something else": lambda p: p.set_checksum("0" * 64),
    "another source's entry": lambda p: p.take_another(),
    "payload edited, checksum stale": lambda p: _rewrite(p, _set_first_claim("line", 999), checksum=False),
    "wrong type, checksum redone": lambda p: _rewrite(p, _set_first_claim("line", "9")),
    "bool for int, checksum redone": lambda p: _rewrite(p, _set_first_claim("start", True)),
    "unknown value kind": lambda p: _rewrite(p, lambda e: e["claims"][0]["value"].update({"@": "Pickle"})),
    "a list for a tuple": lambda p: _rewrite(p, _set_first_claim("rel", [])),
    "an object in a tuple": lambda p: _rewrite(p, _set_first_claim("rel", {"@": "tuple", "items": [{"x": 1}]})),
    "a float": lambda p: _rewrite(p, _set_first_claim("line", 9.0)),
    "missing field": lambda p: _rewrite(p, lambda e: e["claims"][0].pop("topic")),
    "extra field": lambda p: _rewrite(p, _set_first_claim("evil", 1)),
    "claims of another source": lambda p: _rewrite(p, _set_first_claim("source", "someone_else")),
    "a sketch of text": lambda p: _rewrite(p, lambda e: e.update(sketch={"@": "tuple", "items": ["a"]})),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_entry_is_rebuilt_never_trusted(work, damage):
    c = fc.Cache(work / "cache")
    fresh = _run(work, c)
    # The entry of the source with the most claims, so the claim edits have something to edit.
    biggest = max(fresh.sources, key=lambda r: len(r.claims))
    (source,) = load([str(work / "seeds" / Path(biggest.source.path).name)])  # a run keeps no text: read it
    target = Entry(work / "cache" / fc.Cache.FILE, fc.key(source, fresh.packs))
    DAMAGE[damage](target)
    again = _run(work, c)
    assert again.fresh == [biggest.source.id]
    _same(fresh, again)
    assert _run(work, c).fresh == []  # and the entry was written back whole


def test_a_cache_that_cannot_be_written_only_costs_time(work):
    (work / "cache").write_text("a file where the directory should be")
    c = fc.Cache(work / "cache")
    result = _run(work, c)
    assert len(result.fresh) == 5
    assert len(_run(work, c).fresh) == 5
    _same(result, _run(work, None))


def test_cache_directory_is_marked_and_entries_are_json(work):
    _run(work, fc.Cache(work / "cache"))
    assert (work / "cache/.gitignore").read_text() == "*\n"
    assert (work / "cache/CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    entries = _entries(work / "cache")
    assert len(entries) == 5  # the commentary without claims too, signed
    for k, checksum, payload, mac in entries:
        assert len(k) == 64 and checksum == hashlib.sha256(payload).hexdigest()
        stored = json.loads(payload.decode("ascii"))
        assert sorted(stored) == ["claims", "for", "notes", "reference", "sketch"]
        assert hashlib.sha256(json.dumps(stored["for"], sort_keys=True).encode()).hexdigest() == k
        assert (mac is None) == bool(stored["claims"])  # only what has nothing to check is signed


def test_a_cache_file_that_is_not_a_database_is_replaced(work):
    (work / "cache").mkdir()
    (work / "cache" / fc.Cache.FILE).write_bytes(b"not a database at all" * 100)
    assert len(_run(work, fc.Cache(work / "cache")).fresh) == 5
    assert _run(work, fc.Cache(work / "cache")).fresh == []


def test_dependency_versions_are_the_installed_ones():
    from importlib import metadata
    for dist, module in fc._DEPENDENCIES:
        assert fc._installed(dist, module) == f"{dist}-{metadata.version(dist)}"
    assert fc._installed("no-such-dist", "no_such_module") == "no-such-dist-not-installed"


def _package_copy(tmp_path) -> Path:
    shutil.copytree(fc.PACKAGE, tmp_path / "factcheck", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "factcheck"


def test_the_code_digest_is_of_the_whole_package(tmp_path):
    assert fc.PACKAGE == REPO / "factcheck"
    assert fc.code_digest() == fc.digest_of(_package_copy(tmp_path))  # where it lies does not matter


# A module of every directory of the package: an edit in any stage must reach the key.
_MODULES = sorted({min(d.glob("*.py")).relative_to(fc.PACKAGE).as_posix()
                   for d in [fc.PACKAGE, *(p for p in fc.PACKAGE.iterdir() if p.is_dir() and any(p.glob("*.py")))]})


@pytest.mark.parametrize("module", _MODULES)
def test_an_edit_anywhere_in_the_package_changes_the_digest(module, tmp_path):
    pkg = _package_copy(tmp_path)
    before = fc.digest_of(pkg)
    f = pkg / module
    f.write_text(f.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fc.digest_of(pkg) != before


def test_a_new_file_in_the_package_changes_the_digest(tmp_path):
    """Language knowledge may be kept as data files: a new one is new code as much as a module."""
    pkg = _package_copy(tmp_path)
    before = fc.digest_of(pkg)
    (pkg / "language" / "units.yaml").write_text("km: kilometre\n", encoding="utf-8")
    assert fc.digest_of(pkg) != before


def test_the_key_follows_the_code(monkeypatch):
    """During development the version stays while the extractors change: the code is in the key."""
    src = load([str(ROOT / "seeds")])[0]
    packs = load_packs(str(ROOT / "claims"))
    before = fc.key(src, packs)
    monkeypatch.setattr(fc, "code_digest", lambda: "the code after an edit")
    assert fc.key(src, packs) != before


# ---------------------------------------------------------------------------------------------

opt_int = st.one_of(st.none(), st.integers(-10**12, 10**12))
values = st.one_of(
    st.builds(Date, opt_int, opt_int, opt_int, opt_int),
    st.builds(Duration, st.integers(-10**6, 10**6), st.sampled_from(["H", "D", "W", "M", "Y"])),
    st.builds(Number, opt_int, opt_int),
    st.builds(Entity, st.sampled_from(["place", "person", "rank", "name"]), st.text(), st.booleans()),
)
rel = st.recursive(st.one_of(st.none(), st.integers(), st.text(max_size=5)),
                   lambda inner: st.lists(inner, max_size=3).map(tuple), max_leaves=6).map(
    lambda x: x if isinstance(x, tuple) else (x,))
claims = st.builds(Claim, topic=st.text(), source=st.just("s"), value=values, text=st.text(), sentence=st.text(),
                   line=st.integers(0, 10**6), start=st.integers(0, 10**9), end=st.integers(0, 10**9),
                   sentence_start=st.integers(0, 10**9), rule=st.text(), derived=st.booleans(), rel=rel,
                   tense=st.sampled_from(["past", "future"]), stated_weekday=st.one_of(st.none(), st.integers(1, 7)),
                   note=st.text(), as_of_progress=st.one_of(st.none(), st.floats(0, 100)))


@settings(max_examples=300)
@given(values)
def test_values_round_trip_exactly(v):
    back = fc.loads(json.dumps(fc.encode(v)))
    assert back == v and type(back) is type(v) and str(back) == str(v)


@settings(max_examples=200)
@given(claims)
def test_claims_round_trip_exactly(c):
    back = fc.loads(json.dumps(fc.encode(c), ensure_ascii=True).encode())
    assert back == c
    assert dataclasses.astuple(back) == dataclasses.astuple(c)


# A value of each annotation results use, unlike any default; a new kind of field fails here first.
_SAMPLE = {"str": "x", "int": 3, "bool": True, "tuple": ("weekday", None, 2), "int | None": 7,
           "float | None": 94.4, "Value": Date(2025, 5, 18, 7), "Date | None": Date(2025, 5)}


@pytest.mark.parametrize("cls", [Claim, Reference])
def test_every_field_is_stored(cls):
    """A field added to a Claim or a Reference must round-trip too, or the cache would drop it."""
    fields = dataclasses.fields(cls)
    unknown = sorted({f.type for f in fields} - set(_SAMPLE))
    assert not unknown, f"teach the cache (and this test) the field types {unknown}"
    obj = cls(**{f.name: _SAMPLE[f.type] for f in fields})
    d = fc.encode(obj)
    assert sorted(d) == sorted(["@"] + [f.name for f in fields])
    assert fc.loads(json.dumps(d)) == obj
