"""Sets of character spans asked about overlap in logarithmic time, so a long sentence stays linear."""

from __future__ import annotations

import bisect


class Spans:
    """Character spans, possibly overlapping, asked whether one overlaps a range or covers a point.
    Sorted starts and the longest span bound the look-back: a question costs the few spans near it,
    never all of them, so a sentence of any length is read in linear time."""

    def __init__(self, spans=()):
        self._s = sorted(spans)
        self._long = max((b - a for a, b in self._s), default=0)

    def add(self, a: int, b: int) -> None:
        bisect.insort(self._s, (a, b))
        self._long = max(self._long, b - a)

    def overlaps(self, a: int, b: int) -> bool:
        """Some span (x, y) with x < b and a < y."""
        i = bisect.bisect_left(self._s, (b,))
        while i > 0:
            i -= 1
            x, y = self._s[i]
            if x + self._long <= a:
                return False
            if y > a:
                return True
        return False

    def covers(self, p: int) -> bool:
        """Some span (x, y) with x <= p < y."""
        return self.overlaps(p, p + 1) if self._s else False
