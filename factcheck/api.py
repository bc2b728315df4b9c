"""The Python API: what the `factcheck` command does, as functions returning typed results.

    from factcheck import api

    result = api.run(["sources"], "claims")
    for finding in result.findings:          # one per topic of the packs
        if finding.status == "conflict":
            for group in finding.values:     # one per distinct value, with who says it
                for claim in group.claims:   # each with its evidence
                    ev = api.evidence(claim)
                    print(finding.topic, group.value, ev.path, ev.line, ev.sentence)

    outcome = api.check(result, "claims/accepted.yaml", "reports/discrepancies.md")
    outcome.failed, outcome.new, outcome.stale

Errors in the input raise `FactcheckError` (and its subclasses) carrying `path` and `line`.
The command line is built on these functions; their output is the same byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
import os
from pathlib import Path

from .comparison.compare import STATUSES, Finding, ValueGroup
from .errors import BaselineError, FactcheckError, PackError, SourceError
from .extraction.extract import Claim
from .gate import baseline as _baseline
from .gate.gate import Outcome
from .ingest.sources import DEFAULT_MAX_BYTES
from .run.pipeline import Result, SourceCache, SourceResult

__all__ = ["run", "check", "evidence", "Evidence", "Result", "SourceResult", "Claim", "Finding", "ValueGroup",
           "Outcome", "STATUSES", "FactcheckError", "PackError", "SourceError", "BaselineError"]


@dataclass(frozen=True)
class Evidence:
    """Where a claim was read: the source's file and line, the character span in the file, the
    verbatim sentence, the words the value came from and the pack rule that took them."""

    source: str
    path: str
    line: int
    start: int
    end: int
    sentence: str
    text: str
    rule: str
    derived: bool


def run(sources: list[str], packs: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
        cache: str | Path | SourceCache | None = None, jobs: int = 1, progress=None,
        engine: str = "local", scheduler: str | None = None) -> Result:
    """Analyse the sources (files or directories) against the packs (a pack file or a directory).

    cache: a directory for per-source results (as `.factcheck-cache/`), or a SourceCache, or None.
    jobs: processes for extraction; engine: "local" (jobs processes) or "dask" (on the cluster at
    `scheduler`, else a local one); the result is the same wherever the sources were read."""
    from .run.pipeline import run as _run

    if isinstance(cache, (str, Path)):
        from .run.cache import Cache

        cache = Cache(str(cache))
    return _run(list(sources), str(packs), max_bytes, cache, jobs=jobs, progress=progress, engine=engine,
                scheduler=scheduler)


def check(result: Result, baseline: str, report: str) -> Outcome:
    """The gate's verdict on a result: new conflicts (not in the baseline file), acceptances whose
    conflict is gone, and whether the report file holds what the result renders."""
    from .gate.gate import evaluate
    from .outputs.render import markdown, opening

    from .files import read_regular  # a FIFO or a device in the report's place is refused, not waited on

    p = Path(report)
    committed = read_regular(p, FactcheckError).decode("utf-8", "replace") if p.exists() or p.is_symlink() else None
    return evaluate(result, _baseline.load(baseline), report, lambda: markdown(result, os.path.dirname(report) or "."),
                    committed, opening(result))


def evidence(claim: Claim, result: Result | None = None) -> Evidence:
    """A claim's evidence; with the result, `path` is the source's file, else its id."""
    path = next((r.source.path for r in result.sources if r.source.id == claim.source), claim.source) \
        if result is not None else claim.source
    return Evidence(claim.source, path, claim.line, claim.start, claim.end, claim.sentence, claim.text,
                    claim.rule, claim.derived)
