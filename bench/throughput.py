"""Speed on distinct text, in one fresh process: factcheck's per-source work, dateparser's
search_dates and one compiled regex pass over the same texts, and a profile of where the time per
sentence goes. Prints one JSON object.

    python bench/throughput.py CORPUS_DIR CLAIMS_DIR [--sources N] [--baseline-sources N] [--profile-sources N]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import re
import time

# One pass of one compiled regex: the floor for anything that reads every character for dates
# and figures.
FLOOR = re.compile(r"\b(?:\d[\d,.]*|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|"
                   r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|tomorrow|ago)\b", re.I)

# Where the per-sentence time goes: (label, file suffix, function name); cumulative times, so a
# stage includes what it calls.
STAGES = (
    ("page layout (furniture, dateline)", "sources.py", "_layout"),
    ("segmenting", "segment.py", "split"),
    ("gate: the rules a sentence can hold a claim for (anchors)", "extract.py", "could_claim"),
    ("gate: whether a sentence can name an event", "extract.py", "could_cue"),
    ("tagging, all", "tag.py", "__init__"),
    ("  words and clauses (once per sentence, whatever the packs)", "tag.py", "words_of"),
    ("  entities (gazetteer, people, ranks)", "tag.py", "_entities"),
    ("  time expressions", "timex.py", "find"),
    ("  derived time expressions", "timex.py", "derived"),
    ("  subject cues", "tag.py", "_cues"),
    ("rules (frames binding mentions to topics)", "extract.py", "extract_sentence"),
    ("resolution", "resolve.py", "resolve"),
    ("derivation", "derive.py", "derive"),
    ("reprint sketch", "reprints.py", "sketch"),
)


def main(argv=None) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("corpus")
    p.add_argument("claims")
    p.add_argument("--sources", type=int, default=300)
    p.add_argument("--baseline-sources", type=int, default=40)
    p.add_argument("--profile-sources", type=int, default=100)
    args = p.parse_args(argv)

    from factcheck.ingest import segment
    from factcheck.packs.pack import load_packs
    from factcheck.run.pipeline import analyse_source
    from factcheck.ingest.sources import Source, load

    sources = load([args.corpus])
    packs = load_packs(args.claims)
    analyse_source(Source("warm-up", "warm-up", "Nothing happened here.\n"), packs)  # compiled on first use
    work = sources[: args.sources]
    nbytes = sum(len(s.text.encode("utf-8")) for s in work)
    cpu = time.process_time()
    claims = sum(len(analyse_source(s, packs).claims) for s in work)
    cpu = time.process_time() - cpu

    profiled = [Source(s.id, s.path, s.text, s.outlet, s.url, s.published)  # layout not cached yet
                for s in sources[args.sources : args.sources + args.profile_sources]]
    sentences = sum(len(segment.split(s)) for s in profiled)
    prof = cProfile.Profile(time.process_time)  # CPU time: a busy machine's waits are not counted
    prof.enable()
    for s in profiled:
        analyse_source(Source(s.id, s.path, s.text, s.outlet, s.url, s.published), packs)
    prof.disable()
    stats = pstats.Stats(prof).stats
    total = sum(v[2] for v in stats.values())  # tottime over every function: the profiled time
    # Profiling slows every call; the shares are what it measures, the µs are those shares of the
    # unprofiled time per sentence.
    per_sentence = cpu / sum(len(segment.split(s)) for s in work) * 1e6
    stages = []
    for label, file, name in STAGES:
        cum = sum(v[3] for (f, _, fn), v in stats.items() if f.endswith(file) and fn == name)
        stages.append((label, cum / total, cum / total * per_sentence))

    from dateparser.search import search_dates

    texts = [s.text for s in work[: args.baseline_sources]]
    search_dates("The drill began on Sunday, 18 May 2025.", languages=["en"])
    b_cpu = time.process_time()
    for text in texts:
        search_dates(text, languages=["en"])
    b_cpu = time.process_time() - b_cpu

    all_text = [s.text for s in work]
    r_cpu = time.process_time()
    for _ in range(5):
        for text in all_text:
            for _m in FLOOR.finditer(text):
                pass
    r_cpu = (time.process_time() - r_cpu) / 5

    print(json.dumps({
        "sources": len(work), "bytes": nbytes, "cpu": cpu, "claims": claims, "packs": len(packs),
        "baseline_sources": len(texts), "baseline_bytes": sum(len(t.encode("utf-8")) for t in texts),
        "baseline_cpu": b_cpu, "regex_cpu": r_cpu,
        "profile": {"sources": len(profiled), "sentences": sentences, "us_per_sentence": per_sentence,
                    "stages": stages},
    }))


if __name__ == "__main__":
    main()
