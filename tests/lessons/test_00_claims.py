"""Lesson 00's sentences about the model, checked against the model at test time (no number copied from it).

Each test names the cell text it pins, so a refit that flips a sentence fails here first."""
import neurodynamics as nd
from decisions import top_choice, verdict
from neurodynamics.interface.lessons import lesson_00

SLR = nd.Posture(hip_flexion=70)
SLR_FOOT_UP = SLR.replace(ankle_dorsiflexion=20)
SLR_FOOT_UP_CHIN_DOWN = SLR_FOOT_UP.replace(neck_flexion=50)
LEG_BELOW_HIP = ("hip", "thigh", "knee")


def rise(before, after, site):
    return nd.solve(after).strain(site) - nd.solve(before).strain(site)


def test_lesson_uses_the_postures_its_text_names():
    assert lesson_00.SLR == SLR and lesson_00.SLR_FOOT_UP == SLR_FOOT_UP
    assert lesson_00.SLR_FOOT_UP_CHIN_DOWN == SLR_FOOT_UP_CHIN_DOWN


def test_in_the_slr_the_nerve_below_the_hip_slides_up_and_above_it_down():
    """'below the hip the nerve slides up toward the hip, above the hip (conus, roots) it is drawn down' (and quiz
    Q2: excursion at the knee is positive)."""
    solution = nd.solve(SLR)
    assert all(solution.excursion(site) > 0 for site in LEG_BELOW_HIP)
    assert solution.excursion("conus") < 0 and solution.excursion("root") < 0


def test_foot_up_raises_strain_most_at_ankle_and_foot_and_a_little_at_thigh_and_hip():
    """Question 1 and quiz Q1: 'Strain rises most near the joint that moves: the ankle and foot. A small part of the
    pull travels up the tract, so the thigh and hip gain a little too.'"""
    near = [rise(SLR, SLR_FOOT_UP, site) for site in ("ankle", "foot")]
    far = [rise(SLR, SLR_FOOT_UP, site) for site in ("hip", "thigh", "knee")]
    assert min(near) > max(far) > 0 and min(far) > 0


def test_figure_slr_loads_hip_and_thigh_most_and_foot_and_neck_lift_both_ends():
    """Figure caption: standing at zero; the SLR lifts strain most around the hip and thigh; adding the foot and the
    neck lifts the strain at both ends of the tract."""
    standing, slr, all_three = nd.solve(nd.Posture()), nd.solve(SLR), nd.solve(SLR_FOOT_UP_CHIN_DOWN)
    assert all(abs(standing.strain(site)) < 1e-9 for site in nd.SITES)
    top_two = sorted(nd.SITES, key=slr.strain, reverse=True)[:2]
    assert set(top_two) <= {"hip", "thigh"}, top_two
    assert all_three.strain("cervical_cord") > slr.strain("cervical_cord")
    assert all_three.strain("foot") > slr.strain("foot")


def test_decision_1_neck_flexion_loads_the_neck_cord_most():
    values = lesson_00.top_of_tract_values()
    assert top_choice(values) == "neck flexion"


def test_foot_up_leaves_the_hamstrings_alone_and_tightens_the_nerve():
    """Question 2 and the tour: 'the nerve bar grows, the hamstring bar does not move'."""
    assert nd.hamstring_stretch(SLR_FOOT_UP) == nd.hamstring_stretch(SLR)
    assert rise(SLR, SLR_FOOT_UP, "thigh") > 0


def test_decision_2_trunk_flexion_loads_the_roots_and_only_hip_flexion_changes_the_hamstrings():
    """Decision 2's feedback: bending the trunk tightens the roots most among the movements that leave the
    hamstrings alone; more hip flexion pulls on the roots but lengthens the hamstrings; foot and neck arrive
    weaker at the roots."""
    values = lesson_00.roots_not_hamstring_values()
    assert lesson_00.roots_not_hamstring_answer() == "bend the trunk forward"
    assert values["more hip flexion"][0] > 0 and values["more hip flexion"][1] > lesson_00.NO_CHANGE
    for option in ("foot up", "chin tuck", "bend the trunk forward"):
        assert abs(values[option][1]) < lesson_00.NO_CHANGE, option
    for option in ("foot up", "chin tuck"):
        assert values[option][0] < values["bend the trunk forward"][0], option


def test_neck_flexion_moves_the_nerve_without_the_hamstrings():
    """Question 3 and quiz Q3: neck flexion changes the nerve, not the hamstrings."""
    slump = nd.Posture(hip_flexion=90, knee_flexion=10, ankle_dorsiflexion=10, trunk_flexion=40)
    chin_down = slump.replace(neck_flexion=50)
    assert nd.hamstring_stretch(chin_down) == nd.hamstring_stretch(slump)
    assert rise(slump, chin_down, "cervical_cord") > 0 and rise(slump, chin_down, "root") > 0


def test_check_functions_print_a_verdict_and_show_no_answer_of_their_own(capsys):
    assert "Right." in verdict(capsys, lesson_00.check_top_of_tract, "neck flexion")
    assert "Not quite" in verdict(capsys, lesson_00.check_roots_not_hamstring, "more hip flexion")
    assert "Set your choice" in verdict(capsys, lesson_00.check_top_of_tract, "?")


def test_tour_neck_between_50_and_minus_40_in_the_slump_tightens_and_loosens_the_cord():
    """The tour: 'drag neck between 50 and -40: the cord at the top of the tract loosens and tightens'."""
    slump = nd.Posture(hip_flexion=90, knee_flexion=10, ankle_dorsiflexion=10, trunk_flexion=40)
    assert (nd.solve(slump.replace(neck_flexion=50)).strain("cervical_cord")
            > nd.solve(slump.replace(neck_flexion=-40)).strain("cervical_cord"))
