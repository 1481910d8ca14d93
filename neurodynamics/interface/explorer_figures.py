"""The explorers' live figures: built once on a live canvas (:mod:`.live`), then updated in place on every slider move.

``ExplorerFigure``: the body diagram with the nerve coloured by strain, strain (or tension) along the tract, and
the "hamstring or nerve?" bars of change since a pinned posture (or standing). A pinned posture stays as a faint
picture; a tether is drawn as a clamp on the nerve and on the tract; the plausible range of the model's strain can
be shaded around the strain line. ``HoldFlossFigure``: tension, strain and blood
flow over time, a sustained hold beside a floss. Strain in %, changes in percentage points, tension in N, distance
in mm, time in s, blood flow in % of resting.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence

import matplotlib
import matplotlib.patches
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize
from matplotlib.transforms import Bbox, blended_transform_factory

from ..evidence.uncertainty import Band
from ..model import anatomy
from ..model.mechanics import Model, Solution
from ..model.posture import Posture
from . import body
from .compare import Change
from .flow_lines import mark_flow_lines, strain_axis_pct
from .live import InPlaceDrawing, Region, make_live_figure
from .style import LIVE_PT, LIVE_WIDTH_IN, OKABE_ITO, PRESENTER_PT, PRESENTER_SCALE, SITE_LABELS, STRAIN_COLORMAP

TENSION_LIMIT_N = 40.0
NERVE_DRAWING_STRIDE = 9  # elements per drawn segment of the nerve (45 mm: looks the same, draws faster)
BAR_ROWS = (1, 0)  # heights of the hamstring bar and the nerve bar
LIMIT_KEEP = 0.75  # hold-versus-floss axes keep their limits while the data fill more than this share of them
#: Widest text of a bar's value (digits are all as wide: any change from -99.9 to +99.9 pp is as wide or
#: narrower), with the longest site name after it: the layout leaves room for them (one text per bar, so a value
#: never overlaps its site name).
WIDEST_VALUE = "+00.0"
#: Axis of the "hamstring or nerve?" bars, percentage points of change: at least 10 px a point at the default size.
CHANGE_LIMITS_PP = (-10.0, 18.0)
#: Room left around the body's outline in its panel (body heights): the nerve drawn behind it, and a little more.
BODY_MARGIN = body.NERVE_OFFSET + 0.02
#: How far the body reaches from the hip, above (trunk, neck, head) and below (the leg), in body heights.
REACH = {"up": sum(body.SEGMENT[name] for name in ("trunk", "neck", "head", "head")),
         "down": sum(body.SEGMENT[name] for name in ("thigh", "shank", "foot"))}
CLAMP_COLOUR = OKABE_ITO[7]
BAND_COLOUR = OKABE_ITO[4]
#: What the shaded band around the strain line is (``neurodynamics.evidence.uncertainty.band``).
BAND_LABEL = "plausible range of the model"
FAINT = {"color": "0.45", "alpha": 0.5}
ORDER = ("skull", "shoulder", "hip", "knee", "ankle", "toes")  # the body outline, head to toes


class ExplorerFigure:
    """Body diagram with the nerve coloured by strain, strain (or tension) along the tract, and the
    "hamstring or nerve?" bars. Call :meth:`update` with a solution; only the moving artists are redrawn; a pin,
    a new tether, view or quantity redraws in full once."""

    def __init__(self, model: Model, presenter: bool = False) -> None:
        self.model = model
        self.quantity = "strain"
        self.lying = False  # draw the body lying on its back (head to the left, face up) instead of upright
        self.reference: Solution | None = None  # the pinned solution, drawn faint
        self._decor: list = []  # the tract axes' guides, flow lines and clamps (redone on a new model or quantity)
        scale = PRESENTER_SCALE if presenter else 1.0
        self.font_pt = PRESENTER_PT if presenter else LIVE_PT
        with self._fonts():
            self.figure = make_live_figure((LIVE_WIDTH_IN * scale, 4.6 * scale))
            grid = self.figure.add_gridspec(2, 2, width_ratios=(1.0, 1.5), height_ratios=(1.6, 1.0))
            self.body_ax = self.figure.add_subplot(grid[:, 0])
            self.tract_ax = self.figure.add_subplot(grid[0, 1])
            self.bars_ax = self.figure.add_subplot(grid[1, 1])
            self._build_body()
            self._build_tract()
            self._build_bars()
            self.figure.tight_layout()
            rows = [Region((bar, label), functools.partial(self._bar_row, y))
                    for bar, label, y in zip(self.bars, self.bar_labels, BAR_ROWS)]
            self.drawing = InPlaceDrawing(self.figure, regions=[
                Region((self.body_line, self.head, self.nerve, self.body_clamp), lambda: self.body_ax.bbox),
                Region((self.band, self.tract_line), lambda: self.tract_ax.bbox), *rows])
            self.frame([Posture()])
            for label in self.bar_labels:
                label.set_text("")

    # -- building (once) --
    def _build_body(self) -> None:
        ax = self.body_ax
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title("Body, side view")
        (self.reference_body,) = ax.plot([], [], linewidth=5, solid_capstyle="round", zorder=0.5, **FAINT)
        (self.body_line,) = ax.plot([], [], color="0.82", linewidth=7, solid_capstyle="round", zorder=1)
        self.head = matplotlib.patches.Circle((0, 0), body.SEGMENT["head"], facecolor="0.9", edgecolor="0.7",
                                              linewidth=2, zorder=1)
        ax.add_patch(self.head)
        self.nerve = LineCollection([], cmap=STRAIN_COLORMAP, norm=Normalize(*strain_axis_pct(self.model)),
                                    linewidth=5, capstyle="round", zorder=2)
        ax.add_collection(self.nerve)
        (self.body_clamp,) = ax.plot([], [], color=CLAMP_COLOUR, linewidth=11, solid_capstyle="butt", zorder=3)
        bar = self.figure.colorbar(self.nerve, ax=ax, orientation="horizontal", fraction=0.05, pad=0.02)
        bar.set_label("nerve strain (%)")

    def _body_box(self, posture: Posture) -> tuple[np.ndarray, np.ndarray]:
        """Lower-left and upper-right corners of the body drawn in ``posture`` (body heights), with a margin."""
        points = body.joints(posture)
        head = points["head_centre"] + body.SEGMENT["head"] * np.array([[-1, -1], [1, 1]])
        placed = self._placed(np.vstack([[points[name] for name in ORDER], head]))
        return placed.min(axis=0) - BODY_MARGIN, placed.max(axis=0) + BODY_MARGIN

    def _frame_body(self, low: np.ndarray, high: np.ndarray) -> None:
        """Limits that hold the box ``low``-``high`` (body heights), widened to the panel's shape."""
        box = self.body_ax.get_position(original=True)
        panel = (box.width * self.figure.get_figwidth()) / (box.height * self.figure.get_figheight())
        (width, height), centre = high - low, 0.5 * (low + high)
        width, height = max(width, height * panel), max(height, width / panel)
        self.body_ax.set_xlim(centre[0] - 0.5 * width, centre[0] + 0.5 * width)
        self.body_ax.set_ylim(centre[1] - 0.5 * height, centre[1] + 0.5 * height)

    def _keep_in_frame(self, posture: Posture) -> None:
        """If ``posture`` reaches beyond the body's panel, widen it at once to hold every posture (a full redraw,
        once until the next :meth:`frame`)."""
        low, high = self._body_box(posture)
        (x0, x1), (y0, y1) = self.body_ax.get_xlim(), self.body_ax.get_ylim()
        if np.any(low < np.array([x0, y0]) - 1e-9) or np.any(high > np.array([x1, y1]) + 1e-9):
            reach = np.full(2, max(REACH.values()) + BODY_MARGIN)
            self._frame_body(-reach, reach)
            self.drawing.invalidate()

    def _build_tract(self) -> None:
        ax = self.tract_ax
        arc = self.model.solve(Posture()).profile().arc_length_mm
        (self.reference_tract,) = ax.plot([], [], linewidth=2.5, zorder=1.5, **FAINT)
        (self.tract_line,) = ax.plot(arc, np.zeros_like(arc), color=OKABE_ITO[0], linewidth=2.5, zorder=2)
        self.band = ax.fill_between(arc, 0.0, 0.0, color=BAND_COLOUR, alpha=0.4, linewidth=0, zorder=1.8,
                                    visible=False)
        # low on the left: above a tether's word (at the bottom), below the blood-flow labels and their source
        self.band_label = ax.text(0.01, 0.14, f"shaded: {BAND_LABEL}", transform=ax.transAxes, ha="left",
                                  va="bottom", fontsize="small", color="0.2", visible=False)
        ax.set_xlim(0, anatomy.TRACT_LENGTH_MM)
        ax.set_xticks(list(anatomy.SITE_POSITIONS_MM.values()),
                      [SITE_LABELS[s] for s in anatomy.SITE_POSITIONS_MM], rotation=90, fontsize="small")
        # upright: the ankle and the foot are too close for slanted names (they ran into each other)
        ax.set_xlabel("site along the tract (skull to forefoot)")
        self._style_tract_axes()

    def _fonts(self):
        """A context in which text takes the figure's base font size (text made later keeps its size)."""
        return matplotlib.rc_context({"font.size": self.font_pt})

    def _style_tract_axes(self) -> None:
        """The tract axes for the quantity shown and the model's tethers: limits, labels, guides, clamps."""
        with self._fonts():
            self._restyle_tract_axes()

    def _restyle_tract_axes(self) -> None:
        ax = self.tract_ax
        for artist in self._decor:
            artist.remove()
        self._decor = [ax.axvline(position, color="0.88", linewidth=1, zorder=0)
                       for position in anatomy.SITE_POSITIONS_MM.values()]
        pinned = " (faint: pinned)" if self.reference is not None else ""
        if self.quantity == "strain":
            ax.set_ylim(*strain_axis_pct(self.model))
            ax.set_ylabel("strain (%)")
            self._decor += mark_flow_lines(ax, short=True)
            ax.set_title(f"Strain along the tract{pinned}", fontsize="medium")
        else:
            ax.set_ylim(0, TENSION_LIMIT_N)
            ax.set_ylabel("tension (N)")
            ax.set_title(f"Tension along the tract{pinned}", fontsize="medium")
        top = blended_transform_factory(ax.transData, ax.transAxes)
        for start, end in self.model.grid.clamps:
            self._decor.append(ax.axvspan(start, end, color=CLAMP_COLOUR, alpha=0.35, linewidth=0, zorder=1))
            # the word starts at a tether near the skull and ends at one near the foot: inside the axes
            share = 0.5 * (start + end) / anatomy.TRACT_LENGTH_MM
            x, align = (start, "left") if share < 0.15 else (end, "right") if share > 0.85 else (0.5 * (start + end),
                                                                                               "center")
            self._decor.append(ax.text(x, 0.03, "tether", transform=top, ha=align, va="bottom", fontsize="small",
                                       color=CLAMP_COLOUR))

    def _build_bars(self) -> None:
        ax = self.bars_ax
        self.bars = list(ax.barh(BAR_ROWS, [0, 0], color=[OKABE_ITO[1], OKABE_ITO[0]], height=0.6))
        ax.set_yticks(BAR_ROWS, ["hamstring", "nerve"])
        ax.set_xlim(*CHANGE_LIMITS_PP)
        ax.axvline(0, color="0.3", linewidth=1)
        ax.set_title("Hamstring or nerve?", fontsize="medium")
        right = blended_transform_factory(ax.transAxes, ax.transData)
        # placeholders as wide as the widest label, so that the layout leaves room for them
        widest_site = max((SITE_LABELS[site] for site in anatomy.SITES), key=len)
        self.bar_labels = [ax.text(1.02, y, text, transform=right, va="center", fontsize="small")
                           for y, text in zip(BAR_ROWS, (WIDEST_VALUE, f"{WIDEST_VALUE} at the {widest_site}"))]
        self._label_bars()

    def _bar_row(self, y: float) -> Bbox:
        """The part of the figure (display pixels) that holds the bar at ``y`` and its label (value, and the site
        for the nerve): from the bars' axes to the figure's right edge, half-way to the other bar. Each row is
        redrawn only when it changes."""
        ax = self.bars_ax
        low, high = sorted(ax.get_ylim())
        middle = 0.5 * sum(BAR_ROWS)
        edges = (low, middle) if y < middle else (middle, high)
        bottom, top = ax.transData.transform([(0.0, edge) for edge in edges])[:, 1]
        return Bbox([[ax.bbox.x0, bottom], [self.figure.bbox.x1, top]])

    def _label_bars(self) -> None:
        since = "standing" if self.reference is None else "the pin"
        with self._fonts():
            self.bars_ax.set_xlabel(f"change since {since} (% points)")

    # -- changing what stays (each makes the next redraw a full one) --
    def set_quantity(self, quantity: str) -> None:
        """Show "strain" or "tension" along the tract."""
        if quantity not in ("strain", "tension"):
            raise ValueError(f"quantity must be 'strain' or 'tension', got {quantity!r}")
        self.quantity = quantity
        self._style_tract_axes()
        self._place_reference()
        self.drawing.invalidate()

    def set_view(self, lying: bool) -> None:
        """Draw the body upright (standing or sitting) or lying on its back; shown at the next update."""
        if bool(lying) != self.lying:
            self.lying = bool(lying)
            self.frame([Posture()])
            self._place_reference()
            self.drawing.invalidate()

    def frame(self, postures: Sequence[Posture]) -> None:
        """Fit the body's panel to ``postures`` (a preset, or every posture of a program): the body fills it."""
        boxes = [self._body_box(posture) for posture in postures]
        self._frame_body(np.min([low for low, _ in boxes], axis=0), np.max([high for _, high in boxes], axis=0))
        self.drawing.invalidate()

    def set_model(self, model: Model) -> None:
        """Show ``model``'s solutions from the next update, with its tethers drawn as clamps."""
        self.model = model
        self._style_tract_axes()
        self.drawing.invalidate()

    def pin(self, reference: Solution | None) -> None:
        """Keep ``reference`` as a faint picture on the body and the tract (None: no pin)."""
        self.reference = reference
        self._style_tract_axes()
        self._label_bars()
        self._place_reference()
        self.drawing.invalidate()

    def _place_reference(self) -> None:
        if self.reference is None:
            self.reference_body.set_data([], [])
            self.reference_tract.set_data([], [])
            return
        points = body.joints(self.reference.posture)
        self.reference_body.set_data(self._placed(np.array([points[name] for name in ORDER])).T)
        profile = self.reference.profile()
        self.reference_tract.set_data(profile.arc_length_mm,
                                      profile.strain_pct if self.quantity == "strain" else profile.tension_n)

    # -- updating (every slider move) --
    def _placed(self, points: np.ndarray) -> np.ndarray:
        """Body points (..., 2) turned a quarter turn for the lying view: up becomes left, front becomes up."""
        return np.stack([-points[..., 1], points[..., 0]], axis=-1) if self.lying else points

    def update(self, solution: Solution, change: Change, band: Band | None = None) -> None:
        """Move every moving artist to ``solution``'s posture and values, the bars to ``change``; shade ``band``
        (the plausible range of the model's strain) around the strain line, or nothing if None."""
        self._shade(band if self.quantity == "strain" else None)
        self._keep_in_frame(solution.posture)
        points = body.joints(solution.posture)
        self.body_line.set_data(self._placed(np.array([points[name] for name in ORDER])).T)
        self.head.set_center(self._placed(points["head_centre"]))
        profile = solution.profile()
        drawn = self.model.grid.s_mm[::NERVE_DRAWING_STRIDE]  # fewer segments draw faster and look the same
        nodes = self._placed(body.nerve_path(solution.posture, drawn))
        self.nerve.set_segments(np.stack([nodes[:-1], nodes[1:]], axis=1))
        self.nerve.set_array(np.interp(0.5 * (drawn[1:] + drawn[:-1]), profile.arc_length_mm, profile.strain_pct))
        clamp = self._clamp_points(solution.posture)
        self.body_clamp.set_data(clamp.T)
        self.body_clamp.set_visible(clamp.size > 0)  # an empty line still costs a draw
        self.tract_line.set_ydata(profile.strain_pct if self.quantity == "strain" else profile.tension_n)
        texts = (bar_value(change.hamstring_pp), f"{bar_value(change.nerve_pp)} at the {SITE_LABELS[change.nerve_site]}")
        for bar, label, value, text in zip(self.bars, self.bar_labels, (change.hamstring_pp, change.nerve_pp), texts):
            if bar.get_width() != value:  # an unchanged bar is not redrawn
                bar.set_width(value)
            if label.get_text() != text:
                label.set_text(text)

    def _shade(self, band: Band | None) -> None:
        """Shade the band of strain (%) along the tract, or hide it (showing or hiding it redraws in full)."""
        if (band is not None) != self.band.get_visible():
            self.band.set_visible(band is not None)
            self.band_label.set_visible(band is not None)
            self.drawing.invalidate()
        if band is not None:
            self.band.set_data(band.arc_length_mm, band.strain_low_pct, band.strain_high_pct)

    def _clamp_points(self, posture: Posture) -> np.ndarray:
        """Points (n, 2) of the nerve along each tethered stretch, the stretches apart (NaN between)."""
        pieces = [np.vstack([body.nerve_path(posture, np.linspace(start, end, 5)), [np.nan, np.nan]])
                  for start, end in self.model.grid.clamps]
        return self._placed(np.vstack(pieces)) if pieces else np.empty((0, 2))

    def redraw(self, full: bool = False) -> None:
        """Show the new state: only the moving artists, unless ``full`` or something in the background changed."""
        self.drawing.redraw(full)



def bar_value(change_pp: float) -> str:
    """A bar's value as shown: percentage points, signed, one decimal."""
    return f"{change_pp:+.1f}"


class HoldFlossFigure:
    """Tension, strain and blood flow over time at one site: the hold on the left, the floss on the right,
    each row on the same axis limits so the two can be compared at a glance. Blood flow is the central curve with
    the range from the low to the high flow curve shaded (where the fall begins is an estimate)."""

    ROWS = (("tension", "tension (N)"), ("strain", "strain (%)"), ("blood_flow", "blood flow\n(% of resting)"))
    FLOW_NOTE = "Shaded: blood flow from the low to the high flow curve (where the fall begins is an estimate)."

    def __init__(self, presenter: bool = False) -> None:
        scale = PRESENTER_SCALE if presenter else 1.0
        with matplotlib.rc_context({"font.size": PRESENTER_PT if presenter else LIVE_PT}):
            self.figure = make_live_figure((LIVE_WIDTH_IN * scale, 6.2 * scale))
            self.axes = self.figure.subplots(3, 2, sharex="col", sharey="row")
            self.lines, self.flow_ranges = {}, {}
            for row, (key, label) in enumerate(self.ROWS):
                self.axes[row, 0].set_ylabel(label)
                for column, colour in enumerate((OKABE_ITO[5], OKABE_ITO[0])):
                    (self.lines[key, column],) = self.axes[row, column].plot([], [], color=colour, linewidth=2)
            for column, (colour, title) in enumerate(((OKABE_ITO[5], "sustained hold"), (OKABE_ITO[0], "floss"))):
                self.flow_ranges[column] = self.axes[2, column].fill_between([], [], [], color=colour, alpha=0.25,
                                                                             linewidth=0)
                self.axes[-1, column].set_xlabel("time (s)")
                self.axes[0, column].set_title(title)
            self.figure.text(0.01, 0.01, self.FLOW_NOTE, fontsize="small", color="0.25")
            self.figure.suptitle("A sustained hold (left) against flossing (right)")
            self.figure.tight_layout(rect=(0, 0.04, 1, 0.96))
        titles = [self.axes[0, column].title for column in range(2)]
        moving = [*self.lines.values(), *self.flow_ranges.values(), *titles]
        self.drawing = InPlaceDrawing(self.figure, moving)

    def update(self, hold, floss, site: str) -> None:
        """Show two :class:`~neurodynamics.model.dynamics.TimeSeries` at ``site``. The axes keep their limits while
        the curves fit them well (more than ``LIMIT_KEEP`` of the range used), so a change of repetitions or tempo
        usually redraws only the curves and titles."""
        for column, series in enumerate((hold, floss)):
            self.axes[0, column].set_title(f"{series.program.name} ({series.program.duration_s:.0f} s)")
            values = {"tension": series.tension(site), "strain": series.strain(site),
                      "blood_flow": 100.0 * series.blood_flow(site)}
            for key, _ in self.ROWS:
                self.lines[key, column].set_data(series.t, values[key])
            self.flow_ranges[column].set_data(series.t, 100.0 * series.blood_flow(site, curve="low"),
                                              100.0 * series.blood_flow(site, curve="high"))
            self._fit_limits(self.axes[0, column], "x", 0.0, max(series.t[-1], 1.0))
        for row, (key, _) in enumerate(self.ROWS):
            if key == "blood_flow":
                low, top = 0.0, 105.0
            else:
                data = np.concatenate([self.lines[key, c].get_ydata() for c in range(2)])
                low, high = min(0.0, data.min()), data.max()
                top = high + 0.08 * (high - low) + 1e-6
            self._fit_limits(self.axes[row, 0], "y", low, top)
        title = f"At the {SITE_LABELS[site]}: a sustained hold (left) against flossing (right)"
        if self.figure.get_suptitle() != title:
            self.figure.suptitle(title)
            self.drawing.invalidate()
        self.drawing.redraw()

    def _fit_limits(self, ax, axis: str, low: float, high: float) -> None:
        """Set ``ax``'s x or y limits to ``low``-``high``, unless the present ones already hold that range and it
        fills more than ``LIMIT_KEEP`` of them; new limits make the next redraw full."""
        present_low, present_high = ax.get_xlim() if axis == "x" else ax.get_ylim()
        span = present_high - present_low
        holds = present_low <= low and high <= present_high
        if holds and (high - low) >= LIMIT_KEEP * span and not self.drawing.full_pending:
            return
        (ax.set_xlim if axis == "x" else ax.set_ylim)(low, high)
        self.drawing.invalidate()
