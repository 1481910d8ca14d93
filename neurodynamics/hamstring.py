"""Hamstring muscle-tendon length from hip and knee angles only (constant moment arms).

Ankle and neck do not enter: that is what lets a dorsiflexion or a neck flexion tell nerve from muscle.
"""
from __future__ import annotations

import math

from . import parameters as P
from .posture import Posture, require_posture


def hamstring_stretch(posture: Posture) -> float:
    """Percent change of hamstring muscle-tendon length versus the neutral posture."""
    require_posture(posture)
    change_mm = (P.HAMSTRING_HIP_MOMENT_ARM.value * math.radians(posture.hip_flexion)
                 - P.HAMSTRING_KNEE_MOMENT_ARM.value * math.radians(posture.knee_flexion))
    return 100.0 * change_mm / P.HAMSTRING_LENGTH.value
