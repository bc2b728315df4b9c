"""The time and quantity value types: printing and how two values relate."""

from factcheck.values import Date
from factcheck.values.quantity import Quantity, normalize
from factcheck.language.units import linear
from factcheck.values.time import APPROX_MINUTES, Time


def test_one_instant_in_two_zones_is_the_same():
    assert Time(9 * 60 + 40, 9 * 60 + 40, 5 * 60 + 30).relate(Time(13 * 60 + 10, 13 * 60 + 10, 9 * 60)) == "same"
    assert Time(600, 600, 0).relate(Time(600, 600, 60)) == "conflict"  # 10:00 UTC vs 09:00 UTC


def test_around_is_compatible_within_the_stated_tolerance():
    exact = Time(600, 600, 120)
    assert exact.relate(Time(600 + APPROX_MINUTES, 600 + APPROX_MINUTES, 120, approx=True)) == "compatible"
    assert exact.relate(Time(600 + APPROX_MINUTES + 5, 600 + APPROX_MINUTES + 5, 120, approx=True)) == "conflict"


def test_an_unknown_zone_compares_the_clock_only_and_never_agrees():
    assert Time(600, 600, None).relate(Time(600, 600, 120)) == "compatible"
    assert Time(600, 600, None).relate(Time(660, 660, 120)) == "conflict"


def test_a_part_of_the_day_contains_an_instant():
    assert Time(660, 840, 60).relate(Time(750, 750, 60)) == "compatible"
    assert Time(660, 840, 60).relate(Time(1000, 1000, 60)) == "conflict"


def test_times_across_midnight_and_dates():
    assert Time(1430, 1430, 0).relate(Time(1, 1, 0, approx=True)) == "compatible"  # 23:50 vs around 00:01
    d1, d2 = Date(2024, 2, 3), Date(2024, 2, 4)
    assert Time(1430, 1430, 0, date=d1).relate(Time(1430, 1430, 0, date=d2)) == "conflict"


def test_iso_printing():
    assert str(Time(770, 770, 390)) == "12:50+06:30"
    assert str(Time(770, 770, -420, date=Date(2023, 7, 9))) == "2023-07-09T12:50-07:00"
    assert str(Time(800, 800, None, approx=True)) == "~13:20"
    assert str(Time(660, 840, 60)) == "11:00+01:00/14:00+01:00"


def test_quantities_convert_to_the_topic_unit():
    six_miles = normalize(6, 6, "mile", 1.0, "km", "6 miles", linear)
    assert str(six_miles) == "9.66 km" and six_miles.original == "6 miles"
    assert six_miles.relate(Quantity(10, 10, "km")) == "same"          # 10 km, rounded to whole miles
    assert six_miles.relate(Quantity(12, 12, "km")) == "conflict"
    assert normalize(5, 5, "km/h", 1.0, "km", "5 km/h", linear) is None   # another dimension


def test_quantity_intervals():
    assert Quantity(10, 10, "km").relate(Quantity(30, 30, "km")) == "conflict"
    assert Quantity(10, 30, "km").relate(Quantity(30, 30, "km")) == "compatible"
    assert Quantity(9, 11, "km").relate(Quantity(10, 10, "km")) == "compatible"
    assert str(Quantity(10, 30, "km")) == "10..30 km" and str(Quantity(7.7, 7.7, "magnitude")) == "7.7 magnitude"
    assert str(Quantity(40, None, "km")) == "40.. km"


def test_a_date_beside_the_same_instant_is_still_the_same():
    assert Time(770, 770, 390, date=Date(2025, 3, 28)).relate(Time(860, 860, 480)) == "same"


def test_one_instant_in_two_zones_across_the_date_line_is_the_same():
    # 02:30 at UTC+8 is 18:30 UTC the day before: one instant, whichever side of midnight the clocks fall
    assert Time(150, 150, 480).relate(Time(1110, 1110, 0)) == "same"
    assert Time(0, 0, 480).relate(Time(960, 960, 0)) == "same"
    assert Time(0, 0, 480).relate(Time(900, 900, 0)) == "conflict"
