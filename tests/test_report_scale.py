"""With many sources the report stays readable: counts per value, evidence folded, chart grouped."""

import shutil
from pathlib import Path

from factcheck.run.pipeline import run
from factcheck.outputs.render import SCALE_FROM, markdown


def test_many_sources_fold_evidence_and_group_the_chart(tmp_path):
    seeds = sorted(Path("seeds").glob("*.txt"))
    for i in range(SCALE_FROM + 7):
        shutil.copy(seeds[i % len(seeds)], tmp_path / f"s{i:02d}.txt")
    text = markdown(run([str(tmp_path)], "claims"))
    # 20 copies of five articles: 003 is copied four times and alone gives 19-21 May
    assert "- `2025-05-19`: 4 sources, 1 independent" in text
    assert "<details><summary>Evidence for 2025-05-19 (4)</summary>" in text
    assert text.count("section 4 sources") == 1 and "2025-05-19 to 2025-05-21 : 2025-05-19, 3d" in text
    assert f"<details><summary>{SCALE_FROM + 7} sources</summary>" in text
    assert "and 9 more (16 sources)" in text  # 16 copies name the exercise Aras 2025: 7 listed, 9 counted
