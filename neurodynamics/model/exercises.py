"""Exercise programs: postures at key times, joined by smooth (cosine) movements. Times in seconds.

A program is what a patient does: hold a position, or move rhythmically between two positions (nerve
"flossing"). A *slider* moves the two ends of the tract so that one end gives nerve as the other takes it
(the nerve glides with little strain); a *tensioner* pulls both ends at once (strain rises).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from .posture import JOINTS, Posture, check_number, require_posture

#: Longest program accepted (s): a long teaching session.
MAX_DURATION_S = 4 * 3600.0
HOLD_RAMP_S = 2.0


@dataclasses.dataclass(frozen=True)
class Program:
    """Keyframes ``(time_s, Posture)`` with strictly increasing times from 0; movement between them is smooth.

    Between two keyframes every angle moves along a cosine ease (at rest at both ends). The exercise makers below
    (:func:`hold`, :func:`oscillate`, :func:`supine_floss`, ...) build programs; build one by hand for any other.

    Parameters
    ----------
    keyframes : tuple of (float, Posture)
        At least 2 pairs of a time (s, the first 0, then increasing, at most ``MAX_DURATION_S``) and a posture.
    name : str, optional
        What the program is called (a heading in dose tables).
    cycles : int, optional
        Rhythmic repetitions (0 for a hold).

    Raises
    ------
    TypeError
        If a keyframe is not a ``(time_s, Posture)`` pair, or a time is not a number.
    ValueError
        For fewer than 2 keyframes, a first time other than 0, or times that do not increase.

    Examples
    --------
    >>> from neurodynamics import Posture, exercises
    >>> raise_and_lower = exercises.Program(((0.0, Posture()), (3.0, Posture(hip_flexion=60)), (6.0, Posture())))
    >>> raise_and_lower.duration_s
    6.0
    >>> exercises.Program(((0.0, Posture()), (0.0, Posture(hip_flexion=60))))
    Traceback (most recent call last):
    ...
    ValueError: keyframe times must increase: keyframe 1 at 0 s does not come after keyframe 0 at 0 s
    """

    keyframes: tuple[tuple[float, Posture], ...]
    name: str = "program"
    cycles: int = 0  # rhythmic repetitions (0 for a hold)

    def __post_init__(self) -> None:
        frames = tuple(self.keyframes)
        if len(frames) < 2:
            raise ValueError(f"a program needs at least 2 keyframes, got {len(frames)}")
        checked = []
        for index, frame in enumerate(frames):
            if not isinstance(frame, tuple) or len(frame) != 2:
                raise TypeError(f"keyframe {index} must be a (time_s, Posture) pair, got {frame!r}")
            time_s = check_number(f"keyframe {index} time_s", frame[0], 0.0, MAX_DURATION_S, "s")
            checked.append((time_s, require_posture(frame[1], f"keyframe {index} posture")))
        if checked[0][0] != 0.0:
            raise ValueError(f"the first keyframe must be at time_s = 0, got {checked[0][0]:g} s")
        for index in range(1, len(checked)):
            if checked[index][0] <= checked[index - 1][0]:
                raise ValueError(f"keyframe times must increase: keyframe {index} at {checked[index][0]:g} s "
                                 f"does not come after keyframe {index - 1} at {checked[index - 1][0]:g} s")
        object.__setattr__(self, "keyframes", tuple(checked))

    @property
    def duration_s(self) -> float:
        """Length of the program, s.

        Examples
        --------
        >>> from neurodynamics import exercises
        >>> exercises.seated_floss(reps=3, period_s=5).duration_s
        15.0
        """
        return self.keyframes[-1][0]

    @property
    def times_s(self) -> np.ndarray:
        """Keyframe times, s.

        Examples
        --------
        >>> from neurodynamics import exercises
        >>> exercises.seated_floss(reps=1, period_s=5).times_s.tolist()
        [0.0, 2.5, 5.0]
        """
        return np.array([time_s for time_s, _ in self.keyframes])

    def angles_at(self, t_s: np.ndarray, joints: tuple[str, ...] = JOINTS) -> np.ndarray:
        """Joint angles (deg) at times ``t_s``.

        Parameters
        ----------
        t_s : numpy.ndarray
            Times, s (clipped to the program).
        joints : tuple of str, optional
            Posture fields to return, by default all five in the order of :data:`JOINTS`.

        Returns
        -------
        numpy.ndarray
            Angles, deg, shape (len(t_s), len(joints)).

        Examples
        --------
        >>> from neurodynamics import Posture, exercises
        >>> raise_leg = exercises.oscillate(Posture(), Posture(hip_flexion=60), reps=1, period_s=4)
        >>> raise_leg.angles_at(np.array([0.0, 1.0, 2.0]), ("hip_flexion",)).round(6).ravel().tolist()
        [0.0, 30.0, 60.0]
        """
        return self.angles_along(*self.segment_progress(t_s), joints)

    def angles_along(self, segment: np.ndarray, progress: np.ndarray, joints: tuple[str, ...] = JOINTS) -> np.ndarray:
        """Joint angles (deg) at the given segments and progress along them (from :meth:`segment_progress`).

        Parameters
        ----------
        segment : numpy.ndarray of int
            Index of the keyframe each sample moves from.
        progress : numpy.ndarray
            How far along the movement to the next keyframe, 0-1.
        joints : tuple of str, optional
            Posture fields to return, by default all five.

        Returns
        -------
        numpy.ndarray
            Angles, deg, shape (len(segment), len(joints)).

        Examples
        --------
        >>> from neurodynamics import Posture, exercises
        >>> lift = exercises.oscillate(Posture(), Posture(hip_flexion=60), reps=2, period_s=4)
        >>> lift.angles_along(np.array([0]), np.array([0.5]), ("hip_flexion",)).tolist()
        [[30.0]]
        """
        angles = np.array([[getattr(p, joint) for joint in joints] for _, p in self.keyframes])
        start = angles[segment]
        return start + progress[:, None] * (angles[segment + 1] - start)

    def segment_progress(self, t_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each time: the segment index and how far along it the posture is (0-1, cosine-eased).

        Parameters
        ----------
        t_s : numpy.ndarray
            Times, s; times before 0 or after the end count as the ends.

        Returns
        -------
        segment : numpy.ndarray of int
            Index of the keyframe each time moves from.
        progress : numpy.ndarray
            Eased progress toward the next keyframe, 0-1 (0.5 half-way in time).

        Examples
        --------
        >>> from neurodynamics import Posture, exercises
        >>> up_and_down = exercises.oscillate(Posture(), Posture(hip_flexion=60), reps=1, period_s=4)
        >>> segment, progress = up_and_down.segment_progress(np.array([1.0, 3.0]))
        >>> segment.tolist(), progress.round(3).tolist()
        ([0, 1], [0.5, 0.5])
        """
        times = self.times_s
        t_s = np.clip(np.asarray(t_s, dtype=float), 0.0, times[-1])
        segment = np.clip(np.searchsorted(times, t_s, side="right") - 1, 0, len(times) - 2)
        fraction = (t_s - times[segment]) / (times[segment + 1] - times[segment])
        return segment, 0.5 - 0.5 * np.cos(np.pi * fraction)


def _positive(field: str, value: float, high: float = MAX_DURATION_S) -> float:
    value = check_number(field, value, 0.0, high, "s")
    if value == 0.0:
        raise ValueError(f"{field} must be more than 0 s; allowed range above 0 to {high:g} s")
    return value


def hold(posture: Posture, seconds: float, start: Posture | None = None) -> Program:
    """Move from ``start`` (default: standing) into ``posture`` over a 2 s ramp, then hold it.

    Parameters
    ----------
    posture : Posture
        The position held.
    seconds : float
        Length of the whole program, s, the ramp included: more than the 2 s ramp (``HOLD_RAMP_S``).
    start : Posture, optional
        Where the ramp starts (default: standing).

    Returns
    -------
    Program
        Keyframes at 0 s (``start``), 2 s and ``seconds`` (``posture``).

    Raises
    ------
    TypeError
        If ``posture`` or ``start`` is not a Posture, or ``seconds`` not a number.
    ValueError
        If ``seconds`` is not more than the ramp, or is NaN, infinite or longer than ``MAX_DURATION_S``.

    Examples
    --------
    >>> from neurodynamics import Posture, exercises
    >>> stretch = exercises.hold(Posture(hip_flexion=70), seconds=30)
    >>> stretch.duration_s, stretch.times_s.tolist()
    (30.0, [0.0, 2.0, 30.0])
    >>> exercises.hold(Posture(hip_flexion=70), seconds=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: seconds = 1 s is too short for a hold: it must exceed the 2 s ramp into the position; ...
    """
    posture = require_posture(posture)
    seconds = _positive("seconds", seconds)
    if seconds <= HOLD_RAMP_S:
        raise ValueError(f"seconds = {seconds:g} s is too short for a hold: it must exceed the {HOLD_RAMP_S:g} s "
                         f"ramp into the position; allowed range above {HOLD_RAMP_S:g} to {MAX_DURATION_S:g} s")
    start = Posture() if start is None else require_posture(start, "start")
    return Program(((0.0, start), (HOLD_RAMP_S, posture), (seconds, posture)), name="hold")


def oscillate(a: Posture, b: Posture, reps: int, period_s: float, name: str = "oscillate") -> Program:
    """Move a -> b -> a, ``reps`` times, each repetition taking ``period_s`` seconds (half each way).

    Parameters
    ----------
    a, b : Posture
        The two positions; the program starts and ends in ``a``.
    reps : int
        Repetitions, 1 to 10000.
    period_s : float
        Seconds per repetition, more than 0 and at most 600.
    name : str, optional
        What the program is called.

    Returns
    -------
    Program
        ``2 * reps + 1`` keyframes; it lasts ``reps * period_s`` seconds.

    Raises
    ------
    TypeError
        If ``a`` or ``b`` is not a Posture, or ``reps`` not a whole number.
    ValueError
        If ``reps`` or ``period_s`` is outside its range.

    Examples
    --------
    >>> from neurodynamics import Posture, exercises
    >>> knee_swings = exercises.oscillate(Posture(hip_flexion=90, knee_flexion=80),
    ...                                   Posture(hip_flexion=90, knee_flexion=20), reps=3, period_s=4)
    >>> knee_swings.duration_s, knee_swings.cycles, len(knee_swings.keyframes)
    (12.0, 3, 7)
    """
    a, b = require_posture(a, "a"), require_posture(b, "b")
    if isinstance(reps, bool) or not isinstance(reps, (int, np.integer)):
        raise TypeError(f"reps must be a whole number, got {reps!r} ({type(reps).__name__}); allowed range 1 to 10000")
    if not 1 <= reps <= 10000:
        raise ValueError(f"reps = {reps} is outside the allowed range 1 to 10000")
    period_s = _positive("period_s", period_s, high=600.0)
    half = period_s / 2.0
    frames = [(0.0, a)]
    for rep in range(int(reps)):
        frames += [((2 * rep + 1) * half, b), ((2 * rep + 2) * half, a)]
    return Program(tuple(frames), name=name, cycles=int(reps))


# --- The set-ups ----------------------------------------------------------------------------------------
#: Sitting upright, or lying on the back holding the thigh upright: the hip is flexed about 90 deg in both.
HIP_90 = Posture(hip_flexion=90)

_SETUPS = ("seated", "supine")


def _check_setup(setup: str) -> str:
    if setup not in _SETUPS:
        raise ValueError(f"setup must be one of {', '.join(_SETUPS)}; got {setup!r}")
    return setup


def slider(setup: str = "seated", reps: int = 10, period_s: float = 4.0, knee_from: float = 80.0,
           knee_to: float = 20.0) -> Program:
    """A slider: the knee straightens while the other end of the tract is released, then both reverse.

    Seated (sitting upright): knee extension with neck extension (looking up), then knee flexion with the chin
    tucked (40 deg each way). Supine: knee extension while the thigh is lowered (hip from 100 to 60 deg), then
    knee flexion while it is raised again. One end gives nerve while the other takes it, so the nerve glides
    with little strain. What the model shows: the supine slider is a slider at the thigh (it slides more than
    twice as far per stroke and strains less than its tensioner twin); the seated one also at the cord's end
    (conus), and, because the dura carries the neck's pull down to the roots, at the thigh as well (in living
    people the neck changes sciatic sliding at mid-thigh, Ellis et al. 2008 and 2012).

    Parameters
    ----------
    setup : {"seated", "supine"}, optional
        Sitting upright, or lying on the back holding the thigh upright.
    reps : int, optional
        Repetitions, 1 to 10000.
    period_s : float, optional
        Seconds per repetition (half each way).
    knee_from, knee_to : float, optional
        Knee flexion at the bent and the straight end, deg.

    Returns
    -------
    Program
        An oscillation named ``"seated slider"`` or ``"supine slider"``.

    Raises
    ------
    ValueError
        For an unknown ``setup`` or an angle, ``reps`` or ``period_s`` out of range.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> def thigh(program):
    ...     return nd.simulate(program, dt=0.05).summary()["sites"]["thigh"]
    >>> glide, pull = thigh(nd.exercises.slider("supine", reps=1)), thigh(nd.exercises.tensioner("supine", reps=1))
    >>> glide["sliding_per_stroke_mm"] > 2 * pull["sliding_per_stroke_mm"]
    True
    >>> glide["peak_strain_pct"] < pull["peak_strain_pct"]
    True
    """
    bent, straight = _knee_pair(setup, knee_from, knee_to)
    if setup == "seated":
        a, b = bent.replace(neck_flexion=40), straight.replace(neck_flexion=-40)
    else:
        a, b = bent.replace(hip_flexion=100), straight.replace(hip_flexion=60)
    return oscillate(a, b, reps, period_s, name=f"{setup} slider")


def tensioner(setup: str = "seated", reps: int = 10, period_s: float = 4.0, knee_from: float = 80.0,
              knee_to: float = 20.0) -> Program:
    """A tensioner: the knee straightens while the other end is pulled too, then both release.

    Seated: knee extension with neck flexion (chin tucked), then knee flexion looking up (40 deg each way).
    Supine (hip at 90 deg): knee extension with the foot pulled up (dorsiflexion to 15 deg), then knee flexion
    with the foot relaxed (30 deg plantarflexion). Both ends pull at once: strain rises, the nerve slides less.

    Parameters
    ----------
    setup, reps, period_s, knee_from, knee_to
        As for :func:`slider`.

    Returns
    -------
    Program
        An oscillation named ``"seated tensioner"`` or ``"supine tensioner"``.

    Raises
    ------
    ValueError
        As :func:`slider` does.

    Examples
    --------
    >>> from neurodynamics import exercises
    >>> straight_knee = exercises.tensioner("seated").keyframes[1][1]
    >>> straight_knee.knee_flexion, straight_knee.neck_flexion      # knee straight, chin tucked
    (20.0, 40.0)
    >>> exercises.tensioner("standing")
    Traceback (most recent call last):
    ...
    ValueError: setup must be one of seated, supine; got 'standing'
    """
    bent, straight = _knee_pair(setup, knee_from, knee_to)
    if setup == "seated":
        a, b = bent.replace(neck_flexion=-40), straight.replace(neck_flexion=40)
    else:
        a, b = bent.replace(ankle_dorsiflexion=-30), straight.replace(ankle_dorsiflexion=15)
    return oscillate(a, b, reps, period_s, name=f"{setup} tensioner")


def _knee_pair(setup: str, knee_from: float, knee_to: float) -> tuple[Posture, Posture]:
    """Bent-knee and straight-knee postures of a set-up (hip at 90 deg in both set-ups)."""
    _check_setup(setup)
    return HIP_90.replace(knee_flexion=knee_from), HIP_90.replace(knee_flexion=knee_to)


def supine_floss(reps: int = 10, period_s: float = 4.0, hip: float = 90.0, knee_bent: float = 70.0,
                 knee_straight: float = 20.0, foot_up: float = 15.0, foot_relaxed: float = -20.0) -> Program:
    """Exercise 1, as patients are taught it: lying on the back, holding the back of the thigh.

    The hip stays at ``hip`` (90 deg: the thigh upright); straighten the knee to ``knee_straight`` while pulling
    the foot up to ``foot_up``, then relax the foot to ``foot_relaxed`` and bend the knee to ``knee_bent``.
    Defaults: 10 repetitions of 4 s (2 s each way: a slow, rhythmic tempo); the knee stops 20 deg short of
    straight because at 90 deg of hip flexion most people's hamstrings stop it there (active knee extension
    test norms 10-18 deg, Yildirim et al. 2018); 15 deg of dorsiflexion is a comfortable "foot up".
    Note: as taught, this moves both ends of the tract into tension together (knee extension and dorsiflexion),
    so it behaves like a tensioner, not a slider.

    Parameters
    ----------
    reps : int, optional
        Repetitions, 1 to 10000 (a set of 10 by default).
    period_s : float, optional
        Seconds per repetition: 2 s each way by default, a slow rhythm.
    hip : float, optional
        Hip flexion held throughout, deg.
    knee_bent, knee_straight : float, optional
        Knee flexion at the two ends, deg.
    foot_up, foot_relaxed : float, optional
        Ankle dorsiflexion with the knee straight and with it bent, deg (negative: plantarflexion).

    Returns
    -------
    Program
        An oscillation named ``"supine floss"`` that starts with the knee bent.

    Raises
    ------
    ValueError
        For an angle outside its joint's range, or ``reps`` or ``period_s`` out of range (the message names it).

    Examples
    --------
    >>> from neurodynamics import exercises
    >>> floss = exercises.supine_floss()
    >>> floss.name, floss.duration_s, floss.cycles
    ('supine floss', 40.0, 10)
    >>> floss.keyframes[1][1].knee_flexion, floss.keyframes[1][1].ankle_dorsiflexion   # straight, foot up
    (20.0, 15.0)
    """
    base = Posture(hip_flexion=hip)
    a = base.replace(knee_flexion=knee_bent, ankle_dorsiflexion=foot_relaxed)
    b = base.replace(knee_flexion=knee_straight, ankle_dorsiflexion=foot_up)
    return oscillate(a, b, reps, period_s, name="supine floss")


def seated_floss(reps: int = 10, period_s: float = 4.0, knee_bent: float = 90.0, knee_straight: float = 10.0,
                 foot_up: float = 15.0, look_up: float = -40.0, chin_tuck: float = 40.0) -> Program:
    """Exercise 2, as patients are taught it: sitting upright (hip at 90 deg).

    Kick the leg straight (knee to ``knee_straight``) with the foot pulled up (``foot_up``) while looking up
    (neck to ``look_up``, extension), then bend the knee back to ``knee_bent`` with the foot relaxed and tuck the
    chin (neck to ``chin_tuck``). Defaults: 10 repetitions of 4 s; the knee almost straight (sitting leaves the
    hamstrings some slack); neck 40 deg each way, a comfortable range.
    Looking up releases the top of the tract as the knee pulls the bottom: in the model a slider, at the cord's end
    (conus) and at mid-thigh alike, which slides further per stroke and strains less than with the neck the other
    way round (see :func:`slider`).

    Parameters
    ----------
    reps, period_s : int, float, optional
        As for :func:`supine_floss`.
    knee_bent, knee_straight : float, optional
        Knee flexion at the two ends, deg.
    foot_up : float, optional
        Ankle dorsiflexion with the knee straight, deg.
    look_up, chin_tuck : float, optional
        Neck flexion with the knee straight (negative: extension) and with it bent, deg.

    Returns
    -------
    Program
        An oscillation named ``"seated floss"`` that starts with the knee bent and the chin tucked.

    Raises
    ------
    ValueError
        As :func:`supine_floss` does, for a bad angle, ``reps`` or ``period_s``.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> def dose(program):
    ...     return nd.simulate(program, dt=0.05).summary()["sites"]
    >>> taught = dose(nd.exercises.seated_floss(reps=1))
    >>> neck_reversed = dose(nd.exercises.seated_floss(reps=1, look_up=40, chin_tuck=-40))
    >>> [taught[site]["sliding_per_stroke_mm"] > neck_reversed[site]["sliding_per_stroke_mm"]
    ...  for site in ("conus", "thigh")]
    [True, True]
    >>> [taught[site]["peak_strain_pct"] < neck_reversed[site]["peak_strain_pct"] for site in ("conus", "thigh")]
    [True, True]
    """
    a = HIP_90.replace(knee_flexion=knee_bent, neck_flexion=chin_tuck)
    b = HIP_90.replace(knee_flexion=knee_straight, ankle_dorsiflexion=foot_up, neck_flexion=look_up)
    return oscillate(a, b, reps, period_s, name="seated floss")


def sustained_stretch(seconds: float = 40.0, hip: float = 80.0) -> Program:
    """The classic static hamstring stretch: a straight-leg raise to ``hip`` deg (knee straight), held.

    Default 40 s, the length of the default flossing sets (10 x 4 s), so the two compare dose for dose; 80 deg
    is about the end of a healthy passive straight-leg raise (80-81 deg, Gugliotti et al.).

    Parameters
    ----------
    seconds : float, optional
        Length of the program, s, the 2 s ramp from standing included.
    hip : float, optional
        Hip flexion of the straight-leg raise, deg.

    Returns
    -------
    Program
        A :func:`hold` named ``"sustained stretch"``.

    Raises
    ------
    ValueError
        If ``seconds`` is not more than the 2 s ramp, or ``hip`` is outside -30 to 130 deg.

    Examples
    --------
    >>> from neurodynamics import exercises
    >>> stretch = exercises.sustained_stretch()
    >>> stretch.name, stretch.duration_s == exercises.supine_floss().duration_s
    ('sustained stretch', True)
    """
    return dataclasses.replace(hold(Posture(hip_flexion=hip), seconds), name="sustained stretch")
