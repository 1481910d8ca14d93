"""Lesson 03's sentences about the model, checked against the model at test time (no number copied from it).

The slump is being refitted (the neck will reach the thigh more): the cases word their comparisons from the
numbers, and every sentence the prose keeps is pinned here."""
import neurodynamics as nd
from decisions import verdict
from neurodynamics.interface.lessons import lesson_03

SLR, SLUMP = lesson_03.SLR, lesson_03.SLUMP


def test_lesson_uses_the_postures_its_text_names():
    assert SLR == nd.Posture(hip_flexion=65) and lesson_03.FOOT_UP_DEG == 20
    assert (SLUMP.hip_flexion, SLUMP.trunk_flexion, SLUMP.neck_flexion, SLUMP.knee_flexion,
            SLUMP.ankle_dorsiflexion) == (90, 40, 50, 10, 10)


def test_both_structures_lengthen_in_both_tests():
    for posture in (SLR, SLUMP):
        assert nd.hamstring_stretch(posture) > 0 and nd.solve(posture).strain("thigh") > 0


def test_foot_up_strains_the_nerve_at_mid_thigh_slides_it_toward_the_foot_and_leaves_the_hamstrings():
    """Question 1 and case 1."""
    muscle, nerve = lesson_03.lengthening(SLR, SLR.replace(ankle_dorsiflexion=20), "thigh")
    assert muscle == 0 and nerve > 0
    assert lesson_03.thigh_slide_with_foot_up() < 0


def test_decision_1_neck_or_hip_differentiate_a_calf_symptom_and_foot_or_knee_do_not():
    values = lesson_03.calf_values()
    good = {option for option, value in values.items() if lesson_03.differentiates_calf(value)}
    assert good == {"look up", "more hip flexion"}


def test_decision_2_the_model_needs_fewer_degrees_than_patients():
    """Decision 2's explanation and quiz Q4: 'The model needs fewer degrees than the patients'."""
    assert 0 <= lesson_03.onset_degrees() < lesson_03.PATIENTS_DEGREES


def test_chin_tuck_in_the_slump_changes_the_nerve_not_the_hamstrings(capsys):
    """Case 2: the hamstrings do not change; the last printed line compares mid-thigh with the roots in words
    chosen from the numbers."""
    before = SLUMP.replace(neck_flexion=0)
    assert lesson_03.lengthening(before, SLUMP, "root")[0] == 0
    assert lesson_03.lengthening(before, SLUMP, "root")[1] > 0
    lesson_03.chin_tuck_in_the_slump()
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("In the model ")


def test_sweep_foot_up_and_chin_down_lengthen_the_nerve_never_the_hamstrings():
    """The sweep figure's title and caption: only the nerve responds; pointing the foot gives a little back,
    looking up little or nothing."""
    for hip in (60, 70):
        base = nd.Posture(hip_flexion=hip)
        for joint, up, down in (("ankle_dorsiflexion", 30, -30), ("neck_flexion", 60, -40)):
            muscle_up, nerve_up = lesson_03.lengthening(base, base.replace(**{joint: up}), "thigh")
            muscle_down, nerve_down = lesson_03.lengthening(base, base.replace(**{joint: down}), "thigh")
            assert muscle_up == 0 and muscle_down == 0
            assert nerve_up > 0 and nerve_down <= 0, (hip, joint)
            if joint == "ankle_dorsiflexion":
                assert nerve_down < 0, "pointing the foot gives a little back"


def test_looking_up_in_the_slump_slackens_only_the_nerve():
    muscle, cord = lesson_03.lengthening(SLUMP, SLUMP.replace(neck_flexion=-30), "cervical_cord")
    assert muscle == 0 and cord < 0


def test_a_hip_tether_strains_the_spinal_side_more_and_the_leg_a_little_less():
    """The tether section (question 4 and its figure)."""
    slr70 = nd.Posture(hip_flexion=70)
    free, tied = nd.solve(slr70), nd.Model(entrapment={"hip": lesson_03.TETHER}).solve(slr70)
    assert tied.strain("hip") > free.strain("hip") and tied.strain("root") > free.strain("root")
    assert tied.strain("thigh") < free.strain("thigh") and tied.strain("knee") < free.strain("knee")
    assert abs(tied.excursion("hip")) < abs(free.excursion("hip"))


def test_check_functions_show_no_answer_of_their_own(capsys):
    assert "Right" in verdict(capsys, lesson_03.check_calf_differentiator, "look up")
    assert "Type your estimate" in verdict(capsys, lesson_03.check_onset, None)
