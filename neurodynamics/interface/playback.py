"""A Play button and a time slider (s) kept in step: playing moves the slider a frame a tick, moving the slider
moves the play position, and either shows the frame at that time."""
from __future__ import annotations

from collections.abc import Callable

import ipywidgets as W

from . import controls
from .explorer_base import Quiet


class Playback:
    """Play and time controls for a program of ``frame_s`` seconds a frame (the Play widget ticks every frame, so
    it plays in real time). ``on_time(callback)``: ``callback(t_s)`` runs for each time shown."""

    def __init__(self, frame_s: float) -> None:
        self.frame_s = frame_s
        self.play = W.Play(value=0, min=0, max=1, step=1, interval=int(round(frame_s * 1000)), description="play",
                           show_repeat=True)
        self.time = controls.slider(W.FloatSlider, "time (s)", label_px=60, width_px=520, value=0.0, min=0.0,
                                    max=1.0, step=frame_s, readout_format=".1f", continuous_update=True)
        self._quiet = Quiet()
        self._shown: Callable[[float], None] = lambda t_s: None
        self.play.observe(self._on_play, names="value")
        self.time.observe(self._on_time, names="value")

    def on_time(self, callback: Callable[[float], None]) -> None:
        """Run ``callback(t_s)`` for each time the controls show."""
        self._shown = callback

    def set_duration(self, duration_s: float) -> None:
        """Let the controls run from 0 to ``duration_s`` (s), keeping the time shown where it can stay."""
        frames = int(round(duration_s / self.frame_s))
        with self._quiet():
            self.play.max = frames
            self.time.max = round(frames * self.frame_s, 1)
            self.play.value = int(round(self.time.value / self.frame_s))

    @property
    def t_s(self) -> float:
        """The time shown (s)."""
        return float(self.time.value)

    def show(self, t_s: float) -> None:
        """Show time ``t_s`` (s, from 0 to the duration; the nearest frame), as if the slider were moved there; a
        value the slider cannot take raises an error naming it, the value and the allowed range."""
        t_s = controls.checked_value(self.time, t_s)
        value = min(round(round(t_s / self.frame_s) * self.frame_s, 1), self.time.max)
        if value == self.time.value:
            self._shown(value)
        else:
            self.time.value = value  # the slider's observer shows it

    def row(self) -> W.Widget:
        """The play button beside the time slider."""
        return controls.row([self.play, self.time])

    def _on_play(self, change) -> None:
        if not self._quiet:
            self.time.value = min(round(change["new"] * self.frame_s, 1), self.time.max)

    def _on_time(self, change) -> None:
        if self._quiet:
            return
        with self._quiet():
            self.play.value = int(round(change["new"] / self.frame_s))
        self._shown(float(change["new"]))
