"""The complete pack in docs/packs.md loads and every one of its examples holds."""

import re
from pathlib import Path

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
