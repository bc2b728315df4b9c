"""Arbitrary source text and arbitrary sources.yaml through the command line's main(): it never
crashes, and every refusal is the clean kind (exit 2, one line `factcheck: error: …`)."""

import datetime as dt
import json
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.cli import main

from paths import FIXTURES as ROOT  # the frozen event, never the live one

# Phrases the extractors react to, so arbitrary text also reaches the rules and not only the loader.
FRAGMENTS = ["Aras 2025", "the exercise", "began on Sunday", "on 19-21 May 2025", "until May 21", "last November",
             "in the Karabakh region", "crossed at Bileh Savar", "Brigadier General Vali Madani", "four-day",
             "approximately two years ago", "in December 2023", "Published: 02/06/2024 09:15", ". ", "\n", "\n\n",
             "| ` < > [x](y) $ ", "Related Articles", "Skip to main content", "2020", "—", "’"]

article = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=30).map("".join)

scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                   st.sampled_from(["2025-05-18", "2025-05", "2025-13-01", "2025-02-30", "0000-00"]))
meta_key = st.sampled_from(["a", "b", "../a", ".a", "", "a/b", "outlet", "url", "published"])
facts = st.dictionaries(st.sampled_from(["outlet", "url", "published", "when"]), scalar, max_size=3)
structured = st.one_of(
    st.dictionaries(meta_key, st.one_of(st.none(), facts, scalar, st.lists(scalar, max_size=2)), max_size=3),
    st.lists(scalar, max_size=3), scalar,
)
structured_yaml = structured.map(lambda d: yaml.safe_dump(d, allow_unicode=True))
sources_yaml = st.one_of(st.text(max_size=200), structured_yaml,
                         st.tuples(structured_yaml, st.text(max_size=10)).map("".join))


def _visible(text: str) -> bool:
    """Whether a text holds anything but spaces and invisible format characters (a BOM, zero-width ones)."""
    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text)


def _check(tmp: Path, claims: Path, capsys) -> tuple[int, str]:
    rc = main(["check", str(tmp / "src"), "--claims", str(claims), "--report", str(tmp / "report.md"), "--no-cache"])
    err = capsys.readouterr().err
    assert rc in (0, 1, 2)
    if rc == 2:
        assert err.startswith("factcheck: error: ") and err.count("\n") == 1 and err.endswith("\n"), err
    else:
        assert err == ""
    return rc, err


@pytest.fixture(autouse=True)
def _outside_actions(monkeypatch):
    """Run as on a workstation even inside GitHub Actions: no annotations, no writes to the job summary."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture(scope="module")
def claims(tmp_path_factory) -> Path:
    """The packs and baseline, copied once: they are only read."""
    out = tmp_path_factory.mktemp("fuzz") / "claims"
    shutil.copytree(ROOT / "claims", out)
    return out


def _workspace() -> tempfile.TemporaryDirectory:
    d = tempfile.TemporaryDirectory()
    (Path(d.name) / "src").mkdir()
    return d


FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(text=article)
def test_arbitrary_article_text(text, claims, capsys):
    with _workspace() as d:
        tmp = Path(d)
        data = text.encode("utf-8")
        (tmp / "src/a.txt").write_bytes(data)
        rc, err = _check(tmp, claims, capsys)
        refused = not _visible(text) or b"\x00" in data
        assert (rc == 2) == refused, err
        if refused:
            assert "a.txt: " in err


@FUZZ
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_as_a_source(data, claims, capsys):
    with _workspace() as d:
        tmp = Path(d)
        (tmp / "src/a.txt").write_bytes(data)
        rc, err = _check(tmp, claims, capsys)
        try:
            valid = _visible(data.decode("utf-8")) and b"\x00" not in data and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
        except UnicodeDecodeError:
            valid = False
        assert (rc != 2) == valid, err


def _text(v) -> str | None:
    """A fact as sources.yaml's reader takes it: the scalar as written, whitespace folded, None if empty."""
    if v is None:
        return None
    written = {True: "true", False: "false"}.get(v, v) if isinstance(v, bool) else str(v)
    return " ".join(written.split()) or None


def _published_ok(s: str | None) -> bool:
    """YYYY-MM-DD or YYYY-MM, a real date: what the README promises sources.yaml accepts."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", s or "", re.ASCII)
    try:
        return s is None or (m is not None and bool(dt.date(int(m[1]), int(m[2]), int(m[3] or 1))))
    except ValueError:
        return False


def _expected_facts(meta) -> dict | None:
    """The facts each source gets from a sources.yaml holding `meta`, or None when it must be refused:
    a mapping of source names (a, b) to nothing or to outlet/url/published as text."""
    if meta is None:
        return {"a": {}, "b": {}}
    if not isinstance(meta, dict):
        return None
    out = {"a": {}, "b": {}}
    for stem, facts in meta.items():
        if stem not in out or not (facts is None or isinstance(facts, dict)):
            return None
        facts = facts or {}
        if set(facts) - {"outlet", "url", "published"} or any(isinstance(v, list) for v in facts.values()):
            return None
        out[stem] = {k: _text(v) for k, v in facts.items()}
        if not _published_ok(out[stem].get("published")):
            return None
    return out


def _report(tmp: Path, claims: Path, capsys) -> tuple[int, str, dict | None]:
    out = tmp / "report.json"
    rc = main(["report", str(tmp / "src"), "--claims", str(claims), "--format", "json", "-o", str(out),
               "--no-cache", "--jobs", "1"])
    err = capsys.readouterr().err
    if rc == 2:
        assert err.startswith("factcheck: error: ") and err.count("\n") == 1, err
        assert not out.exists()  # nothing half-written
        return rc, err, None
    assert (rc, err) == (0, "")
    return rc, err, json.loads(out.read_text(encoding="utf-8"))


def _two_sources(tmp: Path, meta_text: str, article_text: str) -> None:
    article = "The exercise began on Sunday. " + article_text.replace("\x00", "")
    (tmp / "src/a.txt").write_text(article, encoding="utf-8")
    (tmp / "src/b.md").write_text("Aras 2025 ended on May 21.", encoding="utf-8")
    (tmp / "src/sources.yaml").write_text(meta_text, encoding="utf-8")


# Well-formed facts for a and b, then, half of the time, one thing broken: both outcomes are common.
fact = st.one_of(st.none(), st.text(max_size=20), st.integers(), st.booleans())
good_facts = st.fixed_dictionaries({}, optional={
    "outlet": fact, "url": fact, "published": st.sampled_from([None, "2025-05-18", "2025-05", " 2024-02-29 "])})
BREAKS = {
    "unknown name": lambda m, x: {**m, x: {}},
    "scalar facts": lambda m, x: {**m, "a": x},
    "unknown key": lambda m, x: {**m, "b": {**(m.get("b") or {}), "when": x}},
    "list as text": lambda m, x: {**m, "a": {**(m.get("a") or {}), "outlet": [x]}},
    "bad date": lambda m, x: {**m, "a": {**(m.get("a") or {}), "published": x}},
    "not a mapping": lambda m, x: [m],
}
BAD = {"unknown name": ["../a", ".a", "", "outlet", "c", "a/b"], "scalar facts": ["x", 3, True],
       "unknown key": ["today"], "list as text": ["x"],
       "bad date": ["2025-02-29", "2025-5-1", "0000-01", "2025-05-18T10:00", "18 May 2025", 2025]}


@st.composite
def near_meta(draw):
    meta = {stem: draw(st.one_of(st.none(), good_facts))
            for stem in draw(st.lists(st.sampled_from(["a", "b"]), unique=True, max_size=2))}
    broken = draw(st.sampled_from([None] * len(BREAKS) + sorted(BREAKS)))
    if broken:
        meta = BREAKS[broken](meta, draw(st.sampled_from(BAD.get(broken, [None]))))
    return meta


@FUZZ
@given(meta=near_meta())
def test_sources_yaml_is_refused_exactly_when_invalid(meta, claims, capsys):
    """Refused with its file and line when it breaks a rule; otherwise each source carries its facts."""
    with _workspace() as d:
        tmp = Path(d)
        _two_sources(tmp, yaml.safe_dump(meta, allow_unicode=True), "")
        rc, err, report = _report(tmp, claims, capsys)
        expected = _expected_facts(meta)
        if expected is None:
            assert rc == 2 and re.search(r"sources\.yaml(:\d+)?: ", err), err
        else:
            assert rc == 0, err
            got = {s["id"]: {k: s[k] for k in ("outlet", "url", "published")} for s in report["sources"]}
            assert got == {sid: {k: facts.get(k) for k in ("outlet", "url", "published")}
                           for sid, facts in expected.items()}


@FUZZ
@given(meta=sources_yaml, text=article)
def test_arbitrary_sources_yaml(meta, text, claims, capsys):
    """Any text at all as sources.yaml: refused naming the file, or both sources are reported."""
    with _workspace() as d:
        tmp = Path(d)
        _two_sources(tmp, meta, text)
        rc, err, report = _report(tmp, claims, capsys)
        if rc == 2:
            assert "sources.yaml" in err, err
        else:
            assert [s["id"] for s in report["sources"]] == ["a", "b"]
