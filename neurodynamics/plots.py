"""Matplotlib figures of the model: strain along the tract, with sites and blood-flow bands marked.

Colours are the Okabe-Ito palette (safe for colour-blind viewers); fonts are sized for a projector.
"""
from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from . import anatomy
from .mechanics import Model, default_model
from .posture import Posture

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: Stretch beyond the resting length (percent) at which intraneural blood flow halves and stops, with sources.
FLOW_BANDS = ((8.0, "+8 % beyond resting length: blood flow about halves (rat, Clark et al. 1992, R11)"),
              (15.0, "+15 %: blood flow nearly stops (rat and rabbit, R12-R13)"))

SITE_LABELS = {"cervical_cord": "neck cord", "conus": "conus", "root": "roots", "hip": "hip", "thigh": "thigh",
               "knee": "knee", "ankle": "ankle", "foot": "foot"}


def mark_sites(ax: Axes) -> None:
    """Vertical guides and labels at the named sites along the tract."""
    for site, position in anatomy.SITE_POSITIONS_MM.items():
        ax.axvline(position, color="0.85", linewidth=1.0, zorder=0)
        ax.text(position, 1.01, SITE_LABELS[site], transform=ax.get_xaxis_transform(), rotation=45,
                ha="left", va="bottom", fontsize="small")


def mark_flow_bands(ax: Axes, model: Model) -> None:
    """Lines where blood flow halves and stops: a fixed stretch beyond each region's resting strain.

    The animal studies stretched nerves from their length in the body, so the thresholds sit above the
    resting strain of each region, which is why the lines step at region boundaries.
    """
    arc = model.solve(Posture()).profile().arc_length_mm
    for (stretch_pct, label), style in zip(FLOW_BANDS, ("--", ":")):
        threshold = (1.0 + model.resting_strain_pct() / 100.0) * (1.0 + stretch_pct / 100.0) * 100.0 - 100.0
        ax.plot(arc, threshold, color=OKABE_ITO[5], linestyle=style, linewidth=1.5, label=label)


def strain_along_tract(postures: Sequence[Posture], labels: Sequence[str], model: Model | None = None,
                       title: str = "Strain along the sciatic tract") -> Figure:
    """One line of strain (%) against distance from the skull (mm) per posture."""
    model = model or default_model()
    fig, ax = plt.subplots(figsize=(10, 5.5))
    for index, (posture, label) in enumerate(zip(postures, labels)):
        profile = model.solve(posture).profile()
        ax.plot(profile.arc_length_mm, profile.strain_pct, color=OKABE_ITO[index % len(OKABE_ITO)],
                linewidth=2.5, label=label)
    mark_flow_bands(ax, model)
    mark_sites(ax)
    ax.set_xlabel("distance along the tract from the skull (mm)")
    ax.set_ylabel("nerve strain (%)")
    ax.set_title(title, pad=38)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize="small", frameon=False)
    fig.tight_layout()
    return fig
