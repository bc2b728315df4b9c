"""Text folding shared by every matcher: accents, quotes, dashes, spacing."""

import re
import unicodedata
from functools import lru_cache

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201b\u2032\u00b4`"), "'") | dict.fromkeys(
    map(ord, "\u201c\u201d\u201e\u00ab\u00bb"), '"'
)
_PUNCT = _DASHES | _QUOTES
_SPECIAL = {"ı": "i", "ə": "e", "Ə": "E", "ß": "s", "ø": "o", "Ø": "O", "đ": "d", "ł": "l", "\u00a0": " "}


def _base(c: str) -> str:
    if c in _SPECIAL:
        return _SPECIAL[c]
    if c.isascii():
        return c
    d = unicodedata.normalize("NFKD", c)[:1]
    return d if d.isascii() and d else c


# Cyrillic and Greek letters drawn like Latin ones. Some pages swap them into English words ("Loпdoп",
# "Oltaп Qυay") to defeat copying; inside a word that also has Latin letters they are read as the Latin.
_LOOKALIKES = dict(zip(map(ord, "аеорсухіјѕпυνοαικмтвнАВЕКМНОРСТХЅІЈ"),
                       "aeopcyxijsnuvoaikmtbhABEKMHOPCTXSIJ"))
_MIXED_WORD = re.compile(r"[^\W\d_]*[a-zA-Z][^\W\d_]*")


def _latin(m: re.Match) -> str:
    w = m.group()
    return w if w.isascii() else w.translate(_LOOKALIKES)


def fold(s: str) -> str:
    """One character for one: accents stripped, quotes straight, dashes ASCII.

    Keeping the length lets every matcher work on folded text and report offsets into the original.
    """
    if s.isascii():
        return s.replace("`", "'") if "`" in s else s
    s = s.translate(_PUNCT)
    if not s.isascii():
        s = _MIXED_WORD.sub(_latin, s)
    return s if s.isascii() else "".join(map(_base, s))


@lru_cache(maxsize=65536)
def key(s: str) -> str:
    """Matching key for names: folded, lower case, hyphens/apostrophes/spaces collapsed."""
    s = fold(s).lower().replace("'", "")
    return re.sub(r"[\s\-_.]+", " ", s).strip()


@lru_cache(maxsize=65536)
def squash(s: str) -> str:
    """Key with spaces removed, so 'Dash Burun', 'Dash-Burun' and 'Dashburun' meet."""
    return key(s).replace(" ", "")


def skeleton(s: str) -> str:
    """Consonant skeleton per word: transliterations of one name vary mostly in vowels."""
    words = key(s).split()
    return " ".join(re.sub(r"[aeiouy]", "", w.replace("kh", "x").replace("gh", "g")) or w for w in words)


def any_of(words) -> str:
    """A regex matching any of the words (literally), as a prefix tree: at a position the longest
    word that fits is tried first, then the shorter ones, as in a list sorted longest first; but a
    word that fits none is turned down after a letter or two, not tried against each. Under
    IGNORECASE, give the words in one case (two spellings of one word would be tried in tree order)."""
    tree: dict = {}
    for w in words:
        node = tree
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def alt(node: dict) -> str:
        branches = [re.escape(c) + alt(sub) for c, sub in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return alt(tree)


def finditer_at(rx: re.Pattern, text: str, starts: list[int]):
    """rx.finditer(text) for a pattern that can match only at the given positions (sorted): it is
    tried there alone, not at every position of the text, and finds the same matches."""
    pos = 0
    for p in starts:
        if p >= pos:
            m = rx.match(text, p)
            if m is not None:
                yield m
                pos = m.end()
