"""Interactive explorers for the lessons and the workshop: sliders wired to figures that update in place.

Each figure lives on its own ipympl canvas whatever pyplot's backend, so a slider move redraws only what
moved. Displayed in a notebook, an explorer also carries a PNG of its figure: JupyterLab and Voila show the live
widget, nbconvert HTML handouts (no widget state) show the picture, with alt text that says what it shows. Under
each figure one sentence (an aria-live region, read out by screen readers) says in words what the figure shows and
changes with it, without redrawing anything. Errors inside a callback are shown in the widget; the last picture
stays.
"""
from __future__ import annotations

import base64
import html
from collections.abc import Callable

import ipywidgets as W

from ..model import anatomy, exercises
from ..model import parameters as P
from ..model.design import SEATED, SUPINE, default_design
from ..model.dynamics import simulate
from ..model.hamstring import hamstring_stretch
from ..model.mechanics import Model, default_model
from ..model.posture import JOINTS, RANGES_DEG, Posture
from .dose_text import dose_table_html
from .explorer_figures import ExplorerFigure, HoldFlossFigure
from .live import png_bytes
from .style import SITE_LABELS

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

#: Ranges of the exercise-design controls that HoldVsFloss and the exercise player share (degrees, s, counts):
#: narrower than the joints' ranges (``RANGES_DEG``), to keep to exercises patients are taught.
KNEE_RANGE_DEG = (int(RANGES_DEG["knee_flexion"][0]), 120)
HOLD_HIP_DEG = (30, 110)
HOLD_SECONDS = (5, 300)
REPETITIONS = (1, 40)
SECONDS_PER_REPETITION = (1.0, 12.0)

ERROR_STYLE = "color:#B00020;font-weight:bold"


def status_html(message: str = "", error: bool = False) -> str:
    """The status line of an explorer: empty, a message, or an error (red, bold); read out by screen readers."""
    style = ERROR_STYLE if error else "color:#444"
    return f'<div role="status" style="{style}">{html.escape(message)}</div>'


# -- one sentence under each explorer that says what its figure shows (read out by screen readers) --
_HALF, _NONE = P.HALF_FLOW_STRETCH.value, P.NO_FLOW_STRETCH.value


def sentence_html(sentence: str) -> str:
    """The sentence under an explorer, in a polite live region: screen readers read it after each change."""
    return f'<p class="nd-sentence" aria-live="polite" style="margin:4px 0">{html.escape(sentence)}</p>'


def flow_words(stretch_pct: float) -> str:
    """Where a stretch beyond the resting length (%) lies against the blood-flow lines, compared as shown (0.1 %)."""
    shown = round(stretch_pct, 1)
    if shown >= _NONE:
        return f"at or above the {_NONE:g} % line where blood flow nearly stops"
    if shown >= _HALF:
        return f"at or above the {_HALF:g} % line where blood flow halves"
    return f"below the {_HALF:g} % line where blood flow halves"


def angles_words(posture: Posture) -> str:
    """"hip 70°, knee 0°", with the ankle, neck and trunk when they are not at 0 (signed as the sliders)."""
    words = [f"hip {posture.hip_flexion:.0f}°", f"knee {posture.knee_flexion:.0f}°"]
    for name, value in (("ankle", posture.ankle_dorsiflexion), ("neck", posture.neck_flexion),
                        ("trunk", posture.trunk_flexion)):
        if round(value) != 0:
            words.append(f"{name} {value:+.0f}°")
    return ", ".join(words)


def site_words(solution, site: str) -> str:
    """Strain at ``site`` as the readout shows it (%), its stretch beyond the resting length (%), and where that
    lies against the line where blood flow halves."""
    stretch = solution.stretch(site)
    return (f"strain at the {SITE_LABELS[site]} {solution.strain(site):.1f} %, stretched {stretch:.1f} % beyond "
            f"its resting length, {flow_words(stretch)}")


def most_stretched_site(solution) -> str:
    """The site stretched furthest beyond its resting length (the first such site on a tie)."""
    return max(anatomy.SITES, key=solution.stretch)


def posture_sentence(solution) -> str:
    """One sentence on a posture: its angles and the site stretched furthest beyond its resting length, e.g.
    "Hip 70°, knee 0°: strain at the hip 9.8 %, stretched 5.2 % beyond its resting length, below the 8 % line
    where blood flow halves." """
    angles = angles_words(solution.posture)
    site = most_stretched_site(solution)
    if round(solution.stretch(site), 1) <= 0:
        return (f"{angles[0].upper()}{angles[1:]}: the nerve is nowhere stretched beyond its resting length, "
                f"{flow_words(0.0)}.")
    return f"{angles[0].upper()}{angles[1:]}: {site_words(solution, site)}."


def hold_floss_sentence(hold, floss, site: str) -> str:
    """One sentence on a hold and a floss at ``site``: peak stretch beyond the resting length (%), lowest blood
    flow (% of resting) and time above the line where blood flow halves (s), from their dose summaries."""
    summaries = [series.summary() for series in (hold, floss)]
    values = [summary["sites"][site] for summary in summaries]
    names = [f"the {summary['program']} ({summary['duration_s']:.0f} s)" for summary in summaries]

    def number(value, fmt: str) -> str:
        return "–" if value is None else fmt.format(value)

    peaks = [number(v["peak_stretch_pct"], "{:.1f} %") for v in values]
    flows = [number(v["min_blood_flow"], "{:.0%}") for v in values]
    above = [v["time_above_8pct_s"] or 0.0 for v in values]
    time_words = (f"neither goes above the {_HALF:g} % line where blood flow halves" if max(above) == 0 else
                  f"time above the {_HALF:g} % line where blood flow halves {above[0]:.1f} s and {above[1]:.1f} s")
    return (f"At the {SITE_LABELS[site]}, {names[0]} stretches the nerve up to {peaks[0]} beyond its resting length "
            f"and {names[1]} up to {peaks[1]}, lowest blood flow {flows[0]} and {flows[1]} of resting; {time_words}.")


class Explorer:
    """What the explorers (and the exercise player) share: a root widget and a figure, displayed live with a
    static picture alongside (JupyterLab and Voila show the widget, nbconvert handouts the picture, with alt text),
    and one sentence under the figure that says what it shows (``sentence``, an aria-live region)."""

    widget: W.Widget
    figure: object
    sentence: W.HTML
    #: What the figure is, the start of the picture's alt text.
    ALT_SUBJECT = "Explorer"

    @property
    def sentence_text(self) -> str:
        """The sentence under the explorer, as plain text."""
        return getattr(self, "_sentence_text", "")

    def _say(self, text: str) -> None:
        self._sentence_text = text
        self.sentence.value = sentence_html(text)

    @property
    def alt(self) -> str:
        """Alt text of the explorer's picture: what it shows, then the sentence on the current state."""
        return f"{self.ALT_SUBJECT}. {self.sentence_text}".strip()

    def _png(self) -> bytes:
        return png_bytes(self.figure)

    def _repr_mimebundle_(self, **kwargs) -> tuple[dict, dict]:
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self._png()).decode("ascii")
        bundle["text/plain"] = f"{type(self).__name__} (interactive: run the notebook to move the sliders)"
        return bundle, {"image/png": {"alt": self.alt}}


class PostureExplorer(Explorer):
    """Sliders for hip, knee, ankle, neck and trunk; body diagram, strain along the tract, readout, bars."""

    ALT_SUBJECT = ("Posture explorer: a side view of the body with the sciatic nerve coloured by strain, strain "
                   "along the tract from skull to foot, and bars comparing hamstring and nerve lengthening")

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
        self.status = W.HTML(status_html())
        self.sentence = W.HTML()
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
        return W.VBox([W.HBox([controls, self.readout]), self.figure.canvas, self.sentence])

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
            self.status.value = status_html(f"No preset called {name!r}; presets are: {', '.join(PRESETS)}", error=True)
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
            self._say(posture_sentence(solution))  # text only: no redraw
            self.status.value = status_html()
        except Exception as error:  # shown to the user, never swallowed
            self.status.value = status_html(f"Could not update the picture: {error}", error=True)


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
    SUPINE: lambda reps, period, knee: exercises.supine_floss(
        reps, period, knee_bent=knee[1], knee_straight=knee[0]),
    SEATED: lambda reps, period, knee: exercises.seated_floss(
        reps, period, knee_bent=knee[1], knee_straight=knee[0]),
    "supine slider": lambda reps, period, knee: exercises.slider("supine", reps, period, knee[1], knee[0]),
    "supine tensioner": lambda reps, period, knee: exercises.tensioner("supine", reps, period, knee[1], knee[0]),
    "seated slider": lambda reps, period, knee: exercises.slider("seated", reps, period, knee[1], knee[0]),
    "seated tensioner": lambda reps, period, knee: exercises.tensioner("seated", reps, period, knee[1], knee[0]),
}


class HoldVsFloss(Explorer):
    """A sustained hold and a floss side by side: tension, strain and blood flow over time at one site."""

    ALT_SUBJECT = ("Hold against floss: tension, strain and blood flow over time at one site, a sustained hold on "
                   "the left and a floss on the right")

    def __init__(self, model: Model | None = None, presenter: bool = False, site: str = "hip") -> None:
        self.model = model or default_model()
        style = {"description_width": "initial"}
        taught = default_design(SUPINE)  # the taught hold and floss: one source for each default
        self.hold_seconds = W.IntSlider(value=int(taught.hold_s), min=HOLD_SECONDS[0], max=HOLD_SECONDS[1], step=5,
                                        description="hold duration (s)", style=style)
        self.hold_angle = W.IntSlider(value=int(taught.hold_hip_deg), min=HOLD_HIP_DEG[0], max=HOLD_HIP_DEG[1], step=5,
                                      description="hold: straight-leg raise (deg)", style=style)
        self.floss = W.Dropdown(options=list(FLOSSES), value=SUPINE, description="floss",
                                style=style)
        self.reps = W.IntSlider(value=taught.reps, min=REPETITIONS[0], max=REPETITIONS[1], description="repetitions",
                                style=style)
        self.period = W.FloatSlider(value=taught.tempo_s, min=SECONDS_PER_REPETITION[0], max=SECONDS_PER_REPETITION[1],
                                    step=0.5, description="seconds per repetition", style=style)
        self.knee_range = W.IntRangeSlider(value=tuple(int(v) for v in taught.knee_deg), min=KNEE_RANGE_DEG[0],
                                           max=KNEE_RANGE_DEG[1], step=5, description="knee range (deg flexion)",
                                           style=style)
        self.site = W.Dropdown(options=list(anatomy.SITES), value=anatomy.check_site(site), description="site")
        self.summary = W.HTML()
        self.status = W.HTML(status_html())
        self.sentence = W.HTML()
        self.plot = HoldFlossFigure(presenter=presenter)
        self.figure = self.plot.figure
        for control in (self.hold_seconds, self.hold_angle, self.floss, self.reps, self.period, self.knee_range,
                        self.site):
            control.observe(lambda change: self.refresh(), names="value")
        self.refresh()
        left = W.VBox([self.hold_seconds, self.hold_angle])
        right = W.VBox([self.floss, self.reps, self.period, self.knee_range])
        self.widget = W.VBox([W.HBox([left, right]), W.HBox([self.site, self.status]), self.figure.canvas,
                              self.sentence, self.summary])

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
            self._say(hold_floss_sentence(hold, floss, self.site.value))
            self.status.value = status_html()
        except Exception as error:  # shown to the user, never swallowed
            self.status.value = status_html(f"Could not simulate: {error}", error=True)
