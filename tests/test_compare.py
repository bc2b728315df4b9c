"""Statuses per topic, from typed values."""

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


def test_statuses():
    assert _status(("a", Date(2025, 5, 21)), ("b", Date(2025, 5, 21))) == "agree"
    # an undated weekday that fits the agreed date leaves the agreement
    assert _status(("a", Date(2025, 5, 21)), ("b", Date(2025, 5, 21)), ("c", Date(weekday=3))) == "agree"
    assert _status(("a", Date(2025, 5, 19)), ("c", Date(weekday=7))) == "conflict"  # 19 May 2025 is a Monday
    assert _status(("a", Date(2024)), ("b", Date(2024, 11))) == "compatible"
    assert _status(("a", Entity("place", "Karabakh")), ("b", Entity("place", "Khojavend"))) == "compatible"
    assert _status(("a", Entity("place", "Karabakh")), ("b", Entity("place", "Iran"))) == "conflict"
    # places add up within a source: Khojavend and Shusha against Karabakh is no conflict
    assert _status(("a", Entity("place", "Khojavend")), ("a", Entity("place", "Shusha")),
                   ("b", Entity("place", "Karabakh"))) == "compatible"
    assert _status(("a", Date(2020))) == "single"
    assert compare("t", [], ["a", "b"], KB).status == "silent"
