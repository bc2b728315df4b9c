"""A light rewrite of another source is detected and counted once."""

import shutil

from factcheck.run.pipeline import run


def _rewrite(text: str) -> str:
    return (text.replace("Iran\u2019s Revolutionary Guards", "Iran's Revolutionary Guard Corps")
            .replace("began a joint", "launched a joint").replace("rare display", "rare show")
            .replace("according to officials from both countries", "officials from both countries said"))


def test_rewrite_is_a_reprint_and_counts_once(tmp_path):
    for f in ("002_59d71dc90c37a2e5.txt", "003_09be5ea811a09ee2.txt"):
        shutil.copy(f"seeds/{f}", tmp_path / f)
    original = (tmp_path / "002_59d71dc90c37a2e5.txt").read_text(encoding="utf-8")
    (tmp_path / "009_rewrite.txt").write_text(_rewrite(original), encoding="utf-8")
    result = run([str(tmp_path)], "claims")
    assert [(r.copy, r.original) for r in result.reprints] == [("009_rewrite", "002_59d71dc90c37a2e5")]
    crossing = next(f for f in result.findings if f.topic == "crossing.point")
    group = crossing.values[0]
    assert group.sources == ["002_59d71dc90c37a2e5", "009_rewrite"] and group.independent == 1


def test_no_reprints_among_the_seeds():
    assert run(["seeds"], "claims").reprints == []
