"""Intraneural blood flow as a fraction of resting flow, from the nerve's strain beyond its in-situ length.

The animal experiments (R11-R13) stretched nerves from their length in the body, as the model's strain does.
"""
from __future__ import annotations

import numpy as np
from scipy.interpolate import PchipInterpolator

from . import parameters as P

#: The flow curves: "central" through BLOOD_FLOW_POINTS; "low" and "high" with flow starting to fall at the low and
#: high ends of FLOW_ONSET_RANGE instead (the measured points from 8 % on are shared).
CURVES = ("low", "central", "high")


def _points(curve: str) -> np.ndarray:
    points = np.array(P.BLOOD_FLOW_POINTS.value)
    if curve != "central":
        onset_row = int(np.flatnonzero(points[:, 1] == 1.0)[-1])
        points[onset_row, 0] = P.FLOW_ONSET_RANGE.value[0 if curve == "low" else 1]
    return points


_POINTS = {curve: _points(curve) for curve in CURVES}
_CURVE = {curve: PchipInterpolator(points[:, 0], points[:, 1]) for curve, points in _POINTS.items()}


def check_curve(curve: str) -> str:
    """Return ``curve`` if it names a flow curve, else raise ``ValueError`` listing them.

    Parameters
    ----------
    curve : str
        A curve name.

    Returns
    -------
    str
        ``curve`` itself.

    Raises
    ------
    ValueError
        If ``curve`` is not one of :data:`CURVES`.

    Examples
    --------
    >>> check_curve("low")
    'low'
    >>> check_curve("median")
    Traceback (most recent call last):
    ...
    ValueError: unknown blood-flow curve 'median'; curves are low, central, high
    """
    if curve not in CURVES:
        raise ValueError(f"unknown blood-flow curve {curve!r}; curves are {', '.join(CURVES)}")
    return curve


def blood_flow_fraction(strain_pct: np.ndarray, curve: str = "central") -> np.ndarray:
    """Blood flow (fraction of resting, 0-1) at a strain beyond the in-situ length (%); slack = full flow.

    Parameters
    ----------
    strain_pct : numpy.ndarray or float
        Strain, % beyond the in-situ length.
    curve : {"central", "low", "high"}, optional
        The curve to use where the onset of the fall is an estimate (below 8 %).

    Returns
    -------
    numpy.ndarray
        Blood flow, fraction of resting flow.

    Raises
    ------
    ValueError
        For a curve other than "low", "central" or "high".

    Examples
    --------
    >>> blood_flow_fraction([0.0, 8.0, 30.0]).tolist()     # full; halved at 8 % (Clark et al. 1992); stopped
    [1.0, 0.5, 0.0]
    >>> bool(blood_flow_fraction(5.0, "low") <= blood_flow_fraction(5.0, "high"))
    True
    """
    points = _POINTS[check_curve(curve)]
    stretch = np.asarray(strain_pct, dtype=float)
    inside = np.clip(stretch, points[0, 0], points[-1, 0])
    own = _CURVE["central"](inside)
    if curve != "central":  # the curves differ only below the first measured point (R11's 8 %)
        own = np.where(inside < P.HALF_FLOW_STRAIN.value, _CURVE[curve](inside), own)
    return np.where(stretch >= points[-1, 0], 0.0, np.clip(own, 0.0, 1.0))


def full_flow_strain_pct(curve: str = "central") -> float:
    """The largest strain (%) at which blood flow is still full on ``curve`` (its last point at full flow).

    Parameters
    ----------
    curve : {"central", "low", "high"}, optional
        The flow curve.

    Returns
    -------
    float
        Strain, % beyond the in-situ length.

    Raises
    ------
    ValueError
        For a curve name not in :data:`CURVES` (the message lists them).

    Examples
    --------
    >>> full_flow_strain_pct("low") < full_flow_strain_pct("central") < full_flow_strain_pct("high")
    True
    """
    points = _POINTS[check_curve(curve)]
    return float(points[points[:, 1] == 1.0, 0].max())
