"""Controls that fit a laptop: labelled sliders with a track of at least 150 px, dropdowns and buttons wide enough
for their text, rows that wrap instead of squeezing, and figures that shrink to a narrow output area.

Sizes in CSS pixels. At 1280 px with JupyterLab's file browser open an output area is about 850 px wide: a column
of controls (``COLUMN_PX``) and a table beside it fit; where they do not, a row wraps.
"""
from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as W

#: Width of a slider's label; every label of the explorers fits in it (a browser test checks none is cut).
LABEL_PX = 215
#: Width of a whole slider: label, a track of at least 150 px, and the value's readout.
SLIDER_PX = 475
#: Width of a column of controls.
COLUMN_PX = SLIDER_PX + 10


def slider(kind: type[W.Widget], description: str, label_px: int = LABEL_PX, width_px: int = SLIDER_PX,
           **kwargs) -> W.Widget:
    """A slider of ``kind`` (``IntSlider``, ``FloatSlider``, ``IntRangeSlider``, ...) with its label
    ``description`` in ``label_px`` and ``width_px`` in all; ``kwargs`` go to the slider."""
    return kind(description=description, style={"description_width": f"{label_px}px"},
                layout=W.Layout(width=f"{width_px}px"), **kwargs)


def dropdown(description: str, options, value, **kwargs) -> W.Dropdown:
    """A dropdown labelled ``description`` as wide as its label and longest choice (none cut short)."""
    return W.Dropdown(description=description, options=options, value=value,
                      style={"description_width": "initial"}, layout=W.Layout(width="auto"), **kwargs)


def choice(description: str, options: Sequence[str], value: str) -> W.ToggleButtons:
    """Buttons for one of a few ``options``, labelled ``description`` on their left, each as wide as its text."""
    return W.ToggleButtons(description=description, options=list(options), value=value,
                           style={"description_width": "initial", "button_width": "auto"})


def row(children: Sequence[W.Widget], **layout) -> W.HBox:
    """Widgets side by side that wrap onto the next line when the output area is too narrow for them."""
    return W.HBox(list(children), layout=W.Layout(flex_flow="row wrap", **layout))


def column(children: Sequence[W.Widget]) -> W.VBox:
    """Controls one above the other, ``COLUMN_PX`` wide (a row of them wraps inside)."""
    return W.VBox(list(children), layout=W.Layout(width=f"{COLUMN_PX}px"))


def fitted(canvas: W.DOMWidget) -> W.Widget:
    """An ipympl ``canvas`` shown at its own size where there is room, scaled down (same shape) to the width of a
    narrower output area; a style sheet in a hidden HTML widget does it (no JavaScript)."""
    width, height = (int(round(value)) for value in canvas.figure.bbox.size)
    name = f"nd-fit-{width}x{height}"
    canvas.add_class(name)
    style = W.HTML(f"<style>.{name}, .{name} .jupyter-matplotlib-figure, "
                   f".{name} .jupyter-matplotlib-canvas-container {{max-width: 100%; min-width: 0}} "
                   f".{name} .jupyter-matplotlib-canvas-div {{max-width: 100%; height: auto !important; "
                   f"aspect-ratio: {width} / {height}}} "
                   f".{name} .jupyter-matplotlib-canvas-div canvas {{width: 100% !important; "
                   f"height: 100% !important}}</style>", layout=W.Layout(display="none"))
    return W.VBox([style, canvas], layout=W.Layout(max_width="100%"))
