"""Lesson 02's sentences about the model, checked against the model at test time (no number copied from it)."""
import neurodynamics as nd
from decisions import top_choice, verdict
from neurodynamics.interface.lessons import lesson_02

SITES = list(nd.SITES)


def slide(move, site):
    return lesson_02.change(move, site, "excursion")


def rise(move, site):
    return lesson_02.change(move, site, "strain")


def test_knee_extension_draws_the_nerve_toward_the_knee_from_both_sides():
    """Question 1 and quiz Q1: thigh (and hip) toward the feet, ankle and foot toward the head; the knee site
    slides less than the thigh."""
    assert slide("knee extension", "thigh") < 0 and slide("knee extension", "hip") < 0
    assert slide("knee extension", "ankle") > 0 and slide("knee extension", "foot") > 0
    assert abs(slide("knee extension", "knee")) < abs(slide("knee extension", "thigh"))


def test_decision_1_only_neck_flexion_draws_the_conus_toward_the_head():
    """Decision 1's feedback and quiz Q4: neck flexion draws the end of the cord up, the leg movements draw it
    toward the feet; when trunk flexion does not draw it up, it moves it less than neck flexion does."""
    values = lesson_02.conus_values()
    assert top_choice(values) == "neck flexion" and values["neck flexion"] > 0
    assert values["hip flexion"] < 0
    assert values["knee extension"] <= 0 and values["dorsiflexion"] <= 0
    if values["trunk flexion"] <= 0:
        assert abs(values["trunk flexion"]) < values["neck flexion"]
        assert abs(values["trunk flexion"]) < abs(values["hip flexion"])


def test_hip_flexion_strain_falls_with_distance_but_reaches_the_foot():
    """Question 2: hip, then knee, then ankle; the ankle and foot gain strain although they did not move."""
    assert rise("hip flexion", "hip") > rise("hip flexion", "knee") > rise("hip flexion", "ankle") > 0
    assert rise("hip flexion", "foot") > 0


def test_strain_peaks_at_or_beside_the_moving_joint_and_sliding_turns_there():
    """The figure's title and caption, for each of the five moves."""
    for move, (_, _, joint) in lesson_02.MOVES.items():
        peak = max(SITES, key=lambda site: rise(move, site))
        assert abs(SITES.index(peak) - SITES.index(joint)) <= 1, (move, peak, joint)
    assert slide("hip flexion", "root") < 0 < slide("hip flexion", "thigh")
    assert slide("trunk flexion", "conus") < 0 < slide("trunk flexion", "hip")
    assert slide("dorsiflexion", "ankle") < 0 < slide("dorsiflexion", "foot")
    assert slide("neck flexion", "conus") > 0


def test_a_bent_knee_leaves_the_nerve_slack_and_straightening_only_restores_its_standing_length():
    """The slack printout, decision 2 and quiz Q2."""
    bent, straight = nd.solve(nd.Posture(knee_flexion=60)), nd.solve(nd.Posture())
    assert bent.slack("knee") and not straight.slack("knee")
    assert abs(straight.strain("knee")) < 1e-9
    values = lesson_02.knee_values()
    assert top_choice(values) == "hip flexion"
    assert values["hip flexion"] > values["knee extension"]


def test_the_model_moves_the_conus_toward_the_feet_in_a_50_degree_slr_as_on_mri():
    """Question 3: the model is printed beside Rade et al. 2014; the text says the hip pulls the cord's end down."""
    assert nd.solve(nd.Posture(hip_flexion=50)).excursion("conus") < 0


def test_order_matters_halfway_and_not_at_the_end_of_a_program_that_starts_standing():
    """Section 4: halfway, the joint moved first has loaded its end; at the end the strain depends only on where
    the joints are."""
    hip_first, ankle_first = lesson_02.order_programs()
    halfway = int(round(lesson_02.HALFWAY_S / (hip_first.t[1] - hip_first.t[0])))
    assert ankle_first.strain("ankle")[halfway] > hip_first.strain("ankle")[halfway]
    assert hip_first.strain("hip")[halfway] > ankle_first.strain("hip")[halfway]
    assert abs(ankle_first.strain("ankle")[-1] - hip_first.strain("ankle")[-1]) < 0.01


def test_check_functions_show_no_answer_of_their_own(capsys):
    assert "Right." in verdict(capsys, lesson_02.check_conus_mover, "neck flexion")
    assert "Not quite" in verdict(capsys, lesson_02.check_knee_loader, "knee extension")
