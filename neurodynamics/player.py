"""Play an exercise program on the stick figure: design it (range, tempo, repetitions), watch it, read its dose.

``ExercisePlayer`` animates exercise 1 (supine floss), exercise 2 (seated floss) or a sustained stretch on the
posture explorer's figure, with strain against time at one site and the dose of the whole program. Small static
helpers compare the dose of several programs for the lessons. Times in s, angles in degrees (flexion and
dorsiflexion +), strain and stretch in %, sliding in mm, tension in N, blood flow as a fraction of resting flow.
"""
from __future__ import annotations

import base64
import dataclasses
import html
import inspect
import io
from collections.abc import Mapping, Sequence

import ipywidgets as W
import matplotlib
import matplotlib.image
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import anatomy, exercises, physiology
from .dynamics import TimeSeries, simulate
from .exercises import Program
from .hamstring import hamstring_stretch
from .mechanics import Model, Solution, default_model
from .plots import OKABE_ITO, SITE_LABELS, ExplorerFigure, InPlaceDrawing, make_live_figure, png_bytes
from .posture import JOINTS, Posture
from .widgets import _DOSE_ROWS, _Explorer, _status, dose_table_html

SUPINE = "supine floss (exercise 1)"
SEATED = "seated floss (exercise 2)"
HOLD = "sustained stretch"
#: The exercises the player offers, as named in its dropdown.
SETUPS = (SUPINE, SEATED, HOLD)

#: Time between animation frames (s); the Play widget ticks every FRAME_S seconds, so it plays in real time.
FRAME_S = 0.1
#: Sampling step of the simulation behind the dose table and the strain trace (s).
SIMULATION_DT_S = 0.05


def _default(function, name: str) -> float:
    """A documented default argument of an exercise maker (the package is the one source of the numbers)."""
    return inspect.signature(function).parameters[name].default


@dataclasses.dataclass(frozen=True)
class Design:
    """An exercise as the designer controls describe it.

    ``knee_deg`` is (straightest, most bent) knee flexion; ``ankle_deg`` (foot relaxed, foot up) dorsiflexion,
    used by exercise 1; ``neck_deg`` (looking up, chin tucked) neck flexion, used by exercise 2; ``tempo_s`` the
    seconds per repetition; ``hold_hip_deg`` and ``hold_s`` the straight-leg raise angle and length of a hold.
    Exercise 2 keeps the package's "foot up" angle at the straight-knee end (``seated_floss`` default, 15 deg).
    """

    setup: str = SUPINE
    knee_deg: tuple[float, float] = (_default(exercises.supine_floss, "knee_straight"),
                                     _default(exercises.supine_floss, "knee_bent"))
    ankle_deg: tuple[float, float] = (_default(exercises.supine_floss, "foot_relaxed"),
                                      _default(exercises.supine_floss, "foot_up"))
    neck_deg: tuple[float, float] = (_default(exercises.seated_floss, "look_up"),
                                     _default(exercises.seated_floss, "chin_tuck"))
    tempo_s: float = _default(exercises.supine_floss, "period_s")
    reps: int = _default(exercises.supine_floss, "reps")
    hold_hip_deg: float = _default(exercises.sustained_stretch, "hip")
    hold_s: float = _default(exercises.sustained_stretch, "seconds")

    def program(self) -> Program:
        """The exercise program (keyframes) this design describes; bad values raise a clear error."""
        if self.setup == SUPINE:
            return exercises.supine_floss(self.reps, float(self.tempo_s), knee_straight=float(self.knee_deg[0]),
                                          knee_bent=float(self.knee_deg[1]), foot_relaxed=float(self.ankle_deg[0]),
                                          foot_up=float(self.ankle_deg[1]))
        if self.setup == SEATED:
            return exercises.seated_floss(self.reps, float(self.tempo_s), knee_straight=float(self.knee_deg[0]),
                                          knee_bent=float(self.knee_deg[1]), look_up=float(self.neck_deg[0]),
                                          chin_tuck=float(self.neck_deg[1]))
        if self.setup == HOLD:
            return exercises.sustained_stretch(float(self.hold_s), float(self.hold_hip_deg))
        raise ValueError(f"setup must be one of {', '.join(SETUPS)}; got {self.setup!r}")


def default_design(setup: str) -> Design:
    """The exercise as patients are taught it (the package's defaults) for ``setup``."""
    if setup not in SETUPS:
        raise ValueError(f"setup must be one of {', '.join(SETUPS)}; got {setup!r}")
    if setup == SEATED:
        return Design(SEATED, knee_deg=(_default(exercises.seated_floss, "knee_straight"),
                                        _default(exercises.seated_floss, "knee_bent")),
                      tempo_s=_default(exercises.seated_floss, "period_s"),
                      reps=_default(exercises.seated_floss, "reps"))
    return Design(setup)


def posture_at(program: Program, t_s: float) -> Posture:
    """The posture of ``program`` at time ``t_s`` (s)."""
    return Posture(**dict(zip(JOINTS, program.angles_at(np.array([t_s]))[0])))


def renamed(program: Program, name: str) -> Program:
    """The same program under another name (shown as a column heading of the dose table)."""
    return dataclasses.replace(program, name=name)


# --- dose figures that are not one site: the worst place along the tract ----------------------------------

def tract_extremes(series: TimeSeries) -> dict[str, tuple[float, str]]:
    """Worst values anywhere along the tract, each with its site: highest stretch beyond resting (%), most
    time above 8 % stretch (s), lowest blood flow (fraction of resting)."""
    sites = series.summary()["sites"]
    stretch = max(sites, key=lambda s: sites[s]["peak_stretch_pct"])
    above = max(sites, key=lambda s: sites[s]["time_above_8pct_s"])
    flow = min(sites, key=lambda s: sites[s]["min_blood_flow"])
    return {"peak_stretch_pct": (sites[stretch]["peak_stretch_pct"], stretch),
            "time_above_8pct_s": (sites[above]["time_above_8pct_s"], above),
            "min_blood_flow": (sites[flow]["min_blood_flow"], flow)}


def extremes_text(series: TimeSeries) -> str:
    """One line: the worst stretch, time above 8 % and blood flow anywhere along the tract, with their sites."""
    worst = tract_extremes(series)
    stretch, flow, above = worst["peak_stretch_pct"], worst["min_blood_flow"], worst["time_above_8pct_s"]
    time_text = "0 s" if above[0] == 0 else f"{above[0]:.1f} s ({SITE_LABELS[above[1]]})"
    return (f"highest stretch {stretch[0]:.1f} % ({SITE_LABELS[stretch[1]]}); time above 8 %: {time_text}; "
            f"lowest blood flow {flow[0]:.0%} ({SITE_LABELS[flow[1]]})")


def compare_doses(series: Mapping[str, TimeSeries], sites: Sequence[str] = anatomy.SITES,
                  keys: Sequence[str] = ("sliding_distance_mm", "peak_stretch_pct")) -> str:
    """A plain-text table of dose figures (see ``nd.dynamics.DOSE_KEYS``), a column per program (labelled by
    the mapping's keys): one block per key with a row per site, or, for a single site, a row per key."""
    rows = {key: (label, fmt) for key, label, fmt in _DOSE_ROWS}
    summaries = {label: ts.summary()["sites"] for label, ts in series.items()}
    width = max(12, *(len(label) + 2 for label in series))
    sites = [anatomy.check_site(site) for site in sites]

    def cells(site: str, key: str) -> str:
        fmt = rows[key][1]
        return "".join(f"{'–' if v is None else fmt.format(v):>{width}}"
                       for v in (summaries[name][site][key] for name in series))

    header = "".join(f"{name:>{width}}" for name in series)
    if len(sites) == 1:
        lines = [f"{'at the ' + SITE_LABELS[sites[0]]:<38}{header}"]
        lines += [f"{rows[key][0]:<38}{cells(sites[0], key)}" for key in keys]
        return "\n".join(lines)
    lines = []
    for key in keys:
        lines.append(f"{rows[key][0]:<24}{header}")
        lines += [f"  {SITE_LABELS[site]:<22}{cells(site, key)}" for site in sites]
        lines.append("")
    return "\n".join(lines).rstrip()


def gentler_check(before: TimeSeries, after: TimeSeries) -> str:
    """Is ``after`` gentler than ``before`` anywhere along the tract? Three checks, one line each: a lower
    highest stretch beyond resting (%), no time above 8 % stretch (s), a higher lowest blood flow."""
    old, new = tract_extremes(before), tract_extremes(after)

    def where(pair: tuple[float, str], fmt: str) -> str:
        value = fmt.format(pair[0])
        return value if fmt.endswith(" s") and pair[0] == 0 else f"{value} ({SITE_LABELS[pair[1]]})"

    # compared as shown (0.1 % of stretch, 1 % of blood flow), so the verdict matches the numbers on the line
    checks = (("highest stretch, any site", "peak_stretch_pct", "{:.1f} %",
               round(new["peak_stretch_pct"][0], 1) < round(old["peak_stretch_pct"][0], 1), "lower"),
              ("time above 8 % stretch", "time_above_8pct_s", "{:.1f} s", new["time_above_8pct_s"][0] == 0, "none"),
              ("lowest blood flow, any site", "min_blood_flow", "{:.0%}",
               round(100 * new["min_blood_flow"][0]) > round(100 * old["min_blood_flow"][0]), "higher"))
    lines = [f"{'':<30}{'before':>20}{'after':>20}   gentler?"]
    for label, key, fmt, passed, word in checks:
        lines.append(f"{label:<30}{where(old[key], fmt):>20}{where(new[key], fmt):>20}   "
                     f"{word}: {'yes' if passed else 'no'}")
    return "\n".join(lines)


# --- static figures for the lessons: pictures, whatever pyplot's backend ---------------------------------

class StaticFigure:
    """A figure that a notebook shows as a PNG picture, kept out of pyplot.

    Pyplot figures stop appearing inline once an explorer has been built (importing ipympl switches pyplot's
    backend), so the lesson figures are drawn on their own Agg canvas and displayed through ``_repr_png_``.
    ``figure`` is the matplotlib Figure (for ``savefig`` or further styling).
    """

    def __init__(self, figure: Figure) -> None:
        self.figure = figure

    def _repr_png_(self) -> bytes:
        return png_bytes(self.figure)

    def __repr__(self) -> str:
        title = self.figure.get_suptitle() or self.figure.axes[0].get_title()
        return f"<figure: {title}>"


def _static_figure(figsize: tuple[float, float]) -> Figure:
    figure = Figure(figsize=figsize, dpi=100)
    FigureCanvasAgg(figure)
    return figure


def dose_bars(series: Mapping[str, TimeSeries], sites: Sequence[str] = anatomy.SITES,
              title: str = "Sliding and stretch along the tract") -> StaticFigure:
    """Two bar charts, a bar per program at each site: total sliding (mm, top) and peak stretch beyond the
    resting length (%, bottom), with the 8 % line where blood flow halves in animal nerves."""
    summaries = {label: ts.summary()["sites"] for label, ts in series.items()}
    x = np.arange(len(sites))
    width = 0.8 / max(len(series), 1)
    with matplotlib.rc_context({"font.size": 12}):
        fig = _static_figure((10, 6))
        top, bottom = fig.subplots(2, 1, sharex=True)
        for ax in (top, bottom):
            ax.tick_params(labelsize=12)  # ticks made at draw time would otherwise take the default size
        for index, label in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * width
            colour = OKABE_ITO[index % len(OKABE_ITO)]
            top.bar(x + offset, [summaries[label][s]["sliding_distance_mm"] for s in sites], width, color=colour,
                    label=label)
            bottom.bar(x + offset, [summaries[label][s]["peak_stretch_pct"] for s in sites], width, color=colour)
        bottom.axhline(physiology.HALF_FLOW_STRETCH_PCT, color=OKABE_ITO[5], linestyle="--", linewidth=1.5,
                       label="+8 %: blood flow halves (rat nerve, R11)")
        top.set_ylabel("total sliding (mm)")
        bottom.set_ylabel("peak stretch beyond\nresting length (%)")
        bottom.set_ylim(0, max(10.0, bottom.get_ylim()[1]))
        bottom.set_xticks(x, [SITE_LABELS[s] for s in sites])
        bottom.set_xlabel("site along the tract (head to foot)")
        top.legend(loc="upper left", fontsize=11, frameon=False, ncol=min(len(series), 3))
        bottom.legend(loc="upper left", fontsize=11, frameon=False)
        top.set_title(title)
        fig.tight_layout()
    return StaticFigure(fig)


def stretch_over_time(series: Mapping[str, TimeSeries], sites: Sequence[str], seconds: float = 8.0,
                      title: str = "Stretch at several sites through time",
                      ylim_pct: tuple[float, float] = (-4.0, 9.5)) -> StaticFigure:
    """A panel per program: stretch beyond the resting length (%) against time (s) at ``sites``, for the
    first ``seconds``, with the 8 % line where blood flow halves in animal nerves. Stretch below ``ylim_pct``
    (a nerve much looser than when standing, or slack) runs off the bottom of the axes."""
    with matplotlib.rc_context({"font.size": 12}):
        fig = _static_figure((10, 4.6))
        axes = fig.subplots(1, len(series), sharey=True, squeeze=False)
        for ax in axes[0]:
            ax.tick_params(labelsize=12)  # ticks made at draw time would otherwise take the default size
        for ax, (label, ts) in zip(axes[0], series.items()):
            shown = ts.t <= seconds + 1e-9
            for index, site in enumerate(sites):
                ax.plot(ts.t[shown], ts.stretch(site)[shown], color=OKABE_ITO[index % len(OKABE_ITO)],
                        linewidth=2.2, label=SITE_LABELS[site])
            ax.axhline(physiology.HALF_FLOW_STRETCH_PCT, color=OKABE_ITO[5], linestyle="--", linewidth=1.5)
            ax.set_title(label, fontsize="medium")
            ax.set_xlabel("time (s)")
            ax.set_xlim(0, seconds)
        axes[0, 0].set_ylabel("stretch beyond resting length (%)")
        axes[0, 0].text(0.02, physiology.HALF_FLOW_STRETCH_PCT, "  blood flow halves (rat, R11)", va="bottom",
                        color=OKABE_ITO[5], fontsize=11, transform=axes[0, 0].get_yaxis_transform())
        axes[0, -1].legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=11)
        axes[0, 0].set_ylim(*ylim_pct)
        fig.suptitle(title)
        fig.tight_layout()
    return StaticFigure(fig)


# --- the player ---------------------------------------------------------------------------------------------

class StrainTrace:
    """Strain (%) against time (s) at one site on its own live canvas, with a cursor that blits in place."""

    def __init__(self, presenter: bool = False) -> None:
        scale = 1.35 if presenter else 1.0
        self.font_size = 16 if presenter else 11.5
        with matplotlib.rc_context({"font.size": self.font_size}):
            self.figure = make_live_figure((8.4 * scale, 2.4 * scale))
            self.ax = self.figure.add_subplot()
            self.ax.tick_params(labelsize=self.font_size)  # ticks made later keep this size
            (self.line,) = self.ax.plot([], [], color=OKABE_ITO[0], linewidth=2, label="strain")
            (self.threshold,) = self.ax.plot([], [], color=OKABE_ITO[5], linestyle="--", linewidth=1.5,
                                             label="blood flow halves (+8 % beyond resting, rat)")
            self.cursor = self.ax.axvline(0.0, color="0.35", linewidth=1)
            (self.marker,) = self.ax.plot([], [], "o", color=OKABE_ITO[5], markersize=9, zorder=3)
            self.ax.set_xlabel("time (s)")
            self.ax.set_ylabel("strain (%)")
            self.ax.set_title("Strain at the hip through the program", fontsize=self.font_size)
            self.ax.legend(loc="lower right", fontsize=15 if presenter else 11, framealpha=0.9, ncol=2)
            self.figure.tight_layout()
        self.drawing = InPlaceDrawing(self.figure, [self.cursor, self.marker])

    def set_series(self, series: TimeSeries, site: str) -> None:
        """Show ``series`` at ``site`` (a full redraw: the line and the axis limits change)."""
        strain, stretch = series.strain(site), series.stretch(site)
        resting = (1.0 + strain[0] / 100.0) / (1.0 + stretch[0] / 100.0) - 1.0  # resting strain at the site
        threshold = ((1.0 + resting) * (1.0 + physiology.HALF_FLOW_STRETCH_PCT / 100.0) - 1.0) * 100.0
        self.line.set_data(series.t, strain)
        end = max(float(series.t[-1]), 1.0)
        self.threshold.set_data([0.0, end], [threshold, threshold])
        self.ax.set_xlim(0.0, end)
        low, high = min(float(strain.min()), 0.0), max(float(strain.max()), threshold)
        self.ax.set_ylim(low - 0.5, high + 0.08 * (high - low) + 0.5)
        above = series.summary()["sites"][site]["time_above_8pct_s"]
        where = "below the blood-flow line throughout" if above == 0 else f"{above:.1f} s above the blood-flow line"
        self.ax.set_title(f"Strain at the {SITE_LABELS[site]}: peak {strain.max():.1f} %, {where}",
                          fontsize=self.font_size)
        self.drawing.redraw(full=True)

    def move_cursor(self, t_s: float, strain_pct: float) -> None:
        """Put the cursor at time ``t_s`` (s) and the marker at ``strain_pct`` (%), redrawing only those."""
        self.cursor.set_xdata([t_s, t_s])
        self.marker.set_data([t_s], [strain_pct])
        self.drawing.redraw()


class ExercisePlayer(_Explorer):
    """Design an exercise, play it on the stick figure, and read its dose.

    Controls: the exercise (``setup``), the knee range and the ankle (exercise 1) or neck (exercise 2) range,
    seconds per repetition and repetitions (or, for a hold, the straight-leg raise angle and the duration), the
    site for the strain trace and the dose table, and a Play button linked to the ``time (s)`` slider.
    The program is simulated once per design (``self.series``, for the trace and the dose); each frame solves
    only the posture shown (``self.solution``).
    """

    def __init__(self, setup: str = SUPINE, model: Model | None = None, site: str = "hip",
                 presenter: bool = False) -> None:
        self.model = model or default_model()
        design = default_design(setup)
        style = {"description_width": "initial"}

        def slider(kind, description, **kw):  # each control its own layout: hiding one must not hide all
            return kind(description=description, style=style, layout=W.Layout(width="430px"),
                        continuous_update=False, **kw)

        self.setup = W.Dropdown(options=SETUPS, value=setup, description="exercise", style=style,
                                layout=W.Layout(width="430px"))
        self.knee_range = slider(W.IntRangeSlider, "knee range (deg flexion)", min=0, max=120, step=5,
                                 value=design.knee_deg)
        self.ankle_range = slider(W.IntRangeSlider, "ankle range (deg, + = foot up)", min=-50, max=30, step=5,
                                  value=design.ankle_deg)
        self.neck_range = slider(W.IntRangeSlider, "neck range (deg, + = chin down)", min=-60, max=80, step=5,
                                 value=design.neck_deg)
        self.tempo = slider(W.FloatSlider, "seconds per repetition", min=1.0, max=12.0, step=0.5,
                            value=design.tempo_s)
        self.reps = slider(W.IntSlider, "repetitions", min=1, max=40, step=1, value=design.reps)
        self.hold_hip = slider(W.IntSlider, "hold: straight-leg raise (deg)", min=30, max=110, step=5,
                               value=int(design.hold_hip_deg))
        self.hold_seconds = slider(W.IntSlider, "hold duration (s)", min=5, max=300, step=5,
                                   value=int(design.hold_s))
        self.site = W.Dropdown(options=list(anatomy.SITES), value=anatomy.check_site(site),
                               description="site (trace and dose)", style=style)
        self.play = W.Play(value=0, min=0, max=1, step=1, interval=int(round(FRAME_S * 1000)),
                           description="play", show_repeat=True)
        self.time = W.FloatSlider(value=0.0, min=0.0, max=1.0, step=FRAME_S, readout_format=".1f",
                                  description="time (s)", continuous_update=True, style=style,
                                  layout=W.Layout(width="560px"))
        self.frame = W.HTML()
        self.dose = W.HTML()
        self.status = W.HTML(_status())
        self.plot = ExplorerFigure(self.model, presenter=presenter)
        self.trace = StrainTrace(presenter=presenter)
        self.figure = self.plot.figure
        self.program: Program | None = None
        self.series: TimeSeries | None = None
        self.solution: Solution | None = None
        self._references: dict[str, TimeSeries] = {}
        self._quiet = False
        self._design_controls = (self.knee_range, self.ankle_range, self.neck_range, self.tempo, self.reps,
                                 self.hold_hip, self.hold_seconds)
        for control in self._design_controls:
            control.observe(self._on_design, names="value")
        self.setup.observe(self._on_setup, names="value")
        self.site.observe(self._on_site, names="value")
        self.time.observe(self._on_time, names="value")
        self.play.observe(self._on_play, names="value")
        self._show_relevant_controls()
        self._redesign()
        self.widget = self._layout()

    # -- layout and state --
    def _layout(self) -> W.Widget:
        controls = W.VBox([self.setup, *self._design_controls, self.site])
        return W.VBox([W.HBox([controls, self.dose]), W.HBox([self.play, self.time]), self.frame, self.status,
                       self.plot.figure.canvas, self.trace.figure.canvas])

    @property
    def design(self) -> Design:
        """The design the controls describe."""
        return Design(self.setup.value, tuple(self.knee_range.value), tuple(self.ankle_range.value),
                      tuple(self.neck_range.value), float(self.tempo.value), int(self.reps.value),
                      float(self.hold_hip.value), float(self.hold_seconds.value))

    def set_design(self, setup: str | None = None, *, knee_deg: tuple[int, int] | None = None,
                   ankle_deg: tuple[int, int] | None = None, neck_deg: tuple[int, int] | None = None,
                   tempo_s: float | None = None, reps: int | None = None, hold_hip_deg: int | None = None,
                   hold_s: int | None = None) -> None:
        """Set several controls at once (a new ``setup`` starts from its taught defaults), then recompute once."""
        self._quiet = True
        try:
            if setup is not None and setup != self.setup.value:
                self.setup.value = setup
                self._apply_defaults(setup)
            values = {self.knee_range: knee_deg, self.ankle_range: ankle_deg, self.neck_range: neck_deg,
                      self.tempo: tempo_s, self.reps: reps, self.hold_hip: hold_hip_deg, self.hold_seconds: hold_s}
            for control, value in values.items():
                if value is not None:
                    control.value = value
        finally:
            self._quiet = False
        self._show_relevant_controls()
        self._redesign()

    def show_time(self, t_s: float) -> None:
        """Show the frame at time ``t_s`` (s), as if the time slider were moved there."""
        value = min(max(round(round(float(t_s) / FRAME_S) * FRAME_S, 1), 0.0), self.time.max)
        if value == self.time.value:
            self._guarded(self._draw_frame, "Could not show this moment")
        else:
            self.time.value = value  # the slider's observer draws the frame

    # -- callbacks (errors are shown in the status line, never raised) --
    def _on_setup(self, change) -> None:
        if self._quiet:
            return
        self._quiet = True
        try:
            self._apply_defaults(change["new"])
        finally:
            self._quiet = False
        self._show_relevant_controls()
        self._redesign()

    def _on_design(self, change) -> None:
        if not self._quiet:
            self._redesign()

    def _on_site(self, change) -> None:
        def resite() -> None:
            self.trace.set_series(self.series, self.site.value)
            self._update_dose()
            self._draw_frame()
        self._guarded(resite, "Could not show this site")

    def _on_play(self, change) -> None:
        if not self._quiet:
            self.time.value = min(round(change["new"] * FRAME_S, 1), self.time.max)

    def _on_time(self, change) -> None:
        if self._quiet:
            return
        self._quiet = True
        try:
            self.play.value = int(round(change["new"] / FRAME_S))
        finally:
            self._quiet = False
        self._guarded(self._draw_frame, "Could not show this moment")

    def _apply_defaults(self, setup: str) -> None:
        design = default_design(setup)
        self.knee_range.value = design.knee_deg
        self.ankle_range.value = design.ankle_deg
        self.neck_range.value = design.neck_deg
        self.tempo.value = design.tempo_s
        self.reps.value = design.reps
        self.hold_hip.value = int(design.hold_hip_deg)
        self.hold_seconds.value = int(design.hold_s)

    def _show_relevant_controls(self) -> None:
        setup = self.setup.value
        shown = {self.knee_range: setup != HOLD, self.ankle_range: setup == SUPINE, self.neck_range: setup == SEATED,
                 self.tempo: setup != HOLD, self.reps: setup != HOLD, self.hold_hip: setup == HOLD,
                 self.hold_seconds: setup == HOLD}
        for control, visible in shown.items():
            control.layout.display = None if visible else "none"

    def _redesign(self) -> None:
        def redesign() -> None:
            program = self.design.program()
            program = renamed(program, f"your {program.name}")  # the dose table's column heading
            series = simulate(program, dt=SIMULATION_DT_S, model=self.model)
            self.program, self.series = program, series
            self.plot.set_view(self.setup.value in (SUPINE, HOLD))  # both are done lying on the back
            frames = int(round(program.duration_s / FRAME_S))
            self._quiet = True
            try:
                self.play.max = frames
                self.time.max = round(frames * FRAME_S, 1)
                self.play.value = int(round(self.time.value / FRAME_S))
            finally:
                self._quiet = False
            self.trace.set_series(series, self.site.value)
            self._update_dose()
            self._draw_frame()
        self._guarded(redesign, "Could not build or simulate this exercise")

    def _reference(self) -> TimeSeries:
        """The exercise of the current setup as taught (defaults), simulated once per setup."""
        setup = self.setup.value
        if setup not in self._references:
            program = default_design(setup).program()
            name = f"as taught: {program.name}" if setup != HOLD else f"default {program.name}"
            self._references[setup] = simulate(renamed(program, name), dt=SIMULATION_DT_S, model=self.model)
        return self._references[setup]

    def _update_dose(self) -> None:
        table = dose_table_html(self._reference(), self.series, self.site.value)
        extremes = html.escape(extremes_text(self.series))
        self.dose.value = (f'{table}<div style="max-width:560px;margin-top:6px">'
                           f"<b>Anywhere along the tract (your design):</b> {extremes}</div>")

    def _draw_frame(self) -> None:
        t = float(self.time.value)
        posture = posture_at(self.program, t)
        solution = self.model.solve(posture)
        self.plot.update(solution, hamstring_stretch(posture))
        self.plot.redraw()
        self.trace.move_cursor(t, solution.strain(self.site.value))
        self.solution = solution
        self.frame.value = self._frame_html(t, posture, solution)

    def _frame_html(self, t: float, posture: Posture, solution: Solution) -> str:
        program = self.program
        if program.cycles:
            period = program.duration_s / program.cycles
            where = f"repetition {min(int(t // period) + 1, program.cycles)} of {program.cycles}"
        else:
            where = f"hold, {program.duration_s:.0f} s in all"
        site = self.site.value
        return (f'<div role="status" style="font-size:1.05em">t = {t:.1f} s · {where} · '
                f"hip {posture.hip_flexion:.0f}°, knee {posture.knee_flexion:.0f}°, "
                f"ankle {posture.ankle_dorsiflexion:+.0f}°, neck {posture.neck_flexion:+.0f}° · "
                f"strain at the {SITE_LABELS[site]} {solution.strain(site):.1f} %</div>")

    def _guarded(self, action, what: str) -> None:
        """Run ``action``; on any error show it in the status line and keep the last picture."""
        try:
            action()
            self.status.value = _status()
        except Exception as error:  # shown to the user, never swallowed
            self.status.value = _status(f"{what}: {error}", error=True)

    # -- display --
    def _repr_mimebundle_(self, **kwargs) -> dict:
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(stacked_png([self.figure, self.trace.figure])).decode("ascii")
        return bundle


def stacked_png(figures: Sequence[Figure]) -> bytes:
    """The figures drawn one above the other as one PNG (white where widths differ)."""
    images = [matplotlib.image.imread(io.BytesIO(png_bytes(figure)), format="png") for figure in figures]
    images = [image if image.shape[2] == 4 else np.dstack([image, np.ones(image.shape[:2])]) for image in images]
    width = max(image.shape[1] for image in images)
    padded = [np.pad(image, ((0, 0), (0, width - image.shape[1]), (0, 0)), constant_values=1.0) for image in images]
    with io.BytesIO() as buffer:
        matplotlib.image.imsave(buffer, np.vstack(padded), format="png", metadata={"Software": None})
        return buffer.getvalue()
