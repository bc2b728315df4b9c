"""Split the article's lines into sentences, keeping offsets into the original file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..language import lang
from .sources import Source

MAX_SENTENCE = 1000  # characters; a longer run without a full stop (a table, a page without punctuation) is cut
_CLAUSE_END = re.compile(r"[;:,)\]\u2014]\s+|\s[\u2013\u2014-]+\s+")
_SPACE = re.compile(r"\s+")
# A stop followed by a space and a capital; or, where a page lost the space ("the border.The
# drill"), a stop between a lower-case word and a capitalised one (not "U.S.", "e.g.", "News.Az").
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?:\[\d+\])*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u0130])"
                       r"|(?<=[a-z]{3})[.!?](?=[A-Z][a-z]{2})")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    line: int
    text: str
    cut_from: int = 0  # the length of the run it was cut from, when that was over MAX_SENTENCE


def _ends_on_abbreviation(chunk: str) -> bool:
    """'Brig. Gen. Vali', 'U.S. forces', 'J. Smith': a full stop that ends a word, not a sentence."""
    words = chunk.split()
    if not words:
        return False
    word = words[-1].strip("\"'\u201d\u2019)]").rstrip(".!?").lstrip("(\"'\u201c\u2018[").lower()
    return word in lang.ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split(source: Source) -> list[Sentence]:
    out = []
    for start, end in source.content:
        line_text = source.text[start:end]
        line_no = source.line_of(start)
        pos = 0
        for m in _BOUNDARY.finditer(line_text):
            if _ends_on_abbreviation(line_text[max(pos, m.start() - 40) : m.start() + 1]):
                continue
            out.append(_sentence(source, start, line_text, pos, m.end(), line_no))
            pos = m.end()
        if pos < len(line_text):
            out.append(_sentence(source, start, line_text, pos, len(line_text), line_no))
    return [p for s in out if s.text for p in (_cut(s) if len(s.text) > MAX_SENTENCE else (s,)) if p.text]


def _cut(s: Sentence) -> list[Sentence]:
    """A sentence longer than MAX_SENTENCE in parts of at most that length, each cut after the last
    clause mark (a semicolon, a colon, a comma, a dash) in its reach, else at the last space, else
    where the length ends; so that the time to read it grows with its length, not its square."""
    out, a, n = [], 0, len(s.text)
    while a < n:
        b = n
        if n - a > MAX_SENTENCE:
            reach = s.text[a : a + MAX_SENTENCE]
            marks = [m.end() for m in _CLAUSE_END.finditer(reach, MAX_SENTENCE // 4)]
            spaces = marks or [m.end() for m in _SPACE.finditer(reach, MAX_SENTENCE // 4)]
            b = a + (spaces[-1] if spaces else MAX_SENTENCE)
        part = _sentence(None, s.start, s.text, a, b, s.line)
        out.append(Sentence(part.start, part.end, s.line, part.text, n))
        a = b
    return out


def _sentence(source: Source | None, base: int, line_text: str, a: int, b: int, line_no: int) -> Sentence:
    chunk = line_text[a:b]
    lead = len(chunk) - len(chunk.lstrip())
    text = chunk.strip()
    return Sentence(base + a + lead, base + a + lead + len(text), line_no, text)
