"""The explorers' live figures: built once on an ipympl canvas, then updated in place on every slider move.

``ExplorerFigure``: the body diagram with the nerve coloured by strain, strain (or tension) along the tract, and
the "hamstring or nerve?" bars. ``HoldFlossFigure``: tension, strain and blood flow over time, a sustained hold
beside a floss. Strain in %, tension in N, distance in mm, time in s, blood flow in % of resting.
"""
from __future__ import annotations

import matplotlib
import matplotlib.patches
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize

from ..model import anatomy
from ..model.mechanics import Model, Solution
from ..model.posture import Posture
from . import body
from .live import InPlaceDrawing, make_live_figure
from .static_figures import mark_flow_bands
from .style import LIVE_PT, OKABE_ITO, PRESENTER_PT, PRESENTER_SCALE, SITE_LABELS, STRAIN_COLORMAP

STRAIN_LIMITS_PCT = (-10.0, 25.0)
TENSION_LIMIT_N = 40.0
NERVE_DRAWING_STRIDE = 3  # elements per drawn segment of the nerve


class ExplorerFigure:
    """Body diagram with the nerve coloured by strain, strain (or tension) along the tract, and the
    "hamstring or nerve?" bars. Call :meth:`update` with a solution; only the moving artists are redrawn."""

    def __init__(self, model: Model, presenter: bool = False) -> None:
        self.model = model
        self.presenter = presenter
        self.quantity = "strain"
        self.lying = False  # draw the body lying on its back (head to the left, face up) instead of upright
        scale = PRESENTER_SCALE if presenter else 1.0
        with matplotlib.rc_context({"font.size": PRESENTER_PT if presenter else LIVE_PT}):
            self.figure = make_live_figure((8.4 * scale, 4.6 * scale))
            grid = self.figure.add_gridspec(2, 2, width_ratios=(1.1, 1.4), height_ratios=(1.6, 1.0))
            self.body_ax = self.figure.add_subplot(grid[:, 0])
            self.tract_ax = self.figure.add_subplot(grid[0, 1])
            self.bars_ax = self.figure.add_subplot(grid[1, 1])
            self._build_body()
            self._build_tract()
            self._build_bars()
            self.figure.tight_layout()
        self.drawing = InPlaceDrawing(
            self.figure, [self.body_line, self.head, self.nerve, self.tract_line, *self.bars, *self.bar_labels])

    # -- building (once) --
    def _build_body(self) -> None:
        ax = self.body_ax
        ax.set_aspect("equal")
        ax.set_xlim(-0.7, 0.7)  # square: room for every posture, upright or lying
        ax.set_ylim(-0.7, 0.7)
        ax.axis("off")
        ax.set_title("Body, side view")
        (self.body_line,) = ax.plot([], [], color="0.82", linewidth=7, solid_capstyle="round", zorder=1)
        self.head = matplotlib.patches.Circle((0, 0), body.SEGMENT["head"], facecolor="0.9", edgecolor="0.7",
                                              linewidth=2, zorder=1)
        ax.add_patch(self.head)
        self.nerve = LineCollection([], cmap=STRAIN_COLORMAP, norm=Normalize(*STRAIN_LIMITS_PCT), linewidth=5,
                                    capstyle="round", zorder=2)
        ax.add_collection(self.nerve)
        bar = self.figure.colorbar(self.nerve, ax=ax, orientation="horizontal", fraction=0.05, pad=0.02)
        bar.set_label("nerve strain (%)")

    def _build_tract(self) -> None:
        ax = self.tract_ax
        arc = self.model.solve(Posture()).profile().arc_length_mm
        (self.tract_line,) = ax.plot(arc, np.zeros_like(arc), color=OKABE_ITO[0], linewidth=2.5)
        self._style_tract_axes()

    def _style_tract_axes(self) -> None:
        ax = self.tract_ax
        for artist in list(ax.lines[1:]) + list(ax.texts) + list(ax.collections):
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        ax.set_xlim(0, anatomy.TRACT_LENGTH_MM)
        if self.quantity == "strain":
            ax.set_ylim(*STRAIN_LIMITS_PCT)
            ax.set_ylabel("strain (%)")
            mark_flow_bands(ax, self.model, short=True)
            ax.legend(loc="lower right", fontsize="small", ncol=2, framealpha=0.9)
            ax.set_title("Strain along the tract", fontsize="medium")
        else:
            ax.set_ylim(0, TENSION_LIMIT_N)
            ax.set_ylabel("tension (N)")
            ax.set_title("Tension along the tract", fontsize="medium")
        ax.set_xlabel("distance from the skull (mm)")
        for site, position in anatomy.SITE_POSITIONS_MM.items():
            ax.axvline(position, color="0.88", linewidth=1, zorder=0)
        ax.set_xticks(list(anatomy.SITE_POSITIONS_MM.values()),
                      [SITE_LABELS[s] for s in anatomy.SITE_POSITIONS_MM], rotation=55, ha="right",
                      rotation_mode="anchor", fontsize="small")
        ax.set_xlabel("site along the tract (skull to forefoot)")

    def _build_bars(self) -> None:
        ax = self.bars_ax
        self.bars = list(ax.barh([1, 0], [0, 0], color=[OKABE_ITO[1], OKABE_ITO[0]], height=0.6))
        ax.set_yticks([1, 0], ["hamstring\nlength", "sciatic nerve\nat thigh"])
        ax.set_xlim(-25, 25)
        ax.axvline(0, color="0.3", linewidth=1)
        ax.set_xlabel("lengthening since standing (%)")
        ax.set_title("Hamstring or nerve?", fontsize="medium")
        self.bar_labels = [ax.text(0, y, "", va="center", fontsize="small") for y in (1, 0)]

    # -- updating (every slider move) --
    def set_quantity(self, quantity: str) -> None:
        """Show "strain" or "tension" along the tract (a full redraw: the axis changes)."""
        if quantity not in ("strain", "tension"):
            raise ValueError(f"quantity must be 'strain' or 'tension', got {quantity!r}")
        self.quantity = quantity
        self._style_tract_axes()

    def set_view(self, lying: bool) -> None:
        """Draw the body upright (standing or sitting) or lying on its back; shown at the next update."""
        self.lying = bool(lying)

    def _placed(self, points: np.ndarray) -> np.ndarray:
        """Body points (..., 2) turned a quarter turn for the lying view: up becomes left, front becomes up."""
        return np.stack([-points[..., 1], points[..., 0]], axis=-1) if self.lying else points

    def update(self, solution: Solution, hamstring_pct: float) -> None:
        """Move every moving artist to ``solution``'s posture and values."""
        points = body.joints(solution.posture)
        outline = self._placed(np.array([points[name] for name in ("skull", "shoulder", "hip", "knee", "ankle",
                                                                   "toes")]))
        self.body_line.set_data(outline.T)
        self.head.set_center(self._placed(points["head_centre"]))
        profile = solution.profile()
        drawn = self.model.grid.s_mm[::NERVE_DRAWING_STRIDE]  # fewer segments draw faster and look the same
        nodes = self._placed(body.nerve_path(solution.posture, drawn))
        self.nerve.set_segments(np.stack([nodes[:-1], nodes[1:]], axis=1))
        self.nerve.set_array(np.interp(0.5 * (drawn[1:] + drawn[:-1]), profile.arc_length_mm, profile.strain_pct))
        self.tract_line.set_ydata(profile.strain_pct if self.quantity == "strain" else profile.tension_n)
        nerve_pct = solution.stretch("thigh")
        for bar, label, value in zip(self.bars, self.bar_labels, (hamstring_pct, nerve_pct)):
            bar.set_width(value)
            label.set_text(f"{value:+.1f} %")
            label.set_x(value + (1.0 if value >= 0 else -1.0))
            label.set_ha("left" if value >= 0 else "right")

    def redraw(self, full: bool = False) -> None:
        """Show the new state (only the moving artists, unless ``full``)."""
        self.drawing.redraw(full)


class HoldFlossFigure:
    """Tension, strain and blood flow over time at one site: the hold on the left, the floss on the right,
    each row on the same axis limits so the two can be compared at a glance."""

    ROWS = (("tension", "tension (N)"), ("strain", "strain (%)"), ("blood_flow", "blood flow (% of resting)"))

    def __init__(self, presenter: bool = False) -> None:
        scale = PRESENTER_SCALE if presenter else 1.0
        with matplotlib.rc_context({"font.size": PRESENTER_PT if presenter else LIVE_PT}):
            self.figure = make_live_figure((10.0 * scale, 6.4 * scale))
            self.axes = self.figure.subplots(3, 2, sharex="col", sharey="row")
            self.lines = {}
            for row, (key, label) in enumerate(self.ROWS):
                self.axes[row, 0].set_ylabel(label)
                for column, colour in enumerate((OKABE_ITO[5], OKABE_ITO[0])):
                    (self.lines[key, column],) = self.axes[row, column].plot([], [], color=colour, linewidth=2)
            for column, title in enumerate(("sustained hold", "floss")):
                self.axes[-1, column].set_xlabel("time (s)")
                self.axes[0, column].set_title(title)
            self.figure.suptitle("A sustained hold (left) against flossing (right)")
            self.figure.tight_layout(rect=(0, 0, 1, 0.96))

    def update(self, hold, floss, site: str) -> None:
        """Show two :class:`~neurodynamics.model.dynamics.TimeSeries` at ``site``."""
        for column, series in enumerate((hold, floss)):
            self.axes[0, column].set_title(f"{series.program.name} ({series.program.duration_s:.0f} s)")
            values = {"tension": series.tension(site), "strain": series.strain(site),
                      "blood_flow": 100.0 * series.blood_flow(site)}
            for key, _ in self.ROWS:
                self.lines[key, column].set_data(series.t, values[key])
            self.axes[0, column].set_xlim(0, max(series.t[-1], 1.0))
        for row, (key, _) in enumerate(self.ROWS):
            data = np.concatenate([self.lines[key, c].get_ydata() for c in range(2)])
            low, high = (0.0, 105.0) if key == "blood_flow" else (min(0.0, data.min()), data.max())
            self.axes[row, 0].set_ylim(low, high + 0.08 * (high - low) + 1e-6)
        self.figure.suptitle(f"At the {SITE_LABELS[site]}: a sustained hold (left) against flossing (right)")
        self.figure.canvas.draw_idle()
