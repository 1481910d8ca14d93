"""An exercise program through time: quasi-static geometry, viscoelastic tension, blood flow and dose.

The geometry at each instant is the static equilibrium (mechanics). A program's path is one-dimensional between
keyframes and its cycles repeat, so each distinct movement is solved once at a few dozen points along it and the
samples are interpolated (monotone cubic) from those; tension then relaxes in time (viscoelasticity) and blood flow
follows the relaxed tension (physiology). Times in s, strain in %, excursion in mm, tension in N.
"""
from __future__ import annotations

import numpy as np
from scipy.interpolate import PchipInterpolator

from . import anatomy
from . import parameters as P
from . import physiology, viscoelasticity
from .exercises import Program
from .hamstring import stretch_pct as hamstring_stretch_pct
from .mechanics import Model, default_model, element_strain, equilibrium_displacement, site_element
from .tension_law import TensionLaw
from .posture import JOINTS, Posture, check_number

#: Points along each distinct movement at which the static model is solved first; more are added (halving
#: intervals, up to MAX_REFINEMENTS times) where interpolation misses the model by more than the tolerances.
PATH_POINTS = 9
MAX_REFINEMENTS = 8
STRAIN_TOLERANCE_PCT = 0.005
EXCURSION_TOLERANCE_MM = 0.01
MAX_SAMPLES = 5_000_000
DT_RANGE_S = (1e-3, 10.0)


class _SiteTables:
    """Site quantities along straight paths in angle space, solved once per path and cached per model."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.elements = np.array([site_element(model.grid, site) for site in anatomy.SITES])
        self.site_s = np.array([anatomy.SITE_POSITIONS_MM[site] for site in anatomy.SITES])
        self._cache: dict[tuple[Posture, Posture], tuple[PchipInterpolator, ...]] = {}

    def along(self, a: Posture, b: Posture) -> tuple[PchipInterpolator, ...]:
        """Interpolators over progress 0 (a) -> 1 (b) for strain, excursion, elastic tension at every site."""
        if (a, b) not in self._cache:
            self._cache[(a, b)] = self._solve_path(a, b)
        return self._cache[(a, b)]

    def sample(self, program: Program, segment: np.ndarray, progress: np.ndarray) -> list[np.ndarray]:
        """Strain, excursion and elastic tension (sites x samples) for samples on the program's segments.

        A movement and its way back lie on one path, so all samples of a path are evaluated in one call.
        """
        paths: dict[tuple[Posture, Posture], list[tuple[int, bool]]] = {}
        for index in range(len(program.keyframes) - 1):
            a, b = program.keyframes[index][1], program.keyframes[index + 1][1]
            key, backwards = ((b, a), True) if (b, a) in paths else ((a, b), False)
            paths.setdefault(key, []).append((index, backwards))
        out = [np.empty((len(anatomy.SITES), segment.size)) for _ in range(3)]
        for (a, b), members in paths.items():
            forward = [index for index, backwards in members if not backwards]
            backward = [index for index, backwards in members if backwards]
            on_path = np.isin(segment, forward + backward)
            along = np.where(np.isin(segment[on_path], backward), 1.0 - progress[on_path], progress[on_path])
            # cycles revisit the same points of the path: evaluate each distinct point once
            distinct, back = np.unique(np.round(along, 12), return_inverse=True)
            for array, table in zip(out, self.along(a, b)):
                array[:, on_path] = table(distinct)[:, back]
        return out

    def _solve_path(self, a: Posture, b: Posture) -> tuple[PchipInterpolator, ...]:
        """Solve along the straight path a -> b; halve every interval once, and again where interpolation missed."""
        start, end = np.array([getattr(a, j) for j in JOINTS]), np.array([getattr(b, j) for j in JOINTS])
        points = {float(x): None for x in np.linspace(0.0, 1.0, PATH_POINTS)}
        previous = None
        for x in sorted(points):
            points[x] = previous = self._site_values(start + x * (end - start), previous)
        pending = list(zip(sorted(points), sorted(points)[1:]))
        for _ in range(MAX_REFINEMENTS):
            xs = sorted(points)
            curves = _interpolators(xs, [points[x] for x in xs])
            still_missed = []
            for left, right in pending:
                middle = 0.5 * (left + right)
                exact = points[middle] = self._site_values(start + middle * (end - start), points[left])
                if (np.max(np.abs(curves[0](middle) - exact[0])) > STRAIN_TOLERANCE_PCT
                        or np.max(np.abs(curves[1](middle) - exact[1])) > EXCURSION_TOLERANCE_MM):
                    still_missed += [(left, middle), (middle, right)]
            if not still_missed:
                break
            pending = still_missed
        xs = sorted(points)
        return _interpolators(xs, [points[x] for x in xs])

    def _site_values(self, angles: np.ndarray, near: tuple | None) -> tuple:
        """Strain (%), excursion (mm), elastic tension (N) at the sites, and the displacement field."""
        grid = self.model.grid
        bed = anatomy.bed_displacement_mm(Posture(**dict(zip(JOINTS, angles))), grid.s_mm, self.model.parameters)
        start = None
        if near is not None:  # a nearby posture's solution, its ends moved onto the new bed
            u = near[3]
            start = u + np.interp(grid.s_mm, grid.s_mm[[0, -1]], [bed[0] - u[0], bed[-1] - u[-1]])
        u = equilibrium_displacement(grid, bed, start=start)
        strain = element_strain(grid, u)
        tension, _ = grid.law.tension(strain)
        return (100.0 * strain[self.elements], np.interp(self.site_s, grid.s_mm, bed - u),
                tension[self.elements], u)


def _interpolators(xs: list[float], values: list[tuple]) -> tuple[PchipInterpolator, ...]:
    return tuple(PchipInterpolator(xs, np.array([v[k] for v in values]).T, axis=1) for k in range(3))


_TABLES: dict[Model, _SiteTables] = {}


def _tables(model: Model) -> _SiteTables:
    if model not in _TABLES:
        _TABLES[model] = _SiteTables(model)
    return _TABLES[model]


def _check_dt(program: Program, dt: float) -> float:
    dt = check_number("dt", dt, *DT_RANGE_S, "s")
    shortest = float(np.min(np.diff(program.times_s)))
    if shortest < 2.0 * dt:
        raise ValueError(f"dt = {dt:g} s is too coarse for this program: its shortest movement lasts {shortest:g} s, "
                         f"which needs dt of at most {shortest / 2:g} s (2 samples per movement)")
    if program.duration_s / dt + 1 > MAX_SAMPLES:
        raise ValueError(f"dt = {dt:g} s gives more than {MAX_SAMPLES} samples for a {program.duration_s:g} s "
                         f"program; use a larger dt")
    return dt


def simulate(program: Program, dt: float = 0.01, model: Model | None = None) -> "TimeSeries":
    """Run ``program`` through time with samples every ``dt`` seconds; returns a :class:`TimeSeries`."""
    if not isinstance(program, Program):
        raise TypeError(f"program must be a neurodynamics.exercises.Program, got {program!r}")
    model = model or default_model()
    dt = _check_dt(program, dt)
    t = np.arange(int(round(program.duration_s / dt)) + 1) * dt
    segment, progress = program.segment_progress(t)
    strain, excursion, elastic = _tables(model).sample(program, segment, progress)
    return TimeSeries(program, model, t, strain, excursion, elastic)


class TimeSeries:
    """Site values through a program: ``t`` (s) and per-site arrays of strain, tension, excursion, blood flow."""

    def __init__(self, program: Program, model: Model, t: np.ndarray, strain_pct: np.ndarray,
                 excursion_mm: np.ndarray, elastic_tension_n: np.ndarray) -> None:
        self.program, self.model, self.t = program, model, t
        self.dt = float(t[1] - t[0])
        self.angles_deg = program.angles_at(t)
        self._strain, self._excursion = strain_pct, excursion_mm
        self._tension = viscoelasticity.nerve_tension(elastic_tension_n, strain_pct / 100.0, self.dt)
        resting = model.grid.in_situ_strain[_tables(model).elements][:, None]
        self._stretch = physiology.stretch_beyond_rest_pct(strain_pct / 100.0, resting)
        effective = np.array([_strain_for_tension(model, site, self._tension[row])
                              for row, site in enumerate(anatomy.SITES)])
        self._flow = physiology.blood_flow_fraction(physiology.stretch_beyond_rest_pct(effective, resting))
        hip, knee = (self.angles_deg[:, JOINTS.index(j)] for j in ("hip_flexion", "knee_flexion"))
        self.hamstring_stretch = hamstring_stretch_pct(hip, knee)
        elastic_resistance = np.maximum(self.hamstring_stretch / hamstring_stretch_pct(90.0, 0.0), 0.0) ** (
            P.HAMSTRING_RESISTANCE_EXPONENT.value)
        self.hamstring_resistance = viscoelasticity.hamstring_resistance(elastic_resistance, self.dt)
        for array in (self.t, self.angles_deg, self._strain, self._excursion, self._tension, self._stretch,
                      self._flow, self.hamstring_stretch, self.hamstring_resistance):
            array.setflags(write=False)

    def __repr__(self) -> str:
        return f"TimeSeries({self.program.name!r}, {self.program.duration_s:g} s, dt={self.dt:g} s)"

    def _row(self, site: str) -> int:
        return anatomy.SITES.index(anatomy.check_site(site))

    def strain(self, site: str) -> np.ndarray:
        """Strain at ``site`` through time, % of the slack length."""
        return self._strain[self._row(site)]

    def stretch(self, site: str) -> np.ndarray:
        """Lengthening at ``site`` beyond its resting (standing) length, %: what blood-flow thresholds use."""
        return self._stretch[self._row(site)]

    def excursion(self, site: str) -> np.ndarray:
        """Sliding at ``site`` relative to its bed since standing, mm (toward the head +)."""
        return self._excursion[self._row(site)]

    def tension(self, site: str) -> np.ndarray:
        """Viscoelastic tension at ``site``, N."""
        return self._tension[self._row(site)]

    def blood_flow(self, site: str) -> np.ndarray:
        """Intraneural blood flow at ``site``, fraction of resting flow (0-1)."""
        return self._flow[self._row(site)]

    def summary(self) -> dict:
        """Dose figures: program facts, then per site (keys carry their units). See DOSE_KEYS."""
        hold = _longest_hold(self.program)
        sites = {}
        for site in anatomy.SITES:
            tension, stretch = self.tension(site), self.stretch(site)
            relaxation = None
            if hold is not None:
                first, last = (int(round(time_s / self.dt)) for time_s in hold)
                relaxation = float(100.0 * (1.0 - tension[last] / tension[first])) if tension[first] > 0 else 0.0
            sites[site] = {
                "peak_strain_pct": float(self.strain(site).max()),
                "peak_stretch_pct": float(stretch.max()),
                "time_above_8pct_s": float(self.dt * np.count_nonzero(stretch > physiology.HALF_FLOW_STRETCH_PCT)),
                "time_above_15pct_s": float(self.dt * np.count_nonzero(stretch > physiology.NO_FLOW_STRETCH_PCT)),
                "sliding_distance_mm": float(np.abs(np.diff(self.excursion(site))).sum()),
                "peak_tension_n": float(tension.max()),
                "hold_relaxation_pct": relaxation,
                "min_blood_flow": float(self.blood_flow(site).min()),
                "mean_blood_flow": float(self.blood_flow(site).mean()),
            }
        return {"program": self.program.name, "duration_s": self.program.duration_s, "cycles": self.program.cycles,
                "peak_hamstring_stretch_pct": float(self.hamstring_stretch.max()), "sites": sites}


#: What each per-site key of :meth:`TimeSeries.summary` means.
DOSE_KEYS = {
    "peak_strain_pct": "highest strain, % of the slack length",
    "peak_stretch_pct": "highest lengthening beyond the resting (standing) length, %",
    "time_above_8pct_s": "seconds stretched more than 8 % beyond resting length (blood flow about halves, R11)",
    "time_above_15pct_s": "seconds stretched more than 15 % beyond resting length (blood flow nearly stops, R12-R13)",
    "sliding_distance_mm": "total distance the nerve slid past its bed, both directions added, mm",
    "peak_tension_n": "highest tension, N",
    "hold_relaxation_pct": "tension lost over the longest hold, % of its value when the hold began (None: no hold)",
    "min_blood_flow": "lowest blood flow, fraction of resting flow",
    "mean_blood_flow": "average blood flow, fraction of resting flow",
}


def _longest_hold(program: Program) -> tuple[float, float] | None:
    """Start and end (s) of the longest stretch of time with the posture unchanged, if any."""
    holds = [(t0, t1) for (t0, a), (t1, b) in zip(program.keyframes, program.keyframes[1:]) if a == b]
    return max(holds, key=lambda span: span[1] - span[0]) if holds else None


def _strain_for_tension(model: Model, site: str, tension_n: np.ndarray) -> np.ndarray:
    """Strain (fraction) at which the elastic law at ``site`` gives ``tension_n``: via a fine lookup table."""
    element = site_element(model.grid, site)
    law = TensionLaw(np.full(_LOOKUP_STRAINS.size, model.grid.law.axial_stiffness_n[element]),
                     np.full(_LOOKUP_STRAINS.size, model.grid.law.toe_end_strain[element]), model.grid.law.shape)
    return np.interp(tension_n, law.tension(_LOOKUP_STRAINS)[0], _LOOKUP_STRAINS)


_LOOKUP_STRAINS = np.linspace(0.0, 0.5, 5001)
