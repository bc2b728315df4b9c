"""Time against sentence length: binding must stay linear however long a sentence runs.

A page without a single full stop (a pasted table, a feed without punctuation) is one sentence as
long as the page. This reads the real corpora's sentences (seeds/ and examples/), numbers each copy
("[17]", so no two copies are the same text and no memo flatters the figures), and times the
analysis of the same amount of text written three ways:

- prose: the sentences as written, full stops kept;
- no stops: the same words with every full stop, question and exclamation mark removed, cut into
  sentences of a given size (1 KB ... 1 MB): time per KB must stay flat;
- one sentence of several MB, the worst case a gate can be handed.

    python -m bench.linear                     # 1 KB .. 1 MB sentences, 1 MB of text, 5 MB once
    python -m bench.linear --total 262144 --sizes 1024,16384,262144 --big 0
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KB = 1024


def corpora() -> list[tuple[Path, Path]]:
    """(sources directory, pack) of every real corpus in the repository."""
    out = [(REPO / "seeds", REPO / "claims")]
    for d in sorted((REPO / "examples").iterdir()):
        if (d / "sources").is_dir() and (d / "pack.yaml").is_file():
            out.append((d / "sources", d / "pack.yaml"))
    return out


def sentences(sources_dir: Path) -> list[str]:
    """The article sentences of one corpus, without their final mark."""
    from factcheck.ingest import segment
    from factcheck.ingest.sources import load

    out = []
    for src in load([str(sources_dir)]):
        out += [s.text.rstrip(".!?\"'\u201d ") for s in segment.split(src)]
    return [s for s in out if len(s.split()) > 3]


def prose(sents: list[str], total: int) -> str:
    """About `total` characters of ordinary prose: numbered copies of the sentences."""
    parts, n, k = [], 0, 0
    while n < total:
        s = f"{sents[k % len(sents)]}.[{k}]"
        parts.append(s)
        n += len(s) + 1
        k += 1
    return " ".join(parts)


def no_stops(sents: list[str], total: int, size: int) -> str:
    """The same words with no full stop, cut into sentences of about `size` characters."""
    stream = re.sub(r"[.!?]+(?=\s|$)", "", prose(sents, total).replace(".[", " ["))
    out, pos = [], 0
    while pos < len(stream):
        cut = stream.find(" ", pos + size)
        if cut < 0 or len(stream) - cut < size // 2:  # no short sentence left over at the end
            cut = len(stream)
        chunk = stream[pos:cut].strip()
        out.append(chunk[:1].upper() + chunk[1:] + ".")
        pos = cut + 1
    return " ".join(out)


def seconds(text: str, packs) -> float:
    """Segment, tag, bind and resolve one source holding `text`, best of two runs."""
    from factcheck.run.pipeline import analyse_source
    from factcheck.ingest.sources import Source

    best = None
    for _ in range(2):
        src = Source("bench", "bench.txt", text + "\n", page=False)  # no memo: every sentence read anew
        t = time.perf_counter()
        analyse_source(src, packs)
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    return best


def measure(total: int, sizes: list[int]) -> dict:
    """Seconds for `total` characters of prose and of stop-less text cut at each size, summed
    over the corpora (each read with its own pack)."""
    from factcheck.packs.pack import load_packs
    from factcheck.run.pipeline import analyse_source
    from factcheck.ingest.sources import Source

    work = []
    for src_dir, pack in corpora():
        packs = load_packs(str(pack))
        analyse_source(Source("warm-up", "warm-up", "Nothing happened here.\n"), packs)
        work.append((sentences(src_dir), packs))
    share = total // len(work)
    out = {"prose": sum(seconds(prose(s, share), p) for s, p in work)}
    for size in sizes:
        out[size] = sum(seconds(no_stops(s, share, size), p) for s, p in work)
    return out


def _sizes(text: str) -> list[int]:
    return sorted({int(x) for x in text.split(",") if x.strip()})


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.linear", description=__doc__.split("\n")[0])
    ap.add_argument("--total", type=int, default=1024 * KB, help="characters of text per measurement (default 1 MB)")
    ap.add_argument("--sizes", type=_sizes, default=[KB, 4 * KB, 16 * KB, 64 * KB, 256 * KB, 1024 * KB],
                    help="sentence sizes in characters (default 1 KB .. 1 MB)")
    ap.add_argument("--big", type=int, default=5 * 1024 * KB, help="one stop-less source of this size, timed once (0: skip)")
    args = ap.parse_args()
    m = measure(args.total, args.sizes)
    kb = args.total / KB
    print(f"{kb:.0f} KB of prose: {m['prose']:.2f} s ({1000 * m['prose'] / kb:.2f} ms/KB)")
    per_kb = []
    for size in args.sizes:
        per_kb.append(1000 * m[size] / kb)
        print(f"{kb:.0f} KB in {size // KB:>5} KB sentences without a stop: {m[size]:7.2f} s "
              f"({per_kb[-1]:.2f} ms/KB, {m[size] / m['prose']:.2f}x prose)")
    print(f"time per KB, slowest / fastest sentence size: {max(per_kb) / min(per_kb):.2f} (target < 2)")
    if args.big:
        from factcheck.packs.pack import load_packs

        src_dir, pack = corpora()[0]
        text = no_stops(sentences(src_dir), args.big, args.big)
        s = seconds(text, load_packs(str(pack)))
        print(f"one sentence of {len(text) / KB / KB:.1f} MB without a stop: {s:.2f} s (target < 30)")


if __name__ == "__main__":
    main()
