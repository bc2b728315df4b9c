"""The sentence memo belongs to a run: a sentence repeated across a run's sources is read once, and
nothing read in one run is kept for the next."""

from factcheck.extraction import extract
from factcheck.run import pipeline

PACK = """\
pack: fair-2024
event: {nouns: [fair]}
topics:
  fair.start:
    type: date
    rules:
      - id: fair.opened
        frame: start
        triggers: [opened]
        examples: [{text: The fair opened on 2 May 2024., value: 2024-05-02}]
        not: [Nothing opened.]
"""
SHARED = "The fair opened on 2 May 2024 in the old market hall."


def _sources(tmp_path):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "fair.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "src").mkdir()
    for name, own in (("a", "Stalls sold bread."), ("b", "Bands played late.")):
        (tmp_path / "src" / f"{name}.txt").write_text(f"{SHARED}\n\n{own}\n", encoding="utf-8")


def _counting(monkeypatch) -> list[str]:
    read = []
    real = extract.extract_sentence
    monkeypatch.setattr(extract, "extract_sentence", lambda t, pack, *only: read.append(t.text) or real(t, pack, *only))
    return read


def test_a_repeated_sentence_is_read_once_per_run(tmp_path, monkeypatch):
    _sources(tmp_path)
    read = _counting(monkeypatch)
    result = pipeline.run([str(tmp_path / "src")], str(tmp_path / "claims"))
    assert read.count(SHARED) == 1
    assert sorted(c.source for c in result.claims) == ["a", "b"]  # both sources still get the claim


def test_a_run_keeps_nothing_for_the_next(tmp_path, monkeypatch):
    _sources(tmp_path)
    read = _counting(monkeypatch)
    for _ in range(2):
        pipeline.run([str(tmp_path / "src")], str(tmp_path / "claims"))
    assert read.count(SHARED) == 2
