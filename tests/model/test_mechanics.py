"""Static equilibrium of the whole tract (neurodynamics.model.mechanics): the solver converged on the grid and
everywhere in range; one strain with a slack floor; physics that must hold in every posture (hypothesis); tethers
that bind, up to a nerve fixed to its bed; roots that take up slack late; the grip of the bed on a taut nerve
(Model.movement, FRICTION_GRIP)."""
import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import neurodynamics as nd
from neurodynamics.evidence import validation
from neurodynamics.evidence.reference import number, read_rows
from neurodynamics.model import mechanics
from neurodynamics.model import parameters as P
from neurodynamics.model.anatomy import SITE_POSITIONS_MM
from neurodynamics.model.mechanics import FIXED, readout_elements
from neurodynamics.model.posture import RANGES_DEG

MODEL = nd.Model()
SLR = nd.Posture(hip_flexion=70)
TOLERANCE = 1e-6  # strain (% points) or excursion (mm) that counts as "not lower"
postures = st.builds(nd.Posture, **{field: st.floats(low, high) for field, (low, high) in RANGES_DEG.items()})


def angle(field):
    low, high = RANGES_DEG[field]
    return st.floats(low, high)


def in_equilibrium(model, u, bed, friction=None) -> bool:
    """Newton started from ``u`` takes no step: no node is out of balance by 1e-6 N (or the step it would take is
    below rounding)."""
    return np.array_equal(mechanics.equilibrium_displacement(model.grid, bed, u, 1e-6, friction=friction), u)


def solves_to_equilibrium(model, posture) -> bool:
    """Newton from the model's first guess for ``posture`` ends in equilibrium (``in_equilibrium``)."""
    bed = model.grid.bed_mm(posture, {})
    return in_equilibrium(model, mechanics.equilibrium_displacement(model.grid, bed, model.first_guess(posture)), bed)


# --- the solver -------------------------------------------------------------------------------------------------

POSTURES = [
    nd.Posture(hip_flexion=70),
    nd.Posture(hip_flexion=90, ankle_dorsiflexion=20),
    nd.Posture(hip_flexion=90, knee_flexion=40, neck_flexion=40, trunk_flexion=40),
    nd.Posture(ankle_dorsiflexion=20, neck_flexion=60),
]


@pytest.mark.parametrize("posture", POSTURES, ids=str)
def test_halving_node_spacing_changes_site_strains_by_less_than_one_percent_or_what_a_readout_shows(posture):
    coarse, fine = nd.Model().solve(posture), nd.Model(node_spacing_mm=2.5).solve(posture)
    for site in nd.SITES:
        a, b = coarse.strain(site), fine.strain(site)
        # 0.25 points: the cord's lower end is nearly free while the roots are wavy, so strain falls steeply over a
        # few mm there and the conus readout, 5 mm above, converges slowly (first order); with the neck flexed the
        # dura's pull on the anchor steepens it further
        assert abs(a - b) <= max(0.01 * abs(b), 0.25), f"{site}: {a:.4f} % vs {b:.4f} % on the finer grid"


CORNERS = [nd.Posture(**dict(zip(RANGES_DEG, values)))
           for values in itertools.product(*RANGES_DEG.values())]


@pytest.mark.parametrize("posture", CORNERS, ids=str)
def test_newton_converges_at_every_corner_of_the_range(posture):
    assert solves_to_equilibrium(MODEL, posture), "out-of-balance force above 1e-6 N"


def test_equilibrium_residual_is_tiny():
    posture = nd.Posture(hip_flexion=100, knee_flexion=20, ankle_dorsiflexion=25, neck_flexion=50, trunk_flexion=60)
    assert solves_to_equilibrium(MODEL, posture), "out-of-balance force above 1e-6 N at a node"


# --- one strain, with a slack floor --------------------------------------------------------------------------------


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


# --- tethers, up to a nerve fixed to its bed; roots -----------------------------------------------------------------

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


@pytest.mark.parametrize("site", nd.SITES)
def test_a_nerve_fixed_at_any_site_reaches_equilibrium_at_every_corner_of_the_range(site):
    model = nd.Model(entrapment={site: FIXED})
    for posture in CORNERS:
        assert solves_to_equilibrium(model, posture), f"{posture}: out of balance"


# --- physics in every posture ------------------------------------------------------------------------------------

@given(postures)
def test_taut_elements_carry_tension_and_slack_ones_none(posture):
    arc, strain, excursion, tension = nd.solve(posture).profile()
    assert np.all(np.isfinite(strain)) and np.all(np.isfinite(excursion)) and np.all(np.isfinite(tension))
    in_situ = nd.Model().grid.in_situ_strain
    taut_from = 100.0 * (1.0 / (1.0 + in_situ) - 1.0)  # strain (beyond in situ) at which each element is taut
    assert np.array_equal(tension > 0.0, strain > taut_from), "tension must appear exactly where the nerve is taut"


@given(postures, angle("hip_flexion"), angle("hip_flexion"))
def test_with_knee_straight_more_hip_flexion_never_lowers_strain_at_root_hip_thigh(posture, a, b):
    low, high = sorted((a, b))
    less = nd.solve(posture.replace(knee_flexion=0, hip_flexion=low))
    more = nd.solve(posture.replace(knee_flexion=0, hip_flexion=high))
    for site in ("root", "hip", "thigh"):
        assert more.strain(site) >= less.strain(site) - TOLERANCE, site


@given(postures, angle("ankle_dorsiflexion"), angle("ankle_dorsiflexion"))
def test_more_dorsiflexion_never_lowers_ankle_strain(posture, a, b):
    low, high = sorted((a, b))
    assert (nd.solve(posture.replace(ankle_dorsiflexion=high)).strain("ankle")
            >= nd.solve(posture.replace(ankle_dorsiflexion=low)).strain("ankle") - TOLERANCE)


@given(postures, angle("neck_flexion"), angle("neck_flexion"))
def test_more_neck_flexion_never_lowers_cord_strain_or_moves_conus_toward_feet(posture, a, b):
    low, high = sorted((a, b))
    less, more = nd.solve(posture.replace(neck_flexion=low)), nd.solve(posture.replace(neck_flexion=high))
    assert more.strain("cervical_cord") >= less.strain("cervical_cord") - TOLERANCE
    assert more.excursion("conus") >= less.excursion("conus") - TOLERANCE


@given(postures, st.floats(0, 90))
def test_neck_flexion_from_neutral_raises_cord_strain_and_draws_conus_toward_head(posture, trunk):
    """With the trunk upright or flexed. In trunk extension the thoracolumbar cord goes slack (folds, as
    Breig described) and the model then passes no pull down to the conus at all."""
    posture = posture.replace(trunk_flexion=trunk)
    upright, flexed = nd.solve(posture.replace(neck_flexion=0)), nd.solve(posture.replace(neck_flexion=60))
    assert flexed.strain("cervical_cord") > upright.strain("cervical_cord")
    assert flexed.excursion("conus") > upright.excursion("conus")


def test_neutral_posture_has_zero_excursion_everywhere():
    """Zero to rounding: below a nanometre (1e-9 mm)."""
    assert np.max(np.abs(nd.solve(nd.Posture()).profile().excursion_mm)) < 1e-9


# --- a tether's strength, and other parameter values ---------------------------------------------------------------

def test_thigh_tether_raises_peak_strain_next_to_it_and_lowers_excursion_beyond():
    free, tied = nd.Model().solve(SLR), nd.Model(entrapment={"thigh": 10}).solve(SLR)
    position = SITE_POSITIONS_MM["thigh"]

    def peak_near(solution):
        arc, strain, _, _ = solution.profile()
        return strain[np.abs(arc - position) <= 100].max()

    assert peak_near(tied) > peak_near(free) + 0.05, "strain piles up beside the tether (% points)"
    assert abs(tied.excursion("knee")) < abs(free.excursion("knee")), "less sliding beyond the tether"


def test_a_tether_changes_nothing_in_neutral():
    assert np.max(np.abs(nd.Model(entrapment={"hip": 50}).solve(nd.Posture()).profile().excursion_mm)) < 1e-9


def test_entrapment_factor_one_is_the_free_model():
    p = nd.Posture(hip_flexion=60, ankle_dorsiflexion=10)
    assert nd.Model(entrapment={"knee": 1.0}).solve(p).strain("knee") == nd.solve(p).strain("knee")


def test_other_parameter_values_change_the_model_and_are_checked():
    stiffer = nd.Model(parameters={"THIGH_INTERFACE_STIFFNESS": 0.0018})
    assert stiffer != nd.Model() and stiffer == nd.Model(parameters={"THIGH_INTERFACE_STIFFNESS": 0.0018})
    assert abs(stiffer.solve(SLR).excursion("ankle")) < abs(nd.solve(SLR).excursion("ankle"))
    with pytest.raises(ValueError, match="cannot be changed"):
        nd.Model(parameters={"THIGH_LENGTH": 500})
    with pytest.raises(ValueError, match="HIP_BED_RADIUS = 1000"):
        nd.Model(parameters={"HIP_BED_RADIUS": 1000})
    with pytest.raises(TypeError, match="HIP_BED_RADIUS"):
        nd.Model(parameters={"HIP_BED_RADIUS": "41"})


# --- the grip of the bed ----------------------------------------------------------------------------------------

rng = np.random.default_rng(11)


def _slide(model, start, end, site):
    return model.movement(start, end).excursion(site) - model.solve(start).excursion(site)


def _random_posture():
    return nd.Posture(hip_flexion=rng.uniform(-10.0, 100.0), knee_flexion=rng.uniform(0.0, 90.0),
                      ankle_dorsiflexion=rng.uniform(-30.0, 25.0), neck_flexion=rng.uniform(-20.0, 50.0),
                      trunk_flexion=rng.uniform(0.0, 40.0))


PAIRS = [(_random_posture(), _random_posture()) for _ in range(6)]


def test_dorsiflexion_with_the_hip_flexed_slides_the_knee_less():
    """Issue 11 point 4: pre-tension elsewhere (hip flexed 90 deg) holds back the slide dorsiflexion gives at the
    popliteal fossa, far from the moving joint."""
    lying = _slide(MODEL, nd.Posture(ankle_dorsiflexion=-10.0), nd.Posture(ankle_dorsiflexion=15.0), "knee")
    flexed = _slide(MODEL, nd.Posture(hip_flexion=90.0, ankle_dorsiflexion=-10.0),
                    nd.Posture(hip_flexion=90.0, ankle_dorsiflexion=15.0), "knee")
    assert lying < 0.0 and flexed < 0.0  # distal both times
    assert abs(flexed) < 0.5 * abs(lying)


def test_sequence_effect_of_the_fitting_row_has_its_direction_and_size():
    """R18 (Boyd et al. 2013), the row that fixes the grip: hip first strains the ankle more than ankle first."""
    effect = validation.sequence_effect_pct(MODEL)
    _, low, high = validation.sequence_interval_pct(0.8)
    assert low <= effect <= high
    weak = nd.Model(parameters={"FRICTION_GRIP": P.lookup("FRICTION_GRIP") / 10.0})
    assert 0.0 < validation.sequence_effect_pct(weak) < effect  # the grip gives the memory, and more grip more


def test_grip_stays_inside_the_rows_that_bound_it():
    rows = {c.row_id: c for c in validation.compare(MODEL, {"R03", "R04", "R15", "R18", "RH14-30", "RH14-60"})}
    assert all(c.passed for c in rows.values()), {k: c.model for k, c in rows.items() if not c.passed}
    low, high = P.FRICTION_GRIP.plausible
    assert low < P.lookup("FRICTION_GRIP") < high and P.FRICTION_GRIP.unit == "per mm"


@pytest.mark.parametrize("posture", [nd.Posture(hip_flexion=70.0), nd.Posture(knee_flexion=60.0, neck_flexion=40.0),
                                     nd.Posture(hip_flexion=90.0, ankle_dorsiflexion=20.0)])
def test_from_standing_and_standing_still_are_the_static_solution(posture):
    solved = MODEL.solve(posture).displacement_mm
    assert np.array_equal(MODEL.movement(nd.Posture(), posture).displacement_mm, solved)
    assert np.array_equal(MODEL.movement(posture, posture).displacement_mm, solved)
    assert MODEL.friction_at(nd.Posture()) is None


@pytest.mark.parametrize("entrapment", [None, {"thigh": mechanics.FIXED}, {"knee": 30.0}])
def test_newton_converges_and_the_grip_stays_within_its_capacity(entrapment):
    model = nd.Model(entrapment=entrapment)
    gripped = 0
    for start, end in PAIRS:
        friction = model.friction_at(start)
        if friction is None:
            continue
        gripped += 1
        moved = model.movement(start, end)
        bed = model.grid.bed_mm(end, model.parameters)
        assert in_equilibrium(model, moved.displacement_mm, bed, friction), ("out of balance", start, end)
        gap = (moved.displacement_mm - bed)[1:-1]
        grip_n = friction.capacity_n * np.tanh(friction.slip(gap))  # the bed's hold on each interior node
        assert np.all(np.abs(grip_n) <= friction.capacity_n + 1e-12)
        assert np.all(friction.capacity_n >= 0.0) and not friction.capacity_n[model.grid.grip_nodes == 0].any()
    assert gripped >= 3
