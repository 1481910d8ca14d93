"""Static equilibrium of the whole tract: d/ds T(strain) = k (u - u_bed), both ends anchored.

Displacements u (mm, toward the foot +) on a uniform grid; tension T (N) from the nonlinear law;
k (N/mm^2) the interface stiffness. Solved by Newton's method with a line search on the (convex)
energy; each step is one symmetric tridiagonal solve. Reported strain is in percent of the slack-free
length, excursion in mm relative to the surrounding tissue (toward the head +), tension in N.
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
from scipy.linalg import lapack

from . import anatomy
from . import parameters as P
from . import tension_law
from .posture import Posture, check_number, require_posture
from .strain import stretch_pct

ENTRAPMENT_RANGE = (1.0, 100.0)
NODE_SPACING_RANGE_MM = (0.5, 20.0)


class ConvergenceError(RuntimeError):
    """Newton's method did not reach equilibrium."""


class Profile(NamedTuple):
    """Values along the tract at element midpoints, head to foot."""

    arc_length_mm: np.ndarray
    strain_pct: np.ndarray
    excursion_mm: np.ndarray
    tension_n: np.ndarray


@dataclasses.dataclass(frozen=True, eq=False)
class Grid:
    """The discretised tract: node positions and per-element / per-node constants."""

    s_mm: np.ndarray  # node positions, mm
    spacing_mm: float
    law: tension_law.TensionLaw  # per element
    in_situ_strain: np.ndarray  # per element, fraction: strain under the resting tension in neutral
    rest_length_mm: np.ndarray  # per element, slack-free length
    interface_n_per_mm: np.ndarray  # per interior node: k x tributary length


def _region_values(positions: np.ndarray, field: str, overrides: dict[str, float]) -> np.ndarray:
    index = np.searchsorted([end for _, end in anatomy.REGION_BOUNDS_MM], positions, side="right")
    index = np.minimum(index, len(anatomy.REGIONS) - 1)
    return np.array([P.lookup(getattr(r, field), overrides) for r in anatomy.REGIONS])[index]


def build_grid(node_spacing_mm: float, entrapment: Mapping[str, float], overrides: dict[str, float]) -> Grid:
    """Discretise the tract with about ``node_spacing_mm`` between nodes; raise k at entrapped sites."""
    count = int(round(anatomy.TRACT_LENGTH_MM / node_spacing_mm)) + 1
    s = np.linspace(0.0, anatomy.TRACT_LENGTH_MM, count)
    h = float(s[1] - s[0])
    mid = 0.5 * (s[1:] + s[:-1])
    ea = _region_values(mid, "axial_stiffness", overrides)
    toe = _region_values(mid, "toe_end_strain", overrides)
    k = _region_values(s, "interface_stiffness", overrides)
    for site, factor in entrapment.items():
        near = np.abs(s - anatomy.SITE_POSITIONS_MM[site]) <= 0.5 * P.lookup("TETHER_LENGTH", overrides)
        k = np.where(near, k * factor, k)
    law = tension_law.TensionLaw(ea, toe, P.lookup("TOE_SHAPE", overrides))
    eps0 = law.strain_for_tension(np.full(mid.shape, resting_tension_n(overrides)))
    return Grid(s, h, law, eps0, h / (1.0 + eps0), k[1:-1] * h)


def resting_tension_n(overrides: dict[str, float] | None = None) -> float:
    """Tension of the whole tract in the neutral posture (N): that of the sciatic nerve at its in-situ strain.

    With no anchor between regions, neutral equilibrium needs the same tension everywhere; each region's
    in-situ strain is what that tension gives on its own tension-strain law.
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
        raise TypeError(f"entrapment must be a mapping of site to stiffness factor, got {entrapment!r}")
    low, high = ENTRAPMENT_RANGE
    return {anatomy.check_site(site): check_number(f"entrapment[{site!r}]", factor, low, high, "x")
            for site, factor in entrapment.items()}


class Model:
    """The tract model.

    ``entrapment`` maps a site to a factor (1-100) on its interface stiffness (a nerve "tied down" there);
    ``parameters`` gives other values to some parameters (names in ``parameters.TUNABLE``), e.g. for a
    sensitivity study; ``node_spacing_mm`` sets the grid.
    """

    def __init__(self, entrapment: Mapping[str, float] | None = None, node_spacing_mm: float = 5.0,
                 parameters: Mapping[str, float] | None = None) -> None:
        self.entrapment = _check_entrapment(entrapment)
        self.node_spacing_mm = check_number("node_spacing_mm", node_spacing_mm, *NODE_SPACING_RANGE_MM, "mm")
        self.parameters = P.check_overrides(dict(parameters or {}))
        self.grid = build_grid(self.node_spacing_mm, self.entrapment, self.parameters)
        self._cached_solve = functools.lru_cache(maxsize=512)(self._solve)

    def __repr__(self) -> str:
        extra = f", parameters={self.parameters!r}" if self.parameters else ""
        return f"Model(entrapment={self.entrapment!r}, node_spacing_mm={self.node_spacing_mm:g}{extra})"

    def _key(self) -> tuple:
        return (tuple(sorted(self.entrapment.items())), self.node_spacing_mm, tuple(sorted(self.parameters.items())))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Model) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def resting_strain_pct(self) -> np.ndarray:
        """Strain of each element in the neutral posture (%), at the profile's arc lengths."""
        return 100.0 * self.grid.in_situ_strain

    def solve(self, posture: Posture) -> "Solution":
        """Static equilibrium of the tract in ``posture``."""
        return self._cached_solve(require_posture(posture))

    def _solve(self, posture: Posture) -> "Solution":
        bed = anatomy.bed_displacement_mm(posture, self.grid.s_mm, self.parameters)
        u = equilibrium_displacement(self.grid, bed)
        return Solution(self, posture, u, bed)


def element_strain(grid: Grid, u: np.ndarray) -> np.ndarray:
    """Strain of each element (fraction of its slack-free length) for node displacements ``u`` (mm)."""
    return (1.0 + grid.in_situ_strain) * (1.0 + np.diff(u, axis=-1) / grid.spacing_mm) - 1.0


def _solve_tridiagonal(conductance: np.ndarray, grid: Grid, rhs: np.ndarray) -> np.ndarray:
    """Solve (-d/ds c d/ds + k) x = rhs on the interior nodes; c per element (N/mm)."""
    diagonal = conductance[:-1] + conductance[1:] + grid.interface_n_per_mm
    _, _, x, info = lapack.dptsv(diagonal, -conductance[1:-1], rhs)
    if info != 0:
        raise ConvergenceError(f"tridiagonal solve failed (LAPACK info {info})")
    return x


def _first_guess(grid: Grid, bed: np.ndarray) -> np.ndarray:
    """A start close enough for Newton: a linear cable (30 % of EA) that cannot push.

    Elements that come out slack get (almost) no stiffness and the linear problem is solved again,
    a few times, so the slack stretches start slack instead of being found one element per Newton step.
    """
    stiff = 0.3 * grid.law.axial_stiffness_n / grid.rest_length_mm
    conductance = stiff
    u = bed.copy()
    for _ in range(6):
        rhs = grid.interface_n_per_mm * bed[1:-1]
        rhs[0] += conductance[0] * bed[0]
        rhs[-1] += conductance[-1] * bed[-1]
        u[1:-1] = _solve_tridiagonal(conductance, grid, rhs)
        taut = element_strain(grid, u) > 0.0
        updated = np.where(taut, stiff, 1e-6 * stiff)
        if np.array_equal(updated, conductance):
            break
        conductance = updated
    return u


def _state(grid: Grid, u: np.ndarray, bed: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Total potential energy (N mm), out-of-balance force at interior nodes (N), tension slopes (N)."""
    tension, slope, energy_density = grid.law.evaluate(element_strain(grid, u))
    gap = u[1:-1] - bed[1:-1]
    spring = grid.interface_n_per_mm * gap
    energy = np.dot(grid.rest_length_mm, energy_density) + 0.5 * np.dot(spring, gap)
    return float(energy), (tension[:-1] - tension[1:]) + spring, slope


def out_of_balance_n(grid: Grid, u: np.ndarray, bed: np.ndarray) -> np.ndarray:
    """Out-of-balance force (N) at each interior node for nerve displacements ``u`` and bed displacements ``bed``
    (mm): zero in equilibrium."""
    return _state(grid, u, bed)[1]


def equilibrium_displacement(grid: Grid, bed: np.ndarray, start: np.ndarray | None = None,
                             tolerance_mm: float = 1e-8, max_iterations: int = 200) -> np.ndarray:
    """Nerve displacements (mm) in equilibrium with bed displacements ``bed`` (mm), ends anchored.

    Newton's method on the convex total energy; a step is halved until the energy falls (Armijo).
    ``start`` (mm, with the ends already at the bed's) is a first guess, e.g. a nearby posture's solution.
    """
    u = _first_guess(grid, bed) if start is None else start.copy()
    energy, residual, slope = _state(grid, u, bed)
    for _ in range(max_iterations):
        step = np.zeros_like(u)
        step[1:-1] = _solve_tridiagonal(slope / grid.rest_length_mm, grid, -residual)
        descent, alpha = float(np.dot(residual, step[1:-1])), 1.0
        while True:
            trial = u + alpha * step
            trial_energy, trial_residual, trial_slope = _state(grid, trial, bed)
            if trial_energy <= energy + 1e-4 * alpha * descent or alpha < 1e-9:
                break
            alpha *= 0.5
        u, energy, residual, slope = trial, trial_energy, trial_residual, trial_slope
        if alpha * float(np.max(np.abs(step))) < tolerance_mm:
            return u
    raise ConvergenceError(f"Newton did not converge in {max_iterations} iterations")


def site_element(grid: Grid, site: str) -> int:
    """Index of the element that holds ``site``."""
    position = anatomy.SITE_POSITIONS_MM[anatomy.check_site(site)]
    return int(min(position // grid.spacing_mm, grid.rest_length_mm.size - 1))


class Solution:
    """Equilibrium of the tract in one posture. Site values are read at the site's element."""

    def __init__(self, model: Model, posture: Posture, displacement_mm: np.ndarray, bed_mm: np.ndarray) -> None:
        self.model = model
        self.posture = posture
        grid = model.grid
        self._u = displacement_mm
        self._strain = element_strain(grid, displacement_mm)
        self._tension, _ = grid.law.tension(self._strain)
        self._excursion = bed_mm - displacement_mm  # relative to the tissue, toward the head +
        for array in (self._u, self._strain, self._tension, self._excursion):
            array.setflags(write=False)

    def __repr__(self) -> str:
        return f"Solution({self.posture!r}, {self.model!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Solution) and self.model == other.model and self.posture == other.posture
                and np.array_equal(self._u, other._u))

    __hash__ = None  # mutable-looking arrays inside: not hashable

    def _element(self, site: str) -> int:
        return site_element(self.model.grid, site)

    def strain(self, site: str) -> float:
        """Strain at ``site``, percent of the slack-free length (negative = slack, wavy)."""
        return 100.0 * float(self._strain[self._element(site)])

    def stretch(self, site: str) -> float:
        """Lengthening at ``site`` beyond its resting (standing) length, %: what blood-flow thresholds use."""
        element = self._element(site)
        return float(stretch_pct(self._strain[element], self.model.grid.in_situ_strain[element]))

    def tension(self, site: str) -> float:
        """Tension at ``site``, N."""
        return float(self._tension[self._element(site)])

    def excursion(self, site: str) -> float:
        """Sliding of the nerve at ``site`` relative to its bed since neutral, mm (toward the head +)."""
        position = anatomy.SITE_POSITIONS_MM[anatomy.check_site(site)]
        return float(np.interp(position, self.model.grid.s_mm, self._excursion))

    def profile(self) -> Profile:
        """Arc length (mm), strain (%), excursion (mm) and tension (N) at element midpoints, head to foot."""
        s = self.model.grid.s_mm
        return Profile(0.5 * (s[1:] + s[:-1]), 100.0 * self._strain,
                       0.5 * (self._excursion[1:] + self._excursion[:-1]), self._tension.copy())


_DEFAULT_MODEL: Model | None = None


def default_model() -> Model:
    """The shared default :class:`Model` (no entrapment)."""
    global _DEFAULT_MODEL
    if _DEFAULT_MODEL is None:
        _DEFAULT_MODEL = Model()
    return _DEFAULT_MODEL


def solve(posture: Posture) -> Solution:
    """Static equilibrium of the whole tract in ``posture`` with the default model."""
    return default_model().solve(posture)
