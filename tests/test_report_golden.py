"""The report of a frozen fixture (an invented tram strike, six outlets) is pinned byte for byte, in
markdown, HTML and JSON; on a difference the obtained file is written beside the golden one and the diff
printed. The JSON keeps the normalized values only. What the fixture's report must say is also checked fact by fact below, from the articles."""

import difflib
import re
from pathlib import Path

import pytest

from factcheck.outputs import html, render
from factcheck.cli import main
from factcheck.run.pipeline import run
from paths import FIXTURES

FIXTURE = FIXTURES / "tram-strike"


@pytest.fixture(autouse=True)
def _at_fixture(monkeypatch):
    """Run from the fixture's folder, as from a repository root: links then read /sources/..."""
    monkeypatch.chdir(FIXTURE)


def _result():
    return run(["sources"], "pack.yaml")


def _golden(name: str, obtained: str) -> None:
    golden = FIXTURE / name
    expected = golden.read_text(encoding="utf-8")
    if obtained != expected:
        dump = golden.with_name(golden.stem + ".obtained" + golden.suffix)
        dump.write_text(obtained, encoding="utf-8")
        diff = "".join(difflib.unified_diff(expected.splitlines(True), obtained.splitlines(True), str(golden), str(dump)))
        raise AssertionError(f"{name} differs; obtained output written to {dump}\n{diff[:4000]}")


def test_markdown_matches_golden():
    _golden("expected.md", render.markdown(_result(), "."))


def test_html_matches_golden():
    _golden("expected.html", html.page(_result(), "."))


def test_json_matches_golden():
    _golden("expected.json", render.as_json(_result()))


def test_report_is_deterministic(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    args = [str(FIXTURE / "sources"), "--claims", str(FIXTURE / "pack.yaml"), "--no-cache"]
    assert main(["report", *args, "-o", str(a), "--jobs", "1"]) == 0
    assert main(["report", *args, "-o", str(b), "--jobs", "2"]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_every_quote_links_to_its_line_from_the_repository_root(tmp_path, monkeypatch):
    # GitHub resolves a link that starts with '/' from the repository root: the report's text is the
    # same wherever it is written, and each link names the line its quote comes from.
    fixture = FIXTURE.resolve()
    monkeypatch.chdir(fixture.parent)
    args = [fixture.name + "/sources", "--claims", fixture.name + "/pack.yaml", "--no-cache"]
    near, deep = tmp_path / "report.md", tmp_path / "deep" / "report.md"
    deep.parent.mkdir()
    assert main(["report", *args, "-o", str(near)]) == 0
    assert main(["report", *args, "-o", str(deep)]) == 0
    assert near.read_bytes() == deep.read_bytes()
    rows = [ln for ln in deep.read_text(encoding="utf-8").splitlines() if "](" in ln and "#L" in ln]
    assert len(rows) >= 14
    for row in rows:
        link, bold = re.search(r"\[line (\d+)\]\((/[^)#]+)#L(\d+)\)", row), re.search(r"\*\*(.+?)\*\*", row)
        assert link and link[1] == link[3], row
        target = (fixture.parent / link[2].lstrip("/")).resolve()
        assert target.is_file() and target.parent == fixture / "sources", row
        line = target.read_text(encoding="utf-8").splitlines()[int(link[1]) - 1]
        if bold:  # the words the value was read from are on that line (derived values have none)
            assert bold[1] in line, (row, line)


def test_a_source_outside_the_working_folder_is_linked_from_the_report(tmp_path, monkeypatch):
    fixture = FIXTURE.resolve()
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "report.md"
    assert main(["report", str(fixture / "sources"), "--claims", str(fixture / "pack.yaml"), "--no-cache",
                 "-o", str(out)]) == 0
    link = re.search(r"\[line (\d+)\]\(([^)#]+)#L\d+\)", out.read_text(encoding="utf-8"))
    assert not link[2].startswith("/") and (out.parent / link[2]).resolve().parent == fixture / "sources"


def _lines(text: str, start: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.startswith(start)]


def test_what_the_fixture_report_says():
    text = render.markdown(_result(), ".")
    lines = text.splitlines()
    # The matrix comes first, one row per outlet, named as sources.yaml names them.
    assert lines.index("## At a glance") < lines.index("## Summary") < lines.index("## Timeline: strike.start to strike.end")
    header = _lines(text, "| Outlet |")[0]
    assert header == ("| Outlet | strike.start | strike.end | strike.duration | strike.location | strike.workers "
                      "| strike.leader |")
    # Harbour Wire and its reprint say Monday 3 March to Friday 7 March; the Post agrees: 2 independent.
    # The counts of workers were given on four days: a revised figure, not a conflict.
    assert _lines(text, "| **majority** |") == [
        "| **majority** | **3 Mar 2025** | **7 Mar 2025** | **5 days** | tie | revised | tie |"]
    # The two Metro Daily articles are told apart by their file names; one says Sunday and four days.
    assert _lines(text, "| Metro Daily (val) |") == [
        "| Metro Daily (val) | a Sunday ✗ | · | 4 days ✗ | Old Town ⚖ | · | Marek Holm ⚖ |"]
    assert _lines(text, "| Metro Daily (met) |") == [
        "| Metro Daily (met) | · | 6 Mar 2025 ✗ | · | · | at least 1,250 ↗ | · |"]
    assert _lines(text, "| Daily Digest (syndicated) ↻ |")  # the reprint is marked
    # The weather note says nothing about the strike; its outlet's markup stays text.
    click = [ln for ln in lines if ln.startswith("| click here")]
    assert click[0].endswith("| · | · | · | · | · | · |") and "<b>" not in click[0]
    # Readable values beside the exact ones, counts and the majority once per topic.
    assert ("| [strike.workers](#strikeworkers) | revised | about 1,000 (900–1,100) (`900..1100`) — 2 sources, "
            "1 independent: Daily Digest (syndicated); Harbour Wire — according to transport office (2)<br>") in text
    assert text.count("— majority") == 3 and text.count("no majority: the leading values are tied") == 2
    # The revised figures in time order, by the days their sources were published.
    assert ["| `2025-03-03` | about 1,000 (900–1,100) (`900..1100`) | Harbour Wire | transport office |",
            "| `2025-03-04` | more than 1,200 (`1201..`) | Castelmar Post: City #1 | — |"] == lines[
        lines.index("| As of | Value | Sources | According to |") + 2:][:2]
    assert "- Harbour Wire is repeated by 1 source (100% of their sentences): Daily Digest (syndicated)" in lines
    assert max(map(len, lines)) <= render.MAX_LINE
