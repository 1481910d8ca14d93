"""Exercise programs: keyframes in time order, holds that hold, oscillations that come back, clear errors."""
import math

import numpy as np
import pytest

import neurodynamics as nd
from neurodynamics.model import exercises
from neurodynamics.model.exercises import HOLD_RAMP_S, Program
from neurodynamics.model.posture import JOINTS

A, B = nd.Posture(hip_flexion=90, knee_flexion=80), nd.Posture(hip_flexion=90, knee_flexion=20)
ALL_PROGRAMS = [exercises.hold(B, 30), exercises.oscillate(A, B, 3, 4.0), exercises.supine_floss(),
                exercises.seated_floss(), exercises.sustained_stretch(), exercises.slider("seated"),
                exercises.slider("supine"), exercises.tensioner("seated"), exercises.tensioner("supine")]


@pytest.mark.parametrize("program", ALL_PROGRAMS, ids=lambda p: p.name)
def test_keyframes_start_at_zero_and_increase(program):
    times = program.times_s
    assert times[0] == 0.0 and np.all(np.diff(times) > 0)
    assert all(isinstance(p, nd.Posture) for _, p in program.keyframes)


def test_hold_lasts_its_seconds_and_keeps_the_posture_after_its_ramp():
    program = exercises.hold(B, 30)
    assert program.duration_s == 30
    t = np.linspace(HOLD_RAMP_S, 30, 200)
    expected = np.array([getattr(B, joint) for joint in JOINTS])
    assert np.allclose(program.angles_at(t), expected)


def test_oscillate_goes_to_b_and_returns_to_a_every_period():
    program = exercises.oscillate(A, B, reps=4, period_s=5.0)
    assert program.duration_s == 20 and program.cycles == 4
    as_array = {name: np.array([getattr(p, j) for j in JOINTS]) for name, p in (("a", A), ("b", B))}
    for rep in range(4):
        assert np.allclose(program.angles_at(np.array([5.0 * rep]))[0], as_array["a"])
        assert np.allclose(program.angles_at(np.array([5.0 * rep + 2.5]))[0], as_array["b"])
    assert np.allclose(program.angles_at(np.array([20.0]))[0], as_array["a"])


def test_movement_between_keyframes_is_smooth_cosine():
    program = exercises.oscillate(A, B, reps=1, period_s=4.0)
    knee = program.angles_at(np.linspace(0, 2, 201))[:, JOINTS.index("knee_flexion")]
    assert knee[0] == 80 and knee[-1] == 20 and np.all(np.diff(knee) <= 0)
    assert abs(knee[100] - 50) < 1e-9, "half way in time is half way in angle"
    assert abs(np.diff(knee)[0]) < abs(np.diff(knee)[100]), "starts slowly, fastest mid-way"


def test_seated_floss_is_a_slider_at_the_conus_and_supine_floss_a_tensioner_at_the_thigh():
    """What the docstrings call them, the model must show (R07/R08's principle): the seated floss slides the conus
    more per stroke and strains it less than its tensioner twin (same knee and neck ranges, neck the other way round);
    the supine floss slides the thigh less per stroke and strains it more than the supine slider."""
    hip_90 = nd.Posture(hip_flexion=90)
    twin = exercises.oscillate(hip_90.replace(knee_flexion=90, neck_flexion=-40),
                               hip_90.replace(knee_flexion=10, ankle_dorsiflexion=15, neck_flexion=40), 2, 4.0)
    floss, tensioner = (nd.simulate(p).summary()["sites"]["conus"] for p in (exercises.seated_floss(reps=2), twin))
    assert floss["sliding_per_stroke_mm"] > 1.5 * tensioner["sliding_per_stroke_mm"]  # R07's band: at least 1.5
    assert floss["peak_strain_pct"] < tensioner["peak_strain_pct"]
    supine, slider = (nd.simulate(p).summary()["sites"]["thigh"]
                      for p in (exercises.supine_floss(reps=2), exercises.slider("supine", reps=2)))
    assert supine["sliding_per_stroke_mm"] < 0.5 * slider["sliding_per_stroke_mm"]
    assert supine["peak_strain_pct"] > slider["peak_strain_pct"]


def test_the_two_taught_exercises_move_as_patients_are_taught():
    supine, seated = exercises.supine_floss(), exercises.seated_floss()
    _, straight = supine.keyframes[1]
    assert straight.hip_flexion == 90 and straight.ankle_dorsiflexion > 0, "knee straight with the foot up"
    _, kicked = seated.keyframes[1]
    assert kicked.neck_flexion < 0 and kicked.ankle_dorsiflexion > 0, "leg kicked out, foot up, looking up"
    _, back = seated.keyframes[2]
    assert back.neck_flexion > 0 and back.knee_flexion > kicked.knee_flexion, "knee bent, chin tucked"


@pytest.mark.parametrize("seconds", [0, -5, math.nan, math.inf, 1.0])
def test_hold_refuses_bad_durations(seconds):
    with pytest.raises(ValueError, match="seconds"):
        exercises.hold(B, seconds)


@pytest.mark.parametrize("reps, error", [(0, ValueError), (-1, ValueError), (2.5, TypeError), (True, TypeError)])
def test_oscillate_refuses_bad_reps(reps, error):
    with pytest.raises(error, match="reps"):
        exercises.oscillate(A, B, reps, 4.0)


@pytest.mark.parametrize("period", [0, -4, math.nan, math.inf])
def test_oscillate_refuses_bad_periods(period):
    with pytest.raises(ValueError, match="period_s"):
        exercises.oscillate(A, B, 3, period)


def test_program_refuses_out_of_order_keyframes_and_non_postures():
    with pytest.raises(ValueError, match="increase"):
        Program(((0.0, A), (5.0, B), (5.0, A)))
    with pytest.raises(ValueError, match="time_s = 0"):
        Program(((1.0, A), (5.0, B)))
    with pytest.raises(TypeError, match="Posture"):
        Program(((0.0, A), (5.0, {"hip_flexion": 90})))
    with pytest.raises(TypeError, match="Posture"):
        exercises.oscillate(A, "straight", 3, 4.0)


def test_unknown_setup_is_refused():
    with pytest.raises(ValueError, match="seated, supine"):
        exercises.slider("standing")


@pytest.mark.parametrize("setup, site", [("supine", "thigh")])
def test_a_slider_slides_more_and_strains_less_than_its_tensioner_twin(setup, site):
    dose = {kind: nd.simulate(make(setup, reps=3)).summary()["sites"][site]
            for kind, make in (("slider", exercises.slider), ("tensioner", exercises.tensioner))}
    assert dose["slider"]["sliding_per_stroke_mm"] > dose["tensioner"]["sliding_per_stroke_mm"]
    assert dose["slider"]["peak_strain_pct"] < dose["tensioner"]["peak_strain_pct"]
