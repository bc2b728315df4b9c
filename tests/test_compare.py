"""Statuses per topic, from typed values."""

import pytest

from factcheck.comparison.compare import compare
from factcheck.extraction.extract import Claim
from factcheck.packs.pack import Gazetteer
from factcheck.values import Date, Entity

KB = Gazetteer(places={"Azerbaijan": (), "Karabakh": (), "Khojavend": (), "Shusha": (), "Iran": ()},
               parent={"Karabakh": "Azerbaijan", "Khojavend": "Karabakh", "Shusha": "Karabakh"})


def _claim(source, value):
    return Claim("t", source, value, "x", "x", 1, 0, 1, 0, "r")


def _status(*pairs):
    claims = [_claim(s, v) for s, v in pairs]
    return compare("t", claims, sorted({s for s, _ in pairs} | {"silent_one"}), KB).status


KHOJAVEND, SHUSHA, KARABAKH, IRAN = (Entity("place", n) for n in ("Khojavend", "Shusha", "Karabakh", "Iran"))


@pytest.mark.parametrize("pairs,status", [
    ([("a", Date(2025, 5, 21)), ("b", Date(2025, 5, 21))], "agree"),
    # an undated weekday that fits the agreed date leaves the agreement (21 May 2025 is a Wednesday)
    ([("a", Date(2025, 5, 21)), ("b", Date(2025, 5, 21)), ("c", Date(weekday=3))], "agree"),
    ([("a", Date(2025, 5, 19)), ("c", Date(weekday=7))], "conflict"),  # 19 May 2025 is a Monday
    ([("a", Date(2024)), ("b", Date(2024, 11))], "compatible"),
    ([("a", KARABAKH), ("b", KHOJAVEND)], "compatible"),
    ([("a", KARABAKH), ("b", IRAN)], "conflict"),
    # places add up within a source: Khojavend and Shusha against Karabakh is no conflict
    ([("a", KHOJAVEND), ("a", SHUSHA), ("b", KARABAKH)], "compatible"),
    ([("a", Date(2020))], "single"),
], ids=["same date", "fitting weekday", "weekday of another day", "year and a month of it",
        "region and a district in it", "disjoint places", "two districts of one region", "one source"])
def test_status(pairs, status):
    assert _status(*pairs) == status


def test_no_claim_is_silent():
    assert compare("t", [], ["a", "b"], KB).status == "silent"
