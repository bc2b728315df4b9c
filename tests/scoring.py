"""Precision and recall of extraction against a gold annotation."""

from __future__ import annotations

from factcheck.run.pipeline import Result


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


def assert_scores(name: str, result: Result, gold: dict, minimum: float = 0.95) -> None:
    """Print precision, recall and every miss, then require both at `minimum`."""
    precision, recall, false_pos, false_neg = score(predicted(result), gold_set(gold))
    print(f"\n{name}: precision {precision:.3f}, recall {recall:.3f}")
    for fp in sorted(false_pos):
        print("  false positive:", fp)
    for fn in sorted(false_neg):
        print("  missed:", fn)
    assert precision >= minimum and recall >= minimum
