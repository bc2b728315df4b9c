"""With 300 sources the report stays readable: per value a count and the first outlets "and N more",
reprint groups on one line, no line over 400 characters, under 300 KB, growing about linearly.

The corpus is generated: each source takes one phrasing of each fact (which one is known here, so
the expected counts come from the choices, not from the program), plus sentences of its own so that
only the sources made as copies are reprints.
"""

import random
from collections import Counter
from pathlib import Path

import pytest

from factcheck.outputs import render
from factcheck.run.pipeline import run
from paths import FIXTURES

PACK = str(FIXTURES / "tram-strike" / "pack.yaml")
START = {"2025-03-03": "Tram drivers in Castelmar began the strike on Monday, the union said.",
         "2025-03-04": "The strike started on Tuesday, March 4, drivers said."}
END = {"2025-03-07": "The walkout will continue until March 7, according to the organisers.",
       "2025-03-08": "The stoppage is expected to end on Saturday, March 8."}
WORKERS = {"1201..": "More than 1,200 workers joined the strike at the North Quay depot.",
           "900..1100": "About 1,000 workers joined the stoppage, the transport office said.",
           "1250..": "At least 1,250 workers took part in the walkout, the union counted."}
KINDS = ("Courier", "Gazette (regional edition, evening and weekend)", "Evening Post", "Tribune")


_WORDS = ("river road morning queue commuters buses shopkeepers takings cyclist depot gate picket line "
          "bakery window umbrella harbour ferry bridge lantern market stall orchard tailor clock tower "
          "square fountain pigeons violin teacher school library garden hedge kettle chimney rooftop "
          "station platform ticket bench newspaper kiosk florist tulips lorry crane warehouse").split()


def _own_sentences(i: int) -> list[str]:
    """Four sentences no other source has (seeded word draws): a source is a reprint only if made one."""
    rng = random.Random(i)
    return [" ".join(rng.sample(_WORDS, 10)).capitalize() + "." for _ in range(4)]


def _pick(table: dict, k: int) -> str:
    return list(table)[k % len(table)]


def generate(folder: Path, n: int) -> dict[str, dict[str, str]]:
    """n sources in `folder` with sources.yaml; every 25th is a copy of the one before it.
    Returns what each source says: {source id: {topic: normalized value}}."""
    meta, said = [], {}
    for i in range(n):
        sid = f"s{i:03d}"
        if i % 25 == 24:  # a reprint: the same text as the source before it
            text, said[sid] = (folder / f"s{i - 1:03d}.txt").read_text(encoding="utf-8"), dict(said[f"s{i - 1:03d}"])
        else:
            facts = {"strike.start": "2025-03-04" if i % 5 == 0 else "2025-03-03",
                     "strike.end": _pick(END, i // 7), "strike.workers": _pick(WORKERS, i)}
            said[sid] = facts
            text = "\n".join([
                f"Tram strike, report {i}", "",
                START[facts["strike.start"]], END[facts["strike.end"]], WORKERS[facts["strike.workers"]],
                *_own_sentences(i), ""])
        (folder / f"{sid}.txt").write_text(text, encoding="utf-8")
        meta.append(f"{sid}:\n  outlet: The Town {i} {KINDS[i % len(KINDS)]}\n  published: 2025-03-04\n")
    (folder / "sources.yaml").write_text("".join(meta), encoding="utf-8")
    return said


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus300")
    said = generate(folder, 300)
    return said, render.markdown(run([str(folder)], PACK, jobs=2), str(folder))


def test_limits_at_300_sources(big):
    said, text = big
    lines = text.splitlines()
    assert len(text.encode("utf-8")) < 300_000
    assert max(map(len, lines)) <= render.MAX_LINE
    # The matrix has a row per source (and its majority row).
    assert sum(ln.startswith("| The Town ") for ln in lines[:lines.index("## Summary")]) == 300


def test_counts_and_first_outlets_per_value(big):
    said, text = big
    summary = {ln.split(" | ")[0][3:].split("]")[0]: ln for ln in text.splitlines() if ln.startswith("| [strike.")}
    for topic in ("strike.start", "strike.end", "strike.workers"):
        counts = Counter(s[topic] for s in said.values())
        cell = summary[topic]
        for value, n in counts.items():
            part = next(p for p in cell.split("<br>") if f"(`{value}`)" in p)
            # 12 copies each repeat one other source: they count once
            copies = sum(1 for sid, s in said.items() if int(sid[1:]) % 25 == 24 and s[topic] == value)
            assert (f" — {n} sources, {n - copies} independent: " if copies else f" — {n} sources: ") in part, part
            named = part.split(": ", 1)[1].count("The Town ")  # as many as fit the row
            assert 1 <= named <= render.LIST_SOURCES and f" and {n - named} more" in part, part
            # the topic's own section names the first LIST_SOURCES
            line = next(ln for ln in text.splitlines() if ln.startswith("- ") and f"(`{value}`): {n} sources" in ln
                        and ln in text.split(f"## {topic}\n", 1)[1].split("\n## ", 1)[0])
            assert line.count("The Town ") == render.LIST_SOURCES and f" and {n - render.LIST_SOURCES} more" in line
        independent = Counter(s[topic] for sid, s in said.items() if int(sid[1:]) % 25 != 24)
        (lead, top), (_, second) = independent.most_common(2)
        if top > second:  # exactly one majority, on the value most independent sources give
            assert cell.count("— majority") == 1 and f"(`{lead}`) — {counts[lead]} sources" in cell.split("— majority")[0]
        else:  # said as a tie
            assert "— majority" not in cell and "no majority: the leading values are tied" in cell


def test_reprint_groups_collapse_to_one_line_each(big):
    said, text = big
    section = text.split("## Reprints", 1)[1].split("\n## ", 1)[0]
    items = [ln for ln in section.splitlines() if ln.startswith("- ")]
    assert len(items) == 12 and all(" is repeated by 1 source " in ln for ln in items)
    assert text.count("↻") == 12 + 1  # one mark per copy in the matrix, and its legend


def test_size_grows_about_linearly(tmp_path, big):
    said, text = big
    generate(tmp_path, 100)
    small = render.markdown(run([str(tmp_path)], PACK, jobs=2), str(tmp_path))
    ratio = len(text) / len(small)
    assert 1.5 < ratio < 3.3, ratio
