"""Pin and compare: what changed between a reference (a pinned posture, or standing) and the posture shown.

Structural differentiation in numbers: the hamstring's length change (percentage points of ``hamstring_stretch``)
beside the nerve's strain change at the site where it changed most (percentage points of strain). Moving the ankle
or the neck changes the nerve and leaves the hamstring at 0.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import anatomy
from ..model.hamstring import hamstring_stretch
from ..model.mechanics import Solution


@dataclass(frozen=True)
class Change:
    """Change since a reference: hamstring length and nerve strain, percentage points; where the nerve changed
    most (``nerve_site``)."""

    hamstring_pp: float
    nerve_site: str
    nerve_pp: float


def change_since(reference: Solution, current: Solution) -> Change:
    """The change from ``reference`` to ``current``: the nerve at the site whose strain changed most (the first
    such site, head to foot, on a tie) and the hamstring."""
    deltas = {site: current.strain(site) - reference.strain(site) for site in anatomy.SITES}
    site = max(anatomy.SITES, key=lambda name: abs(deltas[name]))
    hamstring = hamstring_stretch(current.posture) - hamstring_stretch(reference.posture)
    return Change(hamstring, site, deltas[site])
