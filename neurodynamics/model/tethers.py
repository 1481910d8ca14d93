"""What a tether does, measured: the share of the nerve's sliding it holds back beyond it. Whether a strength
is safe to model is checked when the model is built (``mechanics.MAX_STRAIN_PCT``).

A tether (``Model(entrapment={site: strength})``) holds the nerve to its bed over ``TETHER_LENGTH`` around the site.
Its strength is a number (1 = none, up to 100, or ``FIXED``); what it means differs from site to site, because the
gliding layer it adds to differs. So the strength is named by what it does in the movement that slides the nerve
there (``REFERENCE_MOVEMENTS``): the share of the sliding one tether length beyond the tether (on the side where the
nerve slides further) that the tether holds back.
"""
from __future__ import annotations

import functools

import numpy as np

from . import anatomy
from . import parameters as P
from .mechanics import SAFETY_POSTURE, Model, default_model
from .posture import Posture

_SLR = (Posture(), SAFETY_POSTURE, "hip_flexion")
#: For each site: the movement (start, end) that slides the nerve there, and the joint that moves.
REFERENCE_MOVEMENTS: dict[str, tuple[Posture, Posture, str]] = {
    "cervical_cord": (Posture(), Posture(neck_flexion=40.0), "neck_flexion"),
    "conus": _SLR, "root": _SLR, "hip": _SLR, "thigh": _SLR, "knee": _SLR,
    "ankle": (Posture(), Posture(ankle_dorsiflexion=20.0), "ankle_dorsiflexion"),
    "foot": (Posture(), Posture(ankle_dorsiflexion=20.0), "ankle_dorsiflexion"),
}
def _sliding_mm(model: Model, site: str) -> np.ndarray:
    """Sliding (mm, toward the head +) at every node during the site's reference movement."""
    start, end, _ = REFERENCE_MOVEMENTS[site]
    return model.movement(start, end).profile_excursion_nodes() - model.solve(start).profile_excursion_nodes()


@functools.lru_cache(maxsize=None)
def beyond_mm(site: str) -> float:
    """The point (mm along the tract) one tether length beyond a tether at ``site``: of the two such points, the one
    where the untethered nerve slides further in the site's reference movement.

    Parameters
    ----------
    site : str
        Where the tether is, one of ``nd.SITES``.

    Returns
    -------
    float
        Position along the tract, mm from the foramen magnum.

    Raises
    ------
    ValueError
        If ``site`` is not one of ``nd.SITES``, where tethers can be tied.

    Examples
    --------
    >>> from neurodynamics.model import anatomy, parameters
    >>> distance = abs(beyond_mm("thigh") - anatomy.SITE_POSITIONS_MM["thigh"])
    >>> bool(abs(distance - 1.5 * parameters.TETHER_LENGTH.value) < 1e-9)   # one tether length beyond its end
    True
    """
    centre, length = anatomy.SITE_POSITIONS_MM[anatomy.check_site(site)], P.lookup("TETHER_LENGTH")
    free = default_model()
    points = np.clip([centre - 1.5 * length, centre + 1.5 * length], 0.0, anatomy.TRACT_LENGTH_MM)
    sliding = np.abs(np.interp(points, free.grid.s_mm, _sliding_mm(free, site)))
    return float(points[int(np.argmax(sliding))])


def _excursion_at(model: Model, site: str) -> float:
    return float(np.interp(beyond_mm(site), model.grid.s_mm, _sliding_mm(model, site)))


@functools.lru_cache(maxsize=256)
def share_held_back(site: str, strength: float) -> float:
    """Share (0-1) of the sliding beyond a tether of ``strength`` at ``site`` that it holds back, in the site's
    reference movement, with the default parameters.

    Parameters
    ----------
    site : str
        Where the tether is tied, one of ``nd.SITES``.
    strength : float
        Tether strength, 1 (none) to 100, or ``float("inf")`` (fixed).

    Returns
    -------
    float
        Share held back, 0-1.

    Raises
    ------
    ValueError
        For an unknown site or a strength out of range.

    Examples
    --------
    >>> share_held_back("thigh", 1.0)
    0.0
    >>> 0 < share_held_back("thigh", 10) < share_held_back("thigh", 100) < share_held_back("thigh", float("inf"))
    True
    """
    free = _excursion_at(default_model(), site)
    tied = _excursion_at(Model(entrapment={site: strength}), site)
    return float(np.clip(1.0 - tied / free, 0.0, 1.0)) if abs(free) > 1e-9 else 0.0
