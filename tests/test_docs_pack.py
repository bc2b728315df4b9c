"""The complete pack in docs/packs.md loads and every one of its examples holds."""

import re

from factcheck.authoring.examples import check_pack
from factcheck.packs.pack import load_pack
from paths import REPO


def test_worked_example_in_the_docs_is_a_working_pack(tmp_path):
    doc = (REPO / "docs/packs.md").read_text(encoding="utf-8")
    block = re.findall(r"```yaml\n(.*?)```", doc, re.S)[-1]
    assert block.startswith("pack:")
    f = tmp_path / "example.yaml"
    f.write_text(block, encoding="utf-8")
    pack = load_pack(str(f))
    assert len(pack.topics) == 6
    failures = check_pack(pack)
    assert not failures, "\n".join(map(str, failures))


def test_quake_pack_in_the_docs_works(tmp_path):
    doc = (REPO / "docs/packs.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", doc, re.S) if "pack: corvale-quake-2024" in b)
    f = tmp_path / "quake.yaml"
    f.write_text(block, encoding="utf-8")
    pack = load_pack(str(f))
    assert {t.type for t in pack.topics.values()} == {"date", "time", "quantity", "place"}
    failures = check_pack(pack)
    assert not failures, "\n".join(map(str, failures))


def test_every_recipe_in_start_here_is_a_working_pack(tmp_path):
    """The recipes newcomers copy first must load and every example in them must hold."""
    doc = (REPO / "docs/packs.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Start here"):doc.index("## Top level")]
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", section, re.S) if b.startswith("pack:")]
    assert len(blocks) >= 7
    for i, block in enumerate(blocks):
        f = tmp_path / f"recipe{i}.yaml"
        f.write_text(block, encoding="utf-8")
        pack = load_pack(str(f))
        failures = check_pack(pack)
        assert not failures, f"{pack.id}:\n" + "\n".join(map(str, failures))


def test_the_json_contract_in_the_docs_is_what_the_report_writes():
    """Every claim field the docs table names is written, and every field written is named there;
    a revised finding's series has the fields the docs' example shows."""
    import json

    from factcheck.outputs.render import as_json
    from factcheck.run.pipeline import run

    doc = (REPO / "docs/packs.md").read_text(encoding="utf-8")
    section = doc[doc.index("## The JSON report"):doc.index("## A complete small pack")]
    table = [ln for ln in section.splitlines() if ln.startswith("| `")]
    documented = {f for ln in table for f in re.findall(r"`(\w+)`", ln.split("|")[1])}
    example = (REPO / "examples/myanmar-quake-2025")
    data = json.loads(as_json(run([str(example / "sources")], str(example / "pack.yaml"))))
    written = {k for c in data["claims"] for k in c}
    assert written == documented
    shown = json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))
    revised = next(f for f in data["findings"] if f["status"] == "revised")
    assert set(revised["series"][0]) == set(shown["series"][0])
    for p in shown["series"]:  # the docs' example is this example's own series
        assert p in revised["series"]
