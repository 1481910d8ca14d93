"""Quasi-linear viscoelasticity: tension relaxes in time under a held stretch and recovers when reloaded.

Tension T(t) = T_e(t) - f(strain) * sum_i g_i (dT_e - q_i), with T_e the elastic tension, dT_e its change since
the start (the starting posture is taken as long held, so fully relaxed), q_i the Prony branch i filtered with
time constant tau_i, and f a factor that makes nerves relax less at higher strain (R09, R10). Vectorised with
scipy.signal.lfilter: no Python loop over samples. Times in seconds.
"""
from __future__ import annotations

import numpy as np
from scipy.signal import lfilter

from . import parameters as P


def relaxed_fraction(change: np.ndarray, dt_s: float, times_s: tuple[float, ...],
                     weights: tuple[float, ...]) -> np.ndarray:
    """The part of ``change`` (any unit, sampled every ``dt_s``; last axis is time) that has relaxed away.

    Each Prony branch is a first-order filter of the increments (the numerator's (1, -1) takes them, from a start at
    0), exact for inputs linear between samples.

    Parameters
    ----------
    change : numpy.ndarray
        Change since the start (fully relaxed), any unit; the last axis is time.
    dt_s : float
        Sampling interval, s.
    times_s : tuple of float
        Time constant of each Prony branch, s.
    weights : tuple of float
        Share of the change each branch relaxes away in the end.

    Returns
    -------
    numpy.ndarray
        The relaxed part, same unit and shape as ``change``.

    Examples
    --------
    >>> step_then_held = np.concatenate([np.linspace(0.0, 1.0, 11), np.ones(100)])
    >>> relaxed = relaxed_fraction(step_then_held, 1.0, (10.0,), (0.5,))
    >>> bool(relaxed[10] < relaxed[-1]), round(float(relaxed[-1]), 3)      # grows toward the branch's weight
    (True, 0.5)
    """
    change = np.asarray(change, dtype=float)
    relaxed = sum(weights) * change  # minus, below, the sum over branches of weight x the branch's filtered change
    for tau, weight in zip(times_s, weights):
        decay = np.exp(-dt_s / tau)
        gain = weight * tau / dt_s * (1.0 - decay)
        relaxed -= lfilter([gain, -gain], [1.0, -decay], change, axis=-1)
    return relaxed


def strain_factor(strain: np.ndarray) -> np.ndarray:
    """How much of the full relaxation happens at this strain (fraction): 1 up to 6 %, 34/48 from 9 %.

    Parameters
    ----------
    strain : numpy.ndarray
        Strain, fraction beyond the in-situ length.

    Returns
    -------
    numpy.ndarray
        Factor 0-1 (a new array).

    Examples
    --------
    >>> low, high = strain_factor(np.array([0.02, 0.12]))
    >>> float(low), bool(high < low)                # nerves relax less at higher strain (R09, R10)
    (1.0, True)
    """
    full, reduced = P.RELAXATION_FULL_BELOW_STRAIN.value, P.RELAXATION_REDUCED_ABOVE_STRAIN.value
    factor = np.asarray(strain, dtype=float) - full  # worked in place: long series are large
    factor *= 1.0 / (reduced - full)
    np.clip(factor, 0.0, 1.0, out=factor)
    factor *= -(1.0 - P.RELAXATION_REDUCED_FACTOR.value)
    factor += 1.0
    return factor


def nerve_tension(elastic_n: np.ndarray, strain: np.ndarray, dt_s: float) -> np.ndarray:
    """Viscoelastic nerve tension (N) from elastic tension (N) and strain (fraction) time series.

    Parameters
    ----------
    elastic_n : numpy.ndarray
        Elastic tension, N; the last axis is time, the first sample taken as long held.
    strain : numpy.ndarray
        Strain at the same samples, fraction beyond the in-situ length.
    dt_s : float
        Time between samples, s.

    Returns
    -------
    numpy.ndarray
        Tension, N (at least 0).

    Examples
    --------
    >>> elastic = np.concatenate([np.linspace(2.0, 20.0, 3), np.full(600, 20.0)])   # stretched in 2 s, held 10 min
    >>> tension = nerve_tension(elastic, np.full(elastic.shape, 0.05), dt_s=1.0)
    >>> bool(tension[-1] < tension[2] <= 20.0)
    True
    """
    change = elastic_n - elastic_n[..., :1]
    relaxed = relaxed_fraction(change, dt_s, P.NERVE_RELAXATION_TIMES.value, P.NERVE_RELAXATION_WEIGHTS.value)
    relaxed *= strain_factor(strain)  # worked in place from here: long series are large
    np.subtract(elastic_n, relaxed, out=relaxed)
    return np.maximum(relaxed, 0.0, out=relaxed)


def hamstring_resistance(elastic: np.ndarray, dt_s: float) -> np.ndarray:
    """Relaxed passive hamstring resistance (same unit as ``elastic``), R14 time course.

    Parameters
    ----------
    elastic : numpy.ndarray
        Elastic resistance, any unit; the last axis is time.
    dt_s : float
        Sampling interval of ``elastic``, s.

    Returns
    -------
    numpy.ndarray
        Relaxed resistance, same unit (at least 0).

    Examples
    --------
    >>> held = np.concatenate([np.linspace(0.0, 1.0, 3), np.ones(60)])      # a stretch held for a minute
    >>> resistance = hamstring_resistance(held, dt_s=1.0)
    >>> bool(resistance[-1] < resistance[2])
    True
    """
    change = elastic - elastic[..., :1]
    relaxed = relaxed_fraction(change, dt_s, P.HAMSTRING_RELAXATION_TIMES.value,
                               (P.HAMSTRING_RELAXATION_WEIGHT.value,) * len(P.HAMSTRING_RELAXATION_TIMES.value))
    return np.maximum(elastic - relaxed, 0.0)
