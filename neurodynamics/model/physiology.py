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


def blood_flow_fraction(stretch_pct: np.ndarray) -> np.ndarray:
    """Blood flow (fraction of resting, 0-1) at a stretch beyond resting length (%); slack = full flow."""
    stretch = np.asarray(stretch_pct, dtype=float)
    inside = np.clip(stretch, _POINTS[0, 0], _POINTS[-1, 0])
    return np.where(stretch >= _POINTS[-1, 0], 0.0, np.clip(_CURVE(inside), 0.0, 1.0))


def full_flow_stretch_pct() -> float:
    """The largest stretch beyond resting length (%) at which blood flow is still full (the curve's last 1.0)."""
    return float(max(stretch for stretch, flow in P.BLOOD_FLOW_POINTS.value if flow == 1.0))
