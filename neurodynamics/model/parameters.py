"""Every number the model uses, in one place, each with its unit, its source and what kind of evidence it is.

Sources name a paper, a row of the calibration file (``R01``...) or of the literature scan
(``R0xx``/``T...``), or say "estimate" / "calibrated to ..." when no direct measurement exists. Each parameter
also carries its kind (literature, calibrated, estimate...), the calibration rows it was set from and its topic,
so the evidence lesson's tables are generated from these records and never typed twice.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers

#: Kinds of evidence behind a value.
LITERATURE = "literature"
CALIBRATED = "calibrated"
ESTIMATE = "estimate"
LITERATURE_AND_ESTIMATE = "literature + estimate"
MODEL_CHOICE = "model choice"
KINDS = (LITERATURE, CALIBRATED, ESTIMATE, LITERATURE_AND_ESTIMATE, MODEL_CHOICE)


@dataclasses.dataclass(frozen=True)
class Parameter:
    """A model constant with its unit, where it comes from, the kind of evidence, the calibration rows it was
    set from (``("R02", ...)``), its topic (a heading of the parameter table) and, for the parameters that
    matter most, its plausible range (its source's range, or the fit's 95 % confidence).

    Parameters
    ----------
    value : float or tuple
        The value, in ``unit``.
    unit : str
        Its unit (``"mm"``, ``"N"``, ``"fraction"``...).
    source : str
        A paper, a data row, or "estimate" / "calibrated to ...".
    kind : str
        One of :data:`KINDS`.
    rows : tuple of str, optional
        The calibration rows it was set from.
    topic : str, optional
        A heading of the evidence lesson's parameter table.
    plausible : tuple of float, optional
        Low and high plausible values, for the uncertainty band.
    tunable : bool, optional
        Whether a Model may be given another value (read it with :func:`lookup`).

    Raises
    ------
    ValueError
        For an unknown kind, or a value outside its plausible range.

    Examples
    --------
    >>> HIP_BED_RADIUS.unit, HIP_BED_RADIUS.kind, HIP_BED_RADIUS.tunable
    ('mm', 'literature', True)
    >>> Parameter(5.0, "mm", "estimate", "guess")
    Traceback (most recent call last):
    ...
    ValueError: kind must be one of literature, calibrated, estimate, literature + estimate, model choice; got 'guess'
    """

    value: float | tuple
    unit: str
    source: str
    kind: str
    rows: tuple[str, ...] = ()
    topic: str = ""
    plausible: tuple[float, float] | None = None  # low and high plausible values, for the uncertainty band
    tunable: bool = False  # a Model may be given another value (``Model(parameters=...)``); read it with ``lookup``

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}; got {self.kind!r}")
        if self.plausible is not None and not self.plausible[0] <= self.value <= self.plausible[1]:
            raise ValueError(f"value {self.value!r} lies outside its plausible range {self.plausible!r}")

    def __float__(self) -> float:
        return float(self.value)


def _section(topic: str) -> functools.partial:
    """A maker of the parameters under one topic."""
    return functools.partial(Parameter, topic=topic)


_geometry = _section("Tract geometry")
_sites = _section("Sites along the tract")
_bed = _section("Nerve bed")
_mechanics = _section("Nerve mechanics per region")
_hamstrings = _section("Hamstrings")
_viscoelasticity = _section("Viscoelasticity of nerve tension")
_blood_flow = _section("Intraneural blood flow versus strain beyond the in-situ length")

#: Calibration rows of the one least-squares fit (tools/fit_parameters.py), besides the in-vivo studies.
FIT_ROWS = ("R02", "R03", "R04", "R05", "R06", "R15", "R16", "R17", "R18")


# --- Tract geometry: region lengths from the foramen magnum to the forefoot (adult) -----------------
CERVICAL_CORD_LENGTH = _geometry(100.0, "mm", "estimate (a typical adult length along the nerve)", ESTIMATE)
THORACIC_CORD_LENGTH = _geometry(330.0, "mm", "estimate (a typical adult length along the nerve)", ESTIMATE)
ROOTS_LENGTH = _geometry(170.0, "mm", "estimate (a typical adult length along the nerve)", ESTIMATE)
PLEXUS_LENGTH = _geometry(100.0, "mm", "estimate (a typical adult length along the nerve)", ESTIMATE)
THIGH_LENGTH = _geometry(420.0, "mm", "estimate (a typical adult length along the nerve)", ESTIMATE)
LEG_LENGTH = _geometry(400.0, "mm", "estimate (a typical adult length along the nerve)", ESTIMATE)
FOOT_LENGTH = _geometry(150.0, "mm", "estimate (a typical adult length along the nerve)", ESTIMATE)

# --- Sites along the tract: where each named site sits relative to the region ends (arc length, mm) ---------
CONUS_ABOVE_ROOTS = _sites(
    5.0,
    "mm",
    "estimate (the conus medullaris ends the cord at about L1, just above the roots of the cauda equina)",
    ESTIMATE,
)
ROOT_SITE_ABOVE_PLEXUS = _sites(
    40.0, "mm", "estimate (the L5/S1 roots in the lateral recess, above the foramen)", ESTIMATE
)
HIP_SITE_BELOW_NOTCH = _sites(
    30.0, "mm", "estimate (the sciatic nerve behind the hip joint, below the sciatic notch)", ESTIMATE
)
KNEE_SITE_ABOVE_JOINT = _sites(10.0, "mm", "estimate (popliteal fossa, just above the knee joint line)", ESTIMATE)
ANKLE_SITE_ABOVE_FOOT = _sites(10.0, "mm", "estimate (tarsal tunnel, behind the medial malleolus)", ESTIMATE)
TRUNK_ZONE_ABOVE_CONUS = _sites(
    100.0,
    "mm",
    "estimate (the thoracolumbar canal that trunk flexion lengthens starts about 100 mm above the conus)",
    ESTIMATE,
)

# --- Nerve bed: effective radius of the bed around each joint (bed lengthening = r x angle) --------
_FIT = (
    "calibrated: the one least-squares fit of every free parameter together to every measurement the model computes "
    "(cadaver and in-vivo studies: Alshami et al. 2008, Coppieters et al. 2006 and 2015, Rade et al. 2014 and 2015, "
    "Yuan et al. 1997, Boyd et al. 2012 and 2013, Bueno-Gracia et al. 2019, Gilbert et al. 2007, Ridehalgh et al. "
    "2014, Ellis et al. 2008 and 2012, Shum et al. 2013, and two limits from the literature scan), each miss in units "
    "of its study's spread, validated by leaving each study out (tools/fit_parameters.py, "
    "tools/leave_one_study_out.py). Plausible range: its source's range, which bounds the fit"
)
HIP_BED_RADIUS = _bed(
    41.0,
    "mm",
    "Robinson & Probyn 2019 Can J Neurol Sci (median femoral head to sciatic nerve distance), R01",
    LITERATURE,
    rows=("R01",),
    tunable=True,
)
KNEE_BED_RADIUS = _bed(
    40.0,
    "mm",
    "Thum, Luk, Bazarek & Brown 2024, ASPN meeting abstract P13 (8 fresh cadavers): 7-9 mm of "
    "sciatic excursion per 10 deg of knee flexion, i.e. 40-52 mm per rad; lower end taken",
    LITERATURE,
    tunable=True,
)
ANKLE_BED_RADIUS = _bed(
    43.36,
    "mm",
    _FIT + " (R02: dorsiflexion strain of the tibial nerve, cadaver). The fit's bound was widened from 30 to 45 mm "
    "when the value sat on it: the bed that dorsiflexion lengthens is not only the tibial nerve behind the medial "
    "malleolus but also the plantar nerves under the heel and arch, which dorsiflexion with toe extension strains "
    "(Alshami et al. 2007, Foot Ankle Int 28:499, literature scan T1-05)",
    CALIBRATED,
    rows=FIT_ROWS, plausible=(20, 45), tunable=True)
NECK_BED_RADIUS = _bed(
    44.87, "mm", _FIT + " (R06: cervical cord strain in neck flexion)",
    CALIBRATED, rows=FIT_ROWS, plausible=(15, 45), tunable=True)
TRUNK_BED_RADIUS = _bed(
    10,
    "mm",
    _FIT + " (mostly the conus almost still in trunk flexion, Fettes et al. 2006, literature scan T3-07); range: "
    "about 16-47 mm of lumbar canal lengthening at 90 deg of trunk flexion (estimate)",
    CALIBRATED, rows=FIT_ROWS, plausible=(10, 30), tunable=True)

# Width of the stretch of bed that lengthens when each joint moves (centred on the joint).
HIP_ZONE_WIDTH = _bed(100.0, "mm", "estimate (arc of the nerve behind the femoral head)", ESTIMATE)
KNEE_ZONE_WIDTH = _bed(
    200.0,
    "mm",
    "estimate (the nerve curves behind the knee from the distal thigh to the calf: "
    "popliteal fossa and the heads of gastrocnemius)",
    ESTIMATE,
)
ANKLE_ZONE_WIDTH = _bed(80.0, "mm", "estimate (tarsal tunnel and flexor retinaculum)", ESTIMATE)

# --- Nerve mechanics per region -------------------------------------------------------------------
# Tension-strain law: slack below 0 %, exponential toe up to the toe end strain, then linear with the
# linear-region stiffness EA (N per unit strain). TOE_SHAPE sets how sharply the toe stiffens.
TOE_SHAPE = _mechanics(
    1.68, "dimensionless", _FIT + " (toe end strain / exponential scale)",
    CALIBRATED, rows=FIT_ROWS, plausible=(1, 6), tunable=True)

# Axial stiffness in the linear region, EA = modulus x cross-sectional area.
#: The peripheral nerve's modulus (MPa = N/mm^2) in the linear region.
_NERVE_MODULUS_MPA = 10.0
_NERVE_MODULUS = (
    f"{_NERVE_MODULUS_MPA:g} MPa, between human nerve fascicles (6.3 MPa) and epineurium (32 MPa), "
    "cadaver brachial plexus, literature_mechanics R020/R021"
)
def _nerve_axial_stiffness(area_mm2: float, where: str, kind: str = LITERATURE) -> Parameter:
    """A peripheral nerve's EA (N): the nerve's modulus times its cross-section ``area_mm2`` (measured ``where``)."""
    return _mechanics(_NERVE_MODULUS_MPA * area_mm2, "N", f"{_NERVE_MODULUS} x {area_mm2:g} mm^2 ({where})", kind,
                      tunable=True)


CORD_AXIAL_STIFFNESS = _mechanics(
    100.0,
    "N",
    "estimate (cord 74-78 mm^2 at C5, Kato et al. 2012 Eur Spine J; stiffness mostly from the pia)",
    ESTIMATE,
    tunable=True,
)
ROOTS_AXIAL_STIFFNESS = _mechanics(
    168.0,
    "N",
    "2 MPa (Singh et al. 2006 J Biomech, 1.3-2.9 MPa) x 84 mm^2 (four L4-S1 roots of 5.1-5.4 mm "
    "diameter, MR neurography, Clin Anat 2018;31:782)",
    LITERATURE,
    tunable=True,
)
PLEXUS_AXIAL_STIFFNESS = _nerve_axial_stiffness(52.7, "sciatic at the gluteal fold, Chen et al. 2018 J Med Ultrasound")
SCIATIC_AXIAL_STIFFNESS = _nerve_axial_stiffness(48.5, "mean of gluteal fold and mid-thigh, Chen et al. 2018")
TIBIAL_AXIAL_STIFFNESS = _nerve_axial_stiffness(
    16.3, "mean of 21.7 popliteal and 10.9 ankle, Senarai et al. 2023 J Clin Med meta-analysis")
PLANTAR_AXIAL_STIFFNESS = _nerve_axial_stiffness(10.0, "estimate: no measurement found", LITERATURE_AND_ESTIMATE)

CORD_TOE_END_STRAIN = _mechanics(
    0.1491, "fraction", _FIT + " (R06)",
    CALIBRATED, rows=FIT_ROWS, plausible=(0.03, 0.16), tunable=True)
ROOTS_TOE_END_STRAIN = _mechanics(
    0.02546, "fraction",
    _FIT + " (the conus in the straight-leg raise, Rade et al. 2014 and 2015); bound below the failure of root fibre "
    "bundles near 15 % (Tamura 2016 ASME IMECE)",
    CALIBRATED, rows=FIT_ROWS, plausible=(0.02, 0.1), tunable=True)
NERVE_TOE_END_STRAIN = _mechanics(
    0.1668,
    "fraction",
    _FIT + "; bound below failure at 20 % (rat sciatic, slow stretch, Mahan et al. 2017, R027)",
    CALIBRATED,
    rows=FIT_ROWS, plausible=(0.06, 0.18), tunable=True)

# The sciatic nerve's strain in neutral sets the resting tension of the whole tract (mechanics.py).
NERVE_IN_SITU_STRAIN = _mechanics(
    0.06932,
    "fraction",
    _FIT + "; peripheral nerves retract when cut: rat sciatic 5-13 % (Georgeu et al., R031-R035)",
    CALIBRATED,
    rows=FIT_ROWS, plausible=(0.02, 0.07), tunable=True)

# In neutral the cord is just taut (held by the dentate ligaments, it neither pulls on the roots nor is pulled by
# them), the roots are wavy (they take up slack first, R16) and the peripheral nerve is under its resting tension,
# which the dural sleeve and foramen hold (the anchor below).
CORD_IN_SITU_STRAIN = _mechanics(
    0.0, "fraction", "model choice (cord just taut in neutral; its strain in neck flexion is set by R06)", MODEL_CHOICE
)
ROOTS_IN_SITU_STRAIN = _mechanics(
    -0.003227,
    "fraction",
    _FIT + " (negative: wavy when standing; roots move little early in the straight-leg raise, Gilbert et al. "
    "2007, R16)",
    CALIBRATED,
    rows=FIT_ROWS, plausible=(-0.03, -0.003), tunable=True)
FORAMEN_ANCHOR_STIFFNESS = _mechanics(
    1.937,
    "N/mm",
    _FIT + " (the dural sleeve and foraminal ligaments that hold the nerve's resting tension at the foramen; "
    "they give as the straight-leg raise pulls, so the roots start to move late, R16)",
    CALIBRATED,
    rows=FIT_ROWS, plausible=(0.3, 15), tunable=True)

# The root sleeve at the foramen holds the nerve by friction before it lets it slide (a regularised Coulomb hold with
# the bed's pre-sliding distance): the roots move little early in the straight-leg raise (Gilbert et al. 2007).
FORAMEN_HOLD = _mechanics(
    3.5, "N",
    "estimate, set with Gilbert et al. 2007 in view (roots move little before 60 deg in the straight-leg raise, "
    "cadavers) and kept out of the fit, so that leaving that study out tests the fitted parameters: the force with "
    "which the dural sleeve and foraminal ligaments hold the nerve, beyond its resting tension, before it slides "
    "through the foramen. No direct measurement was found",
    ESTIMATE, rows=("R16",), plausible=(1, 6), tunable=True)

# The dura is one tube from the foramen magnum to the sacrum, and the roots leave it in dural sleeves: neck flexion
# lengthens the cervical canal, pulls the dura toward the head and with it the sleeves that anchor the nerve at the
# foramen, so the neck's movement reaches the leg (the slump test's neck sensitisation).
DURAL_PULL = _mechanics(
    0.4074, "fraction",
    _FIT + " (mostly Ellis et al. 2008 and 2012: the neck's movement reaches the mid-thigh in slump sitting). Share "
    "of the cervical canal's lengthening by which neck flexion moves the anchor of the nerve at the foramen toward "
    "the head; no direct measurement of the root sleeves' movement in living people was found",
    CALIBRATED, rows=FIT_ROWS, plausible=(0.02, 0.5), tunable=True)

# Interface (mesoneurium / dentate ligaments / tethers) stiffness per unit length of tract.
CORD_INTERFACE_STIFFNESS = _mechanics(
    0.0002202, "N/mm^2", _FIT,
    CALIBRATED, rows=FIT_ROWS, plausible=(3e-05, 0.01), tunable=True)
ROOTS_INTERFACE_STIFFNESS = _mechanics(
    1.637e-05, "N/mm^2", _FIT,
    CALIBRATED, rows=FIT_ROWS, plausible=(1e-05, 0.01), tunable=True)
THIGH_INTERFACE_STIFFNESS = _mechanics(
    0.0008011, "N/mm^2", _FIT + " (plexus and sciatic nerve)",
    CALIBRATED, rows=FIT_ROWS, plausible=(0.0001, 0.005), tunable=True)
LEG_INTERFACE_STIFFNESS = _mechanics(
    0.002689, "N/mm^2", _FIT + " (tibial and plantar nerves)",
    CALIBRATED, rows=FIT_ROWS, plausible=(0.0001, 0.01), tunable=True)

# A nerve "tied down" in muscle or fascia: a linear spring to the bed over the tethered length, added to the
# gliding layer. Tether strength s (1-100, or infinity for a nerve fixed to its bed) adds (s - 1) x this stiffness.
TETHER_LENGTH = _mechanics(40.0, "mm", "estimate (a fascial band or scar a few cm long)", ESTIMATE, tunable=True)
TETHER_STIFFNESS_STEP = _mechanics(
    0.0025,
    "N/mm per mm of tether",
    "estimate: the step of the tether scale; what each strength does at each site is measured in the model "
    "(the share of sliding it holds back beyond the tether, model/tethers.py)",
    ESTIMATE,
)

# Grip of the bed on a taut peripheral nerve (Model.movement): a nerve pulled tauter than in standing presses on its
# bed and is held by it, so a movement from a pre-tensioned start slides it less far from the moving joint and the
# end position depends on the order of the movements. Per node: FRICTION_GRIP x node length x the rise of tension
# from standing to the start (a regularised Coulomb friction, set at the start of each movement); the nerve sticks
# for slides below about FRICTION_PRESLIDING, then slides at that capacity.
FRICTION_GRIP = _mechanics(
    0.0009294, "per mm",
    _FIT + ". Rows measured from a pre-positioned start fix it most: Boyd et al. 2013 (the sequence effect, which only "
    "the grip can give; its spread from P = .008 with 10 cadavers, a paired t test assumed), Coppieters et al. 2015, "
    "Ridehalgh et al. 2014 and Boyd et al. 2012 (hip flexed, which was in view when the grip was designed)",
    CALIBRATED, rows=FIT_ROWS, plausible=(0.0003, 0.005), tunable=True)
FRICTION_PRESLIDING = _mechanics(
    0.4695, "mm",
    _FIT + ". The slide below which the grip holds the nerve nearly like a spring (76 % of its capacity at this "
    "slide); bounded by the pre-sliding distances of soft-tissue friction (fractions of a millimetre to a millimetre, "
    "an estimate)",
    CALIBRATED, rows=FIT_ROWS, plausible=(0.25, 1), tunable=True)

#: Parameters that act only during a movement (``Model.movement``): a static solution does not depend on them.
MOVEMENT_ONLY: tuple[str, ...] = ("FRICTION_GRIP", "FRICTION_PRESLIDING")

# --- Hamstrings (Geyer & Herr 2010 reflex walking model, literature_mechanics R133-R140) -------------
# Length change = rho x r x angle; rho = 0.5 accounts for pennation and tendon compliance.
HAMSTRING_HIP_MOMENT_ARM = _hamstrings(
    40.0, "mm", "Geyer & Herr 2010 model: r_hip 80 mm x rho 0.5 (R136, R140)", LITERATURE
)
HAMSTRING_KNEE_MOMENT_ARM = _hamstrings(
    25.0, "mm", "Geyer & Herr 2010 model: r_knee 50 mm x rho 0.5 (R138, R140)", LITERATURE
)
HAMSTRING_LENGTH = _hamstrings(
    410.0,
    "mm",
    "Geyer & Herr 2010 model: optimal fibre length 100 mm + tendon slack length 310 mm (R134, R135)",
    LITERATURE,
)
# Passive hamstring resistance grows with its stretch; the curve's exponent (resistance ~ stretch^n).
HAMSTRING_RESISTANCE_EXPONENT = _hamstrings(
    2.0, "dimensionless", "estimate (passive muscle-tendon force rises faster than linearly with length)", ESTIMATE
)

# Hamstring passive resistance (R14: falls 33 % over a 90 s static stretch, most of it in the first 45 s).
HAMSTRING_RELAXATION_TIMES = _hamstrings((1.0, 10.0, 100.0), "s", "one per decade (as the nerve)", MODEL_CHOICE)
HAMSTRING_RELAXATION_WEIGHT = _hamstrings(
    0.178,
    "fraction per time constant",
    "fitted to R14: 33 % decline of passive torque over 90 s of passive knee extension held at 90 deg hip flexion "
    "(Magnusson et al. 1996)",
    CALIBRATED,
    rows=("R14",),
)

# --- Viscoelasticity of nerve tension (quasi-linear, Prony series; viscoelasticity.py) ---------------
# Relaxation grows with the logarithm of time, as human sciatic nerve relaxes over 2 h (literature scan R039), from
# about RELAXATION_ONSET on, reaching R09's 48 % at 1 h; one time constant per decade, weights fitted to that course
# by tools/fit_relaxation.py. Most of it happens over minutes, as in rat sciatic nerve in vivo (Clark et al. 1992:
# the largest fall of tension within the first 20 min).
RELAXATION_ONSET = _viscoelasticity(
    10.0,
    "s",
    "estimate: relaxation measurable from about 10 s (piglet nerves still relax between 90 s and 300 s, Majmudar "
    "et al. 2021 J Biomech 128:110702)",
    ESTIMATE,
)
NERVE_RELAXATION_TIMES = _viscoelasticity(
    (10.0, 100.0, 1000.0, 10000.0), "s", "one per decade from the onset to beyond 2 h", MODEL_CHOICE
)
NERVE_RELAXATION_WEIGHTS = _viscoelasticity(
    (0.017, 0.2315, 0.1583, 0.2558),
    "fraction per time constant",
    "fitted by tools/fit_relaxation.py to a relaxation linear in log time (R039's shape) reaching 48 % at 1 h held "
    "at 6 % (R09: Kwan et al. 1991, rabbit tibial nerve)",
    CALIBRATED,
    rows=("R09",),
)
# Nerves relax less when held at higher strain (R09 vs R10): the relaxation is scaled by a factor that falls
# from 1 at 6 % strain to 34/48 at 9 % and stays there up to 12 %.
RELAXATION_FULL_BELOW_STRAIN = _viscoelasticity(
    0.06, "fraction", "R09 (Kwan et al. 1991): 48 % relaxation at 6 %", LITERATURE, rows=("R09",)
)
RELAXATION_REDUCED_ABOVE_STRAIN = _viscoelasticity(
    0.09, "fraction", "R10 (Kwan et al. 1991): 34 % at 9 % and 12 %", LITERATURE, rows=("R10",)
)
RELAXATION_REDUCED_FACTOR = _viscoelasticity(
    34.0 / 48.0, "fraction", "R10 / R09 = 34 % / 48 % (Kwan et al. 1991)", LITERATURE, rows=("R09", "R10")
)

# --- Intraneural blood flow versus strain beyond the in-situ length (physiology.py) -----------------
# Strain beyond the in-situ length at which blood flow about halves, and nearly stops (dose thresholds).
HALF_FLOW_STRAIN = _blood_flow(
    8.0,
    "%",
    "rat sciatic nerve: intraneural blood flow -50 % at 8 % stretch (Clark "
    "et al. 1992, R11); venular flow impaired at 8 % (rabbit tibial nerve, Lundborg & Rydevik 1973)",
    LITERATURE,
    rows=("R11",),
)
NO_FLOW_STRAIN = _blood_flow(
    15.0,
    "%",
    "blood flow -80 % at 15 % stretch (R12) and arrest at 15.7 % (Ogata & Naito "
    "1986, R13); all flow stops at about 15 % (rabbit, Lundborg & Rydevik 1973)",
    LITERATURE,
    rows=("R12", "R13"),
)
# (stretch %, flow as a fraction of resting flow); a monotone curve (PCHIP) joins the points.
BLOOD_FLOW_POINTS = _blood_flow(
    ((0.0, 1.0), (4.0, 1.0), (8.0, 0.5), (15.0, 0.2), (15.7, 0.0)),
    "(%, fraction)",
    "8 %: flow -50 % (rat sciatic, Clark et al. 1992, R11); 15 %: -80 % (R12); 15.7 %: arrest (rabbit sciatic, "
    "Ogata & Naito 1986, R13); no reduction up to 4 % is an estimate (everyday movement does not starve nerves)",
    LITERATURE_AND_ESTIMATE,
    rows=("R11", "R12", "R13"),
)


# Where flow starts to fall is not measured (no study between 0 % and 8 %): the lowest and highest plausible onsets
# give the low and high flow curves, and every dose figure that depends on them is reported as a range.
FLOW_ONSET_RANGE = _blood_flow(
    (2.0, 6.0),
    "%",
    "estimate: a straight line through -50 % at 8 % (R11) and arrest at 15.7 % (R13) would start near 0 %; "
    "two hours at 8 % did not slow conduction in rabbit nerve (Brown et al. 1993); 2-6 % brackets the central 4 %",
    ESTIMATE,
    rows=("R11", "R13"),
)


# --- Looking parameters up, and overriding some of them (sensitivity, "what if" in the lessons) ------------

def all_parameters() -> dict[str, Parameter]:
    """Every parameter of the model, by name, in the order of this file.

    Returns
    -------
    dict of str to Parameter

    Examples
    --------
    >>> records = all_parameters()
    >>> records["HIP_BED_RADIUS"] is HIP_BED_RADIUS, all(name.isupper() for name in records)
    (True, True)
    """
    return {name: value for name, value in globals().items() if isinstance(value, Parameter)}


#: Parameters a :class:`neurodynamics.Model` may be given other values for (``Model(parameters={...})``): those
#: marked ``tunable``. Region lengths and zone widths stay fixed so that the sites keep their places along the tract.
TUNABLE: tuple[str, ...] = tuple(name for name, parameter in all_parameters().items() if parameter.tunable)


def check_overrides(overrides: dict[str, float] | None) -> dict[str, float]:
    """Validated overrides: names from TUNABLE, values finite and within 1/10 to 10 times the default.

    Parameters
    ----------
    overrides : dict of str to float or None
        Parameter name -> another value, in the parameter's unit.

    Returns
    -------
    dict of str to float
        The overrides, values as floats.

    Raises
    ------
    TypeError
        For a value that is not a number.
    ValueError
        For a name not in :data:`TUNABLE`, or a value that is not finite or outside 1/10 to 10 times the default.

    Examples
    --------
    >>> check_overrides({"TETHER_LENGTH": 50})
    {'TETHER_LENGTH': 50.0}
    >>> check_overrides({"HIP_BED_RADIUS": 1000})
    Traceback (most recent call last):
    ...
    ValueError: parameter HIP_BED_RADIUS = 1000 is outside the allowed range 4.1 to 410 (mm)
    """
    checked = {}
    for name, value in (overrides or {}).items():
        if name not in TUNABLE:
            raise ValueError(f"parameter {name!r} cannot be changed; tunable parameters are {', '.join(TUNABLE)}")
        default = globals()[name].value
        low, high = sorted((default / 10.0, default * 10.0))
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"parameter {name} must be a number, got {value!r}; allowed range {low:g} to {high:g}")
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError(
                f"parameter {name} = {value!r} is outside the allowed range {low:g} to {high:g} "
                f"({globals()[name].unit})"
            )
        checked[name] = float(value)
    return checked


def lookup(name: str, overrides: dict[str, float] | None = None) -> float:
    """The value of parameter ``name``: the override if one is given, else the default above.

    The one way to read a tunable parameter (a model's overrides apply); a fixed one may be read as ``P.NAME.value``.

    Parameters
    ----------
    name : str
        The parameter's name.
    overrides : dict of str to float, optional
        A model's other values (``Model.parameters``).

    Returns
    -------
    float
        The value, in the parameter's unit.

    Examples
    --------
    >>> lookup("TETHER_LENGTH", {"TETHER_LENGTH": 50.0})
    50.0
    >>> lookup("TETHER_LENGTH") == TETHER_LENGTH.value
    True
    """
    return (overrides or {}).get(name, globals()[name].value)
