"""Run a pack's rule examples: each must yield its value, each look-alike nothing for its topic."""

from __future__ import annotations

from dataclasses import dataclass

from ..comparison.compare import most_specific
from ..values import SAME
from ..extraction.extract import Claim
from ..packs.pack import Example, Pack, Rule
from ..run.pipeline import analyse_source
from ..ingest.sources import Source


def run_sentence(text: str, packs: list[Pack], reference: str | None = None) -> list[Claim]:
    """Claims from one sentence treated as a whole article published on `reference`."""
    src = Source(id="example", path="<example>", text=text, published=reference, page=False)
    return analyse_source(src, packs).claims


@dataclass(frozen=True)
class Failure:
    pack: str
    rule: str
    line: int
    text: str
    expected: str | None
    obtained: tuple[str, ...]

    def message(self) -> str:
        want = f"expected {self.expected!r}" if self.expected is not None else "expected nothing (look-alike)"
        return f"rule {self.rule}: {want}, got {', '.join(self.obtained) or 'nothing'}: {self.text!r}"

    def __str__(self) -> str:
        return f"{self.pack}:{self.line}: {self.message()}"


def check_example(pack: Pack, rule: Rule, ex: Example, packs: list[Pack] | None = None) -> Failure | None:
    claims = run_sentence(ex.text, packs or [pack], ex.reference)
    topic_values = tuple(sorted({str(c.value) for c in claims if c.topic == rule.topic and not c.derived}))
    if ex.value is None:
        ok = not topic_values
    else:
        # the right value and no other beside it, once a value the same sentence refines is dropped
        # ("Lowmoor, Eastvale province" states Lowmoor); the same value written another way beside it
        # is no other ("8 pm (2 pm GMT)" is one instant, "6 miles (9.7 km)" one length)
        stated = most_specific([c for c in claims if c.topic == rule.topic and not c.derived], pack.gazetteer)
        expected = [c.value for c in stated if str(c.value) == ex.value]
        ok = bool(expected) and all(c.value.relate(expected[0], pack.gazetteer) == SAME for c in stated)
    return None if ok else Failure(pack.path, rule.id, ex.line, ex.text, ex.value, topic_values)


def check_pack(pack: Pack) -> list[Failure]:
    return [f for t in pack.topics.values() for r in t.rules for ex in r.examples
            if (f := check_example(pack, r, ex)) is not None]
