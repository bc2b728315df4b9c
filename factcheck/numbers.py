"""Counts as news writes them, normalized to intervals: 'more than 1,200', 'dozens', 'nearly 400'."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from . import lang
from .values import Number

_WORDS = "|".join(sorted((w for w, n in lang.NUMBER_WORDS.items() if n and w not in ("a", "an")), key=len,
                         reverse=True))
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
          "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
          "a dozen": (12, 12), "a handful": (2, 6), "several": (3, 9), "a few": (2, 5), "a couple": (2, 2)}
_QUANT = ("more than", "over", "at least", "nearly", "almost", "about", "around", "some", "roughly",
          "approximately", "up to", "at most", "fewer than", "less than", "as many as", "an estimated",
          "close to", "just over", "just under", "under", "upwards of", "no fewer than", "no less than")

_RX = re.compile(
    r"(?<![\w.,])(?:(?P<q>" + "|".join(sorted(_QUANT, key=len, reverse=True)) + r")\s+)?"
    r"(?:(?P<vague>" + "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True)) + r")"
    r"|(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + _WORDS + r")(?:\s+(?P<scale>thousand|million|billion))?)"
    r"(?![\w-]|,\d|\.\d)",
    re.I,
)


def _interval(q: str | None, n: int) -> tuple[int | None, int | None]:
    q = (q or "").lower()
    if q in ("more than", "over", "just over", "upwards of"):
        return n + 1, None
    if q in ("at least", "no fewer than", "no less than"):
        return n, None
    if q in ("nearly", "almost", "close to", "just under"):
        return math.ceil(n * 0.9), max(n - 1, 0)
    if q in ("about", "around", "some", "roughly", "approximately", "an estimated"):
        return math.floor(n * 0.9), math.ceil(n * 1.1)
    if q in ("up to", "at most", "as many as"):
        return 0, n
    if q in ("fewer than", "less than", "under"):
        return 0, max(n - 1, 0)
    return n, n


@lru_cache(maxsize=4096)
def find(text: str) -> tuple[tuple[int, int, Number], ...]:
    """(start, end, Number) for every count in a sentence. Years and dates are not counts."""
    out = []
    for m in _RX.finditer(text):
        if m["vague"]:
            lo, hi = _VAGUE[m["vague"].lower()]
            out.append((m.start(), m.end(), Number(lo, hi)))
            continue
        raw = m["n"].replace(",", "").lower()
        n = float(raw) if raw[0].isdigit() else lang.NUMBER_WORDS.get(raw)
        if n is None:
            continue
        n = n * _SCALE.get((m["scale"] or "").lower(), 1)
        if n != int(n):
            continue
        lo, hi = _interval(m["q"], int(n))
        out.append((m.start(), m.end(), Number(lo, hi)))
    return tuple(out)
