"""Parallel extraction gives byte-identical output to one process."""

import shutil

from factcheck.cli import main
from factcheck.run.pipeline import PARALLEL_FROM


def test_jobs_2_equals_jobs_1(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(p for p in __import__("pathlib").Path("seeds").glob("*.txt"))
    # enough sources to use worker processes: copies of the seeds under new names
    for i in range(PARALLEL_FROM + 8):
        src = seeds[i % len(seeds)]
        shutil.copy(src, corpus / f"{i:03d}_{src.stem}.txt")
    outs = {}
    for jobs in (1, 2):
        for fmt in ("markdown", "json"):
            out = tmp_path / f"{jobs}.{fmt}"
            assert main(["report", str(corpus), "--no-cache", "--jobs", str(jobs), "--format", fmt, "-o", str(out)]) == 0
            outs[(jobs, fmt)] = out.read_bytes()
    assert outs[(1, "markdown")] == outs[(2, "markdown")]
    assert outs[(1, "json")] == outs[(2, "json")]
    assert b"039_" in outs[(1, "json")]  # every copy is in the report
