"""Bad input through the real command line: exit 2, one line `factcheck: error: file[:line]: message`,
no traceback, and the previous report and baseline left exactly as they were."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paths import FIXTURES as ROOT  # the frozen event, never the live one
REPORT = Path("reports/discrepancies.md")
BASELINE = Path("claims/accepted.yaml")

# A pack with one pattern rule; {pattern} is the rule's regex (single-quoted YAML).
EXTRA_PACK = """\
pack: extra
event:
  nouns: [festival]
topics:
  extra.count:
    type: number
    rules:
      - id: extra.pattern
        frame: pattern
        pattern: '{pattern}'
        examples:
          - text: The festival drew 12 bands.
            value: "12"
        not:
          - The town has 12 bakeries.
"""
PATTERN_LINE = 10
# An entry appended to the seeds' sources.yaml starts on this line.
APPENDED = len((ROOT / "seeds/sources.yaml").read_text(encoding="utf-8").splitlines()) + 1


def _env():
    return {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    (tmp_path / "reports").mkdir()
    (tmp_path / REPORT).write_text("# the previous report\n", encoding="utf-8")
    return tmp_path


def _append(path: Path, text: str):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# name -> (how to break the copy, extra arguments, expected stderr as a regex after "factcheck: error: ")
CASES = {
    "empty file": (lambda r: (r / "seeds/005.txt").write_bytes(b""), [],
                   r"seeds/005\.txt: file is empty"),
    "blank file": (lambda r: (r / "seeds/005.txt").write_bytes(b" \n\t\n"), [],
                   r"seeds/005\.txt: file is empty"),
    "binary file": (lambda r: (r / "seeds/005.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), [],
                    r"seeds/005\.txt: binary file \(contains NUL bytes\), expected UTF-8 text"),
    "latin-1 text": (lambda r: (r / "seeds/005.txt").write_bytes("Le café, mai 2025.\n".encode("latin-1")), [],
                     r"seeds/005\.txt: not UTF-8 text \(invalid byte at offset 6\); re-encode it as UTF-8"),
    "utf-16 text": (lambda r: (r / "seeds/005.txt").write_bytes("Drill in May.\n".encode("utf-16")), [],
                    r"seeds/005\.txt: UTF-16 text; re-encode it as UTF-8"),
    "over the size cap": (lambda r: (r / "seeds/005.txt").write_text("Drill. " * 5000, encoding="utf-8"),
                          ["--max-bytes", "20000"],
                          r"seeds/005\.txt: file is 35000 bytes, over the 20000-byte limit \(--max-bytes\)"),
    "same id in a subdirectory": (
        lambda r: ((r / "seeds/more").mkdir(), (r / "seeds/more/000_a601a88028656b03.txt").write_text("x\n")),
        [], r"seeds/more/000_a601a88028656b03\.txt: duplicate source id '000_a601a88028656b03' "
            r"\(also seeds/000_a601a88028656b03\.txt\)"),
    "same id, two suffixes": (
        lambda r: ((r / "seeds/dup.md").write_text("x\n"), (r / "seeds/dup.txt").write_text("y\n")),
        [], r"seeds/dup\.txt: duplicate source id 'dup' \(also seeds/dup\.md\)"),
    "entry for a missing file": (lambda r: _append(r / "seeds/sources.yaml", "ghost:\n  outlet: Nobody\n"), [],
                                 rf"seeds/sources\.yaml:{APPENDED}: entry 'ghost' names no source file in seeds"),
    "entry outside the directory": (lambda r: _append(r / "seeds/sources.yaml", "../secrets:\n  outlet: x\n"), [],
                                    rf"seeds/sources\.yaml:{APPENDED}: source id '\.\./secrets' points outside its directory"),
    "symlink out of the directory": (lambda r: (r / "seeds/005.txt").symlink_to(r / "claims/aras-2025.yaml"), [],
                                     r"seeds/005\.txt: links to a file outside seeds"),
    "malformed sources.yaml": (lambda r: _append(r / "seeds/sources.yaml", "oops: [unclosed\n"), [],
                               rf"seeds/sources\.yaml:{APPENDED + 1}: malformed YAML: .+"),
    "control character in sources.yaml": (lambda r: _append(r / "seeds/sources.yaml", "x\x01: {}\n"), [],
                                          rf"seeds/sources\.yaml:{APPENDED}: malformed YAML: character U\+0001 is not allowed"),
    "duplicate entry in sources.yaml": (
        lambda r: _append(r / "seeds/sources.yaml", "004_598b9436efe036ce:\n  outlet: Someone else\n"), [],
        rf"seeds/sources\.yaml:{APPENDED}: duplicate key '004_598b9436efe036ce' \(also line \d+\)"),
    "list where text belongs": (
        lambda r: (r / "seeds/sources.yaml").write_text("000_a601a88028656b03:\n  outlet: &a [x, *a]\n"), [],
        r"seeds/sources\.yaml:2: '000_a601a88028656b03': outlet must be text, not a list or mapping"),
    "bad published date": (
        lambda r: (r / "seeds/sources.yaml").write_text("000_a601a88028656b03:\n  published: 2025-02-30\n"), [],
        r"seeds/sources\.yaml:2: '000_a601a88028656b03': published must be YYYY-MM-DD or YYYY-MM, got '2025-02-30'"),
    "deeply nested sources.yaml": (
        lambda r: (r / "seeds/sources.yaml").write_text("a: " + "[" * 3000 + "]" * 3000 + "\n"), [],
        r"seeds/sources\.yaml:1: malformed YAML: nested more than 64 levels deep"),
    "alias bomb in sources.yaml": (
        lambda r: (r / "seeds/sources.yaml").write_text(
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdef", "bcdefg"))), [],
        r"seeds/sources\.yaml:\d+: malformed YAML: aliases expand to more than 200,000 nodes"),
    "alias bomb in a pack": (
        lambda r: (r / "claims/extra.yaml").write_text(
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdef", "bcdefg"))), [],
        r"claims/extra\.yaml:\d+: malformed YAML: aliases expand to more than 200,000 nodes"),
    "malformed pack": (lambda r: (r / "claims/broken.yaml").write_text("pack: x\ntopics: [\n"), [],
                       r"claims/broken\.yaml:3: malformed YAML: .+"),
    "pack that is not a pack": (lambda r: (r / "claims/broken.yaml").write_text("pack: x\nevent: 3\ntopics: {}\n"),
                                [], r"claims/broken\.yaml(:\d+)?: event: expected a mapping"),
    "invalid rule regex": (
        lambda r: (r / "claims/extra.yaml").write_text(EXTRA_PACK.format(pattern=r"drew (?P<value>[0-9"), ), [],
        rf"claims/extra\.yaml:{PATTERN_LINE}: rule extra\.pattern: invalid regex: .+"),
    "catastrophic rule regex": (
        lambda r: (r / "claims/extra.yaml").write_text(EXTRA_PACK.format(pattern=r"(?P<value>(\d+)+)b")), [],
        rf"claims/extra\.yaml:{PATTERN_LINE}: rule extra\.pattern: regex has a nested quantifier "
        r"\(catastrophic backtracking\).*"),
    "no such source path": (lambda r: None, ["nowhere"], r"nowhere: no such file or directory"),
    "no such claims path": (lambda r: None, ["--claims", "nowhere"], r"nowhere: no such file or directory"),
    "no sources": (lambda r: (r / "empty").mkdir(), ["empty"],
                   r"empty: no source files found \(expected \*\.txt, \*\.md or \*\.text\)"),
    "zero size cap": (lambda r: None, ["--max-bytes", "0"], r"--max-bytes must be a positive number"),
    "unknown option": (lambda r: None, ["--bogus"], r"unrecognized arguments: --bogus \(see 'factcheck --help'\)"),
}

# The baseline is read by `check` (and `accept`) only.
BASELINE_CASES = {
    "malformed baseline": (lambda r: (r / BASELINE).write_text("accepted:\n  - topic: [\n"),
                           r"claims/accepted\.yaml:3: malformed YAML: .+"),
    "unknown key in the baseline": (lambda r: (r / BASELINE).write_text("acepted: []\n"),
                                    r"claims/accepted\.yaml:1: unknown key 'acepted' \(expected 'accepted'\)"),
    "entry without a reason": (
        lambda r: (r / BASELINE).write_text("accepted:\n- topic: a.b\n  values: [x, y]\n"),
        r"claims/accepted\.yaml:2: entry without 'reason'"),
    "same conflict twice": (
        lambda r: (r / BASELINE).write_text("accepted:\n- {topic: a, values: [x, y], reason: r}\n"
                                            "- {topic: a, values: [y, x], reason: s}\n"),
        r"claims/accepted\.yaml:3: the same conflict is accepted twice \(also line 2\)"),
    "non-UTF-8 baseline": (lambda r: (r / BASELINE).write_bytes(b"accepted: \xff\n"),
                           r"claims/accepted\.yaml: not UTF-8 text"),
}


def _assert_clean_error(p, expected: str):
    assert p.returncode == 2, p.stdout + p.stderr
    assert "Traceback" not in p.stdout + p.stderr
    assert p.stderr.count("\n") == 1, p.stderr
    assert re.fullmatch("factcheck: error: " + expected + "\n", p.stderr), p.stderr


def _run(cwd, *args):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True,
                          env=_env(), timeout=60)


@pytest.mark.parametrize("command", ["check", "report"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_cleanly_and_nothing_is_written(repo, case, command):
    breaks, args, expected = CASES[case]
    breaks(repo)
    report, baseline = (repo / REPORT).read_bytes(), (repo / BASELINE).read_bytes()
    p = _run(repo, command, *args)
    _assert_clean_error(p, expected)
    assert (repo / REPORT).read_bytes() == report
    assert (repo / BASELINE).read_bytes() == baseline
    assert not [f for f in (repo / "reports").iterdir() if f.name != "discrepancies.md"]  # no temp files left


@pytest.mark.parametrize("command", [["check"], ["accept", "exercise.start", "--reason", "x"]])
@pytest.mark.parametrize("case", sorted(BASELINE_CASES))
def test_bad_baseline_is_refused_cleanly(repo, case, command):
    breaks, expected = BASELINE_CASES[case]
    breaks(repo)
    report, baseline = (repo / REPORT).read_bytes(), (repo / BASELINE).read_bytes()
    p = _run(repo, *command)
    _assert_clean_error(p, expected)
    assert (repo / REPORT).read_bytes() == report
    assert (repo / BASELINE).read_bytes() == baseline


def test_message_with_a_line_break_stays_on_one_line(repo):
    """A source id can hold any character YAML can quote; the error still takes one line."""
    _append(repo / "seeds/sources.yaml", '"evil\\nfactcheck: ok\\u001b[2J": {}\n')
    p = _run(repo, "check")
    _assert_clean_error(p, rf"seeds/sources\.yaml:{APPENDED}: entry 'evil\\nfactcheck: ok\\x1b\[2J' names no source file in seeds")


def test_the_same_file_named_twice_is_one_source(repo):
    p = _run(repo, "report", "seeds", "seeds/000_a601a88028656b03.txt", "-o", "twice.md")
    assert p.returncode == 0, p.stderr
    assert _run(repo, "report", "-o", "once.md").returncode == 0
    assert (repo / "twice.md").read_text(encoding="utf-8") == (repo / "once.md").read_text(encoding="utf-8")


def test_interrupted_write_leaves_the_previous_file(tmp_path, monkeypatch):
    """write_atomic: the old file stays whole when the run dies between writing and renaming."""
    from factcheck import cli

    target = tmp_path / "reports/discrepancies.md"
    target.parent.mkdir()
    target.write_text("previous\n", encoding="utf-8")
    os.chmod(target, 0o644)

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cli.write_atomic(str(target), "new and longer text\n" * 100)
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [f.name for f in target.parent.iterdir()] == ["discrepancies.md"]

    monkeypatch.undo()
    cli.write_atomic(str(target), "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o644  # not the 0600 of a temporary file


def test_interrupted_accept_leaves_the_baseline(tmp_path, monkeypatch, capsys):
    from factcheck import cli

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    (tmp_path / "seeds/005_new.txt").write_text(
        "Joint drill\n\nIranian special forces crossed into Azerbaijan at the Astara crossing for the Aras 2025 "
        "exercise, the IRGC said.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = (tmp_path / BASELINE).read_bytes()

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.os, "replace", interrupted)
    assert cli.main(["accept", "crossing.point", "--reason", "x", "--no-cache"]) == 130
    assert "interrupted; no file was changed" in capsys.readouterr().err
    assert (tmp_path / BASELINE).read_bytes() == before
    assert sorted(f.name for f in (tmp_path / "claims").iterdir()) == ["accepted.yaml", "aras-2025.yaml"]


def test_a_long_sources_yaml_without_aliases_is_read(tmp_path):
    """The alias limit bounds what aliases add, not the file: 30,000 entries (over 200,000 nodes) load."""
    from factcheck.errors import SourceError
    from factcheck.ingest import yamlread

    raw = "".join(f"s{i}:\n  outlet: Outlet {i}\n  published: 2025-01-01\n" for i in range(30_000))
    root = yamlread.compose(raw, "sources.yaml", SourceError)
    assert len(root.value) == 30_000
