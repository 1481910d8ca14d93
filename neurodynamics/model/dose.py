"""Dose: what a program does to the nerve at one site, from its time series (s, %, mm, N, fraction of flow).

Peak strain, time above the blood-flow thresholds, sliding, peak tension, relaxation over the longest
hold and blood flow; and the worst place along the tract for a whole program.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from . import parameters as P
from .exercises import Program

#: What each per-site key of a dose summary (``TimeSeries.summary()["sites"][site]``) means.
DOSE_KEYS = {
    "peak_strain_pct": "highest strain, % beyond the length in neutral standing",
    "time_above_8pct_s": "seconds above 8 % strain (blood flow about halves in rat nerve, Clark et al. 1992)",
    "time_above_15pct_s": "seconds above 15 % strain (blood flow nearly stops in rat and rabbit nerve, Clark et al. 1992, Ogata & Naito 1986)",
    "sliding_distance_mm": "total distance the nerve slid past its bed, both directions added, mm",
    "sliding_per_stroke_mm": "largest slide in one movement from a key position to the next, mm",
    "peak_tension_n": "highest tension, N",
    "hold_relaxation_pct": "tension lost over the longest hold, % of its value when the hold began (None: no hold, "
                           "or the nerve there is slack or barely loaded when the hold begins)",
    "min_blood_flow": "lowest blood flow, fraction of resting flow",
    "mean_blood_flow": "average blood flow, fraction of resting flow",
    "min_blood_flow_range": "lowest blood flow on the low and the high flow curve (the onset of the fall is an "
                            "estimate), fractions of resting flow",
    "mean_blood_flow_range": "average blood flow on the low and the high flow curve, fractions of resting flow",
}


#: Tension (N) below which a hold's relaxation is not reported: the nerve there is slack or barely loaded (a
#: fraction of the peripheral nerve's resting tension of about 2 N), and a ratio of tiny tensions means nothing.
TAUT_TENSION_N = 0.1


def longest_hold(program: Program) -> tuple[float, float] | None:
    """Start and end (s) of the longest stretch of time with the posture unchanged, if any.

    Parameters
    ----------
    program : Program
        The program to search for holds.

    Returns
    -------
    tuple of float or None
        ``(start_s, end_s)``, or None when the posture never stays the same between two keyframes.

    Examples
    --------
    >>> from neurodynamics import Posture, exercises
    >>> longest_hold(exercises.hold(Posture(hip_flexion=70), seconds=30))     # after the 2 s ramp
    (2.0, 30.0)
    >>> longest_hold(exercises.supine_floss()) is None
    True
    """
    holds = [(t0, t1) for (t0, a), (t1, b) in zip(program.keyframes, program.keyframes[1:]) if a == b]
    return max(holds, key=lambda span: span[1] - span[0]) if holds else None


def site_dose(dt_s: float, strain_pct: np.ndarray, excursion_mm: np.ndarray, tension_n: np.ndarray,
              blood_flow: Mapping[str, np.ndarray], hold_s: tuple[float, float] | None,
              keyframe_samples: np.ndarray) -> dict:
    """The dose figures of :data:`DOSE_KEYS` for one site's time series sampled every ``dt_s`` seconds;
    ``blood_flow`` maps each flow curve ("low", "central", "high") to its series; ``keyframe_samples`` are the
    sample indices of the program's key positions.

    Parameters
    ----------
    dt_s : float
        Sampling interval, s.
    strain_pct, excursion_mm, tension_n : numpy.ndarray
        The site's strain (%), excursion (mm) and tension (N) at every sample.
    blood_flow : mapping of str to numpy.ndarray
        Blood flow (fraction of resting) on each curve, "low", "central" and "high".
    hold_s : tuple of float or None
        Start and end of the longest hold, s (:func:`longest_hold`).
    keyframe_samples : numpy.ndarray of int
        Sample index of each key position.

    Returns
    -------
    dict
        The figures named in :data:`DOSE_KEYS`.

    Examples
    --------
    >>> flow = np.array([1.0, 0.5, 0.5, 1.0])
    >>> figures = site_dose(1.0, np.array([0.0, 10.0, 10.0, 0.0]), np.array([0.0, 5.0, 5.0, 0.0]),
    ...                     np.array([1.0, 2.0, 1.5, 1.0]), {"low": flow, "central": flow, "high": flow},
    ...                     hold_s=(1.0, 2.0), keyframe_samples=np.array([0, 1, 2, 3]))
    >>> figures["time_above_8pct_s"], figures["sliding_distance_mm"], figures["hold_relaxation_pct"]
    (2.0, 10.0, 25.0)
    """
    relaxation = None
    if hold_s is not None:
        first, last = (int(round(time_s / dt_s)) for time_s in hold_s)
        if tension_n[first] >= TAUT_TENSION_N:  # a slack or barely loaded nerve has no tension to lose
            relaxation = float(100.0 * (1.0 - tension_n[last] / tension_n[first]))
    central, low, high = blood_flow["central"], blood_flow["low"], blood_flow["high"]
    return {
        "peak_strain_pct": float(strain_pct.max()),
        "time_above_8pct_s": float(dt_s * np.count_nonzero(strain_pct > P.HALF_FLOW_STRAIN.value)),
        "time_above_15pct_s": float(dt_s * np.count_nonzero(strain_pct > P.NO_FLOW_STRAIN.value)),
        "sliding_distance_mm": float(np.abs(np.diff(excursion_mm)).sum()),
        "sliding_per_stroke_mm": float(np.abs(np.diff(excursion_mm[keyframe_samples])).max()),
        "peak_tension_n": float(tension_n.max()),
        "hold_relaxation_pct": relaxation,
        "min_blood_flow": float(central.min()),
        "mean_blood_flow": float(central.mean()),
        "min_blood_flow_range": (float(low.min()), float(high.min())),
        "mean_blood_flow_range": (float(low.mean()), float(high.mean())),
    }


def tract_extremes(sites: Mapping[str, Mapping[str, float]]) -> dict[str, tuple[float, str]]:
    """Worst values anywhere along the tract, each with its site, from a summary's per-site dose figures:
    highest strain (%), most time above 8 % strain (s), lowest blood flow (fraction).

    Parameters
    ----------
    sites : mapping of str to mapping
        Per-site dose figures, ``TimeSeries.summary()["sites"]``.

    Returns
    -------
    dict of str to (float, str)
        ``peak_strain_pct``, ``time_above_8pct_s`` and ``min_blood_flow``, each as (value, site); on a tie the
        first site head to foot.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> sites = nd.simulate(nd.exercises.supine_floss(reps=1), dt=0.05).summary()["sites"]
    >>> strain, where = tract_extremes(sites)["peak_strain_pct"]
    >>> strain == max(figures["peak_strain_pct"] for figures in sites.values()), where in nd.SITES
    (True, True)
    """
    stretch = max(sites, key=lambda s: sites[s]["peak_strain_pct"])
    above = max(sites, key=lambda s: sites[s]["time_above_8pct_s"])
    flow = min(sites, key=lambda s: sites[s]["min_blood_flow"])
    return {"peak_strain_pct": (sites[stretch]["peak_strain_pct"], stretch),
            "time_above_8pct_s": (sites[above]["time_above_8pct_s"], above),
            "min_blood_flow": (sites[flow]["min_blood_flow"], flow)}
