"""Static equilibrium of the whole tract: d/ds T(strain) = q(u - u_bed), both ends anchored.

Displacements u (mm, toward the foot +) on a uniform grid; tension T (N) from the nonlinear law; q the gliding
layer's force per mm of tract, k g for a slide g, plus linear tethers where the nerve is tied down, plus the
anchor at the foramen that holds the peripheral nerve's resting tension. Solved by Newton's method with a line
search on the (convex) energy; each step is one symmetric tridiagonal solve. Reported strain is in percent beyond
the in-situ length (floored where the nerve goes slack), excursion in mm relative to the surrounding tissue
(toward the head +), tension in N.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import math
from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
from scipy.linalg import lapack

from . import anatomy
from . import parameters as P
from . import tension_law
from .posture import JOINTS, RANGES_DEG, Posture, check_number, require_posture
from .strain import slack_point_pct, strain_pct

#: Tether strengths accepted (besides ``FIXED``): 1 = no tether.
ENTRAPMENT_RANGE = (1.0, 100.0)
#: The top of the tether scale: the nerve fixed to its bed over the tethered length.
FIXED = float("inf")
#: Spring (N/mm per node) that stands for "fixed": the nerve then slides less than a thousandth of a mm.
_FIXED_NODE_STIFFNESS_N_PER_MM = 1e5
#: Stiffness of the tissue around the nerve along its length, in parallel with it, as a fraction of the nerve's EA:
#: a slack nerve still resists a little when its bed moves. It keeps Newton's method from taking up slack one
#: element a step (a slack element would otherwise have no stiffness at all). Not part of the nerve's tension.
SHEATH_STIFFNESS_FRACTION = 1e-2
#: Angle step (deg) of the single-joint solutions that Newton starts from (Model.first_guess).
GUESS_STEP_DEG = 10.0
#: Out-of-balance force (N) below which Newton takes full steps without the energy check.
FULL_STEP_BELOW_N = 1e-4
#: A Newton step (mm) this small means equilibrium to rounding: a fixed tether's spring turns the last digit of a
#: displacement into a force above the tolerance.
STEP_FLOOR_MM = 1e-11
NODE_SPACING_RANGE_MM = (0.5, 20.0)
#: Highest strain (%) the model is used for anywhere along the tract: beyond it the nerve is near failure (rat
#: sciatic nerve fails near 20 %, Mahan et al. 2017) and its tension law is not measured.
MAX_STRAIN_PCT = 20.0
#: The straight-leg raise in which a model with tethers is checked against ``MAX_STRAIN_PCT`` when it is built.
SAFETY_POSTURE = Posture(hip_flexion=70.0)


class ConvergenceError(RuntimeError):
    """Newton's method did not reach equilibrium.

    Raised by :meth:`Model.solve`, :meth:`Model.movement` and :func:`equilibrium_displacement` when no equilibrium
    is found within the iteration limit (not expected inside the postures' ranges).

    Examples
    --------
    >>> import neurodynamics as nd
    >>> issubclass(nd.ConvergenceError, RuntimeError)
    True
    """


class Friction(NamedTuple):
    """The grip of the bed on the peripheral nerve during a movement, set at its start (``Model.movement``).

    At interior node i the bed holds the nerve back with ``capacity_n[i] * tanh(d_i / presliding_mm)`` (N), d_i the
    slide relative to the bed since the start (mm): the nerve sticks for small slides, then slides at the
    capacity (a regularised Coulomb friction with pre-sliding). Its energy ``capacity x presliding x ln cosh(d /
    presliding)`` is convex and belongs to the node alone, so Newton's steps stay symmetric tridiagonal solves.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> grip = nd.Model().friction_at(nd.Posture(hip_flexion=90))
    >>> bool(grip.capacity_n.max() > 0), float(grip.slip(grip.start_gap_mm).max())   # no slide yet at the start
    (True, 0.0)
    """

    capacity_n: np.ndarray  # per interior node, N: FRICTION_GRIP x node length x tension above standing at the start
    presliding_mm: float  # slide at which the grip reaches tanh(1) = 76 % of its capacity, mm
    start_gap_mm: np.ndarray  # per interior node: nerve minus bed displacement at the start, mm

    def slip(self, gap_mm: np.ndarray) -> np.ndarray:
        """d_i / presliding_mm at each interior node, for nerve minus bed displacements ``gap_mm`` (mm) now.

        Parameters
        ----------
        gap_mm : numpy.ndarray
            Nerve minus bed displacement at each interior node now, mm.

        Returns
        -------
        numpy.ndarray
            The slide since the start in units of ``presliding_mm``.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> grip = nd.Model().friction_at(nd.Posture(hip_flexion=80))
        >>> bool(np.allclose(grip.slip(grip.start_gap_mm + grip.presliding_mm), 1.0))   # one presliding length
        True
        """
        return (gap_mm - self.start_gap_mm) / self.presliding_mm


class Profile(NamedTuple):
    """Values along the tract at element midpoints, head to foot (:meth:`Solution.profile`).

    Attributes
    ----------
    arc_length_mm : numpy.ndarray
        Distance from the foramen magnum, mm.
    strain_pct : numpy.ndarray
        Strain, % beyond the in-situ length in neutral standing.
    excursion_mm : numpy.ndarray
        Sliding relative to the bed since neutral, mm (toward the head +).
    tension_n : numpy.ndarray
        Tension, N.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> along = nd.solve(nd.Posture(hip_flexion=60)).profile()
    >>> bool(along.arc_length_mm[0] < along.arc_length_mm[-1])       # head to foot
    True
    """

    arc_length_mm: np.ndarray
    strain_pct: np.ndarray
    excursion_mm: np.ndarray
    tension_n: np.ndarray


@dataclasses.dataclass(frozen=True, eq=False)
class Grid:
    """The discretised tract: node positions and per-element / per-node constants (made by :func:`build_grid`).

    Examples
    --------
    >>> import neurodynamics as nd
    >>> grid = nd.Model().grid
    >>> grid.s_mm.size == grid.rest_length_mm.size + 1, float(grid.s_mm[0])   # nodes from the foramen magnum
    (True, 0.0)
    """

    s_mm: np.ndarray  # node positions, mm
    spacing_mm: float
    law: tension_law.TensionLaw  # per element
    in_situ_strain: np.ndarray  # per element, slack strain (fraction) in neutral
    rest_length_mm: np.ndarray  # per element, slack-free length
    interface_n_per_mm: np.ndarray  # per interior node: gliding layer k x tributary length (small slides)
    tether_n_per_mm: np.ndarray  # per interior node: linear tether springs
    tether_held_to: np.ndarray  # per interior node: the node whose bed displacement its tether holds it to
    anchor_node: int  # interior-node index of the foramen anchor
    anchor_n_per_mm: float  # its stiffness
    anchor_preload_n: float  # the resting tension it holds in neutral, N
    dural_pull: float  # share of the cervical canal's lengthening that pulls the anchor toward the head
    anchor_hold_n: float  # force the anchor holds by friction before the nerve slides through it, N
    anchor_hold_mm: float  # slide at which that hold reaches tanh(1) = 76 % of its force, mm
    clamps: tuple[tuple[float, float], ...]  # tethered stretches of tract (start, end), mm

    def __post_init__(self) -> None:
        sheath = SHEATH_STIFFNESS_FRACTION * self.law.axial_stiffness_n
        object.__setattr__(self, "sheath_n", sheath)  # per element, N
        object.__setattr__(self, "sheath_n_per_mm", sheath / self.rest_length_mm)
        object.__setattr__(self, "strain_per_mm", (1.0 + self.in_situ_strain) / self.spacing_mm)
        object.__setattr__(self, "slack_point_pct", slack_point_pct(self.in_situ_strain))  # per element, %
        object.__setattr__(self, "bed_shapes", anatomy.bed_shapes(self.s_mm))  # joints x nodes
        # interior nodes of the peripheral nerve (from the foramen down), where the bed can grip the nerve
        object.__setattr__(self, "grip_nodes", (self.s_mm[1:-1] >= anatomy.FORAMEN_MM).astype(float))
        # the node at the foot of the cervical canal: the bed there is displaced by the neck's lengthening alone
        object.__setattr__(self, "neck_node", int(np.argmin(np.abs(self.s_mm - anatomy.REGION_BOUNDS_MM[0][1]))))

    def anchor_shift_mm(self, bed: np.ndarray) -> float:
        """How far the dura pulls the anchor at the foramen toward the head (mm) for bed displacements ``bed``:
        ``dural_pull`` x the cervical canal's lengthening (none when the neck is extended: the dura goes slack).

        Parameters
        ----------
        bed : numpy.ndarray
            Bed displacement at every node, mm (:meth:`bed_mm`).

        Returns
        -------
        float
            Shift of the anchor toward the head, mm.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> tract = nd.Model().grid
        >>> def shift(posture):
        ...     return tract.anchor_shift_mm(tract.bed_mm(posture, {}))
        >>> shift(nd.Posture(neck_flexion=40)) > 0, shift(nd.Posture(neck_flexion=-40))
        (True, 0.0)
        """
        return self.dural_pull * max(float(bed[self.neck_node]), 0.0)

    def bed_mm(self, posture: Posture, overrides: dict[str, float]) -> np.ndarray:
        """Displacement of the bed at every node in ``posture`` (mm, toward the foot +), head end fixed.

        Parameters
        ----------
        posture : Posture
            The posture, joint angles in deg, that moves the bed.
        overrides : dict of str to float
            Other values for tunable parameters (``Model.parameters``).

        Returns
        -------
        numpy.ndarray
            Bed displacement at every node, mm.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> bed = nd.Model().grid.bed_mm(nd.Posture(hip_flexion=60), {})
        >>> float(bed[0]), bool(bed[-1] > 0)          # the head end stays, the foot end is pulled
        (0.0, True)
        """
        lengthening = anatomy.bed_lengthening_mm(posture, overrides)
        return np.array([lengthening[bed.joint] for bed in anatomy.JOINT_BEDS]) @ self.bed_shapes

    def node_tension_n(self, u: np.ndarray) -> np.ndarray:
        """Tension of the nerve (N) at every interior node: the mean of the elements on either side.

        Parameters
        ----------
        u : numpy.ndarray
            Nerve displacement at every node, mm.

        Returns
        -------
        numpy.ndarray
            Tension at every interior node, N.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> standing = nd.Model().solve(nd.Posture())
        >>> tension = standing.model.grid.node_tension_n(standing.displacement_mm)
        >>> tension.size == standing.model.grid.s_mm.size - 2, bool(tension.min() >= 0)
        (True, True)
        """
        tension, _ = self.law.tension(element_strain(self, u))
        return 0.5 * (tension[1:] + tension[:-1])


def _region_values(positions: np.ndarray, field: str, overrides: dict[str, float]) -> np.ndarray:
    index = np.searchsorted([end for _, end in anatomy.REGION_BOUNDS_MM], positions, side="right")
    index = np.minimum(index, len(anatomy.REGIONS) - 1)
    values = [np.nan if getattr(r, field) is None else P.lookup(getattr(r, field), overrides) for r in anatomy.REGIONS]
    return np.array(values)[index]


def _tether_stiffness(s: np.ndarray, h: float, entrapment: Mapping[str, float], overrides: dict[str, float],
                      ) -> tuple[np.ndarray, np.ndarray, tuple[tuple[float, float], ...]]:
    """Tether springs at every node (N/mm), the node whose bed each tether holds the nerve to (the clamp's centre:
    a band of scar moves with the tissue it is rooted in, it does not stretch with the bed), and the tethered
    stretches of tract (mm)."""
    half = 0.5 * P.lookup("TETHER_LENGTH", overrides)
    springs, held_to, clamps = np.zeros_like(s), np.arange(s.size), []
    for site, strength in entrapment.items():
        if strength == 1.0:  # no tether
            continue
        centre = anatomy.SITE_POSITIONS_MM[site]
        near = np.abs(s - centre) <= half
        per_node = (_FIXED_NODE_STIFFNESS_N_PER_MM if math.isinf(strength)
                    else (strength - 1.0) * P.lookup("TETHER_STIFFNESS_STEP", overrides) * h)
        springs = np.where(near, springs + per_node, springs)
        held_to = np.where(near, int(np.argmin(np.abs(s - centre))), held_to)
        clamps.append((centre - half, centre + half))
    return springs, held_to, tuple(clamps)


def build_grid(node_spacing_mm: float, entrapment: Mapping[str, float], overrides: dict[str, float]) -> Grid:
    """Discretise the tract with about ``node_spacing_mm`` between nodes, with tethers at entrapped sites.

    Parameters
    ----------
    node_spacing_mm : float
        Wanted distance between nodes, mm (the tract is split into equal elements).
    entrapment : mapping of str to float
        Site -> tether strength (checked by :class:`Model`).
    overrides : dict of str to float
        Other values for tunable parameters.

    Returns
    -------
    Grid

    Examples
    --------
    >>> from neurodynamics.model import anatomy
    >>> grid = build_grid(10.0, {}, {})
    >>> grid.spacing_mm, bool(grid.s_mm[-1] == anatomy.TRACT_LENGTH_MM)
    (10.0, True)
    """
    count = int(round(anatomy.TRACT_LENGTH_MM / node_spacing_mm)) + 1
    s = np.linspace(0.0, anatomy.TRACT_LENGTH_MM, count)
    h = float(s[1] - s[0])
    mid = 0.5 * (s[1:] + s[:-1])
    ea = _region_values(mid, "axial_stiffness", overrides)
    toe = _region_values(mid, "toe_end_strain", overrides)
    k = _region_values(s, "interface_stiffness", overrides)
    law = tension_law.TensionLaw(ea, toe, P.lookup("TOE_SHAPE", overrides))
    resting = resting_tension_n(overrides)
    own = _region_values(mid, "in_situ_strain", overrides)
    eps0 = np.where(np.isnan(own), law.strain_for_tension(np.full(mid.shape, resting)), own)
    tethers, held_to, clamps = _tether_stiffness(s, h, entrapment, overrides)
    anchor = int(np.argmin(np.abs(s - anatomy.FORAMEN_MM))) - 1
    return Grid(s, h, law, eps0, h / (1.0 + eps0), k[1:-1] * h, tethers[1:-1], held_to[1:-1], anchor,
                P.lookup("FORAMEN_ANCHOR_STIFFNESS", overrides), resting, P.lookup("DURAL_PULL", overrides),
                P.lookup("FORAMEN_HOLD", overrides), P.lookup("FRICTION_PRESLIDING", overrides), clamps)


def resting_tension_n(overrides: dict[str, float] | None = None) -> float:
    """Tension of the peripheral nerve in the neutral posture (N): that of the sciatic nerve at its in-situ strain.

    With no anchor between the foramen and the foot, neutral equilibrium needs the same tension all along the
    peripheral nerve; each region's in-situ strain is what that tension gives on its own tension-strain law.
    The anchor at the foramen holds it; the roots above are wavy and the cord just taut.

    Parameters
    ----------
    overrides : dict of str to float, optional
        Other values for tunable parameters (``parameters.TUNABLE``).

    Returns
    -------
    float
        Resting tension, N.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> resting = resting_tension_n()
    >>> resting > 0
    True
    >>> abs(nd.solve(nd.Posture()).tension("thigh") - resting) < 1e-6   # standing, the thigh carries it
    True
    """
    sciatic = tension_law.TensionLaw(np.array([P.lookup("SCIATIC_AXIAL_STIFFNESS", overrides)]),
                                     np.array([P.lookup("NERVE_TOE_END_STRAIN", overrides)]),
                                     P.lookup("TOE_SHAPE", overrides))
    tension, _ = sciatic.tension(np.array([P.lookup("NERVE_IN_SITU_STRAIN", overrides)]))
    return float(tension[0])


def _check_entrapment(entrapment: Mapping[str, float] | None) -> dict[str, float]:
    if entrapment is None:
        return {}
    if not isinstance(entrapment, Mapping):
        raise TypeError(f"entrapment must be a mapping of site to tether strength, got {entrapment!r}")
    low, high = ENTRAPMENT_RANGE
    return {anatomy.check_site(site): FIXED if factor == FIXED and not isinstance(factor, bool)
            else check_number(f"entrapment[{site!r}]", factor, low, high, "(or float('inf') for fixed to the bed)")
            for site, factor in entrapment.items()}


class Model:
    """The tract model: the whole sciatic tract as one cable, optionally tied down at some sites.

    ``nd.solve(p)`` is ``nd.Model().solve(p)``; build a Model for a nerve tied down, or other parameter values.

    Parameters
    ----------
    entrapment : mapping of str to float, optional
        Site -> tether strength: the nerve "tied down" there over ``TETHER_LENGTH``, held to the bed at the
        tether's centre. 1 is no tether, up to 100, and ``FIXED`` (``float("inf")``) fixes the nerve to its bed;
        what a strength does differs by site (``model.tethers.share_held_back`` measures it).
    node_spacing_mm : float, optional
        Distance between the grid's nodes, 0.5 to 20 mm.
    parameters : mapping of str to float, optional
        Other values for some parameters (names in ``parameters.TUNABLE``), e.g. for a sensitivity study.

    Raises
    ------
    TypeError
        If ``entrapment`` is not a mapping, or a strength or ``node_spacing_mm`` is not a number.
    ValueError
        For an unknown site, a strength or spacing out of range, a parameter that cannot be changed or an
        override out of range, and for tethers that would strain any point of the tract above
        ``MAX_STRAIN_PCT`` in a straight-leg raise to 70 deg (the message names the sites).

    Examples
    --------
    >>> import neurodynamics as nd
    >>> slr = nd.Posture(hip_flexion=70)
    >>> free = nd.Model().solve(slr)
    >>> fixed = nd.Model(entrapment={"thigh": float("inf")}).solve(slr)   # the nerve fixed to its bed mid-thigh
    >>> abs(fixed.excursion("thigh")) < 0.01 < free.excursion("thigh")     # it no longer slides there
    True
    >>> fixed.strain("hip") > free.strain("hip")                           # and strain piles up above the tether
    True
    >>> nd.Model(entrapment={"shin": 5})
    Traceback (most recent call last):
    ...
    ValueError: unknown site 'shin'; valid sites are cervical_cord, conus, root, hip, thigh, knee, ankle, foot
    """

    def __init__(self, entrapment: Mapping[str, float] | None = None, node_spacing_mm: float = 5.0,
                 parameters: Mapping[str, float] | None = None) -> None:
        self.entrapment = _check_entrapment(entrapment)
        self.node_spacing_mm = check_number("node_spacing_mm", node_spacing_mm, *NODE_SPACING_RANGE_MM, "mm")
        self.parameters = P.check_overrides(dict(parameters or {}))
        self.grid = build_grid(self.node_spacing_mm, self.entrapment, self.parameters)
        self._cached_solve = functools.lru_cache(maxsize=512)(self._solve)
        self._cached_movement = functools.lru_cache(maxsize=512)(self._movement)
        self._single_joint: tuple[list[list[float]], np.ndarray, np.ndarray] | None = None
        if any(strength != 1.0 for strength in self.entrapment.values()):
            self._check_tethers()

    def _check_tethers(self) -> None:
        """Raise ValueError naming the tethered sites if the tract strains above ``MAX_STRAIN_PCT`` anywhere in the
        straight-leg raise to 70 deg (``SAFETY_POSTURE``)."""
        peak = float(self.solve(SAFETY_POSTURE).profile().strain_pct.max())
        if peak > MAX_STRAIN_PCT:
            sites = ", ".join(f"{site} (strength {strength:g})" for site, strength in self.entrapment.items())
            raise ValueError(f"entrapment: tethers at {sites} strain the nerve to {peak:.0f} % in a straight-leg "
                             f"raise to 70 deg, above the {MAX_STRAIN_PCT:g} % the model is used for; choose weaker "
                             "tethers or fewer sites")

    def __repr__(self) -> str:
        extra = f", parameters={self.parameters!r}" if self.parameters else ""
        return f"Model(entrapment={self.entrapment!r}, node_spacing_mm={self.node_spacing_mm:g}{extra})"

    def _key(self) -> tuple:
        return (tuple(sorted(self.entrapment.items())), self.node_spacing_mm, tuple(sorted(self.parameters.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Model) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def slack_point_pct(self) -> np.ndarray:
        """Strain (%) at which each element goes slack (0 for the wavy roots), at the profile's arc lengths.

        Returns
        -------
        numpy.ndarray
            One value per element, % beyond the in-situ length (at most 0), head to foot.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> floor = nd.Model().slack_point_pct()
        >>> floor.shape == nd.solve(nd.Posture()).profile().strain_pct.shape, bool(floor.max() <= 0.0)
        (True, True)
        """
        return self.grid.slack_point_pct.copy()

    def solve(self, posture: Posture) -> "Solution":
        """Static equilibrium of the tract in ``posture``, reached from neutral standing.

        Parameters
        ----------
        posture : Posture
            The posture to solve, joint angles in deg.

        Returns
        -------
        Solution
            Strain, excursion and tension along the tract (cached: the same posture returns the same Solution).

        Raises
        ------
        TypeError
            If ``posture`` is not a :class:`~neurodynamics.Posture`; build one with ``nd.Posture(...)``.
        ConvergenceError
            If Newton's method finds no equilibrium in ``posture``.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> leg_up = nd.Posture(hip_flexion=70)
        >>> nd.Model().solve(leg_up) == nd.solve(leg_up)     # nd.solve uses the default model
        True
        >>> nd.Model().solve(leg_up).strain("hip") > nd.Model().solve(nd.Posture()).strain("hip")
        True
        """
        return self._cached_solve(require_posture(posture))

    def _solve(self, posture: Posture) -> "Solution":
        return self.solve_from(posture, self.first_guess(posture))

    def solve_from(self, posture: Posture, start_mm: np.ndarray) -> "Solution":
        """Static equilibrium in ``posture`` with Newton started from the displacements ``start_mm`` (mm at every
        node, e.g. a similar model's ``Solution.displacement_mm``): the same answer, found faster from close by.

        Parameters
        ----------
        posture : Posture
            Joint angles to solve in, deg.
        start_mm : numpy.ndarray
            Nerve displacement at every node to start from, mm (toward the foot +).

        Returns
        -------
        Solution
            The equilibrium (not cached).

        Raises
        ------
        TypeError
            If ``posture`` is not a Posture (``start_mm`` may be any array of node displacements).
        ConvergenceError
            If Newton's method, started from ``start_mm``, finds no equilibrium.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> model, raised = nd.Model(), nd.Posture(hip_flexion=60)
        >>> near = model.solve(raised).displacement_mm
        >>> model.solve_from(raised, near) == model.solve(raised)
        True
        """
        posture = require_posture(posture)
        bed = self.grid.bed_mm(posture, self.parameters)
        return Solution(self, posture, equilibrium_displacement(self.grid, bed, np.asarray(start_mm, dtype=float)), bed)

    def movement(self, start: Posture, end: Posture) -> "Solution":
        """Equilibrium in ``end`` reached by moving from ``start``: where the peripheral nerve is tauter at the start
        than in neutral standing, its bed grips it (``friction_at``) and holds back the sliding the movement asks
        for. What a study measures during the movement is :meth:`change_during`. From standing nothing grips the
        nerve: ``movement(Posture(), p)`` is ``solve(p)``, and so is ``movement(p, p)``.

        Parameters
        ----------
        start, end : Posture
            Where the movement starts and ends, joint angles in deg.

        Returns
        -------
        Solution
            The equilibrium in ``end`` (its excursion still counted from neutral standing).

        Raises
        ------
        TypeError
            If ``start`` or ``end`` is not a :class:`~neurodynamics.Posture`.
        ConvergenceError
            If Newton's method finds no equilibrium at ``end``.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> model = nd.Model()
        >>> slr = nd.Posture(hip_flexion=70)
        >>> model.movement(nd.Posture(), slr) == model.solve(slr)     # from standing nothing grips the nerve
        True
        >>> sitting = nd.Posture(hip_flexion=90, knee_flexion=80)
        >>> knee_straight = sitting.replace(knee_flexion=20)
        >>> model.movement(sitting, knee_straight) == model.solve(knee_straight)   # from a taut start it does
        False
        """
        return self._cached_movement(require_posture(start, "start"), require_posture(end, "end"))

    def change_during(self, start: Posture, end: Posture, site: str, quantity: str = "excursion") -> float:
        """How much ``quantity`` changes at ``site`` during the movement from ``start`` to ``end``
        (:meth:`movement`): what a study measures during that movement.

        Parameters
        ----------
        start, end : Posture
            The movement measured: where it starts and where it ends, deg.
        site : str
            One of ``nd.SITES``.
        quantity : {"excursion", "strain"}, optional
            Sliding (mm, toward the head +) or strain (% points).

        Returns
        -------
        float
            The change, in mm or % points.

        Raises
        ------
        ValueError
            For an unknown site or quantity.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> model, sitting = nd.Model(), nd.Posture(hip_flexion=90, knee_flexion=80)
        >>> knee_straight = sitting.replace(knee_flexion=20)
        >>> model.change_during(sitting, knee_straight, "thigh") < 0       # the nerve slides toward the knee
        True
        >>> model.change_during(sitting, knee_straight, "thigh", "strain") > 0
        True
        >>> model.change_during(sitting, knee_straight, "thigh", "tension")
        Traceback (most recent call last):
        ...
        ValueError: quantity must be 'excursion' or 'strain', got 'tension'
        """
        if quantity not in ("excursion", "strain"):
            raise ValueError(f"quantity must be 'excursion' or 'strain', got {quantity!r}")
        moved, held = self.movement(start, end), self.solve(start)
        return getattr(moved, quantity)(site) - getattr(held, quantity)(site)

    def _movement(self, start: Posture, end: Posture) -> "Solution":
        friction = self.friction_at(start)
        if friction is None or start == end:
            return self.solve(end)
        bed = self.grid.bed_mm(end, self.parameters)
        # Newton from the start's equilibrium moved by the single-joint tables' difference: one solve fewer than
        # starting from the end's own equilibrium, and the same answer (the energy is convex)
        near = self.solve(start).displacement_mm + self.first_guess(end) - self.first_guess(start)
        u = equilibrium_displacement(self.grid, bed, near, friction=friction)
        return Solution(self, end, u, bed)

    def friction_at(self, start: Posture) -> Friction | None:
        """The grip of the bed on the peripheral nerve for a movement that starts in ``start``; None where the
        nerve is nowhere tauter than in neutral standing. Capacity at each node of the peripheral nerve (from the
        foramen down): ``FRICTION_GRIP`` x the node's length x the rise of the nerve's tension there from standing
        to ``start`` (a taut nerve presses on its bed and is held by it; the resting tension of standing is not
        counted, so a movement from standing is frictionless).

        Parameters
        ----------
        start : Posture
            Where the movement starts, joint angles in deg.

        Returns
        -------
        Friction or None
            The grip for a movement from ``start``, or None.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> grip_at = nd.Model().friction_at
        >>> grip_at(nd.Posture()) is None
        True
        >>> grip_at(nd.Posture(hip_flexion=90)) is None
        False
        """
        at_start = self.solve(require_posture(start, "start"))
        rise = (self.grid.node_tension_n(at_start.displacement_mm)
                - self.grid.node_tension_n(self.solve(Posture()).displacement_mm))
        capacity = (P.lookup("FRICTION_GRIP", self.parameters) * self.grid.spacing_mm
                    * np.maximum(rise, 0.0) * self.grid.grip_nodes)
        if not capacity.any():
            return None
        bed = self.grid.bed_mm(start, self.parameters)
        return Friction(capacity, P.lookup("FRICTION_PRESLIDING", self.parameters),
                        (at_start.displacement_mm - bed)[1:-1])

    def first_guess(self, posture: Posture) -> np.ndarray:
        """Displacements (mm) to start Newton from: the sum of each joint's own solution at its angle (the bed is
        the sum of the joints' beds, and the nerve's answer nearly so), from tables solved once per model.

        Parameters
        ----------
        posture : Posture
            The posture to guess the equilibrium of, deg.

        Returns
        -------
        numpy.ndarray
            Displacement at every node, mm (toward the foot +).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> model = nd.Model(node_spacing_mm=10)
        >>> model.first_guess(nd.Posture(hip_flexion=30)).shape == model.grid.s_mm.shape
        True
        """
        if self._single_joint is None:
            tables = [self._solve_joint(joint) for joint in JOINTS]
            self._single_joint = ([list(angles) for angles, _ in tables], np.concatenate([t for _, t in tables]),
                                  np.cumsum([0] + [angles.size for angles, _ in tables[:-1]]))
        angles, stacked, offsets = self._single_joint
        weights = np.zeros(stacked.shape[0])
        for joint, grid_angles, offset in zip(JOINTS, angles, offsets):
            angle = getattr(posture, joint)
            index = min(bisect.bisect_right(grid_angles, angle) - 1, len(grid_angles) - 2)
            weight = (angle - grid_angles[index]) / (grid_angles[index + 1] - grid_angles[index])
            weights[offset + index] = 1.0 - weight
            weights[offset + index + 1] = weight
        return weights @ stacked

    def _solve_joint(self, joint: str) -> tuple[np.ndarray, np.ndarray]:
        """Angles every ``GUESS_STEP_DEG`` over the joint's range and the solution with that joint alone there."""
        low, high = RANGES_DEG[joint]
        angles = np.union1d(np.arange(0.0, low - GUESS_STEP_DEG, -GUESS_STEP_DEG).clip(low),
                            np.arange(0.0, high + GUESS_STEP_DEG, GUESS_STEP_DEG).clip(max=high))
        table = np.zeros((angles.size, self.grid.s_mm.size))
        zero = int(np.flatnonzero(angles == 0.0)[0])
        for order in (range(zero + 1, angles.size), range(zero - 1, -1, -1)):
            previous = table[zero]
            for index in order:
                posture = Posture(**{joint: angles[index]})
                bed = self.grid.bed_mm(posture, self.parameters)
                table[index] = previous = equilibrium_displacement(self.grid, bed, previous)
        return angles, table


def element_strain(grid: Grid, u: np.ndarray) -> np.ndarray:
    """Slack strain of each element (fraction of its slack-free length) for node displacements ``u`` (mm).

    Parameters
    ----------
    grid : Grid
        The discretised tract whose elements to read (``Model.grid``).
    u : numpy.ndarray
        Nerve displacement at every node, mm (toward the foot +); leading axes broadcast.

    Returns
    -------
    numpy.ndarray
        Slack strain of every element, fraction.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> coarse = nd.Model(node_spacing_mm=10).grid
    >>> np.allclose(element_strain(coarse, np.zeros(coarse.s_mm.size)), coarse.in_situ_strain)   # not moved: in situ
    True
    """
    return grid.in_situ_strain + grid.strain_per_mm * (u[..., 1:] - u[..., :-1])


def _solve_tridiagonal(conductance: np.ndarray, springs: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Solve (-d/ds c d/ds + k) x = rhs on the interior nodes; c per element (N/mm), k per interior node (N/mm)."""
    diagonal = conductance[:-1] + conductance[1:] + springs
    _, _, x, info = lapack.dptsv(diagonal, -conductance[1:-1], rhs)
    if info != 0:
        raise ConvergenceError(f"tridiagonal solve failed (LAPACK info {info})")
    return x


def _log_cosh(x: np.ndarray) -> np.ndarray:
    """ln cosh x without overflow."""
    x = np.abs(x)
    return x + np.log1p(np.exp(-2.0 * x)) - math.log(2.0)


def _state(grid: Grid, u: np.ndarray, bed: np.ndarray, friction: Friction | None = None,
           ) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Total potential energy (N mm), out-of-balance force at interior nodes (N), element stiffnesses (N/mm) and
    node springs (N/mm) for nerve displacements ``u`` and bed displacements ``bed`` (mm).

    The energy: the nerve's strain energy, the sheath in parallel with it, the gliding layer and tethers (linear
    springs to the bed), the preloaded anchor at the foramen and, in a movement, the grip of the bed.
    """
    beyond_in_situ = grid.strain_per_mm * (u[1:] - u[:-1])
    tension, slope, energy_density = grid.law.evaluate(grid.in_situ_strain + beyond_in_situ)
    sheath_tension = grid.sheath_n * beyond_in_situ
    tension += sheath_tension
    gap = u[1:-1] - bed[1:-1]
    tether_gap = u[1:-1] - bed[grid.tether_held_to]
    springs = grid.interface_n_per_mm + grid.tether_n_per_mm
    force = grid.interface_n_per_mm * gap + grid.tether_n_per_mm * tether_gap
    anchor_gap = gap[grid.anchor_node] + grid.anchor_shift_mm(bed)  # from the anchor, which the dura may pull
    energy = (np.dot(grid.rest_length_mm, energy_density + 0.5 * sheath_tension * beyond_in_situ)
              + 0.5 * np.dot(grid.interface_n_per_mm * gap, gap)
              + 0.5 * np.dot(grid.tether_n_per_mm * tether_gap, tether_gap)
              + (grid.anchor_preload_n + 0.5 * grid.anchor_n_per_mm * anchor_gap) * anchor_gap)
    held = np.tanh(anchor_gap / grid.anchor_hold_mm)  # the sleeve holds by friction up to anchor_hold_n, then slides
    force[grid.anchor_node] += grid.anchor_preload_n + grid.anchor_n_per_mm * anchor_gap + grid.anchor_hold_n * held
    springs[grid.anchor_node] += grid.anchor_n_per_mm + grid.anchor_hold_n / grid.anchor_hold_mm * (1.0 - held * held)
    energy += grid.anchor_hold_n * grid.anchor_hold_mm * float(_log_cosh(np.array(anchor_gap / grid.anchor_hold_mm)))
    if friction is not None:
        capacity, delta = friction.capacity_n, friction.presliding_mm
        x = friction.slip(gap)
        grip = np.tanh(x)
        force += capacity * grip
        springs += capacity / delta * (1.0 - grip * grip)
        energy += delta * np.dot(capacity, _log_cosh(x))
    stiffness = slope / grid.rest_length_mm + grid.sheath_n_per_mm
    return float(energy), (tension[:-1] - tension[1:]) + force, stiffness, springs


def equilibrium_displacement(grid: Grid, bed: np.ndarray, start: np.ndarray, tolerance_n: float = 1e-9,
                             max_iterations: int = 200, friction: Friction | None = None) -> np.ndarray:
    """Nerve displacements (mm) in equilibrium with bed displacements ``bed`` (mm), ends anchored, with the
    friction of a movement if ``friction`` is given.

    Newton's method on the convex total energy from ``start`` (mm; its ends are moved onto the bed's), until no
    node is out of balance by more than ``tolerance_n`` (N) or the step falls below ``STEP_FLOOR_MM``; a step is
    halved until the energy falls (Armijo).

    Parameters
    ----------
    grid : Grid
        The discretised tract to solve on (``Model.grid``).
    bed : numpy.ndarray
        Bed displacement at every node, mm (``Grid.bed_mm``).
    start : numpy.ndarray
        Nerve displacement at every node to start from, mm.
    tolerance_n : float, optional
        Largest out-of-balance force accepted at a node, N.
    max_iterations : int, optional
        Newton steps allowed.
    friction : Friction, optional
        The bed's grip during a movement (``Model.friction_at``).

    Returns
    -------
    numpy.ndarray
        Nerve displacement at every node in equilibrium, mm (toward the foot +).

    Raises
    ------
    ConvergenceError
        If no equilibrium is reached in ``max_iterations`` steps.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> model, posture = nd.Model(), nd.Posture(hip_flexion=60)
    >>> bed = model.grid.bed_mm(posture, model.parameters)
    >>> u = equilibrium_displacement(model.grid, bed, np.zeros_like(bed))
    >>> np.allclose(u, model.solve(posture).displacement_mm, atol=1e-6)
    True
    """
    u = start + np.interp(grid.s_mm, grid.s_mm[[0, -1]], [bed[0] - start[0], bed[-1] - start[-1]])
    energy, residual, stiffness, springs = _state(grid, u, bed, friction)
    step = np.zeros_like(u)
    for _ in range(max_iterations):
        worst = float(np.abs(residual).max())
        if worst < tolerance_n:
            return u
        step[1:-1] = _solve_tridiagonal(stiffness, springs, -residual)
        if float(np.abs(step).max()) < STEP_FLOOR_MM:  # rounding, not imbalance, is what is left (stiff tethers)
            return u
        descent = float(np.dot(residual, step[1:-1]))
        alpha = 1.0
        while True:
            trial = u + alpha * step
            trial_state = _state(grid, trial, bed, friction)
            # near equilibrium the energy no longer changes measurably in floating point: take the full step
            if trial_state[0] <= energy + 1e-4 * alpha * descent or alpha < 1e-9 or worst < FULL_STEP_BELOW_N:
                break
            alpha *= 0.5
        u, (energy, residual, stiffness, springs) = trial, trial_state
    raise ConvergenceError(f"Newton did not converge in {max_iterations} iterations")


def site_element(grid: Grid, site: str) -> int:
    """Index of the element that holds ``site``.

    Parameters
    ----------
    grid : Grid
        The discretised tract (``Model.grid``), whose element holds the site.
    site : str
        The site to find, one of ``nd.SITES``.

    Returns
    -------
    int
        Element index, head to foot.

    Raises
    ------
    ValueError
        If ``site`` is not one of ``nd.SITES``: there is no element to find.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> order = [site_element(nd.Model().grid, site) for site in ("hip", "thigh", "knee")]
    >>> order == sorted(order)
    True
    """
    position = anatomy.SITE_POSITIONS_MM[anatomy.check_site(site)]
    return int(min(position // grid.spacing_mm, grid.rest_length_mm.size - 1))


def readout_elements(grid: Grid, site: str) -> np.ndarray:
    """Elements whose strain a readout at ``site`` reports (the largest of them): the site's element, or, where
    the site is tethered, the elements just beside the clamp on both sides (one tether length each way).

    Parameters
    ----------
    grid : Grid
        The tract's grid, with its tethers (``Model.grid``).
    site : str
        The site read out, one of ``nd.SITES``.

    Returns
    -------
    numpy.ndarray of int
        Element indices.

    Raises
    ------
    ValueError
        If ``site`` is not one of ``nd.SITES``: nothing to read out.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> readout_elements(nd.Model().grid, "thigh").size
    1
    >>> readout_elements(nd.Model(entrapment={"thigh": 10}).grid, "thigh").size > 1
    True
    """
    position = anatomy.SITE_POSITIONS_MM[anatomy.check_site(site)]
    for start, end in grid.clamps:
        if start <= position <= end:
            mid = 0.5 * (grid.s_mm[1:] + grid.s_mm[:-1])
            beside = ((mid >= 2 * start - end) & (mid < start)) | ((mid > end) & (mid <= 2 * end - start))
            return np.flatnonzero(beside)
    return np.array([site_element(grid, site)])


class Solution:
    """Equilibrium of the tract in one posture, made by :meth:`Model.solve` and :meth:`Model.movement`.

    Site values are read at the site's element; strain and slack at a tethered site are read beside the clamp
    (``readout_elements``). Two Solutions are equal when their model, posture and displacements are.

    Parameters
    ----------
    model : Model
        The model solved.
    posture : Posture
        Joint angles, deg.
    displacement_mm : numpy.ndarray
        Nerve displacement at every node in equilibrium, mm (toward the foot +).
    bed_mm : numpy.ndarray
        Bed displacement at every node in ``posture``, mm (``Grid.bed_mm``).

    Examples
    --------
    >>> import neurodynamics as nd
    >>> s = nd.solve(nd.Posture(hip_flexion=70, ankle_dorsiflexion=20))
    >>> s.posture.hip_flexion
    70.0
    >>> s.strain("ankle") > 0, s.excursion("ankle") < 0, s.tension("knee") > 0
    (True, True, True)
    """

    def __init__(self, model: Model, posture: Posture, displacement_mm: np.ndarray, bed_mm: np.ndarray) -> None:
        self.model = model
        self.posture = posture
        grid = model.grid
        self._u = displacement_mm
        slack_strain = element_strain(grid, displacement_mm)
        self._strain = strain_pct(slack_strain, grid.in_situ_strain, grid.slack_point_pct)
        self._slack = slack_strain < 0.0
        self._tension, _ = grid.law.tension(slack_strain)
        self._excursion = bed_mm - displacement_mm  # relative to the tissue, toward the head +
        for array in (self._u, self._strain, self._slack, self._tension, self._excursion):
            array.setflags(write=False)

    def __repr__(self) -> str:
        return f"Solution({self.posture!r}, {self.model!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Solution) and self.model == other.model and self.posture == other.posture
                and np.array_equal(self._u, other._u))

    __hash__ = None  # mutable-looking arrays inside: not hashable

    def _element(self, site: str) -> int:
        return site_element(self.model.grid, site)

    @property
    def displacement_mm(self) -> np.ndarray:
        """Displacement of the nerve at every node (mm, toward the foot +; read-only).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> s = nd.solve(nd.Posture(hip_flexion=70))
        >>> s.displacement_mm.shape == s.model.grid.s_mm.shape, s.displacement_mm.flags.writeable
        (True, False)
        """
        return self._u

    def strain(self, site: str) -> float:
        """Strain at ``site``: % elongation beyond the in-situ length in neutral standing (0 standing), never below
        the point where the nerve goes slack. At a tethered site, the peak just beside the clamp.

        Parameters
        ----------
        site : str
            Where to read the strain, one of ``nd.SITES``.

        Returns
        -------
        float
            Strain, %.

        Raises
        ------
        ValueError
            For an unknown site (the message lists the valid ones).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> abs(nd.solve(nd.Posture()).strain("hip")) < 1e-9             # standing: 0
        True
        >>> slr = nd.solve(nd.Posture(hip_flexion=70))
        >>> slr.strain("hip") > 0
        True
        >>> nd.solve(nd.Posture(hip_flexion=70, ankle_dorsiflexion=20)).strain("hip") > slr.strain("hip")
        True
        >>> slr.strain("sole")
        Traceback (most recent call last):
        ...
        ValueError: unknown site 'sole'; valid sites are cervical_cord, conus, root, hip, thigh, knee, ankle, foot
        """
        return float(self._strain[readout_elements(self.model.grid, site)].max())

    def slack(self, site: str) -> bool:
        """True where the nerve at ``site`` is slack (wavy, shorter than its slack length): it carries no tension.

        Parameters
        ----------
        site : str
            Where to ask, one of ``nd.SITES``.

        Returns
        -------
        bool

        Raises
        ------
        ValueError
            For a site name not in ``nd.SITES``.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> nd.solve(nd.Posture(knee_flexion=90)).slack("knee")     # behind a bent knee
        True
        >>> nd.solve(nd.Posture()).slack("knee")                    # standing, under its resting tension
        False
        """
        return bool(self._slack[readout_elements(self.model.grid, site)].all())

    def tension(self, site: str) -> float:
        """Tension at ``site``, N (absolute: the resting tension standing included).

        Parameters
        ----------
        site : str
            Where to read the tension, one of ``nd.SITES``.

        Returns
        -------
        float
            Tension, N.

        Raises
        ------
        ValueError
            If ``site`` is not one of ``nd.SITES`` (the message lists them).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> standing = nd.solve(nd.Posture()).tension("knee")
        >>> 0 < standing < nd.solve(nd.Posture(hip_flexion=70)).tension("knee")
        True
        """
        return float(self._tension[self._element(site)])

    def excursion(self, site: str) -> float:
        """Sliding of the nerve at ``site`` relative to its bed since neutral, mm (toward the head +).

        Parameters
        ----------
        site : str
            Where to read the sliding, one of ``nd.SITES``.

        Returns
        -------
        float
            Excursion, mm: positive toward the head, negative toward the foot.

        Raises
        ------
        ValueError
            If no site of ``nd.SITES`` is called ``site``.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> nd.solve(nd.Posture(hip_flexion=70)).excursion("thigh") > 0           # toward the hip
        True
        >>> nd.solve(nd.Posture(ankle_dorsiflexion=20)).excursion("ankle") < 0    # toward the ankle
        True
        """
        position = anatomy.SITE_POSITIONS_MM[anatomy.check_site(site)]
        return float(np.interp(position, self.model.grid.s_mm, self._excursion))

    def profile_excursion_nodes(self) -> np.ndarray:
        """Sliding of the nerve relative to its bed at every node (mm, toward the head +), at ``Model.grid.s_mm``.

        Returns
        -------
        numpy.ndarray
            Excursion at every node, mm (a copy).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> raised = nd.solve(nd.Posture(hip_flexion=50))
        >>> raised.profile_excursion_nodes().shape == raised.model.grid.s_mm.shape
        True
        """
        return self._excursion.copy()

    def profile(self) -> Profile:
        """Arc length (mm), strain (%), excursion (mm) and tension (N) at element midpoints, head to foot.

        Returns
        -------
        Profile
            Arrays ``arc_length_mm``, ``strain_pct``, ``excursion_mm``, ``tension_n``, one value per element.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> along = nd.solve(nd.Posture(hip_flexion=70)).profile()
        >>> along._fields
        ('arc_length_mm', 'strain_pct', 'excursion_mm', 'tension_n')
        >>> along.strain_pct.shape == along.arc_length_mm.shape, bool(along.strain_pct.max() > 0)
        (True, True)
        """
        s = self.model.grid.s_mm
        return Profile(0.5 * (s[1:] + s[:-1]), self._strain.copy(),
                       0.5 * (self._excursion[1:] + self._excursion[:-1]), self._tension.copy())


_DEFAULT_MODEL: Model | None = None


def default_model() -> Model:
    """The shared default :class:`Model` (no entrapment), built on first use.

    Returns
    -------
    Model

    Examples
    --------
    >>> default_model() is default_model(), default_model() == Model()
    (True, True)
    """
    global _DEFAULT_MODEL
    if _DEFAULT_MODEL is None:
        _DEFAULT_MODEL = Model()
    return _DEFAULT_MODEL


def solve(posture: Posture) -> Solution:
    """Static equilibrium of the whole tract in ``posture`` with the default model (:func:`default_model`).

    Parameters
    ----------
    posture : Posture
        The posture, joint angles in deg (standing is ``Posture()``).

    Returns
    -------
    Solution
        Strain (%), excursion (mm) and tension (N) at every site and along the tract.

    Raises
    ------
    TypeError
        If ``posture`` is not a :class:`~neurodynamics.Posture` (a dict of angles is refused).

    Examples
    --------
    >>> import neurodynamics as nd
    >>> standing = nd.solve(nd.Posture())
    >>> slump = nd.solve(nd.Posture(hip_flexion=90, neck_flexion=40, trunk_flexion=40))
    >>> slump.strain("conus") > standing.strain("conus")
    True
    """
    return default_model().solve(posture)
