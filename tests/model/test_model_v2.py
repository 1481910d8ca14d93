"""Model v2: one strain with a slack floor, a tether that binds, roots that take up slack late, a gliding layer
that grips a taut nerve, calibration and validation apart, a fitted relaxation time course, low and high flow
curves, fair hold-versus-floss comparisons and an uncertainty band."""
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import neurodynamics as nd
from neurodynamics.evidence import in_vivo, uncertainty, validation
from neurodynamics.evidence.reference import number, read_rows
from neurodynamics.model import comparisons, exercises, mechanics, physiology, viscoelasticity
from neurodynamics.model import parameters as P
from neurodynamics.model.mechanics import FIXED, readout_elements
from neurodynamics.model.posture import RANGES_DEG

postures = st.builds(nd.Posture, **{field: st.floats(low, high) for field, (low, high) in RANGES_DEG.items()})


# --- one strain ---------------------------------------------------------------------------------------------

def test_standing_reads_zero_strain_everywhere():
    profile = nd.solve(nd.Posture()).profile()
    assert np.abs(profile.strain_pct).max() < 1e-9
    assert all(abs(nd.solve(nd.Posture()).strain(site)) < 1e-9 for site in nd.SITES)


@settings(max_examples=40, deadline=None)
@given(postures)
def test_strain_never_goes_below_the_slack_point(posture):
    model = nd.Model()
    solution = model.solve(posture)
    floor = model.slack_point_pct()
    strain = solution.profile().strain_pct
    assert np.all(strain >= floor - 1e-12)
    assert np.all(floor <= 0.0)
    for site in nd.SITES:
        element = readout_elements(model.grid, site)[0]
        in_situ = model.grid.in_situ_strain[element]
        taut_from = 100.0 * (1.0 / (1.0 + in_situ) - 1.0)  # strain at which this segment stops being slack
        if not solution.slack(site):
            assert solution.strain(site) >= taut_from - 1e-9
        elif in_situ >= 0.0:  # slack where it was taut when standing: it reads its floor, the slack point
            assert solution.strain(site) == pytest.approx(floor[element]) == pytest.approx(taut_from)
        else:  # wavy when standing (the roots): between 0 and the strain that makes it taut
            assert 0.0 <= solution.strain(site) <= taut_from + 1e-9


def test_a_bent_knee_reads_slack_not_a_large_negative_strain():
    solution = nd.solve(nd.Posture(knee_flexion=120))
    knee = solution.strain("knee")
    assert solution.slack("knee") and -10.0 < knee < 0.0
    assert nd.solve(nd.Posture(knee_flexion=150)).strain("knee") == pytest.approx(knee)


def test_a_slack_site_carries_no_tension_and_a_stretched_one_does():
    solution = nd.solve(nd.Posture(hip_flexion=30, knee_flexion=120))
    assert solution.slack("knee") and solution.slack("root") and not solution.slack("hip")
    for site in nd.SITES:
        if solution.slack(site):
            assert solution.tension(site) == 0.0
        elif solution.strain(site) > 0.0:
            assert solution.tension(site) > 0.0


# --- a tether that binds ------------------------------------------------------------------------------------

def _thigh_slide(model: nd.Model, hip: float = 70.0) -> float:
    return model.solve(nd.Posture(hip_flexion=hip)).excursion("thigh")


def test_the_strongest_tether_binds_the_nerve_at_mid_thigh():
    free, fixed = nd.Model(), nd.Model(entrapment={"thigh": FIXED})
    slr = nd.Posture(hip_flexion=70)
    assert abs(_thigh_slide(fixed)) <= 0.25 * abs(_thigh_slide(free))
    clamp_start = fixed.grid.clamps[0][0]
    arc = free.solve(slr).profile().arc_length_mm
    between = (arc > nd.model.anatomy.SITE_POSITIONS_MM["hip"]) & (arc < clamp_start)
    rise = fixed.solve(slr).profile().strain_pct[between].max() - free.solve(slr).profile().strain_pct[between].max()
    assert rise >= 3.0
    # the readout gives the peak beside the clamp, not the value inside it
    assert fixed.solve(slr).strain("thigh") == pytest.approx(
        fixed.solve(slr).profile().strain_pct[readout_elements(fixed.grid, "thigh")].max())


def test_two_fixed_tethers_pass_exactly_the_bed_lengthening_between_their_centres():
    """Hand calculation: a fixed tether holds the nerve to the bed at its centre, so the elongation of the nerve
    between the hip and knee clamps equals the bed's between the two centres, whatever the gliding layer does."""
    model = nd.Model(entrapment={"hip": FIXED, "knee": FIXED})
    posture = nd.Posture(hip_flexion=60)
    (upper_start, upper_end), (lower_start, lower_end) = sorted(model.grid.clamps)
    s = model.grid.s_mm
    a, b = np.argmin(np.abs(s - upper_end)), np.argmin(np.abs(s - lower_start))
    centres = [np.argmin(np.abs(s - 0.5 * (start + end))) for start, end in ((upper_start, upper_end),
                                                                              (lower_start, lower_end))]
    bed = model.grid.bed_mm(posture, {})
    strain = model.solve(posture).profile().strain_pct[a:b]
    assert np.all(strain > model.slack_point_pct()[a:b])  # taut: the floor does not act
    elongation_mm = np.sum(strain / 100.0 * model.grid.spacing_mm)
    assert elongation_mm == pytest.approx(bed[centres[1]] - bed[centres[0]], abs=5e-3)  # to within microns
    assert bed[centres[1]] - bed[centres[0]] > 1.0  # the hand calculation is not trivially zero


@pytest.mark.parametrize("strength", [0.5, 101.0, -math.inf, math.nan])
def test_a_tether_strength_outside_the_scale_is_refused_with_the_range(strength):
    with pytest.raises(ValueError, match=r"entrapment\['thigh'\].*1.*100"):
        nd.Model(entrapment={"thigh": strength})


# --- roots ---------------------------------------------------------------------------------------

def test_roots_move_little_early_in_the_raise_and_stay_in_the_cadaver_ranges():
    (r16,) = validation.compare(row_ids={"R16"})
    assert r16.passed
    raised = nd.solve(nd.Posture(hip_flexion=90))
    rows = {row["id"]: row for row in read_rows("literature_excursion.csv")}
    slide = -raised.excursion("root")
    low, high = number(rows["T1-13a"], "min"), number(rows["T1-10b"], "max")
    if not low <= slide <= high:  # a miss is allowed only where students see it: in the validation table
        (stored,) = [row for row in read_rows("leave_one_study_out.csv") if row["key"] == "T1-13a"]
        assert float(stored["with_all"]) == pytest.approx(slide, abs=1e-6) and stored["inside_left_out"] == "False"
        assert slide <= high + 0.1, "on the edge of the cadaver range, not far outside it"
    assert raised.strain("root") <= 4.0  # Smith et al. 1993 (cadavers): roots strained 2-4 % in the raise


# --- calibration and validation apart --------------------------------------------------------------------------

def test_compare_reports_calibration_then_validation_rows_never_fitted():
    results = validation.compare()
    roles = [c.role for c in results]
    assert roles == sorted(roles)  # "calibration" before "validation"
    validation_rows = {c.row_id: c for c in results if c.role == validation.VALIDATION}
    assert {"T2-03a", "T2-06", "T2-07a", "T2-07d"} <= set(validation_rows)
    assert not any(c.fitted for c in validation_rows.values())
    assert all(c.note.startswith("set-up: ") and c.passed is not None for c in validation_rows.values())
    assert not set(validation_rows) & set(P.FIT_ROWS)
    assert not any(setup.fitted for setup in in_vivo.SETUPS if setup.row_id in validation_rows)


def test_validation_rows_carry_the_published_value_with_its_sign():
    rows = {c.row_id: c for c in validation.compare(row_ids={"T2-06", "T2-07a"})}
    assert rows["T2-06"].published > 0 > rows["T2-07a"].published  # proximal +, distal -


# --- time course --------------------------------------------------------------------------------------------------

def test_relaxation_follows_a_logarithmic_course_reaching_r09_at_one_hour():
    step = np.ones(7201)
    relaxed = viscoelasticity.relaxed_fraction(step, 1.0, P.NERVE_RELAXATION_TIMES.value,
                                               P.NERVE_RELAXATION_WEIGHTS.value)
    for t in (60, 600, 1200, 3600, 7200):
        assert relaxed[t] == pytest.approx(validation.relaxation_target_pct(t) / 100.0, abs=0.02)
    r09 = number(next(r for r in read_rows("calibration.csv") if r["id"] == "R09"), "value")
    assert validation.relaxation_target_pct(3600.0) == pytest.approx(r09)
    assert validation.held_relaxation_pct(0.06) == pytest.approx(r09, abs=1.0)  # an excised nerve, from slack
    assert relaxed[1200] / relaxed[3600] > 0.5  # most of the first hour's fall within 20 min (Clark et al. 1992)


def test_blood_flow_recovers_during_a_hold_over_minutes_not_seconds():
    course = validation.held_flow_course(8.0)
    assert course[0.0] == pytest.approx(0.5, abs=0.02)
    assert course[1.0] < course[0.0] + 0.5 * (1.0 - course[0.0])  # not recovered within a minute
    assert course[30.0] >= course[0.0] + 0.3 * (1.0 - course[0.0])  # substantial recovery by 30 min


def test_flow_curves_differ_only_where_the_curve_is_an_estimate():
    strain = np.linspace(-5.0, 20.0, 2001)
    low, central, high = (physiology.blood_flow_fraction(strain, curve) for curve in physiology.CURVES)
    assert np.all(low <= central + 1e-12) and np.all(central <= high + 1e-12)
    measured = strain >= P.HALF_FLOW_STRAIN.value
    assert np.array_equal(low[measured], high[measured])
    assert physiology.full_flow_strain_pct("low") == P.FLOW_ONSET_RANGE.value[0]
    assert physiology.full_flow_strain_pct("high") == P.FLOW_ONSET_RANGE.value[1]
    with pytest.raises(ValueError, match="curves are low, central, high"):
        physiology.blood_flow_fraction(strain, "medium")


def test_dose_figures_that_depend_on_the_flow_curve_are_ranges():
    summary = nd.simulate(exercises.sustained_stretch()).summary()["sites"]
    for dose in summary.values():
        low, high = dose["mean_blood_flow_range"]
        assert low <= dose["mean_blood_flow"] <= high
        low, high = dose["min_blood_flow_range"]
        assert low <= dose["min_blood_flow"] <= high


# --- fair comparisons ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("site", ["hip", "knee"])
def test_an_equal_peak_hold_reaches_the_floss_peak_at_the_named_site(site):
    floss = exercises.supine_floss()
    held = comparisons.equal_peak_hold(floss, site)
    assert held.duration_s == floss.duration_s
    peaks = [nd.simulate(program).summary()["sites"][site]["peak_strain_pct"] for program in (floss, held)]
    assert peaks[1] == pytest.approx(peaks[0], abs=0.02)


def test_summary_gives_sliding_per_stroke_beside_total_sliding():
    floss = nd.simulate(exercises.seated_floss()).summary()["sites"]["thigh"]
    assert 0.0 < floss["sliding_per_stroke_mm"] <= floss["sliding_distance_mm"] / 10.0 + 1e-9
    hold = nd.simulate(exercises.sustained_stretch()).summary()["sites"]["thigh"]
    assert hold["sliding_per_stroke_mm"] == pytest.approx(hold["sliding_distance_mm"], rel=0.05)


# --- uncertainty band ------------------------------------------------------------------------------------------

def test_the_uncertainty_band_brackets_the_model_and_has_width():
    posture = nd.Posture(hip_flexion=70)
    band = uncertainty.band(posture)
    profile = nd.solve(posture).profile()
    assert np.all(band.strain_low_pct <= profile.strain_pct + 1e-9)
    assert np.all(profile.strain_pct <= band.strain_high_pct + 1e-9)
    assert np.all(band.excursion_low_mm <= profile.excursion_mm + 1e-9)
    assert np.all(profile.excursion_mm <= band.excursion_high_mm + 1e-9)
    hip = uncertainty.site_range(posture, "hip")
    assert hip["strain_pct"][1] - hip["strain_pct"][0] > 0.2
    assert len(uncertainty.plausible_sets()) >= 8


def test_the_band_is_made_of_parameter_sets_that_pass_every_calibration_measurement():
    """The stored sets vary many parameters at once and each still puts every calibration measurement inside its
    spread (the same check tools/plausible_parameters.py keeps them by)."""
    from neurodynamics.evidence import reference, studies

    calibration = {row["id"] for row in reference.read_rows("calibration.csv")}
    checks = [m for m in studies.measurements() if m.key in calibration]
    sets = uncertainty.plausible_sets()
    for values in sets[:4]:
        model = nd.Model(parameters=values)
        assert all(m.inside(m.compute(model)) for m in checks)
    varied = [name for name in sets[0] if len({round(s[name], 12) for s in sets}) > 1]
    assert len(varied) == len(sets[0]) >= 10, "every free parameter varies across the sets"
    assert "FRICTION_GRIP" in varied and "FRICTION_PRESLIDING" in varied


# --- names that match the physics --------------------------------------------------------------------------------

@pytest.mark.parametrize("setup, site", [("supine", "thigh")])
def test_a_slider_slides_more_and_strains_less_than_its_tensioner_twin(setup, site):
    dose = {kind: nd.simulate(make(setup, reps=3)).summary()["sites"][site]
            for kind, make in (("slider", exercises.slider), ("tensioner", exercises.tensioner))}
    assert dose["slider"]["sliding_per_stroke_mm"] > dose["tensioner"]["sliding_per_stroke_mm"]
    assert dose["slider"]["peak_strain_pct"] < dose["tensioner"]["peak_strain_pct"]


@pytest.mark.parametrize("site", nd.SITES)
def test_a_nerve_fixed_at_any_site_reaches_equilibrium_at_every_corner_of_the_range(site):
    model = nd.Model(entrapment={site: FIXED})
    for values in itertools.product(*RANGES_DEG.values()):
        posture = nd.Posture(**dict(zip(RANGES_DEG, values)))
        bed = model.grid.bed_mm(posture, {})
        u = mechanics.equilibrium_displacement(model.grid, bed, model.first_guess(posture))
        again = mechanics.equilibrium_displacement(model.grid, bed, u, tolerance_n=1e-6)
        assert np.array_equal(again, u), f"{posture}: Newton from the answer still moves it (out of balance)"
