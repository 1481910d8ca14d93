"""The tether control in a clinician's words: where the nerve is tied down, how strongly, and what that means.

A tether (``Model(entrapment={site: strength})``) bonds the nerve to its bed over ``TETHER_LENGTH`` (mm): scar or
a fascial band. Strengths run from 1 (no tether) to 100, and ``FIXED`` fixes the nerve to its bed. A strength means
different things at different sites, so the line under the control names it by what it does there: the share of
the sliding beyond the tether that it holds back (``model.tethers.share_held_back``, measured in the model).
"""
from __future__ import annotations

from ..model import parameters as P
from ..model.mechanics import FIXED
from ..model.tethers import REFERENCE_MOVEMENTS, share_held_back
from .style import SITE_LABELS

NO_TETHER = "none"
#: Tether strengths offered, in words: (label, strength).
STRENGTHS = (
    ("loose", 10.0),
    ("firm", 100.0),
    ("fixed to the bed", FIXED),
)
#: The reference movement of each site, in words (``model.tethers.REFERENCE_MOVEMENTS``).
_MOVEMENT_WORDS = {"hip_flexion": "a straight-leg raise to 70°", "neck_flexion": "neck flexion to 40°",
                   "ankle_dorsiflexion": "ankle dorsiflexion to 20°"}
DEFAULT_STRENGTH = 100.0  # firm: changes the picture at a glance


def strength_words(strength: float) -> str:
    """The label of a strength offered (``STRENGTHS``), or "strength N" for any other."""
    return next((label for label, value in STRENGTHS if value == strength), f"strength {strength:g}")


def tether_line(site: str, strength: float) -> str:
    """One line on what the tether does (``site`` "none": no tether)."""
    if site == NO_TETHER:
        return "No tether: the nerve slides freely in its bed."
    length = P.lookup("TETHER_LENGTH")
    hold = "cannot slide" if strength == FIXED else "slides less"
    share = round(100.0 * share_held_back(site, strength))
    movement = _MOVEMENT_WORDS[REFERENCE_MOVEMENTS[site][2]]
    return (f"Tied down at the {SITE_LABELS[site]} ({strength_words(strength)}): over {length:g} mm the nerve {hold} "
            f"in its bed; in {movement} it holds back about {share} % of the sliding just beyond it. Strain piles up "
            "between the moving joint and the tether; the readout there gives the peak just beside it.")
