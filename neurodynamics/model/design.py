"""An exercise as a designer describes it (setup, ranges, tempo, repetitions), turned into a program.

The exercise player's controls describe a :class:`Design`; ``Design.program()`` is the program (keyframes) it
stands for. The defaults are those of the exercise makers in :mod:`neurodynamics.model.exercises` (read from
their signatures: one source for each number). Angles in degrees (flexion and dorsiflexion +), times in s.
"""
from __future__ import annotations

import dataclasses
import inspect

import numpy as np

from . import exercises
from .exercises import Program
from .posture import JOINTS, Posture

SUPINE = "supine floss (exercise 1)"
SEATED = "seated floss (exercise 2)"
HOLD = "sustained stretch"
#: The exercises a design can describe, as the player's dropdown names them.
SETUPS = (SUPINE, SEATED, HOLD)


def _default(function, name: str) -> float:
    """A documented default argument of an exercise maker (the makers are the one source of the numbers)."""
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
