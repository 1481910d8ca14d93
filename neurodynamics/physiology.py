"""Intraneural blood flow as a fraction of resting flow, from the nerve's stretch beyond its resting length.

The animal experiments (R11-R13) stretched nerves from their length in the body, so the input here is the stretch
beyond the resting (neutral-posture) length in percent, not the strain from the slack length.
"""
from __future__ import annotations

import numpy as np
from scipy.interpolate import PchipInterpolator

from . import parameters as P

_POINTS = np.array(P.BLOOD_FLOW_POINTS.value)
_CURVE = PchipInterpolator(_POINTS[:, 0], _POINTS[:, 1])

#: Stretch thresholds (%) used in the dose summary, with what they mean.
HALF_FLOW_STRETCH_PCT = 8.0  # blood flow about halves (R11)
NO_FLOW_STRETCH_PCT = 15.0  # blood flow nearly stops (R12, R13)


def blood_flow_fraction(stretch_pct: np.ndarray) -> np.ndarray:
    """Blood flow (fraction of resting, 0-1) at a stretch beyond resting length (%); slack = full flow."""
    stretch = np.asarray(stretch_pct, dtype=float)
    inside = np.clip(stretch, _POINTS[0, 0], _POINTS[-1, 0])
    return np.where(stretch >= _POINTS[-1, 0], 0.0, np.clip(_CURVE(inside), 0.0, 1.0))


def stretch_beyond_rest_pct(strain: np.ndarray, resting_strain: np.ndarray) -> np.ndarray:
    """Percent lengthening beyond the resting length, from strains (fractions of the slack length)."""
    return 100.0 * ((1.0 + np.asarray(strain)) / (1.0 + np.asarray(resting_strain)) - 1.0)
