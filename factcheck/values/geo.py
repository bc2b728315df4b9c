"""Places given relative to another place, and how far apart described points are.

"16 km northwest of X", "about 17 km from X", "northwest of X", "21.85N 95.95E": a `Located`
place has an anchor (a place name), a distance and a bearing, or coordinates. Two of them, or one and
a plain place, are compared geometrically when their anchors can be placed: the pack's
`coordinates:`, else the world gazetteer (packs/world.py);
distances on the WGS84 ellipsoid with geographiclib. The tolerances are stated here once:

- a stated distance is good to a quarter of itself, at least 5 km ("16 km" covers 12–20 km);
- "near X" is read as X; a bearing without a distance ("northwest of X") is a point 15 km
  that way, give or take 20 km;
- a named town or city stands for a point with a 25 km radius; coordinates for a 5 km one.

Two descriptions are compatible when their areas meet, else in conflict. A description anchored to
a place relates to that place (or to one containing it) as a refinement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entity import Entity
from .relation import COMPATIBLE, CONFLICT, SAME, Knowledge

BEARING_ONLY_KM, BEARING_ONLY_TOL = 15.0, 20.0
CITY_KM, COORD_KM, MIN_TOL_KM, TOL_SHARE = 25.0, 5.0, 5.0, 0.25
_UNITS_KM = {"km": 1.0, "kms": 1.0, "kilometre": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometers": 1.0,
             "mi": 1.609344, "mile": 1.609344, "miles": 1.609344}
BEARINGS = {"north": 0.0, "north-northeast": 22.5, "northeast": 45.0, "east-northeast": 67.5, "east": 90.0,
            "east-southeast": 112.5, "southeast": 135.0, "south-southeast": 157.5, "south": 180.0,
            "south-southwest": 202.5, "southwest": 225.0, "west-southwest": 247.5, "west": 270.0,
            "west-northwest": 292.5, "northwest": 315.0, "north-northwest": 337.5}


@dataclass(frozen=True, slots=True)
class Located:
    """A place described from another ("16 km northwest of Colmar") or by coordinates."""

    anchor: str = ""  # the anchor's canonical name ("" for coordinates)
    km: float | None = None
    bearing: str = ""  # a key of BEARINGS
    lat: float | None = None
    lon: float | None = None
    type = "place"

    def __str__(self) -> str:
        if self.anchor == "":
            return f"{abs(self.lat):g}{'N' if self.lat >= 0 else 'S'} {abs(self.lon):g}{'E' if self.lon >= 0 else 'W'}"
        dist = f"{self.km:g} km " if self.km is not None else ""
        return f"{dist}{self.bearing} of {self.anchor}" if self.bearing else f"{dist}from {self.anchor}"

    @property
    def name(self) -> str:  # what entity code reads off a place
        return str(self)

    specificity = 3

    # -- comparison -----------------------------------------------------------------------
    def relate(self, other, kb: Knowledge) -> str:
        if str(self) == str(other):
            return SAME
        if isinstance(other, Entity):
            if self.anchor and (other.name == self.anchor or kb.same_entity("place", other.name, self.anchor)
                                or other.name in kb.ancestors("place", self.anchor)):
                return COMPATIBLE  # "16 km northwest of X" lies at X, or in a region containing X
        return _geometric(self, other, kb)

    def refines(self, other, kb: Knowledge) -> bool:
        return isinstance(other, Entity) and bool(self.anchor) and (
            other.name == self.anchor or other.name in kb.ancestors("place", self.anchor))


def _shape(v, kb: Knowledge, origin: str | None = None):
    """(lat, lon, ring_km, tolerance_km): a point (ring 0) or a circle of points at a distance.
    With `origin`, an anchor of that name stands at (0, 0): two descriptions of one anchor compare
    even when nobody knows where it lies."""
    if isinstance(v, Entity):
        c = (0.0, 0.0) if v.name == origin else kb.coordinates_of(v.name)
        return (*c, 0.0, CITY_KM) if c else None
    if not v.anchor:
        return v.lat, v.lon, 0.0, COORD_KM
    c = (0.0, 0.0) if v.anchor == origin else kb.coordinates_of(v.anchor)
    if c is None:
        return None
    if v.bearing:
        km = v.km if v.km is not None else BEARING_ONLY_KM
        tol = _tolerance(v.km) if v.km is not None else BEARING_ONLY_TOL
        lat, lon = _move(c, km, BEARINGS[v.bearing])
        return lat, lon, 0.0, tol
    return (*c, v.km, _tolerance(v.km))


def _tolerance(km: float) -> float:
    return max(MIN_TOL_KM, TOL_SHARE * km)


def _geometric(a, b, kb: Knowledge) -> str:
    anchors = {getattr(v, "anchor", None) or getattr(v, "name", None) for v in (a, b)}
    origin = anchors.pop() if len(anchors) == 1 else None
    sa, sb = _shape(a, kb, origin), _shape(b, kb, origin)
    if sa is None or sb is None:
        return CONFLICT  # nothing says where one of them lies: as two unrelated names
    d = distance_km(sa[:2], sb[:2])
    gap = d  # two points: how far apart they are
    if sa[2] and sb[2]:  # two circles meet when neither lies wholly inside the other
        gap = max(0.0, d - sa[2] - sb[2], abs(sa[2] - sb[2]) - d)
    elif sa[2] or sb[2]:  # a point and a circle: how far the point lies off the circle
        gap = abs(d - (sa[2] or sb[2]))
    return COMPATIBLE if gap <= sa[3] + sb[3] else CONFLICT


def distance_km(p: tuple[float, float], q: tuple[float, float]) -> float:
    from geographiclib.geodesic import Geodesic  # about 2 ms; only comparisons of located places pay it

    return Geodesic.WGS84.Inverse(p[0], p[1], q[0], q[1])["s12"] / 1000.0


def _move(p: tuple[float, float], km: float, azimuth: float) -> tuple[float, float]:
    from geographiclib.geodesic import Geodesic

    g = Geodesic.WGS84.Direct(p[0], p[1], azimuth, km * 1000.0)
    return g["lat2"], g["lon2"]


# -- reading ------------------------------------------------------------------------------------
_NUM = r"(?P<n>\d+(?:\.\d+)?)"
_UNIT = "|".join(sorted(map(re.escape, _UNITS_KM), key=len, reverse=True))
_BEAR = r"(?:north|south|east|west)(?:[\s-]?(?:north|south)?(?:east|west))?"
_APPROX = r"(?:(?:about|around|some|approximately|roughly|nearly|almost|just|over|under)\s+)?"
# The words before an anchor place that make it the anchor of a description.
LEAD = re.compile(
    rf"(?P<lead>(?:{_APPROX}{_NUM}\s*(?P<u>{_UNIT})\.?(?:\s*\([^)]{{0,20}}\))?\s+(?:(?:to\s+the\s+)?(?P<b>{_BEAR})\s+of|from|away\s+from)"
    rf"|(?:to\s+the\s+)?(?P<b2>{_BEAR})\s+of|(?P<near>near|close\s+to|outside))\s+(?:(?:the\s+)?(?:city|town|village|capital)\s+of\s+)?"
    rf"(?:the\s+)?(?:\w+'s\s+)?)$", re.I)
_COORD = re.compile(
    r"(?P<lat>\d{1,2}(?:\.\d+)?)\s*(?:°|degrees?)?\s*(?P<ns>[NS]|north|south)\b(?:\s+latitude)?[\s,]+(?:and\s+)?"
    r"(?P<lon>\d{1,3}(?:\.\d+)?)\s*(?:°|degrees?)?\s*(?P<ew>[EW]|east|west)\b(?:\s+longitude)?", re.I)


def before_anchor(text: str, anchor_start: int, anchor: str) -> tuple[int, Located] | None:
    """The description whose anchor begins at `anchor_start`: (where it starts, the place)."""
    m = LEAD.search(text[max(0, anchor_start - 70) : anchor_start])
    if not m:
        return None
    start = anchor_start - len(m.group("lead"))
    if m.group("near"):
        return None  # "near X" is read as X, as readers do (a town stands for a 25 km circle)
    km = float(m.group("n")) * _UNITS_KM[m.group("u").lower()] if m.group("n") else None
    said = m.group("b") or m.group("b2") or ""
    bearing = re.sub(r"[\s-]", "", said.lower())
    bearing = {k.replace("-", ""): k for k in BEARINGS}.get(bearing, "")
    if said and not bearing:
        return None
    return start, Located(anchor, round(km, 1) if km is not None else None, bearing)


def coordinates(text: str):
    """(start, end, Located) for each pair of coordinates: "21.85N 95.95E", "21.85 degrees north
    latitude and 95.95 degrees east longitude"."""
    for m in _COORD.finditer(text):
        lat, lon = float(m.group("lat")), float(m.group("lon"))
        if lat > 90 or lon > 180:
            continue
        lat = -lat if m.group("ns")[0].lower() == "s" else lat
        lon = -lon if m.group("ew")[0].lower() == "w" else lon
        yield m.start(), m.end(), Located(lat=lat, lon=lon)
