"""Hamstring muscle-tendon length from hip and knee angles only (constant moment arms).

Ankle and neck do not enter: that is what lets a dorsiflexion or a neck flexion tell nerve from muscle.
"""
from __future__ import annotations

import numpy as np

from . import parameters as P
from .posture import Posture, require_posture


def hamstring_stretch(posture: Posture) -> float:
    """Percent change of hamstring muscle-tendon length versus the neutral posture."""
    require_posture(posture)
    return float(stretch_pct(posture.hip_flexion, posture.knee_flexion))


def stretch_pct(hip_flexion_deg: np.ndarray | float, knee_flexion_deg: np.ndarray | float) -> np.ndarray:
    """Hamstring length change (%) for hip and knee flexion angles (deg); works on arrays."""
    change_mm = (P.HAMSTRING_HIP_MOMENT_ARM.value * np.radians(hip_flexion_deg)
                 - P.HAMSTRING_KNEE_MOMENT_ARM.value * np.radians(knee_flexion_deg))
    return 100.0 * change_mm / P.HAMSTRING_LENGTH.value
