"""The sciatic tract as one cable: regions, named sites and the nerve bed that joints lengthen.

Arc length s runs in mm from the foramen magnum (s = 0) to the forefoot. A joint that moves in the
direction that stretches the nerve lengthens its stretch of bed by (effective radius x angle in rad);
moving the other way shortens it by the same rule, which leaves the nerve slack there.
"""
from __future__ import annotations

import dataclasses
import math

import numpy as np

from . import parameters as P
from .posture import Posture


@dataclasses.dataclass(frozen=True)
class Region:
    """One stretch of the tract with its own mechanics; its fields name parameters in ``parameters.py``.

    Examples
    --------
    >>> [region.name for region in REGIONS][:3]
    ['cervical cord', 'thoracic cord', 'lumbosacral roots']
    """

    name: str
    length: str  # names of parameters in parameters.py: region length (mm),
    axial_stiffness: str  # linear-region EA (N),
    toe_end_strain: str  # strain where the exponential toe ends (fraction),
    interface_stiffness: str  # bed-to-nerve spring per mm of tract (N/mm^2),
    in_situ_strain: str | None  # slack strain in neutral (fraction); None: the strain of the resting tension


# Parameter names of each tissue: axial stiffness, toe end strain, interface stiffness, in-situ strain.
_CORD = ("CORD_AXIAL_STIFFNESS", "CORD_TOE_END_STRAIN", "CORD_INTERFACE_STIFFNESS", "CORD_IN_SITU_STRAIN")
_ROOTS = ("ROOTS_AXIAL_STIFFNESS", "ROOTS_TOE_END_STRAIN", "ROOTS_INTERFACE_STIFFNESS", "ROOTS_IN_SITU_STRAIN")


def _peripheral(name: str, length: str, axial_stiffness: str, interface_stiffness: str) -> Region:
    """A peripheral nerve region: the nerve's toe, and its in-situ strain from the resting tension."""
    return Region(name, length, axial_stiffness, "NERVE_TOE_END_STRAIN", interface_stiffness, None)


REGIONS: tuple[Region, ...] = (
    Region("cervical cord", "CERVICAL_CORD_LENGTH", *_CORD),
    Region("thoracic cord", "THORACIC_CORD_LENGTH", *_CORD),
    Region("lumbosacral roots", "ROOTS_LENGTH", *_ROOTS),
    _peripheral("sacral plexus", "PLEXUS_LENGTH", "PLEXUS_AXIAL_STIFFNESS", "THIGH_INTERFACE_STIFFNESS"),
    _peripheral("sciatic nerve (thigh)", "THIGH_LENGTH", "SCIATIC_AXIAL_STIFFNESS", "THIGH_INTERFACE_STIFFNESS"),
    _peripheral("tibial nerve (leg)", "LEG_LENGTH", "TIBIAL_AXIAL_STIFFNESS", "LEG_INTERFACE_STIFFNESS"),
    _peripheral("plantar nerves (foot)", "FOOT_LENGTH", "PLANTAR_AXIAL_STIFFNESS", "LEG_INTERFACE_STIFFNESS"),
)

#: Where each region starts and ends along the tract, mm.
REGION_BOUNDS_MM: tuple[tuple[float, float], ...] = tuple(
    (sum(P.lookup(r.length) for r in REGIONS[:i]), sum(P.lookup(r.length) for r in REGIONS[: i + 1]))
    for i in range(len(REGIONS))
)
TRACT_LENGTH_MM: float = REGION_BOUNDS_MM[-1][1]


def _region_start(name: str) -> float:
    return REGION_BOUNDS_MM[[r.name for r in REGIONS].index(name)][0]


_THIGH_START = _region_start("sciatic nerve (thigh)")
#: The intervertebral foramen, where the roots become the plexus and the dural sleeve anchors the nerve, mm.
FORAMEN_MM: float = _region_start("sacral plexus")
_KNEE = _region_start("tibial nerve (leg)")
_ANKLE = _region_start("plantar nerves (foot)")

#: Named sites, head to foot, and their position along the tract in mm.
SITE_POSITIONS_MM: dict[str, float] = {
    "cervical_cord": 0.5 * P.CERVICAL_CORD_LENGTH.value,  # mid-cervical cord (about C4-C5)
    "conus": _region_start("lumbosacral roots") - P.CONUS_ABOVE_ROOTS.value,  # conus medullaris (about L1)
    "root": _region_start("sacral plexus") - P.ROOT_SITE_ABOVE_PLEXUS.value,  # L5/S1 roots in the lateral recess
    "hip": _THIGH_START + P.HIP_SITE_BELOW_NOTCH.value,  # behind the hip joint, below the sciatic notch
    "thigh": _THIGH_START + 0.5 * P.THIGH_LENGTH.value,  # mid-thigh
    "knee": _KNEE - P.KNEE_SITE_ABOVE_JOINT.value,  # popliteal fossa, just above the joint line
    "ankle": _ANKLE - P.ANKLE_SITE_ABOVE_FOOT.value,  # tarsal tunnel, behind the medial malleolus
    "foot": _ANKLE + 0.5 * P.FOOT_LENGTH.value,  # plantar nerves, mid-foot
}
SITES: tuple[str, ...] = tuple(SITE_POSITIONS_MM)


@dataclasses.dataclass(frozen=True)
class JointBed:
    """The stretch of bed a joint lengthens: where it lies and how much per radian.

    Examples
    --------
    >>> knee = next(bed for bed in JOINT_BEDS if bed.joint == "knee_flexion")
    >>> knee.stretch_sign                  # knee extension (a negative change of flexion) stretches the nerve
    -1
    """

    joint: str  # Posture field
    radius: str  # parameter name: mm of bed lengthening per radian in the stretching direction
    stretch_sign: int  # +1 if a positive angle stretches the nerve, -1 if a negative one does
    zone_mm: tuple[float, float]  # start and end of the lengthening stretch along the tract


def check_site(site: str) -> str:
    """Return ``site`` if it names a site, else raise ``ValueError`` listing the valid sites.

    Parameters
    ----------
    site : str
        A site name.

    Returns
    -------
    str
        ``site`` itself.

    Raises
    ------
    ValueError
        If ``site`` is not one of :data:`SITES`.

    Examples
    --------
    >>> check_site("knee")
    'knee'
    >>> check_site("calf")
    Traceback (most recent call last):
    ...
    ValueError: unknown site 'calf'; valid sites are cervical_cord, conus, root, hip, thigh, knee, ankle, foot
    """
    if site not in SITE_POSITIONS_MM:
        raise ValueError(f"unknown site {site!r}; valid sites are {', '.join(SITES)}")
    return site


def _centred(centre_mm: float, width: P.Parameter) -> tuple[float, float]:
    return centre_mm - 0.5 * width.value, centre_mm + 0.5 * width.value


JOINT_BEDS: tuple[JointBed, ...] = (
    # Neck flexion lengthens the cervical canal, trunk flexion the thoracolumbar canal (cord end + roots).
    JointBed("neck_flexion", "NECK_BED_RADIUS", +1, REGION_BOUNDS_MM[0]),
    JointBed("trunk_flexion", "TRUNK_BED_RADIUS", +1,
             (SITE_POSITIONS_MM["conus"] - P.TRUNK_ZONE_ABOVE_CONUS.value, _region_start("sacral plexus"))),
    JointBed("hip_flexion", "HIP_BED_RADIUS", +1, _centred(SITE_POSITIONS_MM["hip"], P.HIP_ZONE_WIDTH)),
    JointBed("knee_flexion", "KNEE_BED_RADIUS", -1, _centred(_KNEE, P.KNEE_ZONE_WIDTH)),
    JointBed("ankle_dorsiflexion", "ANKLE_BED_RADIUS", +1, _centred(_ANKLE, P.ANKLE_ZONE_WIDTH)),
)


def bed_lengthening_mm(posture: Posture, overrides: dict[str, float] | None = None) -> dict[str, float]:
    """Lengthening of each joint's stretch of nerve bed versus the neutral posture, mm (negative = shorter).

    Parameters
    ----------
    posture : Posture
        The posture whose beds are measured, joint angles in deg.
    overrides : dict of str to float, optional
        Other values for tunable parameters (the bed radii among them).

    Returns
    -------
    dict of str to float
        Posture field -> lengthening of that joint's bed, mm (effective radius x angle in rad).

    Examples
    --------
    >>> import neurodynamics as nd
    >>> raised = bed_lengthening_mm(nd.Posture(hip_flexion=90))
    >>> raised["hip_flexion"] > 0, raised["ankle_dorsiflexion"] == 0
    (True, True)
    >>> bed_lengthening_mm(nd.Posture(knee_flexion=90))["knee_flexion"] < 0    # a bent knee shortens its bed
    True
    """
    return {
        bed.joint: bed.stretch_sign * P.lookup(bed.radius, overrides) * math.radians(getattr(posture, bed.joint))
        for bed in JOINT_BEDS
    }


def bed_shapes(s_mm: np.ndarray) -> np.ndarray:
    """How each joint's bed lengthening displaces the bed at positions ``s_mm`` (rows in ``JOINT_BEDS`` order):
    0 above its zone, rising evenly across it, 1 below it.

    Parameters
    ----------
    s_mm : numpy.ndarray
        Positions along the tract, mm from the foramen magnum.

    Returns
    -------
    numpy.ndarray
        Shape (len(JOINT_BEDS), len(s_mm)), each value 0-1.

    Examples
    --------
    >>> bed_shapes(np.array([0.0, TRACT_LENGTH_MM])).tolist()       # the head end stays, the foot end follows
    [[0.0, 1.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]]
    """
    return np.array([np.clip((s_mm - bed.zone_mm[0]) / (bed.zone_mm[1] - bed.zone_mm[0]), 0.0, 1.0)
                     for bed in JOINT_BEDS])

