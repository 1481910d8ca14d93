"""One parameter at a time (neurodynamics.evidence.sensitivity): finite changes for every tunable parameter, each
joint's bed radius acting on its own joint."""
import math

import numpy as np
import pytest

from neurodynamics.evidence import sensitivity
from neurodynamics.model import parameters as P


@pytest.fixture
def result(sensitivity_result):
    """The one sensitivity run of the session (tests/conftest.py)."""
    return sensitivity_result


def test_sensitivity_returns_finite_changes_for_every_tunable_parameter(result):
    assert result.parameters == P.TUNABLE
    assert result.raised_pct.shape == result.lowered_pct.shape == (len(P.TUNABLE), len(sensitivity.MAIN_OUTPUTS))
    assert np.all(np.isfinite(result.raised_pct)) and np.all(np.isfinite(result.lowered_pct))
    assert np.all(np.abs(result.baseline) > 0)


def test_a_larger_hip_bed_radius_raises_slr_hip_strain(result):
    i, j = result.parameters.index("HIP_BED_RADIUS"), result.outputs.index(next(iter(sensitivity.MAIN_OUTPUTS)))
    assert "hip" in result.outputs[j] and "SLR 70" in result.outputs[j]
    assert result.raised_pct[i, j] > 2.0 and result.lowered_pct[i, j] < -2.0
    assert result.ranking(result.outputs[j])[0][0] == "HIP_BED_RADIUS"


def test_each_joint_radius_acts_on_its_own_joint(result):
    column = {name.split("\n")[0] + name.split("\n")[2]: j for j, name in enumerate(result.outputs)}
    ankle = result.raised_pct[result.parameters.index("ANKLE_BED_RADIUS")]
    neck = result.raised_pct[result.parameters.index("NECK_BED_RADIUS")]
    assert ankle[column["anklefoot up 20°"]] > 5.0 and neck[column["cordneck 60°"]] > 5.0
    assert math.isclose(ankle[column["hipSLR 70°"]], 0.0, abs_tol=1e-9)
