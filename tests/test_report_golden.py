"""The committed report is exactly what `factcheck report` produces now."""

import difflib
from pathlib import Path

from factcheck.cli import main

COMMITTED = Path("reports/discrepancies.md")


def test_committed_report_is_current(tmp_path):
    out = tmp_path / "discrepancies.md"
    assert main(["report", "-o", str(out)]) == 0
    obtained, expected = out.read_text(encoding="utf-8"), COMMITTED.read_text(encoding="utf-8")
    if obtained != expected:
        dump = COMMITTED.with_suffix(".obtained.md")
        dump.write_text(obtained, encoding="utf-8")
        diff = "".join(difflib.unified_diff(expected.splitlines(True), obtained.splitlines(True),
                                            str(COMMITTED), str(dump)))
        raise AssertionError(f"report differs; obtained output written to {dump}\n{diff[:4000]}")


def test_report_is_deterministic(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    assert main(["report", "-o", str(a)]) == 0
    assert main(["report", "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
