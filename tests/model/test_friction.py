"""The grip of the bed on a taut peripheral nerve (Model.movement, FRICTION_GRIP): properties that can fail."""
import numpy as np
import pytest

import neurodynamics as nd
from neurodynamics.evidence import in_vivo, validation
from neurodynamics.model import mechanics
from neurodynamics.model import parameters as P

MODEL = nd.Model()
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
        again = mechanics.equilibrium_displacement(model.grid, bed, moved.displacement_mm, 1e-6, friction=friction)
        assert np.array_equal(again, moved.displacement_mm), ("out of balance", start, end)
        gap = (moved.displacement_mm - bed)[1:-1]
        grip_n = friction.capacity_n * np.tanh(friction.slip(gap))  # the bed's hold on each interior node
        assert np.all(np.abs(grip_n) <= friction.capacity_n + 1e-12)
        assert np.all(friction.capacity_n >= 0.0) and not friction.capacity_n[model.grid.grip_nodes == 0].any()
    assert gripped >= 3


def test_in_vivo_slides_are_measured_as_movements():
    setup = next(s for s in in_vivo.SETUPS if s.row_id == "RH14-60")
    assert in_vivo.model_value(setup, MODEL) == pytest.approx(_slide(MODEL, setup.start, setup.end, setup.site))
    assert MODEL.friction_at(setup.start) is not None
