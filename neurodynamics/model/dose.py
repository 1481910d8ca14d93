"""Dose: what a program does to the nerve at one site, from its time series (s, %, mm, N, fraction of flow).

Peak strain and stretch, time above the blood-flow thresholds, sliding, peak tension, relaxation over the longest
hold and blood flow; and the worst place along the tract for a whole program.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from . import parameters as P
from .exercises import Program

#: What each per-site key of a dose summary (``TimeSeries.summary()["sites"][site]``) means.
DOSE_KEYS = {
    "peak_strain_pct": "highest strain, % of the slack length",
    "peak_stretch_pct": "highest lengthening beyond the resting (standing) length, %",
    "time_above_8pct_s": "seconds stretched more than 8 % beyond resting length (blood flow about halves, R11)",
    "time_above_15pct_s": "seconds stretched more than 15 % beyond resting length (blood flow nearly stops, R12-R13)",
    "sliding_distance_mm": "total distance the nerve slid past its bed, both directions added, mm",
    "peak_tension_n": "highest tension, N",
    "hold_relaxation_pct": "tension lost over the longest hold, % of its value when the hold began (None: no hold)",
    "min_blood_flow": "lowest blood flow, fraction of resting flow",
    "mean_blood_flow": "average blood flow, fraction of resting flow",
}


def longest_hold(program: Program) -> tuple[float, float] | None:
    """Start and end (s) of the longest stretch of time with the posture unchanged, if any."""
    holds = [(t0, t1) for (t0, a), (t1, b) in zip(program.keyframes, program.keyframes[1:]) if a == b]
    return max(holds, key=lambda span: span[1] - span[0]) if holds else None


def site_dose(dt_s: float, strain_pct: np.ndarray, stretch_pct: np.ndarray, excursion_mm: np.ndarray,
              tension_n: np.ndarray, blood_flow: np.ndarray, hold_s: tuple[float, float] | None) -> dict:
    """The dose figures of :data:`DOSE_KEYS` for one site's time series sampled every ``dt_s`` seconds."""
    relaxation = None
    if hold_s is not None:
        first, last = (int(round(time_s / dt_s)) for time_s in hold_s)
        relaxation = float(100.0 * (1.0 - tension_n[last] / tension_n[first])) if tension_n[first] > 0 else 0.0
    return {
        "peak_strain_pct": float(strain_pct.max()),
        "peak_stretch_pct": float(stretch_pct.max()),
        "time_above_8pct_s": float(dt_s * np.count_nonzero(stretch_pct > P.HALF_FLOW_STRETCH.value)),
        "time_above_15pct_s": float(dt_s * np.count_nonzero(stretch_pct > P.NO_FLOW_STRETCH.value)),
        "sliding_distance_mm": float(np.abs(np.diff(excursion_mm)).sum()),
        "peak_tension_n": float(tension_n.max()),
        "hold_relaxation_pct": relaxation,
        "min_blood_flow": float(blood_flow.min()),
        "mean_blood_flow": float(blood_flow.mean()),
    }


def tract_extremes(sites: Mapping[str, Mapping[str, float]]) -> dict[str, tuple[float, str]]:
    """Worst values anywhere along the tract, each with its site, from a summary's per-site dose figures:
    highest stretch beyond resting (%), most time above 8 % stretch (s), lowest blood flow (fraction)."""
    stretch = max(sites, key=lambda s: sites[s]["peak_stretch_pct"])
    above = max(sites, key=lambda s: sites[s]["time_above_8pct_s"])
    flow = min(sites, key=lambda s: sites[s]["min_blood_flow"])
    return {"peak_stretch_pct": (sites[stretch]["peak_stretch_pct"], stretch),
            "time_above_8pct_s": (sites[above]["time_above_8pct_s"], above),
            "min_blood_flow": (sites[flow]["min_blood_flow"], flow)}
