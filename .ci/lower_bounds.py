"""Print pip constraints pinning every dependency in pyproject.toml to its lower bound.

    python3 .ci/lower_bounds.py > constraints.txt
    PIP_CONSTRAINT=constraints.txt pip install -e '.[test]'

Covers the build requirements, the dependencies and every extra; an environment marker is kept,
so a pin applies only where its requirement does. A requirement without a `>=` bound is an error:
a lower bound nobody tests is a guess.
"""

import re
import sys
import tomllib
from pathlib import Path

SPEC = re.compile(r"^\s*([A-Za-z0-9._-]+)\s*(?:\[[^\]]*\])?\s*([^;]*?)\s*(?:;\s*(.+))?$")


def pins(pyproject: Path) -> list[str]:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data["project"]
    reqs = [*data.get("build-system", {}).get("requires", []), *project.get("dependencies", []),
            *(r for extra in project.get("optional-dependencies", {}).values() for r in extra)]
    out = []
    for req in reqs:
        name, spec, marker = SPEC.match(req).groups()
        low = re.search(r">=\s*([^,\s]+)", spec)
        if not low:
            sys.exit(f"{pyproject}: '{req}' has no lower bound (>=)")
        out.append(f"{name}=={low.group(1)}" + (f"; {marker}" if marker else ""))
    return sorted(set(out), key=str.lower)


if __name__ == "__main__":
    print("\n".join(pins(Path(__file__).resolve().parent.parent / "pyproject.toml")))
