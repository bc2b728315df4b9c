"""A corpus of distinct text: the real articles of every corpus in the repository (the seeds and
examples/*/sources, three events), with their numbers, names and dates varied so that no two
sentences in the whole corpus are the same.

Source i takes real article i mod 16 and redraws every figure near its value, every weekday and
month, and every capitalised word that is neither a sentence's first word, an acronym, nor a name
the event's pack knows (those become one of a few invented spellings, so the pack's places are
still found); see _vary_line. A sentence that comes out the same as one seen before (a line with nothing to vary) gets an
invented lower-case word in brackets before its final stop (Seen.distinct): no figure, date or name, which would let it
through the gate that spares the tagger sentences without them. Nothing is memoized across sources then, unlike the seed-based corpus (bench/corpus.py),
whose sentences mostly repeat.

The packs of the three events go together into one claims directory: every source is read against
every pack, as a desk following several stories at once reads its feed.

    python -m bench.varied 1000 /tmp/varied1000 [--seed 0]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TOKEN = re.compile(r"(?P<year>\b(?:19|20)\d\d\b)|(?P<num>\d{1,3}(?:,\d{3})+|\d+)|(?P<word>\b[A-Z][a-z]+(?:[-'][A-Za-z]+)?\b)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")
_END = re.compile(r"[.!?\"'”’)\]\s]*$")
_SYLLABLES = ("ka", "lo", "mer", "vi", "dan", "su", "ro", "tel", "ba", "nol", "or", "ze", "mu", "rin", "ha", "pe")


@dataclass(frozen=True)
class Real:
    event: str          # the pack's file name in the claims directory
    stem: str
    lines: tuple[str, ...]
    facts: dict
    known: frozenset    # words of the names the event's pack knows: left as they are


@lru_cache(maxsize=1)
def reals() -> tuple[Real, ...]:
    out = []
    corpora = [("aras-2025", REPO / "seeds", REPO / "claims" / "aras-2025.yaml")]
    corpora += [(d.name, d / "sources", d / "pack.yaml") for d in sorted((REPO / "examples").iterdir())
                if (d / "sources").is_dir() and (d / "pack.yaml").is_file()]
    for event, sources, pack in corpora:
        meta = yaml.safe_load((sources / "sources.yaml").read_text(encoding="utf-8")) or {}
        known = frozenset(re.findall(r"[A-Z][a-z]+", pack.read_text(encoding="utf-8")))
        for path in sorted(sources.glob("*.txt")):
            facts = {k: str(v) for k, v in (meta.get(path.stem) or {}).items() if v is not None}
            lines = tuple(path.read_text(encoding="utf-8").splitlines())
            out.append(Real(event, path.stem, lines, facts, known))
    return tuple(out)


def packs(claims_dir: Path) -> Path:
    """The three events' packs in one claims directory."""
    claims_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "claims" / "aras-2025.yaml", claims_dir / "aras-2025.yaml")
    for d in sorted((REPO / "examples").iterdir()):
        if (d / "pack.yaml").is_file():
            shutil.copy(d / "pack.yaml", claims_dir / f"{d.name}.yaml")
    return claims_dir


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


VARIANTS = 3  # spellings of each replaced name: outlets disagree among a few values, not thousands


def _vary_line(line: str, known: frozenset, rng: random.Random) -> str:
    """Every figure, date word and unknown name redrawn near its value: a count moves by a step or
    two, a day by up to two, a year by one, a name takes one of VARIANTS invented spellings. Values
    stay few per topic, as when outlets disagree, while sentences differ."""
    def sub(m: re.Match) -> str:
        s = m.group()
        if m["year"]:
            return str(int(s) + rng.choice((0, 0, 0, 1, -1)))
        if m["num"]:
            n, grouped = int(s.replace(",", "")), "," in s
            step = max(1, 10 ** (len(str(n)) - 2))
            n = max(1, n + rng.randint(-2, 2) * step)
            return f"{n:,}" if grouped else str(n)
        if s in WEEKDAYS:
            return rng.choice((s, s, WEEKDAYS[(WEEKDAYS.index(s) + rng.choice((1, -1))) % 7]))
        if s in MONTHS:
            return rng.choice((s, s, s, MONTHS[(MONTHS.index(s) + rng.choice((1, -1))) % 12]))
        before = line[: m.start()].rstrip()
        if s in known or not before or before.endswith((".", "!", "?", ":", '"', "“", "|", "#")):
            return s  # a pack's name, or a word that opens a sentence
        return _name(random.Random(f"{s}:{rng.randrange(VARIANTS)}"))
    return _TOKEN.sub(sub, line)


def _tag(n: int) -> str:
    """A distinct invented word for each n: its digits in base len(_SYLLABLES), three syllables at least."""
    out = []
    while n or len(out) < 3:
        n, k = divmod(n, len(_SYLLABLES))
        out.append(_SYLLABLES[k])
    return "".join(out)


class Seen:
    """The sentences written so far, as 8-byte digests: 100,000 sources hold about four million."""

    def __init__(self):
        self.digests: set[bytes] = set()
        self.footnotes = 0

    def distinct(self, line: str) -> str:
        out = []
        for s in _SENTENCE.split(line):
            d = hashlib.blake2b(s.encode(), digest_size=8).digest()
            if s.strip() and d in self.digests:
                self.footnotes += 1
                m = _END.search(s)  # before the final stop, so the sentence still ends where it did
                s = f"{s[:m.start()]} ({_tag(self.footnotes)}){s[m.start():]}"
                d = hashlib.blake2b(s.encode(), digest_size=8).digest()
            self.digests.add(d)
            out.append(s)
        return " ".join(out)


def article(i: int, seed: int, seen: Seen) -> tuple[str, str, dict]:
    """(id, text, facts) of source i."""
    rng = random.Random(f"factcheck-varied:{seed}:{i}")
    real = reals()[i % len(reals())]
    text = "\n".join(seen.distinct(_vary_line(line, real.known, rng)) for line in real.lines) + "\n"
    facts = dict(real.facts)
    if "published" in facts:  # another day of the same month, so resolution has work to do
        facts["published"] = facts["published"][:8] + f"{rng.randint(1, 28):02d}" if len(facts["published"]) == 10 \
            else facts["published"]
    if "outlet" in facts:
        facts["outlet"] = " ".join([_name(rng), *re.findall(r"[A-Za-z]+", facts["outlet"])[-1:]])
    return f"{i:06d}_{real.event}_{real.stem}", text, facts


SHARD = 10_000  # sources per directory: a sources.yaml stays under the YAML reader's node limit


def write(out_dir: str | Path, n: int, seed: int = 0) -> int:
    """n sources and their sources.yaml, in out_dir itself up to SHARD sources, else in
    subdirectories of SHARD (see shards); returns the bytes of text written."""
    out = Path(out_dir)
    seen, total = Seen(), 0
    for first in range(0, n, SHARD):
        shard = out if n <= SHARD else out / f"part-{first // SHARD:03d}"
        shard.mkdir(parents=True, exist_ok=True)
        meta = {}
        for i in range(first, min(n, first + SHARD)):
            sid, text, facts = article(i, seed, seen)
            data = text.encode("utf-8")
            (shard / f"{sid}.txt").write_bytes(data)
            total += len(data)
            if facts:
                meta[sid] = facts
        (shard / "sources.yaml").write_text(yaml.safe_dump(meta, sort_keys=True, allow_unicode=True), encoding="utf-8")
    return total


def shards(out_dir: str | Path) -> list[str]:
    """The paths to give factcheck for a corpus write() made."""
    parts = sorted(str(d) for d in Path(out_dir).glob("part-*") if d.is_dir())
    return parts or [str(out_dir)]


def texts(n: int, seed: int = 0) -> list[str]:
    """The first n sources' texts, for the baselines."""
    seen = Seen()
    return [article(i, seed, seen)[1] for i in range(n)]


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.varied", description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("out", type=Path)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    size = write(args.out, args.n, args.seed)
    packs(args.out.with_name(args.out.name + "-claims"))
    print(f"{args.n} sources, {size / 1e6:.2f} MB in {args.out}; packs in {args.out.name}-claims")


if __name__ == "__main__":
    main()
