"""News-style sentence corpus (tests/corpus/news_sentences.yaml) run through the real pipeline.

Each entry is one sentence with the claims a careful reader takes from it. The sentence becomes a
one-line source, goes through factcheck.pipeline.analyse_source with the packs under claims/, and the
stated (not derived) claims are compared topic by topic, as the report states them (a value the
same sentence refines is dropped):

* every topic under `expect` must yield exactly the expected set of values;
* every topic under `absent` must yield nothing;
* other topics are not checked.

An entry may name another pack (`pack: quake` reads tests/corpus/packs/quake.yaml, an invented event),
and may hold a short paragraph (`paragraph: true`): several sentences read as one article.

Set FACTCHECK_CORPUS_REPORT=<path> to have the summary test write the failing entries to a file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from factcheck.comparison.compare import most_specific
from factcheck.authoring.examples import run_sentence
from factcheck.packs.pack import load_packs
from paths import FIXTURES, REPO

CORPUS = REPO / "tests" / "corpus" / "news_sentences.yaml"
PACKS = FIXTURES / "claims"  # the frozen event, never the live one
CORPUS_PACKS = REPO / "tests" / "corpus" / "packs"
GROUPS = ("temporal", "scope", "names", "containment", "counts")
MIN_POSITIVE, MIN_NEGATIVE = 8, 5


def _norm(value) -> str:
    """A YAML scalar as the string a claim value prints as (unquoted dates load as date objects)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _values(v) -> set[str]:
    return {_norm(x) for x in v} if isinstance(v, (list, tuple, set)) else {_norm(v)}


def _load():
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    entries = data["entries"]
    for e in entries:
        e["expect"] = {t: _values(v) for t, v in (e.get("expect") or {}).items()}
        e["absent"] = list(e.get("absent") or [])
        e["reference"] = _norm(e["reference"]) if e.get("reference") is not None else None
        e.setdefault("pack", None)
    return float(data["min_pass_rate"]), entries


MIN_PASS_RATE, ENTRIES = _load()


def _entry_id(i: int, e: dict) -> str:
    words = re.findall(r"[A-Za-z0-9]+", e["text"])[:6]
    return f"{i:03d}-{e['category']}-{'-'.join(w.lower() for w in words)}"


IDS = [_entry_id(i, e) for i, e in enumerate(ENTRIES, 1)]


@lru_cache(maxsize=None)
def _packs(name: str | None = None):
    return load_packs(str(CORPUS_PACKS / f"{name}.yaml" if name else PACKS))


@lru_cache(maxsize=None)
def _claims(text: str, reference: str | None, pack: str | None = None) -> dict[str, frozenset[str]]:
    """{topic: values} of the stated claims the pipeline reads from one sentence."""
    # The values the report states for a source: per topic, without those it refines
    # ("Aslan Duz, Ardabil province, Iran" states Aslan Duz).
    by_topic: dict[str, list] = defaultdict(list)
    for c in run_sentence(text, _packs(pack), reference):
        if not c.derived and not c.superseded:  # a figure reported as replaced is the series', not the source's
            by_topic[c.topic].append(c)
    kb = {t: p.gazetteer for p in _packs(pack) for t in p.topics}
    return {t: frozenset(str(c.value) for c in most_specific(cs, kb[t])) for t, cs in by_topic.items()}


def _mismatches(e: dict) -> list[str]:
    got = _claims(e["text"], e["reference"], e["pack"])
    out = []
    for topic, want in sorted(e["expect"].items()):
        have = set(got.get(topic, ()))
        if have != want:
            out.append(f"{topic}: expected {sorted(want)}, got {sorted(have)}")
    for topic in e["absent"]:
        if got.get(topic):
            out.append(f"{topic}: expected nothing, got {sorted(got[topic])}")
    return out


def _is_negative(e: dict) -> bool:
    return not e["expect"] and bool(e["absent"])


def test_corpus_is_well_formed():
    seen = Counter(e["text"] for e in ENTRIES)
    assert not [t for t, n in seen.items() if n > 1], "duplicate sentences"
    per_group = defaultdict(Counter)
    for i, e in enumerate(ENTRIES, 1):
        where = _entry_id(i, e)
        assert e["category"].split(".")[0] in GROUPS, where
        assert e["expect"] or e["absent"], f"{where}: nothing to check"
        topics = set().union(*(p.topics for p in _packs(e["pack"])))
        unknown = (set(e["expect"]) | set(e["absent"])) - topics
        assert not unknown, f"{where}: unknown topics {sorted(unknown)}"
        assert not set(e["expect"]) & set(e["absent"]), f"{where}: topic both expected and absent"
        if e["reference"] is not None:
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", e["reference"]), where
        n_words = len(e["text"].split())
        assert 12 <= n_words <= (120 if e.get("paragraph") else 40), f"{where}: {n_words} words"
        per_group[e["category"].split(".")[0]]["negative" if _is_negative(e) else "positive"] += 1
    for g in GROUPS:
        assert per_group[g]["positive"] >= MIN_POSITIVE, (g, per_group[g])
        assert per_group[g]["negative"] >= MIN_NEGATIVE, (g, per_group[g])


@pytest.mark.parametrize("entry", ENTRIES, ids=IDS)
def test_sentence(entry):
    problems = _mismatches(entry)
    assert not problems, f"{entry['text']!r} (reference {entry['reference']}):\n  " + "\n  ".join(problems)


def test_pass_rate_summary(capsys):
    by_cat: dict[str, Counter] = defaultdict(Counter)
    by_group: dict[str, Counter] = defaultdict(Counter)
    failures = []
    for i, e in enumerate(ENTRIES, 1):
        problems = _mismatches(e)
        kind = "negative" if _is_negative(e) else "positive"
        ok = "pass" if not problems else "fail"
        group = e["category"].split(".")[0]
        by_cat[e["category"]][ok] += 1
        by_group[group][ok] += 1
        by_group[group][f"{kind}-{ok}"] += 1
        if problems:
            failures.append((_entry_id(i, e), e, problems))

    lines = ["news corpus: pass/total per category"]
    for g in GROUPS:
        c = by_group[g]
        lines.append(
            f"{g:<12} {c['pass']:>3}/{c['pass'] + c['fail']:<3}"
            f"  positives {c['positive-pass']}/{c['positive-pass'] + c['positive-fail']}"
            f"  look-alikes {c['negative-pass']}/{c['negative-pass'] + c['negative-fail']}"
        )
    for cat in sorted(by_cat):
        c = by_cat[cat]
        lines.append(f"  {cat:<38} {c['pass']:>3}/{c['pass'] + c['fail']}")
    total = len(ENTRIES)
    passed = total - len(failures)
    rate = passed / total if total else 1.0
    lines.append(f"overall {passed}/{total} = {rate:.1%} (min {MIN_PASS_RATE:.0%})")
    report = "\n".join(lines)

    detail = []
    for ident, e, problems in failures:
        ref = f" [reference {e['reference']}]" if e["reference"] else ""
        detail.append(f"{ident}{ref}\n  {e['text']}\n  " + "\n  ".join(problems))
    out = os.environ.get("FACTCHECK_CORPUS_REPORT")
    if out:
        Path(out).write_text(report + "\n\nFailing entries\n\n" + "\n\n".join(detail) + "\n", encoding="utf-8")

    with capsys.disabled():
        print("\n" + report)
    assert rate >= MIN_PASS_RATE, f"pass rate {rate:.1%} below {MIN_PASS_RATE:.0%}:\n" + "\n".join(
        ident for ident, _, _ in failures
    )
