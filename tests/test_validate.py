"""factcheck validate: every malformed pack is caught with its file and line, exit 2."""

import subprocess
import sys

import pytest

GOOD = """\
pack: quake-2025
title: Earthquake
event:
  nouns: [earthquake, quake, tremor]
places:
  Turkey: {kind: country}
  Malatya: {kind: province, in: Turkey}
topics:
  quake.date:
    type: date
    rules:
      - id: date.struck
        frame: start
        triggers: [struck, hit, jolted]
        examples:
          - text: A strong earthquake struck Malatya on Monday, officials said.
            value: 2025-06-02
            reference: 2025-06-03
        not:
          - Rescue teams arrived on Tuesday.
  quake.deaths:
    type: number
    subject: any
    rules:
      - id: deaths.count
        frame: count
        triggers: [killed, dead, died]
        examples:
          - text: The earthquake killed at least 12 people.
            value: "12.."
        not:
          - More than 300 buildings were damaged.
"""


def _validate(tmp_path, text):
    f = tmp_path / "quake.yaml"
    f.write_text(text, encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "factcheck", "validate", "--claims", str(f)],
                       capture_output=True, text=True, cwd=tmp_path, timeout=60)
    return p.returncode, p.stdout, p.stderr, str(f)


def test_a_good_pack_validates(tmp_path):
    code, out, err, _ = _validate(tmp_path, GOOD)
    assert (code, err) == (0, "")
    assert "2 topics, 2 rules, 4 examples and look-alikes: all hold" in out


def _line_of(text, needle):
    return next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)


@pytest.mark.parametrize("old,new,needle,message", [
    ("    type: number\n", "    tpye: number\n", "tpye:", "unknown key 'tpye' (did you mean 'type'?)"),
    ("    type: number\n", "    type: count\n", "type: count", "unknown value type 'count'"),
    ("        frame: start\n", "        frame: begin\n", "frame: begin", "unknown frame 'begin'"),
    ("        frame: start\n", "        frame: strat\n", "frame: strat", "unknown frame 'strat' (did you mean 'start'?)"),
    ("    type: number\n", "    type: nubmer\n", "type: nubmer", "unknown value type 'nubmer' (did you mean 'number'?)"),
    ("        frame: count\n", "        frame: start\n", "        frame: start\n        triggers: [killed",
     "frame 'start' gives date values, the topic is number"),
    ("  Malatya: {kind: province, in: Turkey}\n", "  Malatya: {kind: province, in: Turkiye}\n", "Malatya:",
     "'in: Turkiye' names no place"),
    ("        triggers: [killed, dead, died]\n", "        triggers: killed: dead\n", "triggers: killed: dead",
     "malformed YAML"),
    ("      - id: deaths.count\n", "      - id: date.struck\n", "- id: date.struck\n        frame: count",
     "rule id 'date.struck' is used twice"),
    ("        not:\n          - More than 300", "        nott:\n          - More than 300", "nott:",
     "unknown key 'nott'"),
    ("        frame: count\n", "        frame: pattern\n        pattern: '(?P<value>\\d+'\n", "pattern: '(?P<value>",
     "invalid regex"),
    ("        frame: count\n", "        frame: pattern\n        pattern: '(?P<value>(\\d+)+) killed'\n",
     "pattern: '(?P<value>(", "catastrophic backtracking"),
    ("        frame: count\n", "        frame: pattern\n        pattern: '\\d+ killed'\n", "pattern: '\\d+ killed'",
     "needs a named group (?P<value>...)"),
    ("        triggers: [killed, dead, died]\n",
     "        triggers: [killed, dead, died]\n        window: 0\n", "window: 0", "window must be a whole number"),
    ("topics:\n", "agencies:\n  Kandilli Observatory: [KOERI]\n  Disaster Agency: [AFAD, KOERI]\ntopics:\n",
     "Disaster Agency:", "'KOERI' already names the agency 'Kandilli Observatory'"),
    ("  Malatya: {kind: province, in: Turkey}\n", "  Malatya: {kind: province, in: Turkey, coordinates: [38.35]}\n",
     "Malatya:", "expected [latitude, longitude]"),
    ("places:\n", "agencies: [Kandilli, {Disaster: x}]\nplaces:\n", "agencies:", "agencies"),
])
def test_malformed_pack_names_file_and_line(tmp_path, old, new, needle, message):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    code, out, err, path = _validate(tmp_path, text)
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    line = _line_of(text, needle.split("\n")[0]) if "\n" not in needle else _line_of(text, needle.split("\n")[-1])
    assert err.startswith(f"factcheck: error: {path}:")
    assert message in err
    reported = int(err.split(f"{path}:")[1].split(":")[0])
    assert abs(reported - line) <= 1, (reported, line, err)


def test_missing_required_key(tmp_path):
    text = GOOD.replace("        not:\n          - Rescue teams arrived on Tuesday.\n", "")
    code, _, err, path = _validate(tmp_path, text)
    assert code == 2 and "missing required key 'not'" in err and f"{path}:" in err


def test_example_that_does_not_hold_and_look_alike_that_fires(tmp_path):
    text = GOOD.replace('value: "12.."', 'value: "13.."').replace(
        "- More than 300 buildings were damaged.", "- The quake killed 40 people in a village.")
    code, _, err, path = _validate(tmp_path, text)
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[-1] == "factcheck: error: 2 rule example(s) do not hold"
    assert f"{path}:{_line_of(text, 'killed at least 12')}: rule deaths.count: expected '13..', got 12.." in lines[0]
    assert f"{path}:{_line_of(text, 'killed 40 people')}: rule deaths.count: expected nothing (look-alike), got 40" in lines[1]


def test_an_example_that_also_yields_a_wrong_value_fails(tmp_path):
    # the right count (12..) and a wrong one beside it (300, the buildings, counted as dead by a
    # careless trigger list) must not pass as "the example holds"
    text = GOOD.replace("triggers: [killed, dead, died]", "triggers: [killed, dead, died, damaged]").replace(
        "          - text: The earthquake killed at least 12 people.\n",
        "          - text: The earthquake killed at least 12 people and damaged 300 homes.\n").replace(
        "          - More than 300 buildings were damaged.\n", "          - Rescue teams arrived on Tuesday.\n")
    code, out, err, f = _validate(tmp_path, text)
    assert code == 2, (out, err)
    assert "expected '12..', got 12.., 300" in out + err


def test_an_example_may_give_its_value_twice_in_two_forms(tmp_path):
    # "9 am (0600 GMT)" is one instant written twice: the example holds with either form expected,
    # but a different instant beside it still fails
    time_topic = """\
  quake.time:
    type: time
    rules:
      - id: time.at
        frame: time
        examples:
          - text: The quake struck at 9 am local time (0600 GMT) on Monday.
            value: "06:00+00:00"
        not:
          - Rescue teams arrived at 4 pm.
"""
    text = GOOD.replace("event:\n", "event:\n  timezone: Europe/Istanbul\n  verbs: [struck]\n") + time_topic
    code, out, err, _ = _validate(tmp_path, text)
    assert (code, err) == (0, ""), (out, err)
    code, out, err, _ = _validate(tmp_path, text.replace("(0600 GMT)", "(0800 GMT)"))
    assert code == 2 and "expected '06:00+00:00', got 08:00+00:00, 09:00+03:00" in out + err


def test_a_trigger_that_names_who_and_what_happened_binds(tmp_path):
    # "passengers killed" as one trigger: the casualty word after the people is the trigger's own
    text = GOOD.replace("triggers: [killed, dead, died]", "triggers: [passengers killed, people killed]").replace(
        "The earthquake killed at least 12 people.", "At least 12 passengers killed as the earthquake hit a bus.")
    code, out, err, _ = _validate(tmp_path, text)
    assert (code, err) == (0, ""), out + err
