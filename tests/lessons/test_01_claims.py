"""Lesson 01's sentences about the model, checked against the model at test time (no number copied from it)."""
import math

import neurodynamics as nd
from decisions import bottom_choice, top_choice
from neurodynamics.interface.lessons import lesson_01

SLR = nd.Posture(hip_flexion=70)


def test_lesson_uses_the_postures_and_tethers_its_text_names():
    assert lesson_01.SLR == SLR and lesson_01.HALF_SLR == nd.Posture(hip_flexion=50)
    assert (lesson_01.TETHER, lesson_01.FIRM_TETHER) == (10, 50)
    assert lesson_01.SLUMP.neck_flexion == 50 and lesson_01.SLUMP.ankle_dorsiflexion == 10


def test_standing_tension_is_the_same_small_pull_along_the_leg():
    """'Along the leg it is the same small pull everywhere.'"""
    standing = nd.solve(nd.Posture())
    tensions = [standing.tension(site) for site in ("hip", "thigh", "knee", "ankle", "foot")]
    assert min(tensions) > 0
    assert all(math.isclose(t, tensions[0], rel_tol=1e-3) for t in tensions)


def test_in_the_slr_the_nerve_slides_toward_the_hip_from_both_sides():
    """Question 1: roots and conus drawn toward the feet, the sciatic nerve below the hip toward the head; near the
    anchored ends it hardly moves."""
    raised = nd.solve(SLR)
    assert raised.excursion("root") < 0 and raised.excursion("conus") < 0
    assert all(raised.excursion(site) > 0 for site in ("hip", "thigh", "knee"))
    leg = {site: abs(raised.excursion(site)) for site in ("hip", "thigh", "knee", "ankle", "foot")}
    assert leg["foot"] < leg["thigh"] and leg["ankle"] < leg["thigh"]


def test_decision_1_the_probe_sees_most_sliding_away_from_hip_and_foot():
    """Decision 1's feedback: right behind the hip (pulled from both sides) and near the anchored foot the nerve
    slides less than where it is held loosely in the thigh."""
    values = lesson_01.probe_values()
    best = top_choice(values)
    assert best not in ("hip", "ankle")
    assert bottom_choice(values) == "ankle"


def test_a_thigh_tether_piles_strain_up_at_the_hip_and_shields_the_knee():
    """Question 2, the figure's title and quiz Q3: strain up between the hip and the tether; beyond it, less strain
    and less sliding; a firmer tether does more of the same."""
    free = nd.solve(SLR)
    for strength in (lesson_01.TETHER, lesson_01.FIRM_TETHER):
        tied = nd.Model(entrapment={"thigh": strength}).solve(SLR)
        assert tied.strain("hip") > free.strain("hip")
        assert tied.strain("knee") < free.strain("knee")
        assert abs(tied.excursion("knee")) < abs(free.excursion("knee"))
    firm = nd.Model(entrapment={"thigh": lesson_01.FIRM_TETHER}).solve(SLR)
    loose = nd.Model(entrapment={"thigh": lesson_01.TETHER}).solve(SLR)
    assert firm.strain("hip") > loose.strain("hip")


def test_decision_2_a_tether_where_the_nerve_barely_slides_changes_little():
    values = lesson_01.tether_values()
    assert bottom_choice(values) == "ankle"
    assert top_choice(values) != "ankle"
    assert all(value >= 0 for value in values.values())


def test_roots_tied_down_cut_the_conus_sliding_in_the_model():
    """Section 4b prints the share; its text only says the tether cuts the sliding, as in the patients."""
    free = nd.solve(lesson_01.HALF_SLR).excursion("conus")
    tied = nd.Model(entrapment={"root": lesson_01.TETHER}).solve(lesson_01.HALF_SLR).excursion("conus")
    assert free < 0 and abs(tied) < abs(free)
