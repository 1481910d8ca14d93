"""The tether control in a clinician's words: where the nerve is tied down, how strongly, and what that means.

A tether (``Model(entrapment={site: strength})``) bonds the nerve to its bed over ``TETHER_LENGTH`` (mm): scar or
a fascial band. Strengths run from 1 (no tether) to 100, and ``FIXED`` fixes the nerve to its bed.
"""
from __future__ import annotations

from ..model import parameters as P
from ..model.mechanics import FIXED
from .style import SITE_LABELS

NO_TETHER = "none"
#: Tether strengths offered, in words: (label, strength).
STRENGTHS = (
    ("loose: holds back about half the sliding", 10.0),
    ("firm: holds back about nine tenths", 100.0),
    ("fixed to the bed", FIXED),
)
DEFAULT_STRENGTH = 100.0  # firm: changes the picture at a glance


def strength_words(strength: float) -> str:
    """The label of a strength offered (``STRENGTHS``), or "strength N" for any other."""
    return next((label for label, value in STRENGTHS if value == strength), f"strength {strength:g}")


def tether_line(site: str, strength: float) -> str:
    """One line on what the tether does (``site`` "none": no tether)."""
    if site == NO_TETHER:
        return "No tether: the nerve slides freely in its bed."
    length = P.TETHER_LENGTH.value
    hold = "cannot slide" if strength == FIXED else "slides less"
    return (f"Tied down at the {SITE_LABELS[site]} ({strength_words(strength)}): over {length:g} mm the nerve {hold} "
            "in its bed, so strain piles up between the moving joint and the tether; the readout there gives the "
            "peak just beside it.")
