"""Extraction speed on real articles: the seeds and the examples' sources, every sentence new.

The generated corpora repeat or number the seeds' sentences; this measures the text the tool is
for. Run in a fresh process (so no memo or cache of factcheck's has seen a sentence): sources and
packs are loaded untimed (and each pack used once on a line of its own), then each source is analysed once (segmenting, tagging, rules,
resolution), timed; then dateparser.search_dates reads the same texts, after a warm-up call.
Prints one JSON object.

    python -m bench.real
"""

from __future__ import annotations

import json
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpora() -> list[tuple[Path, Path]]:
    """(sources directory, pack) of every real corpus in the repository."""
    out = [(REPO / "tests/fixtures/seeds", REPO / "tests/fixtures/claims")]
    for d in sorted((REPO / "examples").iterdir()):
        if (d / "sources").is_dir() and (d / "pack.yaml").is_file():
            out.append((d / "sources", d / "pack.yaml"))
    return out


def main() -> None:
    from factcheck.packs.pack import load_packs
    from factcheck.extraction.extract import SentenceMemo
    from factcheck.run.pipeline import analyse_source
    from factcheck.ingest.sources import Source, load

    work = [(load([str(s)]), load_packs(str(p))) for s, p in corpora()]
    for _, packs in work:  # what a pack compiles on first use is start-up, not reading
        analyse_source(Source("warm-up", "warm-up", "Nothing happened here.\n"), packs)
    texts = [src.text for sources, _ in work for src in sources]
    start, cpu = time.perf_counter(), time.process_time()
    memo = SentenceMemo()  # as one run keeps it: a sentence repeated across sources is read once
    claims = sum(len(analyse_source(src, packs, memo=memo).claims) for sources, packs in work for src in sources)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu

    from dateparser.search import search_dates

    search_dates("The drill began on Sunday, 18 May 2025.", languages=["en"])
    b_cpu = time.process_time()
    for text in texts:
        search_dates(text, languages=["en"])
    b_cpu = time.process_time() - b_cpu
    print(json.dumps({"sources": len(texts), "bytes": sum(len(t.encode("utf-8")) for t in texts),
                      "seconds": seconds, "cpu": cpu, "claims": claims, "baseline_cpu": b_cpu}))


if __name__ == "__main__":
    main()
