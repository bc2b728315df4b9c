"""Rows of the benchmark, the targets they are held to, and the plain-text and markdown tables."""

from __future__ import annotations

import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

# The targets of the issue.
MB_PER_S_PER_CORE = 3.0
BASELINE_RATIO = 20.0
LINEAR_SLACK = 1.25  # time may grow up to 1.25 x the number of sources and still count as linear
PEAK_RSS_MB = 1000.0
SEEDS_COLD_S = 0.5
CHECK_ONE_MORE_S = 1.0

COLUMNS = ("measurement", "sources", "MB", "seconds", "CPU s", "MB/s", "MB/s/core", "peak RSS MB",
           "x baseline", "note")


@dataclass
class Row:
    what: str
    sources: int | None = None
    mb: float | None = None
    seconds: float | None = None
    cpu: float | None = None
    mb_per_s: float | None = None
    per_core: float | None = None
    rss_mb: float | None = None
    ratio: float | None = None
    note: str = ""
    kind: str = ""  # report, baseline, seeds, check, skipped: which target a row counts for
    calibration: float | None = None  # the baseline's MB/s per core measured just before this row

    def cells(self) -> list[str]:
        def f(x, fmt):
            return "–" if x is None else format(x, fmt)
        return [self.what, f(self.sources, ","), f(self.mb, ".2f"), f(self.seconds, ".2f"), f(self.cpu, ".2f"),
                f(self.mb_per_s, ".3f"), f(self.per_core, ".3f"), f(self.rss_mb, ".0f"), f(self.ratio, ".1f"),
                self.note]


def plain(rows: list[Row]) -> str:
    table = [list(COLUMNS)] + [r.cells() for r in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
    lines = []
    for k, r in enumerate(table):
        cells = [c.ljust(w) if i in (0, len(COLUMNS) - 1) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(rows: list[Row]) -> str:
    def esc(c: str) -> str:
        return c.replace("|", "\\|")
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(esc(c) for c in r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "met" if ok else "NOT met"


def targets(rows: list[Row]) -> list[str]:
    """One line per target of the issue: what was measured and whether it is met."""
    runs = [r for r in rows if r.kind == "report"]
    out = []
    last = runs[-1] if runs else None
    out.append(f"throughput >= {MB_PER_S_PER_CORE:g} MB/s per core: "
               + (f"{last.per_core:.3f} at {last.sources:,} sources, {_verdict(last.per_core >= MB_PER_S_PER_CORE)}"
                  if last else "n/a"))
    out.append(f">= {BASELINE_RATIO:g}x the dateparser baseline: "
               + (f"{last.ratio:.1f}x, {_verdict(last.ratio >= BASELINE_RATIO)}" if last and last.ratio else "n/a"))
    steps = []
    for a, b in zip(runs, runs[1:]):
        # CPU time (wall time moves with the machine's load), scaled by the baseline's speed just
        # before each run: the same work takes longer while the machine is slow
        grow, took = b.sources / a.sources, b.cpu / a.cpu
        if a.calibration and b.calibration:
            took *= b.calibration / a.calibration
        steps.append((f"{a.sources:,}->{b.sources:,}: sources x{grow:.1f}, CPU time x{took:.2f}"
                      + (" (in baseline units)" if a.calibration and b.calibration else ""), took <= grow * LINEAR_SLACK))
    out.append("time grows linearly: " + ("; ".join(s for s, _ in steps) + f", {_verdict(all(ok for _, ok in steps))}"
                                          if steps else "n/a (needs two sizes)"))
    peak = max((r.rss_mb for r in runs), default=None)
    out.append(f"peak RSS < {PEAK_RSS_MB:g} MB: " + (f"{peak:.0f} MB, {_verdict(peak < PEAK_RSS_MB)}" if peak else "n/a"))
    seeds = next((r for r in rows if r.kind == "seeds" and r.seconds is not None), None)
    out.append(f"five seeds cold < {SEEDS_COLD_S:g} s: "
               + (f"{seeds.seconds:.3f} s, {_verdict(seeds.seconds < SEEDS_COLD_S)}" if seeds else "n/a"))
    check = next((r for r in rows if r.kind == "check" and r.seconds is not None), None)
    out.append(f"check after one more source < {CHECK_ONE_MORE_S:g} s: "
               + (f"{check.seconds:.3f} s ({check.note}), {_verdict(check.seconds < CHECK_ONE_MORE_S)}" if check
                  else "n/a (command not available)"))
    real = next((r for r in rows if r.kind == "real"), None)
    if real:
        held = real.per_core >= MB_PER_S_PER_CORE and real.ratio >= BASELINE_RATIO
        out.append(f"on real articles, every sentence new: {real.per_core:.3f} MB/s per core, {real.ratio:.1f}x "
                   f"dateparser on the same texts; the throughput targets are {_verdict(held)} there")
    skipped = [r for r in rows if r.kind == "skipped"]
    if skipped:
        out.append("not run: " + "; ".join(f"{r.sources:,} sources ({r.note})" for r in skipped))
    return out


def machine(ncpu: int) -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"nproc {ncpu}, {model}, Python {sys.version.split()[0]} ({platform.system()} {platform.machine()})"


def revision(repo: Path) -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown revision"
    return f"git {rev or 'unknown'}" + (" with uncommitted changes" if dirty else "")
