"""Interactive explorers for the lessons and the workshop: sliders wired to figures that update in place.

Each figure lives on its own ipympl canvas whatever pyplot's backend, so a slider move redraws only what
moved. Displayed in a notebook, an explorer also carries a PNG of its figure: JupyterLab and Voila show the live
widget, nbconvert HTML handouts (no widget state) show the picture. Errors inside a callback are shown in the
widget; the last picture stays.
"""
from __future__ import annotations

import base64
import html
from collections.abc import Callable

import ipywidgets as W

from . import anatomy, exercises
from .dynamics import simulate
from .hamstring import hamstring_stretch
from .mechanics import Model, default_model
from .plots import ExplorerFigure, HoldFlossFigure, png_bytes
from .posture import JOINTS, RANGES_DEG, Posture

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

_ERROR_STYLE = "color:#B00020;font-weight:bold"


def _status(message: str = "", error: bool = False) -> str:
    style = _ERROR_STYLE if error else "color:#444"
    return f'<div role="status" style="{style}">{html.escape(message)}</div>'


class _Explorer:
    """What the explorers share: a root widget and a figure, displayed live with a static picture alongside."""

    widget: W.Widget
    figure: object

    def _repr_mimebundle_(self, **kwargs) -> dict:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(png_bytes(self.figure)).decode("ascii")
        bundle["text/plain"] = f"{type(self).__name__} (interactive: run the notebook to move the sliders)"
        return bundle


class PostureExplorer(_Explorer):
    """Sliders for hip, knee, ankle, neck and trunk; body diagram, strain along the tract, readout, bars."""

    def __init__(self, posture: Posture | None = None, model: Model | None = None, presenter: bool = False) -> None:
        self.model = model or default_model()
        self.free_model = self.model
        self.plot = ExplorerFigure(self.model, presenter=presenter)
        self.sliders = {joint: W.IntSlider(value=0, min=int(low), max=int(high), step=1,
                                           description=SLIDER_LABELS[joint], continuous_update=True,
                                           style={"description_width": "initial"},
                                           layout=W.Layout(width="420px"))
                        for joint, (low, high) in RANGES_DEG.items()}
        self.preset_buttons = [W.Button(description=name, tooltip=why, layout=W.Layout(width="auto"))
                               for name, (_, why) in PRESETS.items()]
        for button in self.preset_buttons:
            button.on_click(lambda b: self.apply_preset(b.description))
        self.quantity = W.ToggleButtons(options=["strain", "tension"], value="strain",
                                        description="show along tract")
        self.view = W.ToggleButtons(options=VIEWS, value=VIEWS[0], description="body")
        self.tether_site = W.Dropdown(options=["none", *anatomy.SITES], value="none",
                                      description="tied down at", style={"description_width": "initial"})
        self.tether_strength = W.IntSlider(value=50, min=2, max=100, step=1,
                                           description="tether stiffness (x)", style={"description_width": "initial"})
        self.readout = W.HTML()
        self.status = W.HTML(_status())
        self._quiet = False
        self.figure = self.plot.figure
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.quantity.observe(self._on_quantity, names="value")
        self.view.observe(self._on_view, names="value")
        for control in (self.tether_site, self.tether_strength):
            control.observe(self._on_tether, names="value")
        self.set_posture(posture or Posture())
        self.widget = self._layout()

    def _layout(self) -> W.Widget:
        controls = W.VBox([*self.sliders.values(), W.HBox(self.preset_buttons, layout=W.Layout(flex_flow="row wrap")),
                           W.HBox([self.quantity, self.view]), W.HBox([self.tether_site, self.tether_strength]),
                           self.status])
        return W.VBox([W.HBox([controls, self.readout]), self.figure.canvas])

    @property
    def posture(self) -> Posture:
        """The posture the sliders show."""
        return Posture(**{joint: slider.value for joint, slider in self.sliders.items()})

    def set_posture(self, posture: Posture) -> None:
        """Move every slider to ``posture`` and redraw once."""
        self._quiet = True
        try:
            for joint in JOINTS:
                self.sliders[joint].value = int(round(getattr(posture, joint)))
        finally:
            self._quiet = False
        self._refresh()

    def apply_preset(self, name: str) -> None:
        """Set the sliders to a preset posture (see PRESETS); an unknown name shows a message."""
        if name not in PRESETS:
            self.status.value = _status(f"No preset called {name!r}; presets are: {', '.join(PRESETS)}", error=True)
            return
        self._quiet = True
        try:
            self.view.value = VIEWS[1] if name in LYING_PRESETS else VIEWS[0]
        finally:
            self._quiet = False
        self.set_posture(PRESETS[name][0])

    def _on_change(self, change) -> None:
        if not self._quiet:
            self._refresh()

    def _on_view(self, change) -> None:
        self.plot.set_view(change["new"] == VIEWS[1])
        if not self._quiet:
            self._refresh()

    def _on_quantity(self, change) -> None:
        self._guarded(lambda: self.plot.set_quantity(change["new"]), full=True)

    def _on_tether(self, change) -> None:
        def retether() -> None:
            site = self.tether_site.value
            self.model = (self.free_model if site == "none"
                          else Model(entrapment={site: self.tether_strength.value},
                                     parameters=self.free_model.parameters))
            self.plot.model = self.model
        self._guarded(retether, full=False)

    def _refresh(self) -> None:
        self._guarded(lambda: None, full=False)

    def _guarded(self, change: Callable[[], None], full: bool) -> None:
        """Apply ``change`` and redraw; on any error show it and keep the last good picture."""
        try:
            change()
            solution = self.model.solve(self.posture)
            self.plot.update(solution, hamstring_stretch(solution.posture))
            self.readout.value = readout_html(solution)
            self.plot.redraw(full)
            self.status.value = _status()
        except Exception as error:  # shown to the user, never swallowed
            self.status.value = _status(f"Could not update the picture: {error}", error=True)


def readout_html(solution) -> str:
    """A small table of strain (%), excursion (mm) and tension (N) at every site."""
    rows = "".join(
        f"<tr><td>{site.replace('_', ' ')}</td><td>{solution.strain(site):.1f}</td>"
        f"<td>{solution.excursion(site):+.1f}</td><td>{solution.tension(site):.1f}</td></tr>"
        for site in anatomy.SITES)
    return ('<table class="nd-readout" style="font-size:1.05em;border-spacing:10px 2px">'
            "<caption>At each site</caption><tr><th>site</th><th>strain %</th>"
            "<th>excursion mm<br>(+ = toward head)</th><th>tension N</th></tr>" + rows + "</table>")


#: Floss programs offered by HoldVsFloss: name -> maker(reps, period_s, knee_range) -> Program.
FLOSSES: dict[str, Callable[..., exercises.Program]] = {
    "supine floss (exercise 1)": lambda reps, period, knee: exercises.supine_floss(
        reps, period, knee_bent=knee[1], knee_straight=knee[0]),
    "seated floss (exercise 2)": lambda reps, period, knee: exercises.seated_floss(
        reps, period, knee_bent=knee[1], knee_straight=knee[0]),
    "supine slider": lambda reps, period, knee: exercises.slider("supine", reps, period, knee[1], knee[0]),
    "supine tensioner": lambda reps, period, knee: exercises.tensioner("supine", reps, period, knee[1], knee[0]),
    "seated slider": lambda reps, period, knee: exercises.slider("seated", reps, period, knee[1], knee[0]),
    "seated tensioner": lambda reps, period, knee: exercises.tensioner("seated", reps, period, knee[1], knee[0]),
}


class HoldVsFloss(_Explorer):
    """A sustained hold and a floss side by side: tension, strain and blood flow over time at one site."""

    def __init__(self, model: Model | None = None, presenter: bool = False, site: str = "hip") -> None:
        self.model = model or default_model()
        style = {"description_width": "initial"}
        self.hold_seconds = W.IntSlider(value=40, min=5, max=300, step=5, description="hold duration (s)",
                                        style=style)
        self.hold_angle = W.IntSlider(value=80, min=30, max=110, step=5,
                                      description="hold: straight-leg raise (deg)", style=style)
        self.floss = W.Dropdown(options=list(FLOSSES), value="supine floss (exercise 1)", description="floss",
                                style=style)
        self.reps = W.IntSlider(value=10, min=1, max=40, description="repetitions", style=style)
        self.period = W.FloatSlider(value=4.0, min=1.0, max=12.0, step=0.5, description="seconds per repetition",
                                    style=style)
        self.knee_range = W.IntRangeSlider(value=(20, 70), min=0, max=120, step=5,
                                           description="knee range (deg flexion)", style=style)
        self.site = W.Dropdown(options=list(anatomy.SITES), value=anatomy.check_site(site), description="site")
        self.summary = W.HTML()
        self.status = W.HTML(_status())
        self.plot = HoldFlossFigure(presenter=presenter)
        self.figure = self.plot.figure
        for control in (self.hold_seconds, self.hold_angle, self.floss, self.reps, self.period, self.knee_range,
                        self.site):
            control.observe(lambda change: self.refresh(), names="value")
        self.refresh()
        left = W.VBox([self.hold_seconds, self.hold_angle])
        right = W.VBox([self.floss, self.reps, self.period, self.knee_range])
        self.widget = W.VBox([W.HBox([left, right]), W.HBox([self.site, self.status]), self.figure.canvas,
                              self.summary])

    def programs(self) -> tuple[exercises.Program, exercises.Program]:
        """The hold and the floss the controls describe."""
        hold = exercises.sustained_stretch(float(self.hold_seconds.value), float(self.hold_angle.value))
        floss = FLOSSES[self.floss.value](self.reps.value, float(self.period.value), self.knee_range.value)
        return hold, floss

    def refresh(self) -> None:
        """Simulate both programs and redraw; on any error show it and keep the last picture."""
        try:
            hold, floss = (simulate(program, dt=0.05, model=self.model) for program in self.programs())
            self.plot.update(hold, floss, self.site.value)
            self.summary.value = dose_table_html(hold, floss, self.site.value)
            self.status.value = _status()
        except Exception as error:  # shown to the user, never swallowed
            self.status.value = _status(f"Could not simulate: {error}", error=True)


_DOSE_ROWS = (("peak_strain_pct", "peak strain (%)", "{:.1f}"),
              ("peak_stretch_pct", "peak stretch beyond resting (%)", "{:.1f}"),
              ("time_above_8pct_s", "time above 8 % stretch (s)", "{:.1f}"),
              ("time_above_15pct_s", "time above 15 % stretch (s)", "{:.1f}"),
              ("sliding_distance_mm", "total sliding (mm)", "{:.0f}"),
              ("peak_tension_n", "peak tension (N)", "{:.1f}"),
              ("hold_relaxation_pct", "tension relaxation over the hold (%)", "{:.0f}"),
              ("min_blood_flow", "lowest blood flow (% of resting)", "{:.0%}"),
              ("mean_blood_flow", "mean blood flow (% of resting)", "{:.0%}"))


def dose_table_html(hold, floss, site: str) -> str:
    """The dose summary of both programs at ``site``, side by side, as an HTML table."""
    columns = [series.summary() for series in (hold, floss)]

    def cell(value, fmt: str) -> str:
        return "–" if value is None else fmt.format(value)

    rows = "".join(f"<tr><td>{label}</td>" + "".join(f"<td>{cell(c['sites'][site][key], fmt)}</td>"
                                                      for c in columns) + "</tr>"
                   for key, label, fmt in _DOSE_ROWS)
    head = "".join(f"<th>{html.escape(c['program'])}, {c['duration_s']:.0f} s</th>" for c in columns)
    return (f'<table class="nd-dose" style="font-size:1.05em;border-spacing:12px 2px">'
            f"<caption>Dose at the {site.replace('_', ' ')}</caption><tr><th></th>{head}</tr>{rows}</table>")
