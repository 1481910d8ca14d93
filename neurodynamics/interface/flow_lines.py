"""The blood-flow lines on every strain plot, and a strain axis that keeps a slack nerve on the chart.

Strain is % elongation beyond the nerve's in-situ length in neutral standing, as the animal studies measured it,
so blood flow halves at the same strain (``HALF_FLOW_STRAIN``, 8 %) and nearly stops at the same strain
(``NO_FLOW_STRAIN``, 15 %) everywhere along the tract: flat lines. Between full flow (about 4 %) and 8 % the flow
curve is an estimate, not a measurement: that band is shaded and labelled as one.
"""
from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes

from ..model import parameters as P
from ..model import physiology
from ..model.mechanics import Model
from .style import OKABE_ITO

HALF_PCT, NONE_PCT = P.HALF_FLOW_STRAIN.value, P.NO_FLOW_STRAIN.value
#: Top of the strain axes of the live figures (%): room above the line where blood flow stops.
STRAIN_TOP_PCT = 25.0
FLOW_COLOUR = OKABE_ITO[5]

#: Each line: (strain %, line style, short label, long label).
#: Where the lines come from: measured in animal peripheral nerve, drawn over the cord and roots too, and said so
#: (on small panels, in one line above the upper line's label).
SOURCE = "animal peripheral nerve"
SOURCE_NOTE = f"both lines: {SOURCE}"
FLOW_LINES = (
    (HALF_PCT, "--", "blood flow halves",
     f"{HALF_PCT:g} % strain: blood flow about halves ({SOURCE}: rat, Clark et al. 1992)"),
    (NONE_PCT, ":", "blood flow stops", f"{NONE_PCT:g} %: blood flow nearly stops ({SOURCE}: rat and rabbit)"),
)


def estimate_band_pct() -> tuple[float, float]:
    """Strain (%) where the blood-flow curve is an estimate: from the earliest plausible start of the fall (the low
    flow curve's last full flow) to the line where it halves."""
    return physiology.full_flow_strain_pct("low"), HALF_PCT


def mark_flow_lines(ax: Axes, short: bool = False, fontsize: float | str = "small") -> list:
    """Flat lines where blood flow halves and stops, and the estimated part of the flow curve shaded between
    them and full flow. ``short``: each labelled on the plot at its right end (small panels; ``fontsize`` in
    points or a matplotlib size name); else labelled for a legend. Returns the artists."""
    low, high = estimate_band_pct()
    estimate = f"{low:g}-{high:g} %: blood flow starts to fall (an estimate, not measured)"
    artists = [ax.axhspan(low, high, color=FLOW_COLOUR, alpha=0.12, linewidth=0, zorder=0,
                          label=None if short else estimate)]
    for strain, style, short_label, label in FLOW_LINES:
        artists.append(ax.axhline(strain, color=FLOW_COLOUR, linestyle=style, linewidth=1.5,
                                  label=None if short else label))
    if short:  # the estimate at the left end, the lines at the right end
        across = ax.get_yaxis_transform()
        for x, strain, text in ((0.01, 0.5 * (low + high), "flow falls (estimate)"),
                                *((0.99, s, t) for s, _, t, _ in FLOW_LINES)):
            artists.append(ax.text(x, strain, text, transform=across, ha="left" if x < 0.5 else "right",
                                   va="center" if strain < high else "bottom", fontsize=fontsize,
                                   color=FLOW_COLOUR, clip_on=True, zorder=1))
        # the lines' source, above the upper label: a third of the way from the upper line to the top of the axes
        top = ax.get_ylim()[1]
        artists.append(ax.text(0.99, NONE_PCT + 0.4 * (top - NONE_PCT), SOURCE_NOTE, transform=across, ha="right",
                               va="bottom", fontsize=fontsize, color=FLOW_COLOUR, clip_on=True, zorder=1))
    return artists


def strain_axis_pct(model: Model) -> tuple[float, float]:
    """Limits (%) of a strain axis that holds the model's deepest slack point and the line where flow stops."""
    floor = float(np.min(model.slack_point_pct()))
    return math.floor(floor) - 1.0, STRAIN_TOP_PCT
