"""The benchmark corpus: the same seed gives the same bytes, and the sources really differ."""

import re

from bench import corpus

N = 20
# How the seed articles state the start: a weekday ("launched ... on Sunday") or a window ("on 19-21 May").
START = re.compile(r"(?:launched|began) a joint military exercise[^.]*? on (\w+day)"
                   r"|took place on (\d{1,2}(?: [A-Z][a-z]+)?)-\d")


def _files(d):
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def test_same_seed_same_bytes(tmp_path):
    corpus.write(tmp_path / "a", N, seed=7)
    corpus.write(tmp_path / "b", N, seed=7)
    corpus.write(tmp_path / "c", N, seed=8)
    a = _files(tmp_path / "a")
    assert len(a) == N + 1  # the sources and sources.yaml
    assert a == _files(tmp_path / "b")
    assert a != _files(tmp_path / "c")


def test_a_smaller_corpus_is_a_prefix(tmp_path):
    corpus.write(tmp_path / "small", 5)
    corpus.write(tmp_path / "large", 8)
    small, large = _files(tmp_path / "small"), _files(tmp_path / "large")
    assert {k: v for k, v in large.items() if k in small and k != "sources.yaml"} == \
           {k: v for k, v in small.items() if k != "sources.yaml"}
    assert large["sources.yaml"].startswith(small["sources.yaml"])


def test_sources_vary():
    articles = [corpus.article(i) for i in range(N)]
    starts = [m[1] or m[2] for a in articles if (m := START.search(a.text))]
    assert len(starts) >= N * 3 // 5  # four of the five seeds state a start
    assert len(set(starts)) >= 4
    assert len({a.text for a in articles}) == N
    assert len({a.meta.get("published") for a in articles}) >= 3
    names = {n for a in articles for n in re.findall(r"V[ae]li M[ae]d[ae]ni", a.text)}
    assert names == {"Vali Madani", "Veli Medeni"}


def test_distinct_sentences(tmp_path):
    corpus.write(tmp_path / "plain", N)
    corpus.write(tmp_path / "distinct", N, distinct=True)
    total, plain = corpus.sentence_stats(tmp_path / "plain")
    total_distinct, distinct = corpus.sentence_stats(tmp_path / "distinct")
    assert total_distinct == total and distinct > max(plain, 0.85 * total)
    a, b = corpus.article(2), corpus.article(2, distinct=True)  # seed 002 has no footnotes of its own
    assert re.sub(r"\[\d+\]", "", b.text) == a.text  # only the footnote numbers differ
    assert "Brig. Gen. " in b.text  # an abbreviation's full stop ends no sentence
