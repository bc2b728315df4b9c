"""Hostile and broken input, as an attacker opening a pull request or an unlucky user would bring
it: names that read as CI commands, names that are not text, links and FIFOs where files belong, a
forged cache, concurrent runs, patterns that hog the run. Each case holds: one line and exit 2,
or a run that neither executes nor writes anything it should not. Sizes are scaled down to stay fast."""

import hashlib
import hmac
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import files
from factcheck.cli import main
from factcheck.extraction import extract
from factcheck.ingest import segment
from factcheck.ingest.sources import Source, load
from factcheck.packs.pack import load_packs
from factcheck.run import cache as fc
from factcheck.run import pipeline, signing
from command import clean_env, factcheck
from paths import FIXTURES, REPO  # the frozen event, never the live one

# A source in the seeds' words with another crossing: a new conflict whose evidence names its file.
CONFLICTING = ("Iran and Azerbaijan hold joint drill\n\n"
               "Iranian special forces crossed into Azerbaijan at the Astara crossing for the Aras 2025 exercise, "
               "the IRGC said.\n")
# File names a CI log must never execute: a workflow command, the runner's legacy prefix (read anywhere
# in a line), percent-escapes the runner would decode, and the separators of annotation properties.
HOSTILE_NAMES = ["::error::forged", "##[error]forged", "x ##[stop-commands]tok", "%0A::warning::y", "a,b:c=d"]




def one_line_error(p, pattern: str):
    assert p.returncode == 2, p.stdout + p.stderr
    assert p.stderr.count("\n") == 1 and re.fullmatch("factcheck: error: " + pattern + "\n", p.stderr), p.stderr


@pytest.fixture
def repo(tmp_path):
    """A copy of the seeds and packs inside tmp/repo, beside tmp/outside, which nothing may touch."""
    r = tmp_path / "repo"
    shutil.copytree(FIXTURES / "seeds", r / "seeds")
    shutil.copytree(FIXTURES / "claims", r / "claims")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/keep.txt").write_text("not factcheck's\n", encoding="utf-8")
    return r


def snapshot(d: Path) -> dict:
    return {p.relative_to(d).as_posix(): (p.lstat().st_mode, p.read_bytes() if p.is_file() else None)
            for p in sorted(d.rglob("*"))}


# ---------------------------------------------------------------------------------------------
# CI logs: nothing GitHub's runner would execute


def executable_lines(text: str) -> list[str]:
    """Lines GitHub's runner would act on that are not an annotation of ours. The runner reads a line
    whose first non-blank text is '::' as a command (and then looks no further): it must be an error
    or warning whose properties hold no raw ',' or ':', so none could be smuggled in. Any other line
    is searched for the legacy form '##[' anywhere in it."""
    ours = re.compile(r"::(error|warning)( [a-zA-Z]+=[^,:\r]*(,[a-zA-Z]+=[^,:\r]*)*)?::[^\r]*")
    bad = []
    for line in text.split("\n"):
        command = line.lstrip().startswith("::")
        if (command or "##[" in line) and not (command and ours.fullmatch(line.lstrip())):
            bad.append(line)
    return bad


def printable(text: str) -> bool:
    return all(ch.isprintable() for ch in text.replace("\n", ""))


@pytest.mark.parametrize("actions", [False, True])
def test_names_and_text_that_read_as_ci_commands_print_nothing_github_would_execute(repo, actions):
    for i, name in enumerate(HOSTILE_NAMES):
        (repo / f"seeds/{name}.txt").write_text(CONFLICTING + f"::error::from the text {i}\n##[error]from the text\n",
                                                encoding="utf-8")
    env = clean_env(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(repo / "summary.md")) if actions else clean_env()
    runs = [factcheck(repo, "check", env=env), factcheck(repo, "report", "-o", "-", env=env),
            factcheck(repo, "report", "--format", "json", env=env)]
    runs += [factcheck(repo, "explain", f"seeds/{name}.txt", env=env) for name in HOSTILE_NAMES]
    assert [p.returncode for p in runs] == [1] + [0] * (len(runs) - 1), [p.stderr for p in runs]
    check = runs[0]
    assert "NEW CONFLICT crossing.point" in check.stdout
    for p in runs:
        assert executable_lines(p.stdout + p.stderr) == [], p.args
        assert printable(p.stdout + p.stderr)
    if actions:  # the annotations are there, with the names escaped into their properties
        assert "::error file=seeds/a%2Cb%3Ac=d.txt,line=3," in check.stdout
    json.loads(runs[2].stdout)  # still JSON, the same data
    assert {c["source"] for c in json.loads(runs[2].stdout)["claims"]} >= set(HOSTILE_NAMES)


def test_explain_starts_every_line_with_its_own_words(repo):
    (repo / "seeds/::error::x.txt").write_text(CONFLICTING, encoding="utf-8")
    p = factcheck(repo, "explain", "seeds/::error::x.txt")
    assert p.returncode == 0
    assert p.stdout.startswith("source ::error::x · reference date")
    assert all(not ln.lstrip().startswith("::") for ln in p.stdout.splitlines())


@pytest.mark.parametrize("raw, shown", [(b"bad\xff", r"bad\\xff"), (b"two\nlines", r"two\\nlines"),
                                        (b"esc\x1b[31m", r"esc\\x1b\[31m")])
@pytest.mark.parametrize("command", ["check", "report"])
@pytest.mark.parametrize("where, suffix, content", [("seeds", ".txt", CONFLICTING), ("claims", ".yaml", "pack: [\n")])
def test_a_file_name_that_is_not_text_is_refused_by_its_escaped_name(repo, raw, shown, command, where, suffix,
                                                                      content):
    with open(os.path.join(os.fsencode(repo / where), raw + suffix.encode()), "wb") as f:
        f.write(content.encode())
    p = factcheck(repo, command, env=clean_env(GITHUB_ACTIONS="true"))
    assert p.returncode == 2 and printable(p.stdout + p.stderr)
    one_line_error(p, rf"{where}/{shown}\{suffix}: the file name (is not UTF-8|holds a control character); "
                      "rename the file")
    assert executable_lines(p.stdout) == [] and p.stdout.count("\n") == 1  # the annotation, escaped
    assert not (repo / "reports").exists()


# ---------------------------------------------------------------------------------------------
# No writes outside the repository


def test_a_symlinked_cache_is_neither_read_nor_written(repo):
    outside = repo.parent / "outside"
    (repo / ".factcheck-cache").symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    p = factcheck(repo, "report")
    assert p.returncode == 0
    assert p.stderr == "factcheck: note: .factcheck-cache is a symlink; the cache is neither read nor written\n"
    assert snapshot(outside) == before


def test_a_symlink_inside_the_cache_is_not_followed(repo):
    outside = repo.parent / "outside"
    assert factcheck(repo, "report").returncode == 0  # a real cache
    db = repo / ".factcheck-cache" / fc.Cache.FILE
    db.unlink()
    db.symlink_to(outside / "keep.txt")
    before = snapshot(outside)
    (repo / "seeds/005_new.txt").write_text(CONFLICTING, encoding="utf-8")
    p = factcheck(repo, "report")
    assert p.returncode == 0 and "is a symlink" in p.stderr
    assert snapshot(outside) == before and db.is_symlink()


def test_output_onto_a_fifo_or_a_symlink_is_refused(repo):
    outside = repo.parent / "outside"
    os.mkfifo(repo / "pipe.md")
    p = factcheck(repo, "report", "-o", "pipe.md", timeout=30)
    one_line_error(p, r"pipe\.md: a FIFO, not a regular file: not replaced \(--force replaces it\)")
    (repo / "link.md").symlink_to(outside / "keep.txt")
    p = factcheck(repo, "report", "-o", "link.md")
    one_line_error(p, r"link\.md: a symlink, not a regular file: not replaced \(--force replaces it\)")
    before = snapshot(outside)
    assert factcheck(repo, "report", "-o", "link.md", "--force").returncode == 0
    assert not (repo / "link.md").is_symlink() and (repo / "link.md").read_text().startswith("# Discrepancy report")
    assert snapshot(outside) == before


def test_no_write_through_a_symlinked_directory(repo):
    outside = repo.parent / "outside"
    (repo / "reports").symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    one_line_error(factcheck(repo, "report"), r"reports/discrepancies\.md: reports is a symlink; factcheck does "
                                              r"not write through links")
    assert snapshot(outside) == before


# ---------------------------------------------------------------------------------------------
# The cache trusts nothing it reads, and is written only by runs that succeed


def _run(repo, cache):
    result = pipeline.run([str(repo / "seeds")], str(repo / "claims"), cache=cache)
    cache.flush()
    return result


def _forge(db: Path, key: str, change) -> None:
    """Edit an entry the way an attacker would: change it, then store the matching checksum."""
    with sqlite3.connect(db) as conn:
        (payload,) = conn.execute("SELECT payload FROM entries WHERE key = ?", (key,)).fetchone()
        data = json.loads(payload)
        change(data)
        forged = json.dumps(data).encode()
        conn.execute("UPDATE entries SET payload = ?, sha256 = ? WHERE key = ?",
                     (forged, hashlib.sha256(forged).hexdigest(), key))


def _claims(r):
    return [(c.topic, str(c.value), c.line) for s in r.sources for c in s.claims]


FORGERIES = {
    "claims emptied": lambda d: d.update(claims=[]),
    "a claim quoting other words": lambda d: d["claims"][0].update(text="something else"),
    "a claim on another line": lambda d: d["claims"][0].update(line=d["claims"][0]["line"] + 1),
    "a rule the packs do not have": lambda d: d["claims"][0].update(rule="forged.rule"),
    "the result of another source's text": lambda d: d["for"]["source"].update(sha256="0" * 64),
    "the result of other packs": lambda d: d["for"].update(packs=["0" * 64]),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forged_entry_with_a_recomputed_checksum_is_a_miss(repo, forgery):
    cache = fc.Cache(repo / "cache")
    fresh = _run(repo, cache)
    target = max(fresh.sources, key=lambda r: len(r.claims)).source
    (source,) = load([target.path])  # a run keeps no text: read it for the key
    _forge(repo / "cache" / fc.Cache.FILE, fc.key(source, fresh.packs), FORGERIES[forgery])
    again = _run(repo, fc.Cache(repo / "cache"))
    assert target.id in again.fresh
    assert _claims(again) == _claims(fresh)


# A source none of the packs' topics is in: its result has no claims.
QUIET = "Market day\n\nThe stalls opened late because of the rain, and the bakers sold out by noon.\n"


def _entry(db: Path, key: str):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT payload, mac FROM entries WHERE key = ?", (key,)).fetchone()


def test_a_source_without_claims_is_cached_only_under_a_signature_that_checks(repo, tmp_path, monkeypatch):
    (repo / "seeds/009_quiet.txt").write_text(QUIET, encoding="utf-8")
    fresh = _run(repo, fc.Cache(repo / "cache"))
    quiet = next(r for r in fresh.sources if r.source.id == "009_quiet")
    assert quiet.claims == [] and "009_quiet" in fresh.fresh
    assert _run(repo, fc.Cache(repo / "cache")).fresh == []  # the source without claims came from the cache too

    db = repo / "cache" / fc.Cache.FILE
    (quiet_src,) = load([str(repo / "seeds/009_quiet.txt")])
    target = max(fresh.sources, key=lambda r: len(r.claims)).source
    (target_src,) = load([target.path])
    quiet_key, target_key = fc.key(quiet_src, fresh.packs), fc.key(target_src, fresh.packs)
    quiet_payload, quiet_mac = _entry(db, quiet_key)
    assert quiet_mac is not None and _entry(db, target_key)[1] is None  # only the empty result is signed

    # Emptied, and signed with a key of the forger's own, or given the real signature of another entry
    for mac in (hmac.new(b"0" * 32, target_key.encode() + b"\0" + b"x", hashlib.sha256).hexdigest(), quiet_mac):
        _forge(db, target_key, lambda d: d.update(claims=[]))
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE entries SET mac = ? WHERE key = ?", (mac, target_key))
        again = _run(repo, fc.Cache(repo / "cache"))
        assert target.id in again.fresh and _claims(again) == _claims(fresh)

    # The signed entry moved under another source's key: it says it is the result of another text
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE entries SET payload = ?, sha256 = ?, mac = ? WHERE key = ?",
                     (quiet_payload, hashlib.sha256(quiet_payload).hexdigest(), quiet_mac, target_key))
    again = _run(repo, fc.Cache(repo / "cache"))
    assert target.id in again.fresh and _claims(again) == _claims(fresh)

    # The same cache where the key is not (copied to another machine, or restored in CI): its empty
    # entries are misses, the others still check out against their sources
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "another-state"))
    signing.key.cache_clear()
    try:
        again = _run(repo, fc.Cache(repo / "cache"))
        assert again.fresh == sorted(r.source.id for r in fresh.sources if not r.claims)
        assert "009_quiet" in again.fresh and _claims(again) == _claims(fresh)
    finally:
        signing.key.cache_clear()


def test_a_signing_key_others_can_read_a_link_or_a_fifo_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    signing.key.cache_clear()
    try:
        made = signing.key()
        path = tmp_path / "factcheck" / signing.NAME
        assert made is not None and len(made) == 32 and stat.S_IMODE(path.stat().st_mode) == 0o600
        signing.key.cache_clear()
        assert signing.key() == made  # read back, not made anew
        path.chmod(0o644)
        signing.key.cache_clear()
        assert signing.key() is None and path.read_text().strip() == made.hex()  # refused, left as it is
        path.rename(tmp_path / "elsewhere")
        path.symlink_to(tmp_path / "elsewhere")
        (tmp_path / "elsewhere").chmod(0o600)
        signing.key.cache_clear()
        assert signing.key() is None and path.is_symlink()
        path.unlink()
        os.mkfifo(path)  # read, it would wait for a writer
        signing.key.cache_clear()
        assert signing.key() is None
    finally:
        signing.key.cache_clear()


def test_a_run_that_fails_writes_no_cache(repo):
    p = factcheck(repo, "accept", "no.such.topic", "--reason", "x")
    one_line_error(p, r"unknown topic 'no\.such\.topic'.*")
    assert not (repo / ".factcheck-cache").exists()
    assert factcheck(repo, "report").returncode == 0 and (repo / ".factcheck-cache").is_dir()


# ---------------------------------------------------------------------------------------------
# Concurrent writers


def test_concurrent_accepts_keep_every_entry(repo):
    (repo / "claims/accepted.yaml").unlink()
    topics = ["exercise.duration", "exercise.start", "prior_exercise.date", "territory.recaptured"]
    procs = [subprocess.Popen([sys.executable, "-m", "factcheck", "accept", t, "--reason", f"checked {t}"],
                              cwd=repo, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for t in topics]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * len(topics), outs
    text = (repo / "claims/accepted.yaml").read_text(encoding="utf-8")
    assert sorted(re.findall(r"topic: (\S+)", text)) == topics
    assert factcheck(repo, "report").returncode == 0 and factcheck(repo, "check").returncode == 0


def test_the_lock_makes_writers_take_turns(tmp_path):
    """Two processes in locked() on the same directory: the second enters only after the first left."""
    code = ("import sys, time; from factcheck.files import locked\n"
            "with locked(sys.argv[1]):\n"
            "    print('in', time.monotonic(), flush=True); time.sleep(0.4); print('out', time.monotonic())\n")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "f.yaml")], cwd=tmp_path,
                              stdout=subprocess.PIPE, text=True) for _ in range(2)]
    spans = sorted(tuple(float(ln.split()[1]) for ln in p.communicate(timeout=30)[0].splitlines()) for p in procs)
    assert spans[1][0] >= spans[0][1]


# ---------------------------------------------------------------------------------------------
# Inputs that are not what they seem


@pytest.mark.parametrize("where, args, pattern", [
    ("seeds/005_pipe.txt", [], r"seeds/005_pipe\.txt: a FIFO, not a regular file"),
    ("seeds/sources.yaml", [], r"seeds/sources\.yaml: a FIFO, not a regular file"),
    ("claims/extra.yaml", [], r"claims/extra\.yaml: a FIFO, not a regular file"),
    ("claims/accepted.yaml", [], r"claims/accepted\.yaml: a FIFO, not a regular file"),
    ("reports/discrepancies.md", [], r"reports/discrepancies\.md: a FIFO, not a regular file"),
    ("one.txt", ["one.txt"], r"one\.txt: a FIFO, not a regular file or a directory"),
])
def test_a_fifo_is_refused_not_waited_on(repo, where, args, pattern):
    (repo / where).parent.mkdir(exist_ok=True)
    (repo / where).unlink(missing_ok=True)
    os.mkfifo(repo / where)
    one_line_error(factcheck(repo, "check", *args, timeout=30), pattern)


@pytest.mark.parametrize("content", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \n\t\n", "\u200b\u200c\u200d\u2060\n".encode(),
                                     "\ufeff\u00a0\u3000\u200b".encode()])
def test_a_source_empty_once_invisible_characters_are_set_aside_is_empty(repo, content):
    (repo / "seeds/005_blank.txt").write_bytes(content)
    one_line_error(factcheck(repo, "check"), r"seeds/005_blank\.txt: file is empty \(nothing but spaces, a "
                                             r"byte-order mark or invisible characters\)")


PATTERN_PACK = """\
pack: extra
event:
  nouns: [festival]
topics:
  extra.count:
    type: number
    rules:
      - id: extra.pattern
        frame: pattern
        pattern: '{pattern}'
        examples:
          - text: The festival drew 12 bands zzz.
            value: "12"
        not:
          - The town has 12 bakeries.
"""


@pytest.mark.parametrize("pattern, message", [
    ("(" * 500 + "(?P<value>x)" + ")" * 500, "groups nested too deeply"),
    ("a{99999999999}(?P<value>x)", "the repetition number is too large"),
])
def test_a_regex_that_cannot_compile_is_one_line_naming_the_rule(repo, pattern, message):
    (repo / "claims/extra.yaml").write_text(PATTERN_PACK.format(pattern=pattern), encoding="utf-8")
    for command in ("check", "validate"):
        one_line_error(factcheck(repo, command), rf"claims/extra\.yaml:10: rule extra\.pattern: invalid regex: {message}")


def test_a_killed_runs_temporary_files_are_ignored_and_cleaned_up(repo):
    assert factcheck(repo, "report").returncode == 0
    dead = 2**22 + 12345  # above Linux's default pid_max of 2**22: no process has it
    left = [repo / f"reports/.discrepancies.md.{dead}.abc12345{files.TEMP_SUFFIX}",
            repo / f"claims/.accepted.yaml.{dead}.xyz_yaml{files.TEMP_SUFFIX}"]
    for f in left:
        f.write_text("half a file: [\n", encoding="utf-8")
    live = repo / f"reports/.discrepancies.md.{os.getpid()}.abc12345{files.TEMP_SUFFIX}"
    live.write_text("a run still writing\n", encoding="utf-8")
    assert factcheck(repo, "validate").returncode == 0  # never read as a pack
    assert factcheck(repo, "check").returncode == 0  # a run that starts cleans up where it writes or reads
    assert not left[0].exists() and live.exists()
    assert factcheck(repo, "accept", "crossing.point", "--reason", "x").returncode == 2  # even one that fails
    assert not left[1].exists()
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert f"*{files.TEMP_SUFFIX}" in ignored


# ---------------------------------------------------------------------------------------------
# Time: long sentences and the patterns' budget


def test_a_sentence_without_full_stops_is_read_in_bounded_parts(tmp_path):
    clause = "the exercise began on 19 May 2025 and ended on 21 May 2025 near the border, "  # 76 characters
    text = clause * 200  # one 'sentence' of 15,199 characters once its last space is stripped
    src = Source("long", "long.txt", text, page=False)
    parts = segment.split(src)
    assert len(parts) > 1 and max(len(s.text) for s in parts) <= segment.MAX_SENTENCE
    assert all(text[s.start:s.end] == s.text and s.cut_from == 15199 for s in parts)
    assert all(s.text.endswith(",") for s in parts[:-1])  # cut at a clause mark
    assert " ".join(s.text for s in parts) == text.strip()  # nothing lost, nothing read twice
    result = pipeline.analyse_source(src, load_packs(str(FIXTURES / "claims")))
    assert result.claims and all("read from a part of a 15,199-character sentence" in c.note
                                 for c in result.claims)


def test_the_patterns_share_one_budget_per_source(repo, monkeypatch, capsys):
    """A pattern well under the per-sentence limit, on many sentences, stops the run once a source's
    budget is spent, with one line naming the rule and the source."""
    monkeypatch.chdir(repo)
    slow = r"\w+(?P<value>\d)(?=(?:\D|\d){0,2000}zzz)"  # looks to the sentence's end from every digit
    (repo / "claims/extra.yaml").write_text(PATTERN_PACK.format(pattern=slow), encoding="utf-8")
    sentence = " ".join(f"word{i}" for i in range(150)) + " 12 festival goers"
    (repo / "seeds/005_long.txt").write_text("Title\n\n" + "\n".join(f"{sentence} {i}." for i in range(400)),
                                             encoding="utf-8")
    monkeypatch.setattr(extract, "SOURCE_PATTERN_SECONDS", 0.01)  # a fraction of what 400 sentences take
    assert main(["check", "seeds/005_long.txt", "--no-cache", "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(r"factcheck: error: claims/extra\.yaml:8: rule extra\.pattern: the packs' patterns used "
                        r"up their 0\.01 s for one source \(slow on long text\?\), reading seeds/005_long\.txt\n", err)



def test_the_pattern_budget_is_per_source_so_a_long_run_is_not_stopped(repo, monkeypatch):
    """Each pattern call is made to cost one (fake) second: a title and 3 sentences a source fit a
    budget of 6, though 12 sources together spend over 36."""
    monkeypatch.chdir(repo)
    (repo / "claims/extra.yaml").write_text(PATTERN_PACK.format(pattern=r"(?P<value>\d+) bands"), encoding="utf-8")
    for i in range(12):
        (repo / f"seeds/1{i:02}_fest.txt").write_text(
            f"Festival {i}\n\nThe festival drew {i + 1} bands. It rained on day {i}. Fans stayed until {i} am.\n",
            encoding="utf-8")  # no sentence repeats, so none is read from the memo

    class Clock:  # perf_counter as the budget reads it: +1 s between the two readings around a call
        now = 0.0

        @classmethod
        def perf_counter(cls):
            cls.now += 0.5
            return cls.now

    monkeypatch.setattr(extract, "time", Clock)
    monkeypatch.setattr(extract, "SOURCE_PATTERN_SECONDS", 6.0)
    fests = sorted(str(p.relative_to(repo)) for p in (repo / "seeds").glob("1*_fest.txt"))
    assert main(["report", *fests, "--format", "json", "-o", "out.json", "--no-cache", "--jobs", "1"]) == 0
    assert Clock.now >= 12 * 3  # the sentences of every source were matched, a second each
    claims = json.loads((repo / "out.json").read_text(encoding="utf-8"))["claims"]
    assert sorted(c["value"] for c in claims if c["topic"] == "extra.count") == sorted(str(i + 1) for i in range(12))


# ---------------------------------------------------------------------------------------------
# Property: whatever the bytes, names and packs, exit 0, 1 or 2, one line on error, nothing printed
# that a CI log would execute, and nothing outside the repository touched.

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_name_bytes = st.one_of(
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=20)
    .map(os.fsencode),
    st.binary(min_size=1, max_size=20),
    st.sampled_from([b"::error::x", b"##[error]x", b"a\nb", b"\xff\xfe", b"%0A", b"a,b:c", b"-o"]),
).filter(lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b".."))
_source = st.tuples(_name_bytes, st.sampled_from([b".txt", b".md", b".yaml", b""]),
                    st.one_of(st.binary(max_size=200), st.just(CONFLICTING.encode()),
                              st.text(max_size=200).map(lambda t: (CONFLICTING + t).encode())))
_pattern = st.one_of(st.text(max_size=30), st.sampled_from(["(" * 300 + "(?P<value>x)" + ")" * 300,
                                                            r"(?P<value>(\d+)+)b", r"(?P<value>\d+)", "a{99999999999}"]))
_pack = st.one_of(st.none(), _pattern.map(lambda p: PATTERN_PACK.format(pattern=p.replace("'", "''"))),
                  st.text(max_size=200), st.binary(max_size=100))
_links = st.sets(st.sampled_from([".factcheck-cache", "reports", "reports/discrepancies.md", "out.md"]))
_command = st.sampled_from([["check"], ["report"], ["report", "-o", "out.md"], ["report", "--format", "json"],
                            ["accept", "crossing.point", "--reason", "r"], ["explain", "src/0.txt"]])


def _plant(base: Path, sources, pack, links) -> None:
    repo = base / "repo"
    (repo / "src").mkdir(parents=True)
    shutil.copytree(FIXTURES / "claims", repo / "claims")
    with open(repo / "src/0.txt", "wb") as f:
        f.write(CONFLICTING.encode())
    for i, (name, suffix, data) in enumerate(sources):
        try:
            with open(os.path.join(os.fsencode(repo / "src"), name + suffix), "wb") as f:
                f.write(data)
        except OSError:  # a name the file system does not take (too long, reserved)
            pass
    if pack is not None:
        (repo / "claims/extra.yaml").write_bytes(pack if isinstance(pack, bytes) else pack.encode("utf-8", "replace"))
    for link in sorted(links):
        if not os.path.lexists(repo / link) and (repo / link).parent.is_dir():
            (repo / link).symlink_to(base / "outside" / Path(link).name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sources=st.lists(_source, max_size=3), pack=_pack, links=_links, command=_command, actions=st.booleans())
def test_any_input_ends_in_0_1_or_2_and_touches_nothing_outside(sources, pack, links, command, actions,
                                                                 monkeypatch, capsys):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        base = Path(d)
        (base / "outside").mkdir()
        for name in ("keep.txt", "discrepancies.md", "out.md"):
            (base / "outside" / name).write_text("not factcheck's\n", encoding="utf-8")
        _plant(base, sources, pack, links)
        before = snapshot(base / "outside")
        monkeypatch.chdir(base / "repo")
        monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
        if actions:
            monkeypatch.setenv("GITHUB_ACTIONS", "true")
        else:
            monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
        rc = main([*command, *(["src"] if command[0] in ("check", "report", "accept") else []), "--jobs", "1"]
                  if command[0] != "explain" else command)
        out, err = capsys.readouterr()
        assert rc in (0, 1, 2)
        if rc == 2:
            assert err.startswith("factcheck: error: ") and err.count("\n") == 1, err
        else:
            assert all(ln.startswith("factcheck: note: ") for ln in err.splitlines()), err
        assert printable(out + err) and executable_lines(out + err) == []
        assert snapshot(base / "outside") == before
        monkeypatch.chdir(REPO)
