"""Hamstring muscle-tendon length from hip and knee angles only (constant moment arms).

Ankle and neck do not enter: that is what lets a dorsiflexion or a neck flexion tell nerve from muscle.
"""
from __future__ import annotations

import numpy as np

from . import parameters as P
from .posture import Posture, require_posture


def hamstring_stretch(posture: Posture) -> float:
    """Percent change of hamstring muscle-tendon length versus the neutral posture.

    Only the hip and the knee enter: ankle, neck and trunk leave the hamstrings' length unchanged, which is how a
    dorsiflexion or a neck flexion tells the nerve from the muscle (structural differentiation).

    Parameters
    ----------
    posture : Posture
        The posture, angles in degrees.

    Returns
    -------
    float
        Length change, % of the hamstrings' length standing (+ longer).

    Raises
    ------
    TypeError
        If ``posture`` is not a :class:`~neurodynamics.Posture` (angles alone are refused).

    Examples
    --------
    >>> import neurodynamics as nd
    >>> nd.hamstring_stretch(nd.Posture(hip_flexion=70)) > 0      # a straight-leg raise lengthens them
    True
    >>> nd.hamstring_stretch(nd.Posture(ankle_dorsiflexion=20))   # the foot pulled up does not
    0.0
    """
    require_posture(posture)
    return float(stretch_pct(posture.hip_flexion, posture.knee_flexion))


def stretch_pct(hip_flexion_deg: np.ndarray | float, knee_flexion_deg: np.ndarray | float) -> np.ndarray:
    """Hamstring length change (%) for hip and knee flexion angles (deg); works on arrays.

    Parameters
    ----------
    hip_flexion_deg, knee_flexion_deg : float or numpy.ndarray
        Hip and knee flexion, deg (broadcast together).

    Returns
    -------
    numpy.ndarray
        Length change, % of the length standing: hip flexion lengthens the hamstrings, knee flexion shortens them.

    Examples
    --------
    >>> straight, bent = stretch_pct([90.0, 90.0], [0.0, 90.0])
    >>> bool(straight > bent > 0)
    True
    """
    change_mm = (P.HAMSTRING_HIP_MOMENT_ARM.value * np.radians(hip_flexion_deg)
                 - P.HAMSTRING_KNEE_MOMENT_ARM.value * np.radians(knee_flexion_deg))
    return 100.0 * change_mm / P.HAMSTRING_LENGTH.value
