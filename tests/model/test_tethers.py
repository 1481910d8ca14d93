"""Tethers named by what they do, and never beyond what the model is for (Model v3, point 5)."""
import math

import numpy as np
import pytest

import neurodynamics as nd
from neurodynamics.model import mechanics, tethers

STRENGTHS = (1.0, 2.0, 5.0, 10.0, 30.0, 100.0, math.inf)
SLR_70 = nd.Posture(hip_flexion=70)


@pytest.mark.parametrize("site", nd.SITES)
def test_at_slr_70_the_highest_strain_at_the_sites_rises_with_strength_and_stays_below_20_percent(site):
    peaks, anywhere = [], []
    for strength in STRENGTHS:
        solution = nd.Model(entrapment={site: strength}).solve(SLR_70)
        peaks.append(max(solution.strain(s) for s in nd.SITES))
        anywhere.append(solution.profile().strain_pct.max())
    assert np.all(np.diff(peaks) >= -1e-9), f"{site}: highest site strain {np.round(peaks, 2)} falls with strength"
    assert max(anywhere) <= mechanics.MAX_STRAIN_PCT, f"{site}: {max(anywhere):.1f} % somewhere along the tract"


@pytest.mark.parametrize("site", ["root", "hip", "thigh", "knee"])
def test_on_the_path_of_the_slr_a_stronger_tether_strains_the_nerve_more(site):
    peaks = [max(nd.Model(entrapment={site: s}).solve(SLR_70).strain(x) for x in nd.SITES) for s in (1.0, 10.0, 100.0)]
    assert peaks[0] < peaks[1] < peaks[2]


def test_a_combination_that_cannot_be_made_safe_raises_naming_its_sites():
    with pytest.raises(ValueError, match=r"entrapment: .*root.*hip.*20 %"):
        nd.Model(entrapment={"root": mechanics.FIXED, "hip": mechanics.FIXED})


@pytest.mark.parametrize("site", nd.SITES)
def test_the_share_held_back_beyond_a_tether_is_measured_and_grows_from_none(site):
    shares = [tethers.share_held_back(site, s) for s in (1.0, 10.0, 100.0)]
    assert shares[0] == 0.0 and all(0.0 <= s <= 1.0 for s in shares)
    assert shares[2] >= shares[1] > 0.0, f"{site}: {shares}"


def test_the_share_is_what_the_model_slides_beyond_the_tether():
    site, strength = "thigh", 10.0
    start, end, _ = tethers.REFERENCE_MOVEMENTS[site]
    point = tethers.beyond_mm(site)

    def slide(model):
        moved = model.movement(start, end).profile_excursion_nodes() - model.solve(start).profile_excursion_nodes()
        return np.interp(point, model.grid.s_mm, moved)

    expected = 1.0 - slide(nd.Model(entrapment={site: strength})) / slide(nd.Model())
    assert tethers.share_held_back(site, strength) == pytest.approx(expected)
