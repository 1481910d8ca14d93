"""Figures of the evidence lesson: the model's laws, the model against every calibration row, sensitivity.

Static figures (see :mod:`neurodynamics.interface.static_figures`): matplotlib's Figure API, no pyplot state,
shown in a notebook as a PNG with alt text. Strain in %, tension in N, blood flow in % of resting.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib import colors

from ..evidence import validation
from ..evidence.sensitivity import Sensitivity
from ..evidence.tables import is_plotted, readable, row_label
from ..model import anatomy, physiology
from ..model import parameters as P
from ..model.mechanics import resting_tension_n
from ..model.tension_law import TensionLaw
from .flow_lines import FLOW_COLOUR, estimate_band_pct
from .static_figures import StaticFigure, new_figure
from .style import CHANGE_COLORMAP, LABEL_PT, OKABE_ITO, TICK_PT, TITLE_PT, label_axes


def laws_figure() -> StaticFigure:
    """Three panels: tension-strain law per region (N vs %), blood flow vs strain (%, the estimated part of the
    curve shaded), relaxation vs time (%)."""
    fig = new_figure((10, 4.2), dpi=80)
    axes = fig.subplots(1, 3)
    strain = np.linspace(-0.02, 0.16, 361)
    shown = {"cervical cord": "spinal cord", "lumbosacral roots": "roots", "sciatic nerve (thigh)": "sciatic",
             "tibial nerve (leg)": "tibial"}
    regions = [region for region in anatomy.REGIONS if region.name in shown]
    for index, region in enumerate(regions):
        law = TensionLaw(np.array([P.lookup(region.axial_stiffness)]), np.array([P.lookup(region.toe_end_strain)]),
                         P.TOE_SHAPE.value)
        axes[0].plot(100 * strain, law.tension(strain[:, None])[0][:, 0], color=OKABE_ITO[index], linewidth=2.5,
                     label=shown[region.name])
    axes[0].axhline(resting_tension_n(), color="0.4", linestyle=":", linewidth=1.5)
    axes[0].text(-1.5, resting_tension_n() + 0.4, "resting tension", fontsize=TICK_PT, color="0.3")
    axes[0].set(xlim=(-2, 16), ylim=(0, 16))
    axes[0].legend(fontsize=TICK_PT, frameon=False, loc="upper left")
    _label(axes[0], "elongation beyond slack length (%)", "tension T (N)", "Slack, toe, then linear")

    strain = np.linspace(0, 20, 401)
    axes[1].plot(strain, 100 * physiology.blood_flow_fraction(strain), color=FLOW_COLOUR, linewidth=2.5)
    points = np.array(P.BLOOD_FLOW_POINTS.value)
    axes[1].plot(points[:, 0], 100 * points[:, 1], "o", color="black", markersize=6)
    low, high = estimate_band_pct()
    axes[1].axvspan(low, high, color=FLOW_COLOUR, alpha=0.12, linewidth=0)
    axes[1].text(0.5 * (low + high), 8, "estimate", ha="center", fontsize=TICK_PT, color="0.3")
    _label(axes[1], "strain (%)", "blood flow (% of resting)", "Stretch starves the nerve")

    seconds = np.array([1, 3, 10, 30, 60, 300, 600, 1800, 3600])
    lost = [validation.held_relaxation_pct(0.06, seconds=float(s)) for s in seconds]
    axes[2].semilogx(seconds, lost, "o-", color=OKABE_ITO[0], linewidth=2.2)
    axes[2].set_xticks([1, 10, 60, 600, 3600], ["1 s", "10 s", "1 min", "10 min", "1 h"])
    axes[2].minorticks_off()
    _label(axes[2], "time held at 6 % strain", "tension lost (%)", "Holds relax with log(time)")
    fig.tight_layout()
    return StaticFigure(fig)


def _label(ax, xlabel: str, ylabel: str, title: str) -> None:
    label_axes(ax, xlabel, ylabel, title, size=LABEL_PT, title_size=LABEL_PT + 1, tick_size=TICK_PT, grid="both")


def calibration_figure(comparisons: Sequence[validation.Comparison] | None = None) -> StaticFigure:
    """Forest plot: each numeric row's published band and the model's value, as % of the published value."""
    rows = [c for c in (comparisons or validation.compare()) if is_plotted(c)]
    quantities = [c.quantity for c in rows]
    fig = new_figure((10, 7), dpi=80)
    ax = fig.subplots()
    right = 320.0
    for y, c in enumerate(rows):
        scale = 100.0 / c.published
        ends = [right if v is None else v * scale for v in (c.band_low, c.band_high)]
        low, high = sorted(ends) if None not in (c.band_low, c.band_high) else (min(ends), right)
        if y % 2 == 0:
            ax.axhspan(y - 0.72, y + 0.28, color="0.94", zorder=0)
        ax.plot([low, high], [y, y], color=OKABE_ITO[4], linewidth=8, alpha=0.6, solid_capstyle="butt",
                label="published range (band)" if y == 0 else None)
        if high >= right:
            ax.annotate("", xy=(right + 8, y), xytext=(right - 14, y),
                        arrowprops={"arrowstyle": "-|>", "color": OKABE_ITO[4], "lw": 2})
        ax.plot(100.0, y, "|", color="black", markersize=16, markeredgewidth=2.2,
                label="published value" if y == 0 else None)
        style = {"marker": "D", "color": OKABE_ITO[5]} if c.passed else {"marker": "X", "color": OKABE_ITO[1]}
        ax.plot(c.model * scale, y, linestyle="none", markersize=9, markeredgecolor="black", **style,
                label=("model (inside band)" if c.passed else "model (outside band)")
                if y == 0 or not c.passed else None)
        ax.text(2, y - 0.2, row_label(c, quantities.count(c.quantity) > 1), fontsize=TICK_PT, va="bottom")
    passed = sum(bool(c.passed) for c in rows)
    verdict = "all" if passed == len(rows) else f"{passed} of"
    ax.set(xlim=(0, right + 12), ylim=(len(rows) - 0.5, -0.85), yticks=[])
    label_axes(ax, "value as % of the published value (published = 100 %)",
               title=f"The model lands inside the published range for {verdict} {len(rows)} measured rows",
               size=LABEL_PT, title_size=TITLE_PT, tick_size=TICK_PT, grid="x")
    ax.legend(loc="lower right", fontsize=TICK_PT, framealpha=0.95)
    fig.tight_layout()
    return StaticFigure(fig)


def sensitivity_figure(result: Sensitivity) -> StaticFigure:
    """Heat map: % change of each output (columns) when each parameter (rows) is raised by the step."""
    order = np.argsort(-np.abs(result.raised_pct).max(axis=1), kind="stable")
    values = result.raised_pct[order]
    limit = max(5.0, 5.0 * math.ceil(np.abs(values).max() / 5.0))
    fig = new_figure((10, 7), dpi=80)
    ax = fig.subplots()
    image = ax.imshow(values, cmap=CHANGE_COLORMAP, norm=colors.Normalize(-limit, limit), aspect="auto")
    for (i, j), value in np.ndenumerate(values):
        if abs(value) >= 0.5:
            ax.text(j, i, f"{value:+.0f}", ha="center", va="center", fontsize=TICK_PT - 1,
                    color="white" if abs(value) > 0.55 * limit else "black")
    ax.set_yticks(range(len(order)), [readable(result.parameters[i]) for i in order], fontsize=TICK_PT)
    ax.set_xticks(range(len(result.outputs)), result.outputs, fontsize=TICK_PT)
    ax.xaxis.tick_top()
    bar = fig.colorbar(image, ax=ax, fraction=0.035, pad=0.015)
    bar.set_label(f"% change of the output when the parameter is raised by {100 * result.step:.0f} %",
                  fontsize=LABEL_PT - 1)
    bar.ax.tick_params(labelsize=TICK_PT)
    leaders = ", ".join(readable(result.parameters[i]) for i in order[:3])
    ax.set_title(f"A few parameters drive the answers: {leaders}\n"
                 f"(blank cells: less than 0.5 % change)", fontsize=TITLE_PT - 1)
    fig.tight_layout()
    return StaticFigure(fig)


def tornado_figure(result: Sensitivity, output: str, top: int = 8) -> StaticFigure:
    """Tornado chart for one output: % change for parameter +step and -step, the largest ``top`` effects."""
    ranking = result.ranking(output)[:top][::-1]
    fig = new_figure((9, 5), dpi=80)
    ax = fig.subplots()
    y = np.arange(len(ranking))
    pct = round(100 * result.step)
    ax.barh(y, [r[1] for r in ranking], color=OKABE_ITO[0], label=f"parameter +{pct} %")
    ax.barh(y, [r[2] for r in ranking], color=OKABE_ITO[1], label=f"parameter −{pct} %")
    ax.axvline(0, color="black", linewidth=1)
    ax.set_yticks(y, [readable(r[0]) for r in ranking], fontsize=LABEL_PT)
    name = " ".join(output.split("\n")[:-1])  # without the unit line
    label_axes(ax, f"% change of the {name}",
               title=f"{readable(ranking[-1][0]).capitalize()} changes the {' '.join(output.split()[:2])} most",
               size=LABEL_PT, title_size=TITLE_PT, tick_size=TICK_PT, tick_axis="x", grid="x")
    ax.legend(fontsize=TICK_PT, loc="lower right")
    fig.tight_layout()
    return StaticFigure(fig)
