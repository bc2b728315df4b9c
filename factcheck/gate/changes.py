"""Which files a change adds or modifies relative to a base revision, from git.

`check --since REF` (in a pull request: its base branch) focuses annotations on these files. The
comparison starts at the merge base, as a pull request's diff does, and includes uncommitted and
untracked files, so a local run sees what a push would bring.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from ..errors import FactcheckError


def default_base(env: Mapping[str, str] = os.environ) -> str | None:
    """The pull request's base branch inside GitHub Actions, as the checkout knows it."""
    base = env.get("GITHUB_BASE_REF") if env.get("GITHUB_ACTIONS") == "true" else None
    return f"origin/{base}" if base else None


def _git(*args: str, cwd: str | None = None) -> str:
    try:
        p = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                           errors="replace", timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise FactcheckError(f"cannot run git: {e}") from None
    if p.returncode != 0:
        first = (p.stderr.strip().splitlines() or ["git failed"])[0]
        raise FactcheckError(f"git {args[0]}: {first}")
    return p.stdout


def changed(ref: str, cwd: str | None = None) -> set[Path]:
    """Absolute, resolved paths of the files added or changed since ref's merge base with HEAD."""
    top = Path(_git("rev-parse", "--show-toplevel", cwd=cwd).strip())
    try:
        base = _git("merge-base", ref, "HEAD", cwd=cwd).strip()
    except FactcheckError as e:
        raise FactcheckError(f"--since {ref}: no common history with HEAD ({e.message}); "
                             "fetch the base branch (actions/checkout with fetch-depth: 0)") from None
    diff = _git("diff", "--name-only", "--diff-filter=d", "-z", base, "--", cwd=cwd)  # relative to the top
    new = _git("ls-files", "--others", "--exclude-standard", "-z", cwd=cwd)  # relative to cwd
    here = Path(cwd or os.getcwd())
    return {(top / n).resolve() for n in diff.split("\0") if n} | {(here / n).resolve() for n in new.split("\0") if n}
