"""Where the body and the nerve are in a side view, for drawing: joint positions from the five angles.

Lengths are fractions of standing height; the pelvis is at (0, 0), +x is forward, +y is up. The nerve runs
behind the spine, the hip, the thigh and the knee, then behind the ankle into the sole of the foot.
"""
from __future__ import annotations

import numpy as np

from ..model import anatomy
from ..model.posture import Posture

SEGMENT = {"trunk": 0.30, "neck": 0.07, "head": 0.065, "thigh": 0.245, "shank": 0.245, "foot": 0.13}
NERVE_OFFSET = 0.045  # how far behind the bones the nerve is drawn


def _direction(angle_from_down_deg: float) -> np.ndarray:
    """Unit vector at an angle measured from straight down, forward (+x) positive."""
    a = np.radians(angle_from_down_deg)
    return np.array([np.sin(a), -np.cos(a)])


def _upward(angle_from_up_deg: float) -> np.ndarray:
    """Unit vector at an angle measured from straight up, forward (+x) positive."""
    a = np.radians(angle_from_up_deg)
    return np.array([np.sin(a), np.cos(a)])


def joints(posture: Posture) -> dict[str, np.ndarray]:
    """Side-view positions of the body's landmarks for ``posture``."""
    hip = np.zeros(2)
    trunk_dir = _upward(posture.trunk_flexion)  # straight up when upright, tipping forward when flexed
    shoulder = hip + SEGMENT["trunk"] * trunk_dir
    neck_dir = _upward(posture.trunk_flexion + posture.neck_flexion)
    skull = shoulder + SEGMENT["neck"] * neck_dir
    thigh_dir = _direction(posture.hip_flexion)
    knee = hip + SEGMENT["thigh"] * thigh_dir
    shank_angle = posture.hip_flexion - posture.knee_flexion
    ankle = knee + SEGMENT["shank"] * _direction(shank_angle)
    foot_dir = _direction(shank_angle + 90.0 - posture.ankle_dorsiflexion)  # dorsiflexion lifts the toes
    toes = ankle + SEGMENT["foot"] * foot_dir
    return {"skull": skull, "shoulder": shoulder, "hip": hip, "knee": knee, "ankle": ankle, "toes": toes,
            "head_centre": skull + SEGMENT["head"] * neck_dir, "trunk_dir": trunk_dir, "thigh_dir": thigh_dir}


def _behind(point: np.ndarray, along: np.ndarray) -> np.ndarray:
    """``point`` moved NERVE_OFFSET to the back of a segment running along ``along``.

    The back is the left of a segment pointing up the body (spine, neck) and the right of one pointing down
    the leg, as seen with the person facing +x; ``along`` points up for the trunk and down for the leg.
    """
    normal = np.array([-along[1], along[0]])
    return point + NERVE_OFFSET * normal / np.linalg.norm(normal)


def nerve_path(posture: Posture, arc_mm: np.ndarray) -> np.ndarray:
    """Side-view points (n, 2) of the nerve at arc lengths ``arc_mm`` along the tract, head to foot.

    Each region of the tract is spread along its own stretch of the body: cord along the neck and trunk,
    roots in the low back, plexus over the buttock, sciatic behind the thigh, tibial behind the calf,
    plantar nerves along the sole.
    """
    j = joints(posture)
    shank = j["ankle"] - j["knee"]
    foot = j["toes"] - j["ankle"]
    neck = j["skull"] - j["shoulder"]
    spine = j["shoulder"] - j["hip"]
    lumbar = j["hip"] + 0.35 * spine
    # Landmarks along the nerve, at the region boundaries (foramen magnum ... forefoot).
    landmarks = np.array([
        _behind(j["skull"], neck),
        _behind(j["shoulder"], spine),
        _behind(lumbar, spine),
        _behind(j["hip"] + 0.08 * spine, spine),
        _behind(j["hip"], -j["thigh_dir"]),
        _behind(j["knee"], j["hip"] - j["knee"]),
        _behind(j["ankle"], -shank),
        _behind(j["ankle"] + 0.9 * foot, -foot),
    ])
    boundaries = [0.0] + [end for _, end in anatomy.REGION_BOUNDS_MM]
    x = np.interp(arc_mm, boundaries, landmarks[:, 0])
    y = np.interp(arc_mm, boundaries, landmarks[:, 1])
    return np.column_stack([x, y])
