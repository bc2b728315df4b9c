"""'Did you mean …?' for a mistyped topic, option, setting or file name."""

from __future__ import annotations

from collections.abc import Iterable

CUTOFF = 70  # rapidfuzz's ratio, 0-100: close enough to be the word meant, far from an unrelated one


def closest(word: str, choices: Iterable[str]) -> str | None:
    from rapidfuzz import fuzz, process, utils  # imported on an error path only

    found = process.extractOne(word, sorted(set(choices)), scorer=fuzz.ratio, processor=utils.default_process,
                               score_cutoff=CUTOFF)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when one choice is close, else ''."""
    best = closest(word, choices)
    return f" (did you mean '{best}'?)" if best else ""


def near_file(path: str) -> str:
    """' (did you mean …?)' with the closest existing name beside a path that does not exist."""
    from pathlib import Path

    p = Path(path)
    parent = p.parent
    try:
        names = [c.name for c in parent.iterdir()] if parent.is_dir() else []
    except OSError:
        return ""
    best = closest(p.name, names)
    return f" (did you mean '{(parent / best).as_posix() if str(parent) != '.' else best}'?)" if best else ""
