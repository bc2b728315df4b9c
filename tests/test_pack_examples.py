"""Every rule example in every pack yields its value; every look-alike yields nothing for its topic."""

import pytest

from factcheck.authoring.examples import check_example
from factcheck.packs.pack import load_packs
from paths import FIXTURES

PACKS = load_packs(str(FIXTURES / "claims"))
CASES = [(p, r, ex) for p in PACKS for t in p.topics.values() for r in t.rules for ex in r.examples]


@pytest.mark.parametrize("pack,rule,example", CASES,
                         ids=[f"{r.id}:{'+' if ex.value else '-'}:{ex.text[:40]}" for _, r, ex in CASES])
def test_rule_example(pack, rule, example):
    failure = check_example(pack, rule, example)
    assert failure is None, str(failure)


def test_every_rule_has_examples_and_look_alikes():
    for p in PACKS:
        for t in p.topics.values():
            for r in t.rules:
                assert any(e.value is not None for e in r.examples), r.id
                assert any(e.value is None for e in r.examples), r.id
