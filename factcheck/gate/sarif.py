"""The gate's new conflicts as SARIF 2.1.0, for code scanning: one result per new conflict, its rule
the topic, its location the line of the new source that brings the conflict (the other evidence as
related locations)."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from .gate import Outcome, claims_of, new_evidence, plain, said_by
from .github import workspace_path

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _newest(outcome: Outcome, claims: list) -> list:
    """The claims of the latest published sources among these: without a base to compare with, a
    conflict nobody accepted yet most likely came with the newest article."""
    published = {r.source.id: r.source.published or "" for r in outcome.result.sources}
    latest = max((published.get(c.source, "") for c in claims), default="")
    return [c for c in claims if published.get(c.source, "") == latest]


def _location(outcome: Outcome, c) -> dict:
    return {"physicalLocation": {
        "artifactLocation": {"uri": workspace_path(outcome.paths.get(c.source, c.source))},
        "region": {"startLine": c.line}}}


def _message(outcome: Outcome, f) -> str:
    return f"Sources disagree on {plain(f.topic)}: {said_by(outcome, f.values)}."


def sarif(outcome: Outcome, accept_command, changed: set[Path] | None = None) -> str:
    topics = sorted({f.topic for f in outcome.new})
    rules = [{"id": t, "name": t, "shortDescription": {"text": f"Sources disagree on {t}"},
              "defaultConfiguration": {"level": "error"}} for t in topics]
    results = []
    for f in sorted(outcome.new, key=lambda f: f.topic):
        primary = new_evidence(outcome, f, changed)
        if changed is None and not outcome.previously_accepted(f):
            primary = _newest(outcome, primary)
        if not primary:
            continue
        first = primary[0]
        related = [c for c in claims_of(f) if c is not first]
        results.append({
            "ruleId": f.topic, "ruleIndex": topics.index(f.topic), "level": "error",
            "message": {"text": f"{_message(outcome, f)} If the conflict is real, accept it: {accept_command(f.topic)}"},
            "locations": [_location(outcome, first)],
            "relatedLocations": [{"id": i, **_location(outcome, c), "message": {"text": plain(str(c.value))}}
                                 for i, c in enumerate(related, 1)],
            "partialFingerprints": {"factcheckConflict/v1": f.fingerprint},
        })
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "factcheck", "version": __version__, "rules": rules}},
        "results": results}]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
