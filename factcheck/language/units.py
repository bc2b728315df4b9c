"""Measures as news writes them: a number with a unit, a range, an approximation, a magnitude.

`find(text)` returns every measure in a folded sentence: "a depth of 10 km", "10 to 30 kilometers",
"10-30 km", "approximately 10 km", "nearly 40 km", "6 miles", "120 km/h", "35 per cent", and
earthquake-style magnitudes on a named scale ("7.7-magnitude", "magnitude 7.7", "a magnitude of
7.7", "M7.7", "Mw 7.7", "measuring 7.7 on the Richter scale"): magnitude, Richter and moment
magnitude are one family. A figure after "measuring"/"registering" with no unit is kept with no
unit; a frame decides whether it measures the topic.

Units are named by a canonical key (`km`, `mile`, `km/h`, `km2`, `%`, `magnitude`); each belongs to
one dimension, and only units of one dimension convert. The conversion itself is pint's, imported
the first time two different units meet (its import and registry cost about 0.3–0.45 s, three
times the rest of the program's start-up, so a run with no conversion never pays it).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lang
from .text import any_of, finditer_at

# canonical key: (dimension, pint's name for it)
UNITS: dict[str, tuple[str, str | None]] = {
    "km": ("length", "kilometer"), "m": ("length", "meter"), "cm": ("length", "centimeter"),
    "mm": ("length", "millimeter"), "mile": ("length", "mile"), "ft": ("length", "foot"), "inch": ("length", "inch"),
    "yd": ("length", "yard"), "nmi": ("length", "nautical_mile"),
    "km/h": ("speed", "kilometer / hour"), "mph": ("speed", "mile / hour"), "knot": ("speed", "knot"),
    "m/s": ("speed", "meter / second"),
    "km2": ("area", "kilometer ** 2"), "mi2": ("area", "mile ** 2"), "m2": ("area", "meter ** 2"),
    "hectare": ("area", "hectare"), "acre": ("area", "acre"),
    "%": ("percentage", "percent"),
    # the gap between two shares: not a share itself, so never bound where a share is asked for
    "percentage point": ("percentage gap", None),
    "tonne": ("mass", "metric_ton"), "kg": ("mass", "kilogram"),
    "magnitude": ("magnitude", None),  # a scale, not a physical unit: nothing converts to it
    "kW": ("power", "kilowatt"), "MW": ("power", "megawatt"), "GW": ("power", "gigawatt"),
    "°C": ("temperature", "degC"), "°F": ("temperature", "degF"),
    # "112 degrees" with no scale: news writes the scale its readers use, which the topic's unit names
    "degree": ("temperature", None),
}
# How units are written (lower case, folded), longest first when matched.
WORDS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "cm": "cm", "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm",
    "mm": "mm", "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm",
    "mile": "mile", "miles": "mile", "mi": "mile", "ft": "ft", "foot": "ft", "feet": "ft", "inch": "inch", "inches": "inch",
    "yard": "yd", "yards": "yd", "yd": "yd", "nautical mile": "nmi", "nautical miles": "nmi", "nmi": "nmi",
    "km/h": "km/h", "kph": "km/h", "kmph": "km/h", "kmh": "km/h", "km/ph": "km/h", "km per hour": "km/h",
    "kilometres per hour": "km/h", "kilometers per hour": "km/h", "kilometres an hour": "km/h", "kilometers an hour": "km/h",
    "mph": "mph", "miles per hour": "mph", "miles an hour": "mph", "knot": "knot", "knots": "knot",
    "m/s": "m/s", "metres per second": "m/s", "meters per second": "m/s",
    "km2": "km2", "sq km": "km2", "sq. km": "km2", "square km": "km2", "square kilometres": "km2", "square kilometers": "km2",
    "square kilometre": "km2", "square kilometer": "km2", "mi2": "mi2", "sq mi": "mi2", "square miles": "mi2",
    "square mile": "mi2", "m2": "m2", "square metres": "m2", "square meters": "m2", "sq m": "m2",
    "hectare": "hectare", "hectares": "hectare", "ha": "hectare", "acre": "acre", "acres": "acre",
    "%": "%", "percent": "%", "per cent": "%",
    "percentage point": "percentage point", "percentage points": "percentage point",
    "percentage-point": "percentage point", "percent point": "percentage point", "percent points": "percentage point",
    "tonne": "tonne", "tonnes": "tonne", "metric tons": "tonne", "metric tonnes": "tonne",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilogramme": "kg", "kilogrammes": "kg",
    "magnitude": "magnitude",
    "kw": "kW", "kilowatt": "kW", "kilowatts": "kW", "mw": "MW", "megawatt": "MW", "megawatts": "MW",
    "gw": "GW", "gigawatt": "GW", "gigawatts": "GW",
    "°c": "°C", "°f": "°F", "celsius": "°C", "fahrenheit": "°F", "centigrade": "°C",
    "degrees celsius": "°C", "degree celsius": "°C", "degrees fahrenheit": "°F", "degree fahrenheit": "°F",
    "degrees centigrade": "°C", "degrees c": "°C", "degrees f": "°F", "deg c": "°C", "deg f": "°F",
    "c": "°C", "f": "°F", "oc": "°C", "of": "°F",  # glued to the figure only: "45C", "113F", "34ºC"
    "degrees": "degree", "degree": "degree",
}
# Scale letters that stand for a unit only glued to their figure ("45C"; not "Category 4 C").
GLUED_ONLY = ("c", "f", "oc", "of")
# Scales of one family: all read as `magnitude`.
MAGNITUDE_WORDS = ("magnitude", "richter", "moment magnitude")
_MAG_SYMBOLS = ("Mw", "MW", "Ms", "Mb", "ML", "Ml")  # and "M" before a decimal figure

_QUANT = {  # how a qualifier turns a figure n into an interval (lo, hi); None is open
    "more than": ("n", None), "over": ("n", None), "above": ("n", None), "just over": ("n", None), "upwards of": ("n", None),
    "at least": ("n", None), "no less than": ("n", None), "in excess of": ("n", None),
    "nearly": ("0.9n", "n"), "almost": ("0.9n", "n"), "close to": ("0.9n", "n"), "just under": ("0.9n", "n"),
    "about": ("0.9n", "1.1n"), "around": ("0.9n", "1.1n"), "some": ("0.9n", "1.1n"), "roughly": ("0.9n", "1.1n"),
    "approximately": ("0.9n", "1.1n"), "an estimated": ("0.9n", "1.1n"), "approx.": ("0.9n", "1.1n"),
    # a measure given "up to" is the peak something reached ("gusts of up to 135 km/h", "up to 300 mm
    # of rain fell"): two outlets giving different peaks disagree, so it is the figure, not 0..n
    "up to": ("n", "n"), "as much as": ("n", "n"), "as many as": ("n", "n"), "as high as": ("n", "n"),
    "at most": ("0", "n"), "no more than": ("0", "n"), "not more than": ("0", "n"),  # a ceiling, not "more than"
    "less than": ("0", "n"), "under": ("0", "n"), "below": ("0", "n"), "within": ("0", "n"),
}


@dataclass(frozen=True)
class Measure:
    start: int
    end: int
    lo: float | None
    hi: float | None
    unit: str | None  # canonical key; None for a bare figure ("an aftershock measuring 6.4")
    step: float  # the rounding step of the figure as written: 1 for "6", 0.1 for "7.7"
    text: str


def canonical(unit: str) -> str | None:
    """The canonical key of a unit as a pack or an article writes it ('kilometres' -> 'km')."""
    u = re.sub(r"\s+", " ", str(unit).strip())
    if u in UNITS:
        return u
    u = u.lower()
    if u in UNITS:
        return u
    if u in ("richter", "mw", "moment magnitude", "richter scale"):
        return "magnitude"
    if u == "degree":
        return None  # a pack names the scale its figures are compared in
    return WORDS.get(u)


def known_units() -> list[str]:
    return sorted(set(UNITS) | set(WORDS))


def dimension(unit: str) -> str:
    return UNITS[unit][0]


@lru_cache(maxsize=1)
def _registry():
    import pint  # lazily: see the module's docstring

    return pint.UnitRegistry()


@lru_cache(maxsize=256)
def factor(src: str, dst: str) -> float:
    """How many `dst` one `src` is; units of one dimension only (ValueError otherwise)."""
    return linear(src, dst)[0]


@lru_cache(maxsize=256)
def linear(src: str, dst: str) -> tuple[float, float]:
    """(f, c) with x `src` = x * f + c `dst`: a factor, and an offset between temperature scales.
    Bare degrees are taken in the scale of `dst`; units of one dimension only (ValueError otherwise)."""
    if src == dst or (src == "degree" and dimension(dst) == "temperature"):
        return 1.0, 0.0
    if dimension(src) != dimension(dst) or UNITS[src][1] is None or UNITS[dst][1] is None:
        raise ValueError(f"cannot convert {src} to {dst}")
    ureg = _registry()
    zero = float(ureg.Quantity(0.0, UNITS[src][1]).to(UNITS[dst][1]).magnitude)
    return float(ureg.Quantity(1.0, UNITS[src][1]).to(UNITS[dst][1]).magnitude) - zero, zero


# ---------------------------------------------------------------------------------------------
# Grammar

# Word lists as prefix trees (any_of): the longest word that fits is tried first, as in a list
# sorted longest first, and a word that fits nothing is turned down in a letter or two.
_NUMWORD_LIST = [w for w, n in lang.NUMBER_WORDS.items() if n and w not in ("a", "an", "couple")]
_NUMWORDS = any_of(_NUMWORD_LIST)
# a decimal spelled out as a broadcast script writes it: "51-point-37 percent", "six point 3 km"
_SPOKEN = rf"(?:\d+|{_NUMWORDS})(?:-point-|\s+point\s+)\d+"
_N = rf"(?:{_SPOKEN}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_NUMWORDS})"
_Q = any_of(_QUANT)
_UNIT = any_of(w for w in WORDS if w != "magnitude")
_U = rf"(?:{_UNIT})(?![\w/])"  # "km" but not "kms-long" halves; "%" has no word end to test
_MAG = r"(?:moment\s+magnitude|magnitude|richter)"
_SYM = "|".join(_MAG_SYMBOLS)
_MEASURING = ("measuring", "registering", "registered", "measured", "rated", r"recorded\s+at")
_PATTERNS = [
    # ranges: "10 to 30 kilometers", "10-30 km", "between 10 and 30 km", "10 km to 30 km"
    ("range", rf"(?:between\s+)?(?P<a>{_N})\s?(?P<ua>{_U})?\s?(?:-|to|and)\s?(?P<b>{_N})[\s-]?(?P<u>{_U})"),
    # "quakes of 6.1 and 5.4 magnitude": the unit belongs to both figures
    ("list_mag", rf"(?P<a>\d\.\d)\s?(?:,|and|&)\s?(?P<b>\d\.\d)[\s-]magnitude\b"),
    ("range_mag", rf"(?:magnitudes?|{_SYM})\s?(?:of\s+)?(?:between\s+)?(?P<a>\d\.\d|\d)\s?(?:-|to|and)\s?(?P<b>\d\.\d|\d)(?![\d.])"),
    # magnitudes: "7.7-magnitude", "magnitude-7.9", "a magnitude of about 7.7", "M7.7", "7.7 on the Richter scale"
    ("mag_after", rf"(?:(?P<q>{_Q})\s+)?(?P<n>\d{{1,2}}(?:\.\d+)?)[\s-]?(?:on\s+the\s+)?{_MAG}(?:\s+scale)?(?![\w-])"),
    ("mag_before", rf"{_MAG}(?:\s+scale)?(?:[\s-]|\s+of\s+)(?:(?P<q>{_Q})\s+)?(?P<n>\d{{1,2}}(?:\.\d+)?)(?![\d.])"),
    # "M7.7", "Mw 7", but not the M5 motorway
    ("mag_symbol", rf"(?-i:(?:M\s?(?P<n>\d\.\d)|(?:{_SYM})\s?(?P<n2>\d(?:\.\d)?)))(?![\d.]|\s?(?:km|m\b|%))"),
    ("measuring", rf"\b(?:{'|'.join(_MEASURING)})\s+(?:(?P<q>{_Q})\s+)?"
                  rf"(?P<n>\d{{1,2}}\.\d+)(?![\d.]|\s?(?:{_U}|-?{_MAG}))"),
    # a figure with its unit: "10 km", "10km", "a 10-kilometre stretch", "approximately 10 km"
    ("single", rf"(?:(?P<q>{_Q})\s+)?(?P<n>{_N})\s?-?\s?(?P<u>{_U})"),
    # one of a unit, said with the article: "almost a foot of rain", "an inch of snow"
    ("single_a", rf"(?:(?P<q>{_Q})\s+)?(?P<n>an?)\s+(?P<u>{_UNIT})(?=\s+of\s)"),
]


# A unit per time is a rate, not the unit's measure: "sinking at 900 feet per minute", "2 km a day"
_PER_TIME = re.compile(r"\s*(?:/\s*(?:s|h|min)|(?:per|an?)\s+(?:second|sec|minute|min|hour|hr|day|week|month|year))\b"
                       r"(?!\s+ago)", re.I)


# Below zero: "-12C", "minus 12 degrees", "−12 °C" (a dash glued to the figure, after a space or nothing)
_MINUS = re.compile(r"(?:(?<!\S)[-\u2212]|\bminus\s+)$", re.I)


@lru_cache(maxsize=1)
def _rx() -> list[tuple[str, re.Pattern]]:  # compiled on first use: only packs with measures need them
    return [(kind, re.compile(rf"(?<![\w.,$]){p}" if kind not in ("mag_before", "measuring") else rf"(?<![\w]){p}",
                              re.I)) for kind, p in _PATTERNS]


# Every pattern opens, at a word's start, with a figure, a qualifier, "between", a scale's name or
# symbol ("M7.7"), or a verb of measuring: the patterns are tried only where one of those begins
# (its first word, matched as the patterns match it), which finds what scanning every position does.
_OPENERS = re.compile(r"(?<!\w)(?=\d|(?-i:M\s?\d)|" + any_of(
    {"between", "magnitude", "moment", "richter", "a", "an", *_MAG_SYMBOLS, *_NUMWORD_LIST, *_QUANT}
    | {v.split("\\")[0] for v in _MEASURING}) + ")", re.I)


def _number(s: str) -> float | None:
    s = _spoken(s.lower().replace(",", ""))
    if s[:1].isdigit():
        return float(s)
    n = lang.NUMBER_WORDS.get(s)
    return float(n) if n else None


def _spoken(s: str) -> str:
    """'51-point-37' as '51.37', 'six point 3' as '6.3'; any other figure as it is."""
    m = re.fullmatch(r"(.+?)(?:-point-|\s+point\s+)(\d+)", s.lower())
    if not m:
        return s
    whole = m[1] if m[1].isdigit() else lang.NUMBER_WORDS.get(m[1])
    return f"{whole}.{m[2]}" if whole is not None else s


def _step(s: str) -> float:
    s = _spoken(s.replace(",", ""))
    if "." in s:
        return 10.0 ** -len(s.split(".")[1])
    return 1.0


def _qualified(q: str | None, n: float, step: float) -> tuple[float | None, float | None]:
    if not q:
        return n, n
    lo, hi = _QUANT[re.sub(r"\s+", " ", q.lower())]
    ev = {"n": n, "0.9n": n * 0.9, "1.1n": n * 1.1, "0": 0.0, None: None}
    # round to the figure's precision: "about 6 miles" is 5.4..6.6 miles, not 5.4000000000000004
    digits = max(0, -int(math.floor(math.log10(step)))) if step < 1 else 0
    r = lambda x: None if x is None else round(x, digits + 1)
    return r(ev[lo]), r(ev[hi])


class _Spans:
    """Disjoint spans kept sorted: an overlap test in log time, so a long text stays linear."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.ends, a + 1)  # the first span ending after a
        return i < len(self.starts) and self.starts[i] < b

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_left(self.starts, a)
        self.starts.insert(i, a)
        self.ends.insert(i, b)


@lru_cache(maxsize=4096)
def find(text: str) -> tuple[Measure, ...]:
    """Every measure in a folded sentence, longest first where two overlap, in text order."""
    found: list[Measure] = []
    taken = _Spans()
    starts = [m.start() for m in _OPENERS.finditer(text)]
    for kind, rx in _rx() if starts else ():
        for m in finditer_at(rx, text, starts):
            a, b = m.span()
            if taken.overlaps(a, b):
                continue
            if kind == "list_mag":
                for g in ("a", "b"):
                    n = float(m[g])
                    found.append(Measure(m.start(g), m.end(g) if g == "a" else b, n, n, "magnitude", 0.1, m[g]))
                taken.add(a, b)
                continue
            if kind.startswith("range"):
                lo, hi = _number(m["a"]), _number(m["b"])
                if lo is None or hi is None or lo >= hi:
                    continue
                if kind == "range" and m["u"].lower() in GLUED_ONLY and not text[m.start("u") - 1].isdigit():
                    continue  # "between 20 and 30 of them"
                unit = "magnitude" if kind == "range_mag" else WORDS[m["u"].lower()]
                if kind == "range" and m["ua"] and WORDS[m["ua"].lower()] != unit:
                    continue  # "5 km to 3 miles" is no range
                step = min(_step(m["a"]), _step(m["b"]))
            else:
                figure = m["n"] or m.groupdict().get("n2")
                n = _number(figure)
                if n is None:
                    continue
                step = _step(figure)
                lo, hi = _qualified(m.groupdict().get("q"), n, step)
                unit = {"single": None, "single_a": None, "measuring": None}.get(kind, "magnitude")
                if kind.startswith("single"):
                    written = re.sub(r"\s+", " ", m["u"].lower())
                    if written in GLUED_ONLY and not text[m.start("u") - 1].isdigit():
                        continue
                    if m["u"] == "Mw":
                        continue  # a moment magnitude's symbol, not megawatts
                    unit = WORDS[written]
            if unit not in ("%", "magnitude") and _PER_TIME.match(text, b):
                continue
            if unit in UNITS and UNITS[unit][0] == "temperature" and (sign := _MINUS.search(text, max(0, a - 12), a)):
                a, lo, hi = sign.start(), None if hi is None else -hi, None if lo is None else -lo
            taken.add(a, b)
            found.append(Measure(a, b, lo, hi, unit, step, text[a:b]))
    return tuple(sorted(found, key=lambda x: x.start))
