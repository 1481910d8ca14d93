"""Fair comparisons of exercises: a hold built to reach the same peak strain at a named site as a floss.

Comparing a sustained stretch with flossing only means something at equal load: same peak strain (%, beyond the
in-situ length) at the same site, for the same time (s).
"""
from __future__ import annotations

import dataclasses

from .anatomy import check_site
from .exercises import Program, hold
from .mechanics import Model, default_model
from .posture import Posture


def peak_posture(program: Program, site: str, model: Model | None = None) -> Posture:
    """The key position of ``program`` with the highest strain at ``site`` (the first one on a tie)."""
    model = model or default_model()
    check_site(site)
    return max((posture for _, posture in program.keyframes), key=lambda p: model.solve(p).strain(site))


def equal_peak_hold(floss: Program, site: str, model: Model | None = None) -> Program:
    """A hold of ``floss``'s key position with the highest strain at ``site``, for as long as the floss lasts:
    both then reach the same peak strain there (the hold ramps in over its first 2 s from the floss's start)."""
    posture = peak_posture(floss, site, model)
    program = hold(posture, floss.duration_s, start=floss.keyframes[0][1])
    return dataclasses.replace(program, name=f"hold at the {floss.name}'s peak")
