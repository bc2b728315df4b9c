"""python -m bench.scale: factcheck on distinct text (bench/varied.py, three events, three packs).

Prints in one run: MB/s per core for factcheck's per-source work, dateparser's search_dates and
one compiled regex pass over the same texts; where the time per sentence goes; `factcheck report`
end to end at each size with its peak RSS; and `factcheck check` after adding one source to a
cached 1,000-source run. Writes the figures to a markdown file.

    python -m bench.scale                   # 1,000, 5,000 and 20,000 sources (and the seed-based corpus)
    python -m bench.scale --full            # and 100,000 distinct
    python -m bench.scale --sizes 1000 --jobs 2

It ends with issue 16's targets, each said to be met, NOT met, or not measured in this run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from . import corpus, run, varied
from .table import machine, revision

THROUGHPUT = Path(__file__).with_name("throughput.py")
INCREMENTAL = 1000


def _sizes(text: str) -> list[int]:
    return sorted({int(s) for s in text.split(",") if s.strip()})


def throughput(fc: run.Factcheck, corpus: Path, claims: Path) -> dict:
    cwd = fc.fresh_dir("throughput")
    p = subprocess.run([sys.executable, str(THROUGHPUT), str(corpus), str(claims)], cwd=cwd,
                       env=fc._env(cwd), capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"bench/throughput.py failed: {p.stderr.strip()[-500:]}")
    return json.loads(p.stdout)


def report(fc: run.Factcheck, corpus: Path, claims: Path, jobs: int) -> run.Measurement:
    cwd = fc.fresh_dir("report")
    return fc.measure(["report", *varied.shards(corpus), "--claims", str(claims), "--jobs", str(jobs), "--format", "json",
                       "-o", str(cwd / "report.json")], cwd)


def seed_corpus(out: Path, n: int, seed: int) -> tuple[list[str], int]:
    """bench.corpus's sources 0..n-1 (the seeds' sentences, repeated), in directories of
    varied.SHARD; returns the directories and the bytes written."""
    dirs, total = [], 0
    for first in range(0, n, varied.SHARD):
        d = out / f"part-{first // varied.SHARD:03d}"
        d.mkdir(parents=True)
        (d / "sources.yaml").write_text("", encoding="utf-8")
        total += sum(len(corpus.add(d, i, seed).text.encode("utf-8")) for i in range(first, min(n, first + varied.SHARD)))
        dirs.append(str(d))
    return dirs, total


def incremental(fc: run.Factcheck, claims: Path, seed: int, runs: int = 3):
    """check on 1,000 sources (fills the cache), then `runs` times after adding source 1,000,
    each from the cache the first run left."""
    cwd = fc.fresh_dir("check")
    (cwd / "factcheck.toml").write_text('sources = "sources"\n', encoding="utf-8")  # the root, so the cache is here
    sources = cwd / "sources"
    varied.write(sources, INCREMENTAL, seed)
    args = ["check", str(sources), "--claims", str(claims), "--report", str(cwd / "report.md"), "--jobs", "1"]
    first = fc.measure(args, cwd)
    seen = varied.Seen()
    for i in range(INCREMENTAL):
        varied.article(i, seed, seen)
    sid, text, facts = varied.article(INCREMENTAL, seed, seen)
    (sources / f"{sid}.txt").write_text(text, encoding="utf-8")
    meta = yaml.safe_load((sources / "sources.yaml").read_text(encoding="utf-8")) or {}
    if facts:
        meta[sid] = facts
    (sources / "sources.yaml").write_text(yaml.safe_dump(meta, sort_keys=True, allow_unicode=True), encoding="utf-8")
    cache, kept = cwd / ".factcheck-cache", cwd / "cache-after-first-run"
    if not cache.is_dir():  # `check` writes no cache when it stops on an error
        return first, []
    shutil.copytree(cache, kept)
    again = []
    for _ in range(runs):
        shutil.rmtree(cache)
        shutil.copytree(kept, cache)
        again.append(fc.measure(args, cwd))
    return first, again


RSS_TARGETS = {20_000: 1000, 100_000: 2000}  # sources -> peak RSS MB to stay under (issue 16)
LINEAR = 1.25  # a later step may cost this much more per source than the first and still count as linear


def verdict(ok: bool | None) -> str:
    return "not measured" if ok is None else "met" if ok else "NOT met"


def memory_targets(distinct: dict[int, float], seeded: dict[int, float]) -> list[str]:
    """Peak RSS against issue 16's targets, from the distinct corpus where it ran at that size, else
    from the seed-based one (said so); and whether it grows linearly: the memory each further
    source adds, step by step between the sizes measured, for each corpus."""
    out = []
    for n, limit in RSS_TARGETS.items():
        where = distinct if n in distinct else seeded if n in seeded else {}
        said = f" ({where[n]:,.0f} MB{'' if where is distinct else ', seed-based corpus'})" if where else ""
        out.append(f"peak RSS at {n:,} sources < {limit:,} MB: {verdict(where[n] < limit if where else None)}{said}")
    for name, peaks in (("distinct", distinct), ("seed-based", seeded)):
        sizes = sorted(peaks)
        steps = [(a, b, (peaks[b] - peaks[a]) * 1e3 / (b - a)) for a, b in zip(sizes, sizes[1:])]
        if len(steps) < 2:
            have = "".join(f"; {n:,}: {peaks[n]:,.0f} MB" for n in sizes)
            out.append(f"memory grows linearly ({name} corpus): not measured (needs three sizes{have})")
            continue
        linear = all(kb <= LINEAR * max(steps[0][2], 0.1) for _, _, kb in steps[1:])
        out.append(f"memory grows linearly ({name} corpus; no later step more than {LINEAR}x the first per source): "
                   f"{verdict(linear)} (" + ", ".join(f"{a:,}->{b:,}: {kb:.1f} KB a source" for a, b, kb in steps) + ")")
    return out


BEGIN, END = "<!-- bench.scale -->", "<!-- /bench.scale -->"


def write_section(path: Path, text: str) -> None:
    """This run's figures in their own section of the results file, after its title, replacing
    the section an earlier run wrote; the rest of the file is left as it is."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# factcheck benchmark\n"
    block = f"{BEGIN}\n{text}\n{END}\n"
    if BEGIN in old and END in old:
        new = old[: old.index(BEGIN)] + block + old[old.index(END) + len(END) + 1 :]
    else:
        title, _, rest = old.partition("\n")
        new = f"{title}\n\n{block}{rest}"
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=_sizes, default=[1000, 5000, 20000], metavar="N,N,...")
    p.add_argument("--full", action="store_true", help="also 100,000 sources")
    p.add_argument("--jobs", type=int, default=1, help="'factcheck report --jobs' (default: 1)")
    p.add_argument("--seed-sizes", type=_sizes, default=[1000, 20_000, 100_000], metavar="N,N,...",
                   help="sizes of the seed-based corpus (bench.corpus), whose repeated sentences are extracted "
                        "once: memory at a size the distinct corpus takes too long for (default: 1000,20000,100000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--results", type=Path, default=Path(__file__).with_name("results.md"),
                   help="markdown file to write this run's section into (default: bench/results.md)")
    args = p.parse_args(argv)
    sizes = sorted(set(args.sizes) | ({100_000} if args.full else set()))
    ncpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    load, rev, started = os.getloadavg()[0], revision(run.REPO), dt.datetime.now()
    say = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="factcheck-scale-") as tmp:
        fc = run.Factcheck(Path(tmp))
        claims = varied.packs(Path(tmp) / "claims")
        small = Path(tmp) / "corpus-throughput"
        varied.write(small, 500, args.seed)
        t = throughput(fc, small, claims)
        mb, base_mb = t["bytes"] / 1e6, t["baseline_bytes"] / 1e6
        fc_rate, dp_rate, rx_rate = mb / t["cpu"], base_mb / t["baseline_cpu"], mb / t["regex_cpu"]
        lines += [
            "| what | sources | MB | CPU s | MB/s per core | vs factcheck |",
            "|---|---|---|---|---|---|",
            f"| factcheck, per-source work ({t['packs']} packs) | {t['sources']} | {mb:.2f} | {t['cpu']:.2f} | "
            f"{fc_rate:.3f} | 1 |",
            f"| dateparser.search_dates | {t['baseline_sources']} | {base_mb:.2f} | {t['baseline_cpu']:.2f} | "
            f"{dp_rate:.3f} | {dp_rate / fc_rate:.2f} |",
            f"| one compiled regex pass | {t['sources']} | {mb:.2f} | {t['regex_cpu']:.3f} | {rx_rate:.1f} | "
            f"{rx_rate / fc_rate:.0f} |",
            "",
            f"factcheck is {fc_rate / dp_rate:.1f}x search_dates and 1/{rx_rate / fc_rate:.0f} of one regex pass "
            f"({t['claims']} claims).",
            "",
            f"Where the time per sentence goes ({t['profile']['sentences']} sentences of {t['profile']['sources']} "
            f"other sources, cProfile on CPU time; {t['profile']['us_per_sentence']:.0f} µs per sentence unprofiled, "
            f"all {t['packs']} packs; stages include what they call):",
            "",
            "| stage | share | µs per sentence |",
            "|---|---|---|",
            *[f"| {label.strip()}{' (part of tagging)' if label.startswith('  ') else ''} | {share:.0%} | {us:.0f} |"
              for label, share, us in t["profile"]["stages"]],
            "",
        ]
        say("\n".join(lines))
        rows = ["| sources | MB | seconds | CPU s | MB/s per core | peak RSS MB | KB per source |",
                "|---|---|---|---|---|---|---|"]
        peaks: dict[int, float] = {}  # sources -> peak RSS MB, of the runs that finished
        seeded: dict[int, float] = {}  # the same, on the seed-based corpus
        end_to_end: dict[int, float] = {}  # sources -> MB/s per core of `report`, distinct corpus
        for n in sizes:
            corpus = Path(tmp) / f"corpus-{n}"
            nbytes = varied.write(corpus, n, args.seed)
            m = report(fc, corpus, claims, args.jobs)
            rss = m.maxrss_kib * 1024 / 1e6
            row = (f"| {n:,} | {nbytes / 1e6:.1f} | {m.wall:.1f} | {m.cpu:.1f} | {nbytes / 1e6 / m.cpu:.3f} | {rss:.0f} | "
                   f"{m.maxrss_kib * 1024 / n / 1e3:.1f} |" if m.ok else f"| {n:,} | {m.error} |")
            rows.append(row)
            say(row)
            if m.ok:
                peaks[n], end_to_end[n] = rss, nbytes / 1e6 / m.cpu
            shutil.rmtree(corpus)
        for n in args.seed_sizes:
            dirs, nbytes = seed_corpus(Path(tmp) / f"seeds-{n}", n, args.seed)
            cwd = fc.fresh_dir("seed-corpus")
            m = fc.measure(["report", *dirs, "--claims", str(fc.claims), "--jobs", str(args.jobs), "--format", "json",
                            "-o", str(cwd / "report.json")], cwd)
            row = (f"| {n:,} (seed-based corpus, sentences repeat) | {nbytes / 1e6:.1f} | {m.wall:.1f} | {m.cpu:.1f} | "
                   f"{nbytes / 1e6 / m.cpu:.3f} | {m.maxrss_kib * 1024 / 1e6:.0f} | {m.maxrss_kib * 1024 / n / 1e3:.1f} |"
                   if m.ok else f"| {n:,} (seed-based) | {m.error} |")
            rows.append(row)
            say(row)
            if m.ok:
                seeded[n] = m.maxrss_kib * 1024 / 1e6
            shutil.rmtree(Path(tmp) / f"seeds-{n}")
        first, again = incremental(fc, claims, args.seed)
        check = (f"`factcheck check` on {INCREMENTAL:,} sources, empty cache: {first.wall:.2f} s ({first.cpu:.2f} CPU s); "
                 + (f"after adding one source: best {run.best(again).wall:.2f} s ({run.best(again).cpu:.2f} CPU s), "
                    f"median {run.median_wall(again):.2f} s, slowest {max(m.wall for m in again):.2f} s of {len(again)}"
                    if again else
                    f"it wrote no cache (exit {first.rc}: it stopped on an error), so adding one source "
                    "was not measured"))
        say(check)
        largest = max(end_to_end, default=None)
        least_cpu = min((m.cpu for m in again if m.ok), default=None)
        targets = [
            f">= 3 MB/s per core on distinct text, end to end: "
            + (f"{verdict(end_to_end[largest] >= 3)} ({end_to_end[largest]:.3f} at {largest:,} sources)"
               if largest else verdict(None)),
            f">= 20x search_dates: {verdict(fc_rate / dp_rate >= 20)} ({fc_rate / dp_rate:.1f}x, per-source work)",
            f"within 10x of one regex pass: {verdict(rx_rate / fc_rate <= 10)} (1/{rx_rate / fc_rate:.0f})",
            *memory_targets(peaks, seeded),
            f"+1 source on a {INCREMENTAL:,}-source cached run < 1 s: "
            + (f"{verdict(least_cpu < 1)} in CPU time ({least_cpu:.2f} CPU s, the least of {len(again)}), "
               f"{verdict(run.best(again).wall < 1)} in wall time ({run.best(again).wall:.2f} s, the best; the machine "
               "is shared, so CPU time is what compares)" if least_cpu is not None else verdict(None)),
            "report and JSON identical to the slow path, and a Dask local cluster to one process: not measured "
            "here (tests/test_prefilter.py, tests/test_engines.py check them)",
        ]
        say("Targets of issue 16:\n" + "\n".join(f"- {line}" for line in targets))
    doc = [
        "## Distinct text, every event of the repository (`python -m bench.scale`)",
        "",
        f"- Run: {started:%Y-%m-%d %H:%M}, `{' '.join(['python -m bench.scale', *argv])}`, {rev}; "
        f"took {(dt.datetime.now() - started).total_seconds() / 60:.0f} min",
        f"- Machine: {machine(ncpu)}; load average {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end",
        f"- Corpus: `bench.varied`, seed {args.seed}: the {len(varied.reals())} real articles of the repository's events, "
        "numbers, names and dates varied, no sentence repeated; read against all their packs",
        "",
        *lines,
        f"`factcheck report --jobs {args.jobs}` end to end, a fresh process from an empty directory (peak RSS: the "
        "largest process):",
        "",
        *rows,
        "",
        f"- {check}",
        "",
        "Targets of issue 16, measured in this run:",
        "",
        *[f"- {line}" for line in targets],
        "",
    ]
    write_section(args.results, "\n".join(doc))
    say(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
