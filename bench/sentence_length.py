"""python -m bench.sentence_length: time per KB as one sentence grows, against ordinary prose.

    python -m bench.sentence_length                 # 1 KB to 1 MB
    python -m bench.sentence_length --sizes 1,10,100

Three texts of each size: prose in the words of the frozen fixture event (tests/fixtures/), full
stops and all; the same words without a single full stop (one sentence); and the worst case for
binding, one sentence packed with dates and the verbs that bind them, every year different.
Extraction only, one process, the fixture event's pack. Time per KB that stays flat from 1 KB up is
linear growth.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from factcheck.extraction import extract
from factcheck.ingest.sources import Source
from factcheck.packs.pack import load_packs
from factcheck.run.pipeline import analyse_source

EVENT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"  # frozen: figures stay comparable
DENSE = "the exercise began on {d} May {y} and the drill ended on {e} May {y}, troops crossing at Bileh Savar, "


def texts(kb: int, words: list[str]) -> dict[str, str]:
    rng = random.Random(kb)
    n = kb * 1000
    prose, size = [], 0
    while size < n:
        w = rng.choice(words)
        prose.append(w)
        size += len(w) + 1
    stopped = " ".join(prose)
    dense = "".join(DENSE.format(d=1 + i % 27, e=2 + i % 27, y=1000 + i) for i in range(n // len(DENSE) + 1))[:n]
    return {"prose": stopped, "no full stop": stopped.replace(".", "").replace("!", "").replace("?", ""),
            "dates and verbs": dense}


def seconds(text: str, packs) -> float:
    extract._SEEN.clear()  # every run reads its sentences afresh
    src = Source("bench", "bench.txt", text, page=False)
    began = time.perf_counter()
    analyse_source(src, packs)
    return time.perf_counter() - began


def main() -> None:
    p = argparse.ArgumentParser(prog="python -m bench.sentence_length")
    p.add_argument("--sizes", default="1,10,100,1000", help="sizes in KB (default: 1,10,100,1000)")
    sizes = [int(s) for s in p.parse_args().sizes.split(",")]
    packs = load_packs(str(EVENT / "claims"))
    words = " ".join(f.read_text(encoding="utf-8") for f in sorted((EVENT / "seeds").glob("*.txt"))).split()
    print(f"{'KB':>6}  {'text':<16} {'seconds':>8} {'ms per KB':>10}")
    for kb in sizes:
        for name, text in texts(kb, words).items():
            s = seconds(text, packs)
            print(f"{kb:>6}  {name:<16} {s:>8.2f} {s * 1000 / kb:>10.2f}", flush=True)


if __name__ == "__main__":
    main()
