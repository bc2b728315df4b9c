"""Split the article's lines into sentences, keeping offsets into the original file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..language import lang
from .sources import Source

_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?:\[\d+\])*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u0130])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    line: int
    text: str


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
    return [s for s in out if s.text]


def _sentence(source: Source, base: int, line_text: str, a: int, b: int, line_no: int) -> Sentence:
    chunk = line_text[a:b]
    lead = len(chunk) - len(chunk.lstrip())
    text = chunk.strip()
    return Sentence(base + a + lead, base + a + lead + len(text), line_no, text)
