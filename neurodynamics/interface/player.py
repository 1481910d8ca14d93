"""Play an exercise program on the stick figure: design it (range, tempo, repetitions), watch it, read its dose.

``ExercisePlayer`` animates exercise 1 (supine floss), exercise 2 (seated floss) or a sustained stretch on the
posture explorer's figure, with strain against time at one site (``StrainTrace``) and the dose of the whole
program. The design itself (``Design``) lives in :mod:`neurodynamics.model.design`; the dose tables in
:mod:`neurodynamics.interface.dose_text`. Times in s, angles in degrees (flexion and dorsiflexion +), strain in
%, sliding in mm, tension in N, blood flow as a fraction of resting flow.
"""
from __future__ import annotations

import html

import ipywidgets as W
import matplotlib

from ..model import anatomy
from ..model.design import HOLD, SEATED, SETUPS, SUPINE, Design, default_design, posture_at, renamed
from ..model.dynamics import TimeSeries, simulate
from ..model.exercises import Program
from ..model.mechanics import Model, Solution, default_model
from ..model.posture import RANGES_DEG, Posture
from . import controls
from .compare import change_since
from .dose_text import dose_table_html, extremes_text
from .explorer_figures import ExplorerFigure
from .explorers import (HOLD_HIP_DEG, HOLD_SECONDS, KNEE_RANGE_DEG, REPETITIONS, SECONDS_PER_REPETITION, Explorer,
                        checked_model, checked_presenter, status_html)
from .flow_lines import HALF_PCT, mark_flow_lines
from .live import InPlaceDrawing, make_live_figure
from .sentences import angles_words, site_words
from .static_figures import stacked_png
from .style import LIVE_WIDTH_IN, OKABE_ITO, PRESENTER_PT, PRESENTER_SCALE, SITE_LABELS, TRACE_PT

#: Time between animation frames (s); the Play widget ticks every FRAME_S seconds, so it plays in real time.
FRAME_S = 0.1
#: Sampling step of the simulation behind the dose table and the strain trace (s).
SIMULATION_DT_S = 0.05


class StrainTrace:
    """Strain (%) against time (s) at one site on its own live canvas, with a cursor that blits in place."""

    def __init__(self, presenter: bool = False) -> None:
        scale = PRESENTER_SCALE if presenter else 1.0
        self.font_size = PRESENTER_PT if presenter else TRACE_PT
        with matplotlib.rc_context({"font.size": self.font_size}):
            self.figure = make_live_figure((LIVE_WIDTH_IN * scale, 2.4 * scale))
            self.ax = self.figure.add_subplot()
            self.ax.tick_params(labelsize=self.font_size)  # ticks made later keep this size
            (self.line,) = self.ax.plot([], [], color=OKABE_ITO[0], linewidth=2)
            mark_flow_lines(self.ax, short=True, fontsize=self.font_size)
            self.cursor = self.ax.axvline(0.0, color="0.35", linewidth=1)
            (self.marker,) = self.ax.plot([], [], "o", color=OKABE_ITO[5], markersize=9, zorder=3)
            self.ax.set_xlabel("time (s)")
            self.ax.set_ylabel("strain (%)")
            self.ax.set_title("Strain at the hip through the program", fontsize=self.font_size)
            self.figure.tight_layout()
        self.drawing = InPlaceDrawing(self.figure, [self.cursor, self.marker])

    def set_series(self, series: TimeSeries, site: str) -> None:
        """Show ``series`` at ``site`` (a full redraw: the line and the axis limits change)."""
        strain = series.strain(site)
        self.line.set_data(series.t, strain)
        self.ax.set_xlim(0.0, max(float(series.t[-1]), 1.0))
        low, high = min(float(strain.min()), 0.0), max(float(strain.max()), HALF_PCT)
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


class ExercisePlayer(Explorer):
    """Design an exercise, play it on the stick figure, and read its dose.

    Controls: the exercise (``setup``), the knee range and the ankle (exercise 1) or neck (exercise 2) range,
    seconds per repetition and repetitions (or, for a hold, the straight-leg raise angle and the duration), the
    site for the strain trace and the dose table, and a Play button linked to the ``time (s)`` slider.
    The program is simulated once per design (``self.series``, for the trace and the dose); each frame solves
    only the posture shown (``self.solution``), as the simulation does: the movement to it from the program's
    first position.
    """

    ALT_SUBJECT = ("Exercise player: the exercise on a side view of the body with the sciatic nerve coloured by "
                   "strain, strain along the tract, and strain at one site through the whole program")

    def __init__(self, setup: str = SUPINE, model: Model | None = None, site: str = "hip",
                 presenter: bool = False) -> None:
        presenter = checked_presenter(presenter)
        self.model = checked_model(model)
        design = default_design(setup)
        ankle, neck = RANGES_DEG["ankle_dorsiflexion"], RANGES_DEG["neck_flexion"]

        def slider(kind, description, **kw):  # each control its own layout: hiding one must not hide all
            return controls.slider(kind, description, continuous_update=False, **kw)

        self.setup = controls.dropdown("exercise", SETUPS, setup)
        self.knee_range = slider(W.IntRangeSlider, "knee range (deg flexion)", min=KNEE_RANGE_DEG[0],
                                 max=KNEE_RANGE_DEG[1], step=5, value=design.knee_deg)
        self.ankle_range = slider(W.IntRangeSlider, "ankle range (deg, + = foot up)", min=int(ankle[0]),
                                  max=int(ankle[1]), step=5, value=design.ankle_deg)
        self.neck_range = slider(W.IntRangeSlider, "neck range (deg, + = chin down)", min=int(neck[0]),
                                 max=int(neck[1]), step=5, value=design.neck_deg)
        self.tempo = slider(W.FloatSlider, "seconds per repetition", min=SECONDS_PER_REPETITION[0],
                            max=SECONDS_PER_REPETITION[1], step=0.5, value=design.tempo_s)
        self.reps = slider(W.IntSlider, "repetitions", min=REPETITIONS[0], max=REPETITIONS[1], step=1,
                           value=design.reps)
        self.hold_hip = slider(W.IntSlider, "hold: straight-leg raise (deg)", min=HOLD_HIP_DEG[0],
                               max=HOLD_HIP_DEG[1], step=5, value=int(design.hold_hip_deg))
        self.hold_seconds = slider(W.IntSlider, "hold duration (s)", min=HOLD_SECONDS[0], max=HOLD_SECONDS[1],
                                   step=5, value=int(design.hold_s))
        self.site = controls.dropdown("site (trace and dose)", list(anatomy.SITES), anatomy.check_site(site))
        self.play = W.Play(value=0, min=0, max=1, step=1, interval=int(round(FRAME_S * 1000)),
                           description="play", show_repeat=True)
        self.time = controls.slider(W.FloatSlider, "time (s)", label_px=60, width_px=520, value=0.0, min=0.0,
                                    max=1.0, step=FRAME_S, readout_format=".1f", continuous_update=True)
        self.frame = W.HTML()
        self.dose = W.HTML()
        self.status = W.HTML(status_html())
        self.sentence = W.HTML()
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
        column = controls.column([self.setup, *self._design_controls, self.site])
        # the play button and the time slider right above the body, which is scaled to the window's height less
        # room for them (and JupyterLab's bars): the play button and the whole body on screen together
        return W.VBox([controls.row([column, self.dose]), self.status, controls.row([self.play, self.time]),
                       self.frame, controls.fitted(self.plot.figure.canvas, controls.PLAYER_CONTROLS_PX),
                       controls.fitted(self.trace.figure.canvas), self.sentence])

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
        """Set several controls at once (a new ``setup`` starts from its taught defaults), then recompute once.
        A value a control cannot take raises an error naming the control, the value and the allowed range (before
        anything changes)."""
        if setup is not None and setup not in SETUPS:
            raise ValueError(f"exercise must be one of {', '.join(SETUPS)}; got {setup!r}")
        values = {self.knee_range: knee_deg, self.ankle_range: ankle_deg, self.neck_range: neck_deg,
                  self.tempo: tempo_s, self.reps: reps, self.hold_hip: hold_hip_deg, self.hold_seconds: hold_s}
        values = {control: controls.checked_value(control, value) for control, value in values.items()
                  if value is not None}
        self._quiet = True
        try:
            if setup is not None and setup != self.setup.value:
                self.setup.value = setup
                self._apply_defaults(setup)
            for control, value in values.items():
                control.value = value
        finally:
            self._quiet = False
        self._show_relevant_controls()
        self._redesign()

    def show_time(self, t_s: float) -> None:
        """Show the frame at time ``t_s`` (s, from 0 to the program's duration; the nearest frame), as if the time
        slider were moved there."""
        t_s = controls.checked_value(self.time, t_s)
        value = min(round(round(t_s / FRAME_S) * FRAME_S, 1), self.time.max)
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
            self.plot.frame([posture for _, posture in program.keyframes])
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
        solution = self.model.movement(self.program.keyframes[0][1], posture)  # as the simulation has it
        self.plot.update(solution, change_since(self.model.solve(Posture()), solution))  # bars: since standing
        self.plot.redraw()
        self.trace.move_cursor(t, solution.strain(self.site.value))
        self.solution = solution
        self.frame.value = self._frame_html(t, posture, solution)
        self._say(self._frame_sentence(t, posture, solution))  # text only: no redraw

    def _where(self, t: float) -> str:
        program = self.program
        if program.cycles:
            period = program.duration_s / program.cycles
            return f"repetition {min(int(t // period) + 1, program.cycles)} of {program.cycles}"
        return f"hold, {program.duration_s:.0f} s in all"

    def _frame_sentence(self, t: float, posture: Posture, solution: Solution) -> str:
        """One sentence on the frame shown: time, posture, and strain at the chosen site."""
        return (f"At {t:.1f} s ({self._where(t)}), {angles_words(posture)}: "
                f"{site_words(solution, self.site.value)}.")

    def _frame_html(self, t: float, posture: Posture, solution: Solution) -> str:
        """The frame line by the time slider, for the eye only: the sentence under the figures (the one live
        region) says the same to a screen reader, so each frame is announced once."""
        where = self._where(t)
        site = self.site.value
        return (f'<div aria-hidden="true" style="font-size:1.05em">t = {t:.1f} s · {where} · '
                f"hip {posture.hip_flexion:.0f}°, knee {posture.knee_flexion:.0f}°, "
                f"ankle {posture.ankle_dorsiflexion:+.0f}°, neck {posture.neck_flexion:+.0f}° · "
                f"strain at the {SITE_LABELS[site]} {solution.strain(site):.1f} %</div>")

    def _guarded(self, action, what: str) -> None:
        """Run ``action``; on any error show it in the status line and keep the last picture."""
        try:
            action()
            self.status.value = status_html()
        except Exception as error:  # shown to the user, never swallowed
            self.status.value = status_html(f"{what}: {error}", error=True)

    # -- display --
    def _png(self) -> bytes:
        return stacked_png([self.figure, self.trace.figure])
