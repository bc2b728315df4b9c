"""Executors: the same results in the same order wherever extraction runs, and a Dask cluster's run
byte-identical to one process."""

import shutil
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.run import executors
from factcheck.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "engines"


def _square_plus(context: int, item: int) -> int:
    return item * item + context


@pytest.mark.parametrize("runner", [executors.InProcess(), executors.ProcessPool(2)], ids=["in-process", "pool"])
def test_results_come_back_in_the_items_order(runner):
    # more items than fit in flight at once, and a count that leaves a short last batch
    n = executors.BATCH * executors.IN_FLIGHT * 2 * 3 + 5
    assert list(runner.map(_square_plus, 7, iter(range(n)))) == [i * i + 7 for i in range(n)]


def _corpus(tmp_path: Path, n: int) -> Path:
    """n sources: the fixture's articles (one a reprint of another) under new names with their facts,
    more than are extracted in-process."""
    articles = sorted((FIXTURES / "sources").glob("*.txt"))
    facts = yaml.safe_load((FIXTURES / "sources" / "sources.yaml").read_text(encoding="utf-8"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    meta = {}
    for i in range(n):
        src = articles[i % len(articles)]
        shutil.copy(src, corpus / f"{i:03d}_{src.stem}.txt")
        meta[f"{i:03d}_{src.stem}"] = facts[src.stem]
    (corpus / "sources.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    return corpus


def _reports(corpus: Path, out: Path, *options: str) -> tuple[bytes, bytes]:
    got = []
    for fmt in ("markdown", "json"):
        target = out / f"{'-'.join(options) or 'plain'}.{fmt}".replace("/", "_").replace(":", "_")
        assert main(["report", str(corpus), "--claims", str(FIXTURES / "claims"), "--no-cache", "--format", fmt,
                     "-o", str(target), *options]) == 0
        got.append(target.read_bytes())
    return got[0], got[1]


def test_a_dask_cluster_gives_the_single_process_output(tmp_path):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    corpus = _corpus(tmp_path, 40)
    single = _reports(corpus, tmp_path, "--jobs", "1")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      memory_limit="512MiB") as cluster:
        on_dask = _reports(corpus, tmp_path, "--engine", "dask", "--scheduler", cluster.scheduler_address)
    assert on_dask == single
    assert b"039_" in single[1]  # every source is in the report


def test_dask_not_installed_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    corpus = _corpus(tmp_path, 40)
    assert main(["report", str(corpus), "--claims", str(FIXTURES / "claims"), "--no-cache", "--engine", "dask",
                 "-o", str(tmp_path / "r.md")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("factcheck: error: ") and "factcheck[dask]" in err and err.count("\n") == 1
    assert not (tmp_path / "r.md").exists()


def test_a_scheduler_without_the_dask_engine_is_a_usage_error(tmp_path, capsys):
    assert main(["report", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786", "-o", str(tmp_path / "r.md")]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_a_run_keeps_claims_not_texts_and_reads_as_it_goes(tmp_path, monkeypatch):
    from factcheck.run import pipeline

    corpus = _corpus(tmp_path, 40)
    events = []
    read, analyse = pipeline.read_source, pipeline.analyse_slim
    monkeypatch.setattr(pipeline, "READ_BATCH", 4)
    monkeypatch.setattr(pipeline, "read_source", lambda *a: events.append("read") or read(*a))
    monkeypatch.setattr(pipeline, "analyse_slim", lambda *a: events.append("analysed") or analyse(*a))
    result = pipeline.run([str(corpus)], str(FIXTURES / "claims"), jobs=1)
    assert len(result.sources) == 40 and all(not hasattr(r.source, "text") for r in result.sources)
    assert all(c.sentence for r in result.sources for c in r.claims)  # the evidence stays
    # the first source was extracted before the 40th was read (later reads are reprint detection's):
    # texts are not all held at once
    fortieth_read = [i for i, e in enumerate(events) if e == "read"][39]
    assert events.index("analysed") < fortieth_read
    assert result.reprints  # the copies were found, their texts read again for the comparison
