"""An exercise as a designer describes it (setup, ranges, tempo, repetitions), turned into a program.

The exercise player's controls describe a :class:`Design`; ``Design.program()`` is the program (keyframes) it
stands for. The defaults are those of the exercise makers in :mod:`neurodynamics.model.exercises` (read from
their signatures: one source for each number). Angles in degrees (flexion and dorsiflexion +), times in s.
"""
from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable

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

    Parameters
    ----------
    setup : str, optional
        One of :data:`SETUPS`.
    knee_deg : tuple of float, optional
        Knee flexion at the straightest and the most bent, deg.
    ankle_deg : tuple of float, optional
        Ankle dorsiflexion with the foot relaxed and with it up, deg (exercise 1).
    neck_deg : tuple of float, optional
        Neck flexion looking up and with the chin tucked, deg (exercise 2).
    tempo_s : float, optional
        Seconds per repetition.
    reps : int, optional
        Repetitions.
    hold_hip_deg : float, optional
        Hip flexion of the straight-leg raise held, deg (the sustained stretch).
    hold_s : float, optional
        Length of the hold, s.

    Examples
    --------
    >>> slow = Design(SUPINE, tempo_s=8.0, reps=5)
    >>> slow.program().duration_s
    40.0
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
        """The exercise program (keyframes) this design describes.

        Returns
        -------
        Program
            The program ``PROGRAMS`` makes for this design's setup, with its values.

        Raises
        ------
        TypeError, ValueError
            For a bad value (the message names it), or an unknown setup.

        Examples
        --------
        >>> Design(SUPINE).program().name, Design(HOLD).program().name
        ('supine floss', 'sustained stretch')
        >>> Design(SUPINE, reps=0).program()
        Traceback (most recent call last):
        ...
        ValueError: reps = 0 is outside the allowed range 1 to 10000
        """
        if self.setup not in PROGRAMS:
            raise ValueError(f"setup must be one of {', '.join(PROGRAMS)}; got {self.setup!r}")
        return PROGRAMS[self.setup](self)


def _knee_stroke(kind: Callable[..., Program], setup: str) -> Callable[[Design], Program]:
    """A slider or tensioner (``kind``) made from a design: its knee from most bent to straightest."""
    return lambda d: kind(setup, d.reps, float(d.tempo_s), float(d.knee_deg[1]), float(d.knee_deg[0]))


#: The one table from an exercise's name to its program, made from a design: the player's exercises (``SETUPS``)
#: and the flosses HoldVsFloss offers (``FLOSSES``). Knee ranges are (straightest, most bent) flexion.
PROGRAMS: dict[str, Callable[[Design], Program]] = {
    SUPINE: lambda d: exercises.supine_floss(d.reps, float(d.tempo_s), knee_straight=float(d.knee_deg[0]),
                                             knee_bent=float(d.knee_deg[1]), foot_relaxed=float(d.ankle_deg[0]),
                                             foot_up=float(d.ankle_deg[1])),
    SEATED: lambda d: exercises.seated_floss(d.reps, float(d.tempo_s), knee_straight=float(d.knee_deg[0]),
                                             knee_bent=float(d.knee_deg[1]), look_up=float(d.neck_deg[0]),
                                             chin_tuck=float(d.neck_deg[1])),
    HOLD: lambda d: exercises.sustained_stretch(float(d.hold_s), float(d.hold_hip_deg)),
    **{f"{setup} {kind.__name__}": _knee_stroke(kind, setup)
       for setup in ("supine", "seated") for kind in (exercises.slider, exercises.tensioner)},
}
#: The flosses HoldVsFloss sets against a hold: the two taught exercises, then sliders and tensioners.
FLOSSES = tuple(name for name in PROGRAMS if name != HOLD)


def default_design(setup: str) -> Design:
    """The exercise as patients are taught it (the package's defaults) for ``setup``.

    Parameters
    ----------
    setup : str
        The exercise whose taught form is wanted, one of :data:`SETUPS`.

    Returns
    -------
    Design

    Raises
    ------
    ValueError
        For an unknown setup (the message lists them).

    Examples
    --------
    >>> from neurodynamics import exercises
    >>> default_design(SEATED).program() == exercises.seated_floss()
    True
    """
    if setup not in SETUPS:
        raise ValueError(f"setup must be one of {', '.join(SETUPS)}; got {setup!r}")
    if setup == SEATED:
        return Design(SEATED, knee_deg=(_default(exercises.seated_floss, "knee_straight"),
                                        _default(exercises.seated_floss, "knee_bent")),
                      tempo_s=_default(exercises.seated_floss, "period_s"),
                      reps=_default(exercises.seated_floss, "reps"))
    return Design(setup)


def taught_program(setup: str) -> Program:
    """``setup``'s exercise as patients are taught it, named for a dose table's column ("as taught: ...", or
    "default ..." for a hold).

    Parameters
    ----------
    setup : str
        The exercise (one of :data:`SETUPS`) as the dose table's column shows it.

    Returns
    -------
    Program

    Raises
    ------
    ValueError
        For an unknown setup.

    Examples
    --------
    >>> taught_program(SEATED).name, taught_program(HOLD).name
    ('as taught: seated floss', 'default sustained stretch')
    """
    program = default_design(setup).program()
    return renamed(program, f"as taught: {program.name}" if setup != HOLD else f"default {program.name}")


def posture_at(program: Program, t_s: float) -> Posture:
    """The posture of ``program`` at time ``t_s`` (s).

    Parameters
    ----------
    program : Program
        The program to read the posture from.
    t_s : float
        Time, s (clipped to the program).

    Returns
    -------
    Posture

    Examples
    --------
    >>> from neurodynamics import exercises
    >>> supine = exercises.supine_floss()
    >>> posture_at(supine, 2.0) == supine.keyframes[1][1]       # 2 s in: the knee straight, the foot up
    True
    """
    return Posture(**dict(zip(JOINTS, program.angles_at(np.array([t_s]))[0])))


def renamed(program: Program, name: str) -> Program:
    """The same program under another name (shown as a column heading of the dose table).

    Parameters
    ----------
    program : Program
        The program to rename (itself unchanged).
    name : str
        Its new name.

    Returns
    -------
    Program

    Examples
    --------
    >>> from neurodynamics import exercises
    >>> renamed(exercises.supine_floss(), "my floss").name
    'my floss'
    """
    return dataclasses.replace(program, name=name)
