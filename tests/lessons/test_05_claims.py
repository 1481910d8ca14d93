"""Every comparison the prose of lesson 05 makes about the model, computed from the public API at test time."""
import neurodynamics as nd
from neurodynamics.interface.lessons import lesson_05 as lesson


def summary(program, site):
    return nd.simulate(program, dt=0.01).summary()["sites"][site]


def test_question_1_the_neck_cord_is_stretched_most_with_the_chin_tucked_and_the_knee_bent():
    ranking = lesson.strain_ranking("exercise 2", lesson.CHIN_TUCK_S)
    assert ranking[0][0] == "cervical_cord", ranking
    # "the bent knee slackens the leg": the thigh is less strained now than when the knee is straight (t = 2 s)
    straight = nd.solve(nd.exercises.seated_floss().keyframes[1][1]).strain("thigh")
    assert dict(ranking)["thigh"] < straight


def test_question_2_exercise_2_multiplies_sliding_at_the_top_and_adds_little_strain():
    for site in lesson.TOP_SITES:
        (s1, s2), (p1, p2) = lesson.sliding(site), lesson.peak(site)
        assert s2 > 2 * s1, f"{site}: sliding {s1:.1f} vs {s2:.1f} mm"
        assert abs(p2 - p1) < 1.0, f"{site}: peak strain {p1:.1f} vs {p2:.1f} %: not 'a little'"
    cord1, cord2 = lesson.sliding("cervical_cord")
    assert cord1 < 0.05 * cord2, "exercise 1 hardly moves the neck cord; exercise 2 does"


def test_exercise_1_slides_the_foot_further_and_the_figure_title_says_so():
    one, two = lesson.sliding("foot")
    assert one > two
    assert lesson.dose_bars_title() == ("Exercise 2 slides the top of the tract further; "
                                        "exercise 1 slides the foot further")


def test_in_exercise_1_thigh_and_ankle_peak_together_in_exercise_2_the_cord_and_leg_take_turns():
    one = lesson.peak_times("exercise 1", ("thigh", "ankle"))
    assert abs(one["thigh"] - one["ankle"]) < 0.1, one
    two = lesson.peak_times("exercise 2", ("thigh", "cervical_cord"))
    assert abs(two["thigh"] - two["cervical_cord"]) > 1.0, two


def test_only_exercise_2_stretches_the_neck_cord():
    one, two = lesson.peak("cervical_cord")
    assert one < 0.5 < two and two > one


def test_decision_1_the_small_slider_has_the_lowest_peak_strain_and_the_most_sliding_at_mid_thigh():
    numbers = lesson.first_numbers("thigh")
    slider = numbers["a slider in a small range"]
    others = [v for k, v in numbers.items() if k != "a slider in a small range"]
    assert all(slider[0] < v[0] for v in others), numbers
    assert all(slider[1] > v[1] for v in others), numbers
    assert "both the lowest peak strain at mid-thigh and the most sliding" in lesson.first_feedback(
        "a slider in a small range")


def test_a_slower_tempo_does_not_change_the_peak_strain():
    taught = summary(nd.exercises.supine_floss(), "thigh")["peak_strain_pct"]
    slower = lesson.first_numbers("thigh")["exercise 1 as taught, but slower"][0]
    assert abs(taught - slower) < 0.1


def test_optional_question_3_the_seated_pair_differ_at_both_and_far_more_at_the_thigh():
    """'In the model they differ at both, and far more at mid-thigh than at the conus' (the slider slides further)."""
    slider, tensioner = nd.exercises.slider("seated"), nd.exercises.tensioner("seated")
    conus = [summary(p, "conus")["sliding_distance_mm"] for p in (slider, tensioner)]
    thigh = [summary(p, "thigh")["sliding_distance_mm"] for p in (slider, tensioner)]
    assert conus[0] > 1.2 * conus[1], conus
    assert thigh[0] / thigh[1] > 2.0 * conus[0] / conus[1], (thigh, conus)


def test_keyframes_never_print_minus_zero(capsys):
    for exercise in lesson.EXERCISES:
        lesson.show_keyframes(exercise)
    assert "-0°" not in capsys.readouterr().out
    assert lesson.degrees(-0.3) == "0" and lesson.degrees(-40) == "-40" and lesson.degrees(15) == "+15"


def test_every_clinical_statement_names_a_source_listed_in_full():
    from neurodynamics.interface.lessons import clinical
    blocks = (clinical.SYMPTOM_RULE, clinical.CORD_SCREEN, (clinical.CORD_SCREEN_NOTE,), clinical.CAUDA_EQUINA_SCREEN,
              clinical.CONTRAINDICATIONS, clinical.PRECAUTIONS, clinical.PROGRESSION, clinical.POSITIVE_TEST,
              (clinical.ACCURACY_NOTE,))
    for block in blocks:
        for statement in block:
            keys = statement.source.split("; ")
            assert keys and all(key in clinical.REFERENCES for key in keys), statement
    for accuracy in clinical.ACCURACY:
        assert accuracy.source in clinical.REFERENCES
        assert 0 < accuracy.sensitivity < 1 and 0 < accuracy.specificity < 1
    screen = clinical.safety_screen_markdown()
    for sign in ("Lhermitte", "gait", "clumsy hands", "reflexes", "clonus", "saddle", "bladder"):
        assert sign in screen, f"the safety screen does not mention {sign}"


def test_each_decision_says_right_for_exactly_one_option():
    for options, feedback in ((lesson.FIRST_OPTIONS, lesson.first_feedback),
                              (lesson.SYMPTOM_OPTIONS, lesson.symptom_feedback)):
        verdicts = [feedback(option) for option in options]
        assert sum("Right." in v for v in verdicts) == 1
        assert "Set my_choice" in feedback("?")
