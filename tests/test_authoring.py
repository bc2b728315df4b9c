"""Tools for pack authors: the starter pack validates as written; explain says what fired and why not."""

from factcheck.authoring.examples import check_pack
from factcheck.authoring.explain import explain
from factcheck.packs.pack import load_pack, load_packs
from factcheck.authoring.scaffold import starter
from factcheck.ingest.sources import load


def test_starter_pack_loads_and_its_examples_hold(tmp_path):
    f = tmp_path / "geneva-summit.yaml"
    f.write_text(starter("geneva-summit", str(f)), encoding="utf-8")
    pack = load_pack(str(f))
    assert set(pack.topics) == {"event.start", "event.end", "event.duration", "event.location"}
    assert check_pack(pack) == []


def test_explain_shows_the_rule_that_fired_and_the_mention_it_left():
    src = next(s for s in load(["seeds"]) if s.id.startswith("003_"))
    text = explain(src, load_packs("claims"), "exercise.start")
    assert "rule start.range took '19-21 May 2025' → 2025-05-19" in text or \
        "rule start.trigger took '19-21 May 2025' → 2025-05-19" in text
    # the defence minister's visit on 19 May is left, and the reason is that it belongs to the visit
    assert "no rule took date '19 May': belongs to 'an official visit' (other)" in text
