"""A nerve "tied down" at a site: strain piles up beside the tether, sliding beyond it drops."""
import numpy as np
import pytest

import neurodynamics as nd
from neurodynamics.model.anatomy import SITE_POSITIONS_MM

SLR = nd.Posture(hip_flexion=70)


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
