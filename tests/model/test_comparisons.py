"""Fair comparisons: a hold built to reach a floss's peak strain at a named site does."""
import pytest

import neurodynamics as nd
from neurodynamics.model import comparisons, exercises


@pytest.mark.parametrize("site", ["hip", "knee"])
def test_an_equal_peak_hold_reaches_the_floss_peak_at_the_named_site(site):
    floss = exercises.supine_floss()
    held = comparisons.equal_peak_hold(floss, site)
    assert held.duration_s == floss.duration_s
    peaks = [nd.simulate(program).summary()["sites"][site]["peak_strain_pct"] for program in (floss, held)]
    assert peaks[1] == pytest.approx(peaks[0], abs=0.02)
