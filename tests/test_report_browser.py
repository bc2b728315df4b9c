"""The report as a reader's browser shows it: every Mermaid block drawn by the real mermaid library
(11.x and 10.9, as GitHub runs them) in headless Chromium, and the HTML report loaded offline."""

import datetime as dt
import re

from chromium import check

from factcheck.outputs import html, mermaid, render
from factcheck.cli import main
from factcheck.outputs.digest import natural
from factcheck.run.pipeline import run
from test_report_scale import PACK, generate
from paths import FIXTURES

FIXTURE = str(FIXTURES / "tram-strike")
TOPICS = ["strike.start", "strike.end", "strike.duration", "strike.location", "strike.workers", "strike.leader"]
# Names an outlet could have that Mermaid would otherwise read as syntax.
HOSTILE = ['a: b', "x # y ; z", "100% %% comment", "click here", "section title", "title x", "dateFormat x",
           "2025-05-18 to 2025-05-21", "topAxis", "inclusiveEndDates", "weekday monday", 'quote " and `tick`',
           "<b>html</b> & <script>x</script>", "{curly} [square] |pipe|", "line\nbreak", "tab\there", "",
           "   ", "İstanbul Haber – Ünïcode", "🚀 rocket", "x" * 200, "-->", "accTitle: x", "%%{init: {}}%%"]


def _versions(found: dict) -> set[str]:
    return {v.split(".")[0] + "." + v.split(".")[1] if v.startswith("10.") else v.split(".")[0] for v in found["versions"]}


def test_fixture_report_mermaid_renders_in_both_versions(tmp_path):
    out = tmp_path / "report.md"
    out.write_text(render.markdown(run([f"{FIXTURE}/sources"], f"{FIXTURE}/pack.yaml"), str(tmp_path)), encoding="utf-8")
    found = check("mermaid", out)
    assert found["exit"] == 0 and found["ok"], found["stderr"]
    assert _versions(found) == {"11", "10.9"}
    blocks = out.read_text(encoding="utf-8").count("```mermaid")
    assert blocks == 2 and len(found["blocks"]) == 2 * blocks
    assert sorted(b["type"] for b in found["blocks"]) == ["gantt", "gantt", "xychart", "xychart"]  # timeline, revised count


def test_hostile_names_and_values_render(tmp_path):
    d = dt.date(2025, 5, 18)
    sections = [(name, [(name or "x", d, d + dt.timedelta(days=i % 3))]) for i, name in enumerate(HOSTILE)]
    chart = mermaid.gantt("title: #1; %% \"x\"", sections)
    xy = mermaid.xychart("toll: as reported; #", [(n or "x", float(i)) for i, n in enumerate(HOSTILE[:8])], "dead: #")
    out = tmp_path / "hostile.md"
    out.write_text("\n".join(chart + [""] + xy) + "\n", encoding="utf-8")
    found = check("mermaid", out)
    assert found["exit"] == 0 and found["ok"], found["stderr"]
    assert {b["type"] for b in found["blocks"]} == {"gantt", "xychart"}


def test_the_harness_fails_on_a_block_mermaid_cannot_parse(tmp_path):
    # The gantt the report used to write: a task name that starts with a date is a syntax error.
    out = tmp_path / "broken.md"
    out.write_text("```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section a\n"
                   "    2025-05-18 to 2025-05-21 : 2025-05-18, 4d\n```\n", encoding="utf-8")
    found = check("mermaid", out)
    assert found["exit"] == 1 and not found["ok"]
    assert all(not b["ok"] and b["error"] for b in found["blocks"]) and len(found["blocks"]) == 2
    assert re.search(r"broken\.md:1: mermaid 11\.\d+\.\d+: ", found["stderr"])


MARK_ORDER = "✓✗⚖↗·"


def _html_checks(found: dict, topics: list[str]) -> None:
    assert found["exit"] == 0 and found["ok"] and found["errors"] == [], found["stderr"]
    assert all(t in found["headings"] for t in topics)  # every topic shown, as a heading
    assert found["columns"] == ["Outlet", *topics]
    sort = found["sort"]
    assert sort["byName"] == sorted(sort["byName"], key=natural)  # numbers read as numbers ("Town 9" < "Town 10")
    assert sort["reversed"] == sort["byName"][::-1] and sorted(sort["before"]) == sorted(sort["byName"])
    for cells in sort["byTopic"]:  # a topic column sorts by how each cell stands to the majority
        marks = [MARK_ORDER.index(c[-1]) for c in cells]
        assert marks == sorted(marks), cells
    assert found["details"]["count"] >= len(topics) and found["details"]["closed"] == found["details"]["count"]
    assert found["details"]["firstOpenAfterClick"] is True
    assert found["svgs"] == 1  # the timeline, drawn inline


def test_html_report_loads_offline_sorts_and_shows_every_topic(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", f"{FIXTURE}/sources", "--claims", f"{FIXTURE}/pack.yaml", "--format", "html",
                 "--no-cache", "-o", str(out)]) == 0
    found = check("html", out)
    _html_checks(found, TOPICS)
    # Outlets by name, numbers as numbers, case ignored; the outlet cell's text as shown.
    assert found["sort"]["byName"] == ["Castelmar Post: City #1", "click here %% section title <b>x</b> |…",
                                       "Daily Digest (syndicated) ↻", "Harbour Wire", "Metro Daily (met)",
                                       "Metro Daily (val)"]


def test_the_harness_fails_on_a_page_error_and_a_request_off_the_page(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html><body><h2>x</h2><img src="https://example.invalid/x.png">'
                    '<script>throw new Error("broken script")</script></body></html>', encoding="utf-8")
    found = check("html", page)
    assert found["exit"] == 1 and not found["ok"]
    assert any("broken script" in e for e in found["errors"])
    assert any("requests left the page: https://example.invalid/x.png" in e for e in found["errors"])


def test_300_sources_render_in_markdown_and_html(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    generate(corpus, 300)
    result = run([str(corpus)], PACK, jobs=2)
    md, page = tmp_path / "big.md", tmp_path / "big.html"
    md.write_text(render.markdown(result, str(tmp_path)), encoding="utf-8")
    page.write_text(html.page(result, str(tmp_path)), encoding="utf-8")
    found = check("mermaid", md)
    assert found["exit"] == 0 and found["ok"] and len(found["blocks"]) == 2, found["stderr"]
    found = check("html", page)
    _html_checks(found, TOPICS)
    assert len(found["sort"]["byName"]) == 300


def test_a_revised_figure_is_drawn_over_time(tmp_path):
    # A rising toll, three moments; the second figure was reported as replaced by the third.
    from factcheck.comparison.compare import Finding, Point
    from factcheck.values import Number

    series = [Point("2025-03-28", Number(25, 25), ("a",), ()),
              Point("2025-03-29", Number(144, None), ("b",), ("the ministry",), superseded=True),
              Point("2025-03-30", Number(900, 1100), ("c", "d"), ())]
    lines = render.series_chart(Finding("toll", "revised", [], [], series))
    assert lines[:2] == ["```mermaid", "xychart-beta"]
    assert '    x-axis ["2025-03-28", "before 2025-03-29", "2025-03-30"]' in lines
    assert "    line [25, 144, 900]" in lines  # an interval at its lower end
    assert render.series_chart(Finding("toll", "conflict", [], [], series)) == []
    out = tmp_path / "series.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    found = check("mermaid", out)
    assert found["exit"] == 0 and found["ok"] and {b["type"] for b in found["blocks"]} == {"xychart"}, found["stderr"]


def test_a_share_snapshotted_as_the_count_went_on_is_drawn(tmp_path):
    """A share reported with 62% of ballots counted, then all: the count's progress labels the point."""
    from factcheck.comparison.compare import Finding, Point
    from factcheck.values import Quantity

    series = [Point("2026-04-13 (62% counted)", Quantity(51.2, 51.2, "%"), ("a",), ()),
              Point("2026-04-14 (all counted)", Quantity(49.1, 49.1, "%"), ("b",), ())]
    lines = render.series_chart(Finding("share", "revised", [], [], series))
    assert '    x-axis ["2026-04-13 (62 per cent counted)", "2026-04-14 (all counted)"]' in lines
    out = tmp_path / "series.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    found = check("mermaid", out)
    assert found["exit"] == 0 and found["ok"] and {b["type"] for b in found["blocks"]} == {"xychart"}, found["stderr"]
