"""Property tests over random valid postures (hypothesis): physics that must hold everywhere."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neurodynamics as nd
from neurodynamics.model.posture import RANGES_DEG

TOLERANCE = 1e-6


def angle(field):
    low, high = RANGES_DEG[field]
    return st.floats(low, high, allow_nan=False)


postures = st.builds(nd.Posture, **{field: angle(field) for field in RANGES_DEG})


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


@given(postures)
def test_hamstring_stretch_is_the_moment_arm_sum_of_geyer_and_herr(posture):
    """Hand calculation: (40 mm x hip flexion - 25 mm x knee flexion) / 410 mm (Geyer & Herr 2010 model)."""
    by_hand = 100.0 * (40.0 * np.radians(posture.hip_flexion) - 25.0 * np.radians(posture.knee_flexion)) / 410.0
    assert nd.hamstring_stretch(posture) == pytest.approx(by_hand, abs=1e-9)


def test_neutral_posture_has_zero_excursion_everywhere():
    """Zero to rounding: below a nanometre (1e-9 mm)."""
    assert np.max(np.abs(nd.solve(nd.Posture()).profile().excursion_mm)) < 1e-9
