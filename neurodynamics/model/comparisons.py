"""Fair comparisons of exercises: a hold built to reach the same peak strain at a named site as a floss, and a hold
at the floss's mean strain there.

Comparing a sustained stretch with flossing only means something at equal load: same peak strain (%, beyond the
in-situ length) at the same site, for the same time (s). The equal-mean pair shows the other side: a hold at the
floss's average strain keeps more blood flow than the floss's peaks.
"""
from __future__ import annotations

import dataclasses

from scipy.optimize import brentq

from .anatomy import check_site
from .dynamics import simulate
from .exercises import Program, hold
from .mechanics import Model, default_model
from .posture import JOINTS, Posture


def peak_posture(program: Program, site: str, model: Model | None = None) -> Posture:
    """The key position of ``program`` with the highest strain at ``site`` (the first one on a tie), each reached
    as the program reaches it: a movement from its first key position (``Model.movement``, as ``simulate``).

    Parameters
    ----------
    program : Program
        The program whose key positions are compared.
    site : str
        One of ``nd.SITES``.
    model : Model, optional
        The tract model to judge the strain with (default: the shared default model).

    Returns
    -------
    Posture
        That key position.

    Raises
    ------
    ValueError
        If ``site`` is not one of ``nd.SITES`` (the peak is judged at a site).

    Examples
    --------
    >>> from neurodynamics import exercises
    >>> peak = peak_posture(exercises.supine_floss(reps=1), "thigh")
    >>> peak.knee_flexion, peak.ankle_dorsiflexion         # knee straight, foot up
    (20.0, 15.0)
    """
    model = model or default_model()
    check_site(site)
    first = program.keyframes[0][1]
    return max((posture for _, posture in program.keyframes), key=lambda p: model.movement(first, p).strain(site))


def equal_peak_hold(floss: Program, site: str, model: Model | None = None) -> Program:
    """A hold of ``floss``'s key position with the highest strain at ``site``, for as long as the floss lasts:
    both then reach the same peak strain there (the hold ramps in over its first 2 s from the floss's start).

    Parameters
    ----------
    floss : Program
        The floss whose peak the hold matches.
    site : str
        One of ``nd.SITES``: where the peaks are equal.
    model : Model, optional
        The tract model the peaks are compared in (default: the shared default model).

    Returns
    -------
    Program
        A hold of the floss's peak key position, as long as the floss.

    Raises
    ------
    ValueError
        If ``site`` is not one of ``nd.SITES``, where the peaks are matched.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> floss = nd.exercises.supine_floss(reps=1)
    >>> hold = equal_peak_hold(floss, "thigh")
    >>> hold.duration_s == floss.duration_s
    True
    >>> floss_dose, hold_dose = (nd.simulate(p, dt=0.05).summary()["sites"]["thigh"] for p in (floss, hold))
    >>> abs(hold_dose["peak_strain_pct"] - floss_dose["peak_strain_pct"]) < 0.01
    True
    >>> hold_dose["mean_blood_flow"] < floss_dose["mean_blood_flow"]     # at equal peaks the hold keeps less flow
    True
    """
    posture = peak_posture(floss, site, model)
    program = hold(posture, floss.duration_s, start=floss.keyframes[0][1])
    return dataclasses.replace(program, name=f"hold at the {floss.name}'s peak")


def equal_mean_hold(floss: Program, site: str, model: Model | None = None) -> Program:
    """A hold, for as long as ``floss`` lasts, of the posture on the way from its first key position to its peak at
    which the strain at ``site`` equals the floss's mean strain there (each reached as a movement from the first key
    position). What it says: a hold at the floss's average load keeps more blood flow than the floss's peaks do, so
    an argument for flossing cannot rest on blood flow alone.

    Parameters
    ----------
    floss, site, model
        As for :func:`equal_peak_hold`: the floss, where its mean strain is matched (an unknown site raises
        ValueError) and the model (default: the shared default model).

    Returns
    -------
    Program
        A hold at the floss's mean strain, as long as the floss.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> floss = nd.exercises.supine_floss(reps=2)
    >>> floss_dose, hold_dose = (nd.simulate(p, dt=0.05).summary()["sites"]["thigh"]
    ...                          for p in (floss, equal_mean_hold(floss, "thigh")))
    >>> hold_dose["mean_blood_flow"] > floss_dose["mean_blood_flow"]
    True
    """
    model = model or default_model()
    check_site(site)
    first, peak = floss.keyframes[0][1], peak_posture(floss, site, model)
    mean = float(simulate(floss, dt=0.05, model=model).strain(site).mean())

    def between(fraction: float) -> Posture:
        return Posture(**{field: getattr(first, field) + fraction * (getattr(peak, field) - getattr(first, field))
                          for field in JOINTS})

    def excess(fraction: float) -> float:
        return model.movement(first, between(fraction)).strain(site) - mean

    fraction = brentq(excess, 0.0, 1.0, xtol=1e-4) if excess(0.0) < 0.0 < excess(1.0) else 1.0
    program = hold(between(fraction), floss.duration_s, start=first)
    return dataclasses.replace(program, name=f"hold at the {floss.name}'s mean strain")
