"""Blood flow from strain: the low, central and high curves differ only where the curve is an estimate."""
import numpy as np
import pytest

from neurodynamics.model import physiology
from neurodynamics.model import parameters as P


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
