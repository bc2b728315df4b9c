"""Fast paths give what the plain definitions give: the gazetteer tries its alternation only where
an alias can start, reprint shares compare pre-sorted words, the tail check looks at the first word
before folding the line, time expressions, counts and measures are read only where one can open."""

import re
import unicodedata
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from factcheck.comparison import reprints
from factcheck.ingest import sources
from factcheck.language import lang, numbers, timex, units
from factcheck.packs.pack import Gazetteer
from factcheck.language.text import any_of, finditer_at, fold

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


ASCII_PIECES = [p for p in PIECES if p.isascii()] + ["Bil", "bi", "B", "_", "1", "a", "O", "u", "EXPO", "Ex", "VALI"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(ASCII_PIECES), max_size=14).map("".join))
def test_gazetteer_matches_in_ascii_text_are_the_regex_matches(text):
    """An ASCII sentence's word starts are found by one regex, not asked one by one."""
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


# Time expressions, counts and measures: their patterns are tried only where one can open; a scan of
# every position (every word start near an anchor, for time expressions) finds the same.
FIGURE_PIECES = ["in", "into", "on", "the", "a", "an", "and", "of", "last", "this", "next", "early", "mid-", "about",
                 "more than", "nearly", "some", "between", "from", "to", "-", " ", "  ", ",", ".", "'s", "\u0663",
                 "\u212a", "\u017f", "May", "March", "Mar.", "JUNE", "Monday", "Sun", "3", "21", "2024", "1,200",
                 "7.7", "M", "Mw", "magnitude", "Richter", "measuring", "three", "twenty", "seventeen", "dozens",
                 "hundred", "a few", "half", "km", "km/h", "miles", "per cent", "%", "years", "ago", "day", "week",
                 "long", "third", "since", "ltd", "Sunday", "people", "x", "between 3 and 21 May", "from the 3 to 6 June",
                 "the third day of", "two years ago", "a week-long", "the end of March 2024", "Sunday, May 19",
                 "approximately two years ago", "7.7-magnitude", "magnitude of about 7.7", "10 to 30 kilometers",
                 "between 20 and 30 people", "between 5 and 10 km", "nearly a million", "twenty-seven", "M7.7", "measuring 6.4", "today, ", "Christmas Eve", "New Year's Day", "Halloween", "Fourth of July"]
TEXTS = st.lists(st.sampled_from(FIGURE_PIECES), max_size=16).map("".join)


def _plain_timex_find(text):
    """The grammar with no opening test, tried at every word start no further back than the
    look-back from the next word with a digit, a month's or weekday's name or a relative word."""
    grammar = re.compile("|".join(timex._form(name, pat) for name, pat in timex._PATTERNS), re.I)
    anchors = [m.start() for m in re.finditer(r"[A-Za-z]+|\d", text)
               if m.group().isdigit() or m.group()[:3] in timex._ANCHOR_NAMES or m.group().lower() in timex._ANCHOR_WORDS]
    out, pos = [], 0
    for w in re.finditer(r"\b\w", text):
        later = [a for a in anchors if a >= w.start()]
        if w.start() < pos or not later or later[0] - w.start() > timex._LOOKBACK:
            continue
        m = grammar.match(text, w.start())
        t = m and timex._build(m.lastgroup, timex._Fields(m, m.lastgroup), m.start())
        if t:
            out.append(t)
            pos = m.end()
    merged = []
    for x in out:
        if merged and timex._restated(text, merged[-1], x):
            x = replace(x, start=merged.pop().start)
        merged.append(x)
    return tuple(merged)


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_time_expressions_are_those_of_a_plain_scan(text):
    assert timex.find.__wrapped__(text) == _plain_timex_find(text)


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_measures_and_counts_are_found_where_a_scan_of_every_position_finds_them(text):
    starts = [m.start() for m in units._OPENERS.finditer(text)]
    for _, rx in units._rx():
        assert [m.span() for m in finditer_at(rx, text, starts)] == [m.span() for m in rx.finditer(text)]
    starts = [m.start() for m in numbers._OPENERS.finditer(text)]
    for rx in (numbers._RX, numbers._RANGE):
        assert [m.span() for m in finditer_at(rx, text, starts)] == [m.span() for m in rx.finditer(text)]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["in", "into", "int", "km", "kms", "km/h", "sq. km", "a", "an", "and"]), min_size=1,
                max_size=6), TEXTS)
def test_a_prefix_tree_matches_as_the_words_sorted_longest_first(words, text):
    tree = re.compile(rf"(?:{any_of(words)})(?!\w)", re.I)
    plain = re.compile("(?:" + "|".join(map(re.escape, sorted(set(words), key=len, reverse=True))) + r")(?!\w)", re.I)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert all(re.fullmatch(any_of(words), w) for w in words)


# Attributions: the places a voice may stand are found once per sentence and shared by the packs;
# a pack that knows no agency gets what a look-up that knows none gives.
SAID_PIECES = ["the", "Tarvel", "Water", "Board", "(TWB)", "TWB", "officials", "police", "said", "told", "according to",
               "a statement", "in a statement", "by", "from", "figures", "reported", "local", "it", "the agency's",
               ",", ".", '"', " ", "  ", "which", "on Monday", "12"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(SAID_PIECES), max_size=12).map(" ".join))
def test_attributions_shared_across_packs_are_those_found_afresh(text):
    from factcheck.language import attribution

    known = Gazetteer(places={}, agencies={"Tarvel Water Board": ("TWB",)})
    attribution._phrases.cache_clear()
    attribution._find_unnamed.cache_clear()
    fresh_known, fresh_none = attribution.find(text, known.agency), attribution.find(text, lambda _: None)
    assert attribution.find(text, None) == fresh_none  # cached now: asked again, the same
    assert attribution.find(text, known.agency) == fresh_known
    assert attribution.find(text, Gazetteer(places={}).agency_lookup) == fresh_none
    assert known.agency_lookup is not None


def _plain_fuzzy(gaz, kind, text):
    from rapidfuzz import process

    from factcheck.language.text import skeleton, squash

    k = squash(text)
    if gaz._by_key.get((kind, k)):
        return gaz._by_key[(kind, k)]
    table = gaz._fuzzy.get(kind, {})
    if any(k.startswith(known) and k != known for known in table):
        return None
    if len(k) >= 5 and table:
        hit = process.extractOne(k, list(table), scorer=fuzz.ratio, processor=None, score_cutoff=88)
        if hit:
            return table[hit[0]]
    if kind == "person" and len(text.split()) >= 2:
        return gaz._skeletons.get(skeleton(text))
    return None


NAME_PIECES = ["Bileh", "Savar", "Bilehsavarian", "Bilesavar", "O'Hara", "Ohara", "Oharas", "Madani", "Maddani", "Vali",
               "Ordu", "Ordus", " ", "-", "x", "an"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=3).map("".join), st.sampled_from(["place", "person"]))
def test_fuzzy_names_are_those_of_the_plain_reading(text, kind):
    """A misspelt name's look-up tests every known prefix at once (str.startswith of a tuple)."""
    assert GAZ._fuzzy_lookup(kind, text) == _plain_fuzzy(GAZ, kind, text)

# The gate's report state: a committed text that does not open as the report does is stale without
# rendering the rest; the verdict is the one a full comparison gives, whatever the edit.
_SEEDS = None


def _seed_result():
    global _SEEDS
    if _SEEDS is None:
        from factcheck.run import pipeline
        from paths import FIXTURES

        _SEEDS = pipeline.run([str(FIXTURES / "seeds")], str(FIXTURES / "claims"))
    return _SEEDS


EDITS = st.tuples(st.sampled_from(["", "\n", "\r\n", "\r", "x", " ", "5", "\u2028", "# ", "·"]),
                  st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=3))


@settings(max_examples=300, deadline=None)
@given(st.lists(EDITS, max_size=3), st.booleans())
def test_the_report_state_is_that_of_comparing_the_whole_report(edits, crlf):
    from factcheck.gate import gate
    from factcheck.outputs import render

    result = _seed_result()
    rendered = render.markdown(result)
    text = rendered.replace("\n", "\r\n") if crlf else rendered
    for piece, at, cut in edits:  # text put in, or cut out, near the opening lines or anywhere
        at = at if at < 200 else at * len(text) // 400
        text = text[:at] + piece + text[at + cut:]
    plain = gate.CURRENT if "\n".join(text.splitlines()) == "\n".join(rendered.splitlines()) else gate.STALE
    renders = []
    state = gate.report_state(text, render.opening(result), lambda: renders.append(1) or rendered)
    assert state == plain
    assert renders or state == gate.STALE
    assert gate.report_state(None, render.opening(result), lambda: rendered) == gate.MISSING


def test_the_world_gazetteer_decoded_in_part_is_the_package_s_own_table(monkeypatch):
    """Decoding only the fields kept gives the table the package's own reading of every field gives."""
    import msgspec

    from factcheck.packs import world

    fast = world._world.__wrapped__()

    def refuse(*args, **kwargs):
        raise msgspec.DecodeError("as where the data file is another shape")

    monkeypatch.setattr(world.msgspec.json, "decode", refuse)
    assert fast == world._world.__wrapped__() and len(fast) > 10_000


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from("ab. _-é\u00a0\u200b\u2028\u2029\n\t\x7f\x85\udc80\ud800\u0301"), max_size=8))
def test_a_printable_file_name_is_passed_as_the_plain_rule_passes_it(name):
    """check_name passes a printable name without looking at each character: none of those it
    refuses (a surrogate, a control character, a line or paragraph separator) is printable."""
    bad = any(0xD800 <= ord(ch) <= 0xDFFF or unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in name)
    try:
        sources.check_name(name)
        refused = False
    except sources.SourceError:
        refused = True
    assert refused == bad
