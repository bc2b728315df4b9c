"""Run tests/browser/check.mjs: the report's Mermaid blocks and HTML page in the system Chromium
with the real mermaid library (11.x and 10.9, from tests/browser/package.json), offline.

Locally the tests that need it are skipped, saying why, when node, Chromium or the npm packages are
missing; under CI (CI set) they fail instead, since .ci/run installs all three.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parent / "browser"


def missing() -> str | None:
    if not shutil.which("node"):
        return "node is not installed (apt-get install nodejs npm)"
    if not any(Path(p).exists() for p in (os.environ.get("CHROMIUM") or "", "/usr/bin/chromium",
                                          "/usr/bin/chromium-browser")):
        return "Chromium is not installed (apt-get install chromium)"
    for pkg in ("mermaid", "puppeteer-core"):
        if not (HARNESS / "node_modules" / pkg / "package.json").exists():
            return f"npm package {pkg} is not installed (cd tests/browser && npm ci)"
    return None


def require() -> None:
    reason = missing()
    if reason and os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    if reason:
        pytest.skip(reason)


def check(mode: str, *files) -> dict:
    """The harness's findings for `mode` ('mermaid' or 'html'); its exit code is in 'exit'."""
    require()
    p = subprocess.run(["node", str(HARNESS / "check.mjs"), mode, *map(str, files)], capture_output=True,
                       text=True, timeout=240, cwd=HARNESS)
    if not p.stdout.strip():
        raise AssertionError(f"the browser harness printed nothing (exit {p.returncode}): {p.stderr[-2000:]}")
    out = json.loads(p.stdout)
    out["exit"], out["stderr"] = p.returncode, p.stderr
    return out
