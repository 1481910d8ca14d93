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

    A non-number (bool and None included) raises ``TypeError``; NaN, infinity or a value outside
    ``[low, high]`` raises ``ValueError``. Nothing is ever clamped.
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
    """Joint angles in degrees. Immutable; every field is checked on creation."""

    hip_flexion: float = 0.0
    knee_flexion: float = 0.0
    ankle_dorsiflexion: float = 0.0
    neck_flexion: float = 0.0
    trunk_flexion: float = 0.0

    def __post_init__(self) -> None:
        for name, (low, high) in RANGES_DEG.items():
            object.__setattr__(self, name, check_number(name, getattr(self, name), low, high, "deg"))

    def replace(self, **angles_deg: float) -> "Posture":
        """A copy with some angles changed (validated like the constructor)."""
        return dataclasses.replace(self, **angles_deg)


def require_posture(value: Any, what: str = "posture") -> Posture:
    """Return ``value`` if it is a :class:`Posture`, else raise ``TypeError`` naming ``what``."""
    if not isinstance(value, Posture):
        raise TypeError(f"{what} must be a neurodynamics.Posture, got {value!r} ({type(value).__name__})")
    return value
