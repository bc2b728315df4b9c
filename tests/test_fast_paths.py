"""Fast paths give what the plain definitions give: the gazetteer tries its alternation only where
an alias can start, reprint shares compare pre-sorted words, the tail check looks at the first word
before folding the line."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from factcheck.comparison import reprints
from factcheck.ingest import sources
from factcheck.language import lang
from factcheck.packs.pack import Gazetteer
from factcheck.language.text import fold

GAZ = Gazetteer(
    places={"Bileh Savar": ("Bilehsavar", "Bileh-Savar"), "O'Hara": (), "U.S.": ("United States",), "Ördu": ()},
    people={"Vali Madani": ("Ma'dani",)},
    names={"Expo 2025": ("expo",)},
)
PIECES = ["Bileh", "Savar", "bileh-savar", "O'Hara", "OHara", "U.S.", "US", "United", "States", "Ordu",
          "Vali", "Madani", "Ma'dani", "Expo", "2025", "expo", "x", "in", " ", "  ", "-", "'", ".", ",", "é", "_"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_gazetteer_matches_are_the_regex_matches(text):
    plain = [(m.start(), m.end()) for m in GAZ._regex.finditer(text)]
    assert [(m.start(), m.end()) for m in GAZ._matches(text)] == plain


WORDS = st.sampled_from("the drill began on sunday near the border troops said iran".split())


@settings(max_examples=300)
@given(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), st.lists(WORDS, min_size=1, max_size=12).map(" ".join))
def test_sorted_words_ratio_is_token_sort_ratio(a, b):
    share = reprints._share([a], [b])
    assert share == (1.0 if a == b or fuzz.token_sort_ratio(a, b) >= reprints.SENTENCE_MATCH else 0.0)


TAIL_PIECES = ["Related articles", "related", "ARTICLES", "Read more", "Comments", "Tags", "Popular posts from this blog",
               ":", ".", "-", " ", "\u00a0", "\u2009", "\u200b", "\t", "x", "R\u00e9ad", "more", "Notes"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(TAIL_PIECES), min_size=1, max_size=5).map("".join))
def test_tail_check_is_the_plain_rule(line):
    """The article ends at a line that is a tail marker (or starts with one of three words or more)."""
    s = re.sub(r"[\s:.\-]+$", "", fold(line.strip()[:80]).lower())
    assert sources._is_tail(line) == (s in lang.TAIL_MARKERS or any(
        s.startswith(m) for m in lang.TAIL_MARKERS if len(m.split()) >= 3))
