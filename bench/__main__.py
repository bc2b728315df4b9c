"""python -m bench: time factcheck end to end on synthetic corpora and print the table.

    python -m bench                      # sizes 1000,5000,10000
    python -m bench --quick              # sizes 200,1000
    python -m bench --sizes 1000 --jobs 2
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

from . import corpus, run
from .table import Row, machine, markdown, plain, revision, targets

RESULTS = Path(__file__).with_name("results.md")
INCREMENTAL_SOURCES = 1000


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(s) for s in text.split(",") if s.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas, got '{text}'") from None
    if not sizes or sizes[0] <= 0:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description="Benchmark factcheck end to end.")
    p.add_argument("--sizes", type=_sizes, default=[1000, 5000, 10000], metavar="N,N,...",
                   help="corpus sizes in sources (default: 1000,5000,10000)")
    p.add_argument("--quick", action="store_true", help="sizes 200,1000 only")
    p.add_argument("--jobs", type=int, metavar="N", help="passed to 'factcheck report' if it has --jobs (default: its own default)")
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    p.add_argument("--distinct", action="store_true",
                   help="a footnote number on every sentence, so no sentence repeats (see bench/corpus.py)")
    p.add_argument("--repeat", type=int, default=2, metavar="N",
                   help="run each size N times and keep the fastest: this machine's speed drifts (default: 2)")
    p.add_argument("--baseline-sample", type=int, default=50, metavar="N",
                   help="sources the dateparser baseline reads (default: 50)")
    p.add_argument("--budget", type=float, default=240, metavar="SECONDS",
                   help="skip a size projected to take longer than this; 0 runs every size (default: 240)")
    p.add_argument("--results", type=Path, default=RESULTS, metavar="FILE",
                   help=f"markdown results file (default: {RESULTS.relative_to(run.REPO)})")
    return p


def _progress(row: Row) -> None:
    print("  " + "  ".join(c for c in row.cells() if c != "–").rstrip(), file=sys.stderr, flush=True)


def _report_row(what: str, n: int, nbytes: int, m: run.Measurement, base: run.Baseline | None) -> Row:
    mb = nbytes / 1e6
    if not m.ok:
        return Row(what, n, mb, note=m.error, kind="error")
    per_core = mb / m.cpu
    return Row(what, n, mb, m.wall, m.cpu, mb / m.wall, per_core, m.maxrss_kib * 1024 / 1e6,
               per_core / base.mb_per_cpu_s if base else None, kind="report",
               calibration=base.mb_per_cpu_s if base else None)


def _projected(done: list[tuple[int, float, float]], n: int) -> float:
    """Seconds for n sources: linear from one size; from two, the growth between the last two
    (time ~ n^k, k >= 1), so a run that grows faster than linear is not started blind."""
    (n1, t1, _), (n2, t2, _) = (done[-2] if len(done) > 1 else (0, 0.0, 0.0)), done[-1]
    k = max(1.0, math.log(t2 / t1) / math.log(n2 / n1)) if n1 and t1 > 0 and n2 > n1 else 1.0
    return t2 * (n / n2) ** k


def measure_sizes(args, fc: run.Factcheck, jobs: int | None) -> list[Row]:
    rows: list[Row] = []
    base = None
    what = f"report --jobs {jobs}" if jobs else "report"
    done: list[tuple[int, float, float]] = []  # (sources, seconds, MB) of the sizes run so far
    for n in args.sizes:
        if done and args.budget:
            projected = _projected(done, n) * max(1, args.repeat)
            if projected > args.budget:
                rows.append(Row(what, n, done[-1][2] / done[-1][0] * n, kind="skipped",
                                note=f"skipped: projected ~{projected:.0f} s > --budget {args.budget:g}; "
                                     f"--budget 0 runs it"))
                _progress(rows[-1])
                continue
        sources = fc.work / f"corpus-{n}"
        nbytes = corpus.write(sources, n, args.seed, args.distinct)
        # The baseline again before every size: this machine's speed drifts over minutes, and the
        # ratio (and the linearity check, see table.targets) should compare like with like.
        # The sources without footnote numbers: dateparser reads those as dates and slows down.
        base = run.baseline([corpus.article(i, args.seed).text for i in range(min(n, args.baseline_sample))])
        if not any(r.kind == "baseline" for r in rows):
            rows.append(Row(f"baseline: dateparser.search_dates, first {base.sources}", base.sources,
                            base.nbytes / 1e6, base.seconds, base.cpu, base.mb_per_s, base.mb_per_cpu_s,
                            ratio=1.0, kind="baseline", note="in process, one call per source; measured again "
                                                             "before each size"))
            _progress(rows[-1])
        total, distinct = corpus.sentence_stats(sources)
        runs = [fc.report(sources, jobs) for _ in range(max(1, args.repeat))]
        m = run.best(runs)
        rows.append(_report_row(what, n, nbytes, m, base))
        best_of = f"best of {len(runs)} (slowest {max(r.wall for r in runs):.2f} s); " if len(runs) > 1 else ""
        rows[-1].note = (f"{best_of}{distinct / total:.1%} of {total:,} sentences distinct; baseline just before: "
                         f"{base.mb_per_cpu_s:.3f} MB/s/core; {rows[-1].note}").rstrip("; ")
        _progress(rows[-1])
        if m.ok:
            done.append((n, m.wall, nbytes / 1e6))
        shutil.rmtree(sources)  # 10,000 sources are ~80 MB
    return rows


def measure_seeds(fc: run.Factcheck) -> Row:
    runs = fc.seeds_cold()
    b = run.best(runs)
    if not b.ok:
        return Row("seeds, cold: factcheck report", 5, note=b.error, kind="error")
    mb = sum(f.stat().st_size for f in run.SEEDS.glob("*.txt")) / 1e6
    return Row("seeds, cold: factcheck report", 5, mb, b.wall, b.cpu, mb / b.wall, mb / b.cpu, b.maxrss_kib * 1024 / 1e6,
               note=f"best of {len(runs)}; median {run.median_wall(runs):.3f} s", kind="seeds")


def measure_real(fc: run.Factcheck) -> Row:
    runs = fc.real_articles()
    b = min(runs, key=lambda r: r["cpu"])
    mb = b["bytes"] / 1e6
    base = min(r["baseline_cpu"] for r in runs)
    return Row("real articles: extraction, every sentence new", b["sources"], mb, b["seconds"], b["cpu"],
               mb / b["seconds"], mb / b["cpu"], ratio=base / b["cpu"], kind="real",
               note=f"seeds and examples' sources; best of {len(runs)} fresh processes, loading untimed; "
                    f"x dateparser on the same texts ({mb / base:.3f} MB/s/core)")


def measure_check(args, fc: run.Factcheck) -> list[Row]:
    what = f"check after +1 source ({INCREMENTAL_SOURCES:,} cached)"
    if fc.help_text("check") is None:
        return [Row(what, note="n/a (command not available)")]
    first, again = fc.incremental_check(INCREMENTAL_SOURCES, args.seed, args.distinct)
    if not first.ok:
        return [Row(f"check, {INCREMENTAL_SOURCES:,} sources, empty cache", note=first.error, kind="error")]
    rows = [Row(f"check, {INCREMENTAL_SOURCES:,} sources, empty cache", INCREMENTAL_SOURCES, seconds=first.wall,
                cpu=first.cpu, rss_mb=first.maxrss_kib * 1024 / 1e6, note="fills the cache")]
    failed = next((m for m in again if not m.ok), None)
    if failed:
        return rows + [Row(what, note=failed.error, kind="error")]
    b = run.best(again)
    return rows + [Row(what, INCREMENTAL_SOURCES + 1, seconds=b.wall, cpu=b.cpu, rss_mb=b.maxrss_kib * 1024 / 1e6,
                       kind="check", note=f"best of {len(again)}, each from the same cache; median "
                                          f"{run.median_wall(again):.2f} s, slowest {max(m.wall for m in again):.2f} s")]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    if args.quick:
        args.sizes = [200, 1000]
    ncpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    load, rev = os.getloadavg()[0], revision(run.REPO)
    print(f"factcheck benchmark: {machine(ncpu)}; sizes {','.join(map(str, args.sizes))}",
          file=sys.stderr, flush=True)
    notes = []
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        fc = run.Factcheck(Path(tmp))
        jobs = None
        if args.jobs:
            if "--jobs" in (fc.help_text("report") or ""):
                jobs = args.jobs
            else:
                notes.append(f"--jobs {args.jobs} ignored: 'factcheck report --help' lists no --jobs; ran one process")
        rows = measure_sizes(args, fc, jobs)
        rows.append(measure_seeds(fc))
        _progress(rows[-1])
        rows.append(measure_real(fc))
        _progress(rows[-1])
        rows += measure_check(args, fc)
        _progress(rows[-1])

    notes += [
        f"report ran with {f'--jobs {jobs}' if jobs else 'the --jobs default of factcheck (if it has one)'}.",
        "MB/s is MB over wall-clock seconds; MB/s/core is MB over CPU seconds (all processes of the run), "
        "which a busy machine disturbs less; x baseline compares MB/s/core.",
        "Each factcheck run is a fresh process from an empty directory (interpreter start-up included); "
        "peak RSS is that process's ru_maxrss (with worker processes: the largest one, not the sum). "
        "factcheck's cache starts empty, so report runs include writing it.",
        "factcheck and claims/ are copied and byte-compiled at the start, so edits during a run do not "
        "change what is measured.",
        "The corpus repeats the seeds' sentences unless --distinct: a memo keyed on sentence text does only "
        "the distinct ones, so it looks far better on the plain corpus than on real articles.",
        "The baseline times dateparser.search_dates(text, languages=['en']) on whole source texts in this process, "
        "after a warm-up call, just before each size (this machine's speed drifts over minutes); per MB it is "
        "extrapolated to that size, and the linearity check scales each size's CPU time by it.",
    ]
    lines = targets(rows)
    print(plain(rows))
    print()
    print("\n".join(["Targets:"] + [f"  {t}" for t in lines]))
    print("\n".join(["Notes:"] + [f"  {n}" for n in notes]))

    doc = [
        "# factcheck benchmark",
        "",
        f"- Run: {dt.date.today().isoformat()}, `{' '.join(['python -m bench', *argv])}`, {rev}",
        f"- Machine: {machine(ncpu)}; load average {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end",
        f"- Corpus: `bench.corpus`, seed {args.seed}" + (", distinct sentences" if args.distinct else ""),
        "",
        markdown(rows),
        "",
        "Targets:",
        "",
        *[f"- {t}" for t in lines],
        "",
        "Notes:",
        "",
        *[f"- {n}" for n in notes],
        "",
    ]
    args.results.write_text("\n".join(doc), encoding="utf-8")
    print(f"\nwrote {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
