"""The tension-strain law and its one inverse, against closed forms and hand calculations."""
import numpy as np
import pytest
from scipy.special import lambertw

from neurodynamics.model import parameters as P
from neurodynamics.model.tension_law import TensionLaw

SCIATIC = TensionLaw(np.array([P.lookup("SCIATIC_AXIAL_STIFFNESS")]), np.array([P.lookup("NERVE_TOE_END_STRAIN")]),
                     P.lookup("TOE_SHAPE"))


def test_inverse_matches_the_lambert_w_closed_form_through_the_toe():
    """In the toe, e^x - 1 - x = y has the root x = -(1 + y) - W_-1(-e^-(1 + y))."""
    law = SCIATIC
    tension = np.linspace(1e-3, float(law.toe_end_tension[0]), 2000)
    y = tension / (law.toe_factor * law.toe_scale)
    exact = law.toe_scale * (-(1.0 + y) - lambertw(-np.exp(-(1.0 + y)), -1).real)
    assert np.max(np.abs(law.strain_for_tension(tension) - exact) / exact) < 1e-9


def test_inverse_undoes_the_law_from_slack_to_the_linear_region():
    strain = np.concatenate([np.linspace(1e-4, 0.12, 500), np.linspace(0.12, 0.3, 50)])
    tension, _ = SCIATIC.tension(strain)
    assert np.allclose(SCIATIC.strain_for_tension(tension), strain, rtol=1e-8, atol=1e-12)
    assert SCIATIC.strain_for_tension(np.array([0.0]))[0] == 0.0


def test_linear_region_by_hand():
    """Past the toe end, 10 N more is 10 N / EA more strain (EA = 485 N for the sciatic nerve)."""
    beyond = float(SCIATIC.toe_end_tension[0]) + 10.0
    toe_end = P.lookup("NERVE_TOE_END_STRAIN")
    assert SCIATIC.strain_for_tension(np.array([beyond]))[0] == pytest.approx(toe_end + 10.0 / 485.0, rel=1e-12)


def test_inverse_broadcasts_over_elements():
    law = TensionLaw(np.array([100.0, 485.0]), np.array([0.114, 0.12]), P.lookup("TOE_SHAPE"))
    strain = law.strain_for_tension(np.array([[1.0], [5.0]]))
    assert strain.shape == (2, 2) and strain[0, 0] > strain[0, 1], "the softer element stretches more"
