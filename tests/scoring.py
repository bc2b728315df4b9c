"""Precision and recall of extraction against a gold annotation, held to what the README states."""

from __future__ import annotations

import re
from pathlib import Path

from factcheck.run.pipeline import Result

README = Path(__file__).resolve().parent.parent / "README.md"


def predicted(result: Result) -> set[tuple[str, str, str]]:
    """(source, topic, value) as the report states them: each source's most specific values, as that
    source writes them (a clock time in its own zone, though the report groups it with the same instant)."""
    return {(c.source, f.topic, str(c.value)) for f in result.findings for g in f.values for c in g.claims}


def gold_set(gold: dict) -> set[tuple[str, str, str]]:
    return {(src, topic, str(v)) for src, topics in gold.items() for topic, vs in topics.items() for v in vs}


def score(pred: set, gold: set) -> tuple[float, float, set, set]:
    tp = pred & gold
    precision = len(tp) / len(pred) if pred else 1.0
    recall = len(tp) / len(gold) if gold else 1.0
    return precision, recall, pred - gold, gold - pred


def stated(name: str) -> tuple[str, str]:
    """The precision and recall the README's accuracy table states now for a corpus (the last pair of
    its row: a row may also tell earlier figures), as written."""
    table = README.read_text(encoding="utf-8").split("\n## Accuracy\n", 1)[1].split("\n## ", 1)[0]
    row = next(ln for ln in table.splitlines() if ln.startswith("|") and name in ln.split("|")[1])
    pairs = re.findall(r"(\d\.\d+)(?:, recall | / )(\d\.\d+)", row.split("|")[2])
    return pairs[-1]


def assert_scores(name: str, result: Result, gold: dict) -> None:
    """Print precision, recall and every miss; require the figures the README states, to its digits."""
    precision, recall, false_pos, false_neg = score(predicted(result), gold_set(gold))
    print(f"\n{name}: precision {precision:.3f}, recall {recall:.3f}")
    misses = [f"false positive: {fp}" for fp in sorted(false_pos)] + [f"missed: {fn}" for fn in sorted(false_neg)]
    for m in misses:
        print(" ", m)
    p, r = stated(name)
    measured = (f"{precision:.{len(p) - 2}f}", f"{recall:.{len(r) - 2}f}")
    assert measured == (p, r), f"{name}: measured {measured}, the README states {(p, r)}; " + "; ".join(misses)
