"""Hamstring muscle-tendon length from hip and knee angles only (neurodynamics.model.hamstring)."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neurodynamics as nd
from neurodynamics.model.posture import RANGES_DEG

postures = st.builds(nd.Posture, **{field: st.floats(low, high) for field, (low, high) in RANGES_DEG.items()})


@given(postures)
def test_hamstring_stretch_is_the_moment_arm_sum_of_geyer_and_herr(posture):
    """Hand calculation: (40 mm x hip flexion - 25 mm x knee flexion) / 410 mm (Geyer & Herr 2010 model)."""
    by_hand = 100.0 * (40.0 * np.radians(posture.hip_flexion) - 25.0 * np.radians(posture.knee_flexion)) / 410.0
    assert nd.hamstring_stretch(posture) == pytest.approx(by_hand, abs=1e-9)
