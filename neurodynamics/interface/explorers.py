"""The posture explorer and hold-versus-floss: sliders wired to figures that update in place.

Each figure lives on its own live canvas whatever pyplot's backend (:mod:`.live`), so a slider move redraws only
what moved; a browser move that would be stale by the time its picture reached the screen is skipped (the newest
wins, drawn once the picture before it is on the screen). What every explorer shares (the static picture beside
the widget, the sentence under the figure, the status line) is in :mod:`.explorer_base`.
"""
from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as W

from ..evidence.uncertainty import band
from ..model import anatomy, exercises
from ..model.comparisons import equal_peak_hold
from ..model.design import FLOSSES, SUPINE, Design, default_design
from ..model.dynamics import simulate
from ..model.mechanics import Model, Solution
from ..model.posture import JOINTS, RANGES_DEG, Posture
from . import controls
from .compare import change_since
from .dose_text import dose_table_html
from .explorer_base import (HOLD_HIP_DEG, HOLD_SECONDS, KNEE_RANGE_DEG, REPETITIONS, SECONDS_PER_REPETITION,
                            BodyExplorer, Explorer, checked_model, checked_presenter)
from .explorer_figures import BAND_LABEL, ExplorerFigure, HoldFlossFigure
from .pacing import WordsAfterPicture, from_browser
from .sentences import hold_floss_sentence, posture_sentence
from .style import SITE_LABELS
from .tether import DEFAULT_STRENGTH, NO_TETHER, STRENGTHS, tether_line

#: Slider labels: joint name first (tests and screen readers find them by it), then unit and sign.
SLIDER_LABELS = {
    "hip_flexion": "hip (deg, + = flexion)",
    "knee_flexion": "knee (deg, + = bent)",
    "ankle_dorsiflexion": "ankle (deg, + = foot up)",
    "neck_flexion": "neck (deg, + = chin down)",
    "trunk_flexion": "trunk (deg, + = bent forward)",
}

#: Preset postures, each with why it looks that way.
PRESETS: dict[str, tuple[Posture, str]] = {
    "standing": (Posture(), "upright, looking ahead: the reference for excursion"),
    "straight-leg raise": (Posture(hip_flexion=70), "lying on the back, straight leg lifted to 70 deg"),
    "slump sitting": (Posture(hip_flexion=90, knee_flexion=10, ankle_dorsiflexion=10, neck_flexion=50,
                              trunk_flexion=40),
                      "sitting slumped, chin down, knee nearly straight, foot up: the slump test end position"),
    "supine floss (end)": (exercises.supine_floss().keyframes[1][1],
                           "exercise 1 at its end: hip 90, knee straightened, foot pulled up"),
    "seated floss (end)": (exercises.seated_floss().keyframes[1][1],
                           "exercise 2 at its end: sitting, leg kicked straight, foot up, looking up"),
}

#: Presets shown lying on the back; the others are upright (standing or sitting).
LYING_PRESETS = ("straight-leg raise", "supine floss (end)")
VIEWS = ("upright", "lying on the back")

#: Shown beside the pin while one is set: what the readouts then are.
PIN_NOTE = ('<div class="nd-pin-note" style="max-width:330px;line-height:1.2;font-size:0.9em">Pinned: readouts '
            'show the movement from the pinned posture.</div>')


class PostureExplorer(BodyExplorer):
    """Sliders for hip, knee, ankle, neck and trunk; body diagram, strain along the tract, readout, and the
    "hamstring or nerve?" bars. A pin keeps the posture shown as a faint reference, and the readout, the bars and
    the sentence then give the change since the pin; a tether ties the nerve down at a site; a checkbox (off at
    first) shades the plausible range of the model's strain along the tract."""

    ALT_SUBJECT = ("Posture explorer: a side view of the body with the sciatic nerve coloured by strain, strain "
                   "along the tract from skull to foot, and bars comparing the change in hamstring length and in "
                   "nerve strain")

    def __init__(self, posture: Posture | None = None, model: Model | None = None, presenter: bool = False) -> None:
        if posture is not None and not isinstance(posture, Posture):
            raise TypeError(f"posture must be a neurodynamics Posture (nd.Posture(...)) or None, got {posture!r}; "
                            f"presets are shown as buttons ({', '.join(PRESETS)})")
        presenter = checked_presenter(presenter)
        super().__init__()
        self.free_model = checked_model(model)  # the model without a tether
        self.plot = ExplorerFigure(self.free_model, presenter=presenter)
        self.sliders = {joint: controls.slider(W.IntSlider, SLIDER_LABELS[joint], value=0, min=int(low),
                                               max=int(high), step=1, continuous_update=True)
                        for joint, (low, high) in RANGES_DEG.items()}
        self.preset_buttons = [W.Button(description=name, tooltip=why, layout=W.Layout(width="auto"))
                               for name, (_, why) in PRESETS.items()]
        for button in self.preset_buttons:
            button.on_click(lambda b: self.apply_preset(b.description))
        self.pin_button = W.ToggleButton(value=False, description="pin this posture",
                                         tooltip="keep this posture as a faint reference and show change since it")
        self.quantity = controls.choice("show along tract", ["strain", "tension"], "strain")
        self.band_box = W.Checkbox(value=False, description=BAND_LABEL, indent=False,
                                   tooltip="shade the strain the model gives with each uncertain parameter at the "
                                           "low or high end of its plausible range (strain only)")
        self.view = controls.choice("body", VIEWS, VIEWS[0])
        self.tether_site = controls.dropdown("tied down at", [(NO_TETHER, NO_TETHER),
                                                              *((SITE_LABELS[s], s) for s in anatomy.SITES)],
                                             NO_TETHER)
        self.tether_strength = controls.dropdown("tether strength", list(STRENGTHS), DEFAULT_STRENGTH)
        self.tether_text = W.HTML()
        self.readout = W.HTML()
        self.pin_posture: Posture | None = None  # the pinned posture: readouts are the movement from it
        self.pin_note = W.HTML()
        self._behind = False  # a browser move waits for the picture in flight to be drawn
        self._words = WordsAfterPicture()
        self.figure = self.plot.figure
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.pin_button.observe(self._on_pin, names="value")
        self.quantity.observe(self._on_quantity, names="value")
        self.band_box.observe(self._on_change, names="value")
        self.view.observe(self._on_view, names="value")
        for control in (self.tether_site, self.tether_strength):
            control.observe(self._on_tether, names="value")
        self.set_posture(posture or Posture())
        self.tether_text.value = tether_html(self.tether_site.value, self.tether_strength.value)
        self.widget = self._layout()

    def _layout(self) -> W.Widget:
        """Sliders and presets, the other controls beside them, then the picture (scaled to the window's height so
        that the sliders and the whole figure are on screen together), its sentence, the tether's line and the
        readout table."""
        column = controls.column([*self.sliders.values(), controls.row(self.preset_buttons)])
        side = controls.side_column([controls.row([self.pin_button, self.pin_note]), self.band_box, self.quantity,
                                     self.view, self.tether_site, self.tether_strength])
        return W.VBox([controls.row([column, side]), self.status,
                       controls.fitted(self.figure.canvas, controls.CONTROLS_PX), self.sentence, self.tether_text,
                       self.readout])

    @property
    def posture(self) -> Posture:
        """The posture the sliders show."""
        return Posture(**{joint: slider.value for joint, slider in self.sliders.items()})

    def set_posture(self, posture: Posture) -> None:
        """Move every slider to ``posture`` and redraw once (the sliders move in whole degrees: a posture between
        them raises a ValueError naming the angle)."""
        if not isinstance(posture, Posture):
            raise TypeError(f"posture must be a neurodynamics Posture (nd.Posture(...)), got {posture!r}")
        for joint in JOINTS:
            angle = getattr(posture, joint)
            if angle != round(angle):
                raise ValueError(f"{joint} = {angle:g} deg: the explorer's sliders move in whole degrees "
                                 f"({RANGES_DEG[joint][0]:g} to {RANGES_DEG[joint][1]:g})")
        with self._quiet():
            for joint in JOINTS:
                self.sliders[joint].value = int(round(getattr(posture, joint)))
        self._update()

    def apply_preset(self, name: str) -> None:
        """Set the sliders to a preset posture (see PRESETS), drawn lying or upright; an unknown name shows a
        message."""
        if name not in PRESETS:
            self._failed(f"No preset called {name!r}; presets are: {', '.join(PRESETS)}")
            return
        with self._quiet():
            self.view.value = VIEWS[1] if name in LYING_PRESETS else VIEWS[0]
        self.plot.frame([PRESETS[name][0]])
        self.set_posture(PRESETS[name][0])

    def pin(self, on: bool = True) -> None:
        """Pin the posture shown (``on``) or let the pin go, as the pin button does."""
        self.pin_button.value = bool(on)

    def _on_change(self, change) -> None:
        if self._quiet:
            return
        browser = from_browser(change)
        if browser and self.figure.canvas.in_flight:  # stale before it could be seen: the newest wins
            if not self._behind:
                self._behind = True
                self.figure.canvas.when_drawn(self._catch_up)
            return
        self._update(later=browser)

    def _catch_up(self) -> None:
        """Draw the newest posture once the browser has drawn the picture before it (moves made meanwhile were
        skipped: each would have been stale by the time it reached the screen)."""
        if self._behind:
            self._update(later=True)

    @property
    def pinned(self) -> Solution | None:
        """The pinned posture's solution (what the change is measured against), or None."""
        return None if self.pin_posture is None else self.model.solve(self.pin_posture)

    def _on_pin(self, change) -> None:
        def repin() -> None:
            self.pin_posture = self.posture if change["new"] else None
            self.plot.pin(self.pinned)
            self.pin_note.value = PIN_NOTE if change["new"] else ""
        self._update(repin)

    def _on_view(self, change) -> None:
        self.plot.set_view(change["new"] == VIEWS[1])
        if not self._quiet:
            self._update()

    def _on_quantity(self, change) -> None:
        self._update(lambda: self.plot.set_quantity(change["new"]))

    def _on_tether(self, change) -> None:
        def retether() -> None:
            site, strength = self.tether_site.value, self.tether_strength.value
            self.plot.set_model(self.free_model if site == NO_TETHER
                                else Model(entrapment={site: strength}, parameters=self.free_model.parameters))
            if self.pin_posture is not None:
                self.plot.pin(self.pinned)  # the pinned posture as this model has it
            self.tether_text.value = tether_html(site, strength)
        self._update(retether)

    def state(self) -> tuple[Solution, Solution]:
        """What the explorer shows, by one physics: the movement to the posture shown from its start (the pin while
        one is set, else standing), and the start's own solution (the change is measured against it)."""
        start = self.pin_posture or Posture()
        return self.model.movement(start, self.posture), self.model.solve(start)

    def _update(self, change: Callable[[], None] = lambda: None, later: bool = False) -> None:
        """Apply ``change`` and redraw, then update the words (a moment ``later`` for a move made in the browser:
        see :mod:`.pacing`); on any error show it and keep the last good picture."""
        self._behind = False  # this draws the newest state
        if self._guarded(lambda: self._draw(change), "Could not update the picture", clear=False):
            self._words.run(lambda: self._guarded(self._write_words, "Could not update the readout"), later)

    def _draw(self, change: Callable[[], None]) -> None:
        change()
        solution, since = self.state()
        difference = change_since(since, solution)
        shaded = band(solution.posture, self.model, since.posture) \
            if self.band_box.value and self.quantity.value == "strain" else None  # only when asked for
        self.plot.update(solution, difference, shaded)
        self.plot.redraw()  # the picture first: the words follow it
        self._shown = (solution, since if self.pin_posture is not None else None, difference)

    def _write_words(self) -> None:
        solution, pinned, difference = self._shown
        self.readout.value = readout_html(solution, pinned)
        self._say(posture_sentence(solution, difference if pinned else None))  # text only: no redraw

    def _failed(self, message: str) -> None:
        self._words.cancel()  # words of an earlier move would clear the message
        super()._failed(message)


def tether_html(site: str, strength: float) -> str:
    """The line under the tether controls that says what the tether does."""
    return f'<div class="nd-tether" style="max-width:560px">{html.escape(tether_line(site, strength))}</div>'


def readout_html(solution: Solution, pinned: Solution | None = None) -> str:
    """A small table of strain (%, "slack" where slack), excursion (mm) and tension (N) at every site; with a
    ``pinned`` solution, a column of strain change since it (percentage points)."""
    def strain(site: str) -> str:
        return f"{solution.strain(site):.1f}" + (" slack" if solution.slack(site) else "")

    def since(site: str) -> str:
        return "" if pinned is None else f"<td>{solution.strain(site) - pinned.strain(site):+.1f}</td>"

    rows = "".join(
        f"<tr><td>{SITE_LABELS[site]}</td><td>{strain(site)}</td>{since(site)}"
        f"<td>{solution.excursion(site):+.1f}</td><td>{solution.tension(site):.1f}</td></tr>"
        for site in anatomy.SITES)
    change_head = "" if pinned is None else "<th>change since<br>pin (% points)</th>"
    return ('<table class="nd-readout" style="border-spacing:8px 1px;white-space:nowrap">'
            f"<caption>At each site</caption><tr><th>site</th><th>strain<br>%</th>{change_head}"
            "<th>excursion mm<br>(+ headward)</th><th>tension<br>N</th></tr>" + rows + "</table>")


#: The holds HoldVsFloss offers: at the floss's peak (same peak strain at the site, as long), or a straight-leg raise.
HOLD_KINDS = ("same peak as the floss", "straight-leg raise")

class HoldVsFloss(Explorer):
    """A sustained hold and a floss side by side: tension, strain and blood flow over time at one site."""

    ALT_SUBJECT = ("Hold against floss: tension, strain and blood flow over time at one site, a sustained hold on "
                   "the left and a floss on the right")

    def __init__(self, model: Model | None = None, presenter: bool = False, site: str = "hip") -> None:
        presenter = checked_presenter(presenter)
        super().__init__()
        self.model = checked_model(model)
        taught = default_design(SUPINE)  # the taught hold and floss: one source for each default
        self.hold_seconds = controls.slider(W.IntSlider, "hold duration (s)", value=int(taught.hold_s),
                                            min=HOLD_SECONDS[0], max=HOLD_SECONDS[1], step=5)
        self.hold_angle = controls.slider(W.IntSlider, "hold: straight-leg raise (deg)", value=int(taught.hold_hip_deg),
                                          min=HOLD_HIP_DEG[0], max=HOLD_HIP_DEG[1], step=5)
        self.floss = controls.dropdown("floss", list(FLOSSES), SUPINE)
        self.reps = controls.slider(W.IntSlider, "repetitions", value=taught.reps, min=REPETITIONS[0],
                                    max=REPETITIONS[1])
        self.period = controls.slider(W.FloatSlider, "seconds per repetition", value=taught.tempo_s,
                                      min=SECONDS_PER_REPETITION[0], max=SECONDS_PER_REPETITION[1], step=0.5)
        self.knee_range = controls.slider(W.IntRangeSlider, "knee range (deg flexion)",
                                          value=tuple(int(v) for v in taught.knee_deg), min=KNEE_RANGE_DEG[0],
                                          max=KNEE_RANGE_DEG[1], step=5)
        self.site = controls.dropdown("site", list(anatomy.SITES), anatomy.check_site(site))
        self.hold_kind = controls.dropdown("hold", list(HOLD_KINDS), HOLD_KINDS[0],
                                           tooltip="the same peak strain at the site as the floss (a fair "
                                                   "comparison), or a straight-leg raise of your choice")
        self.summary = W.HTML()
        self.plot = HoldFlossFigure(presenter=presenter)
        self.figure = self.plot.figure
        for control in (self.hold_kind, self.hold_seconds, self.hold_angle, self.floss, self.reps, self.period,
                        self.knee_range, self.site):
            control.observe(lambda change: self.refresh(), names="value")
        self.refresh()
        hold = controls.column([self.hold_kind, self.hold_seconds, self.hold_angle])
        floss = controls.column([self.floss, self.reps, self.period, self.knee_range])
        self.widget = W.VBox([controls.row([hold, floss]), controls.row([self.site, self.status]),
                              controls.fitted(self.figure.canvas), self.sentence, self.summary])

    def programs(self) -> tuple[exercises.Program, exercises.Program]:
        """The hold and the floss the controls describe: by default a hold that reaches the floss's peak strain at
        the site, as long as the floss (``equal_peak_hold``), else the straight-leg raise of the hold controls."""
        floss = Design(self.floss.value, knee_deg=self.knee_range.value, tempo_s=float(self.period.value),
                       reps=self.reps.value).program()
        if self.hold_kind.value == HOLD_KINDS[0]:
            hold = equal_peak_hold(floss, self.site.value, self.model)
        else:
            hold = exercises.sustained_stretch(float(self.hold_seconds.value), float(self.hold_angle.value))
        return hold, floss

    def refresh(self) -> None:
        """Show the hold controls that apply, simulate both programs and redraw."""
        shown = None if self.hold_kind.value == HOLD_KINDS[1] else "none"
        for control in (self.hold_seconds, self.hold_angle):
            control.layout.display = shown
        self._simulate()

    def _simulate(self) -> None:
        """Simulate both programs and redraw; on any error show it and keep the last picture."""
        self._guarded(self._show_programs, "Could not simulate")

    def _show_programs(self) -> None:
        hold, floss = (simulate(program, dt=0.05, model=self.model) for program in self.programs())
        self.plot.update(hold, floss, self.site.value)
        self.summary.value = dose_table_html(hold, floss, self.site.value)
        self._say(hold_floss_sentence(hold, floss, self.site.value))
