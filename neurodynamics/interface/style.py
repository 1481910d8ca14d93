"""How every figure looks: the colour-blind-safe palette, site names as students read them, font sizes sized
for a projector, colormap names, and one helper that labels an axes.
"""
from __future__ import annotations

from matplotlib.axes import Axes

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: Site names as the figures and tables show them.
SITE_LABELS = {"cervical_cord": "neck cord", "conus": "conus", "root": "roots", "hip": "hip", "thigh": "thigh",
               "knee": "knee", "ankle": "ankle", "foot": "foot"}

# Font sizes (points).
LABEL_PT = 12  # axis labels and row labels of the evidence figures (projector-readable)
TICK_PT = 11  # tick labels, legends and small notes
TITLE_PT = 14  # titles of the evidence figures
STATIC_PT = 12  # base font of the lesson figures (dose bars, strain over time)
LIVE_PT = 12  # base font of the explorers' live figures
TRACE_PT = 11.5  # base font of the player's strain trace
PRESENTER_PT = 16  # base font of every live figure in presenter mode
PRESENTER_SCALE = 1.35  # live figures are this much bigger in presenter mode
#: Width of the live figures (inches; 820 px at 100 dpi): they fit an output area of JupyterLab at 1280 px with the
#: file browser open (about 850 px); presenter figures scale down to it there (``controls.fitted``).
LIVE_WIDTH_IN = 8.2

#: Strain along the nerve: perceptually uniform, readable with colour-vision deficiency and in greyscale.
STRAIN_COLORMAP = "viridis"
#: Signed changes (sensitivity heat map): diverging, colour-blind safe.
CHANGE_COLORMAP = "PuOr_r"


def label_axes(ax: Axes, xlabel: str | None = None, ylabel: str | None = None, title: str | None = None, *,
               size: float | None = None, title_size: float | None = None, tick_size: float | None = None,
               tick_axis: str = "both", grid: str | None = None) -> None:
    """Label an axes in one call: axis labels at ``size`` and the title at ``title_size`` (points; None keeps
    the current rc size), tick labels of ``tick_axis`` at ``tick_size`` (ticks made at draw time keep it), and a
    faint grid along ``grid`` ("x", "y" or "both"; None: no grid). A None label is left as it is."""
    text = {} if size is None else {"fontsize": size}
    if xlabel is not None:
        ax.set_xlabel(xlabel, **text)
    if ylabel is not None:
        ax.set_ylabel(ylabel, **text)
    if title is not None:
        ax.set_title(title, **({} if title_size is None else {"fontsize": title_size}))
    if tick_size is not None:
        ax.tick_params(axis=tick_axis, labelsize=tick_size)
    if grid is not None:
        ax.grid(axis=grid, alpha=0.3)
