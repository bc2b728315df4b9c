"""Where an event repository's root is and what its settings say.

The root is the nearest folder, from the working directory up, that holds a `factcheck.toml` or a
`pyproject.toml` with a `[tool.factcheck]` table; failing that, the nearest folder with a `claims/`
directory; failing that, the working directory. Settings name the sources directory, the claims
directory and the committed report, relative to the root (the event's time zone is event knowledge:
its pack gives it, as `event.timezone`):

    # factcheck.toml
    sources = "sources"
    claims = "claims"
    report = "reports/discrepancies.md"
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import FactcheckError
from .suggest import did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the oldest supported Python
    import tomli as tomllib

CONFIG_FILE = "factcheck.toml"
DEFAULTS = {"sources": "seeds", "claims": "claims", "report": "reports/discrepancies.md"}


@dataclass(frozen=True)
class Project:
    root: Path
    sources: str = DEFAULTS["sources"]  # relative to the root: commands run there
    claims: str = DEFAULTS["claims"]
    report: str = DEFAULTS["report"]
    config: str | None = None  # the file the settings came from


def _table(path: Path) -> dict | None:
    """The settings table in path: the whole of factcheck.toml, pyproject's [tool.factcheck]."""
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise FactcheckError(f"malformed TOML: {e}", str(path)) from None
    if path.name == CONFIG_FILE:
        return data
    tool = data.get("tool")
    return tool.get("factcheck") if isinstance(tool, dict) and isinstance(tool.get("factcheck"), dict) else None


def _settings(table: dict, path: Path) -> dict:
    out = {}
    for key, value in sorted(table.items()):
        if key == "timezone":  # read by 0.2.0 and never used: say where it belongs
            raise FactcheckError("setting 'timezone' is not read: the event's time zone belongs in its pack, "
                                 "as event.timezone", str(path))
        if key not in DEFAULTS:
            raise FactcheckError(f"unknown setting '{key}'{did_you_mean(key, DEFAULTS)} "
                                 f"(allowed: {', '.join(DEFAULTS)})", str(path))
        if not isinstance(value, str) or not value.strip():
            raise FactcheckError(f"setting '{key}' must be non-empty text", str(path))
        out[key] = value
    return out


def find(cwd: str | Path | None = None) -> Project:
    """The project the working directory (or cwd) belongs to."""
    here = Path(cwd or os.getcwd()).resolve()
    root, table, config = None, {}, None
    for d in (here, *here.parents):
        for name in (CONFIG_FILE, "pyproject.toml"):
            f = d / name
            if f.is_file() and (found := _table(f)) is not None:
                root, table, config = d, _settings(found, f), f
                break
        if root:
            break
    if root is None:
        root = next((d for d in (here, *here.parents) if (d / DEFAULTS["claims"]).is_dir()), here)
    return Project(root, config=str(config) if config else None, **{**DEFAULTS, **table})


def from_root(root: Path, path: str, cwd: str | Path | None = None) -> str:
    """A path given on the command line (relative to cwd) as seen from the root, with forward
    slashes; an absolute path, or one outside the root, stays absolute."""
    if Path(path).is_absolute():
        return path
    target = Path(os.path.abspath(Path(cwd or os.getcwd(), path)))
    try:
        return target.relative_to(root).as_posix() or "."
    except ValueError:
        return str(target)
