"""Measures as news writes them: units, ranges, approximations, magnitudes; and conversion."""

import pytest

from factcheck.language.units import canonical, factor, find, linear


def one(text):
    found = find(text)
    assert len(found) == 1, found
    m = found[0]
    return m.text, m.lo, m.hi, m.unit


@pytest.mark.parametrize("text, expected", [
    ("The pipe burst at a depth of 12 km.", ("12 km", 12, 12, "km")),
    ("It was traced 8km below the surface.", ("8km", 8, 8, "km")),
    ("Cracks ran for 14 kilometres.", ("14 kilometres", 14, 14, "km")),
    ("The plume rose 3 miles high.", ("3 miles", 3, 3, "mile")),
    ("Faults lie 5 to 25 kilometers down.", ("5 to 25 kilometers", 5, 25, "km")),
    ("Sensors were set 5-25 km apart.", ("5-25 km", 5, 25, "km")),
    ("The crater is approximately 20 km wide.", ("approximately 20 km", 18, 22, "km")),
    ("The town is nearly 50 km away.", ("nearly 50 km", 45, 50, "km")),
    ("Gusts reached 140 km/h overnight.", ("140 km/h", 140, 140, "km/h")),
    ("Turnout was 61 per cent.", ("61 per cent", 61, 61, "%")),
    ("Floods covered 250 square kilometres.", ("250 square kilometres", 250, 250, "km2")),
])
def test_units(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", ["The hull sank at 40 feet per minute.", "The glacier moves 2 metres a day.",
                                  "Water rose 3 cm an hour."])
def test_a_rate_is_no_measure_of_its_unit(text):
    assert find(text) == ()


def test_a_following_as_is_no_rate():
    assert one("The site is 30 km as the crow flies.")[:1] == ("30 km",)


@pytest.mark.parametrize("text, span", [
    ("A 6.3-magnitude quake shook the valley.", "6.3-magnitude"),
    ("A magnitude 6.3 tremor shook the valley.", "magnitude 6.3"),
    ("The tremor had a magnitude of 6.3, the institute said.", "magnitude of 6.3"),
    ("A shock measuring 6.3 on the Richter scale hit at dawn.", "6.3 on the Richter scale"),
    ("An M6.3 event was recorded offshore.", "M6.3"),
    ("The Mw 6.3 rupture lasted a minute.", "Mw 6.3"),
    ("A magnitude-6.3 quake hit the coast.", "magnitude-6.3"),
])
def test_magnitudes_are_one_family(text, span):
    assert one(text) == (span, 6.3, 6.3, "magnitude")


def test_a_bare_figure_after_measuring_has_no_unit():
    assert one("An aftershock measuring 5.1 followed.") == ("measuring 5.1", 5.1, 5.1, None)


@pytest.mark.parametrize("text", [
    "The lift carried 12 people at 3:15 pm.",
    "Home to about 2.5 million residents.",
    "The team won 3-1 on Sunday.",
])
def test_no_measure(text):
    assert find(text) == ()


@pytest.mark.parametrize("text, expected", [
    ("The mercury hit 47.5 degrees Celsius in Varn.", ("47.5 degrees Celsius", 47.5, 47.5, "°C")),
    ("Ostby baked at 117F on Friday.", ("117F", 117, 117, "°F")),
    ("Readings topped 44°C at the airport.", ("44°C", 44, 44, "°C")),
    ("Tarnow recorded 104 degrees Fahrenheit.", ("104 degrees Fahrenheit", 104, 104, "°F")),
    ("Lows fell to -18C overnight in Harl.", ("-18C", -18, -18, "°C")),
    ("Lows fell to minus 18 degrees Celsius in Harl.", ("minus 18 degrees Celsius", -18, -18, "°C")),
    ("It was 112 degrees by noon in Pell.", ("112 degrees", 112, 112, "degree")),
])
def test_temperatures(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize("text", [
    "Between 20 and 30 of them were rescued.",   # "of" is a scale's letter only glued to its figure
    "The Category 4 C-class storm weakened.",
    "Row 12 F was empty.",
])
def test_no_temperature(text):
    assert find(text) == ()


def test_power():
    assert one("Demand on the grid peaked at 45,210 megawatts.") == ("45,210 megawatts", 45210, 45210, "MW")
    assert one("Peak load reached 45.2 GW.") == ("45.2 GW", 45.2, 45.2, "GW")
    assert find("A 6.1 Mw tremor followed.") == ()   # a magnitude's symbol, not megawatts
    assert linear("GW", "MW") == (1000.0, 0.0)


def test_temperature_scales_convert_with_their_offset():
    f, c = linear("°C", "°F")
    assert 40 * f + c == pytest.approx(104)
    f, c = linear("°F", "°C")
    assert 212 * f + c == pytest.approx(100)
    assert linear("degree", "°C") == (1.0, 0.0)   # bare degrees are read in the topic's scale
    with pytest.raises(ValueError):
        linear("°C", "km")


def test_canonical_units_and_conversion():
    assert canonical("kilometres") == "km" and canonical("Richter") == "magnitude" and canonical("furlongs") is None
    assert factor("mile", "km") == pytest.approx(1.609344)
    assert factor("km", "km") == 1.0
    with pytest.raises(ValueError):
        factor("km", "km/h")
    with pytest.raises(ValueError):
        factor("magnitude", "km")


from hypothesis import given, settings, strategies as st

_ALPHABET = st.sampled_from(list("0123456789 .,:-()%/") + ["km", " miles", "magnitude", " to ", "pm", " GMT",
                                                            "UTC+", " about ", "M", "Richter", " and "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_any_text_gives_well_formed_measures(text):
    last = -1
    for m in find(text):
        assert 0 <= m.start < m.end <= len(text) and m.start >= last
        assert m.lo is None or m.hi is None or m.lo <= m.hi
        last = m.start


@pytest.mark.parametrize("text", ["Traffic on the M5 was halted.", "Soldiers carried M4 rifles."])
def test_a_road_or_a_rifle_is_no_magnitude(text):
    assert find(text) == ()


def test_areas_written_many_ways():
    assert one("The fire burned 12 square km of forest.")[1:] == (12, 12, "km2")
    assert one("Flames spread over more than 20,000 acres.")[1:] == (20000, None, "acre")
