"""Arbitrary source text and arbitrary sources.yaml through the command line's main(): it never
crashes, and every refusal is the clean kind (exit 2, one line `factcheck: error: …`)."""

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
structured_yaml = st.one_of(
    st.dictionaries(meta_key, st.one_of(st.none(), facts, scalar, st.lists(scalar, max_size=2)), max_size=3),
    st.lists(scalar, max_size=3), scalar,
).map(lambda d: yaml.safe_dump(d, allow_unicode=True))
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


@FUZZ
@given(meta=sources_yaml, text=article)
def test_arbitrary_sources_yaml(meta, text, claims, capsys):
    with _workspace() as d:
        tmp = Path(d)
        (tmp / "src/a.txt").write_text("The exercise began on Sunday. " + text.replace("\x00", ""), encoding="utf-8")
        (tmp / "src/b.md").write_text("Aras 2025 ended on May 21.", encoding="utf-8")
        (tmp / "src/sources.yaml").write_text(meta, encoding="utf-8")
        rc, err = _check(tmp, claims, capsys)
        if rc == 2:
            assert "sources.yaml" in err, err
