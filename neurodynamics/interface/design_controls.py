"""The exercise player's design controls: which exercise, its knee, ankle or neck range, tempo and repetitions, or
a hold's straight-leg raise angle and length; only the controls that apply to the exercise are shown.

Angles in degrees (flexion and dorsiflexion +), tempo in s per repetition, hold length in s.
"""
from __future__ import annotations

from collections.abc import Callable

import ipywidgets as W

from ..model.design import HOLD, SEATED, SETUPS, SUPINE, Design, default_design
from ..model.posture import RANGES_DEG
from . import controls
from .explorer_base import HOLD_HIP_DEG, HOLD_SECONDS, KNEE_RANGE_DEG, REPETITIONS, SECONDS_PER_REPETITION, Quiet


def _slider(kind: type[W.Widget], description: str, **kwargs) -> W.Widget:
    """A design slider: redesigns on release, each with its own layout (hiding one must not hide all)."""
    return controls.slider(kind, description, continuous_update=False, **kwargs)


class DesignControls:
    """The controls that describe a :class:`~neurodynamics.model.design.Design`, starting from ``setup``'s taught
    defaults. ``on_change(callback)``: ``callback()`` runs after a student changes the design (a new exercise
    first resets its controls to the exercise's taught defaults)."""

    def __init__(self, setup: str = SUPINE) -> None:
        design = default_design(setup)
        ankle, neck = RANGES_DEG["ankle_dorsiflexion"], RANGES_DEG["neck_flexion"]
        self.setup = controls.dropdown("exercise", SETUPS, setup)
        self.knee_range = _slider(W.IntRangeSlider, "knee range (deg flexion)", min=KNEE_RANGE_DEG[0],
                                  max=KNEE_RANGE_DEG[1], step=5, value=design.knee_deg)
        self.ankle_range = _slider(W.IntRangeSlider, "ankle range (deg, + = foot up)", min=int(ankle[0]),
                                   max=int(ankle[1]), step=5, value=design.ankle_deg)
        self.neck_range = _slider(W.IntRangeSlider, "neck range (deg, + = chin down)", min=int(neck[0]),
                                  max=int(neck[1]), step=5, value=design.neck_deg)
        self.tempo = _slider(W.FloatSlider, "seconds per repetition", min=SECONDS_PER_REPETITION[0],
                             max=SECONDS_PER_REPETITION[1], step=0.5, value=design.tempo_s)
        self.reps = _slider(W.IntSlider, "repetitions", min=REPETITIONS[0], max=REPETITIONS[1], step=1,
                            value=design.reps)
        self.hold_hip = _slider(W.IntSlider, "hold: straight-leg raise (deg)", min=HOLD_HIP_DEG[0],
                                max=HOLD_HIP_DEG[1], step=5, value=int(design.hold_hip_deg))
        self.hold_seconds = _slider(W.IntSlider, "hold duration (s)", min=HOLD_SECONDS[0], max=HOLD_SECONDS[1],
                                    step=5, value=int(design.hold_s))
        self.sliders = (self.knee_range, self.ankle_range, self.neck_range, self.tempo, self.reps, self.hold_hip,
                        self.hold_seconds)
        self._quiet = Quiet()
        self._changed: Callable[[], None] = lambda: None
        for slider in self.sliders:
            slider.observe(self._on_slider, names="value")
        self.setup.observe(self._on_setup, names="value")
        self._show_relevant()

    @property
    def design(self) -> Design:
        """The design the controls describe."""
        return Design(self.setup.value, tuple(self.knee_range.value), tuple(self.ankle_range.value),
                      tuple(self.neck_range.value), float(self.tempo.value), int(self.reps.value),
                      float(self.hold_hip.value), float(self.hold_seconds.value))

    def on_change(self, callback: Callable[[], None]) -> None:
        """Run ``callback()`` after each change a student makes."""
        self._changed = callback

    def set(self, setup: str | None = None, **values: object) -> None:
        """Set several controls at once without ``on_change`` (a new ``setup`` starts from its taught defaults).
        ``values`` are by Design field (``knee_deg``, ``ankle_deg``, ``neck_deg``, ``tempo_s``, ``reps``,
        ``hold_hip_deg``, ``hold_s``; None leaves one as it is); a value a control cannot take raises an error
        naming the control, the value and the allowed range, before anything changes."""
        if setup is not None and setup not in SETUPS:
            raise ValueError(f"exercise must be one of {', '.join(SETUPS)}; got {setup!r}")
        by_field = dict(zip(("knee_deg", "ankle_deg", "neck_deg", "tempo_s", "reps", "hold_hip_deg", "hold_s"),
                            self.sliders))
        unknown = set(values) - set(by_field)
        if unknown:
            raise TypeError(f"unknown design field(s) {', '.join(sorted(unknown))}; fields are {', '.join(by_field)}")
        checked = {by_field[name]: controls.checked_value(by_field[name], value) for name, value in values.items()
                   if value is not None}
        with self._quiet():
            if setup is not None and setup != self.setup.value:
                self.setup.value = setup
                self._apply_defaults(setup)
            for slider, value in checked.items():
                slider.value = value
        self._show_relevant()

    def column(self, *below: W.Widget) -> W.Widget:
        """The controls in one column, with ``below`` under them."""
        return controls.column([self.setup, *self.sliders, *below])

    def _on_setup(self, change) -> None:
        if self._quiet:
            return
        with self._quiet():
            self._apply_defaults(change["new"])
        self._show_relevant()
        self._changed()

    def _on_slider(self, change) -> None:
        if not self._quiet:
            self._changed()

    def _apply_defaults(self, setup: str) -> None:
        design = default_design(setup)
        self.knee_range.value = design.knee_deg
        self.ankle_range.value = design.ankle_deg
        self.neck_range.value = design.neck_deg
        self.tempo.value = design.tempo_s
        self.reps.value = design.reps
        self.hold_hip.value = int(design.hold_hip_deg)
        self.hold_seconds.value = int(design.hold_s)

    def _show_relevant(self) -> None:
        setup = self.setup.value
        shown = {self.knee_range: setup != HOLD, self.ankle_range: setup == SUPINE, self.neck_range: setup == SEATED,
                 self.tempo: setup != HOLD, self.reps: setup != HOLD, self.hold_hip: setup == HOLD,
                 self.hold_seconds: setup == HOLD}
        for control, visible in shown.items():
            control.layout.display = None if visible else "none"
