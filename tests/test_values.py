"""How values of each type relate: same, compatible (one refines the other) or conflict."""

from factcheck.packs.pack import Gazetteer
from factcheck.values import Date, Duration, Entity, Number, refines

KB = Gazetteer(places={"Azerbaijan": (), "Karabakh": ("Nagorno-Karabakh",), "Khojavend": ("Khojavand",),
                       "Shusha": (), "Iran": ()},
               parent={"Karabakh": "Azerbaijan", "Khojavend": "Karabakh", "Shusha": "Karabakh"},
               people={"Vali Madani": ("Veli Medeni",)})


def test_dates():
    assert Date(2025, 5, 18).relate(Date(2025, 5, 18)) == "same"
    assert Date(weekday=7).relate(Date(2025, 5, 18)) == "compatible"   # 18 May 2025 is a Sunday
    assert Date(weekday=7).relate(Date(2025, 5, 19)) == "conflict"     # a Monday
    assert Date(2024).relate(Date(2024, 11)) == "compatible"
    assert Date(2024, 11).relate(Date(2023, 12)) == "conflict"
    assert Date(None, 5, 21).relate(Date(2025, 5, 21)) == "compatible"
    assert str(Date(weekday=3)) == "XXXX-WXX-3" and str(Date(None, 5, 21)) == "XXXX-05-21"
    assert refines(Date(2024, 11), Date(2024), KB) and not refines(Date(2024), Date(2024, 11), KB)


def test_a_week_fits_its_days_and_conflicts_with_others():
    week = Date(2025, week=20)  # ISO week 20 of 2025: Monday 12 to Sunday 18 May
    assert str(week) == "2025-W20" and week.readable() == "the week of 12\u201318 May 2025"
    assert week.relate(Date(2025, 5, 12)) == "compatible" and Date(2025, 5, 18).relate(week) == "compatible"
    assert week.relate(Date(2025, 5, 19)) == "conflict" and Date(2025, 5, 11).relate(week) == "conflict"
    assert week.relate(Date(2025, 5)) == "compatible" and week.relate(Date(2025, 6)) == "conflict"
    assert week.relate(Date(2025)) == "compatible" and week.relate(Date(2024)) == "conflict"
    assert week.relate(Date(weekday=3)) == "compatible" and week.relate(Date(None, 5, 20)) == "conflict"
    assert week.relate(Date(2025, week=21)) == "conflict" and week.relate(Date(2025, week=20)) == "same"
    # a day refines its week, the week its month, never the other way round
    assert refines(Date(2025, 5, 14), week, KB) and not refines(week, Date(2025, 5, 14), KB)
    assert refines(week, Date(2025, 5), KB) and not refines(Date(2025, 5), week, KB)
    # the ISO year of a week that begins in December
    assert Date(2026, week=1).relate(Date(2025, 12, 30)) == "compatible"
    assert Date(2026, week=1).readable() == "the week of 29 Dec 2025\u20134 Jan 2026"


def test_durations_compare_by_length():
    assert Duration(1, "W").relate(Duration(7, "D")) == "same"
    assert Duration(4, "D").relate(Duration(3, "D")) == "conflict"
    assert str(Duration(4, "D")) == "P4D"


def test_numbers_compare_by_overlap():
    assert Number(31, None).relate(Number(40, 40)) == "compatible"   # more than 30 / 40
    assert Number(27, 27).relate(Number(31, None)) == "conflict"     # 27 / more than 30
    assert Number(36, 39).relate(Number(27, 27)) == "conflict"       # nearly 40 / 27
    assert str(Number(31, None)) == "31.." and str(Number(27, 27)) == "27"


def test_places_by_containment():
    kh, kar, sh, ir = (Entity("place", n) for n in ("Khojavend", "Karabakh", "Shusha", "Iran"))
    assert kh.relate(kar, KB) == "compatible" and kar.relate(kh, KB) == "compatible"
    assert kh.relate(sh, KB) == "conflict"
    assert kar.relate(ir, KB) == "conflict"
    assert refines(kh, kar, KB) and not refines(kar, kh, KB)


def test_ranks_by_generality():
    gen, brig, maj = (Entity("rank", n) for n in ("General", "Brigadier General", "Major General"))
    assert gen.relate(brig, KB) == "compatible"
    assert brig.relate(maj, KB) == "conflict"


def test_spelling_variants_are_one_name():
    assert KB.canonical("person", "Veli Medeni").name == "Vali Madani"
    assert KB.canonical("place", "Khojavand").name == "Khojavend"
    assert KB.canonical("place", "Khojjavend").name == "Khojavend"     # a doubled letter
    unknown = Entity("name", "Aras 2024", known=False)
    assert unknown.relate(Entity("name", "Aras 2025", known=False), KB) == "conflict"
