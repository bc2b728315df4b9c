"""A page sources.yaml leaves undated is dated by its own furniture, and the report says how. With
nothing dating them, two pages whose tolls differ conflict; dated by their own timestamp lines the
lower toll comes first, and the two pages are a revision."""

import json

from factcheck.api import run
from factcheck.outputs.render import as_json
from paths import REPO

QUAKE = REPO / "tests" / "corpus" / "packs" / "quake.yaml"

EARLY = """Quake toll rises in Varesk
The earthquake that struck near Oltan on Monday has killed 18 people, officials said.
Rescue teams from Dravik reached the first villages by road on Tuesday morning.
Aid flights landed at the provincial airport through the evening, the disaster agency said.
Schools across the province stayed shut for a second day.
Published 3 March 2026 06:00 | Last updated 3 March 2026 19:45
"""
LATE = """Quake toll climbs again in Varesk
The earthquake that struck near Oltan on Monday has killed 30 people, officials said.
Rescue teams from Dravik reached the last cut-off villages by helicopter.
Tents went up on the football ground for families whose homes had fallen.
The airport reopened to commercial flights on Wednesday afternoon.
Last updated on 5 Mar 2026, 08:10 GMT
"""


def _run(tmp_path, meta=""):
    (tmp_path / "early.txt").write_text(EARLY, encoding="utf-8")
    (tmp_path / "late.txt").write_text(LATE, encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(meta or "early: {outlet: Early Post}\nlate: {outlet: Late Wire}\n",
                                           encoding="utf-8")
    return json.loads(as_json(run([str(tmp_path)], str(QUAKE))))


def test_an_undated_page_takes_its_own_date_and_the_rising_toll_is_a_revision(tmp_path):
    report = _run(tmp_path)
    refs = {s["id"]: (s["reference_date"], s["reference_how"]) for s in report["sources"]}
    assert refs["early"] == ("2026-03-03", "the page's update time, line 6")
    assert refs["late"] == ("2026-03-05", "the page's update time, line 6")
    deaths = next(f for f in report["findings"] if f["topic"] == "quake.deaths")
    assert deaths["status"] == "revised"
    assert [(p["as_of"], p["value"]) for p in deaths["series"]] == [("2026-03-03", "18"), ("2026-03-05", "30")]


def test_sources_yaml_wins_over_the_page(tmp_path):
    report = _run(tmp_path, "early: {outlet: Early Post, published: 2026-03-04}\nlate: {outlet: Late Wire}\n")
    refs = {s["id"]: (s["reference_date"], s["reference_how"]) for s in report["sources"]}
    assert refs["early"] == ("2026-03-04", "published (sources.yaml)")
