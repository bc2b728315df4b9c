"""Event packs: load, validate strictly (file:line on every error), and build the gazetteer.

A pack is one YAML file in claims/ holding everything specific to one event: its names and nouns,
places (with what contains what), people, and one entry per topic with its rules. docs/packs.md
documents every key.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import regex
import yaml
from rapidfuzz import fuzz, process

try:  # the regex parser, to refuse patterns that backtrack catastrophically
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # Python 3.10
    import sre_constants as _sre
    import sre_parse as _sre_parse

from ..ingest import yamlread
from ..ingest.sources import check_name
from ..language import clock, lang, units
from ..defaults import ACCEPTED_FILE
from ..errors import PackError
from ..files import read_regular
from ..suggest import did_you_mean, near_file
from ..language.text import fold, key, skeleton, squash
from ..values import TYPES, Entity
from .frames import FRAMES

SUBJECTS = ("event", "previous", "secondary", "any")


class _Lines(dict):
    """A mapping that remembers the line of each key (1-based)."""

    lines: dict
    line: int


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: packs load faster
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Lines:
    out = _Lines()
    out.lines, out.line = {}, node.start_mark.line + 1
    for k_node, v_node in node.value:
        k = loader.construct_object(k_node, deep=True)
        if not isinstance(k, (str, int, float, bool)) or k is None:
            raise PackError("keys must be plain strings", loader.name, k_node.start_mark.line + 1)
        k = str(k)
        if k in out:
            raise PackError(f"duplicate key '{k}'", loader.name, k_node.start_mark.line + 1)
        out[k] = loader.construct_object(v_node, deep=True)
        out.lines[k] = k_node.start_mark.line + 1
    return out


class _Items(list):
    """A sequence that remembers the line of each item (1-based)."""

    lines: list


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> _Items:
    out = _Items(loader.construct_object(n, deep=True) for n in node.value)
    out.lines = [n.start_mark.line + 1 for n in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


@dataclass(frozen=True)
class Example:
    text: str
    value: str | None  # None: a look-alike that must yield nothing for the topic
    reference: str | None
    line: int


@dataclass(frozen=True)
class Rule:
    id: str
    topic: str
    frame: str
    triggers: tuple[str, ...] = ()
    window: int = 12
    of: str | None = None
    pattern: "regex.Pattern | None" = None
    examples: tuple[Example, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Topic:
    id: str
    type: str
    subject: str
    rules: tuple[Rule, ...]
    description: str = ""
    derive: tuple[str, str] | None = None  # (start topic, end topic) for a duration
    line: int = 0
    unit: str | None = None  # quantity topics: the canonical unit values are normalized to


@dataclass(frozen=True)
class Patterns:
    """What the tagger matches for a pack, compiled once per pack rather than per sentence."""

    nouns: re.Pattern
    activities: tuple[str, ...]
    editions: tuple[tuple[re.Pattern, int], ...]


@dataclass
class Pack:
    id: str
    title: str
    path: str
    topics: dict[str, Topic]
    gazetteer: "Gazetteer"
    nouns: tuple[str, ...]
    verbs: tuple[str, ...]
    participants: tuple[str, ...]
    timeline: tuple[str, str] | None
    digest: str = ""
    timezone: str | None = None  # IANA name of the event's zone: "local time", and times with none
    secondary: tuple[str, ...] = ()  # nouns of smaller events that follow the main one (aftershocks)
    compiled: dict = field(default_factory=dict, repr=False, compare=False)  # what extraction builds from the pack, once

    def __getstate__(self) -> dict:
        return {**self.__dict__, "compiled": {}}  # built again where the pack is read (worker processes)

    @cached_property
    def years(self) -> frozenset[int]:
        """The years the pack gives its event: in the event's names ("Expo 2025"), else its title
        ("... (September 2025)"), else its id ("port-strike-2025")."""
        for texts in (self.gazetteer.names, [self.title], [self.id]):
            found = {int(y) for s in texts for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", s or "")}
            if found:
                return frozenset(found)
        return frozenset()

    @cached_property
    def patterns(self) -> Patterns:
        nouns = "|".join(sorted((re.escape(n) for n in self.nouns), key=len, reverse=True))
        editions = []
        for canon in self.gazetteer.names:  # "Expo 2025" makes "Expo 2024" an earlier edition
            m = re.search(r"(?:19|20)\d\d", canon)
            if m:
                stem = re.escape(fold(canon[: m.start()]).strip())
                editions.append((re.compile(rf"(?<![A-Za-z]){stem}[\s\-]?((?:19|20)\d\d)(?!\d)", re.I), int(m.group())))
        return Patterns(
            nouns=re.compile(rf"\b(?:{nouns})\b"),
            activities=tuple(w for w in lang.OTHER_ACTIVITIES if w not in self.nouns),  # a summit pack's "summit"
            editions=tuple(editions),
        )


# ---------------------------------------------------------------------------------------------
# Gazetteer: known entities and how their spellings meet


@dataclass(frozen=True)
class Mention:
    kind: str  # place | person | name | previous_name | rank
    start: int
    end: int
    entity: Entity
    rank: "Mention | None" = None  # a person's title


def _alias_pattern(alias: str) -> str:
    """Regex for an alias that tolerates space/hyphen/no space between words and optional apostrophes."""
    words = re.split(r"[\s\-]+", fold(alias).strip())
    parts = [re.escape(w).replace("'", "'?").replace(r"\.", r"\.?") for w in words if w]
    return r"[\s\-]?".join(parts)


@dataclass
class Gazetteer:
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> aliases
    parent: dict[str, str] = field(default_factory=dict)
    people: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    previous_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    other_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    agencies: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical -> aliases ("NSB")
    coordinates: dict[str, tuple[float, float]] = field(default_factory=dict)  # place -> (lat, lon)
    adjectives: dict[str, tuple[str, ...]] = field(default_factory=dict)  # place -> its declared adjectives
    sites: frozenset[str] = frozenset()  # the places the whole event happened at ("site: true")

    def __post_init__(self):
        self._by_key: dict[tuple[str, str], str] = {}
        tables = {"place": self.places, "person": self.people, "name": self.names,
                  "previous_name": self.previous_names, "other_name": self.other_names,
                  "rank": {r: a for r, a in lang.RANKS.items()}}
        alts = set()
        self._any_case: set[str] = set()  # keys of aliases with no capital to respect ("minibus crash", "100 Days of Hope")
        for kind, table in tables.items():
            for canon, aliases in table.items():
                for a in (canon, *aliases):
                    self._by_key[(kind, squash(a))] = canon
                    alts.add(a)
                    if not a[:1].isupper():
                        self._any_case.add(squash(a))
        # One pass over a sentence for every kind; the kind is read back from the spelling.
        body = "|".join(_alias_pattern(a) for a in sorted(alts, key=lambda a: (-len(a), a)))
        self._regex = re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])", re.I) if alts else None
        # A match starts at a word start with the first letters of an alias (an apostrophe or a
        # full stop may follow the first letter: "O'Brien", "U.S."): trying the alternation only
        # there is several times cheaper than scanning every position.
        firsts = [fold(a).strip().split()[0].split("-")[0].lower() for a in alts if a.strip()]
        self._starts = [set(), set(), set()]  # the first 1, 2 or 3 characters, all letters or digits
        for w in firsts:
            n = next((n for n in (3, 2, 1) if w[:n].isalnum() and len(w) >= n), 0)
            if n:
                self._starts[n - 1].add(w[:n])
        self._scan_all = any(not w[:1].isalnum() for w in firsts)  # an alias opening with a mark
        # In an ASCII sentence one regex finds those word starts (the case-blind test on ASCII
        # letters is lower()'s), where a loop over every word would ask the sets one by one.
        heads = sorted((h for n in (2, 1, 0) for h in self._starts[n] if h.isascii()), key=len, reverse=True)
        self._heads = re.compile(rf"(?<![A-Za-z0-9])(?=(?:{'|'.join(heads)}))", re.I | re.A) if heads else None
        # The spellings find() may take for an event's name: every alias whose key is a name's.
        named = {k for (kind, k) in self._by_key if kind in ("name", "previous_name", "other_name")}
        body = "|".join(_alias_pattern(a) for a in sorted(a for a in alts if squash(a) in named))
        self._names = re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])", re.I) if body else None
        placed = {k for (kind, k) in self._by_key if kind == "place"}  # and for a place
        body = "|".join(_alias_pattern(a) for a in sorted(a for a in alts if squash(a) in placed))
        self._places = re.compile(rf"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])", re.I) if body else None
        # Glued onto a preceding word ("inAlsace") only for places: the capital shows the seam.
        if self.places:
            body = "|".join(_alias_pattern(a) for a in sorted(
                (a for c, al in self.places.items() for a in (c, *al)), key=len, reverse=True))
            self._glued = re.compile(rf"(?<=[a-z])(?:{body})(?![A-Za-z0-9])", re.I)
        else:
            self._glued = None
        self._fuzzy = {kind: {squash(a): canon for (k, a), canon in self._by_key.items() if k == kind}
                       for kind in ("place", "person")}
        self._fuzzy = {kind: {k: c for k, c in tab.items() if len(k) >= 5} for kind, tab in self._fuzzy.items()}
        self._fuzzy_keys = {kind: tuple(tab) for kind, tab in self._fuzzy.items()}  # str.startswith takes a tuple
        self._memo: dict[str, dict[str, str | None]] = {}
        self._agencies = {squash(a): canon for canon, al in self.agencies.items() for a in (canon, *al)}
        self._skeletons = {skeleton(a): canon for canon, aliases in self.people.items() for a in (canon, *aliases)
                           if len(a.split()) >= 2}

    # -- comparison (values.Knowledge) --------------------------------------------------------
    def ancestors(self, kind: str, name: str) -> tuple[str, ...]:
        if kind == "rank":
            out, r = [], name
            while r in lang.RANK_BROADER:
                r = lang.RANK_BROADER[r]
                out.append(r)
            return tuple(out)
        if kind != "place":
            return ()
        out, seen = [], {name}
        while name in self.parent and self.parent[name] not in seen:
            name = self.parent[name]
            seen.add(name)
            out.append(name)
        return tuple(out)

    def same_entity(self, kind: str, a: str, b: str) -> bool:
        ca, cb = self.canonical(kind, a), self.canonical(kind, b)
        if ca.name == cb.name:
            return True
        if ca.known and cb.known:
            return False
        return _fuzzy_same(kind, ca.name, cb.name)

    def place_of_adjective(self, word: str) -> str | None:
        """The place a nationality adjective stands for ("the Corvanian coast"): one the pack declares,
        or the regular form of a one-word name ending in -a or -o (Corvania, Kenya: +n; Mexico: -an)."""
        table = self._memo.get("adjective")
        if table is None:
            table = {}
            for name in self.places:
                if " " not in name and name[-1:] in ("a", "o"):
                    table[squash(name + "n" if name.endswith("a") else name[:-1] + "an")] = name
            for name, adjs in self.adjectives.items():
                table.update({squash(a): name for a in adjs})
            self._memo["adjective"] = table
        return table.get(squash(word))

    def agency(self, text: str) -> str | None:
        """The pack's agency a spelling names ("NSB", "the National Seismic Bureau (NSB)"), else None."""
        text = re.sub(r"^(?:the\s+)", "", text.strip(), flags=re.I)
        hit = self._agencies.get(squash(text))
        if hit is None and text.endswith(")"):
            hit = self._agencies.get(squash(re.sub(r"\s*\([^)]*\)$", "", text)))
        return hit

    @property
    def agency_lookup(self):
        """agency, or None when the pack knows no agency (attribution.find reads a sentence once
        for every such pack then)."""
        return self.agency if self._agencies else None

    def holds_site(self, name: str) -> bool:
        """The place is the event's site or contains it: a figure given for it is the event's whole."""
        return any(name == s or name in self.ancestors("place", s) for s in self.sites)

    def coordinates_of(self, name: str) -> tuple[float, float] | None:
        """Where a place lies: the pack's coordinates, else the gazetteer package's (read lazily)."""
        if name in self.coordinates:
            return self.coordinates[name]
        from . import world  # the world gazetteer costs a few hundred ms: only when a distance is needed
        return next(filter(None, (world.lookup(a) for a in (name, *self.places.get(name, ())))), None)

    def may_name_event(self, text: str) -> bool:
        """Whether find() can see an event's name (this one's, an earlier edition's or another's) in
        a folded sentence: false only where it cannot."""
        return self._names is not None and self._names.search(text) is not None

    def may_name_place(self, text: str) -> bool:
        """Whether find() can see a known place in a folded sentence, spaced or glued to the word
        before ("inAlsace"): false only where it cannot."""
        return self._places is not None and (self._places.search(text) is not None or (
            self._glued is not None and _GLUE.search(text) is not None and self._glued.search(text) is not None))

    # -- lookup -------------------------------------------------------------------------------
    def canonical(self, kind: str, text: str) -> Entity:
        """The pack's entity for a spelling, else the spelling itself (folded, tidied)."""
        return _canonical(self, kind, text)

    def find(self, text: str) -> list[Mention]:
        """Known entities in a folded sentence, longest match first, no overlaps."""
        found = []
        # An event named after a place ("the Ridgeway Fire", "the Ridgeway" being a place) overlaps the
        # place's longer spelling: the event's names are looked for on their own too, and win.
        named = self._names.finditer(text) if self._names is not None else ()
        for m in itertools.chain(self._matches(text), named):
            k = squash(m.group())
            for kind in _KIND_ORDER:
                canon = self._by_key.get((kind, k))
                if canon is not None and (kind == "rank" or m.group()[0].isupper() or k in self._any_case):
                    found.append(Mention(kind, m.start(), m.end(), Entity(_etype(kind), canon)))
                    break
        if self._glued and _GLUE.search(text):
            for m in self._glued.finditer(text):
                if m.group()[0].isupper():
                    canon = self._by_key.get(("place", squash(m.group())))
                    if canon:
                        found.append(Mention("place", m.start(), m.end(), Entity("place", canon)))
        return _no_overlaps(found)

    def _matches(self, text: str):
        """What self._regex.finditer(text) finds, trying it only where an alias can start."""
        if self._regex is None:
            return
        if self._scan_all:
            yield from self._regex.finditer(text)
            return
        end = 0
        if text.isascii():
            starts = (h.start() for h in self._heads.finditer(text)) if self._heads is not None else ()
        else:
            starts = (w.start() for w in _WORD_START.finditer(text) if self._may_start(text, w.start()))
        for p in starts:
            if p >= end:
                m = self._regex.match(text, p)
                if m:
                    end = m.end()
                    yield m

    def _may_start(self, text: str, p: int) -> bool:
        head = text[p : p + 3].lower()
        return head in self._starts[2] or head[:2] in self._starts[1] or head[:1] in self._starts[0]

    def fuzzy(self, kind: str, text: str) -> str | None:
        """A known entity a misspelling stands for (dropped or doubled letter, other vowels)."""
        memo = self._memo.setdefault(kind, {})
        if text not in memo:
            memo[text] = self._fuzzy_lookup(kind, text)
        return memo[text]

    def _fuzzy_lookup(self, kind: str, text: str) -> str | None:
        k = squash(text)
        exact = self._by_key.get((kind, k))
        if exact:  # a spelling that differs only in apostrophes, hyphens or spaces ("Ma'dani")
            return exact
        table, keys = self._fuzzy.get(kind, {}), self._fuzzy_keys.get(kind, ())
        if k.startswith(keys) and any(k.startswith(known) and k != known for known in keys):
            return None  # a word made from a name ("French", "Germanic") is not the place
        if len(k) >= 5 and keys:
            hit = process.extractOne(k, keys, scorer=fuzz.ratio, processor=None, score_cutoff=88)
            if hit:
                return table[hit[0]]
        if kind == "person" and len(text.split()) >= 2:
            return self._skeletons.get(skeleton(text))
        return None


_WORD_START = re.compile(r"(?<![A-Za-z0-9])\w")
_GLUE = re.compile(r"[a-z][A-Z]")  # where a capital follows lower case: a place glued to the word before  # where self._regex's look-behind lets a match start
_KIND_ORDER = ("name", "previous_name", "other_name", "person", "place", "rank")
_EVENT_KINDS = frozenset(_KIND_ORDER[:3])


def _etype(kind: str) -> str:
    return "name" if kind in ("previous_name", "other_name") else kind


def _no_overlaps(ms: list[Mention]) -> list[Mention]:
    ms = sorted(ms, key=lambda m: (m.kind not in _EVENT_KINDS, -(m.end - m.start), m.start))
    taken, out = [], []  # kept spans, disjoint and sorted: only the neighbours of a new one can overlap it
    for m in ms:
        k = bisect.bisect_left(taken, (m.start, m.end))
        if (k == 0 or taken[k - 1][1] <= m.start) and (k == len(taken) or m.end <= taken[k][0]):
            taken.insert(k, (m.start, m.end))
            out.append(m)
    return sorted(out, key=lambda m: m.start)


def _tidy(text: str) -> str:
    s = re.sub(r"\s+", " ", fold(text)).strip(" \"'.,;:")
    return s


@lru_cache(maxsize=8192)
def _fuzzy_same(kind: str, a: str, b: str) -> bool:
    ka, kb = squash(a), squash(b)
    if re.sub(r"\D", "", ka) != re.sub(r"\D", "", kb):
        return False  # "Expo 2024" is not "Expo 2025"
    if fuzz.ratio(ka, kb) >= 88:
        return True
    if kind == "person":
        if skeleton(a) == skeleton(b) and len(a.split()) >= 2:
            return True
        wa, wb = key(a).split(), key(b).split()
        return bool(wa and wb) and wa[-1] == wb[-1] and min(len(wa), len(wb)) == 1
    return False


def _canonical(gaz: Gazetteer, kind: str, text: str) -> Entity:
    k = squash(text)
    canon = gaz._by_key.get((kind, k))
    if canon is None and kind == "name":
        canon = gaz._by_key.get(("previous_name", k))
    if canon is None and kind in ("place", "person"):
        canon = gaz.fuzzy(kind, text)
    if canon is not None:
        return Entity(_etype(kind), canon)
    return Entity(_etype(kind), _tidy(text), known=False)


# ---------------------------------------------------------------------------------------------
# Loading and validation


def _fail(msg: str, path: str, line: int | None):
    raise PackError(msg, path, line)


def _check_keys(d: _Lines, allowed: set[str], required: set[str], what: str, path: str):
    if not isinstance(d, dict):
        _fail(f"{what}: expected a mapping", path, getattr(d, "line", None))
    for k in d:
        if k not in allowed:
            _fail(f"{what}: unknown key '{k}'{did_you_mean(k, allowed)}; allowed: {', '.join(sorted(allowed))}", path, d.lines[k])
    for k in sorted(required - set(d)):
        _fail(f"{what}: missing required key '{k}'", path, d.line)


def _str_list(v, what: str, path: str, line: int | None) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, (str, int)) and str(x).strip() for x in v):
        _fail(f"{what}: expected a list of strings", path, line)
    return tuple(str(x).strip() for x in v)


def _coordinates(v, what: str, path: str, line: int | None) -> tuple[float, float]:
    """`[21.9, 95.97]` (latitude, longitude in degrees, north and east positive)."""
    if (not isinstance(v, list) or len(v) != 2 or not all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                          for x in v)):
        _fail(f"{what}: expected [latitude, longitude] in degrees, e.g. [21.9, 95.97]", path, line)
    lat, lon = float(v[0]), float(v[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        _fail(f"{what}: latitude must lie in -90..90 and longitude in -180..180", path, line)
    return lat, lon


def _alias_table(v, what: str, path: str, line: int | None) -> dict[str, tuple[str, ...]]:
    if v is None:
        return {}
    if isinstance(v, list):
        return {n: () for n in _str_list(v, what, path, line)}
    if not isinstance(v, dict):
        _fail(f"{what}: expected a mapping of canonical name to a list of aliases", path, line)
    return {k: _str_list(a, f"{what}.{k}", path, v.lines[k]) for k, a in v.items()}


def load_packs(path: str) -> list[Pack]:
    """Every pack under a path (a file, or the *.yaml files of a directory but accepted.yaml)."""
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.glob("*.y*ml") if f.name != ACCEPTED_FILE)
        if not files:
            raise PackError("no event pack (*.yaml) found", path)
    elif p.exists():  # a FIFO or a device is refused when read, not waited on
        files = [p]
    else:
        raise PackError(f"no such file or directory{near_file(path)}", path)
    for f in files:
        check_name(f, PackError)
    packs = [load_pack(str(f)) for f in files]
    seen: dict[str, str] = {}
    for pk in packs:
        for t in pk.topics:
            if t in seen:
                raise PackError(f"topic '{t}' is also defined in {seen[t]}", pk.path, pk.topics[t].line)
            seen[t] = pk.path
    return packs


def load_pack(path: str) -> Pack:
    try:
        raw = read_regular(path, PackError).decode("utf-8")
    except UnicodeDecodeError:
        raise PackError("not UTF-8 text", path) from None
    yamlread.compose(raw, path, PackError)  # syntax, characters and depth, with file:line
    loader = _Loader(raw)
    loader.name = path
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise PackError(f"malformed YAML: {getattr(e, 'problem', None) or e}", path,
                        mark.line + 1 if mark else None) from None
    except RecursionError:
        raise PackError("malformed YAML: nested too deeply", path) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        _fail("a pack is a mapping with keys pack, title, event, places, people, topics", path, 1)
    _check_keys(data, {"pack", "title", "description", "event", "places", "people", "agencies", "topics"},
                {"pack", "event", "topics"}, "pack", path)
    ev = data["event"]
    _check_keys(ev, {"names", "nouns", "verbs", "participants", "previous_names", "other_names", "timeline",
                     "timezone", "secondary"}, {"nouns"}, "event", path)
    timezone = None
    if ev.get("timezone") is not None:
        timezone = check_timezone(ev["timezone"], "event.timezone", path, ev.lines["timezone"])
    secondary = tuple(n.lower() for n in _str_list(ev.get("secondary"), "event.secondary", path,
                                                   ev.lines.get("secondary")))
    others = _alias_table(ev.get("other_names"), "event.other_names", path, ev.lines.get("other_names"))
    verbs = tuple(v.lower() for v in _str_list(ev.get("verbs"), "event.verbs", path, ev.lines.get("verbs")))
    names = _alias_table(ev.get("names"), "event.names", path, ev.lines.get("names"))
    previous = _alias_table(ev.get("previous_names"), "event.previous_names", path, ev.lines.get("previous_names"))
    nouns = _str_list(ev["nouns"], "event.nouns", path, ev.lines["nouns"])
    if not nouns:
        _fail("event.nouns: list at least one noun that names the event ('exercise', 'summit')", path,
              ev.lines["nouns"])
    places, parent, coords, adjectives, sites = {}, {}, {}, {}, set()
    pl = data.get("places") or _Lines()
    if not isinstance(pl, dict):
        _fail("places: expected a mapping of place name to its facts", path, data.lines.get("places"))
    for name, facts in pl.items():
        facts = facts if facts is not None else _Lines()
        if isinstance(facts, dict):
            _check_keys(facts, {"in", "aliases", "adjectives", "kind", "coordinates", "site"}, set(), f"places.{name}", path)
            if facts.get("site") is not None:
                if not isinstance(facts["site"], bool):
                    _fail(f"places.{name}.site: expected true or false", path, facts.lines.get("site", pl.lines[name]))
                if facts["site"]:
                    sites.add(name)
            places[name] = _str_list(facts.get("aliases"), f"places.{name}.aliases", path, pl.lines[name])
            if facts.get("adjectives") is not None:
                adjectives[name] = _str_list(facts["adjectives"], f"places.{name}.adjectives", path, pl.lines[name])
            if facts.get("coordinates") is not None:
                coords[name] = _coordinates(facts["coordinates"], f"places.{name}.coordinates", path,
                                            facts.lines.get("coordinates", pl.lines[name]))
            if facts.get("in") is not None:
                parent[name] = str(facts["in"])
        else:
            _fail(f"places.{name}: expected a mapping (in, aliases, kind)", path, pl.lines[name])
    for name, par in parent.items():
        if par not in places:
            _fail(f"places.{name}: 'in: {par}' names no place of this pack", path, pl.lines[name])
    for name in parent:  # containment must be a tree
        seen, n = {name}, name
        while n in parent:
            n = parent[n]
            if n in seen:
                _fail(f"places.{name}: containment loops back to '{n}'", path, pl.lines[name])
            seen.add(n)
    participants = _str_list(ev.get("participants"), "event.participants", path, ev.lines.get("participants"))
    for part in participants:
        if part not in places:
            _fail(f"event.participants: '{part}' is not listed under places", path, ev.lines["participants"])
    people = {}
    pp = data.get("people") or _Lines()
    if not isinstance(pp, dict):
        _fail("people: expected a mapping of person name to its facts", path, data.lines.get("people"))
    for name, facts in pp.items():
        facts = facts if facts is not None else _Lines()
        _check_keys(facts, {"aliases", "role"}, set(), f"people.{name}", path)
        people[name] = _str_list(facts.get("aliases"), f"people.{name}.aliases", path, pp.lines[name])
    agencies = _alias_table(data.get("agencies"), "agencies", path, data.lines.get("agencies"))
    spelled: dict[str, str] = {}
    for name, aliases in agencies.items():  # one spelling names one agency, or attribution is a guess
        for a in (name, *aliases):
            other = spelled.setdefault(squash(a), name)
            if other != name:
                _fail(f"agencies.{name}: '{a}' already names the agency '{other}'", path,
                      data["agencies"].lines.get(name))
    gaz = Gazetteer(places, parent, people, names, previous, others, agencies, coords, adjectives, frozenset(sites))
    topics = _load_topics(data["topics"], data.lines["topics"], path)
    timeline = None
    if ev.get("timeline") is not None:
        tl = ev["timeline"]
        _check_keys(tl, {"start", "end"}, {"start", "end"}, "event.timeline", path)
        for k in ("start", "end"):
            if tl[k] not in topics:
                _fail(f"event.timeline.{k}: unknown topic '{tl[k]}'{did_you_mean(str(tl[k]), topics)}", path, tl.lines[k])
        timeline = (tl["start"], tl["end"])
    return Pack(id=str(data["pack"]), title=str(data.get("title") or data["pack"]), path=path, topics=topics,
                gazetteer=gaz, nouns=nouns, verbs=verbs, participants=participants, timeline=timeline,
                digest=hashlib.sha256(raw.encode()).hexdigest(), timezone=timezone, secondary=secondary)


def check_timezone(name, what: str, path: str, line: int | None) -> str:
    """An IANA zone name ('Asia/Tokyo'), or a file:line error naming the closest one."""
    name = str(name).strip()
    names = clock.zone_names()
    if name not in names:
        close = process.extractOne(name, names, scorer=fuzz.WRatio, processor=lambda s: s.lower())
        hint = f" (did you mean '{close[0]}'?)" if close and close[1] >= 60 else ""
        _fail(f"{what}: unknown time zone '{name}'{hint}; use an IANA name such as 'Europe/Paris'", path, line)
    return name


def _load_topics(raw, line: int, path: str) -> dict[str, Topic]:
    if not isinstance(raw, dict) or not raw:
        _fail("topics: expected a mapping of topic id to its definition", path, line)
    topics, rule_ids = {}, {}
    for tid, t in raw.items():
        what = f"topics.{tid}"
        if not re.fullmatch(r"[a-z0-9_]+(?:\.[a-z0-9_]+)*", tid):
            _fail(f"{what}: topic ids are lower-case words joined by dots", path, raw.lines[tid])
        _check_keys(t, {"type", "subject", "description", "rules", "derive", "unit"}, {"type"}, what, path)
        if t["type"] not in TYPES:
            _fail(f"{what}: unknown value type '{t['type']}'{did_you_mean(str(t['type']), TYPES)} (one of: {', '.join(TYPES)})", path, t.lines["type"])
        subject = t.get("subject", "event")
        if subject not in SUBJECTS:
            _fail(f"{what}: subject must be one of {', '.join(SUBJECTS)}", path, t.lines["subject"])
        derive = None
        if t.get("derive") is not None:
            d = t["derive"]
            if t["type"] != "duration":
                _fail(f"{what}: derive works for duration topics only", path, t.lines["derive"])
            _check_keys(d, {"start", "end"}, {"start", "end"}, f"{what}.derive", path)
            derive = (str(d["start"]), str(d["end"]))
        rules_raw = t.get("rules") or []
        if not isinstance(rules_raw, list) or (not rules_raw and derive is None):
            _fail(f"{what}: rules must be a non-empty list", path, t.lines.get("rules", t.line))
        unit = _unit(t, what, path)
        rules = tuple(_load_rule(r, tid, t["type"], path, rule_ids) for r in rules_raw)
        topics[tid] = Topic(tid, t["type"], subject, rules, str(t.get("description") or ""), derive, raw.lines[tid],
                            unit)
    for tid, t in topics.items():
        for r in t.rules:
            if r.of is not None and r.of not in topics:
                _fail(f"rule {r.id}: 'of: {r.of}' names no topic", path, r.line)
        if t.derive:
            for d in t.derive:
                if d not in topics or topics[d].type != "date":
                    _fail(f"topics.{tid}.derive: '{d}' is not a date topic", path, t.line)
    return topics


def _unit(t, what: str, path: str) -> str | None:
    """A quantity topic's unit ('km', 'magnitude'), checked against the known units."""
    if t["type"] != "quantity":
        if "unit" in t:
            _fail(f"{what}: 'unit' goes with type quantity only", path, t.lines["unit"])
        return None
    if t.get("unit") is None:
        _fail(f"{what}: a quantity topic needs 'unit' (e.g. km, mile, km/h, km2, %, magnitude)", path, t.line)
    unit = units.canonical(t["unit"])
    if unit is None:
        close = process.extractOne(str(t["unit"]).lower(), units.known_units(), scorer=fuzz.ratio)
        hint = f" (did you mean '{close[0]}'?)" if close and close[1] >= 50 else ""
        _fail(f"{what}: unknown unit '{t['unit']}'{hint}", path, t.lines["unit"])
    return unit


def _load_rule(r, topic: str, vtype: str, path: str, ids: dict) -> Rule:
    if not isinstance(r, dict):
        _fail(f"topics.{topic}.rules: each rule is a mapping", path, None)
    what = f"rule in {topic}"
    _check_keys(r, {"id", "frame", "triggers", "window", "of", "pattern", "examples", "not", "description"},
                {"id", "frame", "examples", "not"}, what, path)
    rid = str(r["id"])
    if rid in ids:
        _fail(f"rule id '{rid}' is used twice (also line {ids[rid]})", path, r.lines["id"])
    ids[rid] = r.lines["id"]
    frame = r["frame"]
    if frame not in FRAMES:
        _fail(f"rule {rid}: unknown frame '{frame}'{did_you_mean(str(frame), FRAMES)} (one of: {', '.join(FRAMES)})",
              path, r.lines["frame"])
    spec = FRAMES[frame]
    if vtype not in spec.types:
        _fail(f"rule {rid}: frame '{frame}' gives {'/'.join(spec.types)} values, the topic is {vtype}",
              path, r.lines["frame"])
    window = r.get("window", spec.window)
    if not isinstance(window, int) or isinstance(window, bool) or not 0 < window <= 60:
        _fail(f"rule {rid}: window must be a whole number from 1 to 60", path, r.lines.get("window"))
    pattern = None
    needs = f"rule {rid}: frame '{frame}' needs {spec.hint}"
    if spec.needs == "pattern":
        if not isinstance(r.get("pattern"), str):
            _fail(needs, path, r.line)
        pattern = compile_rule_regex(r["pattern"], path, r.lines["pattern"], rid)
    elif "pattern" in r:
        _fail(f"rule {rid}: 'pattern' goes with frame 'pattern' only", path, r.lines["pattern"])
    if spec.needs == "of" and not r.get("of"):
        _fail(needs, path, r.line)
    triggers = _str_list(r.get("triggers"), f"rule {rid}: triggers", path, r.lines.get("triggers"))
    if spec.needs == "triggers" and not triggers:
        _fail(needs, path, r.line)
    examples = []
    ex = r["examples"]
    if not isinstance(ex, list) or not ex:
        _fail(f"rule {rid}: examples must be a non-empty list of {{text, value}}", path, r.lines["examples"])
    for e in ex:
        if not isinstance(e, dict):
            _fail(f"rule {rid}: each example is a mapping with text and value", path, r.lines["examples"])
        _check_keys(e, {"text", "value", "reference"}, {"text", "value"}, f"rule {rid} example", path)
        examples.append(Example(str(e["text"]), str(e["value"]), _ref(e, path, rid), e.line))
    neg = r["not"]
    if not isinstance(neg, list) or not neg:
        _fail(f"rule {rid}: 'not' must be a non-empty list of look-alike sentences", path, r.lines["not"])
    for e, line in zip(neg, getattr(neg, "lines", [r.lines["not"]] * len(neg))):
        if isinstance(e, dict):
            _check_keys(e, {"text", "reference"}, {"text"}, f"rule {rid} look-alike", path)
            examples.append(Example(str(e["text"]), None, _ref(e, path, rid), e.line))
        elif isinstance(e, str) and e.strip():
            examples.append(Example(e, None, None, line))
        else:
            _fail(f"rule {rid}: each look-alike is a sentence", path, r.lines["not"])
    return Rule(rid, topic, frame, tuple(t.lower() for t in triggers), window, r.get("of"), pattern,
                tuple(examples), r.lines["id"])


def _ref(e, path: str, rid: str) -> str | None:
    ref = e.get("reference")
    if ref is None:
        return None
    ref = str(ref)
    if not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", ref):
        _fail(f"rule {rid}: reference must be YYYY-MM-DD or YYYY-MM", path, e.lines["reference"])
    return ref


def _risky_repeat(tree) -> bool:
    """A repeated part that itself repeats or offers alternatives — (a+)+, ((a*))*, (a|aa)+ — can
    backtrack exponentially on text that nearly matches: such patterns are refused."""
    for op, arg in tree:
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            lo, hi, sub = arg
            if hi > 1 and _repeats_or_branches(sub) and not _starts_with_separator(sub):
                return True
            if _risky_repeat(sub):
                return True
        elif op == _sre.SUBPATTERN:
            if _risky_repeat(arg[-1]):
                return True
        elif op == _sre.BRANCH:
            if any(_risky_repeat(b) for b in arg[1]):
                return True
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if _risky_repeat(arg[1]):
                return True
    return False


def _starts_with_separator(tree) -> bool:
    """'(?: [A-Z]\\w+)*': each repetition opens with a space or punctuation that the words inside
    cannot match, so the repetitions cannot overlap."""
    first = list(tree)[:1]
    return bool(first) and first[0][0] == _sre.LITERAL and not chr(first[0][1]).isalnum()


def _repeats_or_branches(tree) -> bool:
    for op, arg in tree:
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[1] > 1:
            return True
        if op == _sre.BRANCH:
            return True
        if op == _sre.SUBPATTERN and _repeats_or_branches(arg[-1]):
            return True
    return False


def compile_rule_regex(src: str, path: str, line: int | None, rid: str):
    """A pack's own pattern, refused when it is invalid or plainly catastrophic, and compiled with
    the `regex` engine so that every match can also be bounded in time (extract.f_pattern)."""
    try:
        re.compile(src, re.I)
        rx = regex.compile(src, regex.I | regex.V0)
        risky = _risky_repeat(_sre_parse.parse(src, re.I))
    except (re.error, regex.error) as e:
        raise PackError(f"rule {rid}: invalid regex: {e}", path, line) from None
    except RecursionError:  # the parsers recurse per nested group
        raise PackError(f"rule {rid}: invalid regex: groups nested too deeply", path, line) from None
    except (OverflowError, ValueError, MemoryError) as e:  # a repeat count too large, and the like
        raise PackError(f"rule {rid}: invalid regex: {e}", path, line) from None
    if risky:
        raise PackError(f"rule {rid}: regex has a nested quantifier (catastrophic backtracking): it repeats a "
                        "part that itself repeats or has alternatives; rewrite it without that", path, line)
    if "value" not in rx.groupindex:
        raise PackError(f"rule {rid}: pattern needs a named group (?P<value>...) for the value", path, line)
    return rx
