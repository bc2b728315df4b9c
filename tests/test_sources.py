"""Loading: page furniture is cut, offsets and line numbers stay those of the original file."""

from factcheck.ingest import segment
from factcheck.ingest.sources import load


def _content_text(src):
    return "\n".join(src.text[a:b] for a, b in src.content)


def test_furniture_is_cut_by_general_markers():
    by_id = {s.id: s for s in load(["seeds"])}
    blog = _content_text(by_id["000_a601a88028656b03"])
    assert "Popular posts" not in blog and "Archbishop" not in blog and "Skip to main content" not in blog
    assert "Bileh Savar" in blog
    observer = _content_text(by_id["001_c20c43ac08767418"])
    assert "Related Articles" not in observer and "Yemen" not in observer.split("Looking forward")[1]
    avim = _content_text(by_id["003_09be5ea811a09ee2"])
    assert "Accessed" not in avim and "Fax" not in avim and "mod.gov.az" not in avim
    assert "19-21 May 2025" in avim
    caption = _content_text(by_id["002_59d71dc90c37a2e5"])
    assert "(center right)" not in caption


def test_offsets_and_lines_are_true_to_the_file():
    for src in load(["seeds"]):
        raw = open(src.path, encoding="utf-8").read()
        assert src.text == raw
        for s in segment.split(src):
            assert raw[s.start:s.end] == s.text
            assert raw.count("\n", 0, s.start) + 1 == s.line


def test_sources_yaml_facts():
    by_id = {s.id: s for s in load(["seeds"])}
    assert by_id["002_59d71dc90c37a2e5"].published == "2025-05-18"
    assert by_id["000_a601a88028656b03"].published == "2025-05"
    assert by_id["001_c20c43ac08767418"].published is None


def test_sentences_do_not_break_on_abbreviations(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Brig. Gen. Vali Madani led the drill. It ended on Wednesday.\n", encoding="utf-8")
    src = load([str(f)])[0]
    assert [s.text for s in segment.split(src)] == ["Brig. Gen. Vali Madani led the drill.", "It ended on Wednesday."]
