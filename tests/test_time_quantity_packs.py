"""Packs with time and quantity topics: zones and units checked with file:line and a suggestion;
daylight saving right for the event's date; a time with no zone stays without one."""

import subprocess
import sys

import pytest

from factcheck.authoring.examples import run_sentence
from factcheck.packs.pack import load_packs

PACK = """\
pack: harbour-blast-2023
title: Harbour blast
event:
  nouns: [blast, explosion]
  timezone: Europe/Lisbon
topics:
  blast.time:
    type: time
    rules:
      - id: blast.time.at
        frame: time
        examples:
          - text: The explosion happened at 7:40 pm local time.
            value: "19:40+01:00"
            reference: 2023-07-14
        not:
          - The port closed by 9 pm.
  blast.reach:
    type: quantity
    unit: km
    rules:
      - id: blast.reach.heard
        frame: measure
        triggers: [heard, felt]
        examples:
          - text: The blast was heard 20 km away.
            value: 20 km
        not:
          - The ship was 200 metres long.
"""


def _validate(tmp_path, text):
    f = tmp_path / "blast.yaml"
    f.write_text(text, encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "factcheck", "validate", "--claims", str(f)],
                       capture_output=True, text=True, cwd=tmp_path, timeout=60)
    return p.returncode, p.stdout, p.stderr, str(f)


def _line_of(text, needle):
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


def test_the_pack_validates(tmp_path):
    code, out, err, _ = _validate(tmp_path, PACK)
    assert (code, err) == (0, ""), err


@pytest.mark.parametrize("old, new, needle, message", [
    ("timezone: Europe/Lisbon", "timezone: Europe/Lisbn", "timezone:",
     "unknown time zone 'Europe/Lisbn' (did you mean 'Europe/Lisbon'?)"),
    ("    unit: km\n", "    unit: kilometrs\n", "unit: kilometrs", "unknown unit 'kilometrs' (did you mean 'kilomet"),
    ("    unit: km\n", "", "blast.reach:", "a quantity topic needs 'unit'"),
    ("    type: time\n", "    type: time\n    unit: km\n", "unit: km", "'unit' goes with type quantity only"),
    ("        frame: time\n", "        frame: measure\n", "frame: measure", "frame 'measure' gives quantity values"),
])
def test_bad_zone_or_unit_names_the_line(tmp_path, old, new, needle, message):
    assert old in PACK
    text = PACK.replace(old, new, 1)
    code, _, err, path = _validate(tmp_path, text)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err, err
    assert message in err, err
    reported = int(err.split(f"{path}:")[1].split(":")[0])
    assert abs(reported - _line_of(text, needle)) <= 1, err


def _packs(tmp_path, text=PACK):
    f = tmp_path / "blast.yaml"
    f.write_text(text, encoding="utf-8")
    return load_packs(str(f))


def _times(text, packs, reference):
    return sorted(str(c.value) for c in run_sentence(text, packs, reference) if c.topic == "blast.time")


def test_daylight_saving_follows_the_date(tmp_path):
    packs = _packs(tmp_path)
    assert _times("The explosion happened at 7:40 pm local time.", packs, "2023-07-14") == ["19:40+01:00"]
    assert _times("The explosion happened at 7:40 pm local time.", packs, "2023-01-14") == ["19:40+00:00"]
    # the date the sentence gives wins over the publication date
    assert _times("The explosion happened at 7:40 pm on January 3.", packs, "2023-07-14") == [
        "2023-01-03T19:40+00:00"]


def test_no_zone_anywhere_stays_unknown(tmp_path):
    packs = _packs(tmp_path, PACK.replace("  timezone: Europe/Lisbon\n", ""))
    assert _times("The explosion happened at 7:40 pm local time.", packs, "2023-07-14") == ["19:40"]
    assert _times("The explosion happened at 7:40 pm.", packs, None) == ["19:40"]
    assert _times("The explosion happened at 18:40 GMT.", packs, None) == ["18:40+00:00"]


def test_a_zone_with_daylight_saving_and_no_date_is_not_guessed(tmp_path):
    packs = _packs(tmp_path)
    assert _times("The explosion happened at 7:40 pm local time.", packs, None) == ["19:40"]


def test_the_outlet_zone_from_sources_yaml(tmp_path):
    from factcheck.run.pipeline import run

    packs_file = tmp_path / "blast.yaml"
    packs_file.write_text(PACK.replace("  timezone: Europe/Lisbon\n", ""), encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("The explosion happened at 11:40 pm.\n", encoding="utf-8")
    (src / "b.txt").write_text("The blast happened at 7:40 pm GMT.\n", encoding="utf-8")
    (src / "sources.yaml").write_text("a: {published: '2023-07-14', timezone: Asia/Dubai}\n"
                                      "b: {published: '2023-07-14'}\n", encoding="utf-8")
    result = run([str(src)], str(packs_file))
    values = sorted((c.source, str(c.value)) for c in result.claims if c.topic == "blast.time")
    assert values == [("a", "23:40+04:00"), ("b", "19:40+00:00")]
    finding = next(f for f in result.findings if f.topic == "blast.time")
    assert finding.status == "agree"  # one instant in two zones


def test_a_bare_time_is_in_the_outlets_zone_before_the_events(tmp_path):
    """An outlet writes an unlabelled clock time in its own zone; "local time" is still the event's."""
    from factcheck.run.pipeline import run

    (tmp_path / "blast.yaml").write_text(PACK, encoding="utf-8")  # the event in Lisbon (UTC+01:00 in July)
    src = tmp_path / "src"
    src.mkdir()
    (src / "dubai.txt").write_text("The explosion happened at 10:40 pm.\n", encoding="utf-8")
    (src / "dubailocal.txt").write_text("The explosion happened at 7:40 pm local time.\n", encoding="utf-8")
    (src / "dubaigmt.txt").write_text("The explosion happened at 6:40 pm GMT.\n", encoding="utf-8")
    (src / "nozone.txt").write_text("The explosion happened at 7:40 pm.\n", encoding="utf-8")
    (src / "sources.yaml").write_text(
        "dubai: {published: '2023-07-14', timezone: Asia/Dubai}\n"
        "dubailocal: {published: '2023-07-14', timezone: Asia/Dubai}\n"
        "dubaigmt: {published: '2023-07-14', timezone: Asia/Dubai}\n"
        "nozone: {published: '2023-07-14'}\n", encoding="utf-8")
    result = run([str(src)], str(tmp_path / "blast.yaml"))
    values = {c.source: str(c.value) for c in result.claims if c.topic == "blast.time"}
    assert values == {"dubai": "22:40+04:00", "dubailocal": "19:40+01:00", "dubaigmt": "18:40+00:00",
                      "nozone": "19:40+01:00"}
    assert next(f for f in result.findings if f.topic == "blast.time").status == "agree"  # 18:40 UTC, all four


def test_a_clock_the_source_zones_once_keeps_that_zone_when_repeated_bare(tmp_path):
    """An outlet abroad that writes "7:40 pm local time" once and "7:40 pm" elsewhere for the same
    moment means the event's clock both times; a bare time it never labels stays in its own zone."""
    from factcheck.run.pipeline import run

    (tmp_path / "blast.yaml").write_text(PACK, encoding="utf-8")  # the event in Lisbon (UTC+01:00 in July)
    src = tmp_path / "src"
    src.mkdir()
    (src / "wire.txt").write_text("The explosion happened at 7:40 pm, port officials said.\n"
                                  "Witnesses said the blast happened at 7:40 pm local time near the docks.\n",
                                  encoding="utf-8")
    (src / "own.txt").write_text("The explosion happened at 10:40 pm.\n", encoding="utf-8")
    (src / "sources.yaml").write_text("wire: {published: '2023-07-14', timezone: Asia/Dubai}\n"
                                      "own: {published: '2023-07-14', timezone: Asia/Dubai}\n", encoding="utf-8")
    result = run([str(src)], str(tmp_path / "blast.yaml"))
    values = sorted((c.source, str(c.value)) for c in result.claims if c.topic == "blast.time")
    assert values == [("own", "22:40+04:00"), ("wire", "19:40+01:00"), ("wire", "19:40+01:00")]
    assert next(f for f in result.findings if f.topic == "blast.time").status == "agree"


def test_an_unknown_outlet_zone_is_refused(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("The explosion happened at 9:40 pm.\n", encoding="utf-8")
    (src / "sources.yaml").write_text("a:\n  published: '2023-07-14'\n  timezone: Asia/Dubay\n", encoding="utf-8")
    (tmp_path / "blast.yaml").write_text(PACK, encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "factcheck", "report", str(src), "--claims", str(tmp_path / "blast.yaml"),
                        "-o", str(tmp_path / "r.md"), "--no-cache"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert p.returncode == 2 and "sources.yaml:3:" in p.stderr and "did you mean 'Asia/Dubai'" in p.stderr, p.stderr
    assert not (tmp_path / "r.md").exists()


def test_report_shows_each_time_in_its_own_zone_and_json_carries_zone_and_unit(tmp_path):
    import json

    from factcheck.outputs.render import as_json, markdown
    from factcheck.run.pipeline import run

    (tmp_path / "blast.yaml").write_text(PACK, encoding="utf-8")
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("The explosion happened at 8:40 pm local time. The blast was heard 12 miles away.\n",
                               encoding="utf-8")
    (src / "b.txt").write_text("The blast happened at 7:40 pm GMT. The blast was heard 19 km away.\n",
                               encoding="utf-8")
    (src / "c.txt").write_text("The explosion happened at 8:40 pm local time.\n", encoding="utf-8")
    (src / "sources.yaml").write_text("a: {published: '2023-07-14'}\nb: {published: '2023-07-14'}\n"
                                      "c: {published: '2023-07-14'}\n", encoding="utf-8")
    result = run([str(src)], str(tmp_path / "blast.yaml"))
    report = markdown(result)
    # each row in its source's own zone, read beside its UTC time
    assert "| 20:40 (UTC+01:00) = 19:40 UTC (`20:40+01:00`) | a |" in report
    assert "| 19:40 (UTC+00:00) = 19:40 UTC (`19:40+00:00`) | b |" in report
    assert "(`20:40+01:00`) — 3 sources, 2 independent: a; b; c" in report  # the instant as most sources write it
    data = json.loads(as_json(result))
    status = {f["topic"]: f["status"] for f in data["findings"]}
    assert status == {"blast.time": "agree", "blast.reach": "agree"}  # 12 miles is 19.3 km
    reach = {c["source"]: c for c in data["claims"] if c["topic"] == "blast.reach"}
    assert (reach["a"]["value"], reach["a"]["unit"], reach["a"]["as_written"]) == ("19.3 km", "km", "12 miles")
    times = {c["source"]: c["zone"] for c in data["claims"] if c["topic"] == "blast.time"}
    assert times == {"a": "local time (Europe/Lisbon)", "b": "GMT", "c": "local time (Europe/Lisbon)"}


def test_explain_shows_clock_times_and_measures(tmp_path):
    from factcheck.authoring.explain import explain
    from factcheck.ingest.sources import Source

    packs = _packs(tmp_path)
    text = "The explosion happened at 7:40 pm local time beside a ship 200 metres long.\n"
    out = explain(Source(id="s", path="s.txt", text=text, published="2023-07-14", page=False), packs)
    assert "took '7:40 pm local time' → 19:40+01:00 [local time (Europe/Lisbon)]" in out
    assert "no rule took measure '200 metres'" in out


def test_pint_is_imported_only_when_two_units_meet(tmp_path):
    (tmp_path / "blast.yaml").write_text(PACK, encoding="utf-8")
    code = (
        "import sys\n"
        "from factcheck.authoring.examples import run_sentence\n"
        "from factcheck.packs.pack import load_packs\n"
        f"packs = load_packs({str(tmp_path / 'blast.yaml')!r})\n"
        "run_sentence('The blast was heard 20 km away at 7:40 pm.', packs)\n"
        "print('pint' in sys.modules)\n"
        "run_sentence('The blast was heard 12 miles away.', packs)\n"
        "print('pint' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["False", "True"], out.stderr
