"""The CI gate end to end, through the real command line (`python -m factcheck` in a subprocess),
on a copy of seeds/ and claims/ in a temporary directory: every exit path of `factcheck check`."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from command import clean_env, factcheck
from paths import FIXTURES as ROOT  # the frozen event, never the live one

REPORT = Path("reports/discrepancies.md")
BASELINE = Path("claims/accepted.yaml")

# Mirrors how the seeds word the crossing ("crossed ... at Bileh Savar"), at another crossing.
NEW_SOURCE = ("Iran and Azerbaijan hold joint drill\n\n"
              "Iranian special forces crossed into Azerbaijan at the Astara crossing for the Aras 2025 exercise, "
              "the IRGC said.\n")




def run_printed(cwd, command: str, **replace):
    """Run a fix command exactly as the gate printed it (placeholders swapped for real text)."""
    argv = shlex.split(command)
    assert argv[0] == "factcheck"
    argv = [replace.get(a, a) for a in argv[1:]]
    return factcheck(cwd, *argv)


def fix_after(stdout: str, marker: str) -> str:
    """The command on the line after the one holding marker."""
    lines = stdout.splitlines()
    i = next(i for i, ln in enumerate(lines) if marker in ln)
    return lines[i + 1].strip()


@pytest.fixture
def repo(tmp_path):
    """A copy of the repository's sources and packs, with its report generated."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    p = factcheck(tmp_path, "report")
    assert p.returncode == 0, p.stderr
    return tmp_path


def test_clean_repository_passes(repo):
    p = factcheck(repo, "check")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "factcheck: ok: every conflict is accepted" in p.stdout
    assert "NEW CONFLICT" not in p.stdout and "STALE REPORT" not in p.stdout
    assert p.stderr == ""


def test_new_conflicting_source_fails_names_it_and_accepting_it_passes(repo):
    report_before = (repo / REPORT).read_bytes()
    (repo / "seeds/005_new.txt").write_text(NEW_SOURCE, encoding="utf-8")

    p = factcheck(repo, "check")
    assert p.returncode == 1
    out = p.stdout
    assert "NEW CONFLICT crossing.point" in out
    # Each value, then who says it (the outlet's name, else the id), where, and in which words.
    words = re.search(r'  "Astara"\n    005_new \(seeds/005_new\.txt:3\) "(.+)"\n', out).group(1)
    assert "Astara" in words and words.strip("\u2026") in NEW_SOURCE
    words = re.search(r'  "Bileh Savar"\n    The Levant Files \(seeds/000_a601a88028656b03\.txt:9\) "(.+)"\n',
                      out).group(1)
    assert "crossed at Bileh Savar" in words
    assert "STALE REPORT reports/discrepancies.md" in out
    assert out.rstrip().endswith("factcheck: FAIL: 1 new conflict, report stale")
    assert (repo / REPORT).read_bytes() == report_before  # check never writes the report

    # The printed commands fix what they say they fix.
    accept = fix_after(out, "accept it:")
    assert accept == "factcheck accept crossing.point --reason '<why it is accepted>'"
    baseline_before = (repo / BASELINE).read_text(encoding="utf-8")
    p = run_printed(repo, accept, **{"<why it is accepted>": "Astara is reported by one outlet only; under review"})
    assert p.returncode == 0, p.stderr
    assert "accepted the conflict in crossing.point (Astara, Bileh Savar)" in p.stdout
    baseline_after = (repo / BASELINE).read_text(encoding="utf-8")
    assert baseline_after.startswith(baseline_before.split("accepted:")[0])
    assert "- topic: crossing.point\n  values: [Astara, Bileh Savar]\n" in baseline_after
    assert "reason: Astara is reported by one outlet only; under review" in baseline_after

    p = factcheck(repo, "check")
    assert p.returncode == 1 and "NEW CONFLICT" not in p.stdout  # accepted; only the report is left
    p = run_printed(repo, fix_after(p.stdout, "STALE REPORT"))
    assert p.returncode == 0
    p = factcheck(repo, "check")
    assert p.returncode == 0, p.stdout
    assert "5 conflicts, 5 accepted" in p.stdout

    # Accepting again changes nothing.
    p = run_printed(repo, accept, **{"<why it is accepted>": "again"})
    assert p.returncode == 0 and "already accepted" in p.stdout
    assert (repo / BASELINE).read_text(encoding="utf-8") == baseline_after

    # The source goes away: its acceptance is reported as stale, which alone does not fail the gate.
    (repo / "seeds/005_new.txt").unlink()
    factcheck(repo, "report")
    p = factcheck(repo, "check")
    assert p.returncode == 0, p.stdout
    assert re.search(r'note: accepted conflict no longer found: crossing\.point "Astara", "Bileh Savar"; '
                     r'delete its entry at claims/accepted\.yaml:\d+', p.stdout)
    line = int(re.search(r"claims/accepted\.yaml:(\d+)", p.stdout).group(1))
    assert (repo / BASELINE).read_text(encoding="utf-8").splitlines()[line - 1] == "- topic: crossing.point"


def test_a_value_many_sources_give_shows_the_first_few_and_counts_the_rest(repo):
    for i in range(7):
        (repo / f"seeds/10{i}_new.txt").write_text(NEW_SOURCE.replace("special forces", f"unit {i} forces"),
                                                   encoding="utf-8")
    out = factcheck(repo, "check").stdout
    lines = out.split('  "Astara"\n', 1)[1].splitlines()
    block = lines[: next(i for i, ln in enumerate(lines) if not ln.startswith("    "))]
    assert [ln.split(" (")[0] for ln in block[:5]] == [f"    10{i}_new" for i in range(5)]
    assert block[5] == "    ... and 2 more (the report lists them)"


def test_a_new_value_in_an_accepted_topic_is_a_new_conflict(repo):
    text = (repo / "seeds/000_a601a88028656b03.txt").read_text(encoding="utf-8")
    (repo / "seeds/005_new.txt").write_text(
        "Joint drill\n\nThe Aras 2025 military exercise between Iran and Azerbaijan took place on 20-21 May 2025.\n",
        encoding="utf-8")
    p = factcheck(repo, "check")
    assert p.returncode == 1
    assert "NEW CONFLICT exercise.start" in p.stdout
    assert re.search(r'"2025-05-20"  <- new\n    005_new \(seeds/005_new\.txt:3\) "[^"\n]*took place on 20-21 May 2025\."',
                     p.stdout)
    assert re.search(r'replaces the accepted "2025-05-18", "2025-05-19", "XXXX-WXX-7" \(claims/accepted\.yaml:\d+\)',
                     p.stdout)
    assert (repo / "seeds/000_a601a88028656b03.txt").read_text(encoding="utf-8") == text


def test_edits_elsewhere_leave_the_baseline_alone_and_only_stale_the_report(repo):
    """Fingerprints hold no line numbers: shifting every line of a source changes the report only."""
    seed = repo / "seeds/002_59d71dc90c37a2e5.txt"
    seed.write_text("\n\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    baseline = (repo / BASELINE).read_bytes()
    p = factcheck(repo, "check")
    assert p.returncode == 1
    assert "NEW CONFLICT" not in p.stdout and "no longer found" not in p.stdout
    assert "STALE REPORT reports/discrepancies.md is out of date with the sources" in p.stdout
    assert p.stdout.rstrip().endswith("factcheck: FAIL: report stale")
    fix = fix_after(p.stdout, "STALE REPORT")
    assert fix == "factcheck report"
    assert run_printed(repo, fix).returncode == 0
    assert factcheck(repo, "check").returncode == 0
    assert (repo / BASELINE).read_bytes() == baseline


def test_missing_report_fails_and_the_fix_names_the_custom_paths(repo):
    shutil.move(repo / "seeds", repo / "articles")
    p = factcheck(repo, "check", "articles", "--report", "out/report.md")
    assert p.returncode == 1
    assert "STALE REPORT out/report.md is missing" in p.stdout
    fix = fix_after(p.stdout, "STALE REPORT")
    assert fix == "factcheck report articles -o out/report.md"
    assert run_printed(repo, fix).returncode == 0
    assert factcheck(repo, "check", "articles", "--report", "out/report.md").returncode == 0


def test_report_with_other_line_ends_is_current(repo):
    report = repo / REPORT
    report.write_bytes(report.read_bytes().replace(b"\n", b"\r\n"))
    assert factcheck(repo, "check").returncode == 0


def test_exit_zero_reports_but_passes(repo):
    (repo / "seeds/005_new.txt").write_text(NEW_SOURCE, encoding="utf-8")
    p = factcheck(repo, "check", "--exit-zero")
    assert p.returncode == 0
    assert "NEW CONFLICT crossing.point" in p.stdout and "factcheck: FAIL" in p.stdout


def test_custom_baseline_file(repo):
    (repo / "seeds/005_new.txt").write_text(NEW_SOURCE, encoding="utf-8")
    factcheck(repo, "report")
    p = factcheck(repo, "check", "--baseline", "gate/accepted.yaml")
    assert p.returncode == 1
    assert "(no such file yet)" in p.stdout
    assert p.stdout.count("NEW CONFLICT") == 5  # nothing is accepted in an empty baseline
    lines = p.stdout.splitlines()
    i = lines.index(next(ln for ln in lines if ln.startswith("NEW CONFLICT crossing.point")))
    accept = next(ln.strip() for ln in lines[i:] if ln.strip().startswith("factcheck accept"))
    assert accept == ("factcheck accept crossing.point --baseline gate/accepted.yaml "
                      "--reason '<why it is accepted>'")
    assert run_printed(repo, accept, **{"<why it is accepted>": "checked"}).returncode == 0
    assert (repo / "gate/accepted.yaml").exists()
    p = factcheck(repo, "check", "--baseline", "gate/accepted.yaml")
    assert p.stdout.count("NEW CONFLICT") == 4 and "crossing.point" not in p.stdout.split("NEW CONFLICT", 1)[1]


def test_accept_refuses_what_it_cannot_accept(repo):
    baseline = (repo / BASELINE).read_bytes()
    for args, message in [
        (["accept", "crossing.pont", "--reason", "x"], "unknown topic 'crossing.pont' (did you mean 'crossing.point'?)"),
        (["accept", "crossing.point", "--reason", "x"], "topic 'crossing.point' has no conflict to accept"),
        (["accept", "exercise.start", "--reason", "  "], "--reason must say why the conflict is accepted"),
        (["accept", "exercise.start"], 'accept exercise.start needs --reason "why it is accepted"'),
            (["accept", "--reason", "x"], "name a TOPIC to accept, or give --prune"),
    ]:
        p = factcheck(repo, *args)
        assert p.returncode == 2, args
        assert p.stderr.startswith("factcheck: error: ") and p.stderr.count("\n") == 1, p.stderr
        assert message in p.stderr
    assert (repo / BASELINE).read_bytes() == baseline


def test_incremental_recheck_extracts_only_the_new_source(repo):
    p = factcheck(repo, "check")
    # `report` in the fixture filled the cache, the commentary without claims too (its entry is signed)
    assert "5 sources (0 extracted, 5 from cache)" in p.stdout
    (repo / "seeds/005_new.txt").write_text(NEW_SOURCE, encoding="utf-8")
    p = factcheck(repo, "check")
    assert "6 sources (1 extracted, 5 from cache)" in p.stdout
    p = factcheck(repo, "check", "--no-cache")
    assert "6 sources (6 extracted, 0 from cache)" in p.stdout
    assert (repo / ".factcheck-cache/.gitignore").read_text() == "*\n"


def test_no_cache_writes_no_cache(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    assert factcheck(tmp_path, "report", "--no-cache").returncode == 0
    assert factcheck(tmp_path, "check", "--no-cache").returncode == 0
    assert not (tmp_path / ".factcheck-cache").exists()


def test_github_actions_annotations_and_summary(repo):
    # A file name with the characters that separate annotation properties.
    (repo / "seeds/005_a,b:c.txt").write_text(NEW_SOURCE, encoding="utf-8")
    summary = repo / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    p = factcheck(repo, "check", env=clean_env(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary)))
    assert p.returncode == 1
    errors = [ln for ln in p.stdout.splitlines() if ln.startswith("::error ")]
    assert ("::error file=seeds/005_a%2Cb%3Ac.txt,line=3,title=factcheck%3A new conflict in crossing.point::"
            "crossing.point: this source gives Astara; other sources give Bileh Savar "
            "(The Levant Files, Iran International). If the conflict is real, accept it: "
            "factcheck accept crossing.point --reason '<why it is accepted>'") in errors
    evidence = sorted(re.match(r"::error file=([^,]+),line=(\d+),", e).groups() for e in errors if "line=" in e)
    assert [f for f, _ in evidence] == ["seeds/000_a601a88028656b03.txt", "seeds/002_59d71dc90c37a2e5.txt",
                                        "seeds/005_a%2Cb%3Ac.txt"]
    assert "::error file=reports/discrepancies.md,title=factcheck%3A report out of date::" \
           "reports/discrepancies.md is stale; regenerate and commit it" in errors
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## factcheck gate: failed\n")
    assert "| crossing.point | `Bileh Savar` — The Levant Files, Iran International<br>`Astara` — " \
           "005\\_a,b:c | `factcheck accept crossing.point --reason '<why it is accepted>'` |" in text
    assert "### Report out of date" in text


def test_github_actions_bad_input_is_annotated(repo):
    (repo / "seeds/005_empty.txt").write_bytes(b"")
    p = factcheck(repo, "check", env=clean_env(GITHUB_ACTIONS="true"))
    assert p.returncode == 2
    assert p.stderr == "factcheck: error: seeds/005_empty.txt: file is empty\n"
    assert p.stdout == ("::error file=seeds/005_empty.txt,title=factcheck%3A bad input::"
                        "seeds/005_empty.txt: file is empty\n")


def test_no_annotations_outside_actions(repo):
    (repo / "seeds/005_new.txt").write_text(NEW_SOURCE, encoding="utf-8")
    p = factcheck(repo, "check")
    assert "::error" not in p.stdout


def test_the_fixture_event_passes_its_own_gate():
    """The fixture event's known conflicts are accepted in its claims/accepted.yaml and its committed
    report is current: the state .ci/run checks for the repository's own event."""
    p = subprocess.run([sys.executable, "-m", "factcheck", "check", "--no-cache"], cwd=ROOT,
                       capture_output=True, text=True, env=clean_env(), timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
