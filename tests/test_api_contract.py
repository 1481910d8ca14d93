"""The public API of DESIGN.md: names, signs, units, types."""
import numpy as np

import neurodynamics as nd


def test_sites_run_head_to_foot():
    assert nd.SITES == ("cervical_cord", "conus", "root", "hip", "thigh", "knee", "ankle", "foot")


def test_site_values_are_floats_and_profile_arrays_line_up():
    s = nd.solve(nd.Posture(hip_flexion=60, ankle_dorsiflexion=10))
    for site in nd.SITES:
        for value in (s.strain(site), s.excursion(site), s.tension(site)):
            assert isinstance(value, float) and np.isfinite(value)
    arc, strain, excursion, tension = s.profile()
    assert arc.shape == strain.shape == excursion.shape == tension.shape
    assert np.all(np.diff(arc) > 0) and arc[0] >= 0


def test_default_solve_equals_default_model_and_is_deterministic():
    p = nd.Posture(hip_flexion=70, knee_flexion=10, ankle_dorsiflexion=15, neck_flexion=30, trunk_flexion=20)
    assert nd.solve(p) == nd.Model().solve(p)
    assert nd.Model().solve(p).strain("hip") == nd.Model().solve(p).strain("hip")


def test_hip_flexion_moves_the_thigh_nerve_toward_the_head_and_conus_toward_the_feet():
    s = nd.solve(nd.Posture(hip_flexion=60))
    assert s.excursion("knee") > 0, "distal to the hip the nerve is drawn up toward the hip (positive)"
    assert s.excursion("conus") < 0, "proximal to the hip the nerve is drawn down (negative)"


def test_hamstring_stretch_is_percent_and_signed():
    assert nd.hamstring_stretch(nd.Posture()) == 0.0
    assert nd.hamstring_stretch(nd.Posture(hip_flexion=90)) > 5.0
    assert nd.hamstring_stretch(nd.Posture(knee_flexion=90)) < 0.0
