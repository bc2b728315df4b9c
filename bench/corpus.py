"""A synthetic corpus for the benchmark, built from the seed articles.

Source i takes one seed article's lines and varies what outlets disagree about: day numbers,
weekdays and months (shifted together, so an article stays mostly self-consistent, with the odd
off-by-one slip), the commander's spelling and rank, place spellings (now and then another place),
the stated duration, and the order of the body paragraphs. About half keep the page furniture
(navigation, credits, related-article tails). Source i depends only on (seed, i): a smaller corpus
is a prefix of a larger one, and one more source can be added to an existing corpus.

The generator is self-contained on purpose: it does not use factcheck's own furniture or date
rules, so the corpus stays the same while factcheck changes and timings remain comparable.

With `distinct`, every sentence also gets a footnote number of its own ("...the border.[4012]"),
so no two sentences in the corpus are the same: the control for work memoized per sentence, which
the plain corpus, repeating the seeds' sentences, flatters.

    python -m bench.corpus 1000 /tmp/corpus1000 [--seed 0] [--distinct]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"  # frozen: timings stay comparable
YEAR = 2025  # the event's year; day-month dates without a year are read in it
EVENT_MONTHS = (4, 5, 6)  # only dates near the event move; "October 7, 2023" stays put

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_M = "|".join(MONTHS)
_DATE = re.compile(
    rf"\b(?P<r1>\d{{1,2}})\s*[-–]\s*(?P<r2>\d{{1,2}})\s+(?P<rm>{_M})\b(?P<ry>,?\s+\d{{4}}\b)?"  # 19-21 May 2025
    rf"|\b(?P<d>\d{{1,2}})\s+(?P<dm>{_M})\b(?P<dy>,?\s+\d{{4}}\b)?"  # 19 May 2025
    rf"|\b(?P<md>{_M})\s+(?P<mdd>\d{{1,2}})\b(?P<mdy>,\s*\d{{4}}\b)?"  # May 18, 2025
    rf"|\b(?P<mm>{_M})\s+(?P<my>\d{{4}})\b"  # December 2023
    rf"|\b(?P<wd>{'|'.join(WEEKDAYS)})\b(?! Prayer)"  # Sunday (not "the Friday Prayer leader")
)

COMMANDER = re.compile(r"\b(?:(?P<rank>Brigadier General|Brig\. Gen\.|General)\s+)?(?:Vali|Veli)\s+(?:Madani|Medeni)\b"
                       r"|\b(?:Madani|Medeni)\b")
SPELLINGS = (("Vali", "Madani"), ("Vali", "Madani"), ("Veli", "Medeni"))
RANKS = ("Brigadier General", "Brig. Gen.", "General")

# Spelling groups: each spelling is an alias the event pack knows, so spellings alone agree.
PLACES = {
    "Karabakh": ("Karabakh", "Nagorno-Karabakh", "Karabagh", "Garabagh"),
    "Khojavend": ("Khojavend", "Khojavand", "Xocavend"),
    "Shusha": ("Shusha", "Shushi"),
    "Bileh Savar": ("Bileh Savar", "Bilehsavar", "Bileh-Savar"),
    "Ardabil": ("Ardabil", "Ardebil"),
    "Aslan Duz": ("Aslan Duz", "Aslanduz"),
}
# Now and then another place of the same kind, so the place topics conflict too.
SWAPS = {"Khojavend": ("Fuzuli", "Aghdam"), "Bileh Savar": ("Astara", "Jolfa"), "Aslan Duz": ("Parsabad",)}
_CANONICAL = {s: c for c, group in PLACES.items() for s in group}
_PLACE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _CANONICAL), key=len, reverse=True)) + r")\b")

DURATION = re.compile(r"\b(?:two|three|four|five)-day\b")
DURATIONS = ("three", "four", "four", "five")

# Lines that start the page's tail (related posts, footnotes, author box): kept or dropped whole.
TAIL_STARTS = ("popular posts from this blog", "related articles", "share the article", "about the author",
               "to cite this article")
_FOOTNOTE = re.compile(r"^\[\d+\]")
PARAGRAPH_WORDS = 25  # a line this long is a body paragraph and may move; shorter ones stay put
FURNITURE_WORDS = 5  # without furniture, shorter lines ("Skip to main content", "Photo: ...") go


@dataclass(frozen=True)
class Seed:
    stem: str
    lines: tuple[str, ...]
    meta: dict


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    meta: dict  # outlet, url, published: an entry of sources.yaml
    seed: str  # stem of the seed article it was built from
    shift: int  # days its event dates moved (before per-date slips)


@lru_cache(maxsize=1)
def seeds() -> tuple[Seed, ...]:
    meta = yaml.safe_load((SEEDS / "sources.yaml").read_text(encoding="utf-8")) or {}
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        facts = dict(meta.get(path.stem) or {})
        if isinstance(facts.get("published"), dt.date):
            facts["published"] = facts["published"].isoformat()
        out.append(Seed(path.stem, tuple(_units(path.read_text(encoding="utf-8"))), facts))
    return tuple(out)


def _units(text: str) -> list[str]:
    """Non-empty lines, with a paragraph broken mid-sentence across lines joined back together."""
    out: list[str] = []
    for line in (ln.rstrip() for ln in text.splitlines()):
        if not line.strip():
            continue
        if out and line[0].islower() and not out[-1].endswith((".", "!", "?", ":", '"', "”")):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def article(i: int, seed: int = 0, distinct: bool = False) -> Article:
    """Source number i of the corpus for this seed."""
    rng = random.Random(f"factcheck-bench:{seed}:{i}")
    base = seeds()[i % len(seeds())]  # round robin keeps MB proportional to the number of sources
    sid = f"{i:06d}_{rng.getrandbits(64):016x}"
    r = rng.random()
    shift = 0 if r < 0.35 else rng.randint(-3, 3) if r < 0.85 else rng.randint(-20, 20)  # some cross a month
    lines = _arrange(base.lines, rng)
    text = "\n\n".join(lines) + "\n"
    text = _vary_dates(text, shift, rng.choice((0, 0, 0, -1, 1, -2)), rng)
    text = _vary_commander(text, rng)
    text = _vary_places(text, rng)
    text = DURATION.sub(lambda m: rng.choice(DURATIONS) + "-day", text)
    if distinct:
        text = _footnoted(text, i)
    meta = {"outlet": base.meta.get("outlet"), "url": base.meta.get("url"),
            "published": _published(base.meta.get("published"), shift, rng)}
    return Article(sid, text, {k: v for k, v in meta.items() if v is not None}, base.stem, shift)


def _arrange(lines: tuple[str, ...], rng: random.Random) -> list[str]:
    """Shuffle the body paragraphs among their places; keep or drop the furniture."""
    tail = next((k for k, ln in enumerate(lines)
                 if ln.strip().lower().startswith(TAIL_STARTS) or _FOOTNOTE.match(ln.strip())), len(lines))
    body = [k for k in range(tail) if len(lines[k].split()) >= PARAGRAPH_WORDS]
    order = list(lines)
    moved = body[:]
    rng.shuffle(moved)
    for slot, k in zip(body, moved):
        order[slot] = lines[k]
    if rng.random() < 0.5:
        return order
    return [ln for ln in order[:tail] if len(ln.split()) >= FURNITURE_WORDS]


def _vary_dates(text: str, days: int, months: int, rng: random.Random) -> str:
    def slip() -> int:  # an outlet that is a day out here and there
        return rng.choice((-1, 1)) if rng.random() < 0.08 else 0

    def moved(day: str, month: str, year: str | None) -> dt.date | None:
        y = int(re.sub(r"\D", "", year)) if year else YEAR
        try:
            d = dt.date(y, MONTHS.index(month) + 1, int(day))
        except ValueError:
            return None
        return d + dt.timedelta(days) if y == YEAR and d.month in EVENT_MONTHS else None

    def sub(m: re.Match) -> str:
        if m["wd"]:
            return WEEKDAYS[(WEEKDAYS.index(m["wd"]) + days + slip()) % 7]
        if m["mm"]:
            k = int(m["my"]) * 12 + MONTHS.index(m["mm"]) + months
            return f"{MONTHS[k % 12]} {k // 12}"
        if m["rm"]:
            a, b = moved(m["r1"], m["rm"], m["ry"]), moved(m["r2"], m["rm"], m["ry"])
            if not (a and b):
                return m[0]
            a += dt.timedelta(slip())
            year = m["ry"] and m["ry"].replace(m["ry"].strip(", "), str(b.year))
            head = f"{a.day}" if a.month == b.month else f"{a.day} {MONTHS[a.month - 1]}"
            return f"{head}-{b.day} {MONTHS[b.month - 1]}{year or ''}"
        day, month, year = (m["d"], m["dm"], m["dy"]) if m["d"] else (m["mdd"], m["md"], m["mdy"])
        d = moved(day, month, year)
        if not d:
            return m[0]
        d += dt.timedelta(slip())
        year = year and year.replace(year.strip(", "), str(d.year))
        return f"{d.day} {MONTHS[d.month - 1]}{year or ''}" if m["d"] else f"{MONTHS[d.month - 1]} {d.day}{year or ''}"

    return _DATE.sub(sub, text)


def _vary_commander(text: str, rng: random.Random) -> str:
    first, last = rng.choice(SPELLINGS)
    rank = rng.choice(RANKS) if rng.random() < 0.4 else None  # None: each mention keeps its own rank

    def sub(m: re.Match) -> str:
        if m[0] in ("Madani", "Medeni"):
            return last
        title = rank or m["rank"]
        return f"{title} {first} {last}" if title else f"{first} {last}"

    return COMMANDER.sub(sub, text)


def _vary_places(text: str, rng: random.Random) -> str:
    chosen = {}
    for canonical, group in PLACES.items():
        swap = SWAPS.get(canonical)
        chosen[canonical] = rng.choice(swap) if swap and rng.random() < 0.15 else rng.choice(group)
    return _PLACE.sub(lambda m: chosen[_CANONICAL[m[0]]], text)


_STOP = re.compile(r"(\S+)([.!?][\"'”’)]*)(?=\s|$)")
# A full stop after these ends no sentence: "Brig. Gen. Vali Madani", "U.S. officials".
_ABBREVIATIONS = {"Brig", "Gen", "Lt", "Col", "Maj", "Capt", "Adm", "Sgt", "Dr", "Mr", "Mrs", "Ms", "St", "No",
                  "Jr", "Sr", "Prof", "Rev", "Gov", "Sen", "Rep", "Inc", "Co", "Corp", "vs"}
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*")


def _footnoted(text: str, i: int) -> str:
    """A footnote number after each sentence, unique in the corpus (source i, k-th sentence)."""
    k = 0

    def sub(m: re.Match) -> str:
        nonlocal k
        word = m[1].lstrip("(\"'“‘")
        if word in _ABBREVIATIONS or _INITIALS.fullmatch(word):
            return m[0]
        k += 1
        return f"{m[0]}[{i * 1000 + k}]"

    return "\n".join(_STOP.sub(sub, line) for line in text.split("\n"))


def _published(base: str | None, days: int, rng: random.Random) -> str | None:
    """The seed's publication date moved with the event, sometimes known only to the month or not at all."""
    if base is None:
        return None
    r = rng.random()
    if len(base) == 7:  # YYYY-MM
        d = dt.date.fromisoformat(base + "-15") + dt.timedelta(days)
        return None if r < 0.1 else f"{d:%Y-%m}"
    d = dt.date.fromisoformat(base) + dt.timedelta(days)
    return None if r < 0.1 else f"{d:%Y-%m}" if r < 0.25 else d.isoformat()


def _meta_yaml(a: Article) -> str:
    return yaml.safe_dump({a.id: a.meta}, sort_keys=False, allow_unicode=True, width=1000)


def add(out_dir: str | Path, i: int, seed: int = 0, distinct: bool = False) -> Article:
    """Write source i into an existing corpus directory and append its sources.yaml entry."""
    out = Path(out_dir)
    a = article(i, seed, distinct)
    (out / f"{a.id}.txt").write_bytes(a.text.encode("utf-8"))
    with open(out / "sources.yaml", "a", encoding="utf-8", newline="\n") as f:
        f.write(_meta_yaml(a))
    return a


def write(out_dir: str | Path, n: int, seed: int = 0, distinct: bool = False) -> int:
    """Write sources 0..n-1 and their sources.yaml into out_dir; returns the bytes of source text."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "sources.yaml").write_text("# Generated by bench.corpus.\n", encoding="utf-8")
    return sum(len(add(out, i, seed, distinct).text.encode("utf-8")) for i in range(n))


_GAP = re.compile(r"\s+(?=[\"'“‘(]?[A-Z0-9])")
_END = re.compile(r"(\S+?)[.!?][\"'”’)]*(?:\[\d+\])*$")


def _sentences(line: str) -> list[str]:
    """A line cut at full stops that end a sentence; footnote numbers stay with their sentence."""
    out, start = [], 0
    for gap in _GAP.finditer(line):
        end = _END.search(line, start, gap.start())
        word = end[1].lstrip("(\"'“‘") if end else ""
        if end and word not in _ABBREVIATIONS and not _INITIALS.fullmatch(word):
            out.append(line[start:gap.start()])
            start = gap.end()
    return out + [line[start:]] if line[start:] else out


def sentence_stats(out_dir: str | Path) -> tuple[int, int]:
    """Sentences in a corpus and how many are distinct. Sources built from five seeds repeat most
    sentences word for word, so work memoized per sentence is mostly skipped here, unlike on
    real, distinct articles: the share tells how far the timings flatter such a memo."""
    total, seen = 0, set()
    for f in sorted(Path(out_dir).glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            for sentence in _sentences(line.strip()):
                total += 1
                seen.add(sentence)
    return total, len(seen)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.corpus", description="Write a synthetic corpus.")
    p.add_argument("n", type=int, help="number of sources")
    p.add_argument("out", help="directory to write (created)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--distinct", action="store_true", help="a footnote number on every sentence")
    args = p.parse_args(argv)
    size = write(args.out, args.n, args.seed, args.distinct)
    total, distinct = sentence_stats(args.out)
    print(f"{args.n} sources, {size / 1e6:.2f} MB in {args.out}; {distinct:,} of {total:,} sentences distinct")


if __name__ == "__main__":
    main()
