"""Body posture: five joint angles in degrees, validated against their ranges.

Sign conventions (DESIGN.md): hip flexion +, knee flexion +, ankle dorsiflexion + (plantarflexion -),
neck flexion +, trunk flexion + (extension -). 0 everywhere is standing upright, looking ahead.
"""
from __future__ import annotations

import dataclasses
import math
import numbers
from typing import Any

#: Allowed range of each angle in degrees, ends included.
RANGES_DEG: dict[str, tuple[float, float]] = {
    "hip_flexion": (-30.0, 130.0),
    "knee_flexion": (0.0, 150.0),
    "ankle_dorsiflexion": (-50.0, 30.0),
    "neck_flexion": (-60.0, 80.0),
    "trunk_flexion": (-30.0, 90.0),
}

JOINTS: tuple[str, ...] = tuple(RANGES_DEG)


def check_number(field: str, value: Any, low: float, high: float, unit: str = "") -> float:
    """Return ``value`` as a float, or raise a clear error naming the field, the value and the range.

    Nothing is ever clamped.

    Parameters
    ----------
    field : str
        The name shown in the message, as spelled in the API (``"hip_flexion"``).
    value : Any
        The value to check.
    low, high : float
        The allowed range, ends included.
    unit : str, optional
        The unit shown in the message (``"deg"``).

    Returns
    -------
    float
        ``value`` as a float.

    Raises
    ------
    TypeError
        For a non-number (bool and None included).
    ValueError
        For NaN, infinity or a value outside ``[low, high]``.

    Examples
    --------
    >>> check_number("knee_flexion", 30, 0, 150, "deg")
    30.0
    >>> check_number("knee_flexion", -5, 0, 150, "deg")
    Traceback (most recent call last):
    ...
    ValueError: knee_flexion = -5 deg is outside the allowed range 0 to 150 deg
    """
    unit_text = f" {unit}" if unit else ""
    allowed = f"allowed range {low:g} to {high:g}{unit_text}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{field} must be a number, got {value!r} ({type(value).__name__}); {allowed}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{field} = {value!r} is not a finite number; {allowed}")
    if not low <= number <= high:
        raise ValueError(f"{field} = {number:g}{unit_text} is outside the {allowed}")
    return number


@dataclasses.dataclass(frozen=True)
class Posture:
    """Joint angles in degrees. Immutable; every field is checked on creation.

    0 everywhere is standing upright, looking ahead.

    Parameters
    ----------
    hip_flexion : float, optional
        Hip flexion, deg (+ flexion, - extension), -30 to 130.
    knee_flexion : float, optional
        Knee flexion, deg (0 straight), 0 to 150.
    ankle_dorsiflexion : float, optional
        Ankle dorsiflexion, deg (+ foot up, - plantarflexion), -50 to 30.
    neck_flexion : float, optional
        Neck flexion, deg (+ chin to chest, - looking up), -60 to 80.
    trunk_flexion : float, optional
        Trunk (lumbar) flexion, deg (+ bending forward, - extension), -30 to 90.

    Raises
    ------
    TypeError
        If an angle is not a number (bools and None included).
    ValueError
        If an angle is NaN, infinite or outside its range; the message names the field, the value and the range.

    Examples
    --------
    >>> from neurodynamics import Posture
    >>> slr = Posture(hip_flexion=70)             # a straight-leg raise to 70 degrees
    >>> slr.hip_flexion, slr.knee_flexion
    (70.0, 0.0)
    >>> Posture(hip_flexion=140)
    Traceback (most recent call last):
    ...
    ValueError: hip_flexion = 140 deg is outside the allowed range -30 to 130 deg
    """

    hip_flexion: float = 0.0
    knee_flexion: float = 0.0
    ankle_dorsiflexion: float = 0.0
    neck_flexion: float = 0.0
    trunk_flexion: float = 0.0

    def __post_init__(self) -> None:
        for name, (low, high) in RANGES_DEG.items():
            object.__setattr__(self, name, check_number(name, getattr(self, name), low, high, "deg"))

    def replace(self, **angles_deg: float) -> "Posture":
        """A copy with some angles changed, validated like the constructor.

        Parameters
        ----------
        **angles_deg : float
            New angles in degrees, by field name (``knee_flexion=30``).

        Returns
        -------
        Posture
            The new posture; this one is unchanged.

        Raises
        ------
        TypeError, ValueError
            As the constructor, for a bad angle; ``TypeError`` for an unknown field.

        Examples
        --------
        >>> from neurodynamics import Posture
        >>> sitting = Posture(hip_flexion=90, knee_flexion=90)
        >>> sitting.replace(knee_flexion=10).knee_flexion
        10.0
        >>> sitting.knee_flexion
        90.0
        """
        return dataclasses.replace(self, **angles_deg)


def require_posture(value: Any, what: str = "posture") -> Posture:
    """Return ``value`` if it is a :class:`Posture`, else raise ``TypeError`` naming ``what``.

    Parameters
    ----------
    value : Any
        The value to check.
    what : str, optional
        Its name in the message (``"start"``).

    Returns
    -------
    Posture
        ``value`` itself.

    Raises
    ------
    TypeError
        If ``value`` is not a :class:`Posture`.

    Examples
    --------
    >>> require_posture(Posture()) == Posture()
    True
    >>> require_posture({"hip_flexion": 70}, "start")
    Traceback (most recent call last):
    ...
    TypeError: start must be a neurodynamics.Posture, got {'hip_flexion': 70} (dict)
    """
    if not isinstance(value, Posture):
        raise TypeError(f"{what} must be a neurodynamics.Posture, got {value!r} ({type(value).__name__})")
    return value
