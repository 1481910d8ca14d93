"""Play an exercise program on the stick figure: design it (range, tempo, repetitions), watch it, read its dose.

``ExercisePlayer`` animates exercise 1 (supine floss), exercise 2 (seated floss) or a sustained stretch on the
posture explorer's figure, with strain against time at one site and the dose of the whole program. Its parts each
have a module: the design controls (:mod:`.design_controls`), play and time (:mod:`.playback`), the strain trace
(:mod:`.strain_trace`), the frame's words (:mod:`.frame_text`) and the dose tables (:mod:`.dose_text`); the design
itself is :mod:`neurodynamics.model.design`. Times in s, angles in degrees (flexion and dorsiflexion +), strain in
%, sliding in mm, tension in N, blood flow as a fraction of resting flow.
"""
from __future__ import annotations

import ipywidgets as W

from ..model import anatomy
from ..model.design import HOLD, SUPINE, Design, posture_at, renamed, taught_program
from ..model.dynamics import TimeSeries, simulate
from ..model.exercises import Program
from ..model.mechanics import Model, Solution
from ..model.posture import Posture
from . import controls
from .compare import change_since
from .design_controls import DesignControls
from .dose_text import dose_panel_html
from .explorer_base import BodyExplorer, checked_model, checked_presenter
from .explorer_figures import ExplorerFigure
from .frame_text import frame_html, frame_sentence
from .playback import Playback
from .static_figures import stacked_png
from .strain_trace import StrainTrace

#: Time between animation frames (s); the Play widget ticks every FRAME_S seconds, so it plays in real time.
FRAME_S = 0.1
#: Sampling step of the simulation behind the dose table and the strain trace (s).
SIMULATION_DT_S = 0.05


class ExercisePlayer(BodyExplorer):
    """Design an exercise, play it on the stick figure, and read its dose.

    Controls: the exercise and its design (``design_controls``), the site for the strain trace and the dose table
    (``site``), and a Play button linked to the ``time (s)`` slider (``playback``). The program is simulated once
    per design (``series``, for the trace and the dose); each frame solves only the posture shown (``solution``),
    as the simulation does: the movement to it from the program's first position.
    """

    ALT_SUBJECT = ("Exercise player: the exercise on a side view of the body with the sciatic nerve coloured by "
                   "strain, strain along the tract, and strain at one site through the whole program")

    def __init__(self, setup: str = SUPINE, model: Model | None = None, site: str = "hip",
                 presenter: bool = False) -> None:
        presenter = checked_presenter(presenter)
        super().__init__()
        self.design_controls = DesignControls(setup)
        self.site = controls.dropdown("site (trace and dose)", list(anatomy.SITES), anatomy.check_site(site))
        self.playback = Playback(FRAME_S)
        self.frame = W.HTML()
        self.dose = W.HTML()
        self.plot = ExplorerFigure(checked_model(model), presenter=presenter)
        self.trace = StrainTrace(presenter=presenter)
        self.figure = self.plot.figure
        self.program: Program | None = None
        self.series: TimeSeries | None = None
        self.solution: Solution | None = None
        self._taught: dict[str, TimeSeries] = {}
        self.design_controls.on_change(self._redesign)
        self.site.observe(self._on_site, names="value")
        self.playback.on_time(lambda t_s: self._guarded(lambda: self._draw_frame(t_s), "Could not show this moment"))
        self._redesign()
        self.widget = self._layout()

    def _layout(self) -> W.Widget:
        # the play button and the time slider right above the body, which is scaled to the window's height less
        # room for them (and JupyterLab's bars): the play button and the whole body on screen together
        return W.VBox([controls.row([self.design_controls.column(self.site), self.dose]), self.status,
                       self.playback.row(), self.frame,
                       controls.fitted(self.plot.figure.canvas, controls.PLAYER_CONTROLS_PX),
                       controls.fitted(self.trace.figure.canvas), self.sentence])

    @property
    def design(self) -> Design:
        """The design the controls describe."""
        return self.design_controls.design

    def set_design(self, setup: str | None = None, *, knee_deg: tuple[int, int] | None = None,
                   ankle_deg: tuple[int, int] | None = None, neck_deg: tuple[int, int] | None = None,
                   tempo_s: float | None = None, reps: int | None = None, hold_hip_deg: int | None = None,
                   hold_s: int | None = None) -> None:
        """Set several controls at once (a new ``setup`` starts from its taught defaults), then recompute once.
        A value a control cannot take raises an error naming the control, the value and the allowed range (before
        anything changes)."""
        self.design_controls.set(setup, knee_deg=knee_deg, ankle_deg=ankle_deg, neck_deg=neck_deg, tempo_s=tempo_s,
                                 reps=reps, hold_hip_deg=hold_hip_deg, hold_s=hold_s)
        self._redesign()

    def show_time(self, t_s: float) -> None:
        """Show the frame at time ``t_s`` (s, from 0 to the program's duration; the nearest frame), as if the time
        slider were moved there."""
        self.playback.show(t_s)

    def _on_site(self, change) -> None:
        def resite() -> None:
            self.trace.set_series(self.series, change["new"])
            self._update_dose()
            self._draw_frame(self.playback.t_s)
        self._guarded(resite, "Could not show this site")

    def _redesign(self) -> None:
        self._guarded(self._simulate_design, "Could not build or simulate this exercise")

    def _simulate_design(self) -> None:
        program = self.design.program()
        program = renamed(program, f"your {program.name}")  # the dose table's column heading
        series = simulate(program, dt=SIMULATION_DT_S, model=self.model)
        self.program, self.series = program, series
        self.plot.set_view(self.design.setup in (SUPINE, HOLD))  # both are done lying on the back
        self.plot.frame([posture for _, posture in program.keyframes])
        self.playback.set_duration(program.duration_s)
        self.trace.set_series(series, self.site.value)
        self._update_dose()
        self._draw_frame(self.playback.t_s)

    def _taught_series(self) -> TimeSeries:
        """The exercise of the current setup as taught, simulated once per setup."""
        setup = self.design.setup
        if setup not in self._taught:
            self._taught[setup] = simulate(taught_program(setup), dt=SIMULATION_DT_S, model=self.model)
        return self._taught[setup]

    def _update_dose(self) -> None:
        self.dose.value = dose_panel_html(self._taught_series(), self.series, self.site.value)

    def _draw_frame(self, t_s: float) -> None:
        posture = posture_at(self.program, t_s)
        solution = self.model.movement(self.program.keyframes[0][1], posture)  # as the simulation has it
        self.plot.update(solution, change_since(self.model.solve(Posture()), solution))  # bars: since standing
        self.plot.redraw()
        self.trace.move_cursor(t_s, solution.strain(self.site.value))
        self.solution = solution
        self.frame.value = frame_html(self.program, t_s, posture, solution, self.site.value)
        self._say(frame_sentence(self.program, t_s, posture, solution, self.site.value))  # text only: no redraw

    def _png(self) -> bytes:
        return stacked_png([self.figure, self.trace.figure])
