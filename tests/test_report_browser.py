"""The report as a reader's browser shows it: every Mermaid block drawn by the real mermaid library
(11.x and 10.9, as GitHub runs them) in headless Chromium, and the HTML report loaded offline."""

import datetime as dt
import re

from chromium import check

from factcheck import mermaid, render
from factcheck.pipeline import run

FIXTURE = "tests/fixtures/report"
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
    assert blocks == 1 and len(found["blocks"]) == 2 * blocks
    assert {b["type"] for b in found["blocks"]} == {"gantt"}


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
