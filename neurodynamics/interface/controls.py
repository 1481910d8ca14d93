"""Controls that fit a laptop: labelled sliders with a track of at least 150 px, dropdowns and buttons wide enough
for their text, rows that wrap instead of squeezing, and live pictures that shrink to a narrow output area.

Sizes in CSS pixels. At 1280 px with JupyterLab's file browser open an output area is about 850 px wide: a column
of controls (``COLUMN_PX``) and a table beside it fit; where they do not, a row wraps.
"""
from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import ipywidgets as W
import numpy as np

#: Width of a slider's label; every label of the explorers fits in it (a browser test checks none is cut).
LABEL_PX = 215
#: Width of a whole slider: label, a track of at least 150 px, and the value's readout.
SLIDER_PX = 475
#: Width of a column of controls.
COLUMN_PX = SLIDER_PX + 10
#: Width of the controls beside a column of sliders (the rest of an 850-px output area).
SIDE_PX = 350
#: Height kept for the controls above an explorer's picture, and for JupyterLab's bars (menu, tabs, toolbar,
#: status bar): the picture is at most the window's height less this, so at 1280 x 720 (a laptop's browser) the
#: sliders and the whole figure are on screen together.
CONTROLS_PX = 420
#: The same for the exercise player's body: room for its play button, time slider and frame line above it.
PLAYER_CONTROLS_PX = 220


class SetByBrowser:
    """Mixed into a widget class: ``set_by_browser`` is true while a front end's state is applied (ipywidgets
    calls the documented ``Widget.set_state`` with each state a front end sends)."""

    set_by_browser = False

    def set_state(self, sync_data) -> None:
        self.set_by_browser = True
        try:
            super().set_state(sync_data)
        finally:
            self.set_by_browser = False


@functools.cache
def browser_aware(kind: type[W.Widget]) -> type[W.Widget]:
    """``kind`` (a widget class) that knows when a front end sets it (:class:`SetByBrowser`)."""
    return type(kind.__name__, (SetByBrowser, kind), {"__doc__": kind.__doc__})


def slider(kind: type[W.Widget], description: str, label_px: int = LABEL_PX, width_px: int = SLIDER_PX,
           **kwargs) -> W.Widget:
    """A slider of ``kind`` (``IntSlider``, ``FloatSlider``, ``IntRangeSlider``, ...) with its label
    ``description`` in ``label_px`` and ``width_px`` in all, that knows when the browser moves it
    (:class:`SetByBrowser`); ``kwargs`` go to the slider."""
    return browser_aware(kind)(description=description, style={"description_width": f"{label_px}px"},
                layout=W.Layout(width=f"{width_px}px"), **kwargs)


def dropdown(description: str, options, value, **kwargs) -> W.Dropdown:
    """A dropdown labelled ``description`` as wide as its label and longest choice (none cut short)."""
    return W.Dropdown(description=description, options=options, value=value,
                      style={"description_width": "initial"}, layout=W.Layout(width="auto"), **kwargs)


def choice(description: str, options: Sequence[str], value: str) -> W.ToggleButtons:
    """Buttons for one of a few ``options``, labelled ``description`` on their left, each as wide as its text."""
    return W.ToggleButtons(description=description, options=list(options), value=value,
                           style={"description_width": "initial", "button_width": "auto"},
                           layout=W.Layout(width="auto"))  # label and buttons on one line where they fit


def row(children: Sequence[W.Widget], **layout) -> W.HBox:
    """Widgets side by side that wrap onto the next line when the output area is too narrow for them."""
    return W.HBox(list(children), layout=W.Layout(flex_flow="row wrap", **layout))


def column(children: Sequence[W.Widget]) -> W.VBox:
    """Controls one above the other, ``COLUMN_PX`` wide (a row of them wraps inside)."""
    return W.VBox(list(children), layout=W.Layout(width=f"{COLUMN_PX}px"))


def side_column(children: Sequence[W.Widget]) -> W.VBox:
    """Controls beside a column of sliders, ``SIDE_PX`` wide at most (a dropdown's long choice is cut, not the
    column widened)."""
    for child in children:
        if isinstance(child, W.Dropdown):
            child.layout.max_width = "100%"
    return W.VBox(list(children), layout=W.Layout(max_width=f"{SIDE_PX}px"))


def fitted(canvas, reserve_px: int = 0) -> W.Widget:
    """The live picture of ``canvas`` (a :class:`~neurodynamics.interface.live.LiveCanvas`): shown at its own size
    where there is room, scaled down (same shape) to the width of a narrower output area and, with ``reserve_px``,
    to the window's height less that much (room for the controls above it: both on screen at once)."""
    picture = canvas.picture
    picture.reserve_px = reserve_px
    picture.layout = W.Layout(max_width="100%", min_width="0")
    return picture


def _number(name: str, value, allowed: str) -> float:
    """``value`` as a float, or a clear error naming ``name``, the value and what is ``allowed``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number ({allowed}), got {value!r}")
    if not math.isfinite(float(value)):
        raise ValueError(f"{name} must be a finite number ({allowed}), got {value!r}")
    return float(value)


def checked_value(control: W.Widget, value):
    """``value`` if ``control`` (a slider or range slider) can show it exactly, else an error naming the control
    (its label), the value and the allowed range: ipywidgets would clamp it silently."""
    name, low, high = control.description, control.min, control.max
    allowed = f"{low:g} to {high:g}"
    if isinstance(control, (W.IntRangeSlider, W.FloatRangeSlider)):
        allowed = f"a pair (low, high), each {allowed}"
        if isinstance(value, (str, bytes)) or not hasattr(value, "__len__") or len(value) != 2:
            raise TypeError(f"{name} must be {allowed}, got {value!r}")
        pair = tuple(_number(name, part, allowed) for part in value)
        if not (low <= pair[0] <= pair[1] <= high):
            raise ValueError(f"{name} must be {allowed}, low first; got {tuple(value)!r}")
        return tuple(int(v) for v in pair) if isinstance(control, W.IntRangeSlider) else pair
    number = _number(name, value, allowed)
    if not low <= number <= high:
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    if isinstance(control, (W.IntSlider, W.Play)) and number != int(number):
        raise ValueError(f"{name} must be a whole number ({allowed}), got {value!r}")
    return int(number) if isinstance(control, (W.IntSlider, W.Play)) else number
