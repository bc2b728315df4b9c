"""Each example event under examples/ (its own sources, pack and gold annotation) scored end to end.

The packs there were written with nothing but docs/packs.md; none of them needed a change to the
package, so these scores measure how the package does on events it was not built for.
"""

from pathlib import Path

import pytest
import yaml

from factcheck.authoring.examples import check_pack
from factcheck.packs.pack import load_pack
from factcheck.run.pipeline import run
from paths import REPO
from scoring import assert_scores

EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if (p / "gold.yaml").exists()) if (REPO / "examples").exists() else []


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_event_scores(example):
    result = run([str(example / "sources")], str(example / "pack.yaml"))
    gold = yaml.safe_load((example / "gold.yaml").read_text(encoding="utf-8"))
    topics = set(result.packs[0].topics)
    assert set(gold) == {r.source.id for r in result.sources}
    assert all(set(v) == topics for v in gold.values())
    assert_scores(example.name, result, gold)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_pack_rules(example):
    failures = check_pack(load_pack(str(example / "pack.yaml")))
    assert not failures, "\n".join(map(str, failures))
