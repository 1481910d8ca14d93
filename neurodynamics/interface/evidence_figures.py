"""Figures of the evidence lesson: the model's laws, the model against every calibration row, sensitivity; the
model's nerve sliding beside living people and cadavers; relaxation and blood flow through time; the blood-flow
curves; the uncertainty band along the tract.

Static figures (see :mod:`neurodynamics.interface.static_figures`): matplotlib's Figure API, no pyplot state,
shown in a notebook as a PNG with alt text. Strain in %, tension in N, blood flow in % of resting.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
from matplotlib import colors
from matplotlib.lines import Line2D

from ..evidence import citations, uncertainty, validation
from ..evidence.reference import number, published_row
from ..evidence.sensitivity import Sensitivity
from ..evidence.tables import is_plotted, readable, row_label
from ..model import anatomy, physiology
from ..model import parameters as P
from ..model.mechanics import default_model, resting_tension_n
from ..model.posture import Posture
from ..model.tension_law import TensionLaw
from .flow_lines import FLOW_COLOUR, estimate_band_pct
from .static_figures import StaticFigure, new_figure
from .style import CHANGE_COLORMAP, LABEL_PT, OKABE_ITO, SITE_LABELS, TICK_PT, TITLE_PT, label_axes


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
                         P.lookup("TOE_SHAPE"))
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


# --- Lessons 02 and 07: the model beside living people and cadavers; time course; flow curves; uncertainty ------

#: Smallest font (points) of the figures below: readable on a projector.
SMALL_PT = max(12, TICK_PT)
#: Model markers: inside the published spread (filled diamond) or a miss (hollow circle, labelled "miss").
INSIDE_COLOUR, MISS_COLOUR, PUBLISHED_COLOUR = OKABE_ITO[0], OKABE_ITO[5], OKABE_ITO[4]


def in_vivo_rows(comparisons: Sequence[validation.Comparison] | None = None) -> list[validation.Comparison]:
    """The rows of ``compare()`` that measured how far the nerve slides, in living people or cadavers: every
    in-vivo row, and the calibration rows of excursion in mm."""
    rows = comparisons or validation.compare()
    return [c for c in rows if c.published is not None and c.model is not None
            and (c.note.startswith("set-up: ") or (c.unit == "mm" and "excursion" in c.quantity))]


def _what(comparison: validation.Comparison) -> str:
    site = {"thigh": "back of the thigh", "knee": "back of the knee", "ankle": "ankle (sural nerve)",
            "conus": "end of the spinal cord"}.get(comparison.site, comparison.site)
    manoeuvre = comparison.manoeuvre.replace("->", "→").replace(" deg", "°").replace("coupled with cervical", "with neck")
    manoeuvre = re.sub(r"\bDF\b", "dorsiflexion", re.sub(r"\bPF\b", "plantarflexion", manoeuvre))
    return f"{manoeuvre}; at the {site}"


def in_vivo_figure(comparisons: Sequence[validation.Comparison] | None = None) -> StaticFigure:
    """Forest plot: how far the nerve slides (mm, + toward the head) in living people (ultrasound, MRI) and
    cadavers, each published mean with its spread (the acceptance band, and +-1 SD where the paper gives one),
    beside the model's value in the set-up chosen for it; a ratio row in its own panel. A model value outside the
    band is a hollow circle labelled "miss"; rows a parameter was fitted to say so."""
    rows = in_vivo_rows(comparisons)
    excursions = [c for c in rows if c.unit == "mm"]
    ratios = [c for c in rows if c.unit != "mm"]
    fig = new_figure((11, 1.15 * (len(excursions) + 1.6 * len(ratios)) + 2.0), dpi=80)
    grid = fig.add_gridspec(2, 1, height_ratios=[len(excursions) + 0.6, 1.6 * len(ratios) + 0.01])
    panels = [(fig.add_subplot(grid[0]), excursions, "nerve sliding (mm), + toward the head, − toward the feet")]
    if ratios:
        panels.append((fig.add_subplot(grid[1]), ratios, "ratio (no unit)"))
    for ax, group, xlabel in panels:
        values = [v for c in group for v in (c.band_low, c.band_high, c.model, c.published) if v is not None]
        left, right = min(values + [0.0]), max(values + [0.0])
        margin = 0.08 * (right - left)
        for y, c in enumerate(group):
            if y % 2 == 0:
                ax.axhspan(y - 0.75, y + 0.25, color="0.95", zorder=0)
            ax.plot([c.band_low, c.band_high], [y, y], color=PUBLISHED_COLOUR, linewidth=9, alpha=0.55,
                    solid_capstyle="butt", zorder=1)
            sd = number(published_row(c.row_id), "sd")
            if sd is not None:
                ax.errorbar(c.published, y, xerr=sd, color="black", linewidth=1.8, capsize=5, zorder=2)
            ax.plot(c.published, y, "|", color="black", markersize=18, markeredgewidth=2.5, zorder=3)
            if c.passed:
                ax.plot(c.model, y, "D", color=INSIDE_COLOUR, markeredgecolor="black", markersize=10, zorder=4)
            else:
                ax.plot(c.model, y, "o", color=MISS_COLOUR, markerfacecolor="white", markeredgewidth=2.8,
                        markersize=12, zorder=4)
                ax.annotate("miss", (c.model, y), xytext=(0, 9), textcoords="offset points", ha="center",
                            va="bottom", fontsize=SMALL_PT, color=MISS_COLOUR, fontweight="bold", zorder=5)
            role = "fitted to it" if c.fitted else "never fitted (a test)"
            study = f"{citations.study_label(c.row_id)} [{citations.subjects_label(c.subjects)}]"
            ax.text(left - margin, y - 0.3, f"{study} · {role}\n{_what(c)}", fontsize=SMALL_PT, va="bottom", ha="left")
        if group is excursions:
            ax.axvline(0.0, color="0.3", linewidth=1.0, zorder=0)
        else:
            ax.axvline(1.0, color="0.3", linewidth=1.0, linestyle=":", zorder=0)
        ax.set(xlim=(left - margin, right + margin), ylim=(len(group) - 0.4, -1.0), yticks=[])
        label_axes(ax, xlabel, size=SMALL_PT + 1, tick_size=SMALL_PT, grid="x")
    missed = [c for c in rows if not c.passed]
    handles = [
        Line2D([], [], color=PUBLISHED_COLOUR, linewidth=9, alpha=0.55, label="published spread (acceptance band)"),
        Line2D([], [], color="black", marker="|", markersize=16, markeredgewidth=2.5, linestyle="-",
               label="published mean ± 1 SD (where given)"),
        Line2D([], [], color=INSIDE_COLOUR, marker="D", markeredgecolor="black", markersize=10, linestyle="none",
               label="model, inside the band"),
        Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor=MISS_COLOUR, markeredgewidth=2.8,
               markersize=12, linestyle="none", label="model, a miss"),
    ]
    panels[-1][0].legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.45 if ratios else -0.12),
                         ncol=2, fontsize=SMALL_PT, frameon=False)
    tests = [c for c in rows if not c.fitted]
    title = f"Nerve sliding: the model lands inside {len(rows) - len(missed)} of {len(rows)} measured spreads"
    if tests:
        def share(count: int, total: int) -> str:
            return "none" if count == 0 else "all" if count == total else f"{count} of the"
        fitted_misses = sum(not c.passed for c in rows if c.fitted)
        title += (f";\nit misses {share(len(tests) - sum(bool(c.passed) for c in tests), len(tests))} "
                  f"{len(tests)} it was never fitted to, and {share(fitted_misses, len(rows) - len(tests))} "
                  f"{len(rows) - len(tests)} it was fitted to")
    panels[0][0].set_title(title, fontsize=TITLE_PT)
    fig.tight_layout()
    alt = (f"Forest plot of nerve sliding. For each of {len(rows)} measurements (living people by ultrasound or "
           f"MRI, and cadavers) a bar shows the published spread and a tick the published mean; a marker shows the "
           f"model. Inside: {', '.join(citations.study_label(c.row_id) for c in rows if c.passed) or 'none'}. "
           f"Misses, drawn hollow: " + "; ".join(f"{citations.study_label(c.row_id)}, {_what(c)}: published {c.published:.3g}, "
                                                  f"model {c.model:.2g} {c.model_unit}" for c in missed) + ".")
    return StaticFigure(fig, alt=alt)


def time_course_figure() -> StaticFigure:
    """Two panels: tension lost by nerve held at 6 % against time (log axis), the model beside the log-time target
    and Kwan et al.'s value at 1 h; blood flow in nerve held at 8 % over an hour, beside Clark et al. 1992's
    description (flow about halves, substantial recovery within 30 min; rat)."""
    (r09,) = validation.compare(row_ids={"R09"})
    fig = new_figure((11, 4.8), dpi=80)
    left, right = fig.subplots(1, 2)
    seconds = np.geomspace(1.0, 7200.0, 40)
    model = [validation.held_relaxation_pct(0.06, seconds=float(s), dt_s=0.5) for s in seconds]
    target = seconds >= P.RELAXATION_ONSET.value
    left.semilogx(seconds[target], validation.relaxation_target_pct(seconds[target]), color="0.35", linestyle="--",
                  linewidth=2.2, label="target: straight in log time\n(shape: human cadaver nerve;\nlevel: rabbit at 1 h)")
    left.semilogx(seconds, model, color=INSIDE_COLOUR, linewidth=3, label="model")
    left.errorbar(3600.0, r09.published, yerr=[[r09.published - r09.band_low], [r09.band_high - r09.published]],
                  fmt="s", color="black", markersize=9, capsize=6, label="Kwan et al. 1991 at 1 h\n(rabbit, in vitro)")
    left.set_xticks([1, 10, 60, 600, 3600, 7200], ["1 s", "10 s", "1 min", "10 min", "1 h", "2 h"])
    left.minorticks_off()
    left.legend(fontsize=SMALL_PT, loc="upper left", frameon=False)
    left.set_ylim(0, 62)
    label_axes(left, "time held at 6 % strain (log scale)", "tension lost (% of peak)",
               "Tension relaxes with log(time)", size=SMALL_PT + 1, title_size=TITLE_PT, tick_size=SMALL_PT,
               grid="both")

    minutes = np.arange(0.0, 61.0, 1.0)
    course = validation.held_flow_course(8.0, minutes=minutes)
    right.plot(minutes, [100 * course[m] for m in minutes], color=FLOW_COLOUR, linewidth=3,
               label="model, held at 8 %")
    right.plot(0.0, 50.0, "s", color="black", markersize=9, label="Clark et al. 1992: about half\nat 8 % (rat)")
    right.axvspan(0.0, 30.0, color="0.9", zorder=0)
    right.text(15.0, 94, "Clark et al.: substantial\nrecovery within 30 min", ha="center", va="top",
               fontsize=SMALL_PT, color="0.2")
    right.set(xlim=(-1, 60), ylim=(40, 100), xticks=[0, 10, 20, 30, 40, 50, 60])
    right.legend(fontsize=SMALL_PT, loc="lower right", frameon=False)
    label_axes(right, "minutes held", "blood flow (% of resting)", "Blood flow recovers over tens of minutes",
               size=SMALL_PT + 1, title_size=TITLE_PT, tick_size=SMALL_PT, grid="both")
    fig.tight_layout()
    lost_1h = validation.held_relaxation_pct(0.06, seconds=3600.0, dt_s=0.5)
    target_1h = float(validation.relaxation_target_pct(np.array([3600.0]))[0])
    alt = (f"Left: tension lost by nerve held at 6 % strain against time on a log axis; the model's curve rises "
           f"close to the straight log-time target, losing {lost_1h:.0f} % at 1 h against "
           f"the target's {target_1h:.0f} %, inside Kwan et al.'s "
           f"{r09.band_low:g}-{r09.band_high:g} % (published {r09.published:g} %). Right: blood flow in nerve held at "
           f"8 % rises from {100 * course[0.0]:.0f} % to {100 * course[30.0]:.0f} % of resting by 30 min and "
           f"{100 * course[60.0]:.0f} % by 60 min, as Clark et al. 1992 described in rats.")
    return StaticFigure(fig, alt=alt)


def flow_curves_figure() -> StaticFigure:
    """Blood flow (% of resting) against strain (%) on the low, central and high curves, with the estimated onset
    of the fall shaded and the measured animal points marked."""
    fig = new_figure((9, 5), dpi=80)
    ax = fig.subplots()
    strain = np.linspace(0.0, 18.0, 721)
    onset_low, onset_high = P.FLOW_ONSET_RANGE.value
    ax.axvspan(onset_low, onset_high, color=FLOW_COLOUR, alpha=0.14, linewidth=0)
    ax.text(0.5 * (onset_low + onset_high), 8, f"flow starts to fall:\nan estimate ({onset_low:g}-{onset_high:g} %)",
            ha="center", va="bottom", fontsize=SMALL_PT, color="0.2")
    for curve, colour, dash in (("low", OKABE_ITO[2], "--"), ("central", FLOW_COLOUR, "-"),
                                ("high", OKABE_ITO[0], ":")):
        ax.plot(strain, 100 * physiology.blood_flow_fraction(strain, curve=curve), color=colour, linestyle=dash,
                linewidth=3, label=f"{curve} curve (flow starts to fall at "
                                   f"{physiology.full_flow_strain_pct(curve):g} %)")
    measured = np.array([p for p in P.BLOOD_FLOW_POINTS.value if p[0] >= P.HALF_FLOW_STRAIN.value])
    ax.plot(measured[:, 0], 100 * measured[:, 1], "o", color="black", markersize=9,
            label="measured in animals (rat, rabbit)")
    ax.set(xlim=(0, 18), ylim=(-3, 105))
    ax.legend(fontsize=SMALL_PT, loc="upper right", frameon=False)
    label_axes(ax, "strain beyond the length in standing (%)", "blood flow (% of resting)",
               "From 8 % on the curve is measured (in animals); where the fall starts is an estimate",
               size=SMALL_PT + 1, title_size=TITLE_PT - 1, tick_size=SMALL_PT, grid="both")
    fig.tight_layout()
    alt = (f"Blood flow against strain: three curves, low, central and high, share the measured animal points "
           f"from {P.HALF_FLOW_STRAIN.value:g} % on (half flow) to arrest near {measured[-1, 0]:g} %; below "
           f"{P.HALF_FLOW_STRAIN.value:g} % they differ, starting to fall at {onset_low:g} %, "
           f"{physiology.full_flow_strain_pct():g} % or {onset_high:g} %; the band {onset_low:g}-{onset_high:g} % "
           f"is shaded as an estimate.")
    return StaticFigure(fig, alt=alt)


def uncertainty_figure(posture: Posture, title: str | None = None) -> StaticFigure:
    """Strain (%) and excursion (mm) along the tract in ``posture``: the model's line inside the low-high band
    over the plausible parameter values (``uncertainty.band``)."""
    result = uncertainty.band(posture)
    profile = default_model().solve(posture).profile()
    fig = new_figure((11, 6.8), dpi=80)
    top, bottom = fig.subplots(2, 1, sharex=True)
    for ax, line, low, high, colour, ylabel in (
            (top, profile.strain_pct, result.strain_low_pct, result.strain_high_pct, OKABE_ITO[0], "strain (%)"),
            (bottom, profile.excursion_mm, result.excursion_low_mm, result.excursion_high_mm, OKABE_ITO[5],
             "sliding (mm)\n+ toward the head")):
        ax.fill_between(result.arc_length_mm, low, high, color=colour, alpha=0.25, linewidth=0,
                        label="band: plausible parameter values")
        ax.plot(profile.arc_length_mm, line, color=colour, linewidth=2.5, label="the model")
        label_axes(ax, ylabel=ylabel, size=SMALL_PT + 1, tick_size=SMALL_PT, grid="y")
        ax.legend(fontsize=SMALL_PT, loc="upper left", frameon=False)
    for site, position in anatomy.SITE_POSITIONS_MM.items():
        for ax in (top, bottom):
            ax.axvline(position, color="0.8", linewidth=1.0, zorder=0)
        top.text(position, 1.02, SITE_LABELS[site], transform=top.get_xaxis_transform(), rotation=40,
                 ha="left", va="bottom", fontsize=SMALL_PT)
    label_axes(bottom, "distance along the tract from the skull (mm)", size=SMALL_PT + 1)
    name = title or "How sure is the model? Strain and sliding with their band of doubt"
    top.set_title(name, fontsize=TITLE_PT, pad=48)
    fig.tight_layout()
    thigh = uncertainty.site_range(posture, "thigh")
    alt = (f"{name}. Two panels along the tract from skull to foot: strain (top) and sliding (bottom), the model's "
           f"line inside a shaded band over the plausible parameter values; at mid-thigh strain spans "
           f"{thigh['strain_pct'][0]:.1f}-{thigh['strain_pct'][1]:.1f} % and sliding "
           f"{thigh['excursion_mm'][0]:.0f}-{thigh['excursion_mm'][1]:.0f} mm.")
    return StaticFigure(fig, alt=alt)
