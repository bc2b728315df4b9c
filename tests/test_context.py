"""A fact in context: who states it (attribution), the moment it holds for (as-of), and a topic
whose figures were reported at different moments (`revised`), through the JSON contract, the
markdown report and the gate. Sentences are invented."""

import json
import shutil
import subprocess
import sys

import yaml

from factcheck.comparison.compare import compare
from factcheck.extraction.extract import Claim
from factcheck.gate.baseline import conflicts
from factcheck.language import asof, attribution
from factcheck.outputs.render import as_json, markdown
from factcheck.packs.pack import Gazetteer
from factcheck.run.pipeline import run
from factcheck.values import Date, Number, Quantity
from paths import REPO

EXAMPLE = REPO / "examples/myanmar-quake-2025"
KB = Gazetteer(agencies={"Survey of Ruritania": ("SOR", "Ruritanian Survey"), "Northern Seismic Bureau": ("NSB",)})


def _who(sentence):
    return [a.who for a in attribution.find(sentence, KB.agency)]


def test_attribution_shapes():
    assert _who("The quake measured 6.1, according to the Ruritanian Survey.") == ["Survey of Ruritania"]
    assert _who("According to SOR, the quake was shallow.") == ["Survey of Ruritania"]
    assert _who("The Northern Seismic Bureau (NSB) said the depth was 12 km.") == ["Northern Seismic Bureau"]
    assert _who("At least 80 people died, according to a televised statement by Governor Ana Vell.") == [
        "Governor Ana Vell"]
    assert _who("Ninety people were killed, the provincial government told a news agency.") == ["provincial government"]
    assert _who("The toll rose to 40, officials said.") == ["officials"]
    assert _who("State media reported 12 deaths.") == ["State media"]
    # a spokesman by name, before or after the verb, with an appositive between
    assert _who("Toma Rell, a spokesman for the ministry, said 300 people had died.") == ["Toma Rell"]
    assert _who("The toll stood at 300, said Toma Rell, the ministry spokesman.") == ["Toma Rell"]
    # a place's or country's possessive before the voice belongs to it; an office holder speaks too
    assert _who("The toll rose to 65, Ruritania's authorities said on Monday.") == ["Ruritania's authorities"]
    assert _who("Sixty were killed, according to Ruritania's health ministry.") == ["Ruritania's health ministry"]
    assert _who("The toll reached 80, the province's governor said.") == ["province's governor"]
    assert _who("Nine people were rescued overnight, the coastguard said.") == ["coastguard"]
    # a possessive is no speaker, a pronoun names nobody
    assert _who("The bureau's stated aim is faster alerts.") == []
    assert _who("It said the toll was three.") == []
    # "an estimated 18", "initial estimates were": an adjective and a noun, not a verb of saying
    assert _who("An estimated 40 people were pulled from the river.") == []
    assert _who("Initial estimates were that 70 people were on the barge.") == []


def test_a_carrier_noun_is_no_other_activity():
    """'according to a statement by' names a speaker; the count in the sentence stays the event's."""
    result = run([str(EXAMPLE / "sources")], str(EXAMPLE / "pack.yaml"))
    gulf = [c for c in result.claims if c.source == "gulf-monitor" and c.topic == "quake.deaths"]
    assert [str(c.value) for c in gulf] == ["150.."]
    assert gulf[0].according_to == "military government"


def _moments(sentence):
    return [(str(m.date), m.part) for m in asof.find(sentence)]


def test_as_of_phrases():
    assert _moments("By Saturday night, 260 people had been killed.") == [("XXXX-WXX-6", "NI")]
    assert _moments("It reported 90 dead as of its latest statement on Monday evening.") == [("XXXX-WXX-1", "EV")]
    assert _moments("The toll rose to 410 on Sunday, officials said.") == [("XXXX-WXX-7", "")]
    assert _moments("The latest figures on Tuesday showed 500 dead.") == [("XXXX-WXX-2", "")]
    assert _moments("On Saturday the toll rose to 300.") == [("XXXX-WXX-6", "")]
    # a count in words before its date, and the date a reporting verb gives the figures it reports
    assert _moments("The toll has climbed to eleven on Tuesday, March 3, the ministry said.") == [("XXXX-03-03", "")]
    assert _moments("Orvan has recorded 14 cases, the health minister announced late on Friday.") == [("XXXX-WXX-5", "")]
    assert _moments("The minister said on Sunday that 250 contacts were being traced.") == [("XXXX-WXX-7", "")]
    # a time of day a tally holds at, with its day or on the source's own
    assert _moments("As of 6 pm, 44 people were dead.") == [("XXXX", "18:00")]
    assert _moments("By 9:30 pm on Thursday, the toll had risen to 51.") == [("XXXX-WXX-4", "21:30")]
    assert _moments("Up to 11 am Friday, 12 had died.") == [("XXXX-WXX-5", "11:00")]
    assert _moments("The fire broke out at 6 pm and killed 12.") == []  # when it happened, not a tally's moment
    # a date that belongs to the event, not to the figure
    assert _moments("The toll from Monday's quake stands at 300.") == []
    assert _moments("The quake struck on Friday, killing 20.") == []
    # a state the counted are in ("missing") holds for the day after it; "killed on" dates the event
    assert _moments("At least 40 people were missing on Tuesday, the coastguard said.") == [("XXXX-WXX-2", "")]
    assert _moments("Some 30 fishermen remained unaccounted for on Sunday night.") == [("XXXX-WXX-7", "NI")]
    assert _moments("At least 40 people were killed on Tuesday.") == []


def _claim(source, lo, hi, day=None, part="", who=""):
    return Claim("t", source, Number(lo, hi), "x", "x", 1, 0, 1, 0, "r", as_of=day, as_of_part=part,
                 according_to=who)


def test_revised_when_differing_figures_hold_for_different_moments():
    fri, sat = Date(2025, 3, 28), Date(2025, 3, 29)
    f = compare("t", [_claim("a", 40, None, fri, "AF"), _claim("b", 144, 144, fri, "EV"),
                      _claim("c", 1002, None, None), _claim("d", 700, 700, sat)], ["a", "b", "c", "d"], KB)
    assert f.status == "revised"
    # in time order, the undated figure (read as today) last
    assert [(p.as_of, str(p.value)) for p in f.series] == [
        ("2025-03-28TAF", "40.."), ("2025-03-28TEV", "144"), ("2025-03-29", "700"), ("", "1002..")]


def test_an_undated_figure_takes_the_moment_another_source_gave_it():
    """A page with no date that gives "9 dead" reported it while 9 was the toll: where a dated
    source gives the same 11, the undated one holds then, not today, so a lower undated figure from
    a third page no longer reads as today's contradiction."""
    mar1, mar4 = Date(2026, 3, 1), Date(2026, 3, 4)
    f = compare("t", [_claim("a", 4, 4, mar1), _claim("b", 9, 9, mar4), _claim("c", 9, 9), _claim("d", 4, 4)],
                ["a", "b", "c", "d"], KB)
    assert f.status == "revised"
    # one point per moment and figure, the undated page beside the dated one
    assert [(p.as_of, str(p.value), p.sources) for p in f.series] == [
        ("2026-03-01", "4", ("a", "d")), ("2026-03-04", "9", ("b", "c"))]
    # an undated figure no dated source gives stays today's, and two such still conflict
    assert compare("t", [_claim("a", 4, 4, mar1), _claim("c", 12, 12), _claim("d", 13, 13)], ["a", "c", "d"],
                   KB).status == "conflict"


def test_figures_given_at_two_times_of_one_day_are_revised():
    """"As of 6 pm, 44" and "by 11 pm, 55" on one day: the toll rose through the day. A time of day
    inside a part of it that another source names is the same moment."""
    tue = Date(2026, 9, 15)
    f = compare("t", [_claim("a", 44, 44, tue, "18:00"), _claim("b", 55, 55, tue, "23:00"),
                      _claim("c", 30, 30, tue, "MO")], ["a", "b", "c"], KB)
    assert f.status == "revised"
    assert [(p.as_of, str(p.value)) for p in f.series] == [
        ("2026-09-15TMO", "30"), ("2026-09-15T18:00", "44"), ("2026-09-15T23:00", "55")]
    assert compare("t", [_claim("a", 44, 44, tue, "19:00"), _claim("b", 48, 48, tue, "EV")], ["a", "b"],
                   KB).status == "conflict"


def test_two_figures_for_one_moment_stay_a_conflict():
    fri = Date(2025, 3, 28)
    # the evening and the night overlap (21:00-22:00); the whole day contains both
    assert compare("t", [_claim("a", 730, 730, fri, "EV"), _claim("b", 732, 732, fri, "NI")], ["a", "b"], KB).status \
        == "conflict"
    assert compare("t", [_claim("a", 730, 730, fri), _claim("b", 732, 732, fri, "NI")], ["a", "b"], KB).status \
        == "conflict"
    # nothing dates either figure
    assert compare("t", [_claim("a", 7, 7), _claim("b", 9, 9)], ["a", "b"], KB).status == "conflict"


def _measure(source, ft, day, superseded=False):
    return Claim("t", source, Quantity(ft, ft, "ft"), "x", "x", 1, 0, 1, 0, "r", as_of=day, superseded=superseded)


def test_a_measure_lower_on_a_later_day_is_a_conflict():
    """The height a plane reached is no toll: an outlet that gives a lower one a day later
    contradicts the first, it does not update it; a measure that adds up (a turnout through the day)
    only grows, and a count of those still missing falls as they are found."""
    may12, may13 = Date(2026, 5, 12), Date(2026, 5, 13)
    f = compare("t", [_measure("a", 600, may12), _measure("b", 450, may13)], ["a", "b"], KB)
    assert f.status == "conflict" and not f.series
    assert compare("t", [_measure("a", 450, may12), _measure("b", 600, may13)], ["a", "b"], KB).status == "revised"
    # unless a source says it replaced the higher figure
    f = compare("t", [_measure("a", 600, may12), _measure("b", 450, may13),
                      _measure("b", 600, may13, superseded=True)], ["a", "b"], KB)
    assert f.status == "revised"
    assert compare("t", [_claim("a", 24, 24, may12), _claim("b", 11, 11, may13)], ["a", "b"], KB).status == "revised"


def test_two_agencies_that_differ_stay_a_conflict_whatever_the_dates():
    f = compare("t", [_claim("a", 77, 77, Date(2025, 3, 28), who="Survey of Ruritania"),
                      _claim("b", 79, 79, Date(2025, 3, 29), who="Northern Seismic Bureau")], ["a", "b"], KB)
    assert f.status == "conflict" and not f.series


def _counted(sentence):
    return [p.share for p in asof.progress(sentence)]


def test_how_far_a_count_had_gone():
    assert _counted("With 94.4% of ballots counted, the incumbent had 48.8 percent.") == [94.4]
    assert _counted("With 80 percent of polling stations reporting, turnout stood at 71%.") == [80]
    assert _counted("Once just over 60% of the votes had been counted, she led.") == [60]
    # the whole count
    assert _counted("After all votes were counted, the incumbent won 49.4 percent.") == [100]
    assert _counted("With all precincts reporting, the challenger led by 2 points.") == [100]
    assert _counted("Final results gave the challenger 50.6%.") == [100]
    # a share of what was counted, not how far the count had gone; a share of the vote
    assert _counted("The incumbent won 52% of the votes counted so far.") == []
    assert _counted("The incumbent took 52% of the vote.") == []
    assert asof.label(Date(2026, 4, 13), "", 94.4) == "2026-04-13 (94.4% counted)"
    assert asof.label(Date(2026, 4, 13), "EV", 100) == "2026-04-13TEV (all counted)"
    assert asof.label(None, "", 62) == "(62% counted)"


def _share(source, pct, day=None, counted=None, who=""):
    return Claim("t", source, Quantity(pct, pct, "%"), "x", "x", 1, 0, 1, 0, "r", as_of=day, as_of_progress=counted,
                 according_to=who)


def test_a_share_reported_as_the_count_went_on_is_revised():
    """A candidate's share moves as ballots are counted, either way: snapshots further into the count
    come later on their day, the whole count last; a day's snapshot stays before the next day's."""
    mon, tue = Date(2026, 4, 13), Date(2026, 4, 14)
    f = compare("t", [_share("c", 49.4, mon, 100), _share("a", 51.0, mon, 40), _share("b", 48.8, mon, 94.4),
                      _share("d", 49.5, tue)], ["a", "b", "c", "d"], KB)
    assert f.status == "revised"
    assert [(p.as_of, str(p.value)) for p in f.series] == [
        ("2026-04-13 (40% counted)", "51 %"), ("2026-04-13 (94.4% counted)", "48.8 %"),
        ("2026-04-13 (all counted)", "49.4 %"), ("2026-04-14", "49.5 %")]
    # pages with no date at all are ordered by the count alone
    assert [p.as_of for p in compare("t", [_share("a", 49.4, None, 100), _share("b", 48.8, None, 94.4)], ["a", "b"],
                                     KB).series] == ["(94.4% counted)", "(all counted)"]


def test_a_share_the_day_gives_without_its_progress_takes_it_from_the_same_share_elsewhere():
    """"49.4%" on the day of the final count, where another page says "49.4% with all votes counted",
    stood at the whole count: it no longer blocks the series as a figure of unknown progress."""
    mon = Date(2026, 4, 13)
    f = compare("t", [_share("a", 48.8, mon, 94.4), _share("b", 49.4, mon, 100), _share("c", 49.4, mon)],
                ["a", "b", "c"], KB)
    assert f.status == "revised"
    assert [(p.as_of, str(p.value), p.sources) for p in f.series] == [
        ("2026-04-13 (94.4% counted)", "48.8 %", ("a",)), ("2026-04-13 (all counted)", "49.4 %", ("b", "c"))]
    # another day's same figure says nothing of this day's count
    tue = Date(2026, 4, 14)
    assert compare("t", [_share("a", 48.8, mon, 94.4), _share("b", 49.4, tue, 100), _share("c", 49.4, mon)],
                   ["a", "b", "c"], KB).status == "conflict"


def test_two_shares_at_one_point_of_the_count_stay_a_conflict():
    mon = Date(2026, 4, 13)
    # the same progress, or none stated on the same day
    assert compare("t", [_share("a", 48.8, mon, 94.4), _share("b", 47.9, mon, 94.4)], ["a", "b"], KB).status == "conflict"
    assert compare("t", [_share("a", 48.8, mon), _share("b", 47.9, mon)], ["a", "b"], KB).status == "conflict"
    # one page says how far the count had gone, the other does not: nothing orders them
    assert compare("t", [_share("a", 48.8, mon, 94.4), _share("b", 47.9, mon)], ["a", "b"], KB).status == "conflict"
    # two agencies that differ disagree, however far the count had gone for each
    f = compare("t", [_share("a", 48.8, mon, 90, "Survey of Ruritania"),
                      _share("b", 46.0, mon, 100, "Northern Seismic Bureau")], ["a", "b"], KB)
    assert f.status == "conflict" and not f.series


def test_a_count_in_progress_end_to_end(tmp_path):
    """Three outlets of an invented vote, each at its point of the count: a revised series in the JSON
    and the report; a headline that repeats a figure shares its sentence's count, and a paragraph
    that says how far the count had gone says it for the figures after it."""
    (tmp_path / "a.txt").write_text("Incumbent on 51.2 percent in early count\n\nWith 62% of ballots counted, the "
                                    "incumbent had 51.2 percent, the electoral commission said.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("With 94.5% of ballots counted, the commission released new figures. The "
                                    "incumbent had 49.6 percent.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("After all votes were counted, the incumbent won 49.1 percent, the electoral "
                                    "commission said.\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("a: {published: '2026-04-13'}\nb: {published: '2026-04-13'}\n"
                                           "c: {published: '2026-04-13'}\n", encoding="utf-8")
    result = run([str(tmp_path)], str(REPO / "tests/corpus/packs/election.yaml"))
    data = json.loads(as_json(result))
    share = next(f for f in data["findings"] if f["topic"] == "incumbent.share")
    assert share["status"] == "revised"
    assert [(p["as_of"], p["value"], p["sources"]) for p in share["series"]] == [
        ("2026-04-13 (62% counted)", "51.2 %", ["a"]), ("2026-04-13 (94.5% counted)", "49.6 %", ["b"]),
        ("2026-04-13 (all counted)", "49.1 %", ["c"])]
    assert {c["as_of"] for c in data["claims"] if c["source"] == "a"} == {"2026-04-13 (62% counted)"}
    assert "| `2026-04-13 (94.5% counted)` | `49.6 %` | b | — |" in markdown(result)


def test_example_findings_and_json_contract():
    result = run([str(EXAMPLE / "sources")], str(EXAMPLE / "pack.yaml"))
    data = json.loads(as_json(result))
    status = {f["topic"]: f["status"] for f in data["findings"]}
    assert status["quake.deaths"] == "revised"
    assert status["quake.injured"] == "conflict"  # 700 at Friday night vs 702 on Friday evening
    assert status["quake.magnitude"] == "conflict" and status["quake.depth"] == "conflict"
    assert status["quake.epicenter"] == "compatible"  # 16 km NW of Sagaing, 17 km from Mandalay, Mandalay
    assert status["quake.time"] == "agree"
    deaths = next(f for f in data["findings"] if f["topic"] == "quake.deaths")
    assert [(p["as_of"], p["value"], p["sources"]) for p in deaths["series"]] == [
        ("2025-03-28TAF", "20..", ["irrawaddy-wire"]), ("2025-03-28TEV", "150..", ["gulf-monitor"]),
        ("2025-03-28TNI", "150", ["beijing-daily"]), ("2025-03-30", "1644", ["delta-times"])]
    assert deaths["series"][-1]["according_to"] == ["junta"]
    for c in data["claims"]:
        assert {"value", "as_of", "according_to"} <= set(c)
    mag = [c for c in data["claims"] if c["topic"] == "quake.magnitude"]
    assert {(c["source"], c["value"], c["according_to"]) for c in mag} >= {
        ("beijing-daily", "7.9 magnitude", "China Earthquake Networks Center"),
        ("gulf-monitor", "7.7 magnitude", "US Geological Survey")}
    # a stated moment, else the published date
    by = {(c["source"], c["topic"]): c for c in data["claims"]}
    assert by[("beijing-daily", "quake.deaths")]["as_of"] == "2025-03-28TNI"
    assert by[("beijing-daily", "quake.deaths")]["as_of_how"] == "stated"
    assert by[("delta-times", "quake.injured")]["as_of"] == "2025-03-30"  # "... on Sunday, with 3,408 injured"
    assert by[("gulf-monitor", "mandalay.population")]["as_of"] == "2025-03-28"
    assert by[("gulf-monitor", "mandalay.population")]["as_of_how"] == "published (sources.yaml)"


def test_markdown_names_the_agencies_and_draws_the_series():
    md = markdown(run([str(EXAMPLE / "sources")], str(EXAMPLE / "pack.yaml")))
    row = next(ln for ln in md.splitlines() if ln.startswith("| [quake.magnitude]"))
    assert "split by agency: `7.7 magnitude` — US Geological Survey; `7.9 magnitude` — China Earthquake " \
           "Networks Center" in row
    section = md[md.index("## quake.deaths"):md.index("## quake.injured")]
    assert "| `2025-03-28TEV` | at least 150 (`150..`) | Gulf Monitor (invented) | military government |" in section
    assert "xychart-beta" in section and "line [20, 150, 150, 1644]" in section


def test_the_gate_does_not_fail_on_a_revised_topic(tmp_path):
    result = run([str(EXAMPLE / "sources")], str(EXAMPLE / "pack.yaml"))
    assert "quake.deaths" not in {f.topic for f in conflicts(result.findings)}
    # end to end: a pack with the toll alone passes the gate once the report is written
    pack = yaml.safe_load((EXAMPLE / "pack.yaml").read_text(encoding="utf-8"))
    pack["topics"] = {"quake.deaths": pack["topics"]["quake.deaths"]}
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "quake.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    shutil.copytree(EXAMPLE / "sources", tmp_path / "seeds")

    def factcheck(*args):
        return subprocess.run([sys.executable, "-m", "factcheck", *args, "--no-cache"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)

    assert factcheck("report").returncode == 0
    p = factcheck("check")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "revised" in (tmp_path / "reports" / "discrepancies.md").read_text(encoding="utf-8")


def test_explain_shows_who_and_when_and_reads_every_type():
    p = subprocess.run([sys.executable, "-m", "factcheck", "explain", str(EXAMPLE / "sources" / "beijing-daily.txt"),
                        "--claims", str(EXAMPLE / "pack.yaml")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "took '150' → 150 according to local government as of 2025-03-28TNI (stated)" in p.stdout
    # the agency's name is no mention of the event
    assert "'The China Earthquake'" not in p.stdout


def test_a_replaced_figure_is_a_point_of_the_series(tmp_path):
    """'had earlier put the toll at 150': not the source's toll, but the series' point before it."""
    (tmp_path / "a.txt").write_text("The death toll from the earthquake rose to 212, officials said. The ministry had "
                                    "earlier put the toll at 150.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("At least 212 people were killed in the earthquake, officials said.\n",
                                    encoding="utf-8")
    (tmp_path / "sources.yaml").write_text("a: {published: '2025-03-30'}\nb: {published: '2025-03-30'}\n",
                                           encoding="utf-8")
    result = run([str(tmp_path)], str(EXAMPLE / "pack.yaml"))
    f = next(f for f in result.findings if f.topic == "quake.deaths")
    assert f.status == "revised"
    assert [str(g.value) for g in f.values] == ["212", "212.."]  # the replaced 150 is no source's toll
    assert [(p.as_of, str(p.value), p.superseded) for p in f.series] == [
        ("2025-03-30", "150", True), ("2025-03-30", "212", False), ("2025-03-30", "212..", False)]
    assert "| before `2025-03-30` (replaced) | `150` | a |" in markdown(result)
    # with nothing replaced, the same figures agree
    (tmp_path / "a.txt").write_text("The death toll from the earthquake rose to 212, officials said.\n", encoding="utf-8")
    assert next(f for f in run([str(tmp_path)], str(EXAMPLE / "pack.yaml")).findings
                if f.topic == "quake.deaths").status == "compatible"


def test_a_repeated_figure_shares_the_moment_its_source_dates():
    # the headline gives the figure undated; the body dates the same figure: both hold for May 29.
    # A different figure in the same source keeps the publication date.
    from factcheck.ingest.sources import Source
    from factcheck.packs.pack import load_packs
    from factcheck.run.pipeline import analyse_source
    packs = load_packs(str(REPO / "tests" / "corpus" / "storm-pack.yaml"))
    text = ("Storm toll rises to 65\n\n"
            "The death toll from Hurricane Ondra has risen to at least 65 as of May 29, officials said.\n\n"
            "Early reports said the hurricane had killed 12 people.\n")
    src = Source(id="gulf", path="<gulf>", text=text, published="2025-05-31", page=False)
    got = {(c.topic, str(c.value), str(c.as_of), c.as_of_how) for c in analyse_source(src, packs).claims}
    assert ("storm.deaths", "65", "2025-05-29", "stated") in got
    assert ("storm.deaths", "65..", "2025-05-29", "stated") in got
    assert ("storm.deaths", "12", "2025-05-31", "published (sources.yaml)") in got


def test_a_figure_in_words_shares_the_moment_its_source_gives_it():
    """A first line's "six" and a later "six ... as of Monday" are the same figure as written: both
    hold on that Monday, whether written in digits or in words."""
    from factcheck.authoring.examples import run_sentence
    from factcheck.packs.pack import load_packs
    packs = load_packs(str(REPO / "tests/corpus/packs/outbreak.yaml"))
    text = ("Six people have died in the Orsk fever outbreak in Tarsany, officials said.\n"
            "The Orsk fever outbreak has killed six people as of Monday, the health ministry said.")
    deaths = [c for c in run_sentence(text, packs, "2026-03-18") if c.topic == "outbreak.deaths"]
    assert len(deaths) == 2 and {str(c.as_of) for c in deaths} == {"2026-03-16"}


def test_a_bulletin_dates_its_paragraph_once():
    """"As of 3 March, ..." opens a paragraph whose later figures hold then too, where the page has
    no day of its own; a page dated to the day keeps its own day for them."""
    from factcheck.authoring.examples import run_sentence
    from factcheck.packs.pack import load_packs
    packs = load_packs(str(REPO / "tests/corpus/packs/outbreak.yaml"))
    text = ("As of 3 March 2026, 52 cases of Orsk fever have been reported in Tarsany. "
            "Health teams are tracing 265 contacts of the sick.")
    contacts = [c for c in run_sentence(text, packs, "2026-03") if c.topic == "outbreak.contacts"]
    assert [(str(c.value), str(c.as_of)) for c in contacts] == [("265", "2026-03-03")]
    contacts = [c for c in run_sentence(text, packs, "2026-03-05") if c.topic == "outbreak.contacts"]
    assert [(str(c.value), str(c.as_of)) for c in contacts] == [("265", "2026-03-05")]


def test_each_side_gives_its_own_crowd(tmp_path):
    """'Police put it at 20,000, while organisers said 50,000': a voice after a contrast speaks for
    the figure after it only, and organisers are a voice even in lower case."""
    pack = yaml.safe_load((REPO / "tests/corpus/packs/rally.yaml").read_text())
    pack["agencies"] = {"Vorlan police": ["police"]}
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump(pack))
    (tmp_path / "src").mkdir()
    (tmp_path / "src/wire.txt").write_text(
        "Police put the turnout at 20,000 on Saturday, while organisers said 50,000 people marched.\n")
    result = run([str(tmp_path / "src")], str(tmp_path / "pack.yaml"))
    said = {(str(c.value), c.according_to) for c in result.claims if c.topic == "rally.turnout"}
    assert said == {("20000", "Vorlan police"), ("50000", "organisers")}
    # one voice alone speaks across a "while" that sets no second voice against it
    (tmp_path / "src/wire.txt").write_text(
        "About 3,000 people marched on Saturday, while blocking the ring road, the city police said.\n")
    result = run([str(tmp_path / "src")], str(tmp_path / "pack.yaml"))
    said = {(str(c.value), c.according_to) for c in result.claims if c.topic == "rally.turnout"}
    assert said == {("2700..3300", "Vorlan police")}
