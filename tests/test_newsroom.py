"""factcheck in a newsroom's own event repository: `init` to a passing gate, the project root found
from a subfolder, the verdict as JSON and SARIF (validated against their schemas), annotations
focused on what a change adds, and `accept` replacing, pruning and locking."""

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from command import clean_env, factcheck
from paths import REPO

SCHEMAS = REPO / "factcheck" / "schemas"
SARIF_SCHEMA = json.loads((REPO / "tests/schemas/sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))

# Invented coverage of the scaffold's example event: it says the summit opened a day later.
SECOND_ARTICLE = ("Geneva water talks get under way\n\n"
                  "The water summit opened on Tuesday in Geneva, officials said.\n")
SECOND_FACTS = "second-desk:\n  outlet: Second Desk\n  published: 2025-06-03\n"




def _add_second_article(room: Path) -> None:
    (room / "sources/second-desk.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    with open(room / "sources/sources.yaml", "a", encoding="utf-8") as f:
        f.write(SECOND_FACTS)


@pytest.fixture
def room(tmp_path):
    p = factcheck(tmp_path, "init", "newsroom")
    assert p.returncode == 0, p.stderr
    return tmp_path / "newsroom"


def test_init_scaffolds_a_repository_whose_gate_passes(room):
    for f in ("sources/example-wire.txt", "sources/sources.yaml", "claims/pack.yaml", "claims/accepted.yaml",
              "reports/discrepancies.md", ".github/workflows/factcheck.yml", ".pre-commit-config.yaml",
              "factcheck.toml", "README.md"):
        assert (room / f).is_file(), f
    p = factcheck(room, "check")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "1 sources" in p.stdout and "0 conflicts" in p.stdout
    assert factcheck(room, "validate").returncode == 0
    # the workflow runs the gate through the reusable Action, never a test suite
    workflow = yaml.safe_load((room / ".github/workflows/factcheck.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["gate"]["steps"]
    assert any("uses" in s and not s["uses"].startswith("actions/") for s in steps)
    assert "pytest" not in (room / ".github/workflows/factcheck.yml").read_text(encoding="utf-8")
    hooks = yaml.safe_load((room / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["entry"] == "factcheck check"
    readme = (room / "README.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\d\. ", readme, re.M)) == 3


def test_a_new_article_with_a_conflict_fails_the_gate(room):
    _add_second_article(room)
    p = factcheck(room, "check")
    assert p.returncode == 1
    assert "NEW CONFLICT event.start" in p.stdout
    assert ('  "2025-06-03"\n    Second Desk (sources/second-desk.txt:3) '
            '"The water summit opened on Tuesday in Geneva, officials said."\n') in p.stdout


def test_init_refuses_to_overwrite_and_names_the_files(room):
    (room / "claims/pack.yaml").write_text("# mine\n", encoding="utf-8")
    p = factcheck(room.parent, "init", "newsroom")
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "claims/pack.yaml" in p.stderr and "--force" in p.stderr
    assert (room / "claims/pack.yaml").read_text(encoding="utf-8") == "# mine\n"
    p = factcheck(room.parent, "init", "newsroom", "--force")
    assert p.returncode == 0 and "wrote newsroom/claims/pack.yaml" in p.stdout
    assert factcheck(room, "check").returncode == 0


def test_the_root_is_found_from_a_subfolder(room):
    _add_second_article(room)
    assert factcheck(room, "report").returncode == 0
    top = factcheck(room, "check", "--format", "json")
    sub = factcheck(room / "sources", "check", "--format", "json")
    assert top.returncode == sub.returncode == 1
    assert json.loads(top.stdout) == json.loads(sub.stdout)
    assert json.loads(sub.stdout)["new_conflicts"][0]["values"][1]["sources"][0]["path"] == "sources/second-desk.txt"
    p = factcheck(room / "sources", "explain", "second-desk.txt")  # a path from where you are
    assert p.returncode == 0 and "rule start.verb took 'Tuesday'" in p.stdout


def test_settings_from_pyproject_and_their_errors(tmp_path):
    from factcheck.errors import FactcheckError
    from factcheck.project import find

    (tmp_path / "a/b").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nsources = "articles"\n')
    p = find(tmp_path / "a/b")
    assert (p.root, p.sources, p.claims) == (tmp_path.resolve(), "articles", "claims")
    (tmp_path / "a/factcheck.toml").write_text('claims = "packs"\n')  # the nearer file wins
    assert find(tmp_path / "a/b").claims == "packs" and find(tmp_path / "a/b").sources == "seeds"
    (tmp_path / "a/factcheck.toml").write_text('sorces = "x"\n')
    with pytest.raises(FactcheckError, match=r"unknown setting 'sorces' \(did you mean 'sources'\?\)"):
        find(tmp_path / "a/b")
    (tmp_path / "a/factcheck.toml").write_text('timezone = "Europe/Paris"\n')  # the pack's, not the repository's
    with pytest.raises(FactcheckError, match=r"setting 'timezone' is not read: .* in its pack, as event\.timezone"):
        find(tmp_path / "a/b")
    (tmp_path / "a/factcheck.toml").unlink()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.factcheck]: keep looking
    (tmp_path / "a/claims").mkdir()
    assert find(tmp_path / "a/b").root == (tmp_path / "a").resolve()


def test_sarif_validates_with_one_result_per_new_conflict_on_the_new_line(room):
    _add_second_article(room)
    p = factcheck(room, "check", "--format", "sarif", "-o", "out.sarif")
    assert p.returncode == 1 and "wrote the verdict as sarif to out.sarif" in p.stdout
    log = json.loads((room / "out.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, SARIF_SCHEMA)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "event.start"
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == ["event.start"]
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "sources/second-desk.txt" and where["region"]["startLine"] == 3
    # the outlets by name: Second Desk says Tuesday 3 June, the scaffold's Example Wire another day
    assert re.match(r"Sources disagree on event\.start: [^;]+ \(Example Wire\); 2025-06-03 \(Second Desk\)\.",
                    result["message"]["text"]), result["message"]["text"]


def test_sarif_of_a_passing_gate_validates_and_is_empty(room):
    p = factcheck(room, "check", "--format", "sarif")
    assert p.returncode == 0
    log = json.loads(p.stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    assert log["runs"][0]["results"] == []


def test_json_outputs_validate_against_their_schemas(room):
    _add_second_article(room)
    check = json.loads(factcheck(room, "check", "--format", "json").stdout)
    jsonschema.validate(check, json.loads((SCHEMAS / "check.schema.json").read_text(encoding="utf-8")))
    assert check["failed"] and check["report"]["state"] == "stale" and check["new_conflicts"][0]["topic"] == "event.start"
    report = json.loads(factcheck(room, "report", "--format", "json").stdout)
    schema = json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert report["schema_version"] == 1
    report["findings"][0]["status"] = "disputed"  # the schema is strict: an unknown status fails it
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, schema)


def test_the_report_schema_knows_every_status():
    from factcheck.comparison.compare import STATUSES

    schema = json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["findings"]["items"]["properties"]["status"]["enum"]) == set(STATUSES)


def test_report_refuses_to_overwrite_the_full_report_from_a_subset(room):
    before = (room / "reports/discrepancies.md").read_bytes()
    p = factcheck(room, "report", "sources/example-wire.txt")
    assert p.returncode == 2 and "-o" in p.stderr
    assert (room / "reports/discrepancies.md").read_bytes() == before
    p = factcheck(room, "report", "sources/example-wire.txt", "-o", "one.md")
    assert p.returncode == 0 and "wrote the markdown report of 1 sources to one.md" in p.stdout
    p = factcheck(room, "report", "sources")  # the whole sources directory named: the full report
    assert p.returncode == 0 and "reports/discrepancies.md" in p.stdout


# ---------------------------------------------------------------------------------------------
# Focused annotations


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


def _articles(room: Path, n: int, day: str) -> None:
    """n copies of one article, each its own outlet, all saying the summit opened on `day`."""
    with open(room / "sources/sources.yaml", "a", encoding="utf-8") as f:
        for i in range(n):
            (room / f"sources/desk-{day.lower()}-{i:02d}.txt").write_text(
                f"Summit report {i}\n\nThe water summit opened on {day} in Geneva, desk {i} said.\n",
                encoding="utf-8")
            f.write(f"desk-{day.lower()}-{i:02d}:\n  outlet: Desk {day} {i}\n  published: 2025-06-03\n")


def test_annotations_only_on_changed_sources_at_most_ten(room):
    _git(room, "init", "-q", "-b", "main")
    _articles(room, 12, "Monday")  # on the base branch: twelve sources that agree with the example
    _git(room, "add", "-A")
    _git(room, "commit", "-q", "-m", "base")
    _git(room, "checkout", "-q", "-b", "change")
    _articles(room, 14, "Tuesday")  # the change: fourteen sources that bring a conflict
    summary = room.parent / "summary.md"
    p = factcheck(room, "check", "--since", "main",
                  env=clean_env(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary)))
    assert p.returncode == 1
    errors = [ln for ln in p.stdout.splitlines() if ln.startswith("::error file=sources/")]
    assert len(errors) == 10
    assert all("desk-tuesday-" in ln and ",line=3," in ln for ln in errors)
    notices = [ln for ln in p.stdout.splitlines() if ln.startswith("::notice")]
    # 14 new-conflict lines and the stale report: 15 in all, 10 shown
    assert len(notices) == 1 and "and 5 more" in notices[0] and "step summary" in notices[0]
    listed = summary.read_text(encoding="utf-8").split("### Annotations")[1]
    assert len(re.findall(r"desk\\?-tuesday\\?-\d\d\.txt:3", listed)) == 14
    assert not re.search(r"desk\\?-monday\\?-\d\d\.txt:", listed)  # named as other sources, never annotated
    log = json.loads(factcheck(room, "check", "--since", "main", "--format", "sarif").stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    (result,) = log["runs"][0]["results"]
    where = result["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"].startswith("sources/desk-tuesday-") and where["region"]["startLine"] == 3


def test_the_default_base_is_the_pull_requests():
    from factcheck.gate.changes import default_base

    assert default_base({"GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": "main"}) == "origin/main"
    assert default_base({"GITHUB_ACTIONS": "true", "GITHUB_BASE_REF": ""}) is None  # a push has no base
    assert default_base({"GITHUB_BASE_REF": "main"}) is None  # outside Actions: nothing implied


def test_without_a_base_every_evidence_line_is_annotated_up_to_ten(room):
    _articles(room, 3, "Tuesday")
    p = factcheck(room, "check", env=clean_env(GITHUB_ACTIONS="true"))
    errors = [ln for ln in p.stdout.splitlines() if ln.startswith("::error file=sources/")]
    assert len(errors) == 4  # the example and the three new ones
    assert not [ln for ln in p.stdout.splitlines() if ln.startswith("::notice")]


def test_since_a_ref_git_cannot_find_is_bad_input(room):
    _git(room, "init", "-q", "-b", "main")
    p = factcheck(room, "check", "--since", "no-such-branch")
    assert p.returncode == 2 and p.stderr.startswith("factcheck: error: --since no-such-branch")


# ---------------------------------------------------------------------------------------------
# accept: replace, prune, lock


def _entries(room):
    return yaml.safe_load((room / "claims/accepted.yaml").read_text(encoding="utf-8"))["accepted"] or []


def test_accept_replaces_the_superseded_entry_and_keeps_its_reason(room):
    _add_second_article(room)
    p = factcheck(room, "accept", "event.start", "--reason", "first look")
    assert p.returncode == 0 and "wrote claims/accepted.yaml" in p.stdout
    _articles(room, 1, "Thursday")  # a third value (the Thursday before 3 June): the conflict is superseded
    p = factcheck(room, "accept", "event.start", "--reason", "second look")
    assert p.returncode == 0 and "replaces" in p.stdout
    (entry,) = _entries(room)
    assert entry["reason"] == "second look" and entry["values"] == ["2025-05-29", "2025-06-02", "2025-06-03"]
    assert entry["history"] == [{"values": ["2025-06-02", "2025-06-03"], "reason": "first look"}]


def test_accept_prune_removes_stale_entries(room):
    _add_second_article(room)
    assert factcheck(room, "accept", "event.start", "--reason", "seen").returncode == 0
    (room / "sources/second-desk.txt").unlink()
    meta = room / "sources/sources.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(SECOND_FACTS, ""), encoding="utf-8")
    p = factcheck(room, "accept", "--prune")
    assert p.returncode == 0 and "1 stale entry removed from claims/accepted.yaml" in p.stdout
    assert _entries(room) == []
    p = factcheck(room, "accept", "--prune")
    assert "nothing written" in p.stdout


def test_concurrent_accepts_lose_nothing(room):
    """Four processes accept four topics at once; every entry survives."""
    pack = (room / "claims/pack.yaml").read_text(encoding="utf-8")
    topics = ["event.start", "event.end", "event.location", "event.duration"]
    (room / "sources/other.txt").write_text(
        "Geneva water talks\n\nThe water summit opened on Tuesday, officials said. "
        "The summit is being held in Lausanne this week.\n"
        "The summit will run until Friday. The two-day summit drew few delegations.\n", encoding="utf-8")
    with open(room / "sources/sources.yaml", "a", encoding="utf-8") as f:
        f.write("other:\n  published: 2025-06-03\n")
    (room / "claims/pack.yaml").write_text(pack.replace(
        "  Geneva: {kind: city, in: Switzerland, aliases: [Genf, Geneve]}",
        "  Geneva: {kind: city, in: Switzerland, aliases: [Genf, Geneve]}\n  Lausanne: {kind: city, in: Switzerland}"),
        encoding="utf-8")
    status = json.loads(factcheck(room, "report", "--format", "json").stdout)
    conflicting = sorted(f["topic"] for f in status["findings"] if f["status"] == "conflict")
    assert conflicting == sorted(topics), conflicting
    procs = [subprocess.Popen([sys.executable, "-m", "factcheck", "accept", t, "--reason", f"checked {t}", "--no-cache"],
                              cwd=room, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for t in topics]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    assert sorted(e["topic"] for e in _entries(room)) == sorted(topics)


def test_did_you_mean_for_options_and_files(room):
    p = factcheck(room, "check", "--formt", "json")
    assert p.returncode == 2 and "(did you mean '--format'?)" in p.stderr
    p = factcheck(room, "explain", "sources/exampel-wire.txt")
    assert p.returncode == 2 and "(did you mean 'sources/example-wire.txt'?)" in p.stderr


def test_every_example_event_validates_against_the_report_schema():
    """The examples exercise what the seeds do not: revised series, quantities, times, voices."""
    from factcheck.outputs.render import as_json
    from factcheck.run.pipeline import run

    schema = json.loads((SCHEMAS / "report.schema.json").read_text(encoding="utf-8"))
    examples = sorted(p for p in (REPO / "examples").iterdir() if (p / "pack.yaml").is_file())
    assert examples
    for ex in examples:
        jsonschema.validate(json.loads(as_json(run([str(ex / "sources")], str(ex / "pack.yaml")))), schema)
