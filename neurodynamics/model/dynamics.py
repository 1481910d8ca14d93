"""An exercise program through time: quasi-static geometry, viscoelastic tension, blood flow and dose.

The geometry at each instant is the static equilibrium (mechanics). A program's path is one-dimensional between
keyframes and its cycles repeat, so each distinct movement is solved once at a few dozen points along it and the
samples are interpolated (monotone cubic) from those; tension then relaxes in time (viscoelasticity) and blood flow
follows the relaxed tension (physiology). Times in s, strain in % beyond the in-situ length, excursion in mm,
tension in N.

The whole program is one movement from its first keyframe: the bed's grip on the peripheral nerve
(``Model.friction_at``, ``FRICTION_GRIP``) is set by the tension there and held for the program, as
``Model.movement(first keyframe, posture)`` gives at every instant. A program that starts in standing, or in a
posture no tauter than standing, runs frictionless; one that starts pre-tensioned (seated, hip flexed) slides less
far from the moving joint. The grip is not reset at later keyframes (a simplification: the nerve's memory of where
it started is that of the first keyframe).
"""
from __future__ import annotations

import functools

import numpy as np
from scipy.interpolate import PchipInterpolator

from . import anatomy
from . import parameters as P
from . import dose, physiology, viscoelasticity
from .exercises import Program
from .hamstring import stretch_pct as hamstring_stretch_pct
from .mechanics import (Friction, Model, default_model, element_strain, equilibrium_displacement,
                        readout_elements, site_element)
from .posture import JOINTS, Posture, check_number
from .strain import slack_strain, strain_pct

#: Points along each distinct movement at which the static model is solved first; more are added (halving
#: intervals, up to MAX_REFINEMENTS times) where interpolation misses the model by more than the tolerances.
PATH_POINTS = 9
MAX_REFINEMENTS = 8
STRAIN_TOLERANCE_PCT = 0.005
EXCURSION_TOLERANCE_MM = 0.01
#: Memory a simulation may take at its peak (MB): a student's kernel on Binder has 1-2 GB in all.
MEMORY_LIMIT_MB = 500.0
#: Peak memory per time sample (bytes) of simulate() and summary(): every site's strain, excursion, tension and the
#: strain blood flow follows, and the relaxation filters' work arrays (measured with tracemalloc: 536 bytes a sample
#: for a long hold; tests/model/test_dynamics.py measures it again).
PEAK_BYTES_PER_SAMPLE = 560.0
DT_RANGE_S = (1e-3, 10.0)


class _SiteTables:
    """Site quantities along straight paths in angle space, solved once per path and cached per model."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.elements = np.array([site_element(model.grid, site) for site in anatomy.SITES])
        self.readouts = [readout_elements(model.grid, site) for site in anatomy.SITES]
        self.site_s = np.array([anatomy.SITE_POSITIONS_MM[site] for site in anatomy.SITES])
        self._cache: dict[tuple[Posture, Posture, Posture], tuple[PchipInterpolator, ...]] = {}

    def along(self, a: Posture, b: Posture, first: Posture) -> tuple[PchipInterpolator, ...]:
        """Interpolators over progress 0 (a) -> 1 (b) for strain, excursion, elastic tension at every site, in a
        program that starts in ``first`` (the bed's grip is set there, ``Model.friction_at``)."""
        if (first, a, b) not in self._cache:
            self._cache[(first, a, b)] = self._solve_path(a, b, self.model.friction_at(first))
        return self._cache[(first, a, b)]

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
        first = program.keyframes[0][1]
        for (a, b), members in paths.items():
            forward = [index for index, backwards in members if not backwards]
            backward = [index for index, backwards in members if backwards]
            whole = len(paths) == 1  # one movement and its way back (an oscillation): every sample is on it
            on_path = None if whole else np.isin(segment, forward + backward)
            on_segment, along = (segment, progress) if whole else (segment[on_path], progress[on_path])
            along = np.where(np.isin(on_segment, backward), 1.0 - along, along)
            # cycles revisit the same points of the path: evaluate each distinct point once
            distinct, back = np.unique(np.round(along, 12), return_inverse=True)
            for array, table in zip(out, self.along(a, b, first)):
                if whole:
                    np.take(table(distinct), back, axis=1, out=array, mode="clip")  # back is in range
                else:
                    array[:, on_path] = table(distinct)[:, back]
        return out

    def _solve_path(self, a: Posture, b: Posture, friction: Friction | None) -> tuple[PchipInterpolator, ...]:
        """Solve along the straight path a -> b (with the bed's grip ``friction``, if any); halve every interval
        once, and again where interpolation missed."""
        start, end = np.array([getattr(a, j) for j in JOINTS]), np.array([getattr(b, j) for j in JOINTS])
        points = {float(x): None for x in np.linspace(0.0, 1.0, PATH_POINTS)}
        previous = None
        for x in sorted(points):
            points[x] = previous = self._site_values(start + x * (end - start), previous, friction)
        pending = list(zip(sorted(points), sorted(points)[1:]))
        for _ in range(MAX_REFINEMENTS):
            xs = sorted(points)
            curves = _interpolators(xs, [points[x] for x in xs])
            still_missed = []
            for left, right in pending:
                middle = 0.5 * (left + right)
                exact = points[middle] = self._site_values(start + middle * (end - start), points[left], friction)
                if (np.max(np.abs(curves[0](middle) - exact[0])) > STRAIN_TOLERANCE_PCT
                        or np.max(np.abs(curves[1](middle) - exact[1])) > EXCURSION_TOLERANCE_MM):
                    still_missed += [(left, middle), (middle, right)]
            if not still_missed:
                break
            pending = still_missed
        xs = sorted(points)
        return _interpolators(xs, [points[x] for x in xs])

    def _site_values(self, angles: np.ndarray, near: tuple | None, friction: Friction | None = None) -> tuple:
        """Strain (%), excursion (mm), elastic tension (N) at the sites, and the displacement field."""
        grid = self.model.grid
        posture = Posture(**dict(zip(JOINTS, angles)))
        bed = grid.bed_mm(posture, self.model.parameters)
        # start from a nearby posture's solution if there is one
        u = equilibrium_displacement(grid, bed, self.model.first_guess(posture) if near is None else near[3],
                                     friction=friction)
        slack = element_strain(grid, u)
        tension, _ = grid.law.tension(slack)
        strain = strain_pct(slack, grid.in_situ_strain, grid.slack_point_pct)
        peaks = np.array([index[np.argmax(strain[index])] for index in self.readouts])
        return strain[peaks], np.interp(self.site_s, grid.s_mm, bed - u), tension[peaks], u


def _relaxed_strain(model: Model, tension_n: np.ndarray) -> np.ndarray:
    """The strain (%) that each site's viscoelastic tension (N, sites x samples) stands for on its elastic law:
    what blood flow follows. Below the tension at which flow starts to fall on the low curve it is left at 0 (full
    flow on every curve), so the law is inverted only for samples above it, one site at a time (little memory)."""
    onset = physiology.full_flow_strain_pct("low")
    relaxed = np.zeros_like(tension_n)
    for row, element in enumerate(_tables(model).elements):
        law, in_situ = model.grid.law.elements([element]), model.grid.in_situ_strain[element]
        onset_tension, _ = law.tension(slack_strain(onset, in_situ))
        reduced = np.flatnonzero(tension_n[row] > onset_tension[0])
        relaxed[row, reduced] = strain_pct(law.strain_for_tension(tension_n[row, reduced]), in_situ)
    return relaxed


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
    needed_mb = memory_needed_mb(program.duration_s, dt)
    if needed_mb > MEMORY_LIMIT_MB:
        samples = MEMORY_LIMIT_MB * 1e6 / PEAK_BYTES_PER_SAMPLE
        raise ValueError(f"a {program.duration_s:g} s program at dt = {dt:g} s needs about {needed_mb:.0f} MB of memory, "
                         f"more than the {MEMORY_LIMIT_MB:g} MB allowed; what fits: dt of at least "
                         f"{program.duration_s / (samples - 1):.3g} s for this program, or at most "
                         f"{(samples - 1) * dt:.0f} s of program at dt = {dt:g} s")
    return dt


def memory_needed_mb(duration_s: float, dt: float) -> float:
    """Estimated peak memory (MB) of simulating ``duration_s`` seconds sampled every ``dt`` seconds.

    Parameters
    ----------
    duration_s : float
        Length of the program, s.
    dt : float
        Sampling interval, s.

    Returns
    -------
    float
        Peak memory, MB (``PEAK_BYTES_PER_SAMPLE`` per sample); :func:`simulate` refuses more than
        ``MEMORY_LIMIT_MB``.

    Examples
    --------
    >>> memory_needed_mb(600, 0.01) < MEMORY_LIMIT_MB            # a 10-minute program at 100 Hz fits
    True
    >>> memory_needed_mb(4 * 3600, 0.001) < MEMORY_LIMIT_MB      # four hours at 1 kHz does not
    False
    """
    return (duration_s / dt + 1.0) * PEAK_BYTES_PER_SAMPLE / 1e6


def simulate(program: Program, dt: float = 0.01, model: Model | None = None) -> "TimeSeries":
    """Run ``program`` through time with samples every ``dt`` seconds.

    The whole program is one movement from its first keyframe (the bed's grip is set there, as
    ``Model.movement``); tension relaxes in time and blood flow follows the relaxed tension.

    Parameters
    ----------
    program : Program
        What the patient does (``nd.exercises``).
    dt : float, optional
        Sampling interval, s (0.001 to 10): at most half the shortest movement.
    model : Model, optional
        The tract model (default: the shared default model).

    Returns
    -------
    TimeSeries
        Strain, excursion, tension and blood flow at every site through time, and the dose summary.

    Raises
    ------
    TypeError
        If ``program`` is not a :class:`~neurodynamics.exercises.Program`.
    ValueError
        If ``dt`` is out of range, too coarse for the program's shortest movement, or the run would need more
        than ``MEMORY_LIMIT_MB`` of memory (the message says what would fit).

    Examples
    --------
    >>> import neurodynamics as nd
    >>> ts = nd.simulate(nd.exercises.seated_floss(reps=2), dt=0.05)
    >>> float(ts.t[-1]), ts.strain("thigh").shape == ts.t.shape
    (8.0, True)
    >>> nd.simulate(nd.exercises.seated_floss(reps=2), dt=5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: dt = 5 s is too coarse for this program: its shortest movement lasts 2 s, which needs dt of at most 1 s...
    """
    if not isinstance(program, Program):
        raise TypeError(f"program must be a neurodynamics.exercises.Program, got {program!r}")
    model = model or default_model()
    dt = _check_dt(program, dt)
    t = np.arange(int(round(program.duration_s / dt)) + 1) * dt
    segment, progress = program.segment_progress(t)
    strain, excursion, elastic = _tables(model).sample(program, segment, progress)
    return TimeSeries(program, model, t, strain, excursion, elastic, (segment, progress))


def _read_only(array: np.ndarray) -> np.ndarray:
    """``array``, no longer writable (a time series hands out views of its arrays)."""
    array.setflags(write=False)
    return array


class TimeSeries:
    """Site values through a program: ``t`` (s) and per-site arrays of strain, tension, excursion, blood flow.

    Made by :func:`simulate`; every array is read-only.

    Parameters
    ----------
    program : Program
        The program run.
    model : Model
        The tract model.
    t : numpy.ndarray
        Sample times, s.
    strain_pct, excursion_mm, elastic_tension_n : numpy.ndarray
        Sites x samples: strain (%), excursion (mm) and elastic tension (N), sites in the order of ``nd.SITES``.
    segment_progress : tuple of numpy.ndarray
        Where each sample is in the program (``Program.segment_progress``).

    Attributes
    ----------
    t : numpy.ndarray
        Sample times, s.
    dt : float
        Sampling interval, s.

    Examples
    --------
    >>> import neurodynamics as nd
    >>> ts = nd.simulate(nd.exercises.hold(nd.Posture(hip_flexion=70), seconds=10), dt=0.05)
    >>> ts
    TimeSeries('hold', 10 s, dt=0.05 s)
    >>> len(ts.t), ts.t.flags.writeable
    (201, False)
    """

    def __init__(self, program: Program, model: Model, t: np.ndarray, strain_pct: np.ndarray,
                 excursion_mm: np.ndarray, elastic_tension_n: np.ndarray,
                 segment_progress: tuple[np.ndarray, np.ndarray]) -> None:
        self.program, self.model, self.t = program, model, t
        self.dt = float(t[1] - t[0])
        self._strain, self._excursion = strain_pct, excursion_mm
        self._tension = viscoelasticity.nerve_tension(elastic_tension_n, strain_pct / 100.0, self.dt)
        self._segment_progress = segment_progress  # where each sample is in the program (for the hamstrings)
        for array in (self.t, self._strain, self._excursion, self._tension):
            _read_only(array)

    @functools.cached_property
    def hamstring_stretch(self) -> np.ndarray:
        """Hamstring muscle-tendon length through time, % change from standing (read-only; worked out when first
        asked for).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> raise_70 = nd.Posture(hip_flexion=70)
        >>> ts = nd.simulate(nd.exercises.hold(raise_70, seconds=10), dt=0.05)
        >>> bool(ts.hamstring_stretch[-1] == nd.hamstring_stretch(raise_70))
        True
        """
        hip_knee = self.program.angles_along(*self._segment_progress, ("hip_flexion", "knee_flexion"))
        return _read_only(hamstring_stretch_pct(hip_knee[:, 0], hip_knee[:, 1]))

    @functools.cached_property
    def hamstring_resistance(self) -> np.ndarray:
        """Relaxed passive hamstring resistance through time, fraction of its elastic value at a 90-deg straight-leg
        raise (read-only; worked out when first asked for).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> stretch = nd.simulate(nd.exercises.sustained_stretch(seconds=30), dt=0.05)
        >>> at_the_top = round(2.0 / stretch.dt)          # the end of the 2 s ramp into the stretch
        >>> bool(stretch.hamstring_resistance[-1] < stretch.hamstring_resistance[at_the_top])   # the muscle relaxes
        True
        """
        elastic = np.maximum(self.hamstring_stretch / hamstring_stretch_pct(90.0, 0.0), 0.0) ** (
            P.HAMSTRING_RESISTANCE_EXPONENT.value)
        return _read_only(viscoelasticity.hamstring_resistance(elastic, self.dt))

    def __repr__(self) -> str:
        return f"TimeSeries({self.program.name!r}, {self.program.duration_s:g} s, dt={self.dt:g} s)"

    def _row(self, site: str) -> int:
        return anatomy.SITES.index(anatomy.check_site(site))

    def strain(self, site: str) -> np.ndarray:
        """Strain at ``site`` through time, % beyond the in-situ length (as ``Solution.strain``).

        Parameters
        ----------
        site : str
            The site whose strain through time is wanted, one of ``nd.SITES``.

        Returns
        -------
        numpy.ndarray
            Strain at every sample, % (read-only).

        Raises
        ------
        ValueError
            If ``site`` is not one of ``nd.SITES``: strain is kept at those eight sites.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> held = nd.Posture(hip_flexion=70)
        >>> ts = nd.simulate(nd.exercises.hold(held, seconds=10), dt=0.05)
        >>> bool(abs(ts.strain("hip")[-1] - nd.solve(held).strain("hip")) < 0.01)     # held: the static strain
        True
        """
        return self._strain[self._row(site)]

    def excursion(self, site: str) -> np.ndarray:
        """Sliding at ``site`` relative to its bed since standing, mm (toward the head +).

        Parameters
        ----------
        site : str
            The site whose sliding through time is wanted, one of ``nd.SITES``.

        Returns
        -------
        numpy.ndarray
            Excursion at every sample, mm (read-only).

        Raises
        ------
        ValueError
            If ``site`` is not one of ``nd.SITES``: sliding is kept at the eight sites only.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> thigh = nd.simulate(nd.exercises.supine_floss(reps=1), dt=0.05).excursion("thigh")
        >>> bool(thigh.min() < thigh[0]), bool(np.isclose(thigh[-1], thigh[0]))   # down toward the knee and back
        (True, True)
        """
        return self._excursion[self._row(site)]

    def tension(self, site: str) -> np.ndarray:
        """Viscoelastic tension at ``site``, N: it relaxes while a stretch is held.

        Parameters
        ----------
        site : str
            The site whose tension through time is wanted, one of ``nd.SITES``.

        Returns
        -------
        numpy.ndarray
            Tension at every sample, N (read-only).

        Raises
        ------
        ValueError
            For a ``site`` outside ``nd.SITES`` (the message lists them).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> ts = nd.simulate(nd.exercises.hold(nd.Posture(hip_flexion=70), seconds=30), dt=0.05)
        >>> reached = round(2.0 / ts.dt)                    # the end of the 2 s ramp into the hold
        >>> bool(ts.tension("hip")[-1] < ts.tension("hip")[reached])
        True
        """
        return self._tension[self._row(site)]

    @functools.cached_property
    def angles_deg(self) -> np.ndarray:
        """Joint angles (deg) at every sample: shape (samples, 5) in the order of ``JOINTS`` (read-only).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> bent_knee = nd.Posture(hip_flexion=70, knee_flexion=10)
        >>> angles = nd.simulate(nd.exercises.hold(bent_knee, seconds=10), dt=0.05).angles_deg
        >>> angles.shape, angles[-1].tolist()
        ((201, 5), [70.0, 10.0, 0.0, 0.0, 0.0])
        """
        return _read_only(self.program.angles_at(self.t))

    @functools.cached_property
    def _relaxed_strain(self) -> np.ndarray:
        """The strain (%, sites x samples) that blood flow follows, worked out the first time flow is asked for."""
        return _read_only(_relaxed_strain(self.model, self._tension))

    def blood_flow(self, site: str, curve: str = "central") -> np.ndarray:
        """Intraneural blood flow at ``site``, fraction of resting flow (0-1).

        Parameters
        ----------
        site : str
            The site whose blood flow through time is wanted, one of ``nd.SITES``.
        curve : {"central", "low", "high"}, optional
            Which flow curve, where the onset of the fall is an estimate.

        Returns
        -------
        numpy.ndarray
            Blood flow at every sample, fraction of resting flow.

        Raises
        ------
        ValueError
            For an unknown site or curve.

        Examples
        --------
        >>> import neurodynamics as nd
        >>> ts = nd.simulate(nd.exercises.seated_floss(reps=1), dt=0.05)
        >>> low, high = ts.blood_flow("hip", "low"), ts.blood_flow("hip", "high")
        >>> bool(0.0 <= low.min() <= high.min() <= 1.0), bool((low <= high).all())
        (True, True)
        """
        return physiology.blood_flow_fraction(self._relaxed_strain[self._row(site)], curve)

    def summary(self) -> dict:
        """Dose figures: program facts, then per site (keys carry their units).

        Returns
        -------
        dict
            ``program`` (name), ``duration_s``, ``cycles``, ``peak_hamstring_stretch_pct`` and ``sites``: for each
            site a dict with the keys of ``dose.DOSE_KEYS`` (what each means, with its unit).

        Examples
        --------
        >>> import neurodynamics as nd
        >>> dose = nd.simulate(nd.exercises.hold(nd.Posture(hip_flexion=70), seconds=30), dt=0.05).summary()
        >>> sorted(dose)
        ['cycles', 'duration_s', 'peak_hamstring_stretch_pct', 'program', 'sites']
        >>> set(dose["sites"]["hip"]) == set(nd.dose.DOSE_KEYS)
        True
        >>> dose["sites"]["hip"]["hold_relaxation_pct"] > 0      # tension relaxed during the hold
        True
        """
        hold = dose.longest_hold(self.program)
        keyframes = np.rint(self.program.times_s / self.dt).astype(int)
        sites = {site: dose.site_dose(self.dt, self.strain(site), self.excursion(site), self.tension(site),
                                      {curve: self.blood_flow(site, curve) for curve in physiology.CURVES}, hold,
                                      keyframes)
                 for site in anatomy.SITES}
        return {"program": self.program.name, "duration_s": self.program.duration_s, "cycles": self.program.cycles,
                "peak_hamstring_stretch_pct": float(self.hamstring_stretch.max()), "sites": sites}
