"""The gate's parts: the baseline file, fingerprints, GitHub's workflow-command escaping."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.gate import baseline as bl
from factcheck.gate import github
from factcheck.cli import main
from factcheck.comparison.compare import Finding, ValueGroup
from factcheck.errors import BaselineError
from factcheck.values import Date, Entity


def _finding(topic, *values, status="conflict"):
    return Finding(topic, status, [ValueGroup(v, [], [f"s{i}"]) for i, v in enumerate(values)], [])


def test_fingerprint_is_topic_and_sorted_normalized_values():
    a = _finding("exercise.start", Date(2025, 5, 19), Date(2025, 5, 18), Date(weekday=7))
    b = _finding("exercise.start", Date(weekday=7), Date(2025, 5, 18), Date(2025, 5, 19))
    assert bl.fingerprint(a) == bl.fingerprint(b) == ("exercise.start", ("2025-05-18", "2025-05-19", "XXXX-WXX-7"))
    assert bl.fingerprint(_finding("exercise.end", Date(2025, 5, 18), Date(2025, 5, 19))) != bl.fingerprint(a)


def test_unaccepted_and_stale():
    base = bl.Baseline("b.yaml", [bl.Acceptance("t.a", ("x", "y"), "known"), bl.Acceptance("t.gone", ("p", "q"), "old")])
    findings = [_finding("t.a", Entity("place", "y"), Entity("place", "x")),
                _finding("t.b", Entity("place", "x"), Entity("place", "z")),
                _finding("t.c", Entity("place", "x"), status="agree")]
    assert [f.topic for f in bl.unaccepted(findings, base)] == ["t.b"]
    assert [e.topic for e in bl.stale(findings, base)] == ["t.gone"]


def test_dump_load_round_trip_and_lines(tmp_path):
    base = bl.Baseline(str(tmp_path / "accepted.yaml"), [])
    base.add(_finding("b.topic", Date(2025, 5, 18), Date(2025, 5, 19)), "second: it's 'quoted', #not a comment")
    base.add(_finding("a.topic", Entity("place", "Shusha"), Entity("place", "Aghdam")), "first")
    text = bl.dump(base)
    assert text.startswith(bl.HEADER)
    (tmp_path / "accepted.yaml").write_text(text, encoding="utf-8")
    back = bl.load(str(tmp_path / "accepted.yaml"))
    assert [(e.topic, e.values, e.reason) for e in back.entries] == [
        ("a.topic", ("Aghdam", "Shusha"), "first"),
        ("b.topic", ("2025-05-18", "2025-05-19"), "second: it's 'quoted', #not a comment")]
    lines = text.splitlines()
    assert [lines[e.line - 1] for e in back.entries] == ["- topic: a.topic", "- topic: b.topic"]
    assert bl.dump(back) == text  # stable: loading and dumping again changes nothing


@settings(max_examples=200)
@given(st.lists(st.tuples(st.text(min_size=1), st.lists(st.text(min_size=1), min_size=1, max_size=4),
                          st.text(min_size=1)), max_size=4))
def test_any_text_survives_the_file(tmp_path_factory, entries):
    entries = [(t.strip(), tuple(sorted(set(v))), " ".join(r.split())) for t, v, r in entries]
    entries = [e for e in entries if e[0] and e[2] and all(x.strip() for x in e[1])]
    entries = list({(t, v): (t, v, r) for t, v, r in entries}.values())
    path = tmp_path_factory.mktemp("bl") / "accepted.yaml"
    path.write_text(bl.dump(bl.Baseline(str(path), [bl.Acceptance(*e) for e in entries])), encoding="utf-8")
    back = bl.load(str(path))
    assert sorted((e.topic, e.values, e.reason) for e in back.entries) == sorted(entries)


def test_hand_written_baseline_is_read_as_text(tmp_path):
    """Plain YAML scalars stay the text they are: a date is not turned into a date, a year into an int."""
    p = tmp_path / "accepted.yaml"
    p.write_text("accepted:\n  - topic: t.x\n    values: [2025-05-18, 2020, null-ish, 'XXXX-WXX-7']\n"
                 "    reason: >\n      folded\n      reason\n", encoding="utf-8")
    (e,) = bl.load(str(p)).entries
    assert e.values == ("2020", "2025-05-18", "XXXX-WXX-7", "null-ish") and e.reason == "folded reason"


def test_missing_and_empty_baselines(tmp_path):
    missing = bl.load(str(tmp_path / "nope.yaml"))
    assert missing.entries == [] and not missing.exists
    (tmp_path / "empty.yaml").write_text("# nothing yet\n")
    assert bl.load(str(tmp_path / "empty.yaml")).entries == []
    (tmp_path / "none.yaml").write_text("accepted:\n")
    assert bl.load(str(tmp_path / "none.yaml")).entries == []


@pytest.mark.parametrize("text, line, message", [
    ("accepted: 3\n", 1, "accepted: expected a list of entries"),
    ("accepted:\n- just text\n", 2, "an entry is a mapping with topic, values and reason"),
    ("accepted:\n- {topic: a, values: x, reason: r}\n", 2, "values: expected a list of the conflicting values"),
    ("accepted:\n- {topic: a, values: [], reason: r}\n", 2, "values: expected a non-empty list of values"),
    ("accepted:\n- {topic: a, values: [[x]], reason: r}\n", 2, "values: each value is text"),
    ("accepted:\n- {topic: a, values: [x], reason: ''}\n", 2, "reason: must not be empty"),
    ("accepted:\n- {topic: a, values: [x], reason: r, by: me}\n", 2, "unknown key 'by'"),
    ("accepted:\n- {topic: a, topic: b, values: [x], reason: r}\n", 2, "duplicate key 'topic' (also line 2)"),
    ("- a\n", 1, "expected a mapping with the key 'accepted'"),
])
def test_malformed_baselines_name_file_and_line(tmp_path, text, line, message):
    p = tmp_path / "accepted.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError) as e:
        bl.load(str(p))
    assert (e.value.path, e.value.line) == (str(p), line)
    assert message in e.value.message


def test_default_path_is_beside_the_packs(tmp_path):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims/pack.yaml").write_text("x")
    assert bl.default_path(str(tmp_path / "claims")) == str(tmp_path / "claims/accepted.yaml")
    assert bl.default_path(str(tmp_path / "claims/pack.yaml")) == str(tmp_path / "claims/accepted.yaml")


# ---------------------------------------------------------------------------------------------
# GitHub workflow commands, escaped as @actions/core does


def test_escaping_matches_the_actions_toolkit():
    assert github.escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert github.escape_data("a:b,c") == "a:b,c"  # : and , are escaped in properties only


def test_command_format():
    assert github.command("error", "bad\nthing", file="seeds/a,b.txt", line=3, title="x: y") == \
        "::error file=seeds/a%2Cb.txt,line=3,title=x%3A y::bad%0Athing"
    assert github.command("warning", "m", file=None, line=None) == "::warning::m"


@settings(max_examples=300)
@given(st.text(), st.text())
def test_escaped_text_cannot_end_the_command_or_start_another(message, title):
    cmd = github.command("error", message, file="f", line=1, title=title)
    assert "\n" not in cmd and "\r" not in cmd
    head, body = cmd[2:].split("::", 1)  # the first "::" after the kind ends the properties
    assert head.startswith("error file=f,line=1,title=") and head.count(",") == 2
    unescape = lambda s: s.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace(
        "%0A", "\n").replace("%25", "%")
    assert unescape(head.split("title=", 1)[1]) == title
    assert unescape(body) == message


def test_active_only_when_github_says_so():
    assert github.active({"GITHUB_ACTIONS": "true"})
    assert not github.active({"GITHUB_ACTIONS": "false"}) and not github.active({})


def test_workspace_paths(tmp_path):
    assert github.workspace_path(str(tmp_path / "seeds/a.txt"), cwd=str(tmp_path)) == "seeds/a.txt"
    assert github.workspace_path("seeds/a.txt") == "seeds/a.txt"
    assert github.workspace_path("/elsewhere/a.txt", cwd=str(tmp_path)) == "/elsewhere/a.txt"


def test_append_summary(tmp_path):
    path = tmp_path / "summary.md"
    github.append_summary("## one\n", {"GITHUB_STEP_SUMMARY": str(path)})
    github.append_summary("## two", {"GITHUB_STEP_SUMMARY": str(path)})
    assert path.read_text(encoding="utf-8") == "## one\n\n## two\n\n"
    github.append_summary("ignored", {})  # no summary file outside Actions: nothing to do, no error


def test_main_returns_codes_for_help_and_version(capsys):
    assert main(["--version"]) == 0
    assert main(["check", "--help"]) == 0
    assert "--exit-zero" in capsys.readouterr().out
    assert main([]) == 2
    assert "factcheck: error:" in capsys.readouterr().err
