"""Score the Myanmar earthquake pack on the development corpus of real articles.

The corpus and its scorer live outside the repository (third-party text, read at run time only):
`../shared/dev/` beside the checkout (or the one above a worktree's directory), or `--dev DIR`.
Without it the measurement is skipped, saying so. Prints the scorer's line, each finding's status
and the agencies on each side of a conflict; exits 1 when a target is missed.

    python -m bench.dev_score [--dev DIR] [--gate]

`--gate` also reads the corpus without the sentence gate (extract.GATED) and exits 1 unless the
report is the same byte for byte.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = "myanmar-quake-2025"
PACK = REPO / "examples" / CORPUS / "pack.yaml"
# The targets: claim precision, recall, and findings right (8 of 9).
MIN_PRECISION, MIN_RECALL, MIN_FINDINGS = 0.90, 0.85, 8 / 9
WANT = {"quake.magnitude": "conflict", "quake.depth": "conflict", "quake.deaths": "revised", "quake.time": "agree"}


def find_dev(given: str | None) -> Path | None:
    candidates = [Path(given)] if given else [REPO.parent / "shared" / "dev", REPO.parent.parent / "shared" / "dev"]
    return next((d for d in candidates if (d / CORPUS).is_dir() and (d / "score.py").is_file()), None)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", help="the development corpus directory (holds score.py and the corpus)")
    ap.add_argument("--gate", action="store_true", help="check the report is the same without the sentence gate")
    args = ap.parse_args(argv)
    dev = find_dev(args.dev)
    if dev is None:
        print(f"dev_score: skipped: no development corpus found ({CORPUS} and score.py under ../shared/dev)")
        return 0
    from factcheck.outputs.render import as_json
    from factcheck.run.pipeline import run

    result = run([str(dev / CORPUS)], str(PACK))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        out.write_text(as_json(result), encoding="utf-8")
        score = subprocess.run([sys.executable, str(dev / "score.py"), str(dev / f"{CORPUS}.gold.yaml"), str(out),
                                "--min-precision", str(MIN_PRECISION), "--min-recall", str(MIN_RECALL),
                                "--min-findings", str(MIN_FINDINGS)], capture_output=True, text=True)
        data = json.loads(out.read_text(encoding="utf-8"))
    print(score.stdout.strip() or score.stderr.strip())
    if args.gate and not _same_without_gate(dev, as_json(result)):
        return 1
    for f in data["findings"]:
        said = "; ".join(f"{v['value']} — {', '.join(v['according_to']) or 'unattributed'} ({len(v['sources'])})"
                         for v in f["values"])
        mark = "" if WANT.get(f["topic"], f["status"]) == f["status"] else f"   (want {WANT[f['topic']]})"
        print(f"  {f['topic']:<22} {f['status']:<10} {said}{mark}")
        for p in f.get("series", []):
            print(f"      as of {p['as_of'] or 'undated':<16} {p['value']:<8} {', '.join(p['sources'])}")
    return score.returncode


def _same_without_gate(dev: Path, gated: str) -> bool:
    from factcheck.extraction import extract
    from factcheck.outputs.render import as_json
    from factcheck.run.pipeline import run

    extract.GATED = False
    try:
        same = as_json(run([str(dev / CORPUS)], str(PACK))) == gated
    finally:
        extract.GATED = True
    print(f"  without the sentence gate: {'the same report' if same else 'A DIFFERENT REPORT'}")
    return same


if __name__ == "__main__":
    sys.exit(main())
