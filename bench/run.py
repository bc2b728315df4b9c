"""Measurements: factcheck end to end in child processes, and the dateparser baseline in process.

Every factcheck run goes through bench/wrap.py in a fresh process, so the peak RSS it reports
(RUSAGE_CHILDREN) belongs to that run alone, and runs in its own empty working directory, so no
cache or report from an earlier run is picked up unless the measurement means it to be.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import corpus

REPO = Path(__file__).resolve().parent.parent
SEEDS = corpus.SEEDS
CLAIMS = SEEDS.parent / "claims"  # the frozen fixture event the corpus is generated from
WRAP = Path(__file__).with_name("wrap.py")
REAL = Path(__file__).with_name("real.py")
_CLI = "import sys; from factcheck.cli import main; sys.exit(main(sys.argv[1:]))"


@dataclass(frozen=True)
class Measurement:
    rc: int
    wall: float
    cpu: float
    maxrss_kib: int
    stderr: str

    @property
    def ok(self) -> bool:
        return self.rc in (0, 1)  # 1 is "findings to act on", still a complete run

    @property
    def error(self) -> str:
        last = self.stderr.strip().splitlines()[-1:] or [""]
        return f"exit {self.rc}: {last[0][:200]}"


class Factcheck:
    """factcheck as it was when the benchmark started, run in child processes.

    The package and the packs are copied (and byte-compiled) into the work directory first: edits
    made while a long run goes on would otherwise mix versions into one measurement, and the cache
    keys on the code, so an edit between two `check` runs would turn the warm run cold.
    """

    def __init__(self, work: Path):
        self.work = work
        code = work / "code"
        shutil.copytree(REPO / "factcheck", code / "factcheck", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(CLAIMS, code / "claims")
        compileall.compile_dir(code / "factcheck", quiet=1)  # as installed: no compiling in the timed runs
        self.pythonpath = str(code)
        self.claims = code / "claims"
        if (code / "factcheck" / "__main__.py").exists():
            self.cmd = [sys.executable, "-m", "factcheck"]
        else:
            self.cmd = [sys.executable, "-c", _CLI]

    def _env(self, cwd: Path) -> dict:
        path = os.pathsep.join(p for p in (self.pythonpath, os.environ.get("PYTHONPATH")) if p)
        return dict(os.environ, PYTHONPATH=path, XDG_CACHE_HOME=str(cwd / ".cache"), XDG_STATE_HOME=str(cwd / ".state"))

    def help_text(self, command: str) -> str | None:
        """`factcheck COMMAND --help`, or None when there is no such command."""
        p = subprocess.run([*self.cmd, command, "--help"], capture_output=True, text=True,
                           cwd=self.work, env=self._env(self.work))
        return p.stdout if p.returncode == 0 else None

    def measure(self, args: list[str], cwd: Path) -> Measurement:
        """One factcheck run in a fresh wrapper process."""
        p = subprocess.run([sys.executable, str(WRAP), *self.cmd, *args], cwd=cwd, env=self._env(cwd),
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"bench wrapper failed: {p.stderr.strip()[-500:]}")
        return Measurement(**json.loads(p.stdout))

    def fresh_dir(self, name: str) -> Path:
        return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.work))

    def report(self, sources: Path, jobs: int | None = None) -> Measurement:
        """`factcheck report SOURCES` to a markdown file, from an empty directory: no cache to start from."""
        cwd = self.fresh_dir("report")
        args = ["report", str(sources), "--claims", str(self.claims), "-o", str(cwd / "report.md")]
        return self.measure(args + (["--jobs", str(jobs)] if jobs else []), cwd)

    def seeds_cold(self, runs: int = 5) -> list[Measurement]:
        """Plain `factcheck report` (its defaults: seeds/, claims/) in fresh copies of the inputs."""
        out = []
        for _ in range(runs):
            cwd = self.fresh_dir("seeds")
            shutil.copytree(SEEDS, cwd / "seeds")
            shutil.copytree(self.claims, cwd / "claims")
            out.append(self.measure(["report"], cwd))
        return out

    def real_articles(self, runs: int = 5) -> list[dict]:
        """bench/real.py in fresh processes: extraction over the real articles, and dateparser over them."""
        out = []
        for _ in range(runs):
            cwd = self.fresh_dir("real")
            p = subprocess.run([sys.executable, str(REAL)], cwd=cwd, env=self._env(cwd), capture_output=True, text=True)
            if p.returncode != 0:
                raise RuntimeError(f"bench/real.py failed: {p.stderr.strip()[-500:]}")
            out.append(json.loads(p.stdout))
        return out

    def incremental_check(self, n: int, seed: int, distinct: bool = False,
                          runs: int = 3) -> tuple[Measurement, list[Measurement]]:
        """`factcheck check` on n sources (fills the cache), then `runs` times after adding source n,
        each from the cache as the first run left it."""
        cwd = self.fresh_dir("check")
        sources = cwd / "sources"
        corpus.write(sources, n, seed, distinct)
        args = ["check", str(sources), "--claims", str(self.claims)]
        first = self.measure(args, cwd)
        corpus.add(sources, n, seed, distinct)  # a new file and its sources.yaml entry, as a user would add it
        cache, kept = cwd / ".factcheck-cache", cwd / "cache-after-first-run"
        if cache.is_dir():
            shutil.copytree(cache, kept)
        again = []
        for _ in range(runs):
            if kept.is_dir():
                shutil.rmtree(cache, ignore_errors=True)
                shutil.copytree(kept, cache)
            again.append(self.measure(args, cwd))
        return first, again


@dataclass(frozen=True)
class Baseline:
    sources: int
    nbytes: int
    seconds: float
    cpu: float

    @property
    def mb_per_s(self) -> float:
        return self.nbytes / 1e6 / self.seconds

    @property
    def mb_per_cpu_s(self) -> float:
        return self.nbytes / 1e6 / self.cpu


def baseline(texts: list[str]) -> Baseline:
    """dateparser.search_dates over the whole text of each source, one call each.

    Import and language loading are left out of the time (a warm-up call), which favours the baseline.
    """
    from dateparser.search import search_dates

    search_dates("The drill began on Sunday, 18 May 2025.", languages=["en"])
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        search_dates(text, languages=["en"])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return Baseline(len(texts), sum(len(t.encode("utf-8")) for t in texts), seconds, cpu)


def best(runs: list[Measurement]) -> Measurement:
    ok = [m for m in runs if m.ok] or runs
    return min(ok, key=lambda m: m.wall)


def median_wall(runs: list[Measurement]) -> float:
    return statistics.median(m.wall for m in runs)
